"""What a reader sees of a MyST message (the one implementation: the parallel view shows it,
``make check-po`` checks its spelling and terms)."""

from __future__ import annotations

import re

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
