"""The chronology: every event dated, sourced in its section, linked, drawn and published."""

import csv
import datetime
import json
import re

import pytest
from convertdate import julian

from edition.data.edition_data import pick
from edition.tools import check_dates
from conftest import LANGUAGES, chapter_pages, data, site, soup, without_apparatus
from test_pdf import pdf_text

EVENTS = data("chronology")["events"]
NOTED = {note["id"] for note in data("notes")["notes"]}
MONTHS = check_dates.MONTHS  # the Kazakh month names, from the dual-date checker
NOTES = {note["id"]: note for note in data("notes")["notes"]}
CALENDAR_CHANGE = datetime.date(1918, 2, 1)  # Old Style: 31 January 1918 was followed by 14 (1) February


def section_texts():
    """section id -> the visible Kazakh text of that section, apparatus removed."""
    texts = {}
    for page in chapter_pages("kk"):
        article = without_apparatus(soup(page))
        for section in article.select("section"):
            texts[section["id"]] = " ".join(" ".join(p.get_text() for p in section.select("p")).split())
    return texts


ISO = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def test_there_are_at_least_forty_events_with_valid_iso_dates_of_their_precision():
    assert len(EVENTS) >= 40
    for event in EVENTS:
        assert event["precision"] in ISO, event
        for field in ("date", "date_end"):
            if field in event:
                assert re.fullmatch(ISO[event["precision"]], event[field]), (field, event)
                datetime.date.fromisoformat(event[field] + "-01-01"[len(event[field]) - 4:])
        if "date_end" in event:
            assert event["date_end"] > event["date"], event
        assert event["calendar"] in ("julian", "gregorian", "both")
        assert event["kk"] and event["ru"] and event["en"]


def test_every_event_is_told_in_its_section_in_the_words_of_the_text():
    texts = section_texts()
    for event in EVENTS:
        assert event["section"] in texts, event["section"]
        assert " ".join(event["source_date"].split()) in texts[event["section"]], event["source_date"]


def old_style_days(iso: str) -> tuple[datetime.date, datetime.date]:
    """The first and last Old Style day of an ISO day or month («1917-02» is 1–28 February)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts), datetime.date(*parts)
    return datetime.date(*parts, 1), datetime.date(*parts, julian.month_length(*parts))


def by_convertdate(day: datetime.date) -> datetime.date:
    """The oracle: convertdate's Julian calendar (a day from February 1918 is New Style already)."""
    if day >= CALENDAR_CHANGE:
        return day
    return datetime.date(*julian.to_gregorian(day.year, day.month, day.day))


def at_precision(day: datetime.date, precision: str) -> str:
    return day.isoformat()[:{"day": 10, "month": 7, "year": 4}[precision]]


def expected_gregorian(event: dict) -> tuple[str, str | None]:
    """date and date_end as the conversion of the event's Old Style date gives them."""
    first, *last = event["old_style"].split("/")
    start = by_convertdate(old_style_days(first)[0])
    end = by_convertdate(old_style_days(last[0] if last else first)[1])
    start, end = at_precision(start, event["precision"]), at_precision(end, event["precision"])
    return start, (end if end != start else None)


OLD_STYLE = [e for e in EVENTS if e["calendar"] in ("julian", "both") and e["precision"] != "year"]


@pytest.mark.parametrize("event", OLD_STYLE, ids=[f"{e['section']}:{e['source_date']}:{e['date']}" for e in OLD_STYLE])
def test_every_old_style_event_is_converted_to_the_gregorian_calendar(event):
    assert "old_style" in event, "an Old Style date needs the old_style it converts"
    assert (event["date"], event.get("date_end")) == expected_gregorian(event)


def test_old_style_date_is_the_source_wording_unless_a_note_gives_the_standard_one():
    """old_style starts in the month the text names first, on its day or within its span of days."""
    stems = [m[:-1] for m in MONTHS]  # «қыркүйек» is «қыркүйегінен» in the ablative
    for event in OLD_STYLE:
        if event.get("note") and NOTES[event["note"]].get("standard_date"):
            continue  # the note's standard date (test_chronology_follows_or_links_every_date_note)
        first = old_style_days(event["old_style"].split("/")[0])[0]
        wording = event["source_date"].lower()
        month = re.search("|".join(stems), wording)
        assert month and stems.index(month[0]) + 1 == first.month, event
        days = [int(d) for d in re.findall(r"(?<!\d)(\d{1,2})(?!\d)", wording.split("(")[0])]
        if days and event["precision"] == "day":
            assert min(days) <= first.day <= max(days), event


