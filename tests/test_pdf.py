"""The PDFs: one per language, fonts embedded, Kazakh letters intact, captions in the language."""

import subprocess
from functools import cache

import pytest

from conftest import LANGUAGES, ROOT, scratch_project

PDF = ROOT / "_build" / "pdf"
CAPTIONS = {
    "kk": ["Мазмұны", "Тарау 1", "Терминдер сөздігі", "Әдебиеттер", "Көрсеткіш"],
    "ru": ["Содержание", "Глава 1", "Литература", "Алфавитный указатель"],
    "en": ["CONTENTS", "Chapter 1", "Bibliography", "Index"],
}


def pdf_path(lang):
    path = PDF / f"kenes-ukimeti-{lang}.pdf"
    if not path.exists():
        pytest.fail(f"{path} is not built: run `make pdf` first")
    return path


@cache
def pdf_text(lang):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path(lang)), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded(lang):
    lines = subprocess.run(["pdffonts", str(pdf_path(lang))], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_kazakh_letters_extract_intact():
    text = pdf_text("kk")
    for letter in "әғқңөұүһі":  # һ stands only in the alphabet of the editorial page
        assert letter in text or letter.upper() in text, letter
    assert "Қазақстанда" in text and "Кеңестердің" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_has_its_captions_contents_glossary_bibliography_and_index(lang):
    text = pdf_text(lang)
    for caption in CAPTIONS[lang]:
        assert caption in text, (lang, caption)
    assert "Olcott 1987" in text and "Anweiler 1974" in text
    assert "term-kenes" not in text  # anchors are not printed


@pytest.mark.parametrize("lang, word", [("kk", "Ресей"), ("ru", "Семипалатинск"), ("en", "Vernyi")])
def test_index_of_persons_and_places_is_in_the_pdf(lang, word):
    text = pdf_text(lang)
    index = text[text.rindex("Olcott 1987"):]  # the index follows the bibliography
    assert word in index


def test_a_missing_glyph_fails_the_pdf_build(tmp_path):
    project = scratch_project(tmp_path)
    chapter = project / "docs" / "chapters" / "01-term.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nБелгі: 𐰀.\n", encoding="utf-8")
    result = subprocess.run(["make", "-C", str(project), "pdf-kk", f"VENV={ROOT / '.venv'}"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode != 0
    assert "missing characters" in result.stdout + result.stderr
