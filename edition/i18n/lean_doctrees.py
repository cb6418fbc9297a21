"""Translated doctrees are stored without a copy of the whole build environment.

Sphinx's ``Locale`` transform parses each translated message as a small document of
its own and moves that document's nodes into the page (``_NodeUpdater.update_leaves``
in ``sphinx/transforms/i18n.py`` sets their ``parent`` only). Since docutils 0.22 a node
remembers its document, so the moved nodes still point to the small one, whose
settings hold the ``BuildEnvironment``: every ru and en doctree was pickled with a
copy of the environment, which grows with the site. At 50× the text a Russian build
read and wrote hundreds of MB of such copies and held them in memory (issue 16).
Related upstream: https://github.com/sphinx-doc/sphinx/issues/11352 (the environment
pickled into every doctree through a document's settings; Sphinx's ``write_doctree``
now clears the page's own settings, not those of the message documents).

On ``doctree-read`` (after the translation, before the doctree is pickled and before
the environment collectors copy titles from it) every node is told its real document,
through docutils' public ``Node.document`` setter. The HTML is the same; the doctree
files of a translation shrink to the size of the Kazakh ones.
"""

from __future__ import annotations


def adopt_nodes(app, doctree):
    for node in doctree.findall():
        if node.document is not doctree:
            node.document = doctree


def setup(app):
    app.connect("doctree-read", adopt_nodes, priority=0)  # before the collectors (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
