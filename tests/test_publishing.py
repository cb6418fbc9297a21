"""What is published is exactly what the sources say: never stale, never half-built.

Each case of the reliability battery (shared/reviews/reliability-1.md) is planted in a
copy of the project and checked where it is caught: the preflight (the checks of `make
check-po` and the data files), else the strict Sphinx build. It must fail, name the file and
line, and show no traceback. A few cases, one per stage, run end to end: `make html-<lang>`,
the publisher's command, is run twice in a copy of the built project and must fail both
times and leave the published site byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import polib
import pytest

from conftest import (HTML, LANGUAGES, ROOT, digest, make, preflight, scratch_project, sphinx_build, stale_outputs,
                      warm_project)


# -- planting: each function breaks a copy of the project and returns (file, first line, last line) --

def po_path(project: Path, lang: str, catalog: str) -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{catalog}.po"


def entry_with(path: Path, needle: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(path)) if needle in e.msgstr)


def replace_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (path, line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def entry_end(path: Path, line: int) -> int:
    """The last line of the catalog entry that starts on *line* (a finding names the line of
    its msgstr where the mistake is)."""
    if path.suffix != ".po":
        return line
    lines = path.read_text(encoding="utf-8").split("\n")
    while line < len(lines) and lines[line].strip():
        line += 1
    return line


def rewrite_msgstr(path: Path, needle: str, change) -> int:
    """Give the entry whose msgstr contains *needle* the msgstr change(msgstr); its line."""
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next(e for e in po if needle in e.msgstr)
    entry.msgstr = change(entry.msgstr)
    po.save()
    return next(e.linenum for e in polib.pofile(str(path)) if e.msgid == entry.msgid)


def unterminated_string(project):  # case 1
    path = po_path(project, "ru", "chapters/07-establishment")
    entry = next(e for e in polib.pofile(str(path)) if e.msgid == "Сырдария облысы")
    line = line_of(path, f'msgstr "{entry.msgstr}"')
    replace_line(path, line, f'"{entry.msgstr}"', f'"{entry.msgstr}')
    return path, line, line + 1


def dropped_term(project):  # case 2a
    path = po_path(project, "ru", "chapters/07-establishment")
    line = rewrite_msgstr(path, "{term}`", lambda s: re.sub(r"\{term\}`([^`<]*?)\s*<[^>]*>`", r"\1", s, count=1))
    return path, line, entry_end(path, line)


def dropped_cite(project):  # case 2b
    path = po_path(project, "ru", "chapters/07-establishment")
    line = rewrite_msgstr(path, "{cite:p}`", lambda s: re.sub(r"\{cite:p\}`[^`]*`", "", s, count=1))
    return path, line, entry_end(path, line)


def raw_block(project):  # case 3c
    path = po_path(project, "en", "chapters/07-establishment")
    line = rewrite_msgstr(path, "{cite:p}`", lambda s: s + "\n\n```{raw} html\n<script>alert(3)</script>\n```")
    return path, line, entry_end(path, line)


def raw_role(project):  # case 3d
    path = po_path(project, "en", "chapters/07-establishment")
    line = rewrite_msgstr(path, "{cite:p}`", lambda s: s + " {raw}`<script>alert(4)</script>`")
    return path, line, entry_end(path, line)


def eval_rst_raw(project):  # case 3e
    path = po_path(project, "en", "chapters/07-establishment")
    line = rewrite_msgstr(path, "{cite:p}`",
                          lambda s: s + "\n\n```{eval-rst}\n.. raw:: html\n\n   <script>alert(5)</script>\n```")
    return path, line, entry_end(path, line)


def html_in_heading(project):  # case 3h
    path = po_path(project, "en", "chapters/07-establishment")
    po = polib.pofile(str(path), wrapwidth=79)
    next(e for e in po if e.msgid == "Сырдария облысы").msgstr += " <img src=x onerror=alert(21)>"
    po.save()
    line = next(e.linenum for e in polib.pofile(str(path)) if e.msgid == "Сырдария облысы")
    return path, line, entry_end(path, line)


def html_in_msgstr(project):  # cases 3a/3b: the publisher's command refuses them (escaped anyway: below)
    path = po_path(project, "en", "chapters/07-establishment")
    line = rewrite_msgstr(path, "{cite:p}`", lambda s: s + " <img src=x onerror=alert(1)>")
    return path, line, entry_end(path, line)


def wrong_language(project):  # case 5a
    path = po_path(project, "ru", "chapters/07-establishment")
    line = line_of(path, '"Language: ru')
    replace_line(path, line, "Language: ru", "Language: kk")
    return path, line, entry_end(path, line)


def wrong_plural_rule(project):  # case 5b: valid C, but not Russian
    path = po_path(project, "ru", "chapters/07-establishment")
    line = line_of(path, '"Plural-Forms:')
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, line, entry_end(path, line)


def invalid_plural(project):  # case 5c
    path = po_path(project, "ru", "chapters/07-establishment")
    line = line_of(path, '"Plural-Forms:')
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = '"Plural-Forms: nplurals=3; plural=n % 10 == 1 && ;\\n"'
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, 1, line


def plural_injection(project):  # X1: a Plural-Forms expression that would run in the browser
    path = po_path(project, "kk", "sphinx")
    line = line_of(path, '"Plural-Forms:')
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = ("\"Plural-Forms: nplurals=2; plural=(document.documentElement.setAttribute('data-pwned',"
                       "'plural'), n != 1);\\n\"")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, 1, line


def unknown_bib_key(project):  # case 6a
    path = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(path, "{cite:p}`")
    replace_line(path, line, re.search(r"\{cite:p\}`[^`]*`", path.read_text(encoding="utf-8").split("\n")[line - 1])[0],
                 "{cite:p}`nosuch2000key`")
    return path, line, entry_end(path, line)


def duplicate_bib_key(project):  # case 6c
    first = (project / "bib" / "primary.bib").read_text(encoding="utf-8")
    entry = re.search(r"@\w+\{[^@]*", first)[0]
    path = project / "bib" / "scholarship.bib"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + entry, encoding="utf-8")
    line = text.count("\n") + 2
    return path, line, entry_end(path, line)


def missing_brace(project):  # case 6d
    path = project / "bib" / "scholarship.bib"
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text == "}")
    replace_line(path, line, "}", "")
    return path, line, line + 12


def duplicate_label(project):  # case 7a
    path = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(path, "(sec-establishment-akmola)=")
    replace_line(path, line, "(sec-establishment-akmola)=", "(sec-establishment-syrdarya)=")
    return path, line, line + 2


def unlabelled_section(project):  # case 7b
    path = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(path, "(sec-establishment-torgai)=")
    replace_line(path, line, "(sec-establishment-torgai)=", "")
    return path, line, line + 2


def yaml_error(project):  # cases 8a, 8a' (the tree is already built)
    path = project / "docs" / "_data" / "notes.yaml"
    line = line_of(path, "problem: \"")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1].rstrip('"')
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, line, line + 1


def unknown_note(project):  # case 8b
    path = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(path, "{ednote}`note-perovsk-date`")
    replace_line(path, line, "note-perovsk-date", "note-does-not-exist")
    return path, line, entry_end(path, line)


def kazakh_changed_without_update_po(project):  # O14: a finished translation never shows the Kazakh
    path = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(path, "{ednote}`note-perovsk-date`")
    replace_line(path, line, "{ednote}`note-perovsk-date`", "{ednote}`note-perovsk-date` Мойынқұмбайлар")
    return path, line, entry_end(path, line)


def abbreviation_without_translation(project):  # case 8c
    path = project / "docs" / "_data" / "abbreviations.yaml"
    line = line_of(path, "abbr: мемл.")
    lines = path.read_text(encoding="utf-8").split("\n")
    removed = [n for n in (line + 1, line + 2, line + 3) if lines[n - 1].strip().startswith(("ru:", "en:"))]
    for n in reversed(removed):
        del lines[n - 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, line, entry_end(path, line)


def byte_order_mark(project):  # case 4b: msgfmt rejects it; the message now says what it is
    path = po_path(project, "ru", "chapters/07-establishment")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return path, 1, 1


def misspelt_word(project):  # a common word misspelt in a translation: the spell check of make check-po
    path = po_path(project, "ru", "bibliography")
    line = line_of(path, "которые")
    replace_line(path, line, "которые", "каторые")
    return path, line - 8, line


def renamed_label(project):  # case 7c: a citable anchor gone without a redirect
    chapter = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(chapter, "(sec-establishment-torgai)=")
    replace_line(chapter, line, "sec-establishment-torgai", "sec-establishment-turgai")
    for name in ("chronology", "notes", "fact_checks", "citation_support"):
        data = project / "docs" / "_data" / f"{name}.yaml"
        data.write_text(data.read_text(encoding="utf-8").replace("sec-establishment-torgai", "sec-establishment-turgai"),
                        encoding="utf-8")
    return None, 0, 0  # reported as "kk: anchor chapters/07-establishment#sec-establishment-torgai is gone"


def unknown_data_key(project):  # schema: an unknown key is an error, not silently ignored
    path = project / "docs" / "_data" / "emendations.yaml"
    line = line_of(path, "  - id: em-")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line, "    sourse: a misspelt key")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, line + 1, line + 1


# reliability-2: untrusted text that names a file, holds control characters, is not UTF-8,
# or is a symbolic link out of the tree (edition/guards/untrusted_text.py)

def reference_image_in_msgstr(project):  # D4: would publish the build's environment under _images/
    path = po_path(project, "en", "chapters/07-establishment")
    line = rewrite_msgstr(path, "establishment of Soviet", lambda s: s + " ![x][leak]\n\n[leak]: ../../../../../../../../../proc/self/environ")
    return path, line, entry_end(path, line)


def control_characters_in_msgstr(project):  # E3: C0 controls but tab, newline, return (U+0004 is msgfmt's)
    path = po_path(project, "en", "chapters/07-establishment")
    controls = "".join(chr(c) for c in range(1, 32) if c not in (4, 9, 10, 13))
    # no marker word around them: the spell check would refuse it
    line = rewrite_msgstr(path, "establishment of Soviet", lambda s: s + f" {controls}")
    return path, line, entry_end(path, line)


def noncharacters_in_data(project):  # E4, in a note (YAML's escapes let them through its reader)
    path = project / "docs" / "_data" / "notes.yaml"
    line = line_of(path, 'standard: "The First')
    replace_line(path, line, '"The First', '"\\uFFFE\\uFFFFThe First')
    return path, line, entry_end(path, line)


def decomposed_word_in_source(project):  # U1: search would split the word at the combining mark
    path = project / "docs" / "chapters" / "07-establishment.md"
    line = line_of(path, "{place}`Сырдария облысында")
    replace_line(path, line, "{place}`Сырдария облысында", unicodedata.normalize("NFD", "Мойынқұмбайлар ") + "{place}`Сырдария облысында")
    return path, line, line


def decomposed_word_in_msgstr(project):  # U2
    path = po_path(project, "ru", "chapters/07-establishment")
    line = rewrite_msgstr(path, "Сырдарьинская", lambda s: s + " " + unicodedata.normalize("NFD", "Ёлкинский"))
    return path, line, entry_end(path, line)


def non_utf8_data_file(project):  # Y7
    path = project / "docs" / "_data" / "notes.yaml"
    line = line_of(path, "      standard: \"")
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] += b" \xe9\xff"
    path.write_bytes(b"\n".join(lines))
    return path, line, entry_end(path, line)


def non_utf8_bib(project):  # B5
    path = project / "bib" / "scholarship.bib"
    path.write_bytes(path.read_bytes() + b"% a comment in Latin-1: caf\xe9\n")
    line = path.read_bytes().count(b"\n")
    return path, line, entry_end(path, line)


def symlink_in_static(project):  # S18: would publish a file of the build machine under _static/
    outside = project.parent / "secret.txt"
    outside.write_text("SECRETTOKENFORTYTWO\n", encoding="utf-8")
    path = project / "docs" / "_static" / "leak.txt"
    path.symlink_to(outside)
    return path, 1, 1


def data_file_linked_to_a_long_file(project):  # S21: the wrong-typed value is not echoed whole
    outside = project.parent / "passwd"
    outside.write_text("".join(f"user{n}:x:{n}:{n}:SECRETLINE{n}:/home:/bin/sh\n" for n in range(200)),
                       encoding="utf-8")
    path = project / "docs" / "_data" / "notes.yaml"
    path.unlink()
    path.symlink_to(outside)
    return path, 1, 1


def wrong_type_in_registry(project):  # Y6: read while the tools are imported
    path = project / "docs" / "_data" / "languages.yaml"
    line = line_of(path, "og_locale: en_GB")
    replace_line(path, line, "og_locale: en_GB", "og_locale: [en_GB]")
    return path, line, entry_end(path, line)


BAD_INPUT = {  # name: (language to publish, planting)
    "1-unterminated-string": ("ru", unterminated_string),
    "2a-dropped-term": ("ru", dropped_term),
    "2b-dropped-cite": ("ru", dropped_cite),
    "3a-html-in-msgstr": ("en", html_in_msgstr),
    "3c-raw-block": ("en", raw_block),
    "3d-raw-role": ("en", raw_role),
    "3e-eval-rst-raw": ("en", eval_rst_raw),
    "3h-html-in-heading": ("en", html_in_heading),
    "5a-wrong-language": ("ru", wrong_language),
    "5b-wrong-plural-rule": ("ru", wrong_plural_rule),
    "5c-invalid-plural": ("ru", invalid_plural),
    "X1-plural-injection": ("kk", plural_injection),
    "6a-unknown-bib-key": ("kk", unknown_bib_key),
    "6c-duplicate-bib-key": ("kk", duplicate_bib_key),
    "6d-missing-brace": ("kk", missing_brace),
    "7a-duplicate-label": ("kk", duplicate_label),
    "7b-unlabelled-section": ("kk", unlabelled_section),
    "8a-yaml-error": ("kk", yaml_error),
    "8b-unknown-note": ("kk", unknown_note),
    "8c-abbreviation-without-translation": ("en", abbreviation_without_translation),
    "O14-kazakh-changed-without-update-po": ("ru", kazakh_changed_without_update_po),
    "schema-unknown-key": ("kk", unknown_data_key),
    "4b-byte-order-mark": ("ru", byte_order_mark),
    "7c-renamed-label": ("kk", renamed_label),
    "spell-misspelt-word": ("ru", misspelt_word),
    "D4-reference-image": ("en", reference_image_in_msgstr),
    "E3-control-characters": ("en", control_characters_in_msgstr),
    "E4-noncharacters": ("ru", noncharacters_in_data),
    "U1-decomposed-word-in-source": ("kk", decomposed_word_in_source),
    "U2-decomposed-word-in-msgstr": ("ru", decomposed_word_in_msgstr),
    "Y7-non-utf8-data": ("kk", non_utf8_data_file),
    "B5-non-utf8-bib": ("kk", non_utf8_bib),
    "S18-symlink-in-static": ("kk", symlink_in_static),
    "S21-data-file-symlink": ("kk", data_file_linked_to_a_long_file),
    "Y6-wrong-type-in-registry": ("kk", wrong_type_in_registry),
}


def located(output: str, path: Path, first: int, last: int) -> bool:
    """Whether *output* names *path* at a line from *first* to *last*."""
    # a warning on a translated paragraph names the .po line, then "(the translation of md:line)"
    lines = [int(m) for m in re.findall(rf"(?:^|\(the translation of ){re.escape(str(path))}:(\d+)[:)]", output, flags=re.M)]
    return any(first <= line <= last for line in lines)


# one case per stage that catches bad input, run end to end with the publisher's command: a
# catalog msgfmt refuses, live markup, the spell check, a Sphinx error, the anchor gate after the build
END_TO_END = ("1-unterminated-string", "3a-html-in-msgstr", "spell-misspelt-word", "6a-unknown-bib-key",
              "7c-renamed-label")


@pytest.mark.sources_only
@pytest.mark.parametrize("name", [name for name in BAD_INPUT if name not in END_TO_END])
def test_bad_input_is_refused_naming_file_and_line_before_anything_is_built(tmp_path, name):
    lang, plant = BAD_INPUT[name]
    project = scratch_project(tmp_path)
    path, first, last = plant(project)
    result = preflight(project)
    if result.returncode == 0:  # the inputs pass their checks: the strict build must refuse them
        result = sphinx_build(project, lang)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: neither the preflight nor the strict build refused it"
    assert "Traceback" not in output, f"{name}: a traceback instead of a message:\n{output[-3000:]}"
    assert located(output, path, first, last), f"{name}: no message at {path}:{first}..{last}:\n{output[-3000:]}"
    assert output.count("SECRETLINE") <= 1, f"{name}: a file's content echoed:\n{output[-3000:]}"


@pytest.mark.parametrize("name", END_TO_END)
def test_bad_input_publishes_nothing_names_file_and_line_and_keeps_failing(tmp_path, name):
    lang, plant = BAD_INPUT[name]
    project = warm_project(tmp_path)
    published = digest(project / "_build" / "html")
    path, first, last = plant(project)
    for attempt in ("first", "second"):
        result = make(project, f"html-{lang}")
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"{name}: the {attempt} `make html-{lang}` passed"
        assert "Traceback" not in output, f"{name}: a traceback instead of a message:\n{output[-3000:]}"
        if path is None:
            assert "sec-establishment-torgai is gone" in output, output[-3000:]
        else:
            assert located(output, path, first, last), \
                f"{name}: no message at {path}:{first}..{last} on the {attempt} run:\n{output[-3000:]}"
        assert digest(project / "_build" / "html") == published, f"{name}: the published site changed"


def test_a_catalog_with_crlf_line_ends_publishes_the_same_site(tmp_path):  # case 4a
    project = warm_project(tmp_path)
    path = po_path(project, "ru", "chapters/07-establishment")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = make(project, "html-ru")
    assert result.returncode == 0, result.stdout + result.stderr
    assert digest(project / "_build" / "html" / "ru") == digest(HTML / "ru")


def test_an_unchanged_tree_is_not_rebuilt(tmp_path):
    project = warm_project(tmp_path)
    stamps = [f"_build/html/{lang}/.built" for lang in LANGUAGES]
    result = make(project, "-q", *stamps)  # -q: exit 0 only if every target is up to date
    assert result.returncode == 0, "make thinks a freshly built copy is out of date"
    for edited in ("docs/_data/abbreviations.yaml", "locales/ru/LC_MESSAGES/chapters/01-term.po", "bib/primary.bib"):
        os.utime(project / edited)
        for stamp in stamps:  # every language reads every catalog (citable-units.json)
            assert make(project, "-q", stamp).returncode != 0, f"{edited} is not a prerequisite of {stamp}"


# -- dependencies are true: an edit reaches every page that shows it, in every language --

def edit_yaml_value(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ABBREVIATION = "abbr: т. б\n    kk: тағы басқа"  # used in chapter 7


def test_data_and_catalog_edits_reach_every_page_and_equal_a_clean_build(tmp_path):
    project = warm_project(tmp_path / "warm")
    edit_yaml_value(project / "docs" / "_data" / "abbreviations.yaml", ABBREVIATION, ABBREVIATION + " ӨЗГЕРДІ")
    notes = project / "docs" / "_data" / "notes.yaml"
    note_text = re.search(r'^      standard: "([^"]{20,})"', notes.read_text(encoding="utf-8"), re.M)[1]
    edit_yaml_value(notes, note_text, note_text + " NOTE-EDITED")
    ru = po_path(project, "ru", "chapters/07-establishment")
    heading = next(e for e in polib.pofile(str(ru)) if e.msgid == "Сырдария облысы").msgstr
    rewrite_msgstr(ru, heading, lambda s: s + " ИЗМЕНЕНО")
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "_build" / "html"
    assert "тағы басқа ӨЗГЕРДІ" in (site / "kk" / "abbreviations.html").read_text(encoding="utf-8")
    assert "тағы басқа ӨЗГЕРДІ" in (site / "kk" / "chapters" / "07-establishment.html").read_text(encoding="utf-8")
    assert any("NOTE-EDITED" in page.read_text(encoding="utf-8") for page in (site / "kk" / "chapters").glob("*.html"))
    for lang in LANGUAGES:  # every inventory carries the new ru title
        units = json.loads((site / lang / "citable-units.json").read_text(encoding="utf-8"))["units"]
        titles = {u["id"]: u["titles"]["ru"] for u in units}
        assert titles["sec-establishment-syrdarya"] == heading + " ИЗМЕНЕНО", lang
    # the same edited tree, built from nothing
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, symlinks=True, ignore=shutil.ignore_patterns("_build"))
    if (project / "_build" / "downloads").is_dir():  # the PDF and EPUB are inputs of the pages, not built by html
        shutil.copytree(project / "_build" / "downloads", clean / "_build" / "downloads")
    assert make(clean, "html").returncode == 0
    assert digest(site) == digest(clean / "_build" / "html"), "an incremental build differs from a clean one"


def test_sphinx_rebuilds_a_page_when_its_data_file_changes(tmp_path):
    """Without make's help too: the pages that read a data file declare it (env.note_dependency)."""
    project = scratch_project(tmp_path)
    assert sphinx_build(project, "kk").returncode == 0
    edit_yaml_value(project / "docs" / "_data" / "abbreviations.yaml", ABBREVIATION, ABBREVIATION + " ӨЗГЕРДІ")
    result = sphinx_build(project, "kk")  # incremental: the same doctree directory
    assert result.returncode == 0, result.stderr
    page = project / "_build" / "html" / "kk" / "chapters" / "07-establishment.html"
    assert "тағы басқа ӨЗГЕРДІ" in page.read_text(encoding="utf-8")


