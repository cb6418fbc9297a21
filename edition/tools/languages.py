#!/usr/bin/env python3
"""Print the edition's language codes, the source first: ``kk ru en``.

Usage: python -m edition.tools.languages [--source | --translations] [--json]

``--json`` prints a JSON list (the CI workflow's language matrix: ``fromJSON``).

The Makefile reads the language registry (``docs/_data/languages.yaml``) through this,
with the system's ``python3`` before ``.venv`` exists, so it needs nothing but the
standard library: it reads the ``- code: xx`` lines of the registry, the one form the
registry's schema and ``make add-language`` write. ``tests/test_languages.py`` checks
that it reads the same list as the YAML loader of the build (``edition_data.registry``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from edition import ROOT
from edition.guards.untrusted_text import NotUTF8, read_utf8

REGISTRY = ROOT / "docs" / "_data" / "languages.yaml"
CODE = re.compile(r"^\s*-\s*code:\s*([a-z]{2,3})\s*$", re.MULTILINE)


def codes(registry: Path = REGISTRY) -> list[str]:
    return CODE.findall(read_utf8(registry))


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    argv = [arg for arg in argv if arg != "--json"]
    try:
        found = codes()
    except (NotUTF8, OSError) as error:
        print(error if isinstance(error, NotUTF8) else f"{REGISTRY}:1: cannot be read: {error.strerror}",
              file=sys.stderr)
        return 1
    if not found:
        print(f"{REGISTRY}:1: no '- code: xx' entry: the registry lists no language", file=sys.stderr)
        return 1
    if argv[:1] == ["--source"]:
        found = found[:1]
    elif argv[:1] == ["--translations"]:
        found = found[1:]
    print(json.dumps(found) if as_json else " ".join(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
