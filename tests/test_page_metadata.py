"""Reference managers find the page's citation in its <head>, in the page's language.

Zotero's Connector runs its "Embedded Metadata" translator on a page, Google Scholar reads
the same Highwire Press tags: every page of the three sites carries them, with Dublin Core,
Open Graph and a canonical link that agree with them.
"""

import os
import re
import runpy
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import (LANGUAGES, ROOT, SOURCE, chapter_pages, data, edition_url, head_meta, scratch_project,
                      site, site_pages, soup)

CONF = runpy.run_path(str(ROOT / "conf.py"))
HIGHWIRE = ("citation_title", "citation_editor", "citation_publication_date",
            "citation_language", "citation_public_url", "citation_keywords")
DUBLIN_CORE = ("DC.title", "DC.creator", "DC.language", "DC.date", "DC.identifier", "DC.rights")
OPEN_GRAPH = ("og:type", "og:title", "og:site_name", "og:url", "og:locale")


def one(tags, name):
    values = tags.get(name, [])
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


def page_name(lang, path):
    return path.relative_to(site(lang)).with_suffix("").as_posix()


def cited_name(lang, path):
    """The page a page's citation names: a parallel view, its chapter; any other page, itself."""
    name = page_name(lang, path)
    return name.replace("parallel/", "chapters/", 1) if name.startswith("parallel/") else name


def heading(page):
    """The page's h1 as a reader sees it: without its number and ¶ link."""
    h1 = page.select_one("article h1")
    if h1 is None:
        return None
    return "".join(t for t in h1.find_all(string=True)
                   if not t.find_parent(class_=("section-number", "headerlink"))).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_carries_highwire_tags_in_its_language(lang):
    pages = site_pages(lang)
    assert len(pages) > 15
    for path in pages:
        page = soup(path)
        tags = head_meta(page)
        where = f"{lang}/{page_name(lang, path)}"
        for name in HIGHWIRE:
            assert one(tags, name).strip(), (where, name)
        if page_name(lang, path) == "index":  # the edition itself: a book
            assert "citation_inbook_title" not in tags and one(tags, "citation_title") == CONF["edition_titles"][lang]
        else:
            assert one(tags, "citation_inbook_title") == CONF["edition_titles"][lang], where
        # the trailing comma: Embedded Metadata keeps an institution one name (see below)
        assert one(tags, "citation_editor") == CONF["edition_editors"][lang] + ",", where
        assert one(tags, "citation_publication_date") == CONF["edition_date"].replace("-", "/"), where
        assert one(tags, "citation_language") == lang == page.html["lang"], where
        url = edition_url(lang, f"{cited_name(lang, path)}.html")  # versioned: <base><lang>/<release>/
        assert one(tags, "citation_public_url") == url, where
        assert [link["href"] for link in page.select('head > link[rel="canonical"]')] == [url], where
        assert "citation_publisher" not in tags, "the edition names no publisher"
        # only a PDF that is inside the site may be named
        for pdf in tags.get("citation_pdf_url", []):
            assert pdf.startswith(edition_url(lang)) and (site(lang) / pdf.removeprefix(edition_url(lang))).is_file()
        if heading(page) is not None and page_name(lang, path) != "index":
            assert one(tags, "citation_title") == heading(soup(site(lang) / f"{cited_name(lang, path)}.html")), where


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dublin_core_and_open_graph_agree_with_the_highwire_tags(lang):
    locales = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
    for path in site_pages(lang):
        page = soup(path)
        tags = head_meta(page)
        for name in DUBLIN_CORE + OPEN_GRAPH:
            assert one(tags, name).strip(), (path, name)
        assert one(tags, "DC.title") == one(tags, "og:title") == one(tags, "citation_title")
        assert one(tags, "DC.creator") + "," == one(tags, "citation_editor")
        assert one(tags, "DC.rights") == "CC BY-SA 4.0" and one(tags, "prism.edition") == CONF["release"]
        assert one(tags, "DC.language") == lang
        assert one(tags, "DC.date") == CONF["edition_date"]
        assert one(tags, "DC.identifier") == one(tags, "og:url") == one(tags, "citation_public_url")
        assert one(tags, "og:site_name") == CONF["edition_titles"][lang]
        book = page_name(lang, path) == "index"
        assert tags.get("DC.relation.isPartOf") == (None if book else [CONF["edition_titles"][lang]])
        assert one(tags, "og:type") == ("book" if book else "article")
        assert one(tags, "og:locale") == locales[lang]
        assert sorted(tags["og:locale:alternate"]) == sorted(v for k, v in locales.items() if k != lang)
        assert page.select_one('head > link[rel="schema.DC"]')["href"] == "http://purl.org/dc/elements/1.1/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_page_names_its_translator_and_its_kazakh_original(lang):
    """ru/en: DC.contributor is the translator, the edition's editors (one institution),
    DC.source the Kazakh page it is translated from, which exists; no Highwire tag claims
    a translator (Highwire has none). A Kazakh page names neither."""
    for path in site_pages(lang):
        tags = head_meta(soup(path))
        name = cited_name(lang, path)
        assert not any("translator" in tag for tag in tags), (path, tags.keys())
        if lang == SOURCE:
            assert "DC.contributor" not in tags and "DC.source" not in tags, path
            continue
        assert one(tags, "DC.contributor") == CONF["edition_editors"][lang], path
        assert one(tags, "DC.source") == edition_url(SOURCE, f"{name}.html"), path
        assert (site(SOURCE) / f"{name}.html").is_file(), path


