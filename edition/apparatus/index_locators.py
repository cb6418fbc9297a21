"""The general index's locators: "§ 7.1", not "[1]".

Sphinx's (and Furo's) ``genindex.html`` links an entry's first place from the entry and
the others as "[1]", "[2]" …, which say nothing of where they lead (reader review 2). Here
every place of an entry is its locator: the number of the section that holds the index
target, "§ 7.1" (the citable units' own wording, edition/citing/units.py), or, on a page
without numbers (the glossary), the page's title. An entry names a section once, however
many times the section mentions it. ``docs/_templates/genindex.html`` shows them, in the
site (Furo) and in the EPUB (Sphinx's epub theme).
"""

from __future__ import annotations

from docutils import nodes

from edition.citing.units import locator, section_numbers


def target_locators(app) -> dict[str, str]:
    """The index's link (as ``genindex`` links it) of every id of every page -> its locator."""
    env, builder = app.env, app.builder
    found = {}
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        numbers = section_numbers(env, docname, doctree)
        title = env.titles[docname].astext() if docname in env.titles else docname
        uri = builder.get_relative_uri("genindex", docname)
        found[uri] = title  # an entry of the page as a whole
        for node in doctree.findall(nodes.Element):
            if not node.get("ids"):
                continue
            section = node if isinstance(node, nodes.section) else None
            parent = node.parent
            while section is None and parent is not None:
                section = parent if isinstance(parent, nodes.section) else None
                parent = parent.parent
            number = numbers.get(section["ids"][0], "") if section is not None and section["ids"] else ""
            label = locator({"number": number}) or title
            for tid in node["ids"]:
                found[f"{uri}#{tid}"] = label
    return found


def add_locators(app, pagename, templatename, context, doctree):
    if pagename != "genindex" or "genindexentries" not in context:
        return
    known = target_locators(app)

    def places(links):
        """[(main, uri, locator)], one per locator, in the order of the index's links."""
        shown, seen = [], set()
        for main, uri in links:
            label = known.get(uri) or known.get(uri.split("#")[0]) or uri
            if label not in seen:
                seen.add(label)
                shown.append((main, uri, label))
        return shown

    context["index_places"] = places


def setup(app):
    app.connect("html-page-context", add_locators)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