# -- interrupted and concurrent builds --

def index_entries(site: Path) -> int:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return len(index["indexentries"]), len(index["docnames"])


def test_an_interrupted_build_leaves_the_site_whole_and_the_rerun_is_complete(tmp_path):
    project = warm_project(tmp_path)
    published = digest(project / "_build" / "html")
    os.utime(project / "conf.py")  # everything out of date
    process = subprocess.Popen(["make", "--no-print-directory", f"VENV={ROOT / '.venv'}", "html-kk"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stage = project / "_build" / "stage"
    deadline = time.time() + 120
    while time.time() < deadline and not any(stage.glob("html-*/chapters/*.html")):
        time.sleep(0.05)
    assert any(stage.glob("html-*/chapters/*.html")), "the build never started writing pages"
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole process group
    process.wait(timeout=120)
    # On a loaded machine the build may finish between the check and the signal (CI11); then
    # the site is the new one, whole, which is this tree's clean build, the same as before.
    assert digest(project / "_build" / "html") == published, "an interrupted build changed the published site"
    result = make(project, "html-kk")  # one language: each is built and swapped in on its own (publish.py)
    assert result.returncode == 0, result.stdout + result.stderr
    assert index_entries(project / "_build" / "html" / "kk") == index_entries(HTML / "kk")
    assert digest(project / "_build" / "html") == digest(HTML)


def test_two_builds_at_once_wait_for_each_other(tmp_path):
    project = warm_project(tmp_path)
    os.utime(project / "conf.py")
    command = ["make", "--no-print-directory", f"VENV={ROOT / '.venv'}", "html-kk"]  # the lock is per language
    first, second = (subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True) for _ in range(2))
    outputs = [process.communicate(timeout=600)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert not any("Traceback" in output for output in outputs), outputs
    assert digest(project / "_build" / "html") == digest(HTML)


# -- the anchor manifest never learns a serial id; the tests never read a stale build --

def test_serial_ids_are_never_published_or_written_into_the_manifest(tmp_path):
    from edition.tools import anchor_manifest

    site = tmp_path / "kk"
    shutil.copytree(HTML / "kk", site)
    page = site / "chapters" / "07-establishment.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="sec-establishment-torgai"', 'id="id8"'),
                    encoding="utf-8")
    manifest = anchor_manifest.load()
    problems = anchor_manifest.check_tree(site, "kk", manifest, unlisted=False)
    assert any("id8" in p and "serial" in p for p in problems), problems
    assert any("sec-establishment-torgai is gone" in p for p in problems), problems
    copy = tmp_path / "anchors.yaml"
    shutil.copy(ROOT / "docs" / "_data" / "anchors.yaml", copy)
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "kk").symlink_to(site)
    anchor_manifest.update(tmp_path / "html", copy)
    assert "id8" not in copy.read_text(encoding="utf-8")