def test_titles_are_translated_not_copied_from_the_kazakh():
    for kk_page, ru_page, en_page in zip(*(chapter_pages(lang) for lang in LANGUAGES)):
        titles = [one(head_meta(soup(p)), "citation_title") for p in (kk_page, ru_page, en_page)]
        assert len(set(titles)) == 3, titles
        assert re.search(r"[a-z]", titles[2]) and re.search(r"[а-я]", titles[1]), titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keywords_are_the_glossary_terms_of_the_page_in_its_language(lang):
    terms = {t["anchor"]: t[lang] for t in data("termbase")["terms"]}
    for path in chapter_pages(lang):
        page = soup(path)
        keywords = one(head_meta(page), "citation_keywords").split("; ")
        assert keywords[0] == CONF["edition_titles"][lang].split(":")[0]
        linked = {terms[a["href"].split("#")[1]] for a in page.select("article a[href*='glossary.html#term-']")}
        assert linked and set(keywords[1:]) == linked, path


def zotero_embedded_metadata(tags):
    """The item Zotero's "Embedded Metadata" translator makes of a page's meta tags: a model of
    zotero/translators `Embedded Metadata.js` (commit dcd14d6f47d3f3db90943d79abdfde17240cc38c,
    "lastUpdated": "2024-06-13"), with the fields it hands to `RDF.js` (commit 0dd0169…):

    - the type, init(): ``case "citation_book_title": case "citation_inbook_title": hwType =
      "bookSection";`` and ``else if (hwType) _itemType = hwType; // hwTypes are generally most
      accurate``, else ``rdf.detectType(…)``, where RDF.js reads og:type: ``case "book": t.og = "book";``;
      a title alone is ``hwTypeGuess = hwTypeGuess || "journalArticle"``, the RDF default;
    - HIGHWIRE_MAPPINGS: ``citation_title: "title"``, ``citation_publication_date: "date"``,
      ``citation_inbook_title: "publicationTitle"`` (a book section's bookTitle),
      ``citation_publisher: "publisher"``, ``citation_abstract: "abstractNote"``,
      ``citation_public_url: "url"``, ``citation_language: "language"``;
    - creators, processHighwireCreators(): ``creatorNode.nodeValue.split(/\\s*;\\s*/)``, then a
      split at commas only when there are words with spaces on both sides
      (``authorsByComma[0].includes(" ") && authorsByComma[1].includes(" ")``), then
      ``ZU.cleanAuthor(creator, role, creator.includes(","))``: a name with a comma is read as
      "Last, First", so one with nothing after its comma is stored whole, one field (the
      translation-server run of ../shared/reviews/zotero-2.md §5: ``{"name": …, "creatorType":
      "editor"}``); a name without a comma is split at its last space into first and last names;
    - RDF.js importItem(): ``newItem.rights = getFirstResults(node, [… n.dc+"rights" …])``,
      ``newItem.edition = getFirstResults(node, [n.prism+"edition", …])``,
      ``getFirstResults(node, [n.dc+"publisher", …])``; EM.js passes ``DC.*`` and ``prism.*`` tags on
      as those properties (``statements.push([url, _prefixes[prefix] + prop, value])``)."""
    if {"citation_inbook_title", "citation_book_title"} & tags.keys():
        item_type = "bookSection"
    else:
        item_type = {"book": "book", "website": "webpage"}.get(tags.get("og:type", [""])[0], "journalArticle")
    fields = {"citation_title": "title", "citation_publication_date": "date",
              "citation_inbook_title": "bookTitle", "citation_publisher": "publisher",
              "citation_abstract": "abstractNote", "citation_public_url": "url", "citation_language": "language",
              "DC.rights": "rights", "prism.edition": "edition", "DC.publisher": "publisher"}
    item = {"itemType": item_type}
    item.update({field: tags[name][0] for name, field in fields.items() if name in tags})

    def creator(name, role):
        whole = name.strip().rstrip(",").strip()
        if "," in name and "," not in whole:
            return {"name": whole, "creatorType": role}
        if "," in whole:
            last, first = whole.split(",", 1)
            return {"lastName": last.strip(), "firstName": first.strip(), "creatorType": role}
        first, _, last = whole.rpartition(" ")
        return {"lastName": last, "firstName": first, "creatorType": role}

    item["creators"] = [creator(n, role) for tag, role in (("citation_author", "author"), ("citation_editor", "editor"))
                        for value in tags.get(tag, []) for n in value.split(";") if n.strip(" ,")]
    return item


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chapter_page_is_captured_as_a_book_section_edited_by_one_institution(lang):
    """zotero-2.md: the board was split as a person's name («Editors of the Soviet Power | Edition»)
    and rights, version and language's home page as a book were missing."""
    path = site(lang) / "chapters" / "07-establishment.html"
    item = zotero_embedded_metadata(head_meta(soup(path)))
    assert item == {
        "itemType": "bookSection",
        "title": heading(soup(path)),
        "bookTitle": CONF["edition_titles"][lang],
        "creators": [{"name": CONF["edition_editors"][lang], "creatorType": "editor"}],
        "date": CONF["edition_date"].replace("-", "/"),
        "language": lang,
        "url": edition_url(lang, "chapters/07-establishment.html"),
        "rights": "CC BY-SA 4.0",
        "edition": CONF["release"],
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_and_the_parallel_view_are_captured_as_the_book_and_the_chapter(lang):
    home = zotero_embedded_metadata(head_meta(soup(site(lang) / "index.html")))
    assert home["itemType"] == "book" and home["title"] == CONF["edition_titles"][lang]
    assert home["creators"] == [{"name": CONF["edition_editors"][lang], "creatorType": "editor"}]
    assert home["url"] == edition_url(lang, "index.html") and home["abstractNote"].strip()
    if lang != SOURCE:  # the abstract of a translation says who translated it from the Kazakh
        assert CONF["edition_editors"][lang] in home["abstractNote"]
    parallel = zotero_embedded_metadata(head_meta(soup(site(lang) / "parallel" / "07-establishment.html")))
    chapter = zotero_embedded_metadata(head_meta(soup(site(lang) / "chapters" / "07-establishment.html")))
    assert parallel == chapter


def test_the_root_chooser_is_captured_as_the_edition_in_kazakh():
    """zotero-2.md §4.11: the chooser had no metadata (a trilingual webpage, title-cased as English)."""
    page = soup(ROOT / "_build" / "html" / "index.html")
    item = zotero_embedded_metadata(head_meta(page))
    assert item["itemType"] == "book" and item["language"] == SOURCE == page.html["lang"]
    assert item["title"] == CONF["edition_titles"][SOURCE]
    assert item["creators"] == [{"name": CONF["edition_editors"][SOURCE], "creatorType": "editor"}]
    assert item["url"] == edition_url(SOURCE, "index.html") and item["rights"] == "CC BY-SA 4.0"


def test_only_the_home_page_names_the_pdf_its_site_serves():
    """`make test` (like `make publish`) builds the PDFs before the sites: the PDF is the whole
    edition, so the book's page names it in citation_pdf_url and no section's page does (Zotero
    would attach the whole book to every chapter, zotero-2.md §4.15)."""
    for lang in LANGUAGES:
        name = f"_downloads/kenes-ukimeti-{lang}.pdf"
        assert (site(lang) / name).is_file()
        for path in site_pages(lang):
            expected = [edition_url(lang, name)] if page_name(lang, path) == "index" else None
            assert head_meta(soup(path)).get("citation_pdf_url") == expected, path


def test_a_site_built_without_its_pdf_names_none(tmp_path):
    """A tag must not point to a file that is not there: no PDF built, no citation_pdf_url."""
    project = scratch_project(tmp_path)
    shutil.rmtree(project / "_build" / "downloads", ignore_errors=True)
    result = sphinx_build_env(project, "ru", {})
    assert result.returncode == 0, result.stderr
    out = project / "_build" / "out"
    assert not list(out.rglob("*.pdf"))
    assert not any("citation_pdf_url" in head_meta(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"))
                   for path in out.rglob("*.html"))


def sphinx_build_env(project, lang, env):
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project),
                           "-D", f"language={lang}", str(project / "docs"), str(project / "_build" / "out")],
                          capture_output=True, text=True, env={**os.environ, **env})
