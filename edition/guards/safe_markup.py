"""No script from the sources: translations and data files cannot put live markup on a page.

Catalogs and data files are untrusted input. conf.py switches off MyST's raw HTML
(``myst_disable_syntax``), so ``<script>`` or ``<img onerror>`` in a msgstr or in a note
comes out as text. This extension closes the other doors:

- docutils' ``raw`` directive and role are disabled (``raw_enabled``), also inside
  ``{eval-rst}``; the edition's own figures are built by extensions, not parsed;
- every link and image of a page must use a safe URL: http, https, mailto or a relative
  one. A ``javascript:``, ``vbscript:``, ``data:`` or ``file:`` URL is an error with file
  and line, and the URL is dropped from the page.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}


def unsafe(url: str) -> str | None:
    """The scheme of *url* if it is not a safe one, else None (control characters ignored)."""
    match = SCHEME.match(re.sub(r"[\x00-\x20]", "", url))
    if match and match[1].lower() not in SAFE_SCHEMES:
        return match[1].lower()
    return None


class SafeUrls(SphinxPostTransform):
    """Refuse links and images whose URL could run script."""

    default_priority = 5  # before anything renders a reference

    def run(self, **kwargs):
        for node in list(self.document.findall(lambda n: isinstance(n, (nodes.reference, nodes.image)))):
            attribute = "refuri" if isinstance(node, nodes.reference) else "uri"
            scheme = unsafe(node.get(attribute, ""))
            if scheme:
                logger.warning("a %s: URL is not allowed in the edition: %r", scheme, node[attribute],
                               location=node, type="edition", subtype="url")
                # a link keeps its words as text, an image goes (a reference without a URL
                # would stop the HTML writer with a traceback)
                node.replace_self(nodes.inline("", "", *node.children) if isinstance(node, nodes.reference) else [])


def disable_raw(app):
    # BuildEnvironment.settings holds the docutils settings of every page read; it is
    # not documented API (sphinx/environment/__init__.py, `default_settings`). Fenced:
    # without it raw HTML could come back silently.
    if not isinstance(getattr(app.env, "settings", None), dict):
        raise RuntimeError("safe_markup: sphinx.environment.BuildEnvironment.settings is gone "
                           "(written for Sphinx 9.0); raw HTML could not be switched off")
    app.env.settings["raw_enabled"] = False


def setup(app):
    app.connect("builder-inited", disable_raw)
    app.add_post_transform(SafeUrls)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