def test_the_tests_refuse_a_stale_build(tmp_path):
    project = warm_project(tmp_path)
    assert stale_outputs(project) == []
    os.utime(project / "docs" / "_data" / "notes.yaml")
    stale = stale_outputs(project)
    assert len(stale) == len(LANGUAGES) and all("notes.yaml" in line for line in stale), stale


# -- the swap: one atomic step, never without a site (issue 26: F2, F3, F6) --------------------
# publish.py's own swap, around a stand-in for Sphinx that writes a small site into the stage.

PAGES = ("index.html", "chapters/01-term.html", ".built")


def small_site(folder: Path, text: str) -> dict[str, str]:
    for page in PAGES:
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text(f"<p>{text} {page}</p>", encoding="utf-8")
    return digest(folder)


def stand_in_publisher(publish, build: Path, text: str = "new") -> None:
    """publish.py on *build*, its Sphinx writing a small site and the site checks passing it."""
    def sphinx(command, *args, **kwargs):
        small_site(Path(command[-1]), text)
        return subprocess.CompletedProcess(command, 0)
    publish.BUILD = build
    publish.subprocess = type("stand_in", (), {"run": staticmethod(sphinx)})
    publish.anchor_manifest = type("stand_in", (), {"check_tree": staticmethod(lambda *a, **k: []),
                                                    "load": staticmethod(lambda: {})})


