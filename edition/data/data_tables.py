"""Data tables: the one way the apparatus pages build a docutils table.

The abbreviations, emendations, chronology, fact-check and translation-status pages show
their data as a table with a heading row. ``data_table`` builds that frame and returns its
body for the caller to fill with ``row``. A helper the directives import, not an extension.
"""

from __future__ import annotations

from docutils import nodes


def cell(content) -> nodes.entry:
    """A table cell holding *content*: a string, an inline node or a paragraph."""
    if isinstance(content, str):
        content = nodes.paragraph(text=content)
    elif not isinstance(content, nodes.paragraph):
        content = nodes.paragraph("", "", content)
    return nodes.entry("", content)


def row(*cells) -> nodes.row:
    return nodes.row("", *(cell(content) for content in cells))


def data_table(classes: list[str], widths: tuple[int, ...], headings) -> tuple[nodes.table, nodes.tbody]:
    """An empty table, one column per relative width, with a heading row; and its body."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(widths))
    table += group
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    group += nodes.thead("", row(*headings))
    body = nodes.tbody()
    group += body
    return table, body
