"""An untranslated paragraph is shown in the source language, and says so.

Where a translation's catalog has no msgstr for a message, Sphinx's i18n transform leaves
the Kazakh source text in place and marks the node ``translated=False``
(``sphinx.transforms.i18n.Locale``). Left at that, a Kazakh paragraph would stand in a
page whose ``<html lang>`` is the translation's, passed off as the new language to
screen readers, hyphenation and search. This gives every such node (paragraph, title,
list item …) the class ``untranslated`` and ``language-<source>``, which docutils' HTML
writers turn into ``lang="kk"`` on the element (``docutils.writers._html_base``,
``starttag``: a ``language-`` class becomes the ``lang`` attribute), in the site and the
EPUB alike (a style sheet or a reader can single it out). A complete translation has no such
node, so its pages do not change.

Only a draft language (``draft: true`` in the registry, ``make add-language``) or a
translator's preview (``make preview-<lang>``, ``edition_preview``) may show the source so.
In a preview every such paragraph, list item or table cell is also marked visibly (a dashed
frame, ``edition.css``) and begins with its status, "Fuzzy: needs review" where the catalog
has a fuzzy translation, else "Not translated" (the parallel view's words, from ``edition.po``).
For a finished translation an untranslated node is a Kazakh text changed without ``make
update-po``: it is reported with the page's file and line, and the strict build fails.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import NodeMatcher, extract_messages

from edition.data.edition_data import draft_languages
from edition.i18n.edition_strings import _
from edition.web.parallel_view import FUZZY, NOT_TRANSLATED, catalog

BADGED = (nodes.paragraph, nodes.term, nodes.line)  # where a status word reads well (not a title)

logger = logging.getLogger(__name__)


class MarkUntranslated(SphinxTransform):
    # after Sphinx's Locale (20) and its translation-progress transforms (25, 950)
    default_priority = 960

    def apply(self, **kwargs) -> None:
        source = next(iter(self.config.edition_languages))
        if self.config.language == source:
            return
        finished = not self.config.edition_preview and self.config.language not in draft_languages()
        fuzzy = set()
        if self.config.edition_preview:
            fuzzy = {entry.msgid for entry in catalog(self.config.locale_dirs[0], self.config.language,
                                                      self.env.docname).values() if entry.fuzzy}
        messages = {id(node): message for node, message in extract_messages(self.document)}
        for node in NodeMatcher(nodes.Element, translated=False).findall(self.document):
            classes = node.setdefault("classes", [])
            classes += [cls for cls in ("untranslated", f"language-{source}") if cls not in classes]
            if self.config.edition_preview and isinstance(node, BADGED):
                status = FUZZY if messages.get(id(node)) in fuzzy else NOT_TRANSLATED
                node.insert(0, nodes.inline("", _(status) + " ", classes=[
                    "edition-preview-status", f"language-{self.config.language}"]))  # lang="ru" in lang="kk"
            if finished and not isinstance(node, addnodes.toctree):  # a toctree shows the pages' own titles
                logger.warning("not translated in the %s catalogs: the Kazakh changed; run `make gettext "
                               "update-po` and translate the entry", self.config.language, location=node,
                               type="edition", subtype="untranslated")


def setup(app):
    app.add_transform(MarkUntranslated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
