"""The site as a reader gets it: one root, three languages, navigation, lean pages (print: test_browser)."""

import re
import shutil
from pathlib import Path

import pytest

from conftest import DOCS, HTML, LANGUAGES, chapter_pages, dead_links, resolve_href, site, soup


def test_root_page_offers_the_three_languages():
    page = soup(HTML / "index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("main a[hreflang]")}
    assert links == {lang: f"{lang}/index.html" for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert (HTML / links[lang]).is_file()


def test_the_site_root_has_a_404_page_in_the_choosers_manner_that_leads_to_each_language():
    """A missing address outside the languages' folders gets the root 404.html: in the
    chooser's style (its inline stylesheet: nothing to load at any depth), saying so in each
    language, with absolute links to each language's home page."""
    page = soup(HTML / "404.html")
    chooser = soup(HTML / "index.html")
    assert page.select_one("style").get_text() == chooser.select_one("style").get_text()
    assert not page.select("link[rel=stylesheet], script[src], img")
    assert page.select_one('meta[name=robots]')["content"] == "noindex"
    items = {li["lang"]: li for li in page.select("ul.editions > li[lang]")}
    assert set(items) == set(LANGUAGES)
    words = {"kk": "бет жоқ", "ru": "страницы нет", "en": "no page"}
    for lang, item in items.items():
        assert words[lang] in item.get_text(), lang
        href = item.select_one(f"a[hreflang={lang}]")["href"]
        assert href.startswith("/") and resolve_href(HTML / "404.html", href) == (HTML / lang / "index.html").resolve()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_alternates_and_a_switcher_to_the_same_page(lang):
    for path in site(lang).rglob("*.html"):
        page = soup(path)
        alternates = {l["hreflang"]: l["href"] for l in page.select('link[rel=alternate][hreflang]')}
        assert set(alternates) == set(LANGUAGES) | {"x-default"}, path
        name = path.relative_to(site(lang)).as_posix()
        for code, href in alternates.items():
            # relative, but absolute on the 404 page, which is shown at any depth
            assert resolve_href(path, href) == (HTML / (code if code in LANGUAGES else "kk") / name).resolve()
        switcher = {a["hreflang"] for a in page.select(".edition-languages a[hreflang]")}
        assert switcher == set(LANGUAGES) - {lang}


CHAPTERS = sorted(p.stem for p in (DOCS / "chapters").glob("*.md"))  # 01-term … 09-1936-1991


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_heading_links_to_its_ascii_label(lang):
    """A reader copies a section's link from its heading: it must be the citable label."""
    for path in chapter_pages(lang):
        sections = soup(path).select("article section[id]")
        assert sections, path
        for section in sections:
            assert re.fullmatch(r"(ch|sec)-[a-z0-9-]+", section["id"]), (path, section["id"])
            link = section.find(re.compile(r"^h[1-6]$")).select_one("a.headerlink")
            assert link and link["href"] == "#" + section["id"], (path, section["id"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_previous_and_next_follow_the_order_of_the_chapters(lang):
    pages = [path.relative_to(site(lang) / "chapters").with_suffix("").as_posix() for path in chapter_pages(lang)]
    assert pages == CHAPTERS
    for before, after in zip(CHAPTERS, CHAPTERS[1:]):
        page = soup(site(lang) / "chapters" / f"{before}.html")
        following = page.select_one(".related-pages a.next-page")
        assert following and following["href"].split("#")[0] == f"{after}.html", (lang, before)


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_repeats_an_id(lang):
    """Translated paragraphs are parsed apart and used to repeat the citations' idN (edition/guards/unique_ids.py)."""
    for page in site(lang).rglob("*.html"):
        ids = [element["id"] for element in soup(page).select("[id]")]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{page.relative_to(HTML)}: {repeated}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_link_within_the_site_reaches_its_file_and_anchor(lang):
    dead = dead_links(site(lang))
    assert not dead, "\n".join(dead[:20])


def test_a_dead_link_or_a_missing_anchor_is_found(tmp_path):
    """Negative control: the emendation anchor of a Russian page removed (as translations lost it
    before edition/apparatus/emendations.py put it on the paragraph), and a page deleted."""
    copy = tmp_path / "ru"
    shutil.copytree(site("ru"), copy)
    page = copy / "chapters" / "01-term.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="em-kenesteri-boldy"', ""), encoding="utf-8")
    (copy / "glossary.html").unlink()
    dead = dead_links(copy)
    assert any("#em-kenesteri-boldy (no anchor)" in d for d in dead), dead
    assert any("glossary.html" in d and "(no file)" in d for d in dead), dead
