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
HIGHWIRE = ("citation_title", "citation_inbook_title", "citation_editor", "citation_publication_date",
            "citation_language", "citation_public_url", "citation_keywords")
DUBLIN_CORE = ("DC.title", "DC.creator", "DC.language", "DC.date", "DC.identifier", "DC.relation.isPartOf")
OPEN_GRAPH = ("og:type", "og:title", "og:site_name", "og:url", "og:locale")


def one(tags, name):
    values = tags.get(name, [])
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


def page_name(lang, path):
    return path.relative_to(site(lang)).with_suffix("").as_posix()


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
        assert one(tags, "citation_inbook_title") == CONF["edition_titles"][lang], where
        assert one(tags, "citation_editor") == CONF["edition_editors"][lang], where
        assert one(tags, "citation_publication_date") == CONF["edition_date"].replace("-", "/"), where
        assert one(tags, "citation_language") == lang == page.html["lang"], where
        url = edition_url(lang, f"{page_name(lang, path)}.html")  # versioned: <base><lang>/<release>/
        assert one(tags, "citation_public_url") == url, where
        assert [link["href"] for link in page.select('head > link[rel="canonical"]')] == [url], where
        assert "citation_publisher" not in tags, "the edition names no publisher"
        # only a PDF that is inside the site may be named
        for pdf in tags.get("citation_pdf_url", []):
            assert pdf.startswith(edition_url(lang)) and (site(lang) / pdf.removeprefix(edition_url(lang))).is_file()
        if heading(page) is not None:
            assert one(tags, "citation_title") == heading(page), where


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dublin_core_and_open_graph_agree_with_the_highwire_tags(lang):
    locales = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
    for path in site_pages(lang):
        page = soup(path)
        tags = head_meta(page)
        for name in DUBLIN_CORE + OPEN_GRAPH:
            assert one(tags, name).strip(), (path, name)
        assert one(tags, "DC.title") == one(tags, "og:title") == one(tags, "citation_title")
        assert one(tags, "DC.creator") == one(tags, "citation_editor")
        assert one(tags, "DC.language") == lang
        assert one(tags, "DC.date") == CONF["edition_date"]
        assert one(tags, "DC.identifier") == one(tags, "og:url") == one(tags, "citation_public_url")
        assert one(tags, "DC.relation.isPartOf") == one(tags, "og:site_name") == CONF["edition_titles"][lang]
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
        name = page_name(lang, path)
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
    """The item Zotero's "Embedded Metadata" translator makes from Highwire tags: a model of
    zotero/translators `Embedded Metadata.js` (2024-06): the item type from the tags present
    (`citation_inbook_title` or `citation_book_title` → bookSection, `citation_journal_title`
    → journalArticle, else a title alone → journalArticle), HIGHWIRE_MAPPINGS for the
    fields (citation_inbook_title → publicationTitle, which is a book section's bookTitle),
    creators from citation_author (author) then citation_editor (editor)."""
    item_type = ("bookSection" if {"citation_inbook_title", "citation_book_title"} & tags.keys()
                 else "journalArticle")
    fields = {"citation_title": "title", "citation_publication_date": "date",
              "citation_inbook_title": "bookTitle", "citation_publisher": "publisher",
              "citation_public_url": "url", "citation_language": "language"}
    item = {"itemType": item_type}
    item.update({field: tags[name][0] for name, field in fields.items() if name in tags})
    item["creators"] = ([(name, "author") for name in tags.get("citation_author", [])]
                        + [(name, "editor") for name in tags.get("citation_editor", [])])
    return item


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chapter_page_is_captured_as_a_book_section_with_editors_date_language_and_url(lang):
    path = site(lang) / "chapters" / "07-establishment.html"
    item = zotero_embedded_metadata(head_meta(soup(path)))
    assert item == {
        "itemType": "bookSection",
        "title": heading(soup(path)),
        "bookTitle": CONF["edition_titles"][lang],
        "creators": [(CONF["edition_editors"][lang], "editor")],
        "date": CONF["edition_date"].replace("-", "/"),
        "language": lang,
        "url": edition_url(lang, "chapters/07-establishment.html"),
    }


def test_every_page_names_the_pdf_its_site_serves():
    """`make test` (like `make publish`) builds the PDFs before the sites: each site serves its
    language's PDF and every page names it in citation_pdf_url."""
    for lang in LANGUAGES:
        name = f"_downloads/kenes-ukimeti-{lang}.pdf"
        assert (site(lang) / name).is_file()
        for path in site_pages(lang):
            assert head_meta(soup(path)).get("citation_pdf_url") == [edition_url(lang, name)], path


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
