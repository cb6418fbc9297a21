#!/usr/bin/env python3
"""Check the citation-support table against the citations the edition makes.

Usage: python -m edition.tools.check_citations
Prints one problem a line and exits 1 if there is any.

Every ``{cite:p}`` key in a page of docs/ is a citation of a paragraph: the page's
docname, the label of the section it stands in, the paragraph's ordinal in that section
(1-based, counting every paragraph) and the key. Every key in a ``cite:`` list of
docs/_data/notes.yaml is a citation of that note. ``docs/_data/citation_support.yaml``
must hold exactly one entry for each: a citation without an entry, or an entry without
its citation, is a problem.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from edition import ROOT
DOCS = ROOT / "docs"
TABLE = DOCS / "_data" / "citation_support.yaml"
SUPPORT = ("full", "partial", "provenance")
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")
LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$")


def paragraphs(text: str):
    """(section label, paragraph ordinal, first line, paragraph text) of a MyST page."""
    section, ordinal, block, start, fence = None, 0, [], 0, None

    def flush():
        nonlocal ordinal
        if block:
            ordinal += 1
            return [(section, ordinal, start, "\n".join(block))]
        return []

    found = []
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if fence:  # a directive block (```{bibliography}) is not a paragraph
            if line.strip() == fence:
                fence = None
            continue
        label = LABEL.match(line)
        if label or line.startswith("#") or not line.strip() or line.startswith("```"):
            found += flush()
            block = []
            if label:
                section, ordinal = label.group(1), 0
            elif line.startswith("```"):
                fence = line.strip()[:3]
            continue
        if not block:
            start = number
        block.append(line)
    return found


def text_citations(docs: Path = DOCS) -> dict[tuple, str]:
    """(page, section, paragraph, key) -> "file:line" for every citation in the pages."""
    found = {}
    for path in sorted(docs.rglob("*.md")):
        if path.relative_to(docs).parts[0].startswith("_"):  # _witness, _data, _templates …
            continue
        page = path.relative_to(docs).with_suffix("").as_posix()
        for section, ordinal, line, block in paragraphs(path.read_text(encoding="utf-8")):
            for group in CITE.findall(block):
                for key in (k.strip() for k in group.split(",")):
                    found[page, section, ordinal, key] = f"{path.relative_to(docs.parent)}:{line}"
    return found


def note_citations(notes: dict) -> set[tuple]:
    """(note id, key) for every key of a note's ``cite`` list."""
    return {(note["id"], key) for note in notes["notes"] for key in note.get("cite") or []}


def problems(cited: dict[tuple, str], noted: set[tuple], table: dict, keys: set[str] | None = None) -> list[str]:
    """Every disagreement between the citations and the support table."""
    found = []
    rows = table.get("citations") or []
    entries = Counter((r.get("page"), r.get("section"), r.get("paragraph"), r.get("key")) for r in rows)
    for where in sorted(set(cited) - set(entries), key=str):
        page, section, paragraph, key = where
        found.append(f"{cited[where]}: citation of {key!r} ({page}, {section}, paragraph {paragraph}) "
                     f"has no entry in {TABLE.relative_to(ROOT)}")
    for where in sorted(set(entries) - set(cited), key=str):
        page, section, paragraph, key = where
        found.append(f"{TABLE.relative_to(ROOT)}: entry {key!r} ({page}, {section}, paragraph {paragraph}) "
                     "has no such citation in the text")
    for where, count in entries.items():
        if count > 1:
            found.append(f"{TABLE.relative_to(ROOT)}: entry {where} is listed {count} times")

    note_rows = table.get("notes") or []
    note_entries = Counter((r.get("note"), r.get("key")) for r in note_rows)
    for note, key in sorted(noted - set(note_entries)):
        found.append(f"docs/_data/notes.yaml: {note}: citation of {key!r} has no entry in "
                     f"{TABLE.relative_to(ROOT)}")
    for note, key in sorted(set(note_entries) - noted, key=str):
        found.append(f"{TABLE.relative_to(ROOT)}: entry {key!r} of note {note} has no such citation in notes.yaml")
    for where, count in note_entries.items():
        if count > 1:
            found.append(f"{TABLE.relative_to(ROOT)}: note entry {where} is listed {count} times")

    for row in rows + note_rows:
        name = f"{TABLE.relative_to(ROOT)}: entry {row.get('key')!r} of {row.get('note') or row.get('section')}"
        for field in ("claim", "basis"):
            if not isinstance(row.get(field), str) or not row[field].strip():
                found.append(f"{name} lacks {field}")
        if row.get("support") not in SUPPORT:
            found.append(f"{name}: support {row.get('support')!r} is not one of {', '.join(SUPPORT)}")
        if keys is not None and row.get("key") not in keys:
            found.append(f"{name}: key {row.get('key')!r} is not in bib/")

    places = {(page, section, paragraph) for page, section, paragraph, _ in cited}
    for row in table.get("uncited") or []:
        where = (row.get("page"), row.get("section"), row.get("paragraph"))
        if not isinstance(row.get("claim"), str) or not isinstance(row.get("reason"), str):
            found.append(f"{TABLE.relative_to(ROOT)}: uncited claim at {where} lacks claim or reason")
        if row.get("page") and not (DOCS / f"{row['page']}.md").exists():
            found.append(f"{TABLE.relative_to(ROOT)}: uncited claim at {where}: no page {row['page']!r}")
        elif where not in places and not _paragraph_exists(*where):
            found.append(f"{TABLE.relative_to(ROOT)}: uncited claim at {where}: no such paragraph")
    return found


def _paragraph_exists(page, section, paragraph) -> bool:
    path = DOCS / f"{page}.md"
    return path.exists() and any((s, n) == (section, paragraph)
                                 for s, n, _, _ in paragraphs(path.read_text(encoding="utf-8")))


def bib_keys() -> set[str]:
    from pybtex.database import parse_file
    keys = set()
    for path in sorted((ROOT / "bib").glob("*.bib")):
        keys |= set(parse_file(str(path)).entries)
    return keys


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def main() -> int:
    found = problems(text_citations(), note_citations(load(DOCS / "_data" / "notes.yaml")), load(TABLE),
                     bib_keys())
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
