"""A translation-status table built from the catalogs: the ``{translation-status}`` directive.

Reads every ``locales/<lang>/LC_MESSAGES/**/*.po`` with polib at build time and renders,
per translation language and catalog, the translated, fuzzy and untranslated counts.
The page is rebuilt whenever a catalog changes. ``edition/tools/po_stats.py`` (``make stats``)
prints the same numbers from the same function.
"""

from __future__ import annotations

from pathlib import Path

import polib
from sphinx.util.docutils import SphinxDirective

from edition.data.data_tables import data_table, row
from edition.data.edition_data import translations
from edition.i18n.edition_strings import N_, _
from edition import ROOT

LOCALES = ROOT / "locales"
HEADINGS = (N_("Language"), N_("Catalog"), N_("Translated"), N_("Fuzzy"), N_("Untranslated"), N_("Done"))


def done(translated: int, total: int) -> str:
    """The share done, rounded down to 0.1 %: "100%" only when nothing is left (353 of 354
    is "99.7%", never "100%"), "0%" only when nothing is done."""
    if translated >= total:
        return "100%"
    tenths = translated * 1000 // max(1, total)
    return "0%" if not translated else f"{tenths // 10}.{tenths % 10}%"


def catalog_stats(lang: str, locales: Path = LOCALES) -> list[tuple[str, int, int, int]]:
    """(catalog, translated, fuzzy, untranslated) for each catalog of *lang*."""
    folder = locales / lang / "LC_MESSAGES"
    rows = []
    for path in sorted(folder.rglob("*.po")):
        po = polib.pofile(str(path))
        rows.append((path.relative_to(folder).with_suffix("").as_posix(), len(po.translated_entries()),
                     len(po.fuzzy_entries()), len(po.untranslated_entries())))
    return rows


class TranslationStatus(SphinxDirective):
    def run(self):
        heads = [_(heading) for heading in HEADINGS]
        table, body = data_table(["translation-status"], (1, 4, 2, 2, 2, 1), heads)
        for lang in translations():
            for path in (LOCALES / lang / "LC_MESSAGES").rglob("*.po"):
                self.env.note_dependency(str(path))
            for name, translated, fuzzy, todo in catalog_stats(lang):
                share = done(translated, translated + fuzzy + todo)
                body += row(*(str(cell) for cell in (lang, name, translated, fuzzy, todo, share)))
        return [table]


def setup(app):
    app.add_directive("translation-status", TranslationStatus)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
