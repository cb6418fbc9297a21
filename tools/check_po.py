#!/usr/bin/env python3
"""Translator quality checks for the catalogs in locales/.

Usage: tools/check_po.py [--lang ru] [FILE.po ...]   (default: every catalog of every language)

Prints one ``file:line: [check] message`` per problem and exits 1 if there is any.
The checks, each with its own name:

  msgfmt     ``msgfmt --check`` accepts the file (and it has no byte-order mark)
  header     ``Language`` is the folder's language, ``Plural-Forms`` is valid and is that
             language's rule (ext/catalog_guard.py, which the build runs too)
  fuzzy      no entry is fuzzy
  untranslated  no entry is untranslated
  roles      MyST roles keep their targets: {term}, {place}, {person} keys, {cite} keys,
             {ref}/{doc}/{numref} targets and link targets are the same as in the msgid
  numbers    every number of the msgid is in the msgstr (documented exceptions in
             docs/_data/po_exceptions.yaml)
  markup     no raw HTML, {raw}/{eval-rst} blocks or script content (translate-toolkit's
             xmltags check, plus MyST directives)
  termbase   a glossary term's translation is the termbase rendering
  wrap       the file is wrapped the canonical way (polib, width 79)
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import yaml
from translate.filters import checks
from translate.storage.pypo import pounit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))
from catalog_guard import header_line, header_problems  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
DATA = ROOT / "docs" / "_data"
WRAP = 79
TRANSLATED_LANGUAGES = ("ru", "en")

ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)
LINK = re.compile(r"\]\(([^)\s]+)\)")
KEYED = {"term", "place", "person", "ref", "doc", "numref"}
DROPPABLE = {"abbr", "emend"}  # source-language markup: translations may drop it
SMUGGLED = re.compile(r"\{(raw|eval-rst|eval-md|include|literalinclude)\}|<\s*/?\s*script|javascript:",
                      re.IGNORECASE)


def role_targets(text: str) -> Counter:
    """The role targets that a translation must keep, as a multiset."""
    found = Counter()
    for name, body in ROLE.findall(text):
        if name.startswith("cite") or name.startswith("footcite"):
            found.update(("cite", key.strip()) for key in body.split(","))
        elif name in KEYED:
            explicit = EXPLICIT.match(body)
            found[(name, explicit.group(2) if explicit else body)] += 1
        elif name not in DROPPABLE:
            found[(name, body)] += 1
    found.update(("link", target) for target in LINK.findall(text))
    return found


def numbers(text: str) -> Counter:
    text = ROLE.sub(lambda m: "" if m.group(1).startswith("cite") else m.group(0), text)
    text = re.sub(r"<[^<>]*>`", "`", text)  # role targets are checked by `roles`
    return Counter(re.findall(r"\d+", text))


def load_exceptions() -> set[tuple[str, str, str]]:
    """(language, catalog, number) triples that may legitimately be missing."""
    path = DATA / "po_exceptions.yaml"
    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(e["language"], e["catalog"], str(e["number"])) for e in data.get("numbers", [])}


def termbase(lang: str) -> dict[str, str]:
    data = yaml.safe_load((DATA / "termbase.yaml").read_text(encoding="utf-8"))
    return {t["kk"]: t[lang] for t in data["terms"]}


def catalog_name(path: Path) -> str:
    return path.as_posix().split("/LC_MESSAGES/", 1)[-1].removesuffix(".po")


def check_file(path: Path, lang: str, exceptions: set) -> list[str]:
    problems: list[str] = []

    def report(line: int, check: str, message: str) -> None:
        problems.append(f"{path}:{line}: [{check}] {message}")

    if path.read_bytes().startswith(b"\xef\xbb\xbf"):
        return [f"{path}:1: [msgfmt] the file starts with a UTF-8 byte-order mark: remove it "
                f"(make update-po does)"]
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    if result.returncode:
        for line in result.stderr.strip().splitlines():
            if "warning:" in line:
                continue
            problems.append(f"[msgfmt] {line}" if not line.startswith(str(path)) else
                            re.sub(r"^(\S+?:\d+): ", r"\1: [msgfmt] ", line))
        return problems
    try:
        po = polib.pofile(str(path), wrapwidth=WRAP)
    except (OSError, ValueError) as error:
        return [f"{path}:1: [msgfmt] does not parse: {error}"]

    for field, problem in header_problems(po, lang):
        report(header_line(path, field), "header", problem)

    name = catalog_name(path)
    terms = termbase(lang) if lang in TRANSLATED_LANGUAGES else {}
    checker = checks.StandardChecker(checkerconfig=checks.CheckerConfig(targetlanguage=lang))
    for entry in po:
        if entry.obsolete:
            continue
        if not entry.msgstr and not entry.msgstr_plural:
            report(entry.linenum, "untranslated", f"no translation for {entry.msgid[:60]!r}")
            continue
        if entry.fuzzy:
            report(entry.linenum, "fuzzy", f"fuzzy entry {entry.msgid[:60]!r}")
        source, target = role_targets(entry.msgid), role_targets(entry.msgstr)
        if source != target:
            missing, extra = sorted(source - target), sorted(target - source)
            report(entry.linenum, "roles", f"roles differ from the msgid: missing {missing}, added {extra}")
        lost = numbers(entry.msgid) - numbers(entry.msgstr)
        lost = [n for n in lost if (lang, name, n) not in exceptions]
        if lost:
            report(entry.linenum, "numbers", f"numbers of the msgid missing in the msgstr: {lost}")
        unit = pounit(ROLE.sub("", entry.msgid))  # role targets like <Кеңес> are not tags
        unit.target = ROLE.sub("", entry.msgstr)
        if "xmltags" in checker.run_filters(unit) or SMUGGLED.search(entry.msgstr):
            report(entry.linenum, "markup", "raw HTML, script or a raw/eval block in the msgstr")
        if name == "glossary" and entry.msgid in terms and entry.msgstr != terms[entry.msgid]:
            report(entry.linenum, "termbase",
                   f"term {entry.msgid!r} must be rendered {terms[entry.msgid]!r}, not {entry.msgstr!r}")

    canonical = po.__unicode__() if hasattr(po, "__unicode__") else str(po)
    actual = path.read_text(encoding="utf-8")
    if canonical.rstrip("\n") != actual.rstrip("\n"):
        first = next((i for i, (a, b) in enumerate(zip(canonical.splitlines(), actual.splitlines()), 1)
                      if a != b), min(len(canonical.splitlines()), len(actual.splitlines())) + 1)
        report(first, "wrap", f"not wrapped at {WRAP} columns the canonical way: run `make update-po`")
    return problems


def catalogs(lang: str) -> list[Path]:
    return sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="check only this language (repeatable)")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    exceptions = load_exceptions()
    if args.files:
        jobs = [(f, f.resolve().relative_to(LOCALES.resolve()).parts[0]) for f in args.files]
    else:
        langs = args.lang or sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())
        jobs = [(f, lang) for lang in langs for f in catalogs(lang)]
    problems = [p for path, lang in jobs for p in check_file(path, lang, exceptions)]
    for problem in problems:
        print(problem)
    print(f"check-po: {len(jobs)} catalogs, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
