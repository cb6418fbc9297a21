"""Emendations: the ``{emend}`` role and the ``{emendations}`` table.

``{emend}`кеңестері болды``` prints the edition's reading and keeps the witness
reading in a gloss that opens on tap, from the keyboard and on hover; the text must be the ``edition`` (or ``mark``) of an entry in
``docs/_data/emendations.yaml``, otherwise the build fails with file and line.
Each emendation gets the stable id of its entry; ``{emendations}`` renders the
list of all of them, linked to where they stand, and ``{kept-readings}`` the
doubtful readings deliberately left unchanged.

The place of each emendation is kept in the edition's domain (edition/domain.py).

A translation renders the corrected reading, not the role, so in ru and en the id of an
emendation goes to the paragraph that holds it (found by the role in the paragraph's
Kazakh source): the table's links land there instead of on a missing anchor.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from edition.data.data_tables import data_table, row
from edition.data.edition_data import load, pick
from edition.domain import domain
from edition.citing.paragraph_ids import PARAGRAPH_ID
from edition.citing.units import locator
from edition.i18n.edition_strings import N_, _
from edition.web.glosses import close_gloss, glossed, open_gloss

logger = logging.getLogger(__name__)

# the tooltip's label, then the table's headings: English ids of the ``edition`` catalogs
LABELS = (N_("Witness reads"), N_("Witness"), N_("Edition"), N_("Reason"), N_("Place"))


class emendation(nodes.inline):
    """The edition's reading, with the witness reading kept in ``source``."""


class emendations_table(nodes.General, nodes.Element):
    """Placeholder replaced by the table of emendations once all documents are read."""


def _entries() -> list[dict]:
    return load("emendations")["emendations"]


def _by_mark() -> dict[str, dict]:
    return {e.get("mark", e["edition"]): e for e in _entries()}


class EmendRole(SphinxRole):
    def run(self):
        entry = _by_mark().get(self.text)
        if entry is None:
            logger.warning(
                "unknown emendation %r: add it to docs/_data/emendations.yaml",
                self.text, location=self.get_location(), type="edition", subtype="emend",
            )
            return [nodes.Text(self.text)], []
        label = _(LABELS[0])
        node = emendation(self.rawtext, self.text, ids=[entry["id"]], classes=["emendation"])
        node["source"] = entry["source"]
        node["title"] = f"{label}: {entry['source']}"
        self.set_source_info(node)
        domain(self.env).note_emendation(entry["id"], self.env.docname)
        return [node], []


def visit_emendation_html(self, node):
    if glossed(self):  # the witness reading opens on tap and from the keyboard (edition/web/glosses.py)
        open_gloss(self)
    self.body.append(self.starttag(node, "span", "", title=node["title"],
                                   **{"data-source": node["source"]}))


def depart_emendation_html(self, node):
    self.body.append("</span>")
    if glossed(self):
        close_gloss(self, node["title"])


# The PDF's mark: ulem's \dotuline with square dots drawn as rules (its own dots are full stops,
# which a reader copying or searching the text would get among the words).
LATEX_MARK = r"""
\makeatletter
\newcommand{\editionemendation}{\bgroup\UL@setULdepth\markoverwith{\begingroup\advance\ULdepth0.08ex
  \lower\ULdepth\hbox{\kern.1em\rule{.12em}{.12em}\kern.06em}\endgroup}\ULon}
\makeatother
"""


def latex_mark(app, config):
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "") + LATEX_MARK}


def visit_emendation_latex(self, node):
    # the PDF: the reading with a dotted underline (LATEX_MARK), and its anchor
    self.body.append(self.hypertarget_to(node) + r"\editionemendation{")


def depart_emendation_latex(self, node):
    self.body.append("}")


class EmendationsDirective(SphinxDirective):
    def run(self):
        return [emendations_table()]


