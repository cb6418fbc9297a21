"""Every id is unique within a page, in translations too.

Sphinx parses each translated paragraph as a document of its own and patches it into the
page, so ids that a role numbers while parsing start again in every paragraph: the
citations of sphinxcontrib-bibtex (``note_explicit_target`` gives each an ``idN`` for
backreferences) come out as two ``id="id4"`` in one Russian page. Duplicate ids are
invalid HTML and fatal in an EPUB (XHTML). After reading, a repeated id is replaced by a
fresh one of the document (labels and other named ids never repeat: Sphinx warns).
"""

from __future__ import annotations

from docutils import nodes


def renumber_repeated_ids(app, doctree):
    elements = list(doctree.findall(nodes.Element))
    taken = {i for node in elements for i in node.get("ids", [])} | set(doctree.ids)
    seen = set()
    number = 0
    for node in elements:
        ids = list(node.get("ids", []))  # a copy: translated nodes can share one ids list
        for index, old in enumerate(ids):
            if old not in seen:
                seen.add(old)
                continue
            number += 1
            while f"id{number}" in taken:  # the first idN that no element of the page has
                number += 1
            ids[index] = new = f"id{number}"
            taken.add(new)
            seen.add(new)
            doctree.ids[new] = node
        if ids != node.get("ids", []):
            node["ids"] = ids


def setup(app):
    app.connect("doctree-read", renumber_repeated_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
