"""Embedded citation metadata: what Zotero, Mendeley and Google Scholar read from a page.

Every HTML page gets, in its ``<head>`` and in the page's language, the tags that Zotero's
"Embedded Metadata" translator (zotero/translators ``Embedded Metadata.js``) and the ``RDF.js`` it
hands ``DC.*``/``prism.*`` to map to an item's fields (the lines relied on are quoted in
tests/test_page_metadata.py, ``zotero_embedded_metadata``):

- Highwire Press: ``citation_title``, ``citation_inbook_title`` (the edition: Zotero saves a
  ``bookSection``), ``citation_editor`` (the editorial board, with a trailing comma: EM.js reads a
  name with a comma as "Last, First", so one with nothing after it stays one institutional name,
  never split into a person's first and last names), ``citation_publication_date``,
  ``citation_language``, ``citation_public_url``, ``citation_keywords``;
- Dublin Core: ``DC.title``, ``DC.creator``, ``DC.language``, ``DC.date``, ``DC.identifier``,
  ``DC.rights`` (the licence, "CC BY-SA 4.0": Zotero's rights), ``DC.relation.isPartOf``; on a
  translation's page also ``DC.contributor``, its translator, and ``DC.source``, the Kazakh page;
  ``prism.edition`` (the release: Zotero's edition); Open Graph (``og:*``);
- ``<link rel="canonical">``: ``edition_base_url`` + ``<lang>/<release>/<page>.html``, the
  versioned address (edition/citing/releases.py), also on the pages of the ``latest`` and ``stable``
  aliases, which serve a release under another name.

The language's home page is the edition itself, a book: no ``citation_inbook_title``, its full
title, ``og:type`` book, the abstract (the registry's, with, in a translation, who translated it
from the Kazakh: no Zotero field takes a translator from a page's head when it has a Highwire
editor, whose creators replace RDF's) and ``citation_pdf_url`` when the site really serves its
language's PDF (edition/web/downloads.py), the whole edition: a section's page names none, or Zotero
would attach the whole book to every chapter. The parallel view is no section of the book: its
canonical address and its tags are its chapter's. The root chooser carries the Kazakh home page's
tags (edition/tools/root_page.py). No publisher and no place: the edition names none.
Titles and terms come from translations and data: every value is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from sphinx.locale import _

from edition.citing import units as citing
from edition.web import parallel_view
from edition.web.downloads import served_pdf
from edition.data.edition_data import load, registry, source_language
from edition.citing.releases import url_of

OG_LOCALES = {entry["code"]: entry["og_locale"] for entry in registry()}  # Open Graph wants language_TERRITORY
GENERATED_TITLES = {"genindex": "Index", "search": "Search"}  # Sphinx's own messages, translated by its catalog


def canonical_url(app, lang: str, pagename: str) -> str:
    return url_of(app.config, lang, f"{pagename}.html")


def page_title(app, pagename: str, context: dict) -> str:
    """The page's own title as plain text (the edition's for generated pages without one)."""
    title = app.env.titles.get(pagename)
    if title is not None:
        return title.astext()
    if pagename in GENERATED_TITLES:
        return str(_(GENERATED_TITLES[pagename]))
    return Markup(context.get("title") or "").striptags() or app.config.edition_titles[app.config.language]


def page_terms(app, doctree, lang: str) -> list[str]:
    """The glossary terms *doctree* links to, in the termbase's rendering for *lang*."""
    if doctree is None:
        return []
    by_anchor = {term["anchor"]: term for term in (load("termbase") or {}).get("terms", [])}
    found = []
    for node in doctree.findall(lambda n: n.tagname == "reference" and "#term-" in n.get("refuri", "")):
        term = by_anchor.get(node["refuri"].split("#", 1)[1])
        rendering = term and (term.get(lang) or term["kk"])
        if rendering and rendering not in found:
            found.append(rendering)
    return found


def translation_tags(app, pagename: str) -> list[tuple[str, str, str]]:
    """A translation's page names its translator, the edition's editors as one institution
    (``DC.contributor``), and the Kazakh page it is translated from (``DC.source``, "a related
    resource from which the described resource is derived"); the Kazakh page, neither.
    Highwire Press has no translator tag, and none is made up."""
    translator = citing.translator(app.config, app.config.language)
    if not translator:
        return []
    return [("name", "DC.contributor", translator),
            ("name", "DC.source", canonical_url(app, source_language(), pagename))]


