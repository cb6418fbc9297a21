"""The site as a reader gets it: one root, three languages, light and dark, print, navigation, lean pages."""

import re
from pathlib import Path

import pytest

from conftest import HTML, LANGUAGES, chapter_pages, site, soup


def test_root_page_offers_the_three_languages():
    page = soup(HTML / "index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("main a[hreflang]")}
    assert links == {lang: f"{lang}/index.html" for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert (HTML / links[lang]).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_alternates_and_a_switcher_to_the_same_page(lang):
    for path in site(lang).rglob("*.html"):
        page = soup(path)
        alternates = {l["hreflang"]: l["href"] for l in page.select('link[rel=alternate][hreflang]')}
        assert set(alternates) == set(LANGUAGES) | {"x-default"}, path
        name = path.relative_to(site(lang)).as_posix()
        for code, href in alternates.items():
            assert (path.parent / href).resolve() == (HTML / (code if code in LANGUAGES else "kk") / name).resolve()
        switcher = {a["hreflang"] for a in page.select(".edition-languages a[hreflang]")}
        assert switcher == set(LANGUAGES) - {lang}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapters_have_permalinks_and_previous_next_navigation(lang):
    pages = chapter_pages(lang)
    for path in pages:
        page = soup(path)
        assert page.select("article h1 a.headerlink, article h2 a.headerlink"), path
        nav = page.select(".related-pages a")
        assert nav, path


def test_light_dark_and_print_styles_are_there():
    css = (site("kk") / "_static" / "styles" / "furo.css").read_text(encoding="utf-8")
    assert "prefers-color-scheme:dark" in css.replace(" ", "") and "data-theme=dark" in css.replace('"', "")
    edition = (site("kk") / "_static" / "edition.css").read_text(encoding="utf-8")
    assert "@media print" in edition + css


def page_bytes(path: Path) -> int:
    html = path.read_text(encoding="utf-8")
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"?]+)', html)
    assets += re.findall(r'<script[^>]+src="([^"?]+)', html)
    return path.stat().st_size + sum((path.parent / a).stat().st_size for a in assets)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_pages_weigh_under_150_kb_with_everything_they_load(lang):
    for path in chapter_pages(lang):
        html = path.read_text(encoding="utf-8")
        assert "furo-extensions.css" not in html and "pygments.css" not in html
        assert page_bytes(path) <= 150 * 1024, (path, page_bytes(path))
