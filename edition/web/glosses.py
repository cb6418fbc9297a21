"""Glosses that open on tap and from the keyboard, not only on hover.

An emendation's witness reading («Дереккөзде: орталағы») and an abbreviation's expansion
were ``title`` tooltips, which a touch screen and a keyboard cannot reach (reader review 2).
On the site's text pages each is now a button that opens its gloss, a ``popover``
(HTML's own: no script, nothing loaded): a tap, or Enter or Space on the focused word,
opens it, Escape or a tap elsewhere closes it, and the browser tells assistive technology
whether it is open (the button's expanded state). The ``title`` stays for a mouse pointer.
The gloss is marked ``apparatus``: it is not the text (tests, search snippets).

The EPUB keeps the plain marks: its reading systems know no popover, and epubcheck
rejects the attributes.
"""

from __future__ import annotations

from docutils import nodes
from markupsafe import escape
from sphinx.writers.html5 import HTML5Translator

from edition.citing.paragraph_ids import is_text_page


def glossed(translator) -> bool:
    """Whether this page gets glosses: a text page of the site (not the EPUB, not the tables)."""
    return translator.builder.name != "epub" and is_text_page(translator.builder.current_docname)


def open_gloss(translator) -> None:
    """The button's start tag: the word follows it."""
    translator.gloss_serial = getattr(translator, "gloss_serial", 0) + 1
    translator.body.append(f'<button type="button" class="gloss" '
                           f'popovertarget="gloss-{translator.gloss_serial}">')


def close_gloss(translator, note: str) -> None:
    """The button's end, and the gloss it opens."""
    translator.body.append(f'</button><span class="gloss-note apparatus" id="gloss-{translator.gloss_serial}" '
                           f'popover role="note">{escape(note)}</span>')


def visit_abbreviation(self, node):
    if glossed(self) and node.get("explanation"):
        open_gloss(self)
    HTML5Translator.visit_abbreviation(self, node)


def depart_abbreviation(self, node):
    HTML5Translator.depart_abbreviation(self, node)
    if glossed(self) and node.get("explanation"):
        close_gloss(self, f"{node.astext()}: {node['explanation']}")


def setup(app):
    app.add_node(nodes.abbreviation, override=True, html=(visit_abbreviation, depart_abbreviation))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
