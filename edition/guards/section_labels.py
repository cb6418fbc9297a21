"""Every section is labelled, and only by its label.

Docutils derives section ids from titles; Cyrillic titles become ``id1``, ``id2`` …,
which shift whenever a section is added. The edition gives every chapter and section
an explicit ASCII label (``(sec-establishment-semey)=``). This transform drops the
serial ids, so anchors are the labels and nothing else, in every language, and it
fails the build, with file and line, on a section that has no label.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)
SERIAL = re.compile(r"^id\d+$")
LABEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LabelOnlySectionIds(SphinxTransform):
    default_priority = 800  # after docutils moved label targets onto their sections

    def apply(self, **kwargs):
        for section in self.document.findall(nodes.section):
            labels = [i for i in section["ids"] if not SERIAL.match(i)]
            if not labels or not all(LABEL.match(i) for i in labels):
                title = section.next_node(nodes.title)
                logger.warning(
                    "section %r needs an explicit ASCII label, e.g. (sec-topic)=",
                    title.astext() if title else "", location=section,
                    type="edition", subtype="label",
                )
                continue
            for serial in set(section["ids"]) - set(labels):
                self.document.ids.pop(serial, None)
            section["ids"] = labels


def setup(app):
    app.add_transform(LabelOnlySectionIds)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
