#!/usr/bin/env python3
"""Add a language to the edition: ``make add-language LANG=xx``.

Usage: python -m edition.tools.add_language xx   (after ``make gettext``: the POT files in _build/gettext/)
       NEW_LANGUAGE=xx python -m edition.tools.add_language   (how ``make add-language`` passes it: never
       through a shell command)

1. registers *xx* in ``docs/_data/languages.yaml``, after the others: its name in itself
   (CLDR, through Babel), the Open Graph locale (CLDR's likely territory), and the
   edition's title and editors, which start as the source language's, marked ``draft``
   until a translator gives them (the data files' texts in the language are optional
   while the language is a draft; the build shows the source's meanwhile);
2. creates its catalogs, one per page and ``edition.po`` for the interface, with
   ``edition/tools/update_po.py -l xx`` (sphinx-intl and a complete header: Language,
   Language-Team, Plural-Forms from CLDR, Report-Msgid-Bugs-To).

Everything else reads the registry: the Makefile's targets, the switcher, hreflang, the
sitemap and the translation-status page include the language at once.
A bad code, or one already registered, is refused with ``file:line: message``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from edition import ROOT
REGISTRY = ROOT / "docs" / "_data" / "languages.yaml"
from edition.data import edition_data  # noqa: E402
from edition.tools import update_po  # noqa: E402

CODE = re.compile(r"^[a-z]{2,3}$")


def og_locale(code: str) -> str:
    """language_TERRITORY for Open Graph: CLDR's likely subtags (de -> de_Latn_DE -> de_DE)."""
    likely = get_global("likely_subtags").get(code, code)
    territory = next((part for part in likely.split("_")[1:] if re.fullmatch(r"[A-Z]{2}", part)), None)
    return f"{code}_{territory}" if territory else f"{code}_{code.upper()}"


def registry_entry(code: str) -> str:
    """The YAML of the new entry, appended as text so that the file's comments stay."""
    source = edition_data.registry()[0]
    name = Locale.parse(code).get_display_name(code)
    name = name[:1].upper() + name[1:]
    lines = [f"  - code: {code}",
             f"    name: {json.dumps(name, ensure_ascii=False)}",
             "    # TODO: the edition's title and editors in this language (the source's until then)",
             f"    title: {json.dumps(source['title'], ensure_ascii=False)}",
             f"    editors: {json.dumps(source['editors'], ensure_ascii=False)}",
             f"    og_locale: {og_locale(code)}",
             "    draft: true  # the data files need no text in this language yet: remove when they have it"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    code = argv[0] if argv else os.environ.get("NEW_LANGUAGE", "")
    if not CODE.fullmatch(code):
        print(f"{REGISTRY}:1: {code[:40]!r} is not a language code (two or three lower-case letters): "
              "make add-language LANG=xx", file=sys.stderr)
        return 2
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        print(f"{REGISTRY}:1: {code!r} is no language CLDR knows (Babel)", file=sys.stderr)
        return 2
    if code in edition_data.language_codes():
        line = next(n for n, text in enumerate(REGISTRY.read_text(encoding="utf-8").splitlines(), 1)
                    if text.strip() == f"- code: {code}")
        print(f"{REGISTRY}:{line}: {code!r} is already a language of the edition", file=sys.stderr)
        return 2
    text = REGISTRY.read_text(encoding="utf-8")
    REGISTRY.write_text(text.rstrip("\n") + "\n" + registry_entry(code), encoding="utf-8")
    problems = edition_data.problems("languages", ())
    if problems:
        REGISTRY.write_text(text, encoding="utf-8")
        print("\n".join(problems), file=sys.stderr)
        return 2
    status = update_po.main(["-l", code])
    if status:
        return status
    print(f"add-language: {code} registered in {REGISTRY.relative_to(ROOT)} and its catalogs are in "
          f"locales/{code}/LC_MESSAGES/; give its title and editors there, then translate "
          f"(TRANSLATING.md, \"Adding a language\"); `make preview-{code}` builds it "
          f"from the unfinished catalogs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