def test_year_only_dates_keep_the_year_of_the_text():
    for event in EVENTS:
        if event["precision"] == "year" and not event.get("note"):
            assert event["date"] == re.search(r"19\d\d", event["source_date"])[0], event


@pytest.mark.parametrize("description, expected", [
    ("Ақпан революциясы кезінде", ("1917-03", None)),            # 23 Feb – 3 Mar OS: March NS
    ("Ақпан революциясы барысында", ("1917-03", None)),
    ("“Бітім туралы” және “Жер туралы”", ("1917-11-08", None)),   # 26 October (8 November)
    ("Ленин бастаған", ("1917-11-08", None)),                    # Sovnarkom: 26 October (8 November)
    ("ВЦИК-тің 101 адамнан", ("1917-11-09", None)),               # 27 October (9 November)
    ("өлкеде түгел орнап бітті", ("1917-11", "1918-04")),        # November NS to April (note-establishment-end: Lepsinsk)
    ("Черняев (Шымкент)", ("1917-11", "1917-12")),               # mid-November OS straddles two months NS
    ("Құрылтайшылар жиналысын қуып", ("1918-01-19", None)),       # the night to 6 (19) January
])
def test_fixed_dates_of_known_events(description, expected):
    matches = [e for e in EVENTS if description in e["kk"]]
    assert len(matches) == 1, description
    assert (matches[0]["date"], matches[0].get("date_end")) == expected


def test_chronology_follows_or_links_every_date_note():
    """An event dated by the words a date note is about links the note, and takes its standard date."""
    date_notes = [n for n in NOTES.values() if n.get("source_date")]
    assert len(date_notes) >= 8
    words = lambda s: " ".join(s.split())
    for note in date_notes:
        concerned = [e for e in EVENTS if e["section"] == note["section"]
                     and (words(e["source_date"]) in words(note["source_date"])
                          or words(note["source_date"]) in words(e["source_date"]))]
        assert concerned, f"{note['id']}: no chronology event is dated by «{note['source_date']}»"
        for event in concerned:
            assert event.get("note") == note["id"], (note["id"], event["kk"])
            if note.get("standard_date"):
                assert event["date"] == note["standard_date"], (note["id"], event["kk"])
    for event in EVENTS:
        if event.get("note"):
            assert event["note"] in NOTES and NOTES[event["note"]]["section"] == event["section"], event


def test_no_event_of_1914_to_1924_is_placed_in_saint_petersburg():
    """The city was Petrograd from 18 (31) August 1914 to 26 January 1924."""
    places = {p["key"]: p for p in data("names")["places"]}
    assert places["Петроград"]["en"] == "Petrograd" and places["Петроград"]["ru"] == "Петроград"
    placed = [e for e in EVENTS if e["place"] == "Санкт-Петербург" and "1914" <= e["date"][:4] <= "1924"]
    assert placed == []
    assert sum(e["place"] == "Петроград" for e in EVENTS) >= 8


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_table_links_each_note_of_an_event(lang):
    page = soup(site(lang) / "chronology.html")
    rows = page.select("table.chronology tbody tr")
    linked = [a["href"] for a in page.select("table.chronology a.chronology-note")]
    assert len(linked) == sum(bool(e.get("note")) for e in EVENTS)
    for href in linked:
        path, note_id = href.split("#")
        assert soup(site(lang) / path).select_one(f"aside.ednotes li#{note_id}"), href
    assert len(rows) == len(ONE_ROW_AN_EVENT)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_page_links_every_event_to_its_section_and_draws_the_timeline(lang):
    page = soup(site(lang) / "chronology.html")
    rows = page.select("table.chronology tbody tr")
    assert len(rows) == len(ONE_ROW_AN_EVENT)
    sections = {e["section"] for e in EVENTS}
    linked = {a["href"].split("#")[1] for a in page.select("table.chronology a.reference:not(.chronology-note)")}
    assert linked == sections
    figure = page.select_one("svg.chronology-figure")
    assert figure is not None and figure.select_one("title") and len(figure.select("circle")) == len(rows)
    assert not page.select("svg script")