def licence_name(spdx: str) -> str:
    """A Creative Commons SPDX id as the licence names itself ("CC-BY-SA-4.0" → "CC BY-SA 4.0")."""
    parts = spdx.split("-")
    return f"CC {'-'.join(parts[1:-1])} {parts[-1]}" if parts[0] == "CC" and len(parts) > 2 else spdx


def abstract(config, lang: str) -> str:
    """The edition's abstract in *lang* (the registry's), with, in a translation, who translated it
    from the Kazakh (the ``edition`` catalog's words: units.translated_from)."""
    text = next((entry.get("abstract", "") for entry in registry() if entry["code"] == lang), "")
    return " ".join(part for part in (text, citing.translated_from(config, lang)) if part)


def edition_tags(config, lang: str, url: str, title: str, *, book: bool) -> list[tuple[str, str, str]]:
    """The tags of a page of the edition (*book*: the edition itself, its home page and the root
    chooser; else a section of it). What Zotero's Embedded Metadata translator makes of them is
    in the module's docstring and tests/test_page_metadata.py."""
    edition = config.edition_titles[lang]
    editors = config.edition_editors[lang]
    summary = abstract(config, lang) if book else ""
    return [
        ("name", "citation_title", edition if book else title),
        *([] if book else [("name", "citation_inbook_title", edition)]),
        # the trailing comma: one institutional name, never split into first and last names
        ("name", "citation_editor", editors + ","),
        ("name", "citation_publication_date", config.edition_date.replace("-", "/")),
        ("name", "citation_language", lang),
        ("name", "citation_public_url", url),
        *([("name", "citation_abstract", summary)] if summary else []),
        ("name", "DC.title", edition if book else title),
        ("name", "DC.creator", editors),
        ("name", "DC.language", lang),
        ("name", "DC.date", config.edition_date),
        ("name", "DC.identifier", url),
        ("name", "DC.rights", licence_name(config.edition_license)),
        *([] if book else [("name", "DC.relation.isPartOf", edition)]),
        *([("name", "DC.description", summary)] if summary else []),
        ("name", "prism.edition", config.release),
        ("property", "og:type", "book" if book else "article"),
        ("property", "og:title", edition if book else title),
        ("property", "og:site_name", edition),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES.get(lang, lang)),
        *[("property", "og:locale:alternate", OG_LOCALES.get(other, other))
          for other in config.edition_languages if other != lang],
    ]


def cited_page(app, pagename: str) -> str:
    """The page a page's citation names: a parallel view is its chapter's (it is no section of
    the book); any other page, itself."""
    if pagename.startswith(parallel_view.FOLDER + "/"):
        return next((doc for doc in sorted(app.env.found_docs) if parallel_view.page_name(doc) == pagename),
                    pagename)
    return pagename


def metadata(app, pagename: str, context: dict, doctree) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of every meta tag of the page, in order."""
    cfg = app.config
    lang = cfg.language
    cited = cited_page(app, pagename)
    book = cited == cfg.root_doc  # the language's home page: the edition, a book
    if cited != pagename:
        doctree = app.env.get_doctree(cited)
    title = page_title(app, cited, context)
    tags = edition_tags(cfg, lang, canonical_url(app, lang, cited), title, book=book)
    keywords = [cfg.project, *page_terms(app, doctree, lang)]
    tags.insert(6, ("name", "citation_keywords", "; ".join(dict.fromkeys(keywords))))
    if book and served_pdf(app):  # the PDF is the whole edition: the book's, no section's
        tags.insert(7, ("name", "citation_pdf_url", url_of(cfg, lang, served_pdf(app))))
    return tags + translation_tags(app, cited)


def add_metadata(app, pagename, templatename, context, doctree):
    if app.builder.name == "epub":
        return  # a web page's metadata: the EPUB's own is in its package (edition/printed/ebook.py)
    tags = metadata(app, pagename, context, doctree)
    url = canonical_url(app, app.config.language, cited_page(app, pagename))
    lines = ['<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">',
             f'<link rel="canonical" href="{escape(url)}">']
    lines += [f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'
              for attribute, name, content in tags]
    context["metatags"] = context.get("metatags", "") + "\n    ".join([""] + lines) + "\n"


def setup(app):
    app.connect("html-page-context", add_metadata)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
