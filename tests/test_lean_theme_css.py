"""The site's cut of Furo's stylesheet looks exactly like Furo's whole stylesheet.

edition/web/lean_theme_css.py keeps only the rules of ``styles/furo.css`` the pages can use. Here
each page kind is opened in Chromium twice, once with the site's file and once with Furo's
own file served in its place, and every element's computed style (every property, and
its ``::before`` and ``::after``) is compared, in the light and dark colour schemes on a wide
screen and with the theme toggled to dark on a narrow one, with a cite panel and the search
results shown. States a reader makes (:hover, :focus) are not compared: the cut reads no
pseudo-class, so a rule for a state is kept with the elements it styles. A cut that drops a
rule the pages use is caught (negative control).
"""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, site

from edition.web import lean_theme_css

FURO_CSS = re.compile(r".*/_static/styles/furo\.css(\?.*)?$")
PAGES = ["chapters/07-establishment.html", "glossary.html", "parallel/07-establishment.html", "search.html?q=кеңес",
         "index.html", "chronology.html", "bibliography.html", "genindex.html"]
# every page kind in the source language; in the translations (whose cuts differ only by
# the words of their pages) the first four, to keep the test short
PAGES_IN = {"kk": PAGES, "ru": PAGES[:4], "en": PAGES[:4]}
MODES = {  # name -> (colour scheme, Furo's theme toggle, viewport width)
    "light-wide": ("light", None, 1280), "dark-wide": ("dark", None, 1280),
    "toggled-dark-narrow": ("light", "dark", 600),
}
# every property but the custom ones (--x: a look only through the properties that use them,
# which are compared); ::before and ::after where they are drawn
STYLES = """() => {
  const props = (style) => Array.from(style).filter((name) => !name.startsWith("--"))
    .map((name) => `${name}:${style.getPropertyValue(name)}`).join(";");
  const pseudo = (el, which) => {
    const style = getComputedStyle(el, which);
    return ["none", "normal"].includes(style.content) ? "" : ` ${which} ${props(style)}`;
  };
  const hash = (text) => {  // FNV-1a: the styles are compared, not shipped (MBs per page)
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16);
  };
  return Array.from(document.querySelectorAll("*"), (el, i) =>
    `${i} <${el.tagName.toLowerCase()} id="${el.id}" class="${el.getAttribute("class") || ""}"> `
    + hash(props(getComputedStyle(el)) + pseudo(el, "::before") + pseudo(el, "::after")));
}"""


def styles(browser, server, lang, path, furo_css=None) -> dict[str, list[str]]:
    """mode -> the computed style of every element of the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if furo_css is not None:
        context.route(FURO_CSS, lambda route: route.fulfill(content_type="text/css", body=furo_css))
    page = context.new_page()
    page.goto(f"{server}/{lang}/{path}")
    page.wait_for_load_state("networkidle")
    if path.startswith("search.html"):
        page.wait_for_selector("#search-results .search-summary:not(:empty)")
    if path.startswith("chapters/"):  # an open cite panel, with what it fetched
        page.locator('details.cite[data-unit="sec-establishment-akmola"] > summary').click()
        page.wait_for_selector('details.cite[data-unit="sec-establishment-akmola"] pre.cite-bibtex')
    page.evaluate("window.scrollTo(0, 0)")
    found = {}
    for mode, (scheme, theme, width) in MODES.items():
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(f"document.body.dataset.theme = '{theme or 'auto'}'")
        # a transition under way (Furo's drawers, colours) would be caught at a random point
        page.wait_for_function("document.getAnimations().length === 0")
        found[mode] = page.evaluate(STYLES)
    context.close()
    return found


def differences(before: list[str], after: list[str]) -> list[str]:
    if len(before) != len(after):
        return [f"{len(before)} elements with Furo's stylesheet, {len(after)} with the cut one"]
    return [a[:300] for b, a in zip(before, after) if a != b]


def test_the_site_serves_the_cut_stylesheet():
    furo = lean_theme_css.FURO_CSS.read_text(encoding="utf-8")
    for lang in LANGUAGES:
        cut = (site(lang) / lean_theme_css.SITE_CSS).read_text(encoding="utf-8")
        assert len(cut) < 0.7 * len(furo), (lang, len(cut), len(furo))
        assert "sourceMappingURL" not in cut and not (site(lang) / (lean_theme_css.SITE_CSS + ".map")).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_kind_looks_the_same_as_with_furos_whole_stylesheet(browser, server, lang):
    furo = lean_theme_css.FURO_CSS.read_text(encoding="utf-8")
    changed = {}
    for path in PAGES_IN[lang]:
        cut, whole = styles(browser, server, lang, path), styles(browser, server, lang, path, furo_css=furo)
        for mode in MODES:
            assert len(cut[mode]) > 100
            if found := differences(whole[mode], cut[mode]):
                changed[f"{path} {mode}"] = found[:3]
    assert changed == {}


def test_a_cut_that_drops_a_used_rule_is_caught(browser, server):
    """Negative control: the site's cut without the sidebar's rules differs from Furo's."""
    cut = (site("kk") / lean_theme_css.SITE_CSS).read_text(encoding="utf-8")
    planted = re.sub(r"(?<=})\.sidebar-drawer\{[^}]*\}", "", cut)
    assert planted != cut
    path = "chapters/07-establishment.html"
    whole = styles(browser, server, "kk", path, furo_css=lean_theme_css.FURO_CSS.read_text(encoding="utf-8"))
    assert differences(whole["light-wide"], styles(browser, server, "kk", path, furo_css=planted)["light-wide"])
