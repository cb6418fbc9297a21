"""The edition's data files in ``docs/_data/``: loaded, validated by schema, declared.

The extensions (and the tools and tests) read the single sources of truth -- termbase,
abbreviations, emendations, notes, names, chronology -- only through :func:`load`, which

- validates the file against its JSON Schema in ``docs/_data/schemas/<name>.json``
  (the ``jsonschema`` library). A missing translation, a wrong type or an unknown key is
  an error that names the file and line; so is a YAML syntax error. The languages every
  translated value must have come from the language registry (``languages.yaml``, read by
  :func:`registry`; conf.py's ``edition_languages`` is made from it), so the schemas do not
  repeat them;
- declares the file a dependency of the page being read (``env.note_dependency``), so a
  page that shows data is rebuilt when the data changes;
- caches the parsed file by its modification time, never longer.

In Sphinx every data file is validated once when the builder starts, and a problem stops
the build with one ``file:line: message`` per problem, before any page is written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml
from sphinx.errors import SphinxError
from sphinx.util import logging
from edition import ROOT
from edition.guards.untrusted_text import InputError, NotUTF8, read_utf8

DATA_DIR = ROOT / "docs" / "_data"
SCHEMA_DIR = DATA_DIR / "schemas"
logger = logging.getLogger(__name__)

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster
MAX_DEPTH = 16  # nested collections: a data file needs 5 (notes: notes, a note, its languages, …)
UNEXPECTED = re.compile(r"\('([^']+)'")  # the first key named in "('colour' was unexpected)"
_cache: dict[str, tuple[tuple[int, int], object]] = {}
_env = None  # the Sphinx environment being built, set by setup(): load() declares dependencies on it


class DataError(SphinxError, InputError):
    """A data file is not valid; the message is one ``file:line: problem`` per line."""

    category = "Edition data error"


def check_shape(path: Path, text: str) -> None:
    """Refuse, before anything is built from it, a YAML text that would grow in memory or nest
    past any data file's shape: an alias (``*name``: a "billion laughs" expands aliases of
    aliases) or collections nested deeper than MAX_DEPTH. Read event by event (no recursion,
    nothing expanded); a DataError ``file:line: …`` (a syntax error propagates as yaml's)."""
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise DataError(f"{path}:{event.start_mark.line + 1}: YAML alias *{event.anchor}: the edition's data "
                            "files use no anchors or aliases; write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError(f"{path}:{event.start_mark.line + 1}: nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _read(path: Path) -> tuple[object, yaml.Node | None]:
    """The parsed file and its YAML node tree (for line numbers); a file that is not UTF-8, a
    character YAML does not allow, a syntax error, an alias or too deep a nesting is a DataError."""
    try:
        text = read_utf8(path)
    except NotUTF8 as error:
        raise DataError(str(error)) from None
    try:
        loader = LOADER(text)  # the pure-Python reader checks the characters here
    except yaml.reader.ReaderError as error:
        raise DataError(_reader_problem(path, text, error)) from None
    try:
        check_shape(path, text)
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        context = (f" ({error.context} that starts at line {error.context_mark.line + 1})"
                   if error.context and error.context_mark else "")
        raise DataError(f"{path}:{line}: YAML syntax error: {error.problem}{context}") from None
    except yaml.reader.ReaderError as error:  # libyaml checks them as it reads
        raise DataError(_reader_problem(path, text, error)) from None
    finally:
        loader.dispose()


def _reader_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> str:
    """A character YAML refuses (a control character, a noncharacter) as ``file:line: …``; the
    line is that of its first occurrence (libyaml counts bytes, PyYAML characters)."""
    character = chr(error.character) if isinstance(error.character, int) else ""
    index = text.find(character) if character else -1
    line = text.count("\n", 0, index) + 1 if index >= 0 else 1
    return (f"{path}:{line}: YAML syntax error: the character U+{ord(character or chr(0)):04X} is not allowed "
            "(a control character or a noncharacter): remove it")


def node_of(path: Path) -> yaml.Node | None:
    """The YAML node tree of *path* (a data file whose strings are checked by line)."""
    return _read(path)[1]


def _line(node: yaml.Node | None, path, key: str | None = None) -> int:
    """The line of the value at *path* (a jsonschema error path), or of *key* inside it."""
    if node is None:
        return 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        else:
            child = None
        if child is None:
            break
        node = child
    if key is not None and isinstance(node, yaml.MappingNode):
        node = next((k for k, _v in node.value if k.value == key), node)
    return node.start_mark.line + 1


# -- the language registry: docs/_data/languages.yaml, the one list of languages -----------

_registry: tuple[tuple[int, int], list[dict]] | None = None  # (stamp of the file, its entries)


def registry() -> list[dict]:
    """The entries of ``docs/_data/languages.yaml``, the source language first. The file is
    validated on its first read (and again only if it changed), since conf.py and the tools
    read it before any builder exists: a bad registry is a ``file:line`` error (DataError),
    never a traceback."""
    global _registry
    stat = (DATA_DIR / "languages.yaml").stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    if _registry is None or _registry[0] != stamp:
        found = problems("languages", ())
        if found:
            raise DataError("\n".join(found))
        _registry = (stamp, load("languages")["languages"])
    return _registry[1]


def language_codes() -> tuple[str, ...]:
    """The codes of every edition language, the source first."""
    return tuple(entry["code"] for entry in registry())


def draft_languages() -> tuple[str, ...]:
    """The languages just added (``draft: true``, ``make add-language``): the data files need
    no text in them yet, and :func:`pick` gives the source's meanwhile."""
    return tuple(entry["code"] for entry in registry() if entry.get("draft"))


def source_language() -> str:
    return language_codes()[0]


def translations() -> tuple[str, ...]:
    """The translation languages: every language but the source."""
    return language_codes()[1:]


def schema(name: str, languages=None) -> dict:
    """The JSON Schema of data file *name*, its ``#/$defs/translated`` made for *languages*
    (by default the registry's)."""
    if languages is None:
        languages = language_codes()
    required = [lang for lang in languages if lang not in (draft_languages() if languages else ())]
    document = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    defs = document.setdefault("$defs", {})
    strings = {lang: {"type": "string", "minLength": 1} for lang in languages}
    # a value in every language but a draft: {kk: …, ru: …, en: …} and nothing else
    defs["translated"] = {"type": "object", "required": required, "properties": strings,
                          "additionalProperties": False}
    # the same keys beside others in one entry (the entry says unevaluatedProperties: false)
    defs["languages"] = {"required": required, "properties": strings}
    # per language a mapping of parts, beside other keys (the schema defines #/$defs/parts)
    defs["languages_parts"] = {"required": required,
                               "properties": {lang: {"$ref": "#/$defs/parts"} for lang in languages}}
    return document


def problems(name: str, languages=None) -> list[str]:
    """Every schema problem of ``docs/_data/<name>.yaml`` as ``file:line: message`` (none: [])."""
    path = DATA_DIR / f"{name}.yaml"
    try:
        document, node = _read(path)
    except DataError as error:
        return [str(error)]
    validator = jsonschema.Draft202012Validator(schema(name, languages),
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        unexpected = UNEXPECTED.search(error.message) if error.validator.endswith("Properties") else None
        key = unexpected[1] if unexpected else None
        where = "/".join(map(str, error.absolute_path)) or "(top)"
        found.append(f"{path}:{_line(node, error.absolute_path, key)}: {where}: {_shortened(error)}")
    return found


SHOWN = 60  # characters of a rejected value a message shows


def _shortened(error: jsonschema.ValidationError) -> str:
    """jsonschema's message with the rejected value cut to its first characters: the value may
    be a whole file (a data file that is a symlink to another file) or a huge string."""
    message = error.message
    if len(message) <= 2 * SHOWN:
        return message
    value = repr(error.instance) if isinstance(error.instance, (str, int, float, bool)) else None
    if value and message.startswith(value):
        return f"{value[:SHOWN]}… ({len(value)} characters){message[len(value):]}"
    return f"{message[:SHOWN]}… ({len(message)} characters)"


def data_files() -> list[str]:
    """The names of the data files that have a schema: every one of them is checked."""
    return sorted(p.stem for p in SCHEMA_DIR.glob("*.json"))


def load(name: str):
    """The parsed ``docs/_data/<name>.yaml``; the page being read now depends on it."""
    path = DATA_DIR / f"{name}.yaml"
    if _env is not None and getattr(_env, "docname", ""):
        _env.note_dependency(str(path))
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(name)
    if cached is None or cached[0] != stamp:
        cached = _cache[name] = (stamp, _read(path)[0])
    return cached[1]


def pick(mapping: dict, language: str) -> str:
    """The value of a ``{kk: …, ru: …, en: …}`` mapping in *language*. The schemas require
    every edition language, so a missing one is a data error, never a silent fallback; but
    for a draft language (just added), which shows the source's text until it has its own."""
    if language not in mapping and language in draft_languages():
        return mapping[source_language()]
    return mapping[language]


def stop(problems: list[str]) -> None:
    """End the build at once, printing each ``file:line: message`` as Sphinx prints errors.

    Sphinx answers any exception an extension raises with a traceback and a request to
    report a bug in Sphinx (``sphinx/_cli/util/errors.py``). Bad input is the author's to
    fix, so it ends the build the way a command-line tool does: the messages, then exit 2.
    """
    for problem in problems:
        where, _, message = problem.partition(": ")
        logger.error(message, location=where, type="edition", subtype="input")
    raise SystemExit(2)


def validate(app) -> None:
    """Check every data file before any page is read; stop the build if one is bad."""
    global _env
    _env = app.env
    found = [problem for name in data_files()
             for problem in problems(name, tuple(app.config.edition_languages))]
    if found:
        stop(found)


def setup(app):
    app.connect("builder-inited", validate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
