"""Stable, readable glossary anchors from the termbase.

Sphinx gives non-ASCII glossary terms serial ids (``term-0``, ``term-1`` …) that
shift whenever a term is added. This replaces the ``glossary`` directive with one
that gives each term the ASCII anchor recorded in ``docs/_data/termbase.yaml``
(``term-kenes``, ``term-revkom`` …). The glossary is parsed before translation, so
the anchor is the same in every language build. A term without an anchor in the
termbase fails the build with file and line.

The glossary is then put in the order of the page's own alphabet: it is parsed in the
order of the Kazakh terms, and a translation's terms are translated after that (Sphinx's
``:sorted:`` option would sort the Kazakh terms). :class:`AlphabeticalGlossary` sorts the
entries by their terms as the page shows them, after the catalogs are applied, with the
general index's collation (edition/apparatus/kazakh_collation.py: Latin letters in their
order, Cyrillic in the Kazakh alphabet, of which the Russian is a subsequence).
"""

from __future__ import annotations

import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import Glossary
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from edition.apparatus.kazakh_collation import collation_key
from edition.data.edition_data import load

logger = logging.getLogger(__name__)


def anchors() -> dict[str, str]:
    return {t["kk"]: t["anchor"] for t in load("termbase")["terms"]}


class StableGlossary(Glossary):
    def run(self):
        result = super().run()
        std = self.env.domains.standard_domain
        document = self.state.document
        known = anchors()
        for term in (n for node in result for n in node.findall(nodes.term)):
            text = term.astext()
            anchor = known.get(text)
            if anchor is None:
                logger.warning("glossary term %r has no anchor in docs/_data/termbase.yaml",
                               text, location=term, type="edition", subtype="term")
                continue
            old = term["ids"][0]
            term["ids"] = [anchor]
            document.ids.pop(old, None)
            document.ids[anchor] = term
            std.objects["term", text] = (self.env.docname, anchor)
            # StandardDomain._terms: the case-insensitive term table (sphinx-doc/sphinx#8740,
            # "internal use only"); Sphinx has no API to give a term its own anchor. Fenced.
            if not isinstance(getattr(std, "_terms", None), dict):
                raise ExtensionError(f"term_anchors: StandardDomain._terms is gone in Sphinx "
                                     f"{sphinx.__version__} (written for 9.0)")
            std._terms[text.lower()] = (self.env.docname, anchor)
            for index in term.findall(addnodes.index):
                index["entries"] = [(kind, value, anchor if tid == old else tid, main, key)
                                    for kind, value, tid, main, key in index["entries"]]
        return result


class AlphabeticalGlossary(SphinxTransform):
    """Every glossary's entries in the alphabetical order of their (translated) terms."""

    default_priority = 25  # after Locale (20), which translates the terms

    def apply(self):
        for glossary in self.document.findall(addnodes.glossary):
            for entries in glossary.findall(nodes.definition_list):
                items = list(entries.children)
                entries.children = sorted(items, key=lambda item: collation_key(
                    next(item.findall(nodes.term)).astext()))


def setup(app):
    app.add_transform(AlphabeticalGlossary)
    app.add_directive_to_domain("std", "glossary", StableGlossary, override=True)
    # env_version: 1 since the glossary is sorted (a stored glossary in the old order is reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
