"""`make gettext update-po` never loses a translation."""

import re
import subprocess

import polib
import pytest

from conftest import ROOT, scratch_project, TRANSLATIONS

pytestmark = pytest.mark.sources_only  # reads the sources, never _build/

CHANGED = ("chapters/01-term", "сайланбалы жетекші органы – Жұмысшы депутаттары кеңесі түрінде",
           "сайланбалы басшы органы – Жұмысшы депутаттары кеңесі түрінде")
DELETED = ("chapters/02-1917", "Съезд революциялық демократия және")


def catalogs(project, lang):
    folder = project / "locales" / lang / "LC_MESSAGES"
    return {p.relative_to(folder).with_suffix("").as_posix(): polib.pofile(str(p))
            for p in folder.rglob("*.po")}


def paragraph_with(project, docname, needle):
    text = (project / "docs" / f"{docname}.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if needle in line)


def test_update_po_keeps_changed_as_fuzzy_archives_deleted_and_touches_nothing_else(tmp_path):
    project = scratch_project(tmp_path)
    changed_old = paragraph_with(project, CHANGED[0], CHANGED[1])
    deleted = paragraph_with(project, DELETED[0], DELETED[1])
    before = {lang: catalogs(project, lang) for lang in TRANSLATIONS}
    old_translation = {lang: before[lang][CHANGED[0]].find(changed_old).msgstr for lang in before}
    deleted_translation = {lang: before[lang][DELETED[0]].find(deleted).msgstr for lang in before}
    assert all(old_translation.values()) and all(deleted_translation.values())

    chapter = project / "docs" / f"{CHANGED[0]}.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(CHANGED[1], CHANGED[2]), encoding="utf-8")
    chapter = project / "docs" / f"{DELETED[0]}.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(deleted + "\n", ""), encoding="utf-8")
    files_before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}

    result = subprocess.run(["make", "-C", str(project), "gettext", "update-po", f"VENV={ROOT / '.venv'}"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr

    for lang in TRANSLATIONS:
        after = catalogs(project, lang)
        changed_new = changed_old.replace(CHANGED[1], CHANGED[2])
        entry = after[CHANGED[0]].find(changed_new)
        assert entry is not None and entry.fuzzy and entry.msgstr == old_translation[lang], lang

        assert after[DELETED[0]].find(deleted) is None
        removed = polib.pofile(str(project / "locales" / lang / "removed.po"))
        kept = removed.find(deleted)
        assert kept is not None and kept.msgstr == deleted_translation[lang], lang
        assert deleted[:40] in result.stdout, "the deleted translation is reported"

        for name, po in before[lang].items():
            for old in po:
                if old.msgid in (changed_old, deleted):
                    continue
                new = after[name].find(old.msgid)
                assert new is not None and new.msgstr == old.msgstr and not new.fuzzy, (lang, name, old.msgid[:50])

    # catalogs without a changed message are byte-identical but for the POT date
    for path, old_bytes in files_before.items():
        if path.name in ("01-term.po", "02-1917.po") or "kk" in path.parts:
            continue
        strip = lambda b: re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", b)  # noqa: E731
        assert strip(path.read_bytes()) == strip(old_bytes), path
