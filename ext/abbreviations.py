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

from edition_data import load, pick

logger = logging.getLogger(__name__)
EXPLICIT = re.compile(r"^(.+?)\s*\((.*)\)$", re.DOTALL)
HEADINGS = {"kk": ("Қысқарту", "Толық түрі"), "ru": ("Сокращение", "Расшифровка"),
            "en": ("Abbreviation", "Expansion")}


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
        table = nodes.table(classes=["abbreviations"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=1)
        group += nodes.colspec(colwidth=4)
        head = nodes.thead()
        group += head
        head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h))
                                for h in HEADINGS.get(lang, HEADINGS["kk"])))
        body = nodes.tbody()
        group += body
        for abbr, entry in entries().items():
            body += nodes.row(
                "",
                nodes.entry("", nodes.paragraph("", "", nodes.abbreviation(
                    abbr, abbr, explanation=pick(entry, lang)))),
                nodes.entry("", nodes.paragraph(text=pick(entry, lang))),
            )
        return [table]


def setup(app):
    app.add_role("abbr", AbbrRole(), override=True)
    app.add_directive("abbreviations", AbbreviationsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
