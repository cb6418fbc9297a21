"""Anchor redirects: an old ``page.html#old-id`` still lands on the right place.

Page-level redirect tools lose the ``#fragment``. This writes the ``redirects`` of
``docs/_data/anchors.yaml`` into ``_static/anchor-redirects.js`` and tags every page
with its name (``<meta name="edition-page">``); ``edition.js`` then replaces a
fragment that no longer exists on the page with its declared new place. The manifest
gate (``edition/tools/anchor_manifest.py``) keeps the list honest.
"""

from __future__ import annotations

import json
from pathlib import Path

from edition.data.edition_data import load


def write_redirects(app):
    if app.builder.format != "html" or app.builder.name == "epub":  # the EPUB runs no script
        return
    redirects = (load("anchors") or {}).get("redirects") or {}
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "anchor-redirects.js").write_text(
        "window.EDITION_ANCHOR_REDIRECTS = " + json.dumps(redirects, ensure_ascii=False, indent=1) + ";\n",
        encoding="utf-8")


def tag_page(app, pagename, templatename, context, doctree):
    if app.builder.name == "epub":
        return
    context["metatags"] = context.get("metatags", "") + f'\n    <meta name="edition-page" content="{pagename}">\n'


def setup(app):
    app.add_js_file("anchor-redirects.js")
    app.connect("builder-inited", write_redirects)
    app.connect("html-page-context", tag_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
