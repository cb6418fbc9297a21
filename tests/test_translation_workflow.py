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
        if path.name in ("01-term.po", "02-1917.po", "removed.po") or "kk" in path.parts:  # removed.po gains the deleted one
            continue
        strip = lambda b: re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", b)  # noqa: E731
        assert strip(path.read_bytes()) == strip(old_bytes), path


# -- a single-language build: no dead switcher link -------------------------------------------

from bs4 import BeautifulSoup  # noqa: E402

from edition.tools import publish  # noqa: E402

SWITCHER = """<html><body><nav class="edition-languages"><ul>{links}</ul></nav></body></html>"""


def test_after_one_language_alone_no_switcher_link_is_dead(tmp_path):
    """`make html-ru` alone: the switcher's kk and en links (relative, ``../kk/<page>.html``)
    reach a page that says how to build that language; a language already built is left as it is."""
    build = tmp_path / "_build"
    codes = [entry["code"] for entry in publish.edition_data.registry()]
    pages = ("index", "chapters/04-civil-war", "parallel/04-civil-war")
    for page in pages:
        up = "../" * (page.count("/") + 1)
        links = "".join(f'<li><a href="{up}{code}/{page}.html">{code}</a></li>' for code in codes if code != "ru")
        path = build / "html" / "ru" / f"{page}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SWITCHER.format(links=links), encoding="utf-8")
    built = build / "html" / "en"  # en was published before: its pages stay its own
    built.mkdir(parents=True)
    (built / ".built").touch()
    assert publish.placeholders("ru", build) == [c for c in codes if c != "ru" and c != "en"]
    for page in (build / "html" / "ru").rglob("*.html"):
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("nav.edition-languages a"):
            target = (page.parent / link["href"]).resolve()
            if "/en/" in link["href"]:
                assert not target.exists()  # built already: never written over with a placeholder
                continue
            assert target.is_file(), (page, link["href"])
            placeholder = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
            assert "make html-kk" in placeholder.get_text()
            assert (target.parent / placeholder.find("a")["href"]).resolve() == page.resolve()


# -- progress, as potodo shows it -----------------------------------------------------------

from edition.i18n.translation_status import done  # noqa: E402
from edition.tools import po_stats  # noqa: E402


def test_a_share_is_rounded_down_and_100_percent_means_nothing_is_left():
    assert done(353, 354) == "99.7%"  # 99.72 %, never "100%"
    assert done(3539, 3540) == "99.9%" and done(354, 354) == "100%"
    assert done(6, 7) == "85.7%" and done(1, 1000) == "0.1%" and done(0, 5) == "0%"


def test_stats_list_only_the_unfinished_catalogs_with_their_counts(tmp_path):
    folder = tmp_path / "ru" / "LC_MESSAGES"
    (folder / "chapters").mkdir(parents=True)
    for name, fuzzy in (("chapters/04-civil-war", 1), ("chapters/05-finished", 0)):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
        for n in range(177):
            po.append(polib.POEntry(msgid=f"{name} {n}", msgstr=f"перевод {n}",
                                    flags=["fuzzy"] if n < fuzzy else []))
        po.save(str(folder / f"{name}.po"))
    lines = po_stats.report("ru", locales=tmp_path)
    assert lines[0] == "# ru (99.7% done): 353 / 354 messages translated, 1 fuzzy, 0 untranslated"
    assert len(lines) == 2 and lines[1].split() == ["chapters/04-civil-war", "176", "/", "177", "99.4%", "done",
                                                    "1", "fuzzy", "0", "untranslated"]
    assert len(po_stats.report("ru", everything=True, locales=tmp_path)) == 3
