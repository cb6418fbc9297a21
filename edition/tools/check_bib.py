#!/usr/bin/env python3
"""Lint the BibTeX files in bib/: parse, keys, required fields, dates, volumes, translators, ISBNs and URLs.

Usage: python -m edition.tools.check_bib [FILE.bib ...]   (default: every bib/*.bib)
Prints one ``file:line: message`` per problem and exits 1 if there is any.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pybtex.errors
from pybtex.database import Person, parse_string
from pybtex.exceptions import PybtexError

from edition import ROOT
from edition.guards.bib_guard import syntax_problems
from edition.guards.untrusted_text import NotUTF8, read_utf8
KEY = re.compile(r"^[a-z]+\d{4}[a-z]+$")  # <author or first title word><year><title word>
REQUIRED = {
    "book": [("title",), ("year", "note"), ("publisher",), ("address",)],  # no year: a note says why
    "misc": [("title",), ("year", "urldate"), ("author", "organization", "howpublished")],
}


def date_is_valid(value: str) -> bool:
    """An ISO date YYYY-MM-DD that exists in the calendar (urldate: the day a web text was read)."""
    try:
        return datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


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
    problems = syntax_problems(paths)  # the build's own check: syntax and repeated keys
    for path in paths:
        try:
            text = read_utf8(path)
            data = parse_string(text, "bibtex")
        except (NotUTF8, PybtexError):
            continue  # reported by syntax_problems
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
            if "urldate" in entry.fields and not date_is_valid(entry.fields["urldate"]):
                problems.append(f"{where}: {key}: urldate {entry.fields['urldate']!r} is not a real YYYY-MM-DD date")
            if "origdate" in entry.fields and not re.fullmatch(r"\d{4}", entry.fields["origdate"]):
                problems.append(f"{where}: {key}: origdate {entry.fields['origdate']!r} is not YYYY")
            if "origdate" in entry.fields and "origtitle" not in entry.fields:
                problems.append(f"{where}: {key}: origdate without origtitle")
            if "volume" in entry.fields and not re.fullmatch(r"[1-9]\d*", entry.fields["volume"]):
                problems.append(f"{where}: {key}: volume {entry.fields['volume']!r} is not a number")
            if "translator" in entry.fields:
                names = [n.strip() for n in entry.fields["translator"].split(" and ")]
                if not all("," in n and Person(n).last_names and Person(n).first_names for n in names):
                    problems.append(f"{where}: {key}: translator {entry.fields['translator']!r} is not"
                                    " 'Surname, Given name'")
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
