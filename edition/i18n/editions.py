"""The three language editions: their titles, ``hreflang`` alternates and the switcher.

The project title is set, per build language, from ``edition_titles`` (the Russian
and English sites are not titled in Kazakh). Every page gets ``<link rel="alternate" hreflang="…">`` for kk, ru and en (plus
``x-default``, the Kazakh source) and a ``edition_languages`` list in the template
context, which ``docs/_templates/sidebar/languages.html`` renders as the switcher.
The three builds sit side by side in ``_build/html/<lang>/`` with the same page names
and the same anchors, so the switcher goes to the same page, and ``edition.js`` keeps
the ``#section`` when it is clicked. These links are relative, between the language
roots of ``_build/html/``; ``make site`` (edition/tools/assemble_site.py) points them at the same
release of the other language in the versioned layout. The 404 page's are absolute and
versioned already (``/<lang>/<release>/404.html``), as its other links are. A translator's
preview (``edition_preview``) is built alone and links to no other language.
"""

from __future__ import annotations

from urllib.parse import urlparse

from markupsafe import escape

from edition.i18n.edition_strings import _
from edition.citing.releases import url_of


def languages_of(app) -> dict[str, str]:
    return app.config.edition_languages


def add_alternates(app, pagename, templatename, context, doctree):
    if app.builder.name == "epub":
        return  # an e-book is one language, offline: no alternates of web pages, no switcher
    depth = pagename.count("/") + 1  # from this page up to _build/html/
    current = app.config.language

    def url(code: str) -> str:
        if pagename == getattr(app.config, "notfound_pagename", None):  # shown at any depth: absolute
            return urlparse(url_of(app.config, code, f"{pagename}.html")).path
        return f"{'../' * depth}{code}/{pagename}.html"

    entries = []
    for code, name in languages_of(app).items():
        if app.config.edition_preview and code != current:
            continue  # a preview is one language alone (_build/preview/<lang>/): no link to a page it lacks
        entries.append({"code": code, "name": name, "url": url(code), "current": code == current})
    links = [f'<link rel="alternate" hreflang="{e["code"]}" href="{escape(e["url"])}">' for e in entries]
    source = next(iter(languages_of(app)))
    links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(url(source))}">')
    context["metatags"] = context.get("metatags", "") + "\n    ".join([""] + links) + "\n"
    context["edition_languages"] = entries
    context["edition_languages_label"] = _("Edition language")


# Sphinx and Furo print these context values into HTML as they are (Furo's brand and mobile
# header, the search page's <title>), so they are text only once escaped: a title of the
# registry is untrusted input. Markup is escaped once, and ``|e`` leaves it as it is.
TEXT_CONTEXT = ("docstitle", "shorttitle", "project")


def escape_titles(app, pagename, templatename, context, doctree):
    for key in TEXT_CONTEXT:
        if isinstance(context.get(key), str):
            context[key] = escape(context[key])


def set_title(app, config):
    title = config.edition_titles.get(config.language)
    if title:
        config.html_title = title
        config.project = title.split(":")[0]


def setup(app):
    app.connect("config-inited", set_title)
    app.connect("html-page-context", add_alternates)
    app.connect("html-page-context", escape_titles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
