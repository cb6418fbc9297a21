"""The 404 page of each language, which a server can show at any depth.

``docs/404.md`` is an ordinary page, translated like the others. sphinx-notfound-page
turns its theme links (stylesheets, scripts, the sidebar, the home link) into absolute
paths, so that ``/kk/no/such/page.html`` answered with ``/kk/404.html`` still finds
them. Their prefix is the language's place on the server, the path of
``edition_base_url`` plus the build language and the release (``/<lang>/<release>/``, the
versioned layout of ``make site`` and Read the Docs), known only once the language is:
this sets ``notfound_urls_prefix`` at ``config-inited``. The links of the page's own
text are made absolute here too (sphinx-notfound-page leaves them relative).
"""

from __future__ import annotations

from urllib.parse import urlparse

from docutils import nodes

from edition.citing.releases import url_of


def set_prefix(app, config):
    config.notfound_urls_prefix = urlparse(url_of(config, config.language)).path


def leave_out_of_the_book(app):
    """The EPUB has no server to answer a missing address: no 404 page in it."""
    if app.builder.name == "epub":
        app.config.exclude_patterns = [*app.config.exclude_patterns, f"{app.config.notfound_pagename}.md"]


def absolute_links(app, doctree, docname):
    if docname != app.config.notfound_pagename or app.builder.format != "html":
        return
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if ref.get("internal") and uri and not uri.startswith(("/", "#")):
            ref["refuri"] = app.config.notfound_urls_prefix + uri


def setup(app):
    app.setup_extension("notfound.extension")
    app.connect("config-inited", set_prefix)
    app.connect("builder-inited", leave_out_of_the_book)
    app.connect("doctree-resolved", absolute_links, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
