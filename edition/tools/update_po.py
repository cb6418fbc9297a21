#!/usr/bin/env python3
"""Update the ru/en catalogs from freshly generated POT files, losing nothing.

Usage: python -m edition.tools.update_po [--pot-dir _build/gettext] [-l ru -l en]
       python -m edition.tools.update_po --rewrap     (only rewrap the catalogs another tool saved)

Without ``-l``: every translation of the language registry (``docs/_data/languages.yaml``),
and the source language's interface catalog (``edition.po``, from ``edition.pot``).

1. ``sphinx-intl update`` merges the POT files into ``locales/<lang>/LC_MESSAGES``:
   unchanged messages keep their translation, a changed message keeps its old
   translation as *fuzzy*, and obsolete ``#~`` entries are not kept in the catalogs.
2. Every catalog is rewrapped the one canonical way (polib, 79 columns), so that an
   update changes only the lines whose messages changed (as powrap does: a catalog saved by
   Poedit, msgcat, Lokalize or polib's own default is rewritten, and named on stdout, only
   if its line breaks differ; wrapping is style, and never stops a build), and Babel's format-string
   flags are dropped (the messages are Markdown); its header is completed (Language,
   Language-Team, Plural-Forms from CLDR, Report-Msgid-Bugs-To: :func:`header`).
3. A translation that no catalog holds any more (its paragraph was deleted, or its page
   removed) is appended to ``locales/<lang>/removed.po`` with where it came from, and
   listed on stdout: it can be copied back, never silently lost.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

import polib
from babel import Locale
from babel.messages.plurals import get_plural

from edition import ROOT
LOCALES = ROOT / "locales"
WRAP = 79
from edition.data.edition_data import load, source_language, translations as translation_languages  # noqa: E402


def header(lang: str) -> dict[str, str]:
    """The header fields every catalog of *lang* carries, so that Poedit, Lokalize and Weblate
    open it without asking: the language, its team, its CLDR plural rule (Babel), and where
    to report a problem with a message id (the registry's ``report_msgid_bugs_to``)."""
    return {"Report-Msgid-Bugs-To": load("languages")["report_msgid_bugs_to"],
            "Language-Team": Locale.parse(lang).english_name,
            "Language": lang,
            "Plural-Forms": get_plural(lang).plural_forms}


PLACEHOLDER = re.compile(r"^LANGUAGE\b|@li\.org|INTEGER|EXPRESSION")


def complete_header(po: polib.POFile, lang: str) -> None:
    """Fill in the fields of :func:`header` that are missing, empty or still the template's
    placeholder; a field a catalog already has is kept (catalog_guard checks Language and
    Plural-Forms against the folder and CLDR), as are the other fields and their order."""
    for name, value in header(lang).items():
        if not po.metadata.get(name, "").strip() or PLACEHOLDER.search(po.metadata[name]):
            po.metadata[name] = value
    for name in ("MIME-Version", "Content-Type", "Content-Transfer-Encoding"):
        po.metadata.setdefault(name, {"MIME-Version": "1.0", "Content-Type": "text/plain; charset=utf-8",
                                      "Content-Transfer-Encoding": "8bit"}[name])


def translations(lang: str) -> dict[tuple[str, str], tuple[str, polib.POEntry]]:
    """(catalog, msgid) -> (catalog path, entry) for every translated entry of *lang*."""
    found = {}
    for path in sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po")):
        catalog = path.relative_to(LOCALES / lang / "LC_MESSAGES").with_suffix("").as_posix()
        for entry in polib.pofile(str(path), wrapwidth=WRAP):
            if entry.msgstr and not entry.obsolete:
                found[catalog, entry.msgid] = (catalog, entry)
    return found


NOT_FORMAT_STRINGS = {"python-format", "python-brace-format"}
INTERFACE_CATALOGS = {"sphinx", "edition"}


def normalise(path: Path, lang: str, pot: Path | None = None) -> None:
    """Rewrap at 79 columns, take the references (``#:``) of *pot*, drop format-string flags
    and complete the header. (sphinx-intl leaves a catalog whose messages did not change
    unwritten, with the references of the code as it was.)

    Babel flags any message with ``{…}`` as python-brace-format, and msgfmt --check then
    rejects MyST roles such as ``{abbr}`` that a translation drops. The edition's messages
    are Markdown, never format strings.
    """
    po = polib.pofile(str(path), wrapwidth=WRAP)
    if pot and pot.exists():
        where = {(entry.msgctxt, entry.msgid): entry.occurrences for entry in polib.pofile(str(pot))}
        for entry in po:
            entry.occurrences = where.get((entry.msgctxt, entry.msgid), entry.occurrences)
    if path.stem not in INTERFACE_CATALOGS:  # the interface's %s and {name} are real format strings
        for entry in po:
            entry.flags = [flag for flag in entry.flags if flag not in NOT_FORMAT_STRINGS]
    complete_header(po, lang)
    text = str(po)
    if text != path.read_text(encoding="utf-8"):
        path.write_text(text, encoding="utf-8")


def canonical(path: Path) -> str:
    """The text of the catalog *path* wrapped the canonical way (polib, :data:`WRAP` columns)."""
    return str(polib.pofile(str(path), wrapwidth=WRAP))


def rewrapped(path: Path) -> bool:
    """Whether *path* is wrapped another way than the canonical (a tool's own line breaks)."""
    try:
        return canonical(path).rstrip("\n") != path.read_text(encoding="utf-8").rstrip("\n")
    except (OSError, ValueError):
        return False  # check-po reports what does not parse


def rewrap(paths: list[Path]) -> list[Path]:
    """Rewrite the catalogs of *paths* wrapped another way, and return them."""
    done = [path for path in paths if rewrapped(path)]
    for path in done:
        path.write_text(canonical(path), encoding="utf-8")
    return done


def shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def report_rewrapped(paths: list[Path]) -> None:
    for path in paths:
        print(f"update-po: rewrapped {shown(path)} (line breaks only: it was saved by another tool)")


def archive(lang: str, lost: list[tuple[str, polib.POEntry]]) -> Path:
    path = LOCALES / lang / "removed.po"
    po = polib.pofile(str(path), wrapwidth=WRAP) if path.exists() else polib.POFile(wrapwidth=WRAP)
    if not path.exists():
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
        po.header = ("Translations whose source message no longer exists, kept by "
                     "edition/tools/update_po.py.\nCopy one back into its catalog if the text returns.")
    stamp = datetime.date.today().isoformat()
    for catalog, entry in lost:
        old = po.find(entry.msgid)
        if old is not None:
            po.remove(old)
        po.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr,
                                comment=f"removed from {catalog} on {stamp}",
                                occurrences=entry.occurrences))
    po.save(str(path))
    return path


