"""Bibliography entries as list items: the citation list passes axe in every language.

docutils' HTML writer wraps citations in ``<div role="list">`` but gives each entry the
role ``doc-biblioentry``. That role is deprecated (WAI-ARIA DPUB 1.1) and is not a list
item, so axe reports the list as critical (``aria-required-children``) on the
bibliography page. This gives the HTML translators of the build an entry role of
``listitem``; the markup is otherwise docutils' own.
"""

from __future__ import annotations

from docutils import nodes
from docutils.writers._html_base import HTMLTranslator

# Fence: the method replaced below, as docutils 0.22 writes it (the role is hard-coded there;
# https://sourceforge.net/p/docutils/bugs/ has no option for it). If it moves, fail loudly.
assert hasattr(HTMLTranslator, "visit_citation") and hasattr(HTMLTranslator, "depart_citation"), \
    "docutils changed HTMLTranslator.visit_citation: revisit edition/web/accessible_citations.py"


def visit_citation(self, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def use_listitem_role(app) -> None:
    translator = app.registry.translators.get(app.builder.name) or getattr(app.builder, "default_translator_class",
                                                                            None)
    if not (isinstance(translator, type) and issubclass(translator, HTMLTranslator)):
        return  # not an HTML builder (gettext, LaTeX …)
    app.set_translator(app.builder.name, type("ListitemCitations", (translator,), {"visit_citation": visit_citation}),
                       override=True)


def setup(app):
    app.connect("builder-inited", use_listitem_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
