"""The PDF as a scholarly book (issue 25, part 1): emendations marked and tabulated with § ¶,
the diplomatic text without inserted expansions, French spacing, Kazakh set without loose lines,
the index in roman with § locators, the apparatus as appendices, the chronology readable.

Each test reads the built PDF (poppler's pdftotext, pypdf for the drawn dots and the fonts of a
page) or the LaTeX log and source it was made from: `make pdf-<lang>` first.
"""

import re
import statistics
import subprocess
from functools import cache

import polib
import pypdf
import pytest
from lxml import etree

from conftest import LANGUAGES, ROOT, SOURCE, data
from test_pdf import book_pages, catalog_text, pdf_path, pdf_text

LATEX = ROOT / "_build" / "latex"
# The editorial chapter's words for the mark of a correction, in each language's PDF
MARK_WORDS = {"kk": "нүктелі астын сызумен", "ru": "точечным подчёркиванием", "en": "dotted underline"}
BADNESS_LIMIT = 1000  # the worst underfull line the Kazakh setting may have


def latex_log(lang):
    log = LATEX / lang / "kenes-ukimeti.log"
    if not log.exists() or log.stat().st_mtime < pdf_path(lang).stat().st_mtime - 60:
        pytest.fail(f"{log} is not the log of the built PDF: run `make pdf-{lang}`")
    return log.read_text(encoding="utf-8", errors="replace")


def latex_source(lang):
    return (LATEX / lang / "kenes-ukimeti.tex").read_text(encoding="utf-8")


def flat(text):
    """PDF text with its line breaks undone (a hyphen at a line end joins the word)."""
    return re.sub(r"\s+", " ", re.sub(r"-\n(?=\w)", "", text))


@cache
def words(lang):
    """Per page, the words as (xMin, yMin, xMax, yMax, text), from `pdftotext -bbox`."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf_path(lang)), "-"], capture_output=True, check=True).stdout
    return [[(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text)
             for w in page.iter("{*}word")] for page in etree.fromstring(xml).iter("{*}page")]


def multiply(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


@cache
def dots(lang):
    """Per page, the square dots of the emendations' underline, (x, y) from the top of the page:
    strokes as long as they are wide (0.8–2 pt), drawn as ulem's rules."""
    reader = pypdf.PdfReader(pdf_path(lang))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        matrix, stack, found = (1, 0, 0, 1, 0, 0), [], []
        ops = page.get_contents().operations
        for i, (args, op) in enumerate(ops):
            if op == b"q":
                stack.append(matrix)
            elif op == b"Q":
                matrix = stack.pop()
            elif op == b"cm":
                matrix = multiply(tuple(map(float, args)), matrix)
            elif op == b"w" and [o for _, o in ops[i + 1:i + 4]] == [b"m", b"l", b"S"]:
                width = float(args[0])
                (x1, y1), (x2, y2) = (tuple(map(float, ops[i + k][0])) for k in (1, 2))
                if 0.8 <= width <= 2 and abs(abs(y2 - y1) - width) < 0.05 and x1 == x2:
                    a, b, c, d, e, f = matrix
                    found.append((a * x1 + c * y1 + e, height - (b * x1 + d * y1 + f)))
        pages.append(found)
    return pages


def underlined_words(lang):
    """The words with dots just below them (within 4 pt of the word box's foot)."""
    marked = []
    for page_words, page_dots in zip(words(lang), dots(lang)):
        for x0, _, x1, y1, text in page_words:
            if any(x0 <= x <= x1 and y1 - 1 <= y <= y1 + 4 for x, y in page_dots):
                marked.append(text)
    return marked


def bare(word):
    """A word without the quotation marks and punctuation a word box or a mark may take in."""
    return word.strip("«»“”\"'.,;:()")


def emended_words():
    return [bare(word) for entry in data("emendations")["emendations"]
            for word in entry.get("mark", entry["edition"]).split()]


def test_every_emendation_and_nothing_else_is_dotted_underlined_in_the_kazakh_pdf():
    marked = [bare(word) for word in underlined_words(SOURCE)]
    expected = emended_words()
    assert sorted(marked) == sorted(expected), (sorted(set(marked) ^ set(expected)), len(marked), len(expected))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_editorial_chapter_says_how_corrections_are_marked(lang):
    text = flat(pdf_text(lang))
    assert MARK_WORDS[lang] in text, lang
    if lang != SOURCE:  # a translation is made from the corrected text: no word of it is marked
        assert not any(dots(lang)), lang