class KeptReadingsDirective(SphinxDirective):
    """A list of the doubtful readings that the edition keeps, with the reason."""

    def run(self):
        items = nodes.bullet_list(classes=["kept-readings"])
        for kept in load("emendations")["kept"]:
            items += nodes.list_item("", nodes.paragraph(
                "", "", nodes.literal(text=kept["reading"]),
                nodes.Text(" – " + pick(kept["reason"], self.config.language))))
        return [items]


def place_of(app, entry_id: str, docname: str) -> tuple[str, str] | None:
    """The numbered paragraph that holds emendation *entry_id* on page *docname*: its
    locator ("§ 7.1 ¶ 2", worded as every citation is, edition/citing/units.py) and its
    section's label; None if no numbered paragraph holds it."""
    doctree = app.env.get_doctree(docname)
    holder = next((node for node in doctree.findall(nodes.Element) if entry_id in node["ids"]), None)
    while holder is not None and not (isinstance(holder, nodes.paragraph) and holder["ids"]
                                      and PARAGRAPH_ID.match(holder["ids"][0])):
        holder = holder.parent
    if holder is None:
        return None
    match = PARAGRAPH_ID.match(holder["ids"][0])
    number = app.env.toc_secnumbers.get(docname, {}).get("#" + match["section"])
    if not number:
        return None
    unit = {"number": ".".join(map(str, number)), "paragraph": int(match["n"])}
    return locator(unit), match["section"]


def _build_table(app, fromdocname: str) -> nodes.table:
    lang = app.config.language
    heads = [_(heading) for heading in LABELS[1:]]
    where = domain(app.env).emendations
    table, body = data_table(["emendations"], (4, 4, 7, 3), heads)
    for entry in _entries():
        place = nodes.paragraph()
        found = place_of(app, entry["id"], where[entry["id"]]) if entry["id"] in where else None
        if found is not None:
            text, section = found
            # the PDF labels sections, not a translation's paragraphs: its link goes to the section
            anchor = entry["id"] if app.builder.format == "html" else section
            uri = app.builder.get_relative_uri(fromdocname, where[entry["id"]]) + "#" + anchor
            place += nodes.reference("", text, refuri=uri, internal=True)
        body += row(nodes.inline(text=entry["source"], classes=["witness-reading"]),
                    nodes.inline(text=entry["edition"]), nodes.Text(pick(entry["reason"], lang)), place)
    return table


def resolve_tables(app, doctree, fromdocname):
    for node in doctree.findall(emendations_table):
        node.replace_self(_build_table(app, fromdocname))


def anchor_translated(app, doctree):
    """In a translated page, put each emendation's id on the paragraph whose source holds it."""
    docname = app.env.docname
    present = {i for node in doctree.findall(emendation) for i in node["ids"]}
    for entry in _entries():
        if domain(app.env).emendations.get(entry["id"]) != docname or entry["id"] in present:
            continue
        role = f"{{emend}}`{entry.get('mark', entry['edition'])}`"
        paragraph = next((p for p in doctree.findall(nodes.paragraph) if role in p.rawsource), None)
        if paragraph is None:
            logger.warning("emendation %r: no paragraph of %s holds it", entry["id"], docname,
                           location=docname, type="edition", subtype="emend")
        else:
            paragraph["ids"].append(entry["id"])


def _skip(self, node):
    pass


def setup(app):
    app.setup_extension("edition.domain")  # where the places are kept
    app.add_node(emendation, html=(visit_emendation_html, depart_emendation_html),
                 latex=(visit_emendation_latex, depart_emendation_latex), text=(_skip, _skip))
    app.add_node(emendations_table)
    app.add_latex_package("ulem", "normalem")
    app.connect("config-inited", latex_mark)
    app.add_role("emend", EmendRole())
    app.add_directive("emendations", EmendationsDirective)
    app.add_directive("kept-readings", KeptReadingsDirective)
    app.connect("doctree-resolved", resolve_tables)
    app.connect("doctree-read", anchor_translated)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
