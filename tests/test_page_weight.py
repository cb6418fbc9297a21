"""Each kind of page stays within its weight: requests, bytes, gzip bytes, no other host.

Measured in Chromium (edition/tools/page_weight.py): a fresh context per page, every request the
page makes counted, in kk, ru and en. Issue 16's targets for a chapter page are 100 KB,
25 KB gzip and 6 requests (stock Furo: 111 KB, 8 requests); they hold for a chapter and for
its parallel view, with every feature. Where a kind's own content is heavier, its budget
says so:

- the glossary is text-dense: 100 KB like a chapter, but 26 KB gzip (ru: 25.3 KB);
- the chronology carries a 44 KB table of events and a 12 KB timeline drawn in SVG: 125 KB,
  27 KB gzip (the issue's 100 KB is not met here);
- the search page: its own load (the page, its scripts, and the search index, which grows
  with the text: ~100 KB of 194 KB in kk) within 9 requests, 210 KB and 46 KB gzip; then
  Sphinx's search fetches each result page to quote it. Those fetches are the feature
  (the snippets), not page weight: one request per listed result, each a page of the site
  (HTML only, nothing it loads), each within the 100 KB a page's HTML may weigh.

A planted page with one more stylesheet and a script from another host is caught
(negative control).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import HTML, LANGUAGES, ROOT, serve

from edition.tools import page_weight  # noqa: E402

# kind -> (requests, KB, KB gzip) at most, in every language; third-party requests: none
BUDGET = {
    "chapter": (6, 100, 25),     # issue 16 §2; measured: 5 requests, 96 KB, 23 KB gzip (kk)
    "parallel": (6, 100, 25),
    "glossary": (6, 100, 26),
    "chronology": (6, 125, 27),  # its table and timeline: over the 100 KB
    "search": (9, 210, 46),      # its own load; the quoted results: RESULT_KB each (page_weight.own_load)
}
RESULT_KB = 100  # a fetched result page: its HTML only


def over_budget(kind: str, measured: dict) -> list[str]:
    requests, kb, gzip_kb = BUDGET[kind]
    problems = []
    if measured["requests"] > requests:
        problems.append(f"{measured['requests']} requests (budget {requests}): "
                        + ", ".join(f["url"] for f in measured["files"]) + " " + " ".join(measured["failed"]))
    if measured["kb"] > kb:
        problems.append(f"{measured['kb']:.1f} KB (budget {kb})")
    if measured["gzip_kb"] > gzip_kb:
        problems.append(f"{measured['gzip_kb']:.1f} KB gzip (budget {gzip_kb})")
    if measured["third_party"] or measured["failed"]:
        problems.append(f"requests to other hosts or failed: {measured['failed']}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_kind_is_within_its_weight_budget(browser, server, lang):
    problems = {}
    for kind in page_weight.PAGE_KINDS:
        measured = page_weight.measure(browser, server, lang, kind)
        if kind == "search":
            fetched = [f for f in measured["files"] if page_weight.is_result_fetch(f)]
            assert len(fetched) == measured["results"] > 5, "one fetch per listed result"
            if heavy := [f["url"] for f in fetched if f["bytes"] > RESULT_KB * 1024]:
                problems["search results"] = [f"fetched pages over {RESULT_KB} KB: {heavy}"]
            measured = page_weight.own_load(measured)
        assert measured["files"][0]["status"] == 200 and measured["files"][0]["bytes"] > 10_000
        if over := over_budget(kind, measured):
            problems[kind] = over
    assert problems == {}


def test_a_heavier_page_is_caught(browser, tmp_path):
    """Negative control: one more stylesheet and a script from another host break the budget."""
    site = tmp_path / "site"
    (site / "kk" / "chapters").mkdir(parents=True)
    os.symlink(HTML / "kk" / "_static", site / "kk" / "_static")
    page = (HTML / "kk" / page_weight.PAGE_KINDS["chapter"]).read_text(encoding="utf-8")
    planted = page.replace("</head>", '<link rel="stylesheet" href="../_static/basic.css">'
                                      '<script src="https://example.org/planted.js"></script></head>', 1)
    assert planted != page
    (site / "kk" / page_weight.PAGE_KINDS["chapter"]).write_text(planted, encoding="utf-8")
    with serve(site) as url:
        measured = page_weight.measure(browser, url, "kk", "chapter")
    problems = over_budget("chapter", measured)
    assert any("requests (budget 6)" in p for p in problems)
    assert any("other hosts" in p and "example.org" in p for p in problems)
    assert measured["third_party"] == 1
