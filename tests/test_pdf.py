"""The PDFs: one per language, fonts embedded, Kazakh letters intact, captions in the language."""

import re
import runpy
import shutil
import subprocess
from functools import cache

import polib
import pypdf
import pytest
import yaml
from lxml import etree

from edition.printed import tex
from conftest import (HTML, LANGUAGES, ROOT, SOURCE, edition_url, scratch_project, soup, sphinx_build,
                      translated_from_words)

PDF = ROOT / "_build" / "pdf"
CAPTIONS = {
    "kk": ["Мазмұны", "Тарау 1", "Терминдер сөздігі", "Әдебиеттер", "Көрсеткіш"],
    "ru": ["Содержание", "Глава 1", "Литература", "Алфавитный указатель"],
    "en": ["Contents", "Chapter 1", "Bibliography", "Index"],
}


def pdf_path(lang):
    path = PDF / f"kenes-ukimeti-{lang}.pdf"
    if not path.exists():
        pytest.fail(f"{path} is not built: run `make pdf` first")
    return path


@cache
def pdf_text(lang):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path(lang)), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded(lang):
    lines = subprocess.run(["pdffonts", str(pdf_path(lang))], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_kazakh_letters_extract_intact():
    text = pdf_text("kk")
    for letter in "әғқңөұүһі":  # һ stands only in the alphabet of the editorial page
        assert letter in text or letter.upper() in text, letter
    assert "Қазақстанда" in text and "Кеңестердің" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_has_its_captions_contents_glossary_bibliography_and_index(lang):
    text = pdf_text(lang)
    for caption in CAPTIONS[lang]:
        assert caption in text, (lang, caption)
    assert "Olcott 1987" in text and "Anweiler 1974" in text
    assert "term-kenes" not in text  # anchors are not printed


@pytest.mark.parametrize("lang, word", [("kk", "Ресей"), ("ru", "Семипалатинск"), ("en", "Vernyi")])
def test_index_of_persons_and_places_is_in_the_pdf(lang, word):
    text = pdf_text(lang)
    index = text[text.rindex("Olcott 1987"):]  # the index follows the bibliography
    assert word in index


def test_a_missing_glyph_fails_the_pdf_build(tmp_path):
    project = scratch_project(tmp_path)
    chapter = project / "docs" / "chapters" / "01-term.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nБелгі: 𐰀.\n", encoding="utf-8")
    result = subprocess.run(["make", "-C", str(project), "pdf-kk", f"VENV={ROOT / '.venv'}"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode != 0
    assert "missing characters" in result.stdout + result.stderr


# -- the PDF as a book: no blank or near-empty pages, title and verso, index, metadata --

# A4 is 842 pt high; Sphinx's geometry leaves 1 in (72 pt) above and below the text block,
# with the running head above it and the page number below it.
TOP, BOTTOM = 72.0, 842.0 - 72.0
FRONT_PAGES = 2  # the title page and its verso


def page_lines(path):
    """Per page, the text lines as (yMin, yMax, text), from `pdftotext -bbox-layout`."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         check=True).stdout
    pages = []
    for page in etree.fromstring(xml).iter("{*}page"):
        pages.append([(float(line.get("yMin")), float(line.get("yMax")),
                       " ".join(word.text for word in line.iter("{*}word")))
                      for line in page.iter("{*}line")])
    return pages


@cache
def book_pages(lang):
    return page_lines(pdf_path(lang))


def fill(lines):
    """How far down the text block a page's text reaches (0 empty, 1 full), head and foot left out."""
    body = [bottom for top, bottom, _ in lines if top >= TOP - 12 and bottom <= BOTTOM + 10]
    return (max(body) - TOP) / (BOTTOM - TOP) if body else 0.0


def underfull_pages(pages):
    """The page numbers (1-based) of the text that are less than a quarter full: every page
    but the title, the verso and the last one."""
    return [n for n, lines in enumerate(pages, 1)
            if FRONT_PAGES < n < len(pages) and fill(lines) < 0.25]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_blank(lang):
    blank = [n for n, lines in enumerate(book_pages(lang), 1) if not lines]
    assert not blank, f"{lang}: blank pages {blank}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_of_the_text_is_less_than_a_quarter_full(lang):
    pages = book_pages(lang)
    # 15,000 characters of text and, since issue 22, 55 editor's notes set as footnotes (46 pages, kk)
    assert len(pages) < 52, f"{lang}: {len(pages)} pages for a text of 15,000 characters and its notes"
    assert not underfull_pages(pages), [(n, round(fill(pages[n - 1]), 2)) for n in underfull_pages(pages)]


def catalog_text(lang, msgid):
    """An interface string as the PDF of *lang* prints it (edition.po, in every language)."""
    path = ROOT / "locales" / lang / "LC_MESSAGES" / "edition.po"
    entry = polib.pofile(str(path)).find(msgid)
    assert entry and entry.msgstr, f"{path}: no translation of {msgid!r}"
    return entry.msgstr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_title_page_then_verso_with_edition_editors_citation_then_contents(lang):
    conf = runpy.run_path(str(ROOT / "conf.py"))
    pages = [" ".join(text for *_, text in lines) for lines in book_pages(lang)]
    title = conf["edition_titles"][lang]
    assert title in pages[0] and conf["edition_editors"][lang] in pages[0]
    verso = pages[1]
    for value in (title, conf["edition_editors"][lang], conf["release"], conf["edition_date"],
                  edition_url(lang), conf["edition_license"]):  # the release's own address
        assert value in verso, (lang, value, verso)
    for msgid in ("How to cite this PDF:", "N is the page number printed at the foot of the page."):
        assert catalog_text(lang, msgid) in verso, (lang, msgid, verso)
    # the citation itself, with its page: "…, PDF, p. N." in the language of the edition
    citation = catalog_text(lang, "%(editors)s. %(title)s. Version %(version)s, %(date)s. PDF, p. %(page)s.")
    # a translation is cited as one: "<title>. Translated from the Kazakh by <the editors>"
    cited = title if lang == SOURCE else f"{title}. {translated_from_words(lang)}"
    citation = citation % {"editors": conf["edition_editors"][lang], "title": cited, "version": conf["release"],
                           "date": conf["edition_date"], "page": "N"}
    assert citation in verso, (lang, citation, verso)
    assert CAPTIONS[lang][0] in pages[2], f"{lang}: the contents do not follow the verso"


def index_groups_with_columns(path):
    """(page, column, top, letter) for the one-letter lines of the index pages, via the bbox output."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         check=True).stdout
    found, in_index = [], False
    for n, page in enumerate(etree.fromstring(xml).iter("{*}page")):
        middle = float(page.get("width")) / 2
        for line in page.iter("{*}line"):
            text = " ".join(word.text for word in line.iter("{*}word"))
            if text == "Көрсеткіш":
                in_index = True
            elif in_index and len(text) == 1 and text.isalpha() and text.isupper():
                column = 0 if float(line.get("xMin")) < middle else 1
                found.append((n, column, float(line.get("yMin")), text))
    return [letter for *_, letter in sorted(found)]


def follows_the_alphabet(letters):
    from edition.apparatus.kazakh_collation import ALPHABET
    order = ALPHABET.upper()
    return all(letter in order for letter in letters) and \
        [order.index(letter) for letter in letters] == sorted(order.index(letter) for letter in letters)


def test_kazakh_index_groups_follow_the_kazakh_alphabet():
    letters = index_groups_with_columns(pdf_path("kk"))
    assert follows_the_alphabet(letters), letters
    # the letters that xindy's general module sorted by code point, each its own group, in place
    for before, letter, after in (("А", "Ә", "Б"), ("К", "Қ", "Л"), ("О", "Ө", "П"), ("У", "Ұ", "Х")):
        assert letters.index(before) + 1 == letters.index(letter) == letters.index(after) - 1, letters


def test_index_groups_of_xindys_general_module_fail_the_check(tmp_path):
    """Negative control: the same index sorted by xindy without kazakh.xdy breaks the alphabet
    check, and with it (as the build runs it) passes."""
    latex = ROOT / "_build" / "latex" / "kk"
    for name in ("kenes-ukimeti.idx", "sphinx.xdy", "kazakh.xdy"):
        shutil.copy(latex / name, tmp_path / name)
    general = tmp_path / "general.xdy"
    general.write_text((latex / "sphinx.xdy").read_text(encoding="utf-8").replace('(require "kazakh.xdy")', ""),
                       encoding="utf-8")
    groups = {}
    for module in ("general.xdy", "sphinx.xdy"):
        subprocess.run(["xindy", "-q", "-L", "general", "-C", "utf8", "-M", module, "-o", "index.ind",
                        "kenes-ukimeti.idx"], cwd=tmp_path, capture_output=True, check=True)
        groups[module] = re.findall(r"\\lettergroup\{(.)\}", (tmp_path / "index.ind").read_text(encoding="utf-8"))
    assert groups["general.xdy"] and not follows_the_alphabet(groups["general.xdy"]), groups
    assert follows_the_alphabet(groups["sphinx.xdy"]) and "Ә" in groups["sphinx.xdy"], groups


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_declares_its_language_and_describes_itself_in_it(lang):
    reader = pypdf.PdfReader(pdf_path(lang))
    assert reader.trailer["/Root"]["/Lang"] == lang
    conf = runpy.run_path(str(ROOT / "conf.py"))
    info = reader.metadata
    assert info.title == conf["edition_titles"][lang]
    assert info.author == conf["edition_editors"][lang]
    assert info.subject == catalog_text(lang, "A critical trilingual edition of the Kazakh encyclopedic "
                                              "article «Кеңес үкіметі» (Soviet power)")
    assert info["/Keywords"] == catalog_text(lang, "Soviet power, soviets, Kazakhstan, 1917, scholarly edition")
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    heading = soup(HTML / lang / "chapters" / "01-term.html").select_one("article h1").get_text()
    first_chapter = re.sub(r"^[\d.]+\s*", "", heading.rstrip("#¶ ").strip())  # "1. " is the HTML's number
    assert bookmarks[0] == first_chapter, bookmarks
    assert bookmarks[-1] == CAPTIONS[lang][-1], bookmarks  # the index, named in the language


def test_the_checks_catch_the_book_layout_missing(tmp_path):
    """Negative control: without edition/printed/pdf_book.py (Sphinx's recto chapters, no verso, no /Lang)
    the quarter-full check finds near-empty pages and the catalog has no /Lang."""
    project = scratch_project(tmp_path)
    parts = project / "edition" / "__init__.py"  # the edition's parts, without pdf_book
    parts.write_text(re.sub(r'^    "edition\.printed\.pdf_book",.*\n', "", parts.read_text(encoding="utf-8"), flags=re.M),
                     encoding="utf-8")
    result = subprocess.run(["make", "-C", str(project), "pdf-kk", f"VENV={ROOT / '.venv'}"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    path = project / "_build" / "pdf" / "kenes-ukimeti-kk.pdf"
    pages = page_lines(path)
    assert underfull_pages(pages) and len(pages) > 45, [round(fill(lines), 2) for lines in pages]
    assert "/Lang" not in pypdf.PdfReader(path).trailer["/Root"]


def test_an_edition_date_that_is_no_date_is_reported_with_file_and_line(tmp_path):
    project = scratch_project(tmp_path)
    conf = project / "conf.py"
    text = conf.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("edition_date"))
    conf.write_text(re.sub(r'^edition_date = "[^"]*"', 'edition_date = "28.11.2026"', text, flags=re.M),
                    encoding="utf-8")
    result = sphinx_build(project, "kk", "latex")
    assert result.returncode != 0
    assert f"{conf}:{line}: edition_date '28.11.2026' is not a date" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout


# -- untrusted text in the PDF: catalogs and the language registry print as written --------

SECRET = "SECRETTOKENFORTYTWO"
LATEX_PAYLOADS = {  # edition.po msgid (or languages.yaml field): what a translator or registry sets
    # the battery's (shared/reviews/reliability-2.md P1, P2, P4, P6, P7)
    "Mar": r"Mar\input{SECRET}",
    "Apr": r"Apr\immediate\write18{touch PWNED}",
    "Contents": r"Contents\protect\input{SECRET}",
    "Index": "Index & concordance (100% complete)",
    # the title and the editors: braces and backslashes are refused in them (BibTeX could not
    # carry them, tests/test_citing.py), every other LaTeX special prints
    "title": "Soviet Power & Society: 100% of the_text #1 ~ $5 ^ x",
    "editors": "Editors ~ 50% & Co_op #2 $ ^",
    # our own: the same file read by other spellings of \input, and a way out of the braces
    "Jun": "Jun^^5cinput{SECRET}",
    "Jul": r"Jul\csname input\endcsname{SECRET}",
    "Aug": r"Aug}\input{SECRET}{",
    "Bibliography": r"Bibliography\openin5=SECRET \read5 to\x \x",
    "Chapter": r"Chapter\makeatletter\@@input SECRET ",
}


def plant_latex_payloads(project, secret):
    """Every payload of LATEX_PAYLOADS, with SECRET the path of a file holding the word SECRET."""
    payloads = {key: value.replace("SECRET", str(secret)) for key, value in LATEX_PAYLOADS.items()}
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "edition.po"
    po = polib.pofile(str(catalog), wrapwidth=79)
    for entry in po:
        if entry.msgid in payloads:
            entry.msgstr = payloads[entry.msgid]
    po.save()
    registry = project / "docs" / "_data" / "languages.yaml"
    document = yaml.safe_load(registry.read_text(encoding="utf-8"))
    english = next(language for language in document["languages"] if language["code"] == "en")
    english.update(title=payloads["title"], editors=payloads["editors"])
    registry.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the payloads' words (input, tmp, …) pass the spell check: what is tested is the LaTeX
    with open(project / "locales" / "en" / "wordlist.txt", "a", encoding="utf-8") as wordlist:
        wordlist.write("".join(f"{word}\n" for word in set(re.findall(r"[A-Za-z]+", " ".join(payloads.values())))))
    return payloads


def test_catalog_and_registry_text_prints_literally_in_the_pdf_and_reads_no_file(tmp_path):
    """P1, P2, P6, P7 (and P4's specials): a month, a caption, the title and the editors reach the
    PDF as the text they are; no file named in them is read, no command is run."""
    project = scratch_project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    payloads = plant_latex_payloads(project, secret)
    result = subprocess.run(["make", "-C", str(project), "pdf-en", f"VENV={ROOT / '.venv'}"],
                            capture_output=True, text=True, timeout=1500)
    log = project / "_build" / "latex" / "en" / "make.log"
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:] + (
        log.read_text(errors="replace")[-3000:] if log.exists() else "")
    pdf = project / "_build" / "pdf" / "kenes-ukimeti-en.pdf"
    # -raw: the text in the order it is drawn (the timeline's month labels overlap their neighbours);
    # compared without white space, which a line break adds or takes away
    text = "".join(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    assert SECRET not in text
    assert not list(project.rglob("PWNED"))
    # every value is in the LaTeX as Sphinx's LaTeX escaping writes it
    latex = (project / "_build" / "latex" / "en" / "kenes-ukimeti.tex").read_text(encoding="utf-8")
    assert [key for key, payload in payloads.items() if tex(payload) not in latex] == []
    # and printed as it is written, where the English PDF shows it (polyglossia's English captions
    # replace the catalog's chapter, bibliography and index names: edition/printed/pdf_captions.py)
    shown = {key: payload for key, payload in payloads.items() if key not in ("Chapter", "Bibliography", "Index")}
    assert [(key, payload) for key, payload in shown.items() if "".join(payload.split()) not in text] == []
    info = pypdf.PdfReader(pdf).metadata
    assert (info.title, info.author) == (payloads["title"], payloads["editors"])
