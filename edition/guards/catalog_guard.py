"""Catalogs are untrusted input: they are checked before Sphinx or a browser uses them.

Sphinx reads ``.po`` files leniently. An unterminated string publishes a cut heading,
and an invalid ``Plural-Forms`` makes Python's gettext reject the whole catalog, so that
a chapter of the Russian site silently comes out in Kazakh. The ``Plural-Forms``
expression of the Kazakh interface catalog even reaches the reader's browser, which
evaluates it (``doctools.js``). So before the build reads the catalogs of its language,
each one must

- pass ``msgfmt --check`` (GNU gettext, the reference parser), and
- have a header that says what the folder says: ``Language`` is the folder's language,
  and ``Plural-Forms`` is a valid C expression (checked by the stdlib's own gettext
  parser, which admits only ``n``, numbers, operators and parentheses) that gives the
  same plural form as CLDR's rule for that language (Babel's ``get_plural``) for every
  n up to 1000.

A problem stops the build with ``file:line: message``. ``edition/tools/check_po.py`` runs the
same header check as its ``header`` check.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import polib
from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

from edition.data.edition_data import stop

PLURAL = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def plural_function(header: str):
    """``(nplurals, function)`` for a Plural-Forms header; ValueError if it is not valid."""
    match = PLURAL.match(header)
    if not match:
        raise ValueError("is not 'nplurals=N; plural=EXPRESSION;'")
    return int(match[1]), gettext.c2py(match[2])  # c2py rejects any token but n, numbers, operators


def plural_expression(header: str) -> str:
    """The validated C expression of a Plural-Forms header (for sphinx.js)."""
    plural_function(header)
    return PLURAL.match(header)[2]


def header_problems(po: polib.POFile, lang: str) -> list[tuple[str, str]]:
    """(header line, problem) pairs: Language and Plural-Forms must fit the folder's *lang*."""
    found = []
    declared = po.metadata.get("Language", "")
    if declared.replace("-", "_").split("_")[0] != lang:
        found.append(("Language", f"Language is {declared!r}, but the catalog is in locales/{lang}/"))
    header = po.metadata.get("Plural-Forms")
    if header is None:
        return found
    try:
        nplurals, function = plural_function(header)
    except ValueError as error:
        return found + [("Plural-Forms", f"Plural-Forms {header!r} {error}")]
    try:
        expected = get_plural(lang)
    except UnknownLocaleError:
        return found
    reference = gettext.c2py(expected.plural_expr)
    if nplurals != expected.num_plurals or any(function(n) != reference(n) for n in range(1001)):
        found.append(("Plural-Forms", f"Plural-Forms {header!r} is not the rule for {lang!r}: "
                                      f"{expected.plural_forms!r}"))
    return found


def header_line(path: Path, name: str) -> int:
    """The line of a header field in a .po file (1 when it cannot be found)."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.startswith(f'"{name}:'):
            return number
    return 1


def syntax_problems(path: Path) -> list[str]:
    """A byte-order mark, or what ``msgfmt --check`` refuses, as ``file:line: message`` (the
    one check of a catalog's syntax: the build's guard and ``make check-po`` both run it)."""
    if path.read_bytes().startswith(b"\xef\xbb\xbf"):
        return [f"{path}:1: the file starts with a UTF-8 byte-order mark: remove it (make update-po does)"]
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [f"{path}:1: msgfmt (Debian package gettext) is needed to check the catalog"]
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    if result.returncode:
        errors = [line for line in result.stderr.splitlines() if line.startswith(str(path)) and "warning:" not in line]
        if not errors:
            return [f"{path}:1: {result.stderr.strip()}"]
        # the first error is the mistake; msgfmt's next ones follow from it (a string ended
        # early makes its rest an "unknown keyword"), and its summary line is no problem
        first = errors[0]
        if re.search(r"syntax error|end-of-line within string|keyword .* unknown|end-of-file within string", first):
            first += (': a string is cut: a straight " inside a msgstr ends it; write \\" or use «» '
                      "(“” in English), and end every line with \"")
        return [first]
    return []


def catalog_problems(path: Path, lang: str) -> list[str]:
    """Every problem that makes *path* unfit to build from, as ``file:line: message``."""
    found = syntax_problems(path)
    if found:
        return found
    return [f"{path}:{header_line(path, name)}: {problem}"
            for name, problem in header_problems(polib.pofile(str(path)), lang)]


def check_catalogs(app, config) -> None:
    """Before Sphinx compiles the build language's catalogs: stop if one is unfit."""
    found = [problem for directory in config.locale_dirs
             for path in sorted(Path(app.srcdir, directory, config.language, "LC_MESSAGES").rglob("*.po"))
             for problem in catalog_problems(path, config.language)]
    if found:
        stop(found)


def setup(app):
    app.connect("config-inited", check_catalogs, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
