"""The EPUBs: one per language, valid by epubcheck, described in their language, with the
contents, the glossary, the editor's notes as EPUB notes and a font for the Kazakh letters."""

import re
import runpy
import subprocess
import zipfile
from functools import cache

import pytest
from lxml import etree

from conftest import LANGUAGES, ROOT, data, make, scratch_project

EPUB = ROOT / "_build" / "epub"
EPUBCHECK = ["java", "-jar", "/usr/share/java/epubcheck.jar"]
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
CONF = runpy.run_path(str(ROOT / "conf.py"))


def epub_path(lang):
    path = EPUB / f"kenes-ukimeti-{lang}.epub"
    if not path.exists():
        pytest.fail(f"{path} is not built: run `make epub` first")
    return path


def epubcheck(path):
    return subprocess.run([*EPUBCHECK, str(path)], capture_output=True, text=True, timeout=300)


@cache
def book(lang):
    """name -> bytes of every file in the EPUB."""
    with zipfile.ZipFile(epub_path(lang)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@cache
def package(lang):
    """The OPF (package document), found through META-INF/container.xml, and its folder."""
    files = book(lang)
    container = etree.fromstring(files["META-INF/container.xml"])
    opf = container.find(".//c:rootfile", NS).get("full-path")
    folder = opf.rpartition("/")[0]
    return etree.fromstring(files[opf]), (folder + "/" if folder else "")


def xhtml(lang, name):
    return etree.fromstring(book(lang)[package(lang)[1] + name])


def manifest(lang):
    opf, _ = package(lang)
    return {item.get("href"): item for item in opf.iterfind(".//opf:manifest/opf:item", NS)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_is_valid_by_epubcheck(lang):
    result = epubcheck(epub_path(lang))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "No errors or warnings detected" in output, output[-3000:]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_metadata_is_in_its_language(lang):
    opf, _ = package(lang)
    metadata = opf.find("opf:metadata", NS)
    assert metadata.findtext("dc:language", namespaces=NS) == lang
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert metadata.findtext("dc:title", namespaces=NS) == CONF["edition_titles"][lang]
    assert metadata.findtext("dc:creator", namespaces=NS) == CONF["edition_editors"][lang]
    identifier = metadata.find("dc:identifier", NS)
    assert identifier.get("id") == opf.get("unique-identifier")
    assert identifier.text == f"kenes-ukimeti-{CONF['release']}-{lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_has_a_contents_list_with_every_chapter_the_glossary_and_the_index(lang):
    opf, _ = package(lang)
    nav_href = next(href for href, item in manifest(lang).items() if "nav" in (item.get("properties") or "").split())
    nav = xhtml(lang, nav_href)
    toc = next(n for n in nav.iterfind(".//x:nav", NS) if n.get(EPUB_TYPE) == "toc")
    targets = [a.get("href").split("#")[0] for a in toc.iterfind(".//x:a", NS)]
    chapters = sorted(p.stem for p in (ROOT / "docs" / "chapters").glob("*.md"))
    for chapter in chapters:
        assert f"chapters/{chapter}.xhtml" in targets, (lang, chapter)
    assert "glossary.xhtml" in targets
    spine = [manifest_id.get("idref") for manifest_id in opf.iterfind(".//opf:spine/opf:itemref", NS)]
    ids = {item.get("id"): href for href, item in manifest(lang).items()}
    assert "glossary.xhtml" in [ids[i] for i in spine] and "genindex.xhtml" in [ids[i] for i in spine]
    glossary = xhtml(lang, "glossary.xhtml")
    terms = glossary.findall(".//x:dl[@class='simple glossary']/x:dt", NS)
    assert len(terms) == len(data("termbase")["terms"]), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_editors_notes_are_epub_notes_that_their_references_reach(lang):
    notes = refs = 0
    for href in manifest(lang):
        if not href.startswith("chapters/"):
            continue
        page = xhtml(lang, href)
        endnotes = {li.get("id") for li in page.iter("{*}li") if li.get(EPUB_TYPE) == "endnote"}
        for a in page.iter("{*}a"):
            if a.get(EPUB_TYPE) == "noteref":
                refs += 1
                assert a.get("href").lstrip("#") in endnotes, (lang, href, a.get("href"))
        if endnotes:
            section = next(s for s in page.iter("{*}section") if s.get(EPUB_TYPE) == "endnotes")
            assert section.get("role") == "doc-endnotes"
        notes += len(endnotes)
    assert refs == notes > 0
    used = {m for p in (ROOT / "docs" / "chapters").glob("*.md")
            for m in re.findall(r"\{ednote\}`([^`]+)`", p.read_text(encoding="utf-8"))}
    assert notes == len(used), (notes, len(used))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_embeds_a_font_with_the_kazakh_letters_and_its_licence(lang, tmp_path):
    fonts = {href: item for href, item in manifest(lang).items() if item.get("media-type") == "font/ttf"}
    assert fonts, "no embedded font"
    folder = package(lang)[1]
    css = book(lang)[folder + "_static/fonts.css"].decode("utf-8")
    assert "Bitstream Vera" in css and "Permission is hereby granted" in css  # the licence goes with it
    assert re.search(r'body[^{]*\{ font-family: "DejaVu Serif"', css)
    # the four faces: a reading system that lacks an italic slants the roman (book titles)
    faces = set(re.findall(r'font-style: (\w+); font-weight: (\w+); src: url\("fonts/', css))
    assert faces == {("normal", "normal"), ("normal", "bold"), ("italic", "normal"), ("italic", "bold")}, faces
    for href in fonts:
        assert f'url("{href.removeprefix("_static/")}")' in css, href
        path = tmp_path / href.rpartition("/")[2]
        path.write_bytes(book(lang)[folder + href])
        charset = subprocess.run(["fc-query", "--format=%{charset}", str(path)], capture_output=True,
                                 text=True, check=True).stdout
        ranges = [tuple(int(x, 16) for x in part.split("-")) if "-" in part else (int(part, 16),) * 2
                  for part in charset.split()]
        for letter in "ӘәҒғҚқҢңӨөҰұҮүҺһІі":
            assert any(low <= ord(letter) <= high for low, high in ranges), (href, letter)
    for href in manifest(lang):
        if href.endswith(".xhtml") and href != "nav.xhtml":
            head = xhtml(lang, href).find("x:head", NS)
            links = [link.get("href") for link in head.iterfind("x:link", NS)]
            assert any(link.endswith("_static/fonts.css") for link in links), href


CONTENTS = {"kk": "Мазмұны", "ru": "Оглавление", "en": "Table of Contents"}  # Sphinx's catalogs' words


def nav_labels(lang):
    nav = xhtml(lang, "nav.xhtml")
    return nav, [(a.get("href"), " ".join("".join(a.itertext()).split())) for a in nav.iterfind(".//x:nav//x:a", NS)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_contents_are_titled_in_the_book_language_with_chapter_numbers_in_order(lang):
    nav, labels = nav_labels(lang)
    assert nav.findtext("x:head/x:title", namespaces=NS) == CONTENTS[lang]
    assert nav.findtext(".//x:nav/x:h1", namespaces=NS) == CONTENTS[lang]
    opf, _ = package(lang)
    assert [r.get("title") for r in opf.iterfind(".//opf:guide/opf:reference", NS)] == [CONTENTS[lang]]
    chapters = [label for href, label in labels if re.fullmatch(r"chapters/[^#]+", href)]
    assert [label.split(". ")[0] for label in chapters] == [str(n) for n in range(1, 10)], chapters
    sections = [label for href, label in labels if href.startswith("chapters/07-") and "#" in href]
    assert sections and all(re.match(r"7\.\d+\. \S", label) for label in sections), sections
    # the list is not numbered again by the reading system (the title page would be "1.")
    assert "nav ol { list-style-type: none; }" in nav.findtext("x:head/x:style", namespaces=NS)


LANGUAGE_CODES = {"kk": "kaz", "ru": "rus", "en": "eng"}  # ISO 639-2, as calibre reports a language


@cache
def calibre_text(lang, folder):
    out = folder / f"{lang}.txt"
    subprocess.run(["ebook-convert", str(epub_path(lang)), str(out)], capture_output=True, text=True,
                   check=True, timeout=300)
    return " ".join(out.read_text(encoding="utf-8").split())


def words(element) -> str:
    return " ".join("".join(element.itertext()).replace("¶", "").split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reading_system_reads_every_chapter_title_note_and_glossary_entry_and_the_metadata(lang, tmp_path):
    """Debian's calibre opens each EPUB (ebook-convert to text, ebook-meta): every chapter
    title of the contents, every editor's note and every glossary term with its definition
    come through, and the metadata reads back in the book's language."""
    text = calibre_text(lang, tmp_path)
    _nav, labels = nav_labels(lang)
    for href, label in labels:
        title = re.sub(r"^[\d.]+\. ", "", label)
        assert title in text, (lang, href, title)
    notes = [words(li) for href in manifest(lang) if href.startswith("chapters/")
             for li in xhtml(lang, href).iter("{*}li") if li.get(EPUB_TYPE) == "endnote"]
    assert len(notes) > 20
    for note in notes:
        # the backlink's arrow and the number are the reading system's to render
        body = note.lstrip("↩ ").strip()
        assert body[:60] in text, (lang, body[:60])
    glossary = xhtml(lang, "glossary.xhtml")
    terms = glossary.findall(".//x:dl[@class='simple glossary']/x:dt", NS)
    definitions = glossary.findall(".//x:dl[@class='simple glossary']/x:dd", NS)  # an entry may have two terms
    assert len(terms) == len(data("termbase")["terms"]) and len(definitions) > len(terms) - 5
    for entry in terms + definitions:
        assert words(entry)[:80] in text, (lang, words(entry)[:80])
    meta = subprocess.run(["ebook-meta", str(epub_path(lang))], capture_output=True, text=True, check=True,
                          timeout=120).stdout
    fields = dict(line.split(":", 1) for line in meta.splitlines() if ":" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    assert fields["Title"] == CONF["edition_titles"][lang], fields
    assert fields["Languages"] == LANGUAGE_CODES[lang], fields
    assert fields["Author(s)"] == CONF["edition_editors"][lang], fields


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_tables_fit_a_600_px_reading_system(lang, browser, tmp_path):
    """Each page with a table, rendered at 600 px as a reading system does (the book's own
    stylesheets): no table is wider than the page, nothing scrolls sideways."""
    with zipfile.ZipFile(epub_path(lang)) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / package(lang)[1]
    pages = sorted(href for href in manifest(lang) if href.endswith(".xhtml")
                   and xhtml(lang, href).find(".//x:table", NS) is not None)
    assert "chronology.xhtml" in pages
    context = browser.new_context(viewport={"width": 600, "height": 900})
    page = context.new_page()
    wide = {}
    for href in pages:
        page.goto((folder / href).as_uri())
        width = page.evaluate("document.scrollingElement.scrollWidth")
        tables = page.evaluate("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)")
        if width > 600 or any(right > 600 for right in tables):
            wide[href] = (width, tables)
    context.close()
    assert not wide, wide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_carries_no_script_and_no_web_only_markup(lang):
    for href in manifest(lang):
        if not href.endswith(".xhtml"):
            continue
        page = xhtml(lang, href)
        assert page.find(".//x:script", NS) is None, href
        assert page.find(".//x:link[@hreflang]", NS) is None, href  # the site's language alternates
        assert page.find(".//x:details", NS) is None, href  # the site's cite controls


def test_make_epub_publishes_nothing_when_epubcheck_fails(tmp_path):
    """Negative control: without edition/guards/unique_ids.py the Russian chapters repeat ids; Sphinx builds
    them without a warning, epubcheck refuses them, and `make epub-ru` publishes nothing."""
    project = scratch_project(tmp_path)
    parts = project / "edition" / "__init__.py"  # the edition's parts, without unique_ids
    parts.write_text(re.sub(r'^    "edition\.guards\.unique_ids",.*\n', "", parts.read_text(encoding="utf-8"), flags=re.M),
                     encoding="utf-8")
    result = make(project, "epub-ru", timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "Duplicate ID" in output and "epub-ru: epubcheck failed" in output, output[-3000:]
    assert not (project / "_build" / "epub" / "kenes-ukimeti-ru.epub").exists()
    assert not list((project / "_build" / "epub").glob("*.tmp")) if (project / "_build" / "epub").exists() else True
