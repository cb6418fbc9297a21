"""A data file that would recurse, grow without bound or nest without end is refused before
anything is built, with ``file:line`` and no traceback (shared/reviews/reliability-2.md D10, Y1, Y11)."""

from __future__ import annotations

import re
import time

import pytest

from edition.data import edition_data
from conftest import LANGUAGES, data_copy, preflight, scratch_project


def plant_in_note(path, note_id, lang, part, addition):
    """*addition* appended to the double-quoted *part* of *lang* of note *note_id* in notes.yaml;
    the line it is on."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {note_id}")
    block = next(n for n in range(start + 1, len(lines)) if lines[n] == f"    {lang}:")
    line = next(n for n in range(block + 1, len(lines)) if lines[n].startswith(f"      {part}: \""))
    assert lines[line].endswith('"')
    lines[line] = lines[line][:-1] + addition + '"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line + 1


def note_index(path, note_id):
    return [m for m in re.findall(r"^  - id: (\S+)$", path.read_text(encoding="utf-8"), re.M)].index(note_id)


@pytest.mark.parametrize("note_id,lang,part,addition", [
    ("note-petrograd-1917", "en", "standard", " {ednote}`note-petrograd-1917`"),  # D10: the note cites itself
    ("note-petrograd-1917", "ru", "problem", " {ednote}`note-constituent-dispersal`"),  # our own: one note in another
    ("note-constituent-dispersal", "kk", "source", " {ednote}`note-petrograd-1917`"),  # and back: a cycle
    ("note-first-world-war", "en", "source", "{ednote}`note-does-not-exist`"),  # a note placed at the start
])
def test_a_note_that_places_a_note_is_refused_with_file_and_line(tmp_path, monkeypatch, note_id, lang, part,
                                                                 addition):
    data = data_copy(tmp_path, monkeypatch)
    line = plant_in_note(data / "notes.yaml", note_id, lang, part, addition)
    problems = edition_data.problems("notes", LANGUAGES)
    where = f"{data / 'notes.yaml'}:{line}: notes/{note_index(data / 'notes.yaml', note_id)}/{lang}/{part}: "
    assert [p for p in problems if p.startswith(where)], problems


def alias_bomb(levels=10, width=9):
    """The battery's Y1: each level a list of *width* aliases of the level below."""
    rows = ['  lol0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"  lol{n}: &b{n} [{', '.join([f'*b{n - 1}'] * width)}]" for n in range(1, levels)]
    return rows


NESTING = {  # name: (text appended under a note's en standard position, the line the problem is on, message)
    "alias-bomb": ("\n".join(alias_bomb()), 2, "alias *b0"),  # Y1
    "one-alias": ('  a: &x "text"\n  b: *x', 2, "alias *x"),  # our own: an alias at all
    "merge-key": ("  base: &base {kk: a}\n  copy:\n    <<: *base", 3, "alias *base"),  # a merge key is an alias
    "deep-lists": ("  deep: " + "[" * 5000 + "]" * 5000, 1, "nested deeper than"),  # Y11
    "deep-mappings": ("  deep: " + "{a: " * 3000 + "1" + "}" * 3000, 1, "nested deeper than"),  # our own
    "deep-block": ("\n".join("  " * (n + 1) + "a:" for n in range(40)) + " 1", 16, "nested deeper than"),
}


@pytest.mark.parametrize("name", NESTING)
def test_an_alias_or_a_deep_nesting_in_a_data_file_is_refused_with_file_and_line(tmp_path, monkeypatch, name):
    addition, offset, message = NESTING[name]
    data = data_copy(tmp_path, monkeypatch)
    path = data / "chronology.yaml"
    before = path.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nextra:\n" + addition + "\n",
                    encoding="utf-8")
    started = time.monotonic()
    problems = edition_data.problems("chronology", LANGUAGES)
    assert time.monotonic() - started < 5  # nothing expanded
    assert problems == [p for p in problems if p.startswith(f"{path}:{before + 1 + offset}: ")] != [], problems
    assert message in problems[0]


def test_the_publishers_command_refuses_the_alias_bomb_with_file_and_line(tmp_path):
    """Y1 end to end: `make html`'s preflight over every check (the catalog checks read the
    data files' texts too) stops in bounded time with file:line, no traceback, no MemoryError."""
    project = scratch_project(tmp_path)
    notes = project / "docs" / "_data" / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + "extra:\n" + "\n".join(alias_bomb()) + "\n",
                     encoding="utf-8")
    result = preflight(project)
    assert result.returncode != 0
    assert f"{notes}:" in result.stdout + result.stderr and "alias *b0" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
