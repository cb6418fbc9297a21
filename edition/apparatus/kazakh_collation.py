"""Index order and letter headings that follow the Kazakh (and Russian) alphabet.

Sphinx sorts the general index by code point after NFD normalisation, so Ә Ғ Қ Ң Ө
Ұ Ү Һ І sort after Я, and Й and Ё are filed under И and Е. This extension replaces the
three key functions of ``sphinx.environment.adapters.indexentries`` (Sphinx has no
hook for index collation) with ones that follow the Kazakh alphabet; Russian is the
same order without the Kazakh letters. Latin letters keep their usual order and come
before Cyrillic; symbols and digits come first, as in Sphinx.

The PDF's index is sorted by xindy, which has no Kazakh module: Sphinx runs it with
``-L general``, which sorts Ә Ғ Қ Ң Ө Ұ Ү Һ І by code point and files them under one
group. For a Kazakh LaTeX build this writes ``kazakh.xdy`` next to Sphinx's
``sphinx.xdy`` (and makes that file require it): a sort rule and a letter group for each
letter of the same ``ALPHABET``, so the PDF's index has the HTML index's order and groups.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import sphinx
from sphinx.environment.adapters import indexentries
from sphinx.errors import ExtensionError

ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RANK = {letter: i for i, letter in enumerate(ALPHABET)}
RTL_MARK = "\N{RIGHT-TO-LEFT MARK}"


def collation_key(text: str) -> tuple:
    """A sort key for *text*: Latin by letter, Cyrillic by the Kazakh alphabet."""
    key = []
    for char in text.lower().removeprefix(RTL_MARK):
        if char in RANK:
            key.append((2, RANK[char]))
        elif char.isalpha():
            base = unicodedata.normalize("NFD", char)[0]
            key.append((1, ord(base), ord(char)))
        else:
            key.append((0, ord(char)))
    return tuple(key)


def heading_letter(text: str) -> str:
    """The letter an index entry is filed under: Й stays Й, Ә stays Ә."""
    first = text.removeprefix(RTL_MARK)[:1]
    if first.lower() not in RANK:
        first = unicodedata.normalize("NFD", first)[:1]
    return first.upper()


def _key_func_1(entry):
    key, (_targets, _sub_items, category_key) = entry
    key = category_key or key
    symbol = not key.removeprefix(RTL_MARK)[:1].isalpha() and not key.startswith("_")
    return (0 if symbol else 1, collation_key(key)), entry[0]


def _key_func_2(entry):
    key = entry[0].removeprefix(RTL_MARK)
    return (1 if key[:1].isalpha() or key.startswith("_") else 0, collation_key(key))


def _group_by_func(entry):
    key, (_targets, _sub_items, category_key) = entry
    if category_key is not None:
        return category_key
    letter = heading_letter(key)
    if letter.isalpha() or letter == "_":
        return letter
    return indexentries._("Symbols")


def xindy_module() -> str:
    """The xindy rules of the Kazakh alphabet: letter *i*, either case, sorts as ``{NN``
    (after Latin letters, which xindy's general module keeps), in a group of its own."""
    lines = [";; The Kazakh alphabet for xindy, written by edition/apparatus/kazakh_collation.py from its ALPHABET."]
    for i, letter in enumerate(ALPHABET):
        lines += [f'(sort-rule "{letter}" "{{{i:02d}")', f'(sort-rule "{letter.upper()}" "{{{i:02d}")']
    previous = None
    for i, letter in enumerate(ALPHABET):
        after = f' :after "{previous}"' if previous else ""
        lines.append(f'(define-letter-group "{letter.upper()}"{after} :prefixes ("{{{i:02d}"))')
        previous = letter.upper()
    return "\n".join(lines) + "\n"


REQUIRE = '(require "kazakh.xdy")\n'


def write_xindy_module(app, exception):
    if exception or app.builder.name != "latex" or app.config.language != "kk":
        return
    out = Path(app.outdir)
    sphinx_xdy = out / "sphinx.xdy"
    if not app.config.latex_use_xindy or not sphinx_xdy.is_file():
        raise ExtensionError(f"kazakh_collation: no {sphinx_xdy} (latex_use_xindy is "
                             f"{app.config.latex_use_xindy}, Sphinx {sphinx.__version__}): the PDF's index "
                             f"could not follow the Kazakh alphabet")
    (out / "kazakh.xdy").write_text(xindy_module(), encoding="utf-8")
    text = sphinx_xdy.read_text(encoding="utf-8")
    if REQUIRE not in text:
        sphinx_xdy.write_text(text + "\n;; the Kazakh alphabet (edition/apparatus/kazakh_collation.py)\n" + REQUIRE, encoding="utf-8")


PATCHED = ("_key_func_1", "_key_func_2", "_group_by_func", "_")


def setup(app):
    # Private functions of sphinx.environment.adapters.indexentries (unchanged from 8.1 to
    # 9.1). Sphinx has no collation hook: sphinx-doc/sphinx#1400 (open) and #736 ("would
    # require a library of strxfrm-type functions"). Fenced: assigning a renamed function
    # would silently do nothing, so a missing one stops the build.
    missing = [name for name in PATCHED if not callable(getattr(indexentries, name, None))]
    if missing:
        raise ExtensionError(f"kazakh_collation: sphinx.environment.adapters.indexentries has no "
                             f"{', '.join(missing)} in Sphinx {sphinx.__version__} (written for 9.0): "
                             f"the index could not follow the Kazakh alphabet")
    indexentries._key_func_1 = _key_func_1
    indexentries._key_func_2 = _key_func_2
    indexentries._group_by_func = _group_by_func
    app.connect("build-finished", write_xindy_module)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
