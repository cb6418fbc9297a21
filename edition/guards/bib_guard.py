"""The BibTeX files parse, with one entry per key, before sphinxcontrib-bibtex reads them.

sphinxcontrib-bibtex answers a syntax error with a crash report, and a repeated key with
a warning that names no line while pybtex silently stops reading the file there: the
published bibliography then loses every entry after it (24 → 13). Parsing the files
first turns both into one ``file:line: message`` each and stops the build.
``edition/tools/check_bib.py`` reports the same problems, with the edition's other rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
from pybtex.database import parse_string
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from edition.data.edition_data import stop
from edition.guards.untrusted_text import NotUTF8, character_problems, read_utf8

ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")


def syntax_problems(paths: list[Path]) -> list[str]:
    """A file that is not UTF-8, control characters, syntax errors and repeated keys of the
    .bib files, as ``file:line: message``."""
    problems, seen = [], {}
    for path in paths:
        try:
            text = read_utf8(path)
        except NotUTF8 as error:
            problems.append(str(error))
            continue
        problems += [f"{path}:{number}: {problem}" for number, line in enumerate(text.split("\n"), 1)
                     for problem in character_problems(line)]
        for match in ENTRY.finditer(text):
            key, line = match[1], text.count("\n", 0, match.start()) + 1
            if key in seen:
                problems.append(f"{path}:{line}: duplicate key {key!r} (first in {seen[key]})")
            seen.setdefault(key, f"{path}:{line}")
        strict, pybtex.errors.strict = pybtex.errors.strict, True  # raise, do not just print
        try:
            parse_string(text, "bibtex")
        except PybtexSyntaxError as error:
            problems.append(f"{path}:{error.lineno}: does not parse: {error}")
        except PybtexError as error:
            if "repeated bibliography entry" not in str(error):  # reported above, with its line
                problems.append(f"{path}:1: does not parse: {error}")
        finally:
            pybtex.errors.strict = strict
    return problems


def check_bibfiles(app, config) -> None:
    found = syntax_problems([Path(app.confdir, name) for name in config.bibtex_bibfiles])
    if found:
        stop(found)


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("config-inited", check_bibfiles, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
