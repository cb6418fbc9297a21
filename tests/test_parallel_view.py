"""Readers compare the original with its translations: a parallel page for every chapter.

Rows are the paragraphs of the text, keyed by the same ids as the chapter pages; columns
are kk, ru and en, each tagged with its language. Translators get the same page as their
review view: a paragraph their catalog lacks, or has fuzzy, is marked so.
"""

import re

import polib
import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from edition.i18n.myst_text import visible
from conftest import LANGUAGES, chapter_pages, make, scratch_project, site, soup, without_apparatus

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = pytest.mark.xdist_group("parallel_view")

CHAPTER = "07-establishment"


def parallel_page(lang, chapter=CHAPTER, root=None):
    return soup((root or site(lang)) / "parallel" / f"{chapter}.html")


def rows(page):
    return page.select(".parallel-view > .parallel-row[id]")


def words(text):
    """Words without the punctuation that the apparatus leaves around citations."""
    return [w for w in re.sub(r"[()\[\].,;:]", " ", text).split() if w]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chapter_links_a_parallel_page_with_its_paragraph_ids_in_three_lang_tagged_columns(lang):
    for path in chapter_pages(lang):
        chapter = soup(path)
        link = chapter.select_one("article .parallel-link a")
        assert link is not None, path
        target = (path.parent / link["href"]).resolve()
        page = soup(target)
        assert page.html["lang"] == lang
        ids = [p["id"] for p in chapter.select("article section > p")]
        assert [row["id"] for row in rows(page)] == ids, path.name
        assert [cell["lang"] for cell in page.select(".parallel-head > div")] == list(LANGUAGES)
        for row in rows(page):
            assert [cell["lang"] for cell in row.select(":scope > .parallel-cell")] == list(LANGUAGES)
            assert row.select_one("a.parallel-locator")["href"] == f"../chapters/{path.name}#{row['id']}"
        back = page.select_one(".parallel-nav a")["href"]
        assert (target.parent / back).resolve() == path.resolve()


def test_each_column_holds_its_own_languages_text():
    """Every cell says what the chapter page of its language says in that paragraph."""
    for lang in LANGUAGES:
        page = parallel_page(lang)
        for code in LANGUAGES:
            chapter = without_apparatus(soup(site(code) / "chapters" / f"{CHAPTER}.html"))
            for row in rows(page):
                cell = row.select_one(f'.parallel-cell[lang="{code}"]')
                assert "parallel-translated" in cell["class"] or code == "kk" and "parallel-source" in cell["class"]
                paragraph = chapter.find(id=row["id"])
                assert words(cell.p.get_text()) == words(paragraph.get_text()), (lang, code, row["id"])


@pytest.fixture(scope="session")
def review_site(tmp_path_factory):
    """The translator's preview of English from an unfinished catalog: one paragraph fuzzy,
    one untranslated."""
    project = scratch_project(tmp_path_factory.mktemp("review"))
    path = project / "locales" / "en" / "LC_MESSAGES" / "chapters" / f"{CHAPTER}.po"
    po = polib.pofile(str(path), wrapwidth=79)
    paragraphs = [e for e in po if len(e.msgid) > 200]
    fuzzy, untranslated = paragraphs[1], paragraphs[3]
    fuzzy.flags.append("fuzzy")
    untranslated.msgstr = ""
    po.save()
    result = make(project, "preview-en")  # what a translator runs; `make html` would refuse the catalog
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    return project / "_build" / "preview" / "en", fuzzy, untranslated


def row_of(page, message):
    kazakh = visible(message)
    found = [row for row in rows(page) if row.select_one('[lang="kk"] p').get_text() == kazakh]
    assert len(found) == 1, kazakh[:60]
    return found[0]


def test_the_review_view_marks_a_fuzzy_paragraph_and_shows_its_translation(review_site):
    built, fuzzy, _ = review_site
    cell = row_of(parallel_page("en", root=built), fuzzy.msgid).select_one('.parallel-cell[lang="en"]')
    assert "parallel-fuzzy" in cell["class"]
    assert cell.select_one(".parallel-status").get_text() == "Fuzzy: needs review"
    assert cell.p.get_text() == visible(fuzzy.msgstr)
    assert not re.search("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", cell.p.get_text())