# A few known events, in the order the published data must give them.
ORDER = [("1905", "Бірінші орыс революциясы"), ("1917-03", "Ақпан революциясы кезінде"),
         ("1917-03-20", "Тюрин митинг"), ("1917-11-07", "Қазан төңкерісі:"),
         ("1917-11-08", "“Бітім туралы”"), ("1917-11-09", "ВЦИК-тің 101"), ("1917-11-12", "Перовск"),
         ("1917-11-14", "Ташкентте Кеңес"), ("1917-12-26", "Алаш автономиясы"),
         ("1918-01-19", "Құрылтайшылар жиналысын қуып"), ("1918-03-02", "Верныйдағы"),
         ("1920-08-26", "Қырғыз (Қазақ) АКСР-і"), ("1985", "Жариялылық"), ("1991", "КСРО-ның ыдырауына")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_data_is_published_as_csv_and_json_in_date_order(lang):
    rows = json.loads((site(lang) / "chronology.json").read_text(encoding="utf-8"))
    with open(site(lang) / "chronology.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert len(rows) == len(table) == len(EVENTS) == 66
    kk = {e["kk"]: e for e in EVENTS}
    by_event = {(r["date"], r["section"], r["source_date"]) for r in rows}
    positions = []
    for date, words in ORDER:
        event = next(e for e in EVENTS if words in e["kk"])
        assert event["date"] == date, words
        key = (event["date"], event["section"], event["source_date"])
        assert key in by_event
        positions.append(next(i for i, r in enumerate(rows)
                              if (r["date"], r["section"], r["source_date"]) == key))
        assert table[positions[-1]]["date"] == date
        assert rows[positions[-1]]["event"] == table[positions[-1]]["event"] == event[lang], words
    assert positions == sorted(positions), positions


@pytest.mark.parametrize("lang, caption", [("kk", "Уақыт кестесі"), ("ru", "Шкала времени"), ("en", "Timeline")])
def test_timeline_is_in_the_pdf(lang, caption):
    assert caption in pdf_text(lang)


# the rows of the table: the entries of one event (an ``event`` key) make one
ONE_ROW_AN_EVENT = {e.get("event") or i for i, e in enumerate(EVENTS)}
PAGE_MONTHS = {"kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
          "ru": "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",
          "en": "January February March April May June July August September October November December"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_dates_are_words_of_the_page_language_one_row_an_event(lang):
    """The date column reads as a person writes a date in the page's language, Old Style days
    with their New Style in brackets («25 октября (7 ноября) 1917 г.»), with no ISO code and no
    event twice."""
    import re
    page = soup(site(lang) / "chronology.html")
    rows = page.select("table.chronology tbody tr")
    dates = [" ".join(t for t in row.select_one("td").find_all(string=True)
                      if not t.find_parent("a", class_="chronology-note")).strip() for row in rows]
    assert not page.select("table.chronology code, table.chronology .literal")
    months = PAGE_MONTHS[lang].lower().split()
    for date in dates:
        assert not re.search(r"\d{4}-\d{2}", date), date
        assert re.fullmatch(r"\d{4}(–\d{4})?", date) or any(m in date.lower() for m in months), date
    october = next(d for d, e in zip(dates, [r.select_one("td:nth-of-type(4)").get_text() for r in rows])
                   if d and ("Қазан төңкерісі" in e or "Октябрьская революция" in e or "October Revolution" in e))
    assert october.startswith({"kk": "1917 ж. 25 қазан (7 қараша)", "ru": "25 октября (7 ноября) 1917 г.",
                               "en": "25 October (7 November) 1917"}[lang]), october
    events = [r.select_one("td:nth-of-type(4)").get_text(strip=True) for r in rows]
    assert len(events) == len(set(events)) == len(ONE_ROW_AN_EVENT)
    february = [e for e in EVENTS if e.get("event") == "february-soviets"]
    assert len(february) == 2 and sum(all(pick(f, lang) in text for f in february) for text in events) == 1