@cache
def fonts_of_words(lang, page_number):
    """The text of one page as (base font, text) runs, from pypdf's text visitor."""
    runs = []
    page = pypdf.PdfReader(pdf_path(lang)).pages[page_number - 1]
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append(
        ((font or {}).get("/BaseFont", ""), text)) if text.strip() else None)
    return runs


def pages_holding(lang, needle):
    return [n for n, lines in enumerate(book_pages(lang), 1) if needle in " ".join(text for *_, text in lines)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emendation_table_is_roman_unclipped_and_places_by_section_and_paragraph(lang):
    entries = data("emendations")["emendations"]
    text = flat(pdf_text(lang))
    for entry in entries:  # each reading whole, not clipped ("кеңестерібо…")
        assert entry["source"] in text and entry["edition"] in text, (lang, entry["id"])
    place = re.escape(catalog_text(lang, "§ %(section)s ¶ %(paragraph)s"))
    place = place.replace(re.escape("%(section)s"), r"\d+\.\d+").replace(re.escape("%(paragraph)s"), r"\d+")
    pages = range(pages_holding(lang, entries[0]["source"])[0], pages_holding(lang, entries[-1]["source"])[-1] + 1)
    table = " ".join(text for n in pages for *_, text in book_pages(lang)[n - 1])
    assert len(re.findall(place, table)) == len(entries), (lang, table)
    assert "→" not in table
    page = pages_holding(lang, entries[0]["source"])[0]
    fonts = {font for font, run in fonts_of_words(lang, page) if entries[0]["source"] in run}
    assert fonts and not any("Mono" in font for font in fonts), (lang, fonts)
    source = latex_source(lang)
    first, last = table_lines(source, source.index(entries[0]["source"]))
    assert not overfull_between(latex_log(lang), first, last), (lang, overfull_between(latex_log(lang), first, last))


def table_lines(source, at):
    """The first and last line of the LaTeX source's table that holds the character at *at*."""
    start = max(source.rfind(r"\sphinxattablestart", 0, at), source.rfind(r"\sphinxatlongtablestart", 0, at))
    end = min(i for i in (source.find(r"\sphinxattableend", at), source.find(r"\sphinxatlongtableend", at)) if i > 0)
    return source.count("\n", 0, start) + 1, source.count("\n", 0, end) + 1


def overfull_between(log, first, last):
    """The overfull boxes the log reports for the LaTeX source lines first..last."""
    return [m[0] for m in re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\) in (?:paragraph|alignment) at lines (\d+)--(\d+)", log)
            if first <= int(m[2]) <= last]


def test_no_expansion_is_inserted_into_the_kazakh_text():
    text = flat(pdf_text(SOURCE))
    abbreviations = data("abbreviations")["abbreviations"]
    for entry in abbreviations:
        assert f"{entry['abbr']} ({entry[SOURCE]}" not in text, entry["abbr"]
    assert "КСРО (Кеңестік Социалистік Республикалар Одағы)" not in text
    # the list of abbreviations expands them: each expansion follows its abbreviation there
    listed = text[text.index(catalog_text(SOURCE, "Expansion")):]
    for entry in abbreviations:
        assert re.search(re.escape(entry["abbr"]) + r"\s+" + re.escape(entry[SOURCE]), listed) or \
            entry[SOURCE] in listed, entry["abbr"]


def sentence_gaps(lang):
    """Per line, the space after a full stop that ends a sentence and the line's other spaces."""
    out = []
    for page in words(lang)[4:]:
        lines = {}
        for word in page:
            lines.setdefault(round(word[3]), []).append(word)
        # an editor's note's mark, raised (so on a line of its own here), sits in the space it follows
        marks = [w for w in page if w[4].isdigit() and w[3] - w[1] < 9]  # the text's words are 10.9 pt high
        for line in lines.values():
            line.sort()
            gaps = [(b[0] - a[2], a[4].endswith(".") and len(a[4]) > 3 and b[4][:1].isupper()
                     and not any(a[2] - 0.5 <= m[0] and m[2] <= b[0] + 0.5 and abs(m[3] - a[3]) < 8 for m in marks))
                    for a, b in zip(line, line[1:])]
            sentence = [g for g, end in gaps if end and g > 0]
            other = [g for g, end in gaps if not end and g > 0]
            if sentence and len(other) >= 3:
                out.append((max(sentence), statistics.median(other)))
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_space_after_a_full_stop(lang):
    gaps = sentence_gaps(lang)
    assert len(gaps) > 20, lang
    wide = [(round(s, 2), round(o, 2)) for s, o in gaps if s > o * 1.25 + 0.3]
    assert len(wide) <= len(gaps) // 20, (lang, wide[:10], len(gaps))


