"""Author–year bibliography that reads correctly in Kazakh, Russian and English.

pybtex's stock styles print English words ("and", "edition", "Volume … of") whatever
the language, lower-case titles, and make alpha labels that drop Cyrillic names. This
registers one pybtex formatting style (and one sphinxcontrib-bibtex referencing style)
per edition language (``edition-kk``,
``edition-ru``, ``edition-en``) with:

- the connecting words of that language;
- labels of the form "Olcott 1987" (a, b … when two works share author and year),
  also used for the in-text citations: "(Olcott 1987; Carr 1950)";
- sorting by author (or title) in the Kazakh alphabet order, Latin before Cyrillic;
- titles printed as written, and the ``note`` field kept for scholars, not printed;
- a volume ("Т. 4", "Volume 1 of …"), a translator and the original title of a
  translation, and the day a web text was read (``urldate``) for an undated one,
  whose label then says "n.d." in the build language.

The style for the build language is chosen at ``config-inited``. Entries themselves are
never translated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field as dataclass_field

from pybtex.database import Person
from pybtex.plugin import find_plugin, register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.formatting import toplevel
from pybtex.style.template import field, join, names, optional, optional_field, sentence, words

from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from edition.data.edition_data import language_codes, source_language
from edition.i18n.edition_strings import N_, PerLanguage, english_name
from edition.apparatus.kazakh_collation import collation_key

# WORDS[lang]["and"] …: English ids of the ``edition`` catalogs (edition/i18n/edition_strings.py)
WORDS = PerLanguage({"and": N_("and"), "et_al": N_("et al."), "edition": N_("edition"), "volume": N_("Volume"),
                     "of": N_("of"), "no_date": N_("n.d."), "translated": N_("Translated by"),
                     "original": N_("Original:"), "accessed": N_("Accessed"),
                     # Translators: how a citation of the ru/en translation names its translator:
                     # %(translator)s is the edition's editors (one institution, the registry's name)
                     "translated_from_source": N_("Translated from the Kazakh by %(translator)s")})
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def _day(iso: str, language: str) -> str:
    """An ISO date (YYYY-MM-DD) as the language writes it: 28.11.2026, or 28 November 2026."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS_EN[month - 1]} {year}" if language == "en" else f"{day:02d}.{month:02d}.{year}"


def _translators(entry) -> str:
    """The ``translator`` field ("Hein, Ruth") as a reader writes the names ("Ruth Hein")."""
    people = [Person(name.strip()) for name in entry.fields["translator"].split(" and ")]
    return ", ".join(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names)
                     for p in people)


def _heading(entry) -> str:
    """Who a work is filed under: its first author's surname, or else its (short) title."""
    persons = entry.persons.get("author") or entry.persons.get("editor")
    if persons:
        return " ".join(persons[0].prelast_names + persons[0].last_names).strip("{}")
    return entry.fields.get("shorttitle") or entry.fields["title"]


class AuthorYearSorting(BaseSortingStyle):
    def sorting_key(self, entry):
        return (collation_key(_heading(entry)), entry.fields.get("year", ""),
                collation_key(entry.fields.get("title", "")))


def _labels_for(language):
    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            base = [f"{_heading(e)} {e.fields.get('year', WORDS[language]['no_date'])}"
                    .replace("--", "–") for e in sorted_entries]
            repeated = {label for label, n in Counter(base).items() if n > 1}
            seen = Counter()
            for label in base:
                if label in repeated:
                    seen[label] += 1
                    label += "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
                yield label
    return AuthorYearLabels


