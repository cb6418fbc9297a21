#!/usr/bin/env python3
"""Extract the edition's interface strings into ``_build/gettext/edition.pot``.

Usage: python -m edition.tools.edition_pot [--output _build/gettext/edition.pot]

Babel's Python extractor reads every module of ``edition/`` but its command-line tools: ``N_("…")`` everywhere, and ``_("…")``
in the modules that take ``_`` from ``edition_strings`` (the others' ``_`` is Sphinx's
own catalog, ``sphinx.po``). A comment starting ``Translators:`` just above a message goes
to the translators. ``make gettext`` runs this after Sphinx's gettext builder, and
``make update-po`` merges the template into ``locales/<lang>/LC_MESSAGES/edition.po`` for
every language of the registry, the source included.
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from edition.data.edition_data import load  # noqa: E402

from edition import ROOT
EXT = ROOT / "edition"
EDITION_UNDERSCORE = re.compile(r"^from edition\.i18n\.edition_strings import .*\b_\b", re.MULTILINE)


def keywords_of(path: Path) -> dict:
    keywords = {"N_": None}
    if EDITION_UNDERSCORE.search(path.read_text(encoding="utf-8")):
        keywords["_"] = None
    return keywords


def extract(ext: Path = EXT) -> Catalog:
    conf = runpy.run_path(str(ROOT / "conf.py"))  # the project, its version and editors, as Sphinx's POTs have them
    catalog = Catalog(project=conf["project"], version=conf["version"], copyright_holder=conf["author"],
                      msgid_bugs_address=load("languages")["report_msgid_bugs_to"], domain="edition",
                      charset="utf-8", fuzzy=False)
    for path in sorted(ext.rglob("*.py")):
        if path.name == "edition_strings.py" or path.parent.name == "tools":
            continue  # defines _ and N_; the command-line tools speak English
        for lineno, message, comments, context in extract_from_file(
                "python", str(path), keywords=keywords_of(path), comment_tags=("Translators:",),
                strip_comment_tags=True):
            catalog.add(message, None, [(path.relative_to(ext.parent).as_posix(), lineno)],
                        auto_comments=comments, context=context)
    return catalog


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "_build" / "gettext" / "edition.pot"))
    args = parser.parse_args(argv)
    catalog = extract()
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as stream:
        # references name the module, not the line: an edit of the code above a string moves no catalog line
        write_po(stream, catalog, width=79, omit_header=False, sort_output=False, include_lineno=False)
    print(f"edition-pot: {len(catalog)} messages -> {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
