"""The bibliography: real, well-formed entries, all cited, in author–year order."""

import re

import pytest
import yaml
from pybtex.database import parse_file

from edition.tools import check_bib
from conftest import DOCS, LANGUAGES, ROOT, chapter_pages, site, soup

BIBS = sorted((ROOT / "bib").glob("*.bib"))
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
# the year of a label: YYYY, a range, or the language's "no date" for an undated web text
YEAR = r"(\d{4}(–\d{4})?[a-z]?|жылсыз|б\. г\.|n\.d\.)"


def all_entries():
    entries = {}
    for path in BIBS:
        entries.update(parse_file(str(path)).entries)
    return entries


def cited_keys():
    keys = set()
    for page in DOCS.rglob("*.md"):
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", page.read_text(encoding="utf-8")):
            keys.update(k.strip() for k in group.split(","))
    import yaml  # the editor's notes cite too: their {cite:p} is rendered with the note
    notes = yaml.safe_load((DOCS / "_data" / "notes.yaml").read_text(encoding="utf-8"))["notes"]
    keys.update(key for note in notes for key in note.get("cite") or [])
    return keys


def test_bib_files_pass_the_lint():
    assert BIBS and check_bib.lint(BIBS) == []


def test_every_entry_is_cited_and_every_citation_is_an_entry():
    assert len(all_entries()) >= 12
    assert cited_keys() == set(all_entries())


def test_every_chapter_cites_a_source():
    for page in chapter_pages("kk"):
        assert soup(page).select("span.bibtex-citation a[href*='bibliography.html#']"), page.name


def test_bibliography_page_lists_every_work_author_year_in_alphabetical_order():
    page = soup(site("kk") / "bibliography.html")
    labels = [span.get_text().strip("[]") for span in page.select("div.citation span.label")]
    assert len(labels) == len(all_entries())
    for label in labels:
        assert re.search(f" {YEAR}$", label), label

    def key(label):
        return [(2, ALPHABET.index(c)) if c in ALPHABET else (1, ord(c)) for c in label.lower()]
    assert labels == sorted(labels, key=key)


def test_in_text_citations_are_author_year_in_parentheses():
    for page in chapter_pages("kk"):
        for citation in soup(page).select("span.bibtex-citation"):
            level = r"( \[[^\]]+\])?"  # the support level beside a citation that is not full
            assert re.fullmatch(rf"\(.+ {YEAR}{level}(; .+ {YEAR}{level})*\)", citation.get_text()), \
                citation.get_text()


BAD = {
    "syntax": ("@book{broken1999title,\n  title = {Unclosed,\n", "does not parse"),
    "duplicate": ("@misc{dup2000word, title={A}, year={2000}, howpublished={x}}\n"
                  "@misc{dup2000word, title={B}, year={2000}, howpublished={y}}\n", "duplicate key"),
    "key-convention": ("@misc{Bad_Key, title={A}, year={2000}, howpublished={x}}\n", "does not follow"),
    "missing-field": ("@book{olcott1987word, title={The Kazakhs}, year={1987}}\n", "lacks publisher"),
    "isbn": ("@misc{smith2000word, title={A}, year={2000}, howpublished={x}, isbn={0-19-852663-7}}\n",
             "wrong checksum"),
    "url": ("@misc{smith2000word, title={A}, year={2000}, howpublished={x}, url={http://example.org/a}}\n",
            "not a well-formed https URL"),
    "book-no-year-no-note": ("@book{smith2000word, title={A}, publisher={P}, address={A}}\n", "lacks year or note"),
    "no-year-no-urldate": ("@misc{smith2000word, title={A}, howpublished={x}}\n", "lacks year or urldate"),
    "urldate": ("@misc{smith2000word, title={A}, howpublished={x}, urldate={2026-02-30}}\n",
                "not a real YYYY-MM-DD date"),
    "volume": ("@book{smith2000word, title={A}, year={2000}, publisher={P}, address={A}, volume={IV}}\n",
               "is not a number"),
    "translator": ("@book{smith2000word, title={A}, year={2000}, publisher={P}, address={A},"
                   " translator={Ruth Hein}}\n", "is not 'Surname, Given name'"),
    "origdate": ("@book{smith2000word, title={A}, year={2000}, publisher={P}, address={A},"
                 " origtitle={B}, origdate={1958-01}}\n", "origdate '1958-01' is not YYYY"),
}


