"""The footer of every page: the copyright holder in the page's language, and the licence.

Furo's footer says "Copyright © <copyright>" with ``copyright`` from conf.py, which names
the editors in Kazakh. Here the holder is the editors as the language registry names them
in the build language (``editors`` in docs/_data/languages.yaml), with the year of the
edition's date, as the EPUB's ``dc:rights`` has it (edition/printed/ebook.py).

The licence (``edition_license`` in conf.py, an SPDX id, as in CITATION.cff) is stated
under it with its link (``rel="license"``): the edition's catalog gives the words
(``Licence: %(license)s``, the PDF verso's message, edition/i18n/edition_strings.py), and
``docs/_templates/page.html`` puts the line into the footer of the site's pages (not the
EPUB's, whose licence is its metadata's). The registry and the catalogs
are untrusted: every value is escaped (markupsafe), the theme escapes ``copyright``.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from sphinx.util import logging

from edition.i18n.edition_strings import _
from edition.web.downloads import is_site

logger = logging.getLogger(__name__)

# SPDX id -> the licence's short name and its deed
LICENCES = {
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
}


def holder_in_language(app, config):
    editors = config.edition_editors.get(config.language)
    if editors and config.edition_date:
        config.copyright = f"{config.edition_date[:4]}, {editors}"


def licence_line(spdx: str) -> Markup:
    """``Licence: <a rel="license" href=…>CC BY-SA 4.0</a>`` in the build language, escaped."""
    name, url = LICENCES[spdx]
    link = Markup('<a rel="license" href="{}">{}</a>').format(url, name)
    return escape(str(_("Licence: %(license)s"))).replace("%(license)s", link)


def check_licence(app, config):
    if config.edition_license and config.edition_license not in LICENCES:
        logger.warning("conf.py: edition_license %r: no name and address known for it; add it to "
                       "LICENCES in edition/web/footer.py", config.edition_license,
                       type="edition", subtype="licence")


def add_licence(app, pagename, templatename, context, doctree):
    if is_site(app) and app.config.edition_license in LICENCES:
        context["edition_licence"] = licence_line(app.config.edition_license)


def setup(app):
    app.connect("config-inited", holder_in_language)
    app.connect("config-inited", check_licence)
    app.connect("html-page-context", add_licence)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