def merge(pot_dir: Path, languages: list[str]) -> None:
    """``sphinx-intl update``: the POTs of *pot_dir* into the catalogs of *languages*."""
    command = [sys.executable, "-m", "sphinx_intl", "update", "--pot-dir", str(pot_dir),
               "--locale-dir", str(LOCALES), "--line-width", str(WRAP), "--no-obsolete"]
    for lang in languages:
        command += ["--language", lang]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot-dir", default=str(ROOT / "_build" / "gettext"))
    parser.add_argument("-l", "--language", action="append", dest="languages")
    parser.add_argument("--rewrap", action="store_true", help="only rewrap the catalogs another tool saved")
    args = parser.parse_args(argv)
    languages = args.languages or list(translation_languages())
    every = sorted(LOCALES.glob("*/LC_MESSAGES/**/*.po"))
    if args.rewrap:
        report_rewrapped(rewrap(every))
        return 0
    other_wrapping = [path for path in every if rewrapped(path)]
    pot_dir = Path(args.pot_dir)
    if not any(pot_dir.rglob("*.pot")):
        print(f"update-po: no POT files in {pot_dir}: run `make gettext` first", file=sys.stderr)
        return 1
    # the source language has only the interface catalog (edition.po): its pages are the text
    sources = [source_language()] if not args.languages and (pot_dir / "edition.pot").exists() else []

    before = {lang: translations(lang) for lang in languages + sources}
    for lang in languages:
        # a catalog whose page is gone has no POT any more: sphinx-intl would leave it behind
        for path in sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po")):
            catalog = path.relative_to(LOCALES / lang / "LC_MESSAGES").with_suffix("")
            if catalog.as_posix() != "sphinx" and not (pot_dir / catalog).with_suffix(".pot").exists():
                path.unlink()
    merge(pot_dir, languages)
    if sources:
        with tempfile.TemporaryDirectory() as edition_only:
            shutil.copy2(pot_dir / "edition.pot", edition_only)
            merge(Path(edition_only), sources)
    languages += sources

    status = 0
    for lang in languages:
        for path in sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po")):
            normalise(path, lang, (pot_dir / path.relative_to(LOCALES / lang / "LC_MESSAGES")).with_suffix(".pot"))
        kept = {entry.msgstr for _, entry in translations(lang).values()}
        lost = [(catalog, entry) for (catalog, entry) in before[lang].values() if entry.msgstr not in kept]
        if lost:
            where = archive(lang, lost)
            print(f"update-po: {lang}: {len(lost)} translation(s) no longer in any catalog, "
                  f"kept in {where.relative_to(ROOT)}:")
            for catalog, entry in lost:
                print(f"  {catalog}: {entry.msgid[:70]!r}")
    report_rewrapped([path for path in other_wrapping if path.exists()])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
