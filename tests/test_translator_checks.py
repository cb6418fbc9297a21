"""`make check-po` passes on the catalogs and fails, with file and line, on each kind of bad catalog."""

import polib
import pytest

import check_po

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n\n')
MSGID = "Бұл {term}`Кеңестердің <Кеңес>` 1917 {abbr}`ж.` 25 қазанда болды. {cite:p}`olcott1987kazakhs`"
GOOD = "Это было 25 октября 1917 г. {term}`Советов <Кеңес>`. {cite:p}`olcott1987kazakhs`"

BAD = {
    "msgfmt": ("chapters/x", 'msgid "a"\nmsgstr "b\n', "msgfmt"),
    "fuzzy": ("chapters/x", f"#, fuzzy\nmsgid {MSGID!r}\nmsgstr {GOOD!r}\n", "fuzzy"),
    "untranslated": ("chapters/x", f"msgid {MSGID!r}\nmsgstr \"\"\n", "untranslated"),
    "term-target": ("chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD.replace('<Кеңес>', '<Совет>')!r}\n", "roles"),
    "citation-dropped": ("chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD.split(' {cite')[0]!r}\n", "roles"),
    "link-target": ("chapters/x", 'msgid "See [here](glossary.md)."\nmsgstr "См. [здесь](other.md)."\n', "roles"),
    "number-dropped": ("chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD.replace('1917', '1918')!r}\n", "numbers"),
    "raw-html": ("chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD + ' <b>!</b>'!r}\n", "markup"),
    "script": ("chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD + ' <script>alert(1)</script>'!r}\n", "markup"),
    "raw-block": ("chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD + ' {eval-rst}`x`'!r}\n", "markup"),
    "termbase": ("glossary", 'msgid "Кеңес"\nmsgstr "Совдеп"\n', "termbase"),
    "wrap": ("chapters/x", f'msgid "{MSGID.replace(chr(96), "")}"\nmsgstr ""\n"{GOOD}"\n', "wrap"),
}


def write_catalog(tmp_path, catalog, body, lang="ru"):
    path = tmp_path / "locales" / lang / "LC_MESSAGES" / f"{catalog}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(lang=lang) + body.replace("'", '"'), encoding="utf-8")
    return path


def test_the_project_catalogs_pass_every_check(capsys):
    assert check_po.main([]) == 0, capsys.readouterr().out


def test_a_well_formed_translation_passes(tmp_path):
    path = write_catalog(tmp_path, "chapters/x", f"msgid {MSGID!r}\nmsgstr {GOOD!r}\n")
    polib.pofile(str(path), wrapwidth=check_po.WRAP).save(str(path))
    assert check_po.check_file(path, "ru", set()) == []


@pytest.mark.parametrize("name", BAD)
def test_each_check_fails_a_bad_catalog_naming_file_and_line(tmp_path, name):
    catalog, body, check = BAD[name]
    path = write_catalog(tmp_path, catalog, body)
    if check not in ("wrap", "msgfmt"):
        polib.pofile(str(path), wrapwidth=check_po.WRAP).save(str(path))  # only the tested flaw
    problems = check_po.check_file(path, "ru", set())
    assert any(p.startswith(f"{path}:") and f"[{check}]" in p for p in problems), problems
    line = int(next(p for p in problems if f"[{check}]" in p).split(":")[1])
    assert 1 <= line <= len(path.read_text(encoding="utf-8").splitlines()) + 1  # msgfmt: EOF+1


def test_a_documented_number_exception_is_accepted(tmp_path):
    body = 'msgid "1-дүниежүзілік соғыс"\nmsgstr "First World War"\n'
    path = write_catalog(tmp_path, "chapters/x", body, lang="en")
    polib.pofile(str(path), wrapwidth=check_po.WRAP).save(str(path))
    assert any("[numbers]" in p for p in check_po.check_file(path, "en", set()))
    assert check_po.check_file(path, "en", {("en", "chapters/x", "1")}) == []
