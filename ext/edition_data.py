"""Shared access to the edition's data files in ``docs/_data/``.

Not an extension itself: the extensions (and the tests, through conftest) read the
single sources of truth -- termbase, abbreviations, emendations, names -- here, so
that no list is copied into code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "docs" / "_data"


@cache
def load(name: str) -> dict:
    """Return the parsed YAML file ``docs/_data/<name>.yaml``."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def pick(mapping: dict, language: str) -> str:
    """Return the value of a ``{kk: …, ru: …, en: …}`` mapping for *language* (kk fallback)."""
    return mapping.get(language) or mapping["kk"]


def setup(app):
    """Nothing to register: listed in ``extensions`` only so conf.py names every module."""
    return {"parallel_read_safe": True, "parallel_write_safe": True}
