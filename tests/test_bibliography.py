"""The bibliography: real, well-formed entries, all cited, in author–year order."""

import re

import pytest
from pybtex.database import parse_file

import check_bib
from conftest import DOCS, ROOT, chapter_pages, site, soup

BIBS = sorted((ROOT / "bib").glob("*.bib"))
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


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
        assert re.search(r" \d{4}(–\d{4})?[a-z]?$", label), label

    def key(label):
        return [(2, ALPHABET.index(c)) if c in ALPHABET else (1, ord(c)) for c in label.lower()]
    assert labels == sorted(labels, key=key)


def test_in_text_citations_are_author_year_in_parentheses():
    for page in chapter_pages("kk"):
        for citation in soup(page).select("span.bibtex-citation"):
            assert re.fullmatch(r"\(.+ \d{4}(–\d{4})?[a-z]?\)", citation.get_text()), citation.get_text()


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
    import bibliography_styles  # noqa: F401  (registers the edition-<lang> styles)
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
