"""One language registry, and the interface strings in gettext (issue 18 §1, §2, §4).

The languages are declared once, in ``docs/_data/languages.yaml``; the interface strings
the extensions write are messages of the ``edition`` gettext domain
(``locales/<lang>/LC_MESSAGES/edition.po``), never ``{kk: …, ru: …, en: …}`` literals.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import HTML, LANGUAGES, ROOT, TRANSLATIONS, scratch_project, site, soup, sphinx_build

from edition.data import edition_data  # noqa: E402
from edition.tools import edition_pot
import edition.tools.languages as languages_tool  # noqa: E402  (edition/tools/languages.py, the Makefile's reader)

EDITION = "LC_MESSAGES/edition.po"


def language_keyed_dicts(source: str, codes) -> list[int]:
    """Lines of the dict literals of *source* keyed by two or more language *codes*."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            if len(keys & set(codes)) >= 2:
                found.append(node.lineno)
    return found


def language_lists(source: str, codes) -> list[int]:
    """Lines of the tuple, list and set literals of *source* made of two or more language *codes*."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(values) == len(node.elts) and set(values) <= set(codes):
                found.append(node.lineno)
    return found


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]


def test_no_interface_string_is_left_in_a_language_keyed_dict():
    found = [f"{path.relative_to(ROOT)}:{line}" for path in python_files("edition")
             for line in language_keyed_dicts(path.read_text(encoding="utf-8"), LANGUAGES)]
    assert found == [], "a {kk: …, ru: …, en: …} literal: put its strings in the edition catalogs"
    # negative control: the check sees such a literal, also nested and beside other keys
    planted = 'X = {"a": 1, "b": {"kk": "Мәтін", "ru": "Текст", "en": "Text"}}'
    assert language_keyed_dicts(planted, LANGUAGES) == [1]


def test_the_registry_is_the_only_list_of_languages():
    """No tuple or list of language codes in the code, the tools, the tests or conf.py, and no
    dict keyed by them outside the tests (a test may keep its expected values per language:
    an oracle, not a list the code reads)."""
    code = python_files("edition", "benchmarks") + [ROOT / "conf.py"]
    found = [f"{path.relative_to(ROOT)}:{line}" for path in code + python_files("tests")
             for source in [path.read_text(encoding="utf-8")]
             for line in language_lists(source, LANGUAGES) + (language_keyed_dicts(source, LANGUAGES)
                                                              if path in code else [])
             if path.name != "test_languages.py"]
    assert found == [], "a hard-coded list of languages: read docs/_data/languages.yaml (edition_data.registry)"
    assert language_lists('for lang in ("ru", "en"): pass', LANGUAGES) == [1]  # negative control
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert " ".join(LANGUAGES) not in makefile and " ".join(TRANSLATIONS) not in makefile


def test_conf_py_the_makefile_and_the_tools_read_the_same_registry():
    registry = tuple(entry["code"] for entry in edition_data.registry())
    assert registry == LANGUAGES == edition_data.language_codes()
    assert tuple(languages_tool.codes()) == registry  # the Makefile's stdlib reader
    printed = subprocess.run(["make", "--no-print-directory", "-s", "-f", "Makefile", "-f", "-", "print"],
                             input="print:\n\t@echo $(SOURCE)/$(TRANSLATIONS)\n", cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
    assert printed == f"{LANGUAGES[0]}/{' '.join(TRANSLATIONS)}"


def test_every_interface_message_is_in_every_language_catalog_and_translated():
    extracted = {message.id for message in edition_pot.extract() if message.id}
    assert len(extracted) > 50  # the ~60 strings of the issue
    for lang in LANGUAGES:
        po = polib.pofile(str(ROOT / "locales" / lang / EDITION))
        ids = {entry.msgid for entry in po if not entry.obsolete}
        assert ids == extracted, f"{lang}: run `make update-po` (missing {sorted(extracted - ids)[:5]})"
        assert po.percent_translated() == 100, f"{lang}: {[e.msgid for e in po.untranslated_entries()][:5]}"


def test_every_interface_message_in_the_code_is_extracted():
    """Babel's extractor reads tokens and misses a call inside an f-string; the AST does not."""
    called = set()
    for path in python_files("edition"):
        source = path.read_text(encoding="utf-8")
        names = {"N_", "_"} if edition_pot.EDITION_UNDERSCORE.search(source) else {"N_"}
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                    and node.args and isinstance(node.args[0], ast.Constant) and path.name != "edition_strings.py"):
                called.add(node.args[0].value)
    extracted = {message.id for message in edition_pot.extract() if message.id}
    assert called - extracted == set(), "a _() inside an f-string: mark the message outside it"
    assert called >= {"Edition language", "Parallel text", "now {modern}"}


def msgstr(lang: str, msgid: str) -> str:
    return polib.pofile(str(ROOT / "locales" / lang / EDITION)).find(msgid).msgstr


def test_the_built_pages_say_the_catalogs_words():
    for lang in LANGUAGES:
        page = soup(site(lang) / "chapters" / "01-term.html")
        switcher = page.select_one("[aria-label]" + f'[aria-label="{msgstr(lang, "Edition language")}"]')
        assert switcher is not None, f"{lang}: the switcher is not labelled from edition.po"
        status = soup(site(lang) / "translation-status.html").select_one("table.translation-status")
        assert status.select_one("thead").get_text(" ", strip=True).startswith(msgstr(lang, "Language"))
        rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in status.select("tbody tr")]
        assert [row[:2] for row in rows if row[1] == "edition"] == [[t, "edition"] for t in TRANSLATIONS]
    index = soup(site("kk") / "genindex.html").get_text(" ")
    assert msgstr("kk", "now {modern}").format(modern="Алматы") in index


def test_a_changed_interface_translation_reaches_the_site(tmp_path):
    """The catalog is the route: a new msgstr in ru/edition.po changes the Russian pages."""
    project = scratch_project(tmp_path)
    path = project / "locales" / "ru" / EDITION
    po = polib.pofile(str(path))
    po.find("Edition language").msgstr = "Язык этой книги"
    po.save(str(path))
    result = sphinx_build(project, "ru")
    assert result.returncode == 0, result.stderr[-2000:]
    page = soup(project / "_build" / "html" / "ru" / "chapters" / "01-term.html")
    assert page.select_one('[aria-label="Язык этой книги"]') is not None


def test_a_bad_registry_stops_the_build_with_file_and_line(tmp_path):
    project = scratch_project(tmp_path)
    registry = project / "docs" / "_data" / "languages.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("og_locale: ru_RU", "og_locale: russian"),
                        encoding="utf-8")
    result = sphinx_build(project, "kk")
    assert result.returncode != 0
    assert f"{registry}:" in result.stderr and "russian" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


HEADER_FIELDS = ("Language", "Language-Team", "Plural-Forms", "Report-Msgid-Bugs-To")


def test_every_catalog_has_the_headers_translation_tools_expect():
    for lang_dir in sorted((ROOT / "locales").iterdir()):
        for path in sorted((lang_dir / "LC_MESSAGES").rglob("*.po")):
            metadata = polib.pofile(str(path)).metadata
            missing = [f for f in HEADER_FIELDS if not metadata.get(f, "").strip()]
            assert missing == [], f"{path.relative_to(ROOT)}: no {missing}: run `make update-po`"
            assert metadata["Language"] == lang_dir.name, path
            assert "LANGUAGE" not in metadata["Language-Team"], path
