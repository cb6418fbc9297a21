"""The theme's hard-coded English strings, translated; and captions made accessible.

Furo writes a few labels straight into its templates rather than through gettext:
the sidebar toggles' ``aria-label``s, the SVG icon ``<title>``s, "Toggle navigation of
…", and an English "'s" in the footer. Sphinx's toctree captions carry
``role="heading"`` without the ``aria-level`` that axe requires. Sphinx has no event
after a page is rendered, so this is a template bridge (``template_bridge`` in conf.py)
that renders as usual and then passes those strings through the ``sphinx`` catalog
(``locales/<lang>/LC_MESSAGES/sphinx.po``) and adds the missing ``aria-level``. No upstream
issue asks Furo for a catalog of its own; a string that Furo stops writing is reported
(``check_all_found``), so a theme upgrade cannot bring English back silently.
"""

from __future__ import annotations

import re

import furo
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.locale import _
from sphinx.util import logging

logger = logging.getLogger(__name__)

ATTRIBUTE_STRINGS = (
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
)
SVG_TITLES = (
    "Contents", "Menu", "Expand", "Light mode", "Dark mode",
    "Auto light/dark, in light mode", "Auto light/dark, in dark mode",
)
TOGGLE_NAVIGATION = re.compile(r'(aria-label|title)="Toggle navigation of ([^"]*)"')
CAPTION = re.compile(r'<p class="caption" role="heading"(?! aria-level)')


FOOTER = "@pradyunsg</a>'s"
# Every replacement must find its string on some page of a build, or the theme changed and
# English would come back unnoticed. Only "Toggle navigation of …" is optional: Furo
# writes it only for a navigation entry with children, which the edition has none of.
EXPECTED = {*ATTRIBUTE_STRINGS, *SVG_TITLES, FOOTER, "caption"}
found: set[str] = set()


def localise(html: str, language: str) -> str:
    for text in ATTRIBUTE_STRINGS:
        if f'aria-label="{text}"' in html:
            found.add(text)
            html = html.replace(f'aria-label="{text}"', f'aria-label="{_(text)}"')
    for text in SVG_TITLES:
        if f"<title>{text}</title>" in html:
            found.add(text)
            html = html.replace(f"<title>{text}</title>", f"<title>{_(text)}</title>")
    html = TOGGLE_NAVIGATION.sub(lambda m: f'{m[1]}="{_("Toggle navigation of %s") % m[2]}"', html)
    if FOOTER in html:
        found.add(FOOTER)
        if language != "en":
            html = html.replace(FOOTER, "@pradyunsg</a>")
    if CAPTION.search(html):
        found.add("caption")
    return CAPTION.sub('<p class="caption" role="heading" aria-level="2"', html)


class LocalisingTemplates(BuiltinTemplateLoader):
    def render(self, template: str, context: dict) -> str:
        return localise(super().render(template, context), context.get("language") or "en")


def check_all_found(app, exception):
    """After an HTML build: a replacement that matched no page is an error (Furo changed)."""
    theme = getattr(getattr(app.builder, "theme", None), "name", None)
    if exception is None and theme == "furo" and found:  # not the EPUB's, which has its own theme
        for text in sorted(EXPECTED - found):
            logger.warning("theme_strings: %r is on no page any more: the theme changed (Furo %s); "
                           "update edition/i18n/theme_strings.py", text, furo.__version__, type="edition", subtype="theme")


def setup(app):
    app.connect("build-finished", check_all_found)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
