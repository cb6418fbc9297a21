"""What a reader does in a real browser: switch language, search in Kazakh, follow links, stay private."""

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from pybtex.database import parse_string

from conftest import LANGUAGES, search_results


def test_language_switcher_keeps_the_page_and_the_section(page, server):
    page.goto(f"{server}/kk/chapters/07-establishment.html#sec-establishment-zhetysu")
    page.click(".edition-languages a[hreflang=ru]")
    page.wait_for_url("**/ru/chapters/07-establishment.html#sec-establishment-zhetysu")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("#sec-establishment-zhetysu h2").inner_text().endswith("Семиречье")
    page.click(".edition-languages a[hreflang=en]")
    page.wait_for_url("**/en/chapters/07-establishment.html#sec-establishment-zhetysu")


def test_kazakh_search_for_an_inflected_form_finds_other_forms(page, server):
    found = search_results(page, server, "кеңестердің")
    chapters = {href for href in found if href.startswith("chapters/")}
    assert len(chapters) == 9, found  # every chapter speaks of «Кеңес» in some form
    assert search_results(page, server, "съезге") >= {"chapters/02-1917.html", "chapters/05-republics.html"}


def test_glossary_and_citation_links_resolve(page, server):
    page.goto(f"{server}/kk/chapters/03-constituent.html")
    page.click("article a[href*='glossary.html#term-']")
    page.wait_for_url("**/glossary.html#term-*")
    anchor = urlparse(page.url).fragment
    assert page.locator(f"dt#{anchor}").is_visible()
    page.go_back()
    page.click("article span.bibtex-citation a")
    page.wait_for_url("**/bibliography.html#bib-*")
    assert page.locator(f"#{urlparse(page.url).fragment}").is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_make_no_request_to_another_host(page, server, lang):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc or urlparse(request.url).scheme))
    for path in ("index.html", "chapters/01-term.html", "glossary.html", f"search.html?q=кеңес"):
        page.goto(f"{server}/{lang}/{path}")
        page.wait_for_load_state("networkidle")
    assert hosts <= {urlparse(server).netloc, "data"}, hosts


def test_moved_anchor_is_redirected_in_the_browser(page, server):
    page.route(re.compile(r".*/_static/anchor-redirects\.js(\?.*)?$"), lambda route: route.fulfill(
        content_type="text/javascript",
        body='window.EDITION_ANCHOR_REDIRECTS = {"chapters/01-term#sec-old-name": '
             '"chapters/07-establishment#sec-establishment-torgai"};'))
    page.goto(f"{server}/en/chapters/01-term.html#sec-old-name")
    page.wait_for_url("**/en/chapters/07-establishment.html#sec-establishment-torgai")


def test_cite_control_opens_a_citation_in_a_chosen_style_with_a_copy_button(page, server):
    """The citations are fetched from _cite/ when the control opens (the page stays light): the
    plain citation in the language's default CSL style, a chooser of the six styles and a copy
    button, and BibTeX that parses, its URL as it is, each under its label."""
    page.goto(f"{server}/ru/chapters/08-administration.html")
    control = page.locator('#sec-administration-culture > details.cite[data-unit="sec-administration-culture"]')
    assert control.locator("pre").count() == 0
    control.locator("summary").click()
    text = control.locator("pre.cite-plain").inner_text()
    assert "sec-administration-culture" in text
    select = control.locator("select.cite-style")
    assert select.locator("option").count() == 6 and select.input_value() == "chicago-notes"
    select.select_option("apa")
    assert control.locator("pre.cite-plain").inner_text() != text and "(2026)" in control.locator("pre.cite-plain").inner_text()
    assert control.locator("button.cite-copy").is_visible()
    bibtex = parse_string(control.locator("pre.cite-bibtex").inner_text(), "bibtex")
    assert next(iter(bibtex.entries.values())).fields["url"].endswith(".html#sec-administration-culture")
    assert control.locator(".cite-format").all_inner_texts() == ["Текст", "BibTeX"]
    control.locator("summary").click()  # closed and opened again: loaded once
    control.locator("summary").click()
    assert control.locator("pre").count() == 2


