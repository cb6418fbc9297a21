"""A translation's stored doctrees do not carry a copy of the build environment.

Without edition/i18n/lean_doctrees.py every translated node points to the small document Sphinx
parsed its message in, whose settings hold the BuildEnvironment: each ru/en doctree
pickled the whole environment, and the build's time and memory grew with the square of
the text (issue 16). The real Russian build is checked, and a two-page translated
project built with and without the extension shows that the check can fail.
"""

from __future__ import annotations

import os
import pickletools
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def pickled_classes(path: Path) -> set[str]:
    """The class names a pickle file refers to."""
    names, strings = set(), []
    for op, arg, _ in pickletools.genops(path.read_bytes()):
        if isinstance(arg, str):
            strings.append(arg)
        if op.name == "STACK_GLOBAL":
            names.add(strings[-1])
        elif op.name == "GLOBAL":
            names.add(arg.split()[-1])
    return names


def build(source: Path, confdir: Path, out: Path, *options: str) -> Path:
    doctrees = out.parent / (out.name + "-doctrees")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(confdir), "-d", str(doctrees), *options,
         str(source), str(out)], capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)})  # the package edition/
    assert result.returncode == 0, result.stderr[-3000:]
    return doctrees


def environment_carriers(doctrees: Path) -> list[str]:
    return sorted(p.relative_to(doctrees).as_posix() for p in doctrees.rglob("*.doctree")
                  if "BuildEnvironment" in pickled_classes(p))


def test_russian_doctrees_do_not_carry_the_build_environment(tmp_path):
    doctrees = build(ROOT / "docs", ROOT, tmp_path / "ru", "-D", "language=ru")
    assert len(list(doctrees.rglob("*.doctree"))) > 10
    assert environment_carriers(doctrees) == []


SMALL = {  # MyST, as the edition (docutils' own parser attaches the message's nodes differently)
    "index.md": "# Title\n\nFirst paragraph.\n\n```{toctree}\nother\n```\n",
    "other.md": "# Other\n\nSecond paragraph.\n",
    "locales/ru/LC_MESSAGES/index.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                       'msgid "Title"\nmsgstr "Заголовок"\n\n'
                                       'msgid "First paragraph."\nmsgstr "Первый абзац."\n',
    "locales/ru/LC_MESSAGES/other.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                       'msgid "Second paragraph."\nmsgstr "Второй абзац."\n',
}


def small_translated_project(root: Path, extensions: list[str]) -> Path:
    for name, text in SMALL.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "conf.py").write_text(
        f"extensions = {extensions!r}\n"
        "language = 'ru'\nlocale_dirs = ['locales']\ngettext_compact = False\n"
        "smartquotes = False\n", encoding="utf-8")  # as the edition (SmartQuotes would re-create the Text nodes)
    return root


def test_the_doctree_check_fails_without_the_extension(tmp_path):
    """Negative control: Sphinx and docutils alone store the environment in each translated doctree."""
    bare = small_translated_project(tmp_path / "bare", ["myst_parser"])
    lean = small_translated_project(tmp_path / "lean", ["myst_parser", "edition.i18n.lean_doctrees"])
    assert environment_carriers(build(bare, bare, tmp_path / "bare-html")) == ["index.doctree", "other.doctree"]
    assert environment_carriers(build(lean, lean, tmp_path / "lean-html")) == []
