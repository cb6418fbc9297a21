"""Nodes that exist only on the web pages: one way to register them.

The cite controls, the paragraph permalinks, the parallel-text links and the notes list
are written by an HTML visitor and have no place in the PDF, the text or the man and
texinfo outputs: ``add_web_node`` registers the visitor and skips the node elsewhere.
A helper the extensions import, not an extension.
"""

from __future__ import annotations

from docutils import nodes

OTHER_WRITERS = ("latex", "text", "man", "texinfo")


def skip(self, node):
    raise nodes.SkipNode


def add_web_node(app, node_class, visit_html, **writers) -> None:
    """Register *node_class* with *visit_html* for HTML; other writers skip it unless given."""
    handlers = {writer: (skip, None) for writer in OTHER_WRITERS}
    handlers.update(writers)
    app.add_node(node_class, html=(visit_html, None), **handlers)