KILL_AT = """
import os, shutil, signal, sys
from pathlib import Path
from test_publishing import stand_in_publisher  # tests/ on PYTHONPATH (the caller's environment)
from edition.tools import publish

calls, kill_at = 0, int(sys.argv[2])


def counted(function):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return call


stand_in_publisher(publish, Path(sys.argv[1]))
for name in ("rename", "replace"):
    setattr(os, name, counted(getattr(os, name)))
for name in ("move", "rmtree"):
    setattr(shutil, name, counted(getattr(shutil, name)))
sys.exit(publish._publish_locked("en", []))
"""


def test_a_kill_at_any_step_of_the_swap_leaves_the_old_site_or_the_new_one(tmp_path):
    """F2: the publisher SIGKILLed before each rename, move or removal of a publish."""
    for kill_at in range(1, 60):
        build = tmp_path / str(kill_at)
        published = build / "html" / "en"
        old = small_site(published, "old")
        run = subprocess.run([sys.executable, "-c", KILL_AT, str(build), str(kill_at)], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": os.pathsep.join((str(Path(__file__).parent), str(ROOT)))})
        assert run.returncode in (0, -signal.SIGKILL), run.stdout + run.stderr
        assert published.is_dir() and digest(published) in (old, small_site(tmp_path / "new", "new")), \
            f"killed at call {kill_at}: _build/html holds {sorted(p.name for p in published.parent.iterdir())}"
        if run.returncode == 0:  # the publish ran to its end: the new site, nothing left beside it
            assert digest(published) == digest(tmp_path / "new")
            assert sorted(p.name for p in published.parent.iterdir()) == ["en"]
            break
    else:
        pytest.fail("the publish never finished")
    assert kill_at > 4, "the kill points were never reached"


def test_a_failed_build_after_a_killed_swap_keeps_the_last_good_site(tmp_path, monkeypatch, capsys):
    """F3: the old publisher's kill between its two renames left `.old-en` and no `en`; a failing
    build then deleted `.old-en`. Now the last good site goes back first, and stays."""
    from edition.tools import publish

    build = tmp_path / "_build"
    good = small_site(build / "html" / ".old-en", "good")
    monkeypatch.setattr(publish, "BUILD", build)
    monkeypatch.setattr(publish.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 2))
    for attempt in ("first", "second"):
        assert publish._publish_locked("en", []) == 2
        assert (build / "html" / "en").is_dir() and digest(build / "html" / "en") == good, \
            f"the {attempt} failing build lost the site"
        assert "_build/html/en still holds the last good build" in capsys.readouterr().err
    assert sorted(p.name for p in (build / "html").iterdir()) == ["en"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "no-exchange"])
