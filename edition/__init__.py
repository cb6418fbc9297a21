"""The Кеңес үкіметі edition as one Sphinx extension: conf.py lists ``"edition"`` once.

Shaped like ``sphinx.ext.intersphinx`` and sphinxcontrib-bibtex: one ``setup()`` loads the
edition's parts, in the order below, from subpackages by concern:

- ``edition.data``: the data files of docs/_data/ (schemas, the language registry), tables;
- ``edition.guards``: untrusted input checked before it is read, kept from running as script;
- ``edition.apparatus``: the text's apparatus (emendations, notes, glossary, index, chronology,
  bibliography styles);
- ``edition.i18n``: the languages (interface strings, switcher, search, status);
- ``edition.citing``: paragraph ids, versioned addresses, citable units, page metadata;
- ``edition.web``: the HTML site (parallel pages, downloads, 404, assets);
- ``edition.printed``: the PDF and the EPUB;
- ``edition.tools``: the command-line tools, ``python -m edition.tools.<tool>``.

The package imports only the standard library at import time (``edition.tools.languages``
runs under the system Python when make reads the Makefile); ROOT is the project.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
__version__ = "1.0"

# The parts, in the order their handlers run: a handler of an event runs before those of
# the parts below it (Sphinx calls handlers of equal priority in the order they connect).
PARTS = [
    "edition.domain",  # the cross-document state: emendations' places
    "edition.guards.publication_guard",  # EDITION_PUBLISH=1 (make publish): no placeholder base URL
    "edition.data.edition_data",  # docs/_data/: validated by JSON Schema, declared as dependencies
    "edition.i18n.edition_strings",  # the interface strings: the "edition" gettext domain, locales/<lang>/edition.po
    "edition.guards.catalog_guard",  # the build language's catalogs: msgfmt-valid, true headers
    "edition.guards.bib_guard",  # bib/: parses, one entry per key (else sphinxcontrib-bibtex drops entries)
    "edition.guards.safe_markup",  # no raw HTML, no javascript: links, from any source
    "edition.guards.section_labels",  # sections are anchored by their ASCII labels only
    "edition.guards.unique_ids",  # an id repeated by translated paragraphs is renumbered
    "edition.apparatus.emendations",  # {emend} role and the emendations table
    "edition.apparatus.abbreviations",  # {abbr} role and the abbreviations table, from one data file
    "edition.apparatus.editorial_notes",  # {ednote} role: editor's notes from docs/_data/notes.yaml
    "edition.apparatus.term_anchors",  # stable ASCII glossary anchors from the termbase
    "edition.apparatus.names_index",  # {person} and {place} roles: the index of persons and places
    "edition.apparatus.kazakh_collation",  # the general index follows the Kazakh alphabet
    "edition.apparatus.index_locators",  # the general index points to sections, "§ 7.1", not "[1]"
    "edition.apparatus.bibliography_styles",  # author-year pybtex styles in kk, ru and en
    "edition.apparatus.chronology",  # {chronology}: table, timeline figure, CSV and JSON of the events
    "edition.i18n.editions",  # per-language titles, hreflang alternates, the kk/ru/en switcher
    "edition.i18n.ui_translations_js",  # sphinx.js for the Kazakh interface, from sphinx.po
    "edition.i18n.translation_status",  # {translation-status}: progress table from the catalogs
    "edition.i18n.untranslated_source",  # an untranslated paragraph shows the source, marked, with lang="kk"
    "edition.i18n.catalog_lines",  # a warning about a translated paragraph names the .po line
    "edition.i18n.kazakh_search",  # Kazakh search language: stop-words and a light stemmer
    "edition.citing.paragraph_ids",  # <section>-p<n> ids on the paragraphs of the text, ¶ permalinks
    "edition.citing.releases",  # versioned addresses <base><lang>/<release>/…, the {changes} page
    "edition.citing.units",  # citable units: inventory, cite control, _cite/ files
    "edition.citing.anchor_redirects",  # moved #anchors keep working (docs/_data/anchors.yaml)
    "edition.web.parallel_view",  # parallel/<chapter>.html: kk, ru, en side by side, paragraph by paragraph
    "edition.citing.page_metadata",  # Highwire, Dublin Core and Open Graph tags; rel=canonical
    "edition.i18n.theme_strings",  # the theme's hard-coded English labels, translated; caption aria-level
    "edition.web.lean_pages",  # pages load only the theme assets they use
    "edition.i18n.lean_doctrees",  # translated doctrees are stored without a copy of the build environment
    "edition.web.navigation_cache",  # Furo's navigation tree once per build, marked per page (a constant cost per page)
    "edition.web.accessible_citations",  # bibliography entries are list items (axe: no critical violation)
    "edition.printed.pdf_captions",  # LaTeX captions and title in each edition language
    "edition.printed.pdf_book",  # the PDF as a book: no blank pages, title and verso, metadata, /Lang
    "edition.printed.ebook",  # the EPUB per language: metadata in the language, an embedded Kazakh font
    "edition.web.downloads",  # the language's PDF and EPUB in its site, linked from every page
    "edition.web.glosses",  # emendations' witness readings and abbreviations' expansions open on tap and from the keyboard
    "edition.web.footer",  # the footer: the copyright holder in the page's language, the licence with its link
    "edition.web.not_found",  # 404.html per language, working at any depth (sphinx-notfound-page)
]


# Every edition_* setting, with its default, what a change rebuilds and its types: conf.py
# sets them, every part reads them (none of them owns one).
CONFIG = [
    ("edition_languages", None, "html", dict),     # code -> name, the source first (the registry)
    ("edition_titles", {}, "env", dict),           # code -> the edition's title in that language
    ("edition_editors", {}, "html", dict),         # code -> the editors, as cited
    ("edition_base_url", "", "html", str),         # where the site is published (EDITION_BASE_URL)
    ("edition_date", "", "html", str),             # the release's date, ISO
    ("edition_license", None, "env", (str, type(None))),  # an SPDX id, on the PDF's verso and in every page's footer
    ("edition_downloads_dir", "_build/downloads", "html", str),  # the PDF and EPUB a site serves
    ("edition_navigation_cache", True, "html", bool),  # Furo's navigation tree once per build
    ("edition_preview", False, "env", bool),       # a translator's preview (`make preview-<lang>`): untranslated text shown, marked
]


def setup(app):
    # the language registry, read and validated once here (conf.py has read it already: a
    # bad registry ended the build there with its file:line problems)
    from edition.data.edition_data import registry

    languages = {entry["code"]: entry["name"] for entry in registry()}
    for name, default, rebuild, types in CONFIG:
        types = frozenset(types if isinstance(types, tuple) else (types,))
        app.add_config_value(name, languages if default is None else default, rebuild, types=types)
    for part in PARTS:
        app.setup_extension(part)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
