"""Untrusted text: how a catalog, a data file, the registry or the bibliography is read, and
what a text in it may not hold (the one implementation: the preflight, ``make check-po``,
the build's loaders and the tools use it).

- :func:`read_utf8` reads a file as UTF-8; anything else is one ``file:line`` error
  (:class:`NotUTF8`), never a ``UnicodeDecodeError``.
- :func:`text_problems` names what a text must not hold:

  - C0 and C1 control characters (but tab, line feed and carriage return) and Unicode
    noncharacters: a browser shows them as garbage, an EPUB is invalid with them;
  - letters not in Unicode NFC (``е`` + U+0308 for ``ё``): the search index would split the
    word at the combining mark, and a reader's query (NFC) would not find it;
  - MyST constructs that name a file of the build machine or run code, unless the
    Kazakh source (the msgid) has the same: a reference definition (``[x]: ../../secret``,
    which an image ``![x][x]`` would publish), an image, a directive (``{include}``,
    ``{figure}``, ``{csv-table}`` with ``:file:`` …), a ``{download}`` role, a link or an
    autolink to anything but an ``http``, ``https`` or ``mailto`` address or an anchor
    (MyST makes a link to a local file a download and publishes the file).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane << 16 | 0xfffe)}{chr(plane << 16 | 0xffff)}"
                                          for plane in range(17))
CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{NONCHARACTERS}]")
SAFE_TARGET = re.compile(r"(?:https?:|mailto:|#)", re.IGNORECASE)
CONSTRUCTS = (  # (what, pattern whose first group is what the message quotes)
    ("a reference definition", re.compile(r"^[ \t>]*(\[[^\]\n]+\]:[ \t]*\S*)", re.MULTILINE)),
    ("an image", re.compile(r"(!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?)")),
    ("a directive", re.compile(r"((?:`{3,}|~{3,}|:{3,})[ \t]*\{[\w:-]+\})")),
    ("a file role", re.compile(r"(\{download\}`[^`]*`)")),
    ("a link to a file", re.compile(r"\]\(\s*<?((?!" + SAFE_TARGET.pattern + r")[^)\s>]+)", re.IGNORECASE)),
    ("an autolink to a file", re.compile(r"<((?!" + SAFE_TARGET.pattern + r")[a-zA-Z][\w+.-]*:[^>\s]*)>",
                                         re.IGNORECASE)),
)


class InputError(ValueError):
    """Bad input, whose message is one ``file:line: problem`` per line: a tool ends with the
    message, never a traceback (``edition/tools/__init__.py``)."""


class NotUTF8(InputError):
    """A file that is not UTF-8."""


def read_utf8(path: Path) -> str:
    """The text of *path*, decoded as UTF-8 (a byte-order mark is kept: the checks report it)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NotUTF8(f"{path}:{line}: the file is not UTF-8: byte 0x{data[error.start]:02x} "
                      f"({error.reason}); save it as UTF-8") from None


def constructs(text: str) -> Counter:
    """The file-naming constructs of *text*, as a multiset of (what, quoted)."""
    return Counter((what, match[1]) for what, pattern in CONSTRUCTS for match in pattern.finditer(text))


def text_problems(text: str, source: str = "") -> list[str]:
    """What *text* must not hold, one message each; a construct the *source* (the msgid a
    msgstr translates) has too is the source's, and allowed."""
    found = [f"{what} {quoted[:60]!r} names a file or runs code: a translation or data text may not"
             for what, quoted in sorted(constructs(text) - constructs(source))]
    return found + character_problems(text)


def control_problem(text: str) -> str | None:
    """The control characters and noncharacters of *text*, as a message (none: None)."""
    characters = sorted(set(CONTROL.findall(text)))
    if not characters:
        return None
    shown = ", ".join(f"U+{ord(c):04X}" for c in characters[:8])
    more = f" and {len(characters) - 8} more" if len(characters) > 8 else ""
    return f"control characters or noncharacters {shown}{more}: remove them"


def decomposed_problem(text: str) -> str | None:
    """The first word of *text* not in Unicode NFC, as a message (none: None)."""
    if unicodedata.is_normalized("NFC", text):
        return None
    word = next(w for w in re.split(r"\s+", text) if not unicodedata.is_normalized("NFC", w))
    return (f"{unicodedata.normalize('NFC', word)[:40]!r} is written with combining marks (not Unicode NFC): "
            "search would not find it; retype the letters, or save the file in NFC")


def character_problems(text: str) -> list[str]:
    """The control characters and the decomposed letters of *text*, one message each."""
    return [found for found in (control_problem(text), decomposed_problem(text)) if found]


def source_problems(root: Path) -> list[str]:
    """The control characters and decomposed letters of the Kazakh source (``docs/**/*.md``),
    as ``file:line: message``: the witness's words are searched as a reader types them."""
    return [f"{path}:{number}: {problem}" for path in sorted(Path(root).rglob("*.md"))
            for number, line in enumerate(read_utf8(path).split("\n"), 1)
            for problem in character_problems(line)]


def symbolic_links(root: Path, names) -> list[str]:
    """Every symbolic link among the files and folders *names* of *root* (the sources a build
    reads), as ``file:1: message``: a link publishes or reads a file outside the tree (a
    ``_static`` link to a secret, a catalog read from elsewhere), and make does not see its
    target change."""
    found = []
    for name in names:
        top = Path(root, name)
        paths = [top] if top.is_symlink() or not top.is_dir() else []
        for folder, folders, files in os.walk(top):  # never into a linked folder
            paths += [Path(folder, entry) for entry in folders + files]
        found += [f"{path}:1: is a symbolic link (to {os.readlink(path)!r}): the sources are files; "
                  "put the file itself there" for path in sorted(paths) if path.is_symlink()]
    return found
