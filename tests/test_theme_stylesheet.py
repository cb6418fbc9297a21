"""The site serves Furo's stylesheet as Furo ships it: no copy cut or rewritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import furo
import pytest

from conftest import LANGUAGES, site, soup

FURO_CSS = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
CHAPTER = "chapters/07-establishment.html"


def stylesheet_problems(root: Path) -> list[str]:
    """How the site at *root* departs from Furo's stylesheet (none: [])."""
    problems = []
    served = root / "_static" / "styles" / "furo.css"
    if served.read_bytes() != FURO_CSS.read_bytes():
        problems.append(f"{served} is not Furo's {FURO_CSS}")
    page = soup(root / CHAPTER)
    links = [link["href"].split("?")[0] for link in page.select('link[rel="stylesheet"]')]
    if "../_static/styles/furo.css" not in links:
        problems.append(f"{CHAPTER} links no furo.css: {links}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_site_serves_furos_stylesheet_byte_for_byte(lang):
    assert stylesheet_problems(site(lang)) == []


def test_a_cut_stylesheet_is_caught(tmp_path):
    """Negative control: a copy of the site whose furo.css lost one rule."""
    root = tmp_path / "site"
    (root / "_static" / "styles").mkdir(parents=True)
    (root / "chapters").mkdir()
    shutil.copy(site(LANGUAGES[0]) / CHAPTER, root / CHAPTER)
    shipped = FURO_CSS.read_text(encoding="utf-8")
    start = shipped.index(".sidebar-tree")
    cut = shipped[:start] + shipped[shipped.index("}", start) + 1:]
    (root / "_static" / "styles" / "furo.css").write_text(cut, encoding="utf-8")
    assert len(stylesheet_problems(root)) == 1