def test_a_build_html_on_another_filesystem_is_swapped_whole(tmp_path, monkeypatch, exchange):
    """F6: `_build/html` a mounted volume, so a rename from `_build/stage` into it fails with EXDEV
    (simulated: every rename between two folders). The new site is copied beside the published one
    first, and the swap is still one step on that filesystem (or, where the system cannot exchange
    two folders, two renames in that folder, which restore() repairs after a kill: F3)."""
    import errno

    from edition import files
    from edition.tools import publish

    if not exchange:
        monkeypatch.setattr(files, "_exchange", lambda a, b: False)

    build = tmp_path / "_build"
    published = build / "html" / "en"
    small_site(published, "old")
    new = small_site(tmp_path / "new", "new")
    rename = os.rename

    def across_devices(source, target, *args, **kwargs):
        if Path(source).parent != Path(target).parent:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(source), None, str(target))
        return rename(source, target, *args, **kwargs)

    for module in ("BUILD", "subprocess", "anchor_manifest"):
        monkeypatch.setattr(publish, module, getattr(publish, module))  # restored after the test
    stand_in_publisher(publish, build)
    monkeypatch.setattr(os, "rename", across_devices)
    monkeypatch.setattr(os, "replace", across_devices)
    assert publish._publish_locked("en", []) == 0
    assert digest(published) == new
    assert sorted(p.name for p in published.parent.iterdir()) == ["en"]


def test_a_failed_build_changes_no_published_file_the_root_sitemap_and_robots_included(tmp_path):
    """S16: a new base URL and a preflight failure (a fuzzy entry): the root sitemap.xml and
    robots.txt are written only after every language was published, so they keep the old address."""
    project = warm_project(tmp_path)
    published = digest(project / "_build" / "html")
    path = po_path(project, "ru", "chapters/07-establishment")
    catalog = polib.pofile(str(path), wrapwidth=79)
    next(e for e in catalog if e.translated()).flags.append("fuzzy")
    catalog.save()
    result = make(project, "html", env={"EDITION_BASE_URL": "https://new-home.kz/"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert "nothing was built" in output, output[-3000:]
    assert digest(project / "_build" / "html") == published, "a failed build changed the published files"
