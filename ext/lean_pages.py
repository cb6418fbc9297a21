"""Pages load only the theme assets they use.

Furo links ``furo-extensions.css`` (styles for third-party Sphinx extensions the edition
does not use) and Sphinx links ``pygments.css`` (code highlighting) on every page. This
drops the first everywhere and the second from pages without highlighted code, which
keeps a chapter page, with everything it loads, under 150 KB.
"""

from __future__ import annotations

import sphinx
from docutils import nodes
from sphinx.errors import ExtensionError

UNUSED = {"styles/furo-extensions.css"}


def has_highlighted_code(doctree) -> bool:
    return doctree is not None and any(node.get("language", "default") not in ("none", "text")
                                       for node in doctree.findall(nodes.literal_block))


def drop_unused(app, pagename, templatename, context, doctree):
    unused = set(UNUSED)
    if not has_highlighted_code(doctree):
        unused.add("pygments.css")
    if "css_files" in context:
        context["css_files"] = [css for css in context["css_files"]
                                if str(getattr(css, "filename", css)).removeprefix("_static/") not in unused]


def setup(app):
    # The entries of context["css_files"] are sphinx.builders.html._assets._CascadingStyleSheet
    # (a private class) with a .filename. Fenced: without it no stylesheet would be dropped.
    from sphinx.builders.html._assets import _CascadingStyleSheet

    if "filename" not in getattr(_CascadingStyleSheet, "__annotations__", {}):
        raise ExtensionError("lean_pages: sphinx.builders.html._assets._CascadingStyleSheet has no "
                             f"filename in Sphinx {sphinx.__version__} (written for 9.0)")
    app.connect("html-page-context", drop_unused)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
