"""Editor's notes: the ``{ednote}`` role and the notes list at the end of a page.

``{ednote}`note-perovsk-date``` marks a doubtful statement. The note's text, in the build
language, comes from ``docs/_data/notes.yaml``: what the text says, what the problem
is, and the standard account, with citations (real ``{cite:p}`` references, so they
link to the bibliography). In HTML the marker is a numbered note reference and the
notes are listed at the end of the page (``role="doc-endnotes"``); in the PDF each
note is a footnote. Notes are apparatus: the fidelity test leaves them out.

A note of ``kind: omission`` is a textual note: a parallel witness shows that the text lost
words there; its third part gives the parallel witness's reading ("The parallel witness
reads"), and the text is left as it is (not an emendation).

Every citation whose entry in ``docs/_data/citation_support.yaml`` is not ``full`` gets its
support level beside it (``span.support-mark``), linked in HTML to the editorial page's
account of the levels (``editorial-support``).

``{fact-checks}`` summarises ``docs/_data/fact_checks.yaml``, the editor's pass over every
date, number, name and claim of the text: per section, how many claims were checked and
how many were found right, carry a note, or could not be verified.
"""

from __future__ import annotations

import re

from docutils import nodes
from myst_parser.mocking import MockInliner
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from edition.data.data_tables import data_table, row
from edition.data.edition_data import DATA_DIR, load, pick
from edition.i18n.edition_strings import N_, _
from edition.web.web_nodes import add_web_node, skip

logger = logging.getLogger(__name__)

# the interface strings: English ids of the ``edition`` catalogs (edition/i18n/edition_strings.py)
WORDS = {"source": N_("The text says"), "problem": N_("The problem"), "standard": N_("The standard account"),
         "notes": N_("Editor's notes"), "note": N_("Editor's note"), "back": N_("back to the text"),
         "parallel": N_("The parallel witness reads")}
SUPPORT_MARKS = {"partial": N_("support: partial"), "unverified": N_("support: unverified")}
FACT_CHECK_HEADINGS = (N_("Section"), N_("Checked"), N_("Correct"), N_("Noted"), N_("Could not be verified"),
                       N_("Total"))


def words() -> dict[str, str]:
    """The notes' words in the build language."""
    return {key: _(message) for key, message in WORDS.items()}
VERDICTS = ("ok", "noted", "unverified")


class ednote_ref(nodes.Inline, nodes.Element):
    """A note marker; its children are the note's text until the page is resolved."""


class ednote_list(nodes.General, nodes.Element):
    """The list of a page's notes (HTML)."""


def notes() -> dict[str, dict]:
    return {note["id"]: note for note in load("notes")["notes"]}


def note_markup(note: dict, lang: str) -> str:
    """The note as MyST inline text: three labelled parts and its citations."""
    w, text = words(), pick(note, lang)  # notes.json requires every language (but a draft)
    third = w["parallel"] if note.get("kind") == "omission" else w["standard"]
    parts = [f"**{w['source']}:** {text['source']}", f"**{w['problem']}:** {text['problem']}",
             f"**{third}:** {text['standard']}"]
    if note.get("cite"):
        parts.append("{cite:p}`%s`" % ",".join(note["cite"]))
    return " ".join(parts)


class EdNoteRole(SphinxRole):
    def run(self):
        self.env.note_dependency(str(DATA_DIR / "notes.yaml"))  # rebuild the page when a note changes
        note = notes().get(self.text)
        if note is None:
            logger.warning("unknown editor's note %r: add it to docs/_data/notes.yaml", self.text,
                           location=self.get_location(), type="edition", subtype="ednote")
            return [], []
        node = ednote_ref(self.rawtext, note_id=note["id"])
        self.set_source_info(node)
        # MyST's MockInliner.parse ignores the memo (myst_parser/mocking.py); docutils' own
        # Inliner would need one. Fenced: notes are placed from MyST pages only.
        if not isinstance(self.inliner, MockInliner):
            logger.warning("{ednote} is for MyST pages only", location=self.get_location(),
                           type="edition", subtype="ednote")
            return [], []
        children, messages = self.inliner.parse(note_markup(note, self.config.language), self.lineno,
                                                None, node)
        node.extend(children)
        return [node], messages


class FactChecksDirective(SphinxDirective):
    """A table: per section, the claims checked and their verdicts, with a total row."""

    def run(self):
        self.env.note_dependency(str(DATA_DIR / "fact_checks.yaml"))
        heads = [_(heading) for heading in FACT_CHECK_HEADINGS]
        counts: dict[str, dict[str, int]] = {}
        for check in load("fact_checks")["checks"]:
            counts.setdefault(check["section"], dict.fromkeys(VERDICTS, 0))[check["verdict"]] += 1
        table, body = data_table(["fact-checks"], (6, 2, 2, 2, 2), heads[:5])
        for section, verdicts in counts.items():
            link = addnodes.pending_xref("", nodes.inline(text=section), refdomain="std", reftype="ref",
                                         reftarget=section, refexplicit=False, refwarn=True)
            self.set_source_info(link)
            body += row(link, *(str(n) for n in [sum(verdicts.values())] + [verdicts[v] for v in VERDICTS]))
        totals = [sum(v[verdict] for v in counts.values()) for verdict in VERDICTS]
        body += row(heads[5], *(str(n) for n in [sum(totals)] + totals))
        return [table]


