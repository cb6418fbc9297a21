"""MyST, read once: what a reader sees of a MyST message (the parallel view shows it, ``make
check-po`` checks its spelling and terms), and the labels and paragraphs of a MyST page, as
MyST-Parser's own markdown-it parser reads them (the tools that map citations and anchors)."""

from __future__ import annotations

import re
from functools import cache

ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)  # a role's "text <target>"
NO_TEXT_ROLES = ("cite", "footcite", "ednote")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def visible(message: str) -> str:
    """What a reader sees of a MyST message: roles give their visible part, citations and
    editor's note marks go, links give their text."""
    def role(match: re.Match) -> str:
        if match[1].startswith(NO_TEXT_ROLES):
            return ""
        explicit = EXPLICIT.match(match[2])
        return explicit[1] if explicit else match[2]
    text = LINK.sub(r"\1", ROLE.sub(role, message))
    return re.sub(r"\s+([.,;:)])", r"\1", " ".join(text.split()))


@cache
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}), RendererHTML)


def labels(text: str | None) -> list[tuple[int, str]]:
    """(line, label) of every ``(label)=`` target of a MyST page."""
    return [(token.map[0] + 1, token.content) for token in _parser().parse(text or "") if token.type == "myst_target"]


def paragraphs(text: str) -> list[tuple[str | None, int, int, str]]:
    """(section label, paragraph ordinal within it, first line, source lines) of every
    paragraph of a MyST page; directive blocks and front matter are not paragraphs."""
    section, ordinal, found, lines = None, 0, [], text.splitlines()
    for token in _parser().parse(text):
        if token.type == "myst_target":
            section, ordinal = token.content, 0
        elif token.type == "paragraph_open":
            ordinal += 1
            first, end = token.map
            found.append((section, ordinal, first + 1, "\n".join(lines[first:end])))
    return found
