#!/usr/bin/env python3
"""Check the Old Style (New Style) date pairs of the witness.

Usage: python -m edition.tools.check_dates [FILE]   (default: the witness)

Until 1 (14) February 1918 Russia used the Julian calendar (13 days behind the
Gregorian in 1900–1918). The text gives many pairs such as «25 қазандағы (7 қараша)» or
«5 (18) қаңтарда». This finds every pair, converts its Old Style date with the
``convertdate`` library's Julian calendar, and prints the pairs that do not agree; each of those must carry an editor's note
(``dual_date`` in docs/_data/notes.yaml). Exit 1 if a mismatch has no note.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from convertdate import julian as julian_calendar

from edition import ROOT
WITNESS = ROOT / "docs" / "_witness" / "kenes-ukimeti.kk.txt"
NOTES = ROOT / "docs" / "_data" / "notes.yaml"
MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
          "қазан", "қараша", "желтоқсан"]
MONTH = "(" + "|".join(MONTHS) + r")\w*"
DAYS = r"(\d{1,2})(?:\s*–\s*(\d{1,2}))?"
# «25 – 27 қазанда (7 – 9 қараша)»: Old Style day(s) and month, then New Style in brackets
SPLIT_PAIR = re.compile(rf"{DAYS}\s+{MONTH}\s*\({DAYS}\s+{MONTH}\)")
# «5 (18) қаңтарда»: both days before one month
SHARED_MONTH = re.compile(rf"(\d{{1,2}})\s*\((\d{{1,2}})\)\s+{MONTH}")


def to_gregorian(day: datetime.date) -> datetime.date:
    """The Gregorian date of a Julian (Old Style) calendar date, by convertdate."""
    return datetime.date(*julian_calendar.to_gregorian(day.year, day.month, day.day))


@dataclass
class Pair:
    text: str
    position: int
    julian: datetime.date
    gregorian: datetime.date
    julian_end: datetime.date | None = None     # «25 – 27 қазанда (7 – 9 қараша)»: the last days
    gregorian_end: datetime.date | None = None

    @property
    def agrees(self) -> bool:
        ends = self.julian_end is None or to_gregorian(self.julian_end) == self.gregorian_end
        return to_gregorian(self.julian) == self.gregorian and ends

    @property
    def expected(self) -> datetime.date:
        return to_gregorian(self.julian)


def year_before(text: str, position: int) -> int:
    years = re.findall(r"(?<!\d)(19\d\d)(?!\d)", text[:position])
    return int(years[-1]) if years else 1917


def month_number(word: str) -> int:
    return MONTHS.index(word) + 1


def pairs(text: str) -> list[Pair]:
    text = " ".join(text.split())
    found = []
    for match in SPLIT_PAIR.finditer(text):
        year = year_before(text, match.start())
        julian_month, gregorian_month = month_number(match[3]), month_number(match[6])
        gregorian_year = year + 1 if gregorian_month < julian_month else year
        pair = Pair(match[0], match.start(), datetime.date(year, julian_month, int(match[1])),
                    datetime.date(gregorian_year, gregorian_month, int(match[4])))
        if match[2] and match[5]:
            pair.julian_end = datetime.date(year, julian_month, int(match[2]))
            pair.gregorian_end = datetime.date(gregorian_year, gregorian_month, int(match[5]))
        found.append(pair)
    for match in SHARED_MONTH.finditer(text):
        year = year_before(text, match.start())
        month = month_number(match[3])
        julian = datetime.date(year, month, int(match[1]))
        gregorian_day = int(match[2])
        gregorian_month = month if gregorian_day > julian.day else month % 12 + 1
        found.append(Pair(match[0], match.start(), julian,
                          datetime.date(year + (gregorian_month < month), gregorian_month, gregorian_day)))
    return sorted(found, key=lambda p: p.position)


def annotated_pairs() -> set[str]:
    notes = yaml.safe_load(NOTES.read_text(encoding="utf-8"))["notes"]
    return {note["dual_date"] for note in notes if note.get("dual_date")}


def unexplained(text: str, annotated: set[str]) -> list[Pair]:
    """Mismatched pairs that no editor's note explains."""
    return [p for p in pairs(text) if not p.agrees and not any(a in p.text for a in annotated)]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else WITNESS
    text = path.read_text(encoding="utf-8")
    annotated = annotated_pairs()
    for pair in pairs(text):
        status = "ok" if pair.agrees else ("noted" if any(a in pair.text for a in annotated) else "NO NOTE")
        print(f"{status:8} «{pair.text}»  Julian {pair.julian} = Gregorian {pair.expected}, text {pair.gregorian}")
    return 1 if unexplained(text, annotated) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
