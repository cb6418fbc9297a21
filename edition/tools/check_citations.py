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

The support levels must agree with the fact checks (``docs/_data/fact_checks.yaml``):
a ``full`` entry (the editors read the passage) cannot stand in a paragraph where a fact
check says a claim could not be verified, and a fact check cannot be ``ok`` on the basis of
a work whose entry in that section is ``unverified``. ``python -m edition.tools.publish --preflight`` runs
this check before any language is built (``disagreements``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from edition import ROOT
from edition.data.edition_data import LOADER  # libyaml: the preflight reads these files on every build
from edition.i18n.myst_text import paragraphs, visible

DOCS = ROOT / "docs"
TABLE = DOCS / "_data" / "citation_support.yaml"
SUPPORT = ("full", "partial", "unverified")  # docs/_data/schemas/citation_support.json
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")


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


KEY = re.compile(r"\b[a-z]+[0-9]{4}[a-z]+\b")


def entry_lines(path: Path, part: str) -> list[int]:
    """The line of each entry of the list *part* of a YAML file (1 where it cannot be read)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except yaml.YAMLError:
        return []
    for key, value in getattr(root, "value", None) or []:
        if getattr(key, "value", None) == part and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def disagreements(table: dict, checks: list, docs: Path = DOCS, table_path: Path = TABLE,
                  checks_path: Path | None = None) -> list[str]:
    """Every place where citation_support.yaml and fact_checks.yaml disagree, as file:line: message."""
    checks_path = checks_path or docs / "_data" / "fact_checks.yaml"
    where_table = lambda path: path.relative_to(ROOT) if path.is_relative_to(ROOT) else path  # noqa: E731
    # (section, paragraph ordinal) -> visible text, for every page's paragraphs
    paragraph_text, page_of = {}, {}
    for path in sorted(docs.rglob("*.md")):
        if path.relative_to(docs).parts[0].startswith("_"):
            continue
        page = path.relative_to(docs).with_suffix("").as_posix()
        for section, ordinal, _, block in paragraphs(path.read_text(encoding="utf-8")):
            paragraph_text[section, ordinal] = " ".join(visible(block).split())
            page_of[section] = page
    found = []
    rows = [r for r in table.get("citations") or [] if isinstance(r, dict)]
    lines = entry_lines(table_path, "citations")
    check_lines = entry_lines(checks_path, "checks")
    unverified = [(i, c) for i, c in enumerate(checks) if isinstance(c, dict) and c.get("verdict") == "unverified"]
    for i, row in enumerate(table.get("citations") or []):
        if not isinstance(row, dict) or row.get("support") != "full":
            continue
        text = paragraph_text.get((row.get("section"), row.get("paragraph")), "")
        for j, check in unverified:
            if check.get("section") == row.get("section") and check.get("claim") and check["claim"] in text:
                line = lines[i] if i < len(lines) else 1
                found.append(f"{where_table(table_path)}:{line}: {row.get('key')!r} is `full` support for "
                             f"{row.get('section')} paragraph {row.get('paragraph')}, but "
                             f"{where_table(checks_path)}:{check_lines[j] if j < len(check_lines) else 1} marks "
                             f"{check['claim']!r} in it unverified")
    weak = {(r.get("section"), r.get("key")) for r in rows if r.get("support") == "unverified"}
    for j, check in enumerate(checks):
        if not isinstance(check, dict) or check.get("verdict") != "ok":
            continue
        for key in KEY.findall(str(check.get("basis", ""))):
            if (check.get("section"), key) in weak:
                found.append(f"{where_table(checks_path)}:{check_lines[j] if j < len(check_lines) else 1}: "
                             f"verdict ok rests on {key!r}, whose support in {check.get('section')} is "
                             f"`unverified` in {where_table(table_path)}")
    return found


def bib_keys() -> set[str]:
    from pybtex.database import parse_file
    keys = set()
    for path in sorted((ROOT / "bib").glob("*.bib")):
        keys |= set(parse_file(str(path)).entries)
    return keys


def load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}


def main() -> int:
    table = load(TABLE)
    found = problems(text_citations(), note_citations(load(DOCS / "_data" / "notes.yaml")), table, bib_keys())
    found += disagreements(table, load(DOCS / "_data" / "fact_checks.yaml").get("checks") or [])
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
