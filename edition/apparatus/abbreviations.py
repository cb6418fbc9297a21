"""Abbreviations from one data file: the ``{abbr}`` role and the ``{abbreviations}`` table.

Replaces Sphinx's ``abbr`` role. ``{abbr}`мемл.``` keeps the visible text and takes
its expansion, in the build language, from ``docs/_data/abbreviations.yaml``; an
abbreviation missing there fails the build with file and line. The explicit form
``{abbr}`г. (год)``` still works, so translators can mark their own abbreviations.
``{abbreviations}`` renders the same data as a table: there is no second copy.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from edition.data.data_tables import data_table, row
from edition.data.edition_data import load, pick
from edition.i18n.edition_strings import N_, _

logger = logging.getLogger(__name__)
EXPLICIT = re.compile(r"^(.+?)\s*\((.*)\)$", re.DOTALL)
HEADINGS = (N_("Abbreviation"), N_("Expansion"))


def entries() -> dict[str, dict]:
    return {e["abbr"]: e for e in load("abbreviations")["abbreviations"]}


class AbbrRole(SphinxRole):
    def run(self):
        explicit = EXPLICIT.match(self.text)
        if explicit:
            return [nodes.abbreviation(self.rawtext, explicit[1], explanation=explicit[2])], []
        entry = entries().get(self.text)
        if entry is None:
            logger.warning("unknown abbreviation %r: add it to docs/_data/abbreviations.yaml",
                           self.text, location=self.get_location(), type="edition", subtype="abbr")
            return [nodes.Text(self.text)], []
        expansion = pick(entry, self.config.language)
        return [nodes.abbreviation(self.rawtext, self.text, explanation=expansion)], []


class AbbreviationsDirective(SphinxDirective):
    """A two-column table of every abbreviation and its expansion in the build language."""

    def run(self):
        lang = self.config.language
        table, body = data_table(["abbreviations"], (1, 4), [_(heading) for heading in HEADINGS])
        for abbr, entry in entries().items():
            body += row(nodes.abbreviation(abbr, abbr, explanation=pick(entry, lang)), pick(entry, lang))
        return [table]


def visit_abbreviation_latex(self, node):
    # the PDF prints the abbreviation as the text has it (Sphinx's writer adds its expansion
    # after the first one, which would change the diplomatic text): the list of abbreviations expands it
    self.body.append(r"\sphinxstyleabbreviation{")


def depart_abbreviation_latex(self, node):
    self.body.append("}")


def setup(app):
    app.add_role("abbr", AbbrRole(), override=True)
    app.add_node(nodes.abbreviation, override=True, latex=(visit_abbreviation_latex, depart_abbreviation_latex))
    app.add_directive("abbreviations", AbbreviationsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
