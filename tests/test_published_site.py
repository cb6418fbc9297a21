"""What a published site is expected to have: sitemaps with hreflang, robots.txt, a 404 page.

Crawlers read ``robots.txt`` and the root ``sitemap.xml`` (an index of each language's
sitemap); every page is listed, at its versioned address ``<base><lang>/<release>/``,
with its alternates in the other languages. A server answers a missing address, at any
depth, with the language's ``404.html``: its stylesheets, scripts and links must still
work there, in the versioned layout that is published (``make site``, ``_build/site/``).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest
from lxml import etree

from conftest import CONF, HTML, LANGUAGES, RELEASE, SITE, edition_url, serve, site

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = pytest.mark.xdist_group("published_site")

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
NOT_LISTED = {"search.html", "genindex.html", "404.html"}


def base() -> str:
    return CONF["edition_base_url"].rstrip("/") + "/"


def pages(lang: str) -> set[str]:
    return {p.relative_to(site(lang)).as_posix() for p in site(lang).rglob("*.html")
            if not p.relative_to(site(lang)).as_posix().startswith("_")} - NOT_LISTED


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_in_its_languages_sitemap_with_its_alternates(lang):
    tree = etree.parse(str(site(lang) / "sitemap.xml"))
    urls = tree.findall("s:url", NS)
    listed = {}
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc.startswith(edition_url(lang)), loc
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        listed[loc.removeprefix(edition_url(lang))] = alternates
    assert set(listed) == pages(lang)
    for page, alternates in listed.items():
        assert set(alternates) == set(LANGUAGES), page
        for other, href in alternates.items():
            assert href == edition_url(other, page)
            assert (HTML / other / page).is_file(), href


def test_the_root_names_the_sitemaps_for_crawlers():
    index = etree.parse(str(HTML / "sitemap.xml"))
    assert index.getroot().tag == f"{{{NS['s']}}}sitemapindex"
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [edition_url(lang, "sitemap.xml")
                                                                        for lang in LANGUAGES]
    robots = (HTML / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and f"Sitemap: {base()}sitemap.xml" in robots


@pytest.fixture(scope="session")
def published():
    """The assembled site (``make site``) served over HTTP; yields the base URL."""
    if not (SITE / "sitemap.xml").is_file():
        pytest.fail(f"{SITE} is not assembled: run `make site`")
    with serve(SITE) as url:
        yield url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_works_at_any_depth(browser, published, lang):
    """Served for a missing address three folders deep in the published release, the 404
    page is styled, in its language, and every link and resource it has leads to a file of
    the site."""
    server = published
    missing = f"{server}/{lang}/{RELEASE}/no/such/folder/page.html"
    body = (SITE / lang / RELEASE / "404.html").read_bytes()
    page = browser.new_page()
    page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.url != missing and failed.append(r.url))
    page.goto(missing)
    assert page.locator("html").get_attribute("lang") == lang
    # Furo's stylesheet and the edition's are applied (they define these)
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--color-background-primary')").strip()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"DejaVu Sans"')
    prefix = urlparse(base()).path
    links = page.eval_on_selector_all("a[href], link[href], script[src]",
                                      "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))")
    broken = []
    for link in links:
        target = urljoin(missing, link)
        parsed = urlparse(target)
        if link.startswith("#") or not target.startswith(server):
            continue
        path = parsed.path.removeprefix(prefix.rstrip("/"))
        if not (SITE / path.lstrip("/")).is_file():
            broken.append(link)
    page.close()
    assert not failed, failed
    assert not broken, broken
    assert len(links) > 30  # the sidebar's contents are there
