"""Every page in its reader's language: the theme's words, the copyright holder, the licence."""

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CONF, LANGUAGES, ROOT, data, site_pages, soup

EDITORS = {entry["code"]: entry["editors"] for entry in data("languages")["languages"]}
TITLES = {entry["code"]: entry["title"] for entry in data("languages")["languages"]}
SWITCHER = {entry["name"] for entry in data("languages")["languages"]}
# Names, not words: the tools the footer credits, the licence, the formats of the downloads
NAMES = ("@pradyunsg", "Sphinx", "Furo", "CC BY-SA 4.0", "PDF", "EPUB")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}(?:[’'][a-z]+)?")
CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]{2,}")
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def chrome(page: BeautifulSoup) -> list[str]:
    """The theme's words on a page: its text and labels outside the article, and the labels
    of the article's own controls (not the titles of the works its citations name)."""
    page = BeautifulSoup(str(page), "lxml")
    for element in page(["script", "style", "noscript"]):
        element.decompose()
    article = page.select_one("article")
    if article is not None:
        article.decompose()
    words = [text.strip() for text in page.body.find_all(string=True) if text.strip()]
    words += [element[name] for element in page.find_all(True) for name in ATTRIBUTES if element.get(name)]
    return words


def foreign_words(page: BeautifulSoup, lang: str) -> list[str]:
    """Words of the theme in another script than the page's (its script: the edition's title
    in the registry): Latin on a kk or ru page, Cyrillic on an en page; the language
    switcher's names and the credited names apart."""
    pattern = CYRILLIC_WORD if LATIN_WORD.search(TITLES[lang]) else LATIN_WORD
    found = []
    for text in chrome(page):
        if text in SWITCHER:
            continue
        for name in NAMES:
            text = text.replace(name, "")
        found += pattern.findall(text)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_theme_speaks_the_language_of_the_page_on_every_page(lang):
    for page in site_pages(lang):
        assert not foreign_words(soup(page), lang), (page, foreign_words(soup(page), lang))


def test_a_theme_word_left_in_english_is_found():
    # the Russian footer and table of contents as Furo wrote them before sphinx.po translated them
    planted = BeautifulSoup('<body><span class="toc-title">On this page</span><footer>'
                            '<div class="context"><span>Previous</span></div>Made with <a>Sphinx</a>'
                            '</footer><article>The Kazakhs</article></body>', "lxml")
    assert foreign_words(planted, "ru") == ["On", "this", "page", "Previous", "Made", "with"]
    assert foreign_words(BeautifulSoup("<body><footer>Copyright © 2026, Кеңес үкіметі басылымының "
                                       "редакциясы</footer></body>", "lxml"), "en")


def footer_problems(page: BeautifulSoup, lang: str) -> list[str]:
    footer = page.select_one("footer")
    if footer is None:
        return ["no footer"]
    problems = []
    holder = footer.select_one(".copyright")
    if holder is None or EDITORS[lang] not in holder.get_text():
        problems.append(f"the holder is not {EDITORS[lang]!r}")
    others = [EDITORS[other] for other in EDITORS if other != lang and EDITORS[other] in footer.get_text()]
    if others:
        problems.append(f"the footer names {others}")
    licence = footer.select('a[rel="license"]')
    if [(a.get("href"), a.get_text()) for a in licence] != [
            ("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0")]:
        problems.append("no link to CC BY-SA 4.0")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_footer_names_the_holder_in_the_page_language_and_links_the_licence(lang):
    # the licence the footers state is the one the edition declares (CITATION.cff, conf.py)
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["license"] == CONF["edition_license"] == "CC-BY-SA-4.0"
    for page in site_pages(lang):
        assert not footer_problems(soup(page), lang), (page, footer_problems(soup(page), lang))


def test_a_footer_with_the_kazakh_holder_and_no_licence_is_found():
    planted = BeautifulSoup(f'<footer><div class="copyright">Copyright © 2026, {EDITORS["kk"]}</div></footer>',
                            "lxml")
    assert len(footer_problems(planted, "ru")) == 3
    assert footer_problems(planted, "kk") == ["no link to CC BY-SA 4.0"]


def test_a_licence_translation_with_markup_stays_text(monkeypatch):
    from edition.web import footer
    monkeypatch.setattr(footer, "_", lambda message: '<img src=x onerror="alert(1)"> %(license)s')
    line = BeautifulSoup(str(footer.licence_line(CONF["edition_license"])), "lxml")
    assert line.find("img") is None and "<img" in line.get_text()
    assert line.select_one('a[rel="license"]').get_text() == "CC BY-SA 4.0"
