#!/usr/bin/env python3
"""Translation progress: translated / fuzzy / untranslated messages per catalog and language.

Usage: python -m edition.tools.po_stats [-l ru ...]

One row per catalog (the pages' catalogs, ``sphinx`` and ``edition``: the interface), a
TOTAL row per language, then one summary line per language, as potodo prints one per
folder: ``# ru (97.85% done): 1034 / 1057 messages translated, 3 fuzzy, 20 untranslated``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition import ROOT
LOCALES = ROOT / "locales"
from edition.data.edition_data import language_codes  # noqa: E402
from edition.i18n.translation_status import catalog_stats  # noqa: E402  (one count, for the site and here)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-l", "--language", action="append", dest="languages")
    args = parser.parse_args(argv)
    languages = args.languages or list(language_codes())  # the registry's order: the source first
    summaries = []
    print(f"{'language':8} {'catalog':28} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'done':>6}")
    for lang in languages:
        totals = [0, 0, 0]
        for name, *counts in catalog_stats(lang):
            totals = [t + c for t, c in zip(totals, counts)]
            done = counts[0] / max(1, sum(counts))
            print(f"{lang:8} {name:28} {counts[0]:>10} {counts[1]:>6} {counts[2]:>12} {done:>6.0%}")
        done = totals[0] / max(1, sum(totals))
        print(f"{lang:8} {'TOTAL':28} {totals[0]:>10} {totals[1]:>6} {totals[2]:>12} {done:>6.0%}")
        summaries.append(summary(lang, totals))
    print()
    print("\n".join(summaries))
    return 0


def summary(lang: str, totals: list[int]) -> str:
    """One line per language, as potodo prints a folder's: ``# ru (97.85% done)`` and the counts."""
    translated, fuzzy, untranslated = totals
    share = translated / max(1, sum(totals))
    return (f"# {lang} ({share:.2%} done): {translated} / {sum(totals)} messages translated, "
            f"{fuzzy} fuzzy, {untranslated} untranslated")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
