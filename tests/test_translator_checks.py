"""`make check-po` passes on the catalogs and fails, with file and line, on each kind of bad catalog."""

import shutil

import polib
import pytest

from edition.tools import check_po

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


# -- the termbase in every translated text; the spell check -------------------------

from conftest import DOCS, ROOT, TRANSLATIONS  # noqa: E402

CATALOGS = ROOT / "locales"
NOTES, CHRONOLOGY = DOCS / "_data" / "notes.yaml", DOCS / "_data" / "chronology.yaml"
ABBREVIATIONS = DOCS / "_data" / "abbreviations.yaml"


def planted(tmp_path, source, old, new):
    """A copy of *source* with one planted fault, and the 1-based line it stands on."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    copy = tmp_path / source.name
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy, text[:text.index(old)].count("\n") + 1


def entry_line(path, fragment):
    """The line of the msgid of the entry whose msgstr contains *fragment*."""
    return next(e.linenum for e in polib.pofile(str(path)) if fragment in e.msgstr)


def test_every_translated_text_renders_the_termbase_terms():
    problems = []
    for lang in TRANSLATIONS:
        for path in check_po.catalogs(lang):
            problems += [p for p in check_po.check_file(path, lang, check_po.load_exceptions()) if "[termbase]" in p]
    for path in (NOTES, CHRONOLOGY):
        problems += check_po.check_data_file(path)
    assert problems == []


@pytest.mark.parametrize("lang, catalog, old, new", [
    ("ru", "chapters/07-establishment", "{term}`казачьих <казактар>`", "{term}`казако-русских <казактар>`"),
    ("en", "chapters/07-establishment", "the struggle for Soviet power met", "the struggle for the Soviet government met"),
    ("ru", "chapters/06-soviets-kz", "{place}`Пишпекского <Бішкек>`", "{place}`Бишкекского <Бішкек>`"),
    ("ru", "chapters/09-1936-1991", "советскую систему к параличу", "советскую систему к застою"),
    ("en", "glossary", "It was abolished in February 1922", "It was dissolved in February 1922"),
])
def test_a_wrong_rendering_in_a_catalog_is_reported_with_file_and_line(tmp_path, lang, catalog, old, new):
    source = CATALOGS / lang / "LC_MESSAGES" / f"{catalog}.po"
    copy = tmp_path / "locales" / lang / "LC_MESSAGES" / f"{catalog}.po"
    copy.parent.mkdir(parents=True)
    po = polib.pofile(str(source), wrapwidth=check_po.WRAP)
    entry = next(e for e in po if old in e.msgstr)
    entry.msgstr = entry.msgstr.replace(old, new)
    po.save(str(copy))
    assert not [p for p in check_po.check_file(source, lang, check_po.load_exceptions()) if "[termbase]" in p]
    problems = [p for p in check_po.check_file(copy, lang, check_po.load_exceptions()) if "[termbase]" in p]
    assert problems and all(p.startswith(f"{copy}:{entry_line(copy, new)}: [termbase]") for p in problems), problems


@pytest.mark.parametrize("source, old, new", [
    (NOTES, "в руках Войскового правительства уральских казаков", "в руках Военного правительства уральских казаков"),
    (NOTES, "held by the Host Government of the Ural Cossacks", "held by the Military Government of the Ural Cossacks"),
    (NOTES, "Речь идёт о селе Гавриловка (ныне Талдыкорган).", "Речь идёт о селе Талдыкорган."),
    (CHRONOLOGY, "Аулие-Атинского и Пишпекского Советов", "Аулие-Атинского и Бишкекского Советов"),
    (CHRONOLOGY, "the Kirrevkom (Kazrevkom) – began its work", "the Kazrevkom – began its work"),
    (CHRONOLOGY, "В посёлке Арал Советская власть", "В посёлке Аральск советская власть"),
    # review 4: the abbreviations page, a chronology line, the end of the USSR
    (ABBREVIATIONS, "ru: Всероссийский центральный исполнительный комитет (казахская",
     "ru: Всероссийский Центральный Исполнительный Комитет (казахская"),
    (CHRONOLOGY, "operated as temporary extraordinary bodies", "operated as temporary emergency organs"),
    (CHRONOLOGY, "With the dissolution of the USSR", "With the collapse of the USSR"),
    # reviews 5 and 6: «таратылды» is abolished, never dissolved (an avoid-only rule)
    (CHRONOLOGY, "the Turkestan ASSR was abolished and", "the Turkestan ASSR was dissolved and"),
])
def test_a_wrong_rendering_in_the_apparatus_data_is_reported_with_file_and_line(tmp_path, source, old, new):
    copy, line = planted(tmp_path, source, old, new)
    problems = check_po.check_data_file(copy)
    assert problems and all(p.startswith(f"{copy}:{line}: [termbase]") for p in problems), (line, problems)


def test_inflected_russian_and_quoted_source_forms_pass_the_termbase():
    assert check_po.termbase_in_text("Семейде билік ауысты", "В Семипалатинске власть перешла", "ru") == []
    assert check_po.termbase_in_text("Ақтөбе қалалары", "в городе Актюбинске", "ru") == []
    # the Kazakh quotes the source's anachronism, the note's translation quotes it too
    assert check_po.termbase_in_text("съезд «Санкт-Петербургте» өтті.", "съезд прошёл «в Санкт-Петербурге».", "ru") == []
    assert check_po.termbase_in_text("Семейде билік ауысты", "В Семее власть перешла", "ru")


def test_the_translations_pass_the_spell_check():
    catalogs = [(path, lang) for lang in TRANSLATIONS for path in check_po.catalogs(lang)]
    assert check_po.check_spelling(catalogs, [NOTES, CHRONOLOGY]) == []


@pytest.mark.parametrize("lang, catalog, old, new, word", [
    ("ru", "chapters/04-civil-war", "одержала победу", "одержала пабеду", "пабеду"),
    ("en", "chapters/04-civil-war", "was victorious", "was victorius", "victorius"),
    # a name in another romanization than ALA-LC is not in the word list
    ("en", "glossary", "A. Bukeikhanov was", "A. Bokeikhanov was", "Bokeikhanov"),
])
def test_a_misspelling_in_a_catalog_is_reported_with_file_and_line(tmp_path, lang, catalog, old, new, word):
    source = CATALOGS / lang / "LC_MESSAGES" / f"{catalog}.po"
    copy = tmp_path / f"{lang}-{source.name}"
    po = polib.pofile(str(source), wrapwidth=check_po.WRAP)
    entry = next(e for e in po if old in e.msgstr)
    entry.msgstr = entry.msgstr.replace(old, new)
    po.save(str(copy))
    problems = check_po.check_spelling([(copy, lang)], [], (lang,))
    assert problems == [f"{copy}:{entry_line(copy, new)}: [spell] {word!r} is not in the "
                        f"{'ru_RU' if lang == 'ru' else 'en_US'} dictionary nor in locales/{lang}/wordlist.txt"]


def test_a_misspelling_in_the_notes_is_reported_with_file_and_line(tmp_path):
    copy, line = planted(tmp_path, NOTES, "the date does not mark lasting Soviet power.",
                         "the date does not mark lastting Soviet power.")
    assert check_po.check_spelling([], [copy], ("en",)) == [
        f"{copy}:{line}: [spell] 'lastting' is not in the en_US dictionary nor in locales/en/wordlist.txt"]


def test_role_targets_citations_and_kazakh_words_are_not_spell_checked(tmp_path):
    body = ('msgid "x"\nmsgstr "Это {term}`Советов <Кеңес>` и {place}`Пишпека <Бішкек>`{ednote}`note-pishpek`'
            ' «Петроградта», «қала». {cite:p}`olcott1987kazakhs,brown1996gorbachev`"\n')
    path = write_catalog(tmp_path, "chapters/x", body)
    assert check_po.check_spelling([(path, "ru")], [], ("ru",)) == []


def test_a_russian_word_without_the_yo_the_edition_writes_elsewhere_is_reported(tmp_path):
    catalogs = [(path, "ru") for path in check_po.catalogs("ru")]
    assert check_po.check_yo(catalogs, [NOTES]) == []
    copy, line = planted(tmp_path, NOTES, "интервенцию вели её члены", "интервенцию вели ее члены")
    assert check_po.check_yo(catalogs, [copy]) == [
        f"{copy}:{line}: [yo] 'ее': the edition writes 'её' elsewhere"]


def test_a_data_file_with_a_yaml_syntax_error_is_one_located_problem_not_a_traceback(tmp_path, monkeypatch):
    """make check-po (and make html's preflight) read the data files' texts: a broken file is
    reported as file:line, and the other checks still run."""
    data = tmp_path / "_data"
    shutil.copytree(check_po.DATA, data)
    notes = data / "notes.yaml"
    lines = notes.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if 'problem: "' in text)
    lines[line - 1] = lines[line - 1].rstrip('"')
    notes.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(check_po, "DATA", data)
    _jobs, problems = check_po.check()
    located = [p for p in problems if p.startswith(f"{notes}:") and "[yaml]" in p]
    assert len(located) == 1 and line <= int(located[0].split(":")[1]) <= line + 1, located