def test_cite_control_without_scripts_links_the_citation_files(browser, server):
    """No script: the control's links are the citations, the plain one readable as UTF-8."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/kk/chapters/07-establishment.html")
    control = page.locator('details.cite[data-unit="sec-establishment-akmola"]')
    control.locator("summary").click()
    links = control.locator(".cite-files a")
    assert [a.get_attribute("href").rsplit(".", 1)[1] for a in links.all()] == ["txt", "bib", "ris", "json"]
    assert links.first.is_visible() and not control.locator(".cite-tools").is_visible()  # a script's tools
    links.first.click()
    page.wait_for_url("**/_cite/sec-establishment-akmola.txt")
    text = page.locator("body").inner_text()
    context.close()
    # the default style worded by the edition's Kazakh CSL locale: its section locator "бөл."
    assert "#sec-establishment-akmola" in text and "бөл. 7.2," in text and "Кеңес" in text, text


def test_print_leaves_out_the_cite_controls_and_the_language_switcher(page, server):
    page.goto(f"{server}/kk/chapters/07-establishment.html")
    hidden = ("details.cite", ".edition-languages")
    for selector in hidden:
        assert page.locator(selector).first.is_visible(), f"{selector} is not on the screen page"
    page.emulate_media(media="print")
    for selector in hidden:
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator("article h1").is_visible()


def test_dark_theme_changes_the_page_colours(page, server):
    page.goto(f"{server}/en/chapters/01-term.html")
    colour = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(colour)
    page.evaluate("document.body.dataset.theme = 'dark'")
    assert page.evaluate(colour) != light


PAGE_KINDS = ["index.html", "chapters/07-establishment.html", "glossary.html", "abbreviations.html",
              "bibliography.html", "chronology.html", "editorial.html", "citing.html", "translation-status.html",
              "genindex.html", "search.html?q=кеңес", "parallel/07-establishment.html"]


def serious_violations(page) -> list:
    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_kind_has_no_serious_accessibility_violations(browser, server, lang, scheme):
    """axe on each kind of page, in the reader's light or dark colour scheme (Furo follows it)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for kind in PAGE_KINDS:
        page.goto(f"{server}/{lang}/{kind}")
        if kind.startswith("search.html"):
            search_results(page, server, "кеңес", lang)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        if violations := serious_violations(page):
            found[kind] = violations
    context.close()
    assert not found, found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_language_chooser_has_no_serious_accessibility_violations(browser, server, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    violations = serious_violations(page)
    context.close()
    assert not violations, violations


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_page_has_a_heading_and_a_summary(page, server, lang):
    """A top-level heading, and the "found N pages" line in the page language (Sphinx's ru left it empty)."""
    search_results(page, server, "кеңес", lang)
    assert page.locator("h1").count() == 1
    summary = page.locator("#search-results .search-summary").inner_text()
    assert summary.strip() and ("Search" not in summary) == (lang != "en"), summary


def opacity(locator):
    return locator.evaluate("el => getComputedStyle(el).opacity")


@pytest.mark.parametrize("width", [1280, 375])  # a desktop and a phone: no hover on a phone
def test_paragraph_number_and_cite_control_show_without_hover_and_work_from_the_keyboard(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{server}/en/chapters/07-establishment.html")
    paragraph = page.locator("#sec-establishment-syrdarya-p2")
    link = paragraph.locator("> a.paralink")
    assert opacity(link) == "1" and link.is_visible() and link.inner_text() == "¶\xa02"
    control = page.locator('details.cite-paragraph[data-unit="sec-establishment-syrdarya-p2"] > summary')
    assert opacity(control) == "1" and control.is_visible()
    paragraph.locator("a").nth(-2).focus()  # the paragraph's last link before the ¶
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#sec-establishment-syrdarya-p2"
    page.keyboard.press("Tab")  # the paragraph's cite control, opened with the keyboard
    page.keyboard.press("Enter")
    assert page.locator('details.cite-paragraph[data-unit="sec-establishment-syrdarya-p2"]').get_attribute("open") is not None


def test_paragraph_cite_control_cites_the_paragraph_with_a_csl_locator(page, server):
    page.goto(f"{server}/ru/chapters/07-establishment.html#sec-establishment-akmola-p1")
    control = page.locator('details.cite-paragraph[data-unit="sec-establishment-akmola-p1"]')
    assert opacity(control.locator("summary")) == "1"
    control.locator("summary").click()
    text = control.locator("pre.cite-plain").inner_text()
    assert control.locator(".cite-format").count() == 0  # one format: no label
    assert "п. 1," in text and "§" not in text and "#sec-establishment-akmola-p1" in text
    href = control.locator(".cite-files a").first.get_attribute("href")
    assert href == "../_cite/sec-establishment-akmola-p1.txt"


def test_a_page_reached_from_a_search_marks_the_searched_words(page, server):
    """sphinx_highlight.js is loaded only when a page is reached from a search (edition/web/lean_pages.py);
    then it marks the words, as in stock Sphinx."""
    loaded = []
    page.on("request", lambda request: loaded.append(request.url) if "sphinx_highlight" in request.url else None)
    page.goto(f"{server}/kk/chapters/07-establishment.html")
    page.wait_for_load_state("networkidle")
    assert loaded == [] and page.locator("span.highlighted").count() == 0
    search_results(page, server, "кеңес")
    page.locator("#search-results ul.search li > a[href*='07-establishment']").first.click()
    page.wait_for_url("**/chapters/07-establishment.html*")
    page.wait_for_selector("article span.highlighted")
    assert any("sphinx_highlight.js" in url for url in loaded)
    assert "кеңес" in page.locator("article span.highlighted").first.inner_text().lower()


READER_SCREENS = {"phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
                  "desktop": {"viewport": {"width": 1366, "height": 900}}}


@pytest.mark.parametrize("screen", READER_SCREENS)
def test_a_reader_on_a_phone_and_a_desktop_gets_the_page_language_the_licence_the_glosses_and_the_glossary_order(
        browser, server, screen):
    """One page load per check: the Russian chapter's theme words and footer (with the licence
    link, on the screen), the English glossary in English alphabetical order, and the Kazakh
    chapter's witness reading and expansion, which open on a tap (phone) or a click, and from
    the keyboard, and close with Escape."""
    from bs4 import BeautifulSoup
    from test_glossary import in_alphabetical_order
    from test_page_language import foreign_words

    context = browser.new_context(**READER_SCREENS[screen])
    page = context.new_page()
    page.goto(f"{server}/ru/chapters/07-establishment.html")
    # the theme's words as the browser shows them, after the scripts ran: none in English
    assert not foreign_words(BeautifulSoup(page.content(), "lxml"), "ru")
    footer = page.locator("footer")
    footer.scroll_into_view_if_needed()
    words = footer.inner_text()
    assert not re.search(r"\b(Copyright|Made with|Next|Previous|Back to top)\b", words), words
    licence = footer.locator('a[rel="license"]')
    assert licence.is_visible() and "Лицензия" in footer.inner_text()
    assert licence.get_attribute("href") == "https://creativecommons.org/licenses/by-sa/4.0/"

    page.goto(f"{server}/en/glossary.html")
    # the headwords: the first term of each entry (an entry may have more)
    terms = [t.rstrip("¶").strip() for t in page.locator("article dl.glossary > dt:not(dt + dt)").all_inner_texts()]
    assert len(terms) > 20 and in_alphabetical_order(terms, "en"), terms
    assert terms[0][:1].isdigit() and next(t for t in terms if t[:1].isalpha())[:1] == "A", terms[:5]

    page.goto(f"{server}/kk/chapters/07-establishment.html")
    for word, gloss in (("button.gloss:has(.emendation)", "Түпнұсқада: "), ("button.gloss:has(abbr)", "тағы басқа")):
        button = page.locator(word).first
        note = page.locator(f'#{button.get_attribute("popovertarget")}')
        assert not note.is_visible()
        if screen == "phone":
            button.tap()
        else:
            button.click()
        assert note.is_visible() and gloss in note.inner_text()
        page.keyboard.press("Escape")
        assert not note.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert note.is_visible()
        page.keyboard.press("Escape")
        assert not note.is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= READER_SCREENS[screen]["viewport"]["width"]
    context.close()
