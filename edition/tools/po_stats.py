#!/usr/bin/env python3
"""Translation progress, as potodo shows it: only what is left to do, with counts.

Usage: python -m edition.tools.po_stats [-l ru ...] [--all]
       make stats [LANG=ru]

For each language (the registry's, or those named; ``make stats LANG=ru`` gives one), a
summary line, then one line per catalog that is not finished, with what is left::

    # ru (99.7% done): 353 / 354 messages translated, 1 fuzzy, 0 untranslated
      chapters/04-civil-war     6 / 7   85.7% done   1 fuzzy   0 untranslated

A share is rounded down (edition/i18n/translation_status.py ``done``): "100%" only when
nothing is left. ``--all`` lists the finished catalogs too.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from edition.data.edition_data import language_codes  # noqa: E402
from edition.i18n.translation_status import LOCALES, catalog_stats, done  # noqa: E402  (one count, for the site and here)


def report(lang: str, everything: bool = False, locales: Path = LOCALES) -> list[str]:
    """The summary line of *lang* and a line per unfinished catalog (per catalog with *everything*)."""
    rows = catalog_stats(lang, locales)
    totals = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    lines = [summary(lang, totals)]
    for name, translated, fuzzy, untranslated in rows:
        total = translated + fuzzy + untranslated
        if everything or translated < total:
            lines.append(f"  {name:28} {translated:>4} / {total:<4} {done(translated, total):>6} done "
                         f"{fuzzy:>4} fuzzy {untranslated:>4} untranslated")
    if len(lines) == 1:
        lines.append("  every catalog is finished")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-l", "--language", action="append", dest="languages")
    parser.add_argument("--all", action="store_true", help="list the finished catalogs too")
    args = parser.parse_args(argv)
    known = list(language_codes())  # the registry's order: the source first
    given = os.environ.get("STATS_LANGUAGE", "")  # make stats LANG=xx (a value given to make: data)
    languages = args.languages or ([given] if given else known)
    unknown = [lang for lang in languages if lang not in known]
    if unknown:
        print(f"stats: {unknown[0]!r} is not a language of docs/_data/languages.yaml ({', '.join(known)})",
              file=sys.stderr)
        return 2
    print("\n\n".join("\n".join(report(lang, args.all)) for lang in languages))
    return 0


def summary(lang: str, totals: list[int]) -> str:
    """One line per language, as potodo prints a folder's: ``# ru (99.7% done)`` and the counts."""
    translated, fuzzy, untranslated = totals
    return (f"# {lang} ({done(translated, sum(totals))} done): {translated} / {sum(totals)} messages translated, "
            f"{fuzzy} fuzzy, {untranslated} untranslated")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
