"""The Russian and English editions are complete, faithful in their apparatus, and in their language."""

import re
from collections import Counter

import pytest

from conftest import LANGUAGES, chapter_pages, site, soup, without_apparatus, TRANSLATIONS

KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def pages(lang):
    return sorted(p.relative_to(site(lang)).as_posix() for p in site(lang).rglob("*.html"))


def test_every_language_has_the_same_pages():
    assert pages("kk") == pages("ru") == pages("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_declare_their_language(lang):
    for page in site(lang).rglob("*.html"):
        assert soup(page).html["lang"] == lang, page


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translated_chapters_contain_no_untranslated_kazakh(lang):
    for page in chapter_pages(lang):
        text = " ".join(p.get_text() for p in without_apparatus(soup(page)).select("p"))
        assert len(KAZAKH_ONLY.findall(text)) <= 2, (page, KAZAKH_ONLY.findall(text))


def chapter_facts(page):
    """What a translation must carry over: years and numbers, term links, index keys, citations."""
    article = soup(page).select_one("article")
    text = " ".join(p.get_text(" ") for p in without_apparatus(soup(page)).select("p"))
    return {
        "years": Counter(re.findall(r"(?<!\d)1[89]\d\d(?!\d)", text)),
        "terms": Counter(a["href"].split("#")[1] for a in article.select("p a[href*='#term-']")),
        "places": len(article.select("p span.place")),
        "persons": len(article.select("p span.person")),
        "citations": Counter(a["href"].split("#")[1] for a in article.select("span.bibtex-citation a")),
        "sections": [s["id"] for s in article.select("section")],
    }


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translations_keep_every_year_term_name_and_citation_of_the_source(lang):
    for source, target in zip(chapter_pages("kk"), chapter_pages(lang), strict=True):
        assert source.name == target.name
        expected, actual = chapter_facts(source), chapter_facts(target)
        for fact in expected:
            assert actual[fact] == expected[fact], f"{lang}/{target.name}: {fact} differ"