def number_and_collect(app, doctree, docname):
    """Number the page's notes; in HTML move their text into a list at the end of the page."""
    refs = list(doctree.findall(ednote_ref))
    if not refs:
        return
    html = app.builder.format == "html"
    listing = ednote_list(classes=["ednotes", "apparatus"])
    for number, ref in enumerate(refs, start=1):
        ref["number"] = number
        if html:
            item = nodes.paragraph(ids=[ref["note_id"]], classes=["ednote"])
            item["number"] = number
            item.extend(ref.children)
            ref.children = []
            listing += item
    if html:
        doctree.append(listing)


BIB_TARGET = re.compile(r"(?:^|#)bib-([a-z]+[0-9]{4}[a-z]+)$")


def _support_of(node, docname: str, table: dict) -> str | None:
    """The support level of the citation *node* (a reference to a bibliography entry)."""
    target = BIB_TARGET.search(node.get("refuri") or node.get("refid") or "")
    if not target:
        return None
    key, note_id = target.group(1), None
    for ancestor in _ancestors(node):
        if isinstance(ancestor, ednote_ref):
            note_id = ancestor["note_id"]
        elif isinstance(ancestor, nodes.paragraph) and "ednote" in ancestor["classes"] and ancestor["ids"]:
            note_id = ancestor["ids"][0]
        if note_id:
            return next((r["support"] for r in table.get("notes") or []
                         if r.get("note") == note_id and r.get("key") == key), None)
    paragraph = next((a for a in _ancestors(node) if isinstance(a, nodes.paragraph)), None)
    section = paragraph.parent if paragraph is not None else None
    if not isinstance(section, nodes.section):
        return None
    ordinal = [c for c in section.children if isinstance(c, nodes.paragraph)].index(paragraph) + 1
    labels = set(section["ids"]) | set(section.get("names", []))
    return next((r["support"] for r in table.get("citations") or []
                 if r.get("page") == docname and r.get("section") in labels
                 and r.get("paragraph") == ordinal and r.get("key") == key), None)


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def mark_support(app, doctree, docname):
    """Beside every citation that is not ``full`` support, its support level."""
    table = load("citation_support")
    html = app.builder.format == "html"
    for ref in list(doctree.findall(nodes.reference)):
        level = _support_of(ref, docname, table)
        if level not in SUPPORT_MARKS:
            continue
        text = f" [{_(SUPPORT_MARKS[level])}]"
        if html:
            uri = app.builder.get_relative_uri(docname, "editorial") + "#editorial-support"
            mark = nodes.reference("", text, refuri=uri, internal=True,
                                   classes=["support-mark", f"support-{level}", "apparatus"])
        else:
            mark = nodes.inline("", text, classes=["support-mark", f"support-{level}", "apparatus"])
        ref.parent.insert(ref.parent.index(ref) + 1, mark)


def epub_type(translator, value: str) -> str:
    """The EPUB 3 semantics (``epub:type``) of a note element, in the EPUB only (XHTML): reading
    systems show a noteref's note in a pop-up."""
    return f' epub:type="{value}"' if translator.builder.name == "epub" else ""


def visit_ref_html(self, node):
    w = words()
    self.body.append(
        f'<sup class="ednote-ref apparatus"><a id="ref-{node["note_id"]}" href="#{node["note_id"]}" '
        f'role="doc-noteref"{epub_type(self, "noteref")} aria-label="{w["note"]} {node["number"]}">'
        f'[{node["number"]}]</a></sup>')
    raise nodes.SkipNode


def visit_list_html(self, node):
    w = words()
    # EPUB 3 (and DPUB-ARIA) allow the endnotes role on a section, not an aside
    element = "section" if self.builder.name == "epub" else "aside"
    self.body.append(f'<{element} class="ednotes apparatus" role="doc-endnotes"{epub_type(self, "endnotes")} '
                     f'aria-label="{w["notes"]}"><p class="rubric">{w["notes"]}</p><ol>')
    for item in node.children:
        self.body.append(f'<li id="{item["ids"][0]}" role="doc-endnote"{epub_type(self, "endnote")}><p>')
        for child in item.children:
            child.walkabout(self)
        self.body.append(f' <a href="#ref-{item["ids"][0]}" role="doc-backlink" '
                         f'aria-label="{w["back"]}">↩</a></p></li>')
    self.body.append(f"</ol></{element}>")
    raise nodes.SkipNode


def visit_ref_latex(self, node):
    self.body.append(r"\footnote{")


def depart_ref_latex(self, node):
    self.body.append("}")


def setup(app):
    app.add_node(ednote_ref, html=(visit_ref_html, None), latex=(visit_ref_latex, depart_ref_latex),
                 text=(skip, None))  # a note mark: in the PDF a footnote, in the text nothing
    add_web_node(app, ednote_list, visit_list_html)
    app.add_role("ednote", EdNoteRole())
    app.add_directive("fact-checks", FactChecksDirective)
    app.connect("doctree-resolved", mark_support, priority=400)  # before the notes are collected
    app.connect("doctree-resolved", number_and_collect)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
