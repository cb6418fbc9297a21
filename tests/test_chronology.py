"""The chronology: every event dated, sourced in its section, linked, drawn and published."""

import csv
import datetime
import json
import re

import pytest

import check_dates

from conftest import LANGUAGES, chapter_pages, data, site, soup, without_apparatus
from test_pdf import pdf_text

EVENTS = data("chronology")["events"]
NOTED = {note["id"] for note in data("notes")["notes"]}
MONTHS = check_dates.MONTHS  # the Kazakh month names, from the dual-date checker


def section_texts():
    """section id -> the visible Kazakh text of that section, apparatus removed."""
    texts = {}
    for page in chapter_pages("kk"):
        article = without_apparatus(soup(page))
        for section in article.select("section"):
            texts[section["id"]] = " ".join(" ".join(p.get_text() for p in section.select("p")).split())
    return texts


def test_there_are_at_least_forty_events_with_valid_iso_dates():
    assert len(EVENTS) >= 40
    for event in EVENTS:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["date"]), event
        datetime.date.fromisoformat(event["date"] + "-01-01"[len(event["date"]) - 4:])
        assert event["calendar"] in ("julian", "gregorian", "both", "year")
        assert event["kk"] and event["ru"] and event["en"]


def test_every_event_is_told_in_its_section_in_the_words_of_the_text():
    texts = section_texts()
    for event in EVENTS:
        assert event["section"] in texts, event["section"]
        assert " ".join(event["source_date"].split()) in texts[event["section"]], event["source_date"]


def test_julian_dates_carry_their_gregorian_equivalent():
    checked = 0
    for event in EVENTS:
        match = re.search(r"(\d{1,2})(?:\s*(?:–|-|және)\s*\d{1,2})?\s+(%s)" % "|".join(MONTHS),
                          event["source_date"])
        if event["calendar"] == "julian" and match and len(event["date"]) == 10:
            year = int(event["date"][:4]) if not event["date"].startswith("1918-01") else 1918
            julian = datetime.date(year, MONTHS.index(match[2]) + 1, int(match[1]))
            expected = julian + datetime.timedelta(days=13)
            assert event["date"] == expected.isoformat(), event
            checked += 1
        if event["calendar"] == "both" and event.get("note"):
            assert event["note"] in NOTED
    assert checked >= 8


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_page_links_every_event_to_its_section_and_draws_the_timeline(lang):
    page = soup(site(lang) / "chronology.html")
    rows = page.select("table.chronology tbody tr")
    assert len(rows) == len(EVENTS)
    sections = {e["section"] for e in EVENTS}
    linked = {a["href"].split("#")[1] for a in page.select("table.chronology a.reference")}
    assert linked == sections
    figure = page.select_one("svg.chronology-figure")
    assert figure is not None and figure.select_one("title") and len(figure.select("circle")) == len(EVENTS)
    assert not page.select("svg script")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_data_is_published_as_csv_and_json(lang):
    rows = json.loads((site(lang) / "chronology.json").read_text(encoding="utf-8"))
    with open(site(lang) / "chronology.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert len(rows) == len(table) == len(EVENTS)
    def when(iso):  # a year alone sorts mid-year, a month alone mid-month, as in the table
        parts = [int(p) for p in iso.split("-")]
        return (parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 15)
    dates = [r["date"] for r in rows]
    assert dates == [r["date"] for r in table] == sorted(dates, key=when)


@pytest.mark.parametrize("lang, caption", [("kk", "Уақыт кестесі"), ("ru", "Шкала времени"), ("en", "Timeline")])
def test_timeline_is_in_the_pdf(lang, caption):
    assert caption in pdf_text(lang)
