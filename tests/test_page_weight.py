"""Each kind of page stays within its weight: requests, bytes, gzip bytes, no other host.

Measured in Chromium (tools/page_weight.py): a fresh context per page, every request the
page makes counted, in kk, ru and en. The budgets are what issue 16 reached; its targets
for a chapter are 100 KB, 25 KB gzip and 6 requests (stock Furo: 111 KB, 8 requests). What
keeps the chapter above 100 KB: Furo's stylesheet (50 KB) and the inline cite panels (a
section's plain citation and BibTeX, a paragraph's plain citation; RIS and CSL-JSON are
files), which ext/citing.py writes.
The search page fetches each result page to quote it (Sphinx's search summary): those
fetches are counted apart from what the page itself loads. A planted page with one more
stylesheet and a script from another host is caught (negative control).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import HTML, LANGUAGES, ROOT, serve

sys.path.insert(0, str(ROOT / "tools"))
import page_weight  # noqa: E402

# kind -> (requests, KB, KB gzip) at most, in every language; third-party requests: none
BUDGET = {
    "chapter": (6, 135, 30),  # 125 KB before the paragraph cite controls, downloads and page metadata
    "glossary": (6, 128, 33),
    "chronology": (6, 150, 33),
    "search": (9, 240, 56),  # the page itself: HTML, CSS, scripts, search index; not the quoted results
}


def own_load(measured: dict) -> dict:
    """A search page's own requests, without the result pages it fetches to quote them."""
    files = [f for f in measured["files"] if not (f["url"].split("?")[0].endswith(".html")
                                                 and "/search.html" not in f["url"])]
    return {**measured, "files": files, "requests": len(files) + len(measured["failed"]),
            "kb": sum(f["bytes"] for f in files) / 1024, "gzip_kb": sum(f["gzip_bytes"] for f in files) / 1024}


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
            assert len(measured["files"]) > len(own_load(measured)["files"]), "the search listed results"
            measured = own_load(measured)
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