@pytest.mark.parametrize("name", BAD)
def test_lint_rejects_a_bad_bib_file_naming_file_and_line(tmp_path, name):
    text, message = BAD[name]
    path = tmp_path / f"{name}.bib"
    path.write_text("% a bad file\n" + text, encoding="utf-8")
    problems = check_bib.lint([path])
    assert any(p.startswith(f"{path}:") and message in p for p in problems), problems


def test_isbn_checksum_accepts_valid_isbns():
    assert check_bib.isbn_is_valid("0-19-852663-6") and check_bib.isbn_is_valid("978-0-306-40615-7")


@pytest.mark.parametrize("lang, conjunction", [("kk", " және "), ("ru", " и "), ("en", " and ")])
def test_bibliography_style_speaks_the_build_language(lang, conjunction):
    from edition.apparatus import bibliography_styles  # noqa: F401  (registers the edition-<lang> styles)
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    data = parse_string("@book{smith2000word, author={Smith, Ann and Brown, Bob}, title={A Title},"
                        " publisher={P}, address={A}, year={2000}, edition={2}}", "bibtex")
    style = find_plugin("pybtex.style.formatting", f"edition-{lang}")()
    entry = next(iter(style.format_entries(data.entries.values())))
    text = entry.text.render_as("text")
    assert conjunction in text and entry.label == "Smith 2000"
    if lang != "en":
        assert " and " not in text and "edition" not in text


@pytest.mark.parametrize("lang, volume, translated, accessed, undated", [
    ("kk", "Т. 4.", "Аударған: Ruth Hein. Түпнұсқасы: Die Rätebewegung, 1958.", "Қаралған күні: 28.11.2026.", "жылсыз"),
    ("ru", "Т. 4.", "Перевод: Ruth Hein. Оригинал: Die Rätebewegung, 1958.", "Дата обращения: 28.11.2026.", "б. г."),
    ("en", "Volume 4 of A Series.", "Translated by Ruth Hein. Original: Die Rätebewegung, 1958.",
     "Accessed 28 November 2026.", "n.d."),
])
def test_volume_translator_and_urldate_print_in_the_build_language(lang, volume, translated, accessed, undated):
    from edition.apparatus import bibliography_styles  # noqa: F401
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    data = parse_string(
        "@book{smith2000word, author={Smith, Ann}, title={A Title}, publisher={P}, address={A}, year={2000},"
        " volume={4}, translator={Hein, Ruth}, origtitle={Die Rätebewegung}, origdate={1958}}"
        "@misc{page2026word, title={A Page}, howpublished={A Wiki}, urldate={2026-11-28}}", "bibtex")
    if lang == "en":
        data.entries["smith2000word"].fields["series"] = "A Series"
    style = find_plugin("pybtex.style.formatting", f"edition-{lang}")()
    book, page = sorted(style.format_entries(data.entries.values()), key=lambda e: e.key)[::-1]
    assert volume in book.text.render_as("text") and translated in book.text.render_as("text")
    assert accessed in page.text.render_as("text") and page.label == f"A Page {undated}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_editorial_page_gives_the_witness_with_its_url_and_its_layers(lang):
    from urllib.parse import unquote
    entries = all_entries()
    witness = entries["uikipediya2026kenes"].fields
    assert witness["url"].startswith("https://kk.wikipedia.org/wiki/") and "CC BY-SA 4.0" in witness["note"]
    section = soup(site(lang) / "editorial.html").select_one("section#editorial-provenance")
    links = {unquote(a["href"]) for a in section.select("a[href^='http']")}
    assert witness["url"] in links
    assert entries["kenes2012okimeti"].fields["url"] in links  # the encyclopedia article's reprint
    assert any(link.startswith("http://engime.org/") and link.endswith("?page=85") for link in links)
    text = section.get_text(" ")
    assert "CC BY-SA 4.0" in text and "2026" in text
    for key in ("uikipediya2026kenes", "kazakhstan1998ulttyk", "kenes2012okimeti", "tarikh2021otvety"):
        assert section.select_one(f"a[href$='#bib-{key}']"), key

