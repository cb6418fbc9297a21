"""Editor's notes and the checked dual dates: the apparatus around the witness."""

import re

import pytest

from edition.tools import check_dates
from conftest import LANGUAGES, WITNESS, chapter_pages, data, soup
from test_bibliography import all_entries
from test_pdf import pdf_text

NOTES = data("notes")["notes"]


def rendered_notes(lang):
    """note id -> the section id it is rendered in, and its text."""
    found = {}
    for page in chapter_pages(lang):
        html = soup(page)
        for ref in html.select("article sup.ednote-ref a[role=doc-noteref]"):
            note_id = ref["href"].lstrip("#")
            section = ref.find_parent("section")["id"]
            text = html.select_one(f"aside.ednotes li#{note_id}").get_text(" ", strip=True)
            assert note_id not in found, f"{note_id} placed twice"
            found[note_id] = (section, text)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_note_renders_once_in_its_section_with_its_three_parts(lang):
    found = rendered_notes(lang)
    assert set(found) == {note["id"] for note in NOTES}
    for note in NOTES:
        section, text = found[note["id"]]
        assert section == note["section"], note["id"]
        for part in ("source", "problem", "standard"):
            assert " ".join(note[lang][part].split()[:4]) in text, (lang, note["id"], part)


def test_notes_cite_real_bibliography_entries():
    entries = set(all_entries())
    for note in NOTES:
        assert set(note.get("cite", [])) <= entries, note["id"]
    assert sum(bool(note.get("cite")) for note in NOTES) >= len(NOTES) // 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_note_is_a_footnote_in_the_pdf(lang):
    text = " ".join(re.sub(r"-\n", "", pdf_text(lang)).split())
    for note in NOTES:
        words = note[lang]["problem"].split()[:3]
        assert " ".join(words) in text, (lang, note["id"], words)


def test_every_dual_date_of_the_witness_agrees_or_carries_a_note():
    pairs = check_dates.pairs(WITNESS.read_text(encoding="utf-8"))
    assert len(pairs) >= 6
    annotated = {note["dual_date"]: note for note in NOTES if note.get("dual_date")}
    assert check_dates.unexplained(WITNESS.read_text(encoding="utf-8"), set(annotated)) == []
    found = rendered_notes("kk")
    for pair in pairs:
        if not pair.agrees:
            note = next(n for d, n in annotated.items() if d in pair.text)
            assert note["id"] in found, f"the note for «{pair.text}» is not in the edition"


@pytest.mark.parametrize("planted", ["1917 ж. 1 қарашада (20 қараша) жиналыс болды.",
                                     "1918 ж. 3 (15) қаңтарда кеңес ашылды.",
                                     "1917 ж. 25 – 27 қазанда (7 – 10 қараша) съезд өтті."])
def test_dual_date_check_fails_on_a_planted_wrong_pair(planted):
    text = WITNESS.read_text(encoding="utf-8") + " " + planted
    annotated = {note["dual_date"] for note in NOTES if note.get("dual_date")}
    unexplained = check_dates.unexplained(text, annotated)
    assert len(unexplained) == 1 and unexplained[0].text in planted


def test_fact_checks_quote_the_text_and_every_note_is_among_them():
    from test_chronology import section_texts
    texts = section_texts()
    checks = data("fact_checks")["checks"]
    notes = {note["id"]: note for note in NOTES}
    assert len(checks) >= 100
    for check in checks:
        assert check["verdict"] in ("ok", "noted", "unverified"), check
        assert check["claim"] in texts[check["section"]], check["claim"]
        assert (check["verdict"] == "noted") == bool(check["note"]), check
        if check["note"]:
            assert notes[check["note"]]["section"] == check["section"], check
        assert check["basis"], check
    assert {note["id"] for note in NOTES} <= {check["note"] for check in checks}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_editorial_page_summarises_the_fact_checks(lang):
    from conftest import site
    checks = data("fact_checks")["checks"]
    rows = soup(site(lang) / "editorial.html").select("table.fact-checks tbody tr")
    assert len(rows) == len({c["section"] for c in checks}) + 1
    total = [cell.get_text(strip=True) for cell in rows[-1].select("td")][1:]
    assert total == [str(len(checks))] + [str(sum(c["verdict"] == v for c in checks))
                                           for v in ("ok", "noted", "unverified")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lacuna_in_chapter_7_has_a_note_of_omission_citing_the_parallel_witness(lang):
    from conftest import site
    note = next(n for n in NOTES if n["id"] == "note-two-ways-lacuna")
    assert note["kind"] == "omission" and note["cite"] == ["tarikh2021otvety"]
    page = soup(site(lang) / "chapters" / "07-establishment.html")
    ref = page.select_one("p#sec-establishment-syrdarya-p1 a[href='#note-two-ways-lacuna']")
    assert ref is not None
    item = page.select_one("aside.ednotes li#note-two-ways-lacuna")
    labels = [strong.get_text() for strong in item.select("strong")]
    assert len(labels) == 3 and labels[2] not in [s.get_text() for s in page.select(
        "aside.ednotes li#note-perovsk-date strong")][2:]  # "the parallel witness reads", not "the standard account"
    assert item.select_one("a[href$='#bib-tarikh2021otvety']")
    assert "бейбіт жолмен" in item.get_text() or lang != "kk"
    # an omission is noted, never emended: the witness's words stand as they are
    assert not page.select("p#sec-establishment-syrdarya-p1 .emendation")
