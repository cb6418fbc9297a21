"""The theme's hard-coded English strings, translated; and captions made accessible.

Furo writes a few labels straight into its templates rather than through gettext:
the sidebar toggles' ``aria-label``s, the SVG icon ``<title>``s, "Toggle navigation of
…", and an English "'s" in the footer. Sphinx's toctree captions carry
``role="heading"`` without the ``aria-level`` that axe requires. Sphinx has no event
after a page is rendered, so this is a template bridge (``template_bridge`` in conf.py)
that renders as usual and then passes those strings through the ``sphinx`` catalog
(``locales/<lang>/LC_MESSAGES/sphinx.po``) and adds the missing ``aria-level``.
"""

from __future__ import annotations

import re

from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.locale import _

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


def localise(html: str, language: str) -> str:
    for text in ATTRIBUTE_STRINGS:
        html = html.replace(f'aria-label="{text}"', f'aria-label="{_(text)}"')
    for text in SVG_TITLES:
        html = html.replace(f"<title>{text}</title>", f"<title>{_(text)}</title>")
    html = TOGGLE_NAVIGATION.sub(lambda m: f'{m[1]}="{_("Toggle navigation of %s") % m[2]}"', html)
    if language != "en":
        html = html.replace("@pradyunsg</a>'s", "@pradyunsg</a>")
    return CAPTION.sub('<p class="caption" role="heading" aria-level="2"', html)


class LocalisingTemplates(BuiltinTemplateLoader):
    def render(self, template: str, context: dict) -> str:
        return localise(super().render(template, context), context.get("language") or "en")


def setup(app):
    return {"parallel_read_safe": True, "parallel_write_safe": True}
