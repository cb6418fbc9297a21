"""The sidebar navigation is Furo's own on every page, though it is computed once per build.

edition/web/navigation_cache.py renders the navigation tree once and marks the current page in
it; Furo computes it again for every page. The site built with the cache must be the
site built without it (``-D edition_navigation_cache=0``), byte for byte, on every page
of the real build in every language, and on a small project with what the edition does
not (yet) have: nested toctrees (checkboxes, open branches), a hidden toctree, pages in
folders at several depths, a page outside the tree and one listed twice. A copy of the
extension with a planted fault must make the comparison fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import HTML, LANGUAGES, ROOT


def build(source: Path, confdir: Path, out: Path, *options: str, path: Path = ROOT) -> subprocess.CompletedProcess:
    """Build strictly, importing the extensions from *path* (the project: the package edition/)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir), "-W", "--keep-going", "--no-color",
         "-n", "-v", "-d", str(out / ".doctrees"), *options, str(source), str(out)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(path)})
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))
            if ".doctrees" not in p.parts}


def differences(cached: Path, furo: Path) -> list[str]:
    a, b = pages(cached), pages(furo)
    assert a.keys() == b.keys()
    return [name for name in a if a[name] != b[name]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_site_has_furos_own_navigation(tmp_path, lang):
    """The published site (built with the cache) against a build where Furo computes each page."""
    furo = tmp_path / "furo"
    build(ROOT / "docs", ROOT, furo, "-D", f"language={lang}", "-D", "edition_navigation_cache=0")
    published = HTML / lang
    assert differences(published, furo) == []
    # the navigation was really there to compare: every chapter is listed, one marked current
    page = BeautifulSoup((published / "chapters" / "07-establishment.html").read_bytes(), "lxml")
    tree = page.select_one(".sidebar-tree")
    assert len(tree.select("li.toctree-l1")) >= 9
    assert [a["href"] for a in tree.select("a.current")] == ["#"]
    assert tree.select_one("li.current-page a")["href"] == "#"


# -- a project with nested trees ------------------------------------------------------------
CONF = """
project = "Navigation"
extensions = ["edition.web.navigation_cache"]
html_theme = "furo"


def setup(app):  # in the edition, the package edition/ registers it
    app.add_config_value("edition_navigation_cache", True, "html", types=frozenset({bool}))
"""

SOURCES = {
    "index.rst": "Home\n====\n\n.. toctree::\n   :caption: Parts\n\n   part1/index\n   part2\n   twice\n"
                 "   Example <https://example.org/>\n\n"
                 ".. toctree::\n   :hidden:\n\n   appendix\n   twice\n",
    "part1/index.rst": "Part one\n========\n\n.. toctree::\n\n   a\n   b\n   sub/index\n",
    "part1/a.rst": "Page A\n======\n\nText.\n\nSection\n-------\n\nMore.\n",
    "part1/b.rst": "Page B\n======\n\nText.\n",
    "part1/sub/index.rst": "Sub\n===\n\n.. toctree::\n\n   c\n   d\n",
    "part1/sub/c.rst": "Deep C\n======\n\nText.\n",
    "part1/sub/d.rst": "Deep D & co\n===========\n\nText.\n",
    "part2.rst": "Part two\n========\n\nText.\n",
    "twice.rst": "Listed twice\n============\n\nText.\n",
    "appendix.rst": "Appendix\n========\n\n.. toctree::\n\n   appendix/x\n",
    "appendix/x.rst": "Appendix X\n==========\n\nText.\n",
    "outside.rst": ":orphan:\n\nOutside\n=======\n\nIn no toctree.\n",
}


def nested_project(root: Path, extension: str | None = None) -> Path:
    source = root / "src"
    for name, text in SOURCES.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    conf = CONF if extension is None else CONF.replace("edition.web.navigation_cache", extension)
    (source / "conf.py").write_text(conf, encoding="utf-8")
    return source


def test_nested_navigation_is_furos_own_on_every_page(tmp_path):
    source = nested_project(tmp_path)
    cached = build(source, source, tmp_path / "cached")
    build(source, source, tmp_path / "furo", "-D", "edition_navigation_cache=0")
    assert differences(tmp_path / "cached", tmp_path / "furo") == []
    # the cache did the work (only the page listed twice is left to Furo) …
    report = re.search(r"navigation_cache: (\d+) trees, (\d+) pages marked, left to Furo: (.*)", cached.stdout)
    assert report, cached.stdout[-2000:]
    assert int(report[1]) == 4  # the folders ., part1, part1/sub, appendix
    assert report[3].strip() == "twice"
    assert int(report[2]) == len(pages(tmp_path / "cached")) - 1
    # … and the pages compared have what a flat tree lacks: open branches, checked boxes
    deep = BeautifulSoup((tmp_path / "cached" / "part1" / "sub" / "c.html").read_bytes(), "lxml")
    tree = deep.select_one(".sidebar-tree")
    assert [li.a.get_text() for li in tree.select("li.current")] == ["Part one", "Sub", "Deep C"]
    assert len(tree.select("input.toctree-checkbox[checked]")) == 2
    assert tree.select_one("li.current-page").a["href"] == "#"
    assert len(tree.select("ul.current")) == 3


def test_a_planted_fault_in_the_cache_is_caught(tmp_path):
    """Negative control: an extension that forgets to open the current branch is found out."""
    faulty = tmp_path / "faulty"
    faulty.mkdir()
    text = (ROOT / "edition" / "web" / "navigation_cache.py").read_text(encoding="utf-8")
    planted = text.replace('attributes["checked"] = ""', "pass")
    assert planted != text
    (faulty / "navigation_cache.py").write_text(planted, encoding="utf-8")
    source = nested_project(tmp_path, "navigation_cache")
    build(source, source, tmp_path / "cached", path=faulty)
    build(source, source, tmp_path / "furo", "-D", "edition_navigation_cache=0", path=faulty)
    assert set(differences(tmp_path / "cached", tmp_path / "furo")) == {
        "part1/index.html", "part1/a.html", "part1/b.html", "part1/sub/index.html",
        "part1/sub/c.html", "part1/sub/d.html", "appendix.html", "appendix/x.html"}
