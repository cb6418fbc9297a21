"""Index of persons and places: the ``{person}`` and ``{place}`` roles.

``{place}`Верныйда <Верный>``` keeps the visible (inflected) text and adds index
entries built, in the build language, from ``docs/_data/names.yaml``. A historical
place name also gets its modern name in the entry, and the modern name points back
to it ("Алматы, see Верный"). The role target is always the Kazakh key, also in
translations, so every language indexes the same people and places. An unknown key
fails the build with file and line.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import ReferenceRole

from edition.data.edition_data import load, pick
from edition.i18n.edition_strings import _

logger = logging.getLogger(__name__)

KINDS = {"person": "persons", "place": "places"}


def register(kind: str) -> dict[str, dict]:
    return {e["key"]: e for e in load("names")[KINDS[kind]]}


class NameRole(ReferenceRole):
    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def run(self):
        key = self.target if self.has_explicit_title else self.title
        entry = register(self.kind).get(key)
        if entry is None:
            logger.warning("unknown %s %r: add it to docs/_data/names.yaml", self.kind, key,
                           location=self.get_location(), type="edition", subtype="names")
            return [nodes.Text(self.title)], []
        lang = self.config.language
        target_id = "index-%s" % self.env.new_serialno("index")
        heading = pick(entry, lang)
        entries = []
        if "modern" in entry:
            modern = pick(entry["modern"], lang)
            if modern != heading:
                now = _("now {modern}").format(modern=modern)  # not in an f-string: the extractor would miss it
                entries.append(("single", f"{heading} ({now})", target_id, "", None))
                entries.append(("see", f"{modern}; {heading}", target_id, "", None))
        if not entries:
            entries.append(("single", heading, target_id, "", None))
        index = addnodes.index(entries=entries)
        self.set_source_info(index)
        target = nodes.target("", "", ids=[target_id])
        text = nodes.inline(self.rawtext, self.title, classes=[self.kind])
        return [index, target, text], []


def setup(app):
    app.add_role("person", NameRole("person"))
    app.add_role("place", NameRole("place"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
