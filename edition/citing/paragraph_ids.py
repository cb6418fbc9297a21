"""Paragraph ids: every paragraph of the text can be cited, by the same id in kk, ru and en.

Each paragraph of a chapter that stands directly in a labelled section gets the id
``<section label>-p<n>`` on the paragraph element itself (``<p id="sec-establishment-syrdarya-p2">``),
numbered from 1 in the order of the Kazakh source. The apparatus (editor's notes, the
cite panels, footnotes) is not counted: it is not a paragraph of the section.

The numbering is structural, so it is the same in every language: Sphinx replaces the
*content* of a paragraph with its translation and never adds one (a catalog entry is one
Kazakh paragraph: ``sphinx.transforms.i18n.publish_msgstr`` keeps the first node only).
An emendation changes words inside a paragraph, never the count. Only a split or merge
of Kazakh paragraphs would renumber, and ``edition/tools/anchor_manifest.py`` refuses that: every
paragraph id is in ``docs/_data/anchors.yaml``.

In HTML every numbered paragraph ends with a ``¶ 2`` permalink, its number (``a.headerlink.paralink``,
always shown by ``edition.css``, on a phone too: the number is the locator a reader types); the PDF and text builds leave it out.
"""

from __future__ import annotations

import re

from docutils import nodes
from markupsafe import escape
from edition.i18n.edition_strings import _
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from edition.web.web_nodes import add_web_node

logger = logging.getLogger(__name__)
TEXT_PAGES = "chapters/"  # the text; everything else is apparatus
PARAGRAPH_ID = re.compile(r"^(?P<section>[a-z0-9-]+)-p(?P<n>[1-9][0-9]*)$")


def paragraph_id(section_label: str, n: int) -> str:
    return f"{section_label}-p{n}"


def numbered_paragraphs(section: nodes.section) -> list[nodes.paragraph]:
    """The paragraphs of the text that stand directly in *section*, in order."""
    return [child for child in section.children if isinstance(child, nodes.paragraph)]


def is_text_page(docname: str) -> bool:
    return docname.startswith(TEXT_PAGES)


class NumberParagraphs(SphinxTransform):
    """Give each paragraph of a text page its ``<section>-p<n>`` id."""

    default_priority = 810  # after the Locale transform (20) and section_labels (800)

    def apply(self, **kwargs):
        if not is_text_page(self.env.docname):
            return
        for section in self.document.findall(nodes.section):
            if not section["ids"]:
                continue  # section_labels has already reported it
            label = section["ids"][0]
            for n, paragraph in enumerate(numbered_paragraphs(section), start=1):
                pid = paragraph_id(label, n)
                if pid in self.document.ids:
                    logger.warning("paragraph id %r is already used on this page: rename the label",
                                   pid, location=paragraph, type="edition", subtype="paragraph")
                    continue
                paragraph["ids"].insert(0, pid)
                self.document.ids[pid] = paragraph


class paragraph_permalink(nodes.General, nodes.Inline, nodes.Element):
    """The ``¶`` link at the end of a numbered paragraph (HTML only)."""


def add_permalinks(app, doctree, docname):
    if app.builder.format != "html" or app.builder.name == "epub" or not is_text_page(docname):
        return
    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph["ids"] and PARAGRAPH_ID.match(paragraph["ids"][0]) and \
                isinstance(paragraph.parent, nodes.section):
            paragraph.append(paragraph_permalink(target=paragraph["ids"][0]))


def visit_permalink(self, node):
    title = _("Link to this paragraph")
    number = int(node["target"].rsplit("-p", 1)[1])  # the paragraph's number: what a reader cites
    self.body.append(f'<a class="headerlink paralink" href="#{escape(node["target"])}" '
                     f'title="{escape(title)}" aria-label="{escape(title)}">¶&#160;{number}</a>')
    raise nodes.SkipNode


def setup(app):
    app.add_transform(NumberParagraphs)
    add_web_node(app, paragraph_permalink, visit_permalink)
    app.connect("doctree-resolved", add_permalinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
