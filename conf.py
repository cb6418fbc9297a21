"""Sphinx configuration of the Кеңес үкіметі edition.

One configuration for every language: ``sphinx-build -c . docs _build/html/kk``
builds the Kazakh source; ``-D language=ru`` / ``en`` build the translations.
Read top to bottom: edition, sources, MyST, extensions, i18n, bibliography, HTML, LaTeX.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# -- Edition: the one place for title, version and date ------------------------
project = "Кеңес үкіметі"
author = "Кеңес үкіметі басылымының редакциясы"
version = "1.0"
release = "1.0.0"
edition_date = "2026-11-28"
# The languages, the source first, with the edition's title and editors in each: data, in
# docs/_data/languages.yaml (the one list: the Makefile, the extensions, the tools and the
# tests read it too; `make add-language LANG=xx` adds one)
from edition.data.edition_data import DataError, registry  # noqa: E402  (the package edition/, on PYTHONPATH)

try:
    _languages = registry()
except DataError as error:  # a bad registry: its file:line problems, not a traceback of conf.py
    # Sphinx turns any exception of conf.py, SystemExit included, into a "Configuration
    # error!" report with a traceback (sphinx/config.py, eval_config_file): end at once
    print(error, file=sys.stderr, flush=True)
    os._exit(2)
edition_languages = {entry["code"]: entry["name"] for entry in _languages}  # source first
edition_titles = {entry["code"]: entry["title"] for entry in _languages}
edition_editors = {entry["code"]: entry["editors"] for entry in _languages}
# `make release VERSION=x.y.z` (edition/tools/release.py) sets version, release and edition_date here
# and in CITATION.cff together, and its git tag is the release (no "v").
# Where the site is published: citations name the release, <base><lang>/<release>/<page>.html#<id>
# (edition/citing/releases.py; `make site` assembles that layout, Read the Docs serves it). Set
# EDITION_BASE_URL when building for publication; the default is a reserved example
# domain (RFC 2606), never a real address, and `make publish` refuses it
# (edition/guards/publication_guard.py).
edition_base_url = os.environ.get("EDITION_BASE_URL", "https://kenes-ukimeti.example.org/")
# The edition's licence (an SPDX id, as in CITATION.cff), printed on the PDF's verso. The
# text is the Kazakh Wikipedia article (bib/provenance.bib), which Wikimedia offers under
# CC BY-SA 4.0: an edition of it is a derivative and takes the same licence (share-alike).
edition_license = "CC-BY-SA-4.0"
copyright = "2026, " + author  # each language names its editors (edition/web/footer.py)

# The extensions fence the private Sphinx APIs they use and were written against 9.0
# (term_anchors needs at least 8.1): requirements.txt pins the version that is tested.
needs_sphinx = "9.0"

# -- Sources -------------------------------------------------------------------
root_doc = "index"
exclude_patterns = ["_witness", "_data", "_build", "Thumbs.db", ".DS_Store"]
templates_path = ["docs/_templates"]
smartquotes = False  # the witness' own quotation marks and dashes are kept as they are

# -- MyST ----------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0  # sections get explicit ASCII labels, never generated ids
# Translations and data files are untrusted input: raw HTML in them must stay text.
# The edition has none of its own (edition/guards/safe_markup.py closes the raw directive too).
myst_disable_syntax = ["html_inline", "html_block"]

# -- Extensions: Sphinx's own, then the edition's (the package edition/, one concern a module) -----
extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_sitemap",       # sitemap.xml per language, every page with its hreflang alternates
    "edition",              # the edition's own code, edition/: its parts load in the order of edition/__init__.py
]

# -- Internationalisation: Kazakh source, Russian and English translations -----
language = next(iter(edition_languages))  # the source; -D language= builds a translation
locale_dirs = [str(ROOT / "locales")]  # absolute: Sphinx resolves sphinx.js against the cwd
gettext_compact = False        # one catalog per document, mirroring docs/
gettext_uuid = False
gettext_location = True
gettext_additional_targets = ["index"]

# -- Bibliography: BibTeX files in bib/, cited author-year ----------------------
bibtex_bibfiles = ["bib/provenance.bib", "bib/primary.bib", "bib/scholarship.bib"]  # relative to conf.py
bibtex_default_style = "edition-kk"    # both set per build language
bibtex_reference_style = "edition-kk"  # by edition/apparatus/bibliography_styles.py
bibtex_bibliography_id = "bibliography-list"
bibtex_cite_id = "bib-{key}"  # stable, citable anchors for the works: #bib-olcott1987kazakhs

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
template_bridge = "edition.i18n.theme_strings.LocalisingTemplates"
# Liberation Sans (Furo's first match on Linux) lacks Ә Ғ Қ Ң Ө Ұ Ү Һ: put fonts with full
# Kazakh coverage first. Local fonts only: the pages load nothing from other hosts.
_KAZAKH_FONTS = '"DejaVu Sans", "Noto Sans", "PT Sans", system-ui, -apple-system, "Segoe UI", sans-serif'
html_theme_options = {
    "light_css_variables": {"font-stack": _KAZAKH_FONTS, "font-stack--headings": _KAZAKH_FONTS},
    "dark_css_variables": {"font-stack": _KAZAKH_FONTS, "font-stack--headings": _KAZAKH_FONTS},
}
html_static_path = ["docs/_static"]
html_css_files = ["edition.css"]
html_js_files = ["edition.js"]
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/languages.html", "sidebar/search.html",
                        "sidebar/scroll-start.html", "sidebar/navigation.html", "sidebar/index-link.html",
                        "sidebar/downloads.html",
                        "sidebar/scroll-end.html"]}
html_last_updated_fmt = None
# sitemap.xml: <base><lang>/<release>/<page>.html (the versioned addresses), alternates in
# every language; the root sitemap index and robots.txt are written beside the chooser by
# edition/tools/site_root.py
site_url = edition_base_url
sitemap_url_scheme = "{lang}" + release + "/{link}"
sitemap_locales = list(edition_languages)
sitemap_excludes = ["search.html", "genindex.html", "404.html"]

# -- LaTeX / PDF ---------------------------------------------------------------
latex_engine = "xelatex"  # FreeSerif/FreeSans (fonts-freefont-otf) cover Kazakh Cyrillic
latex_documents = [(root_doc, "kenes-ukimeti.tex", project, author, "manual")]  # per language: pdf_captions
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extrapackages": r"\usepackage{tikz}",  # the chronology's timeline
    # polyglossia has no Kazakh: the captions are set per language by edition/printed/pdf_captions.py
}
