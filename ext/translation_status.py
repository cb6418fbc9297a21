"""A translation-status table built from the catalogs: the ``{translation-status}`` directive.

Reads every ``locales/<lang>/LC_MESSAGES/**/*.po`` with polib at build time and renders,
per translation language and catalog, the translated, fuzzy and untranslated counts.
The page is rebuilt whenever a catalog changes. ``tools/po_stats.py`` (``make stats``)
prints the same numbers from the same function.
"""

from __future__ import annotations

from pathlib import Path

import polib
from sphinx.util.docutils import SphinxDirective

from data_tables import data_table, row

LOCALES = Path(__file__).resolve().parent.parent / "locales"
TRANSLATIONS = ("ru", "en")
HEADINGS = {
    "kk": ("Тіл", "Каталог", "Аударылған", "Анық емес", "Аударылмаған", "Дайын"),
    "ru": ("Язык", "Каталог", "Переведено", "Неточные", "Не переведено", "Готово"),
    "en": ("Language", "Catalog", "Translated", "Fuzzy", "Untranslated", "Done"),
}


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
        heads = HEADINGS.get(self.config.language, HEADINGS["en"])
        table, body = data_table(["translation-status"], (1, 4, 2, 2, 2, 1), heads)
        for lang in TRANSLATIONS:
            for path in (LOCALES / lang / "LC_MESSAGES").rglob("*.po"):
                self.env.note_dependency(str(path))
            for name, done, fuzzy, todo in catalog_stats(lang):
                share = f"{done / max(1, done + fuzzy + todo):.0%}"
                body += row(*(str(cell) for cell in (lang, name, done, fuzzy, todo, share)))
        return [table]


def setup(app):
    app.add_directive("translation-status", TranslationStatus)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
