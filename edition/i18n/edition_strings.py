"""The edition's interface strings: one gettext domain, ``edition``.

Every label the edition's extensions write (note headings, table headings, the cite
control, the chronology's months and calendars, the PDF captions, the bibliography's
words …) is an English message id in ``locales/<lang>/LC_MESSAGES/edition.po``, one
catalog per language, Kazakh included. English is the neutral source of the ids (the
language every contributor to the code reads); ``en/edition.po`` translates them too,
mostly to themselves, so that its counts say "done" and a later English wording needs no
code change. A message a catalog lacks falls back to its English id (gettext's rule).

- In the build language the strings come through Sphinx: ``add_message_catalog`` in
  :func:`setup`, and ``_ = get_translation("edition")`` in a module.
- Where one build needs several languages (the titles in ``citable-units.json``, the
  parallel view, the pybtex style of each language) :func:`for_language` gives the
  same catalogs' gettext for any language.
- :func:`N_` marks a string for extraction where it is translated later.

``edition/tools/edition_pot.py`` (``make gettext``) extracts the ids with Babel's extractor into
``_build/gettext/edition.pot``; ``make update-po`` merges it like the page catalogs.
Sphinx compiles the page catalogs when its builder starts, after the extensions are set
up, so the ``edition`` catalogs are compiled here (:func:`compile_catalogs`, to
``edition.mo`` beside each ``.po``, only when the ``.po`` is newer).
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from collections.abc import Mapping

import polib
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.locale import get_translation

from edition.data.edition_data import language_codes
from edition import ROOT
from edition.files import atomic_write

DOMAIN = "edition"
LOCALES = ROOT / "locales"

_ = get_translation(DOMAIN)


def N_(message: str) -> str:
    """Mark *message* for extraction; it is translated where it is used."""
    return message


def compile_catalog(po_path: Path) -> Path:
    """``edition.po`` -> ``edition.mo`` (fuzzy messages left out), atomically: the languages
    build in parallel and each reads the others' catalogs."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return mo_path
    with po_path.open("rb") as stream:
        catalog = read_po(stream, locale=po_path.parent.parent.name, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    atomic_write(mo_path, compiled.getvalue())
    return mo_path


def compile_catalogs(locales: Path = LOCALES) -> None:
    for po_path in sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        compile_catalog(po_path)


@cache
def _translations(lang: str, locales: str) -> gettext.NullTranslations:
    compile_catalogs(Path(locales))
    return gettext.translation(DOMAIN, locales, [lang], fallback=True)


def for_language(lang: str, locales: Path = LOCALES):
    """The ``edition`` gettext of *lang* (the English id where its catalog lacks a message)."""
    return _translations(lang, str(locales)).gettext


@cache
def _translated(po_path: str, stamp: int) -> frozenset[str]:
    return frozenset(entry.msgid for entry in polib.pofile(po_path).translated_entries())


def is_translated(lang: str, message: str, locales: Path = LOCALES) -> bool:
    """Whether *lang*'s catalog translates *message* (where an untranslated message must be
    left to another mechanism rather than shown in English, e.g. LaTeX's own captions)."""
    path = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return path.is_file() and message in _translated(str(path), path.stat().st_mtime_ns)


class PerLanguage(Mapping):
    """Named messages looked up per language, for modules that need several languages:
    ``WORDS = PerLanguage({"cite": N_("Cite")})``, then ``WORDS[lang]["cite"]``. Every
    registered language is a key; any other gets the English ids."""

    def __init__(self, messages: dict[str, str]):
        self.messages = messages

    def __getitem__(self, lang: str) -> dict[str, str]:
        translate = for_language(lang)
        return {key: translate(message) for key, message in self.messages.items()}

    def __iter__(self):
        return iter(language_codes())

    def __len__(self) -> int:
        return len(language_codes())


def english_name(lang: str) -> str:
    """The language's English name in lower case, as BibTeX's ``language`` field has it
    ("kazakh"), from CLDR (Babel)."""
    return Locale.parse(lang).get_display_name("en").lower()


def setup(app):
    compile_catalogs()
    app.add_message_catalog(DOMAIN, str(LOCALES))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
