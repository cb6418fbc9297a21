"""Where a translator's mistake is: the line of a ``.po`` file, not the entry's first line.

``make check-po`` names the msgstr line that holds a misspelled word, a changed role
target or a cut string, and the ``#, fuzzy`` line of a fuzzy entry; a Sphinx warning
about a translated paragraph (a role the translation lost, a glossary term it retyped)
names the msgstr line of the catalog instead of the Kazakh page, with the page's
``file:line`` after it.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import polib
from sphinx.util.logging import NAMESPACE, WarningStreamHandler


@cache
def _lines(path: Path, mtime: float) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def po_lines(path: Path) -> tuple[str, ...]:
    return _lines(path, path.stat().st_mtime)


def msgstr_line(path: Path, entry_line: int, offset: int = 0) -> int:
    """The line of *path* that holds character *offset* of the msgstr of the entry that
    starts on *entry_line* (polib's ``linenum``): where a translator's mistake is."""
    lines = po_lines(path)
    number = entry_line - 1
    while number < len(lines) and not lines[number].startswith("msgstr"):
        number += 1
    if number >= len(lines):
        return entry_line
    first, seen = number, 0
    while number < len(lines):
        quoted = lines[number][lines[number].find('"'):].strip() if number == first else lines[number].strip()
        if number > first and not quoted.startswith('"'):
            break
        seen += len(polib.unescape(quoted[1:-1]))
        if offset < seen:
            return number + 1
        number += 1
    return max(first + 1, number)  # the end of the msgstr (a finding about all of it: its last line)


def flag_line(path: Path, entry_line: int) -> int:
    """The line of the ``#, fuzzy`` flag of the entry that starts on *entry_line*."""
    lines = po_lines(path)
    number = entry_line - 1
    while number < len(lines) and not lines[number].startswith(("msgid", "msgctxt")):
        if lines[number].startswith("#,") and "fuzzy" in lines[number]:
            return number + 1
        number += 1
    return entry_line



PAGE_LOCATION = re.compile(r"^(?P<page>.+?\.md):(?P<line>\d+)(?::<translated>:\d+)?$")
QUOTED = re.compile(r"'([^']+)'")


@cache
def _entries(path: Path, mtime: float) -> dict[tuple[str, str], polib.POEntry]:
    """(page, line) of each ``#:`` reference -> the translated entry of the catalog *path*."""
    return {(Path(page).name, line): entry for entry in polib.pofile(str(path))
            for page, line in entry.occurrences if entry.translated()}


def catalog_location(location: str, srcdir: Path, locales: list[Path], lang: str, message: str) -> str | None:
    """``file:line`` of the msgstr a warning at the page *location* comes from (the line of
    the quoted word of *message* it names, when there is one), or None."""
    found = PAGE_LOCATION.match(location)
    if not found:
        return None
    page = Path(found["page"])
    try:
        docname = page.resolve().relative_to(srcdir.resolve()).with_suffix("")
    except ValueError:
        return None
    for folder in locales:
        catalog = folder / lang / "LC_MESSAGES" / docname.with_suffix(".po")
        if not catalog.is_file():
            continue
        entry = _entries(catalog, catalog.stat().st_mtime).get((page.name, found["line"]))
        if entry is None:
            return None
        offsets = [entry.msgstr.find(word) for word in QUOTED.findall(message) if word in entry.msgstr]
        return f"{catalog}:{msgstr_line(catalog, entry.linenum, offsets[0] if offsets else 0)}"
    return None


class CatalogLocation:
    """A logging filter: a warning about a translated paragraph names the catalog's line."""

    def __init__(self, app) -> None:
        self.app = app

    def filter(self, record) -> bool:
        location, config = getattr(record, "location", None), self.app.config
        if isinstance(location, str) and config.language != next(iter(config.edition_languages)):
            message = logging.LogRecord.getMessage(record)  # without the location Sphinx prefixes
            where = catalog_location(location, Path(self.app.srcdir), [Path(self.app.confdir, d)
                                     for d in config.locale_dirs], config.language, message)
            if where:
                record.location = where
                record.msg, record.args = f"{message} (the translation of {location})", ()
        return True


def setup_filter(app) -> None:
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.addFilter(CatalogLocation(app))


def setup(app):
    app.connect("builder-inited", setup_filter)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
