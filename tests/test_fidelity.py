"""The edition reproduces the witness word for word, except for listed emendations."""

import hashlib
import re

import pytest
from conftest import (LANGUAGES, WITNESS, chapter_pages, data, edition_words, first_difference,
                      running_text, soup, without_apparatus, witness_as_edited)

WITNESS_SHA256 = "39ed6de4e50505a240a035fefc8d99612e0229e818c21a1933c0bee8925c9f8a"


def test_witness_is_the_delivered_text_byte_for_byte():
    assert hashlib.sha256(WITNESS.read_bytes()).hexdigest() == WITNESS_SHA256


def test_chapters_reproduce_the_witness_word_for_word():
    assert len(chapter_pages("kk")) >= 8
    difference = first_difference(witness_as_edited(), edition_words("kk"))
    assert difference is None, difference


def test_kept_readings_stand_unchanged_in_the_edition():
    words = " ".join(edition_words("kk"))
    for kept in data("emendations")["kept"]:
        assert kept["reading"] in words, kept


def test_every_emendation_is_shown_with_its_witness_reading():
    shown = {}
    for page in chapter_pages("kk"):
        for span in soup(page).select("span.emendation"):
            shown[span["id"]] = (span.get_text(), span["data-source"], span["title"])
    for e in data("emendations")["emendations"]:
        assert e["id"] in shown, f"emendation {e['id']} is not rendered"
        text, source, title = shown[e["id"]]
        assert text == e.get("mark", e["edition"]) and source == e["source"] and e["source"] in title


def _mutated(mutate) -> list[str]:
    """The edition's words after *mutate* changed a copy of the first chapter page."""
    pages = chapter_pages("kk")
    first = without_apparatus(soup(pages[0]))
    paragraph = first.select_one("article p")
    words = paragraph.get_text().split()
    mutate(words)
    paragraph.clear()
    paragraph.append(" ".join(words))
    return running_text(first) + [w for page in pages[1:] for w in running_text(soup(page))]


@pytest.mark.parametrize("change", [
    pytest.param(lambda w: w.pop(3), id="word-dropped"),
    pytest.param(lambda w: w.insert(3, "және"), id="word-added"),
    pytest.param(lambda w: w.__setitem__(slice(3, 5), [w[4], w[3]]), id="words-swapped"),
    pytest.param(lambda w: w.__setitem__(3, w[3] + "ң"), id="letter-changed"),
])
def test_fidelity_check_catches_a_one_word_change(change):
    assert first_difference(witness_as_edited(), _mutated(lambda w: None)) is None
    assert first_difference(witness_as_edited(), _mutated(change)) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_front_page_counts_the_listed_emendations(lang):
    from conftest import HTML
    link = soup(HTML / lang / "index.html").select_one('a[href$="#editorial-emendations"]')
    numbers = re.findall(r"\d+", link.find_parent("p").get_text(" "))
    assert numbers == [str(len(data("emendations")["emendations"]))], numbers
