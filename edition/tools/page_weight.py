"""Page weight as a reader's browser sees it: every request a page makes, in Chromium.

``measure(browser, base_url, lang, kind)`` opens one page of each kind (a chapter, the
glossary, the chronology, the parallel view of a chapter, the search page with results)
in a fresh browser context, so nothing comes from a cache, waits until it has loaded
(for search: until the results are listed) and counts every request: how many, how many to another host, the bytes of each
response body and what they would be gzipped (and, for search, how many results it listed:
Sphinx fetches each result page to quote it). Used by ``tests/test_page_weight.py`` (the
budget) and ``benchmarks/build.py`` (the table). Serve ``_build/html`` first (the tests'
``serve()``), and launch Debian's Chromium through Playwright.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
from pathlib import Path
from urllib.parse import urlsplit

from edition.data import edition_data  # noqa: E402

# the page of each kind; search: a word found on many pages, so the results list is long
PAGE_KINDS = {
    "chapter": "chapters/07-establishment.html",
    "glossary": "glossary.html",
    "chronology": "chronology.html",
    "parallel": "parallel/07-establishment.html",  # the chapter beside its translations (edition/web/parallel_view.py)
    "search": "search.html?q=%D0%BA%D0%B5%D2%A3%D0%B5%D1%81",  # «кеңес»
}
SEARCH_TERM = "term-kenes"  # the glossary's «Кеңес»: its rendering is searched in each language


def search_query(lang: str) -> str:
    """The termbase's rendering of «кеңес» in *lang*, lower case (the Kazakh where it has none)."""
    term = next(t for t in edition_data.load("termbase")["terms"] if t["anchor"] == SEARCH_TERM)
    return (term.get(lang) or term[edition_data.source_language()]).lower()


def page_url(base_url: str, lang: str, kind: str) -> str:
    if kind == "search":
        return f"{base_url}/{lang}/search.html?q={search_query(lang)}"
    return f"{base_url}/{lang}/{PAGE_KINDS[kind]}"


def measure(browser, base_url: str, lang: str, kind: str) -> dict:
    """The requests of one page load, with their sizes (raw and gzip -9)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    host = urlsplit(base_url).netloc
    # a request to another host is counted (as failed), never sent
    context.route(lambda url: urlsplit(url).netloc not in (host, ""), lambda route: route.abort())
    page = context.new_page()
    seen = []
    page.on("requestfinished", lambda request: seen.append(request))
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(page_url(base_url, lang, kind), wait_until="load")
        if kind == "search":
            page.wait_for_function("document.querySelector('#search-results .search-summary')"
                                   "?.textContent.trim().length > 0", timeout=20000)
        page.wait_for_load_state("networkidle")
        results = page.locator("#search-results ul.search > li").count() if kind == "search" else 0
        requests = []
        for request in seen:
            response = request.response()
            body = response.body() if response is not None else b""
            requests.append({"url": request.url.removeprefix(base_url), "status": response.status if response else None,
                             "bytes": len(body), "gzip_bytes": len(gzip.compress(body, 9)),
                             "third_party": urlsplit(request.url).netloc != host})
    finally:
        context.close()
    return {"kind": kind, "lang": lang, "requests": len(requests) + len(failed),
            "third_party": sum(r["third_party"] for r in requests) + sum(urlsplit(u).netloc != host for u in failed),
            "failed": failed, "results": results, "kb": sum(r["bytes"] for r in requests) / 1024,
            "gzip_kb": sum(r["gzip_bytes"] for r in requests) / 1024, "files": requests}


def measure_next_chapter(browser, base_url: str, lang: str) -> dict:
    """The chapter page, then the next one (its "next" link) in the same browser: the
    second view's new bytes, the files it requests that the first view did not (a browser
    keeps those: their addresses carry the file's checksum, ``?v=``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    host = urlsplit(base_url).netloc
    context.route(lambda url: urlsplit(url).netloc not in (host, ""), lambda route: route.abort())
    page = context.new_page()
    seen, failed = [], []
    page.on("requestfinished", lambda request: seen.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(page_url(base_url, lang, "chapter"), wait_until="load")
        page.wait_for_load_state("networkidle")
        first = {request.url for request in seen}
        seen.clear()
        next_url = page.eval_on_selector("a.next-page", "a => a.href")
        page.goto(next_url, wait_until="load")
        page.wait_for_load_state("networkidle")
        files = []
        for request in seen:
            if request.url in first:
                continue
            response = request.response()
            body = response.body() if response is not None else b""
            files.append({"url": request.url.removeprefix(base_url), "bytes": len(body),
                          "gzip_bytes": len(gzip.compress(body, 9))})
    finally:
        context.close()
    return {"lang": lang, "page": next_url.removeprefix(base_url), "files": files, "failed": failed,
            "third_party": sum(urlsplit(u).netloc != host for u in failed),
            "gzip_kb": sum(f["gzip_bytes"] for f in files) / 1024}


def is_result_fetch(file: dict) -> bool:
    """A page the search page fetched to quote it (any page of the site but the search page)."""
    return file["url"].split("?")[0].endswith(".html") and "/search.html" not in file["url"]


def own_load(measured: dict) -> dict:
    """A page's own requests: for the search page, without the result pages it fetches."""
    files = [f for f in measured["files"] if not (measured["kind"] == "search" and is_result_fetch(f))]
    return {**measured, "files": files, "requests": len(files) + len(measured["failed"]),
            "kb": sum(f["bytes"] for f in files) / 1024, "gzip_kb": sum(f["gzip_bytes"] for f in files) / 1024}


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def serve(directory: Path):
    """*directory* served over HTTP on a free loopback port; yields the base URL."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