def test_the_review_view_marks_an_untranslated_paragraph_and_never_shows_kazakh_as_english(review_site):
    built, _, untranslated = review_site
    row = row_of(parallel_page("en", root=built), untranslated.msgid)
    cell = row.select_one('.parallel-cell[lang="en"]')
    assert "parallel-untranslated" in cell["class"]
    assert cell.select_one(".parallel-status").get_text() == "Not translated"
    assert cell.p is None
    assert "parallel-translated" in row.select_one('.parallel-cell[lang="ru"]')["class"]
    # the chapter page itself shows the Kazakh there (Sphinx's fallback): the view does not
    chapter = BeautifulSoup((built / "chapters" / f"{CHAPTER}.html").read_text(encoding="utf-8"), "lxml")
    assert re.search("[әғқңөұүһі]", chapter.find(id=row["id"]).get_text())


def test_the_preview_marks_fuzzy_and_untranslated_paragraphs_on_the_chapter_page(review_site):
    """On the chapter page itself (not only the parallel view) each paragraph shown in Kazakh
    for want of a translation is framed (class untranslated) and begins with its status."""
    built, fuzzy, untranslated = review_site
    chapter = BeautifulSoup((built / "chapters" / f"{CHAPTER}.html").read_text(encoding="utf-8"), "lxml")
    marked = {p.select_one(".edition-preview-status").get_text().strip(): p
              for p in chapter.select("article p.untranslated")}
    assert set(marked) == {"Fuzzy: needs review", "Not translated"}, marked
    assert visible(fuzzy.msgid)[:40] in marked["Fuzzy: needs review"].get_text()
    assert visible(untranslated.msgid)[:40] in marked["Not translated"].get_text()
    assert all(p["lang"] == "kk" and p.select_one(".edition-preview-status")["lang"] == "en" for p in marked.values())
    assert ".untranslated" in chapter.find("style").get_text() or ".untranslated" in (
        built / "_static" / "edition.css").read_text(encoding="utf-8")  # the frame's rule reaches the page
    # a preview is one language alone: its switcher links to no other (they would be dead)
    assert chapter.select("nav.edition-languages a") == []


# -- in the browser ---------------------------------------------------------------------
def boxes(page, row_id):
    return [page.locator(f'#{row_id} > .parallel-cell[lang="{code}"]').bounding_box() for code in LANGUAGES]


def test_columns_stand_side_by_side_on_a_wide_screen(page, server):
    page.goto(f"{server}/ru/parallel/{CHAPTER}.html")
    kk, ru, en = boxes(page, "sec-establishment-syrdarya-p1")
    assert kk["x"] + kk["width"] <= ru["x"] and ru["x"] + ru["width"] <= en["x"]
    assert kk["y"] == ru["y"] == en["y"]


def test_columns_stack_per_paragraph_on_a_390_px_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/en/parallel/{CHAPTER}.html")
    kk, ru, en = boxes(page, "sec-establishment-syrdarya-p1")
    assert kk["x"] == ru["x"] == en["x"]
    assert kk["y"] + kk["height"] <= ru["y"] and ru["y"] + ru["height"] <= en["y"]
    following, _, _ = boxes(page, "sec-establishment-syrdarya-p2")
    assert en["y"] + en["height"] <= following["y"]  # per paragraph: p1 in three languages, then p2
    assert page.locator('#sec-establishment-syrdarya-p1 > [lang="ru"] .parallel-lang').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_parallel_page_prints_its_columns_without_navigation(page, server):
    page.goto(f"{server}/kk/parallel/{CHAPTER}.html")
    assert page.locator(".parallel-nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".parallel-nav").is_visible()
    assert not page.locator(".parallel-locator").first.is_visible()
    assert not page.locator(".sidebar-drawer").is_visible()
    kk, ru, en = boxes(page, "sec-establishment-syrdarya-p2")
    assert kk["y"] == ru["y"] == en["y"]


def test_chapter_and_parallel_page_link_to_each_other(page, server):
    page.goto(f"{server}/en/chapters/{CHAPTER}.html")
    page.click(".parallel-link a")
    page.wait_for_url(f"**/en/parallel/{CHAPTER}.html")
    page.click("#sec-establishment-akmola-p1 > a.parallel-locator")
    page.wait_for_url(f"**/en/chapters/{CHAPTER}.html#sec-establishment-akmola-p1")
    page.go_back()
    page.click(".parallel-nav a")
    page.wait_for_url(f"**/en/chapters/{CHAPTER}.html")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_parallel_page_has_no_serious_accessibility_violations(page, server, lang):
    page.goto(f"{server}/{lang}/parallel/{CHAPTER}.html")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
