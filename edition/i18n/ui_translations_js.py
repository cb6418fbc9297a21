"""The interface catalog reaches JavaScript too: ``sphinx.js`` from ``sphinx.po``.

Sphinx translates the strings of its search page ("Searching", "Search Results", the
"found N pages" plural …) in the browser, from a ``sphinx.js`` file beside the
catalog, and ships none for Kazakh. This writes ``locales/<lang>/LC_MESSAGES/sphinx.js``
from the project's ``sphinx.po`` (with polib) before the builder looks for it, whenever
the ``.po`` is newer. Where Sphinx ships a ``sphinx.js`` (Russian), the project's strings
are laid over Sphinx's own: its Russian "found N pages" plural is empty, which left the
Russian search page without its summary. Only the messages Sphinx's scripts translate
(``script_messages``) are written: the theme's and the PDF's strings stay in Python, and
every page loads a lighter file. Not committed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import polib
import sphinx
from sphinx.errors import ExtensionError

from edition.guards.catalog_guard import plural_expression as plural_expression_of


def plural_expression(po: polib.POFile) -> str:
    """The catalog's plural rule as JavaScript. doctools.js evaluates it with ``new Function``,
    so only an expression that gettext's own parser accepts (``n``, numbers, operators and
    parentheses: ``catalog_guard.plural_expression``) is ever written; anything else raises."""
    expression = plural_expression_of(po.metadata.get("Plural-Forms", "nplurals=2; plural=(n != 1);"))
    return f"Number({expression})"  # doctools.js indexes the plural forms with it: true/false will not do


def shipped_messages(shipped: Path) -> dict:
    """The messages of a ``sphinx.js`` Sphinx ships (``Documentation.addTranslations({...});``)."""
    text = shipped.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])["messages"]


JS_MESSAGE = re.compile(r'\b(?:_|gettext|ngettext)\(\s*"((?:[^"\\\n]|\\.)*)"')


@cache
def script_messages() -> frozenset[str]:
    """The message ids the basic theme's scripts translate in the browser."""
    static = Path(sphinx.__file__).parent / "themes" / "basic" / "static"
    found = set()
    for script in static.glob("*.js*"):
        found |= {json.loads(f'"{m}"') for m in JS_MESSAGE.findall(script.read_text(encoding="utf-8"))}
    return frozenset(found)


def write_sphinx_js(po_path: Path, js_path: Path, language: str, base: dict | None = None) -> None:
    po = polib.pofile(str(po_path))
    messages = dict(base or {})
    for entry in po.translated_entries():
        if entry.msgid_plural:
            messages[entry.msgid] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            messages[entry.msgid] = entry.msgstr
    wanted = script_messages()
    messages = {msgid: text for msgid, text in messages.items() if msgid in wanted}
    payload = {"locale": language, "messages": messages, "plural_expr": plural_expression(po)}
    js_path.write_text("Documentation.addTranslations(" + json.dumps(payload, ensure_ascii=False,
                       sort_keys=True, separators=(",", ":")) + ");\n", encoding="utf-8")


def generate(app, config):
    shipped = Path(sphinx.__file__).parent / "locale" / config.language / "LC_MESSAGES" / "sphinx.js"
    base = shipped_messages(shipped) if shipped.is_file() else {}
    for directory in config.locale_dirs:
        folder = Path(app.srcdir, directory, config.language, "LC_MESSAGES")
        po_path, js_path = folder / "sphinx.po", folder / "sphinx.js"
        if po_path.is_file() and (not js_path.is_file() or js_path.stat().st_mtime < max(
                po_path.stat().st_mtime, Path(__file__).stat().st_mtime)):  # the .po or this writer changed
            write_sphinx_js(po_path, js_path, config.language, base)


def setup(app):
    # The contract this file relies on: Sphinx's doctools.js exposes
    # Documentation.addTranslations and evaluates plural_expr (basic theme, Sphinx 9.0).
    doctools = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "doctools.js"
    if "addTranslations" not in doctools.read_text(encoding="utf-8") or "Searching" not in script_messages():
        raise ExtensionError(f"ui_translations_js: Documentation.addTranslations is gone from doctools.js "
                             f"in Sphinx {sphinx.__version__} (written for 9.0), or its scripts no longer "
                             "translate through _() and ngettext()")
    app.connect("config-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