def _style_for(language):
    w = WORDS[language]

    class EditionStyle(UnsrtStyle):
        default_sorting_style = f"edition-{language}"
        default_label_style = f"edition-{language}"

        def format_names(self, role, as_sentence=True):
            formatted = names(role, sep=", ", sep2=f" {w['and']} ", last_sep=f" {w['and']} ")
            return sentence[formatted] if as_sentence else formatted

        def format_title(self, e, which_field, as_sentence=True):
            return sentence[field(which_field)] if as_sentence else field(which_field)

        def format_edition(self, e):
            return optional[words[field("edition"), w["edition"]]]

        def format_volume_and_series(self, e, as_sentence=True):
            return optional[sentence[words[join[w["volume"], " ", field("volume")],
                                           optional[words[w["of"], field("series")]]]]]

        def format_translation(self, e):
            """"Translated by Ruth Hein. Original: Die Rätebewegung …, 1958." when the entry says so."""
            parts = []
            if "translator" in e.fields:
                parts.append(sentence[words[w["translated"], _translators(e)]])
            if "origtitle" in e.fields:
                parts.append(sentence[words[w["original"], join(sep=", ")[field("origtitle"),
                                                                        optional_field("origdate")]]])
            return join(sep=" ")[parts] if parts else optional[""]

        def format_urldate(self, e):
            if "urldate" not in e.fields:
                return optional[""]
            return sentence[words[w["accessed"], _day(e.fields["urldate"], language)]]

        def get_book_template(self, e):
            return toplevel[
                self.format_author_or_editor(e) if e.persons else optional[""],
                self.format_btitle(e, "title"),
                self.format_volume_and_series(e),
                self.format_translation(e),
                sentence[optional_field("address"), optional_field("publisher"),
                         self.format_edition(e), optional_field("year")],
                optional[sentence[self.format_isbn(e)]],
                self.format_web_refs(e),
            ]

        def get_misc_template(self, e):
            return toplevel[
                optional[sentence[self.format_names("author")]],
                self.format_title(e, "title"),
                sentence[optional_field("organization"), optional_field("howpublished"),
                         optional_field("year")],
                self.format_urldate(e),
                self.format_web_refs(e),
            ]

        def format_translated_from_source(self, e):
            """"Translated from the Kazakh by <translator>." when the entry is the edition's
            translation (a ``translator`` and ``origlanguage`` = the source language), the
            names as the author's are (a braced institution stays one name)."""
            if "translator" not in e.persons or e.fields.get("origlanguage") != english_name(source_language()):
                return optional[""]
            before, placeholder, after = w["translated_from_source"].partition("%(translator)s")
            translator = self.format_names("translator", as_sentence=False)
            return sentence[join[before, translator, after] if placeholder else words[before, translator]]

        def get_online_template(self, e):
            """Author–date, for citing the edition itself: Author (Year). Title. [Translated
            from the Kazakh by …] Where. URL."""
            return toplevel[
                sentence[join[self.format_names("author", as_sentence=False), " (", field("year"), ")"]],
                self.format_title(e, "title"),
                self.format_translated_from_source(e),
                sentence[optional_field("howpublished")],
                self.format_web_refs(e),
            ]

    return EditionStyle


def _references_for(language):
    """In-text citations by label, "(Olcott 1987; Carr 1950)", with the language's words."""
    w = WORDS[language]

    @dataclass
    class EditionReferenceStyle(LabelReferenceStyle):
        bracket_parenthetical: BracketStyle = dataclass_field(
            default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
        bracket_textual: BracketStyle = dataclass_field(
            default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
        person: PersonStyle = dataclass_field(default_factory=lambda: PersonStyle(
            sep2=f" {w['and']} ", last_sep=f" {w['and']} ", other=" " + w["et_al"]))

    return EditionReferenceStyle


# pybtex looks a plugin up in the installed entry points on every call (milliseconds
# each, thousands of calls in a large build). Registering the classes it keeps asking
# for as runtime plugins -- the same classes -- turns each look-up into a dict access.
for _group, _name in (("pybtex.backends", "text"), ("pybtex.backends", "plaintext"),
                      ("pybtex.backends", "docutils"), ("pybtex.database.output", "bibtex"),
                      ("pybtex.database.input", "bibtex"), ("pybtex.style.names", "last"),
                      ("pybtex.style.names", "plain")):
    register_plugin(_group, _name, find_plugin(_group, _name), force=True)

for _language in language_codes():
    register_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", f"edition-{_language}",
                           _references_for(_language))
    register_plugin("pybtex.style.formatting", f"edition-{_language}", _style_for(_language))
    register_plugin("pybtex.style.labels", f"edition-{_language}", _labels_for(_language))
    register_plugin("pybtex.style.sorting", f"edition-{_language}", AuthorYearSorting)


def choose_style(app, config):
    language = config.language if config.language in language_codes() else source_language()
    config.bibtex_default_style = f"edition-{language}"
    config.bibtex_reference_style = f"edition-{language}"


def setup(app):
    app.connect("config-inited", choose_style)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
