#!/usr/bin/env python3
"""Lint the BibTeX files in bib/: parse, keys, required fields, ISBNs and URLs.

Usage: tools/check_bib.py [FILE.bib ...]   (default: every bib/*.bib)
Prints one ``file:line: message`` per problem and exits 1 if there is any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pybtex.errors
from pybtex.database import parse_string
from pybtex.exceptions import PybtexError

ROOT = Path(__file__).resolve().parent.parent
KEY = re.compile(r"^[a-z]+\d{4}[a-z]+$")  # <author or first title word><year><title word>
REQUIRED = {
    "book": [("title",), ("year",), ("publisher",), ("address",)],
    "misc": [("title",), ("year",), ("author", "organization", "howpublished")],
}


def isbn_is_valid(isbn: str) -> bool:
    digits = re.sub(r"[\s-]", "", isbn).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def _line_of(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def lint(paths: list[Path]) -> list[str]:
    """Every problem of the given .bib files, as ``file:line: message``."""
    pybtex.errors.set_strict_mode(True)
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,", text):
            key, line = match.group(1), text.count("\n", 0, match.start()) + 1
            if key in seen:
                problems.append(f"{path}:{line}: duplicate key {key!r} (first in {seen[key]})")
            seen.setdefault(key, f"{path}:{line}")
        try:
            data = parse_string(text, "bibtex")
        except PybtexError as error:
            if "repeated bibliography entry" not in str(error):  # reported above, with its line
                line = getattr(error, "lineno", None) or 1
                problems.append(f"{path}:{line}: does not parse: {error}")
            continue
        for key, entry in data.entries.items():
            where = f"{path}:{_line_of(text, key)}"
            if not KEY.match(key):
                problems.append(f"{where}: key {key!r} does not follow <author><year><word>")
            fields = {name.lower() for name in entry.fields} | {r.lower() for r in entry.persons}
            for alternatives in REQUIRED.get(entry.type, [("title",), ("year",)]):
                if not fields & set(alternatives):
                    problems.append(f"{where}: @{entry.type} {key} lacks {' or '.join(alternatives)}")
            year = entry.fields.get("year", "")
            if year and not re.fullmatch(r"\d{4}(--\d{4})?", year):
                problems.append(f"{where}: {key}: year {year!r} is not YYYY or YYYY--YYYY")
            if "isbn" in entry.fields and not isbn_is_valid(entry.fields["isbn"]):
                problems.append(f"{where}: {key}: ISBN {entry.fields['isbn']!r} has a wrong checksum")
            if "url" in entry.fields:
                url = urlparse(entry.fields["url"])
                if url.scheme != "https" or not url.netloc or " " in entry.fields["url"]:
                    problems.append(f"{where}: {key}: URL {entry.fields['url']!r} is not a well-formed https URL")
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "bib").glob("*.bib"))
    problems = lint(paths)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