def test_no_kazakh_line_is_loose():
    log = latex_log(SOURCE)
    bad = [int(b) for b in re.findall(r"Underfull \\[hv]box \(badness (\d+)\)", log) if int(b) > BADNESS_LIMIT]
    assert not bad, f"{len(bad)} underfull boxes worse than badness {BADNESS_LIMIT}"
    # and the text is set ragged-right: most lines end short of the right margin (justified, most reach it)
    right = [max(w[2] for w in line) for line in lines_of(SOURCE, range(5, 20))]
    at_margin = [r for r in right if r > max(right) - 0.5]
    assert len(at_margin) < len(right) // 4, (len(at_margin), len(right))


def lines_of(lang, pages):
    out = []
    for n in pages:
        lines = {}
        for word in words(lang)[n - 1]:
            lines.setdefault(round(word[3]), []).append(word)
        out += [line for line in lines.values() if len(line) > 4]
    return out


def index_pages(lang):
    """The index's pages: from its bookmark, the book's last, to the end."""
    reader = pypdf.PdfReader(pdf_path(lang))
    top = [item for item in reader.outline if not isinstance(item, list)]
    start = reader.get_destination_page_number(top[-1]) + 1
    return range(start, len(reader.pages) + 1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_is_roman_with_section_locators(lang):
    pages = index_pages(lang)
    text = " ".join(text for n in pages for *_, text in book_pages(lang)[n - 1])
    locators = re.findall(r"§ (\d+\.\d+|\d+|[A-Z](?:\.\d+)?)\b", text)
    assert len(locators) > 20, (lang, text[:300])
    assert not re.search(r", \d+(,|$| )", text.replace("§ ", "§")), lang  # no bare page numbers
    fonts = {font for n in pages for font, _ in fonts_of_words(lang, n)}
    assert fonts and not any("Mono" in font for font in fonts), (lang, fonts)


def page_title(lang, page):
    po = ROOT / "locales" / lang / "LC_MESSAGES" / f"{page}.po"
    source = next(line[2:].strip() for line in (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8").splitlines()
                  if line.startswith("# "))
    return source if lang == SOURCE else polib.pofile(str(po)).find(source).msgstr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_apparatus_is_appendices_without_stub_or_web_only_table(lang):
    contents = " ".join(text for n in (3, 4) for *_, text in book_pages(lang)[n - 1])
    chapter = catalog_text(lang, "Chapter")
    text = flat(pdf_text(lang))
    assert f"{chapter} 9" in text and f"{chapter} 10" not in text, lang
    for letter, page in zip("ABCDEFG", ("editorial", "citing", "changes", "glossary", "abbreviations",
                                        "bibliography", "chronology")):
        assert f"{letter} {page_title(lang, page)}" in contents, (lang, letter, page, contents)
    bibliography = page_title(lang, "bibliography")
    assert contents.count(bibliography) == 1, (lang, contents)
    assert page_title(lang, "translation-status") not in text, lang
    # the bibliography's entries stand under its own heading, on its first page
    first = pages_holding(lang, catalog_text(lang, "Appendix") + " F")[0]
    assert "Anweiler 1974" in " ".join(text for *_, text in book_pages(lang)[first - 1] + book_pages(lang)[first])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chronology_is_readable_in_print(lang):
    events = data("chronology")["events"]
    source = latex_source(lang)
    at = source.index(r"\begin{longtable}", source.index(r"\begin{tikzpicture}"))  # the table under the timeline
    first, last = table_lines(source, at)
    table = "\n".join(source.splitlines()[first - 1:last])
    assert r"\X{" in table and r"\raggedright" in table, "wrapping, ragged-right columns"
    assert r"\sphinxcode" not in table, "no typewriter dates"
    # one row per event (entries telling one event share it), each of its sections once
    rows = {}
    for event in events:
        rows.setdefault(event.get("event") or id(event), set()).add(event["section"])
    assert len(re.findall(r"§ \d+\.\d+", table)) == sum(map(len, rows.values())), "each event's section as § x.y"
    assert not overfull_between(latex_log(lang), first, last), overfull_between(latex_log(lang), first, last)
