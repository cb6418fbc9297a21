#!/usr/bin/env python3
"""Translator quality checks for the catalogs in locales/.

Usage: python -m edition.tools.check_po [--lang ru] [FILE.po ...]   (default: every catalog of every language)
       python -m edition.tools.check_po --witness                    (the witness's words kk_KZ rejects)

Prints one ``file:line: [check] message`` per problem and exits 1 if there is any.
The checks, each with its own name:

  msgfmt     ``msgfmt --check`` accepts the file (and it has no byte-order mark)
  header     ``Language`` is the folder's language, ``Plural-Forms`` is valid and is that
             language's rule (edition/guards/catalog_guard.py, which the build runs too)
  fuzzy      no entry is fuzzy
  untranslated  no entry is untranslated
             (neither applies to a draft language, ``draft: true`` in the registry: it
             is published as far as it is translated, the rest shown in the source, marked)
  roles      MyST roles keep their targets: {term}, {place}, {person} keys, {cite} keys,
             {ref}/{doc}/{numref} targets and link targets are the same as in the msgid
  numbers    every number of the msgid is in the msgstr (documented exceptions in
             docs/_data/po_exceptions.yaml)
  markup     no raw HTML, {raw}/{eval-rst} blocks or script content (translate-toolkit's
             xmltags check, plus MyST directives)
  termbase   a glossary term's translation is the termbase rendering; in running text
             (every catalog, and the ru/en texts of docs/_data/notes.yaml,
             chronology.yaml, abbreviations.yaml and emendations.yaml) a term,
             body or place of the termbase that the Kazakh names
             is rendered by one of its accepted forms, and never by a rejected one
  spell      the ru and en texts pass hunspell (Debian's ru_RU and en_US dictionaries),
             and so does the editors' Kazakh (kk_KZ): the kk interface catalogs, the kk
             texts of the data files, the glossary and the editorial pages (docs/*.md,
             never docs/chapters/: the witness's words); names and terms of the project
             word lists locales/<lang>/wordlist.txt aside. ``--witness`` lists the words
             of the witness kk_KZ rejects, candidates for the editors (nothing fails)
  yo         Russian writes ё as the rest of the edition does: a word spelled with е
             where the edition elsewhere writes it with ё is reported
  unsafe     no control character or noncharacter, and nothing that names a file or runs
             code (a reference definition, an image, a directive, a {download} role, a link
             to a file) that the msgid lacks: edition/guards/untrusted_text.py, which also
             checks every text of the data files (docs/_data/*.yaml)

Wrapping is style, never a problem: a catalog saved by Poedit, msgcat, Lokalize or polib's
default builds as it is. ``make check-po`` names the catalogs wrapped another way than the
canonical (polib, width 79) on a note line; ``make update-po`` rewraps them (powrap-style:
only those, each named).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib
import yaml
from translate.filters import checks
from translate.storage.pypo import pounit

from edition.guards.catalog_guard import header_line, header_problems, syntax_problems  # noqa: E402
from edition.guards.untrusted_text import text_problems
from edition.data.edition_data import (DataError, data_files, draft_languages, load, node_of,  # noqa: E402
                                       source_language, translations)
from edition.i18n.catalog_lines import flag_line, msgstr_line
from edition.i18n.myst_text import EXPLICIT, ROLE, visible
from edition.tools import update_po

from edition import ROOT
LOCALES = ROOT / "locales"
DATA = ROOT / "docs" / "_data"
WRAP = update_po.WRAP
TRANSLATED_LANGUAGES = translations()  # the language registry, docs/_data/languages.yaml
INTERFACE_CATALOGS = ("sphinx", "edition")  # English ids: the termbase's Kazakh forms are not in them


def termbase_languages() -> tuple[str, ...]:
    """The translations the termbase renders every term into: only they are held to it (a
    language just added has none yet)."""
    terms = load("termbase")["terms"]
    return tuple(lang for lang in TRANSLATED_LANGUAGES if all(term.get(lang) for term in terms))


def spelled_languages() -> tuple[str, ...]:
    """The languages the spell check reads: the source (the editors' Kazakh) and the
    translations, those with a project word list (``locales/<lang>/wordlist.txt``) beside
    the hunspell dictionary of their script."""
    return tuple(lang for lang in (source_language(),) + TRANSLATED_LANGUAGES
                 if (LOCALES / lang / "wordlist.txt").is_file())

LINK = re.compile(r"\]\(([^)\s]+)\)")
KEYED = {"term", "place", "person", "ref", "doc", "numref"}
DROPPABLE = {"abbr", "emend"}  # source-language markup: translations may drop it
SMUGGLED = re.compile(r"\{(raw|eval-rst|eval-md|include|literalinclude)\}|<\s*/?\s*script|javascript:",
                      re.IGNORECASE)


def role_spans(text: str) -> list[tuple[tuple[str, str], int, str]]:
    """(key, offset, how a translator sees it) of every role target and link target a
    translation must keep: ``{term}`…<Кеңес>```, ``{cite:p}`carr1952bolshevik```."""
    found = []
    for match in ROLE.finditer(text):
        name, body = match.groups()
        if name.startswith("cite") or name.startswith("footcite"):
            found += [(("cite", key.strip()), match.start(), f"{{{name}}}`{key.strip()}`") for key in body.split(",")]
        elif name in KEYED:
            explicit = EXPLICIT.match(body)
            target = explicit.group(2) if explicit else body
            found.append(((name, target), match.start(), f"{{{name}}}`…<{target}>`" if explicit else match.group(0)))
        elif name not in DROPPABLE:
            found.append(((name, body), match.start(), match.group(0)))
    found += [(("link", m.group(1)), m.start(), f"[…]({m.group(1)})") for m in LINK.finditer(text)]
    return found


def role_targets(text: str) -> Counter:
    """The role targets that a translation must keep, as a multiset."""
    return Counter(key for key, _, _ in role_spans(text))


ROLE_OPENING = re.compile(r"\{[\w:-]+\}`")


def unclosed_role(text: str) -> tuple[str, int] | None:
    """(the opening, where the backtick is missing) of a role whose closing backtick is
    missing (its text runs into the next role, or to the end), or None: one problem, not a
    cascade of role and spelling errors."""
    openings = list(ROLE_OPENING.finditer(text))
    for number, opening in enumerate(openings):
        close = text.find("`", opening.end())
        following = openings[number + 1].start() if number + 1 < len(openings) else len(text)
        if close < 0 or close >= following:
            target_end = text.find(">", opening.end(), following)  # the backtick belongs after "<target>"
            return opening.group(0), target_end + 1 if target_end >= 0 else opening.start()
    return None


def role_findings(msgid: str, msgstr: str) -> list[tuple[int, str]]:
    """(offset in the msgstr, message) for every role or link target the translation lost,
    changed or added, in a translator's words."""
    source, target = role_spans(msgid), role_spans(msgstr)
    missing = list((Counter(k for k, _, _ in source) - Counter(k for k, _, _ in target)).elements())
    added = list((Counter(k for k, _, _ in target) - Counter(k for k, _, _ in source)).elements())
    found = []
    for key in added:
        offset, shown = next((o, t) for k, o, t in target if k == key)
        changed = next((k for k in missing if k[0] == key[0]), None)
        if changed:  # the same role, another target: a Kazakh target retyped
            missing.remove(changed)
            original = next(t for k, _, t in source if k == changed)
            found.append((offset, f"{shown}: the target stays Kazakh, exactly as in the msgid: {original}"))
        else:
            found.append((offset, f"{shown} is not in the msgid: remove it, or give it the msgid's target"))
    for key in missing:
        offset, shown = next((o, t) for k, o, t in source if k == key)
        where = round(offset * len(msgstr) / max(1, len(msgid)))  # about where it stood
        hint = ("copy the citation as it is" if key[0] == "cite" else "keep the link, translate only its text"
                if key[0] == "link" else "keep the role and its <target>, translate only the text before it")
        found.append((where, f"{shown} is missing from the translation: {hint}"))
    return found


def numbers(text: str) -> Counter:
    text = ROLE.sub(lambda m: "" if m.group(1).startswith("cite") else m.group(0), text)
    text = re.sub(r"<[^<>]*>`", "`", text)  # role targets are checked by `roles`
    text = re.sub(r"(?<![\d,.])(\d{1,3}),(\d{3})(?!\d|,\d)", r"\1\2", text)  # English "1,090" is 1090
    return Counter(re.findall(r"\d+", text))


# Python's %-formatting as `str % values` reads it: a placeholder, or a lone "%" (an error)
PERCENT = re.compile(r"%(?:(%)|(?:\(([^()]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa])|())")


def placeholders(text: str) -> list[tuple[str, str]] | None:
    """The %-placeholders of *text* as (name, conversion), in order; None if a "%" is no placeholder."""
    found = []
    for match in PERCENT.finditer(text):
        if match.group(4) is not None:
            return None
        if not match.group(1):
            found.append((match.group(2) or "", match.group(3)))
    return found


def format_problem(entry: polib.POEntry) -> str | None:
    """Why *entry*'s msgstr would fail or change the %-formatting of its msgid, with or without
    its ``python-format`` flag (msgfmt checks only a flagged one): None if it would not."""
    if "no-python-format" in entry.flags or entry.msgid_plural:  # msgfmt checks a flagged plural
        return None
    source = placeholders(entry.msgid)
    if source is None or not source and "python-format" not in entry.flags:
        return None  # not a %-format (a date format such as "%b %d, %Y"; a "%" a percent sign)
    target = placeholders(entry.msgstr)
    if target is None:
        return "a '%' in the msgstr is no placeholder (write '%%' for a percent sign)"
    named = any(name for name, _ in source)
    if (sorted(target) != sorted(source)) if named else (target != source):
        shown = lambda found: ", ".join(f"%({n}){c}" if n else f"%{c}" for n, c in found) or "none"  # noqa: E731
        return f"placeholders differ from the msgid: msgid {shown(source)}, msgstr {shown(target)}"
    return None


# what the citation writers (edition/citing/units.py) cannot carry as text in a heading of a
# page (checked in every message of the pages' catalogs): pybtex's BibTeX
# writer encodes % & _ # ~ but leaves braces and backslashes as LaTeX (its styles read them
# so too), and a RIS field is one line
CITATION_UNSAFE = ("{", "}", "\\", "\n")


def load_exceptions() -> set[tuple[str, str, str]]:
    """(language, catalog, number) triples that may legitimately be missing."""
    path = DATA / "po_exceptions.yaml"
    if not path.exists():
        return set()
    data = load("po_exceptions") or {}
    return {(e["language"], e["catalog"], str(e["number"])) for e in data.get("numbers", [])}


def termbase(lang: str) -> dict[str, str]:
    data = load("termbase")
    return {t["kk"]: t[lang] for t in data["terms"]}


def catalog_name(path: Path) -> str:
    return path.as_posix().split("/LC_MESSAGES/", 1)[-1].removesuffix(".po")


def check_file(path: Path, lang: str, exceptions: set) -> list[str]:
    problems: list[str] = []

    def report(line: int, check: str, message: str) -> None:
        problems.append(f"{path}:{line}: [{check}] {message}")

    syntax = syntax_problems(path)  # the build's own check (edition/guards/catalog_guard.py)
    if syntax:
        return [re.sub(r"^(\S+?:\d+)(?::\d+)?: ", r"\1: [msgfmt] ", line, count=1) for line in syntax]
    try:
        po = polib.pofile(str(path), wrapwidth=WRAP)
    except (OSError, ValueError) as error:
        return [f"{path}:1: [msgfmt] does not parse: {error}"]

    for field, problem in header_problems(po, lang):
        report(header_line(path, field), "header", problem)

    name = catalog_name(path)
    held = lang in termbase_languages() and name not in INTERFACE_CATALOGS
    terms = termbase(lang) if held else {}
    checker = checks.StandardChecker(checkerconfig=checks.CheckerConfig(targetlanguage=lang))
    # a draft language (make add-language) is published as far as it is translated: an
    # untranslated or fuzzy message shows the source, marked lang="kk" (edition/i18n/untranslated_source.py)
    draft = lang in draft_languages()
    for entry in po:
        if entry.obsolete:
            continue
        at = lambda offset: msgstr_line(path, entry.linenum, offset)  # noqa: E731
        if not entry.msgstr and not entry.msgstr_plural:
            if not draft:
                report(at(0), "untranslated", f"no translation yet for {entry.msgid[:60]!r}: write the msgstr")
            continue
        if entry.fuzzy:
            if draft:
                continue
            report(flag_line(path, entry.linenum), "fuzzy", f"fuzzy entry {entry.msgid[:60]!r}: check the "
                   "translation against the msgid, then remove the fuzzy flag (the `#, fuzzy` line)")
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            for message in text_problems(text, entry.msgid):
                report(at(0), "unsafe", message)
        unclosed = unclosed_role(entry.msgstr)
        if unclosed is not None and unclosed_role(entry.msgid) is None:
            role, missing = unclosed
            report(at(missing), "roles", f"{role}… has no closing backtick: end the role's text with ` "
                   "(as in the msgid)")
        else:
            for offset, message in role_findings(entry.msgid, entry.msgstr):
                report(at(offset), "roles", message)
        added = [c for c in CITATION_UNSAFE if entry.msgstr.count(c) > entry.msgid.count(c)]
        if added and name not in INTERFACE_CATALOGS:  # a page's text; the interface's reaches no citation
            report(at(0), "text", f"the msgstr adds {', '.join(map(repr, added))} that its msgid has not "
                   "(in a heading, LaTeX in its BibTeX and plain citation, or a new RIS line)")
        problem = format_problem(entry)
        if problem:
            report(at(0), "format", problem)
        lost = numbers(entry.msgid) - numbers(entry.msgstr)
        lost = [n for n in lost if (lang, name, n) not in exceptions]
        if lost:
            report(at(0), "numbers", f"numbers of the msgid missing in the msgstr: {', '.join(lost)}: "
                   "keep each number (documented exceptions: docs/_data/po_exceptions.yaml)")
        unit = pounit(ROLE.sub("", entry.msgid))  # role targets like <Кеңес> are not tags
        unit.target = ROLE.sub("", entry.msgstr)
        if "xmltags" in checker.run_filters(unit) or SMUGGLED.search(entry.msgstr):
            report(at(0), "markup", "raw HTML, script or a raw/eval block in the msgstr: remove it")
        if held:
            for fragment, message in termbase_findings(entry.msgid, entry.msgstr, lang):
                report(at(entry.msgstr.find(fragment) if fragment else 0), "termbase", message)
        if name == "glossary" and entry.msgid in terms and entry.msgstr != terms[entry.msgid]:
            report(at(0), "termbase",
                   f"term {entry.msgid!r} must be rendered {terms[entry.msgid]!r}, not {entry.msgstr!r}")
    return problems


# -- termbase: terms, bodies and places in running text --------------------------
# docs/_data/termbase.yaml lists, under `terms` (the glossary) and `renderings` (the other
# historical terms, bodies and place names of the text and the notes), each Kazakh term
# with its agreed ru and en rendering. A Kazakh text that names a term (its `forms`)
# must have a translation that contains an accepted form of the rendering: `ru_forms` /
# `en_forms`, a regular expression that lists the inflected forms (Russian declines, so
# the forms are stems or alternatives), or, when absent, forms derived from the rendering
# word by word. `check_forms` narrows the Kazakh forms for this check where `forms`
# (which also drives the glossary links) would catch another term. A term that the Kazakh
# only quotes («…» “…», the source's own wording in a note) is not held to the termbase.
# `avoid_ru` / `avoid_en` name renderings that were rejected; they must not occur in the
# translation of a text that names the term, quoted or not.
# A term whose rendering depends on its Kazakh context (Ақмола the town, the steppe or, beside the
# Irtysh, the region; a decree's authentic title or a description of it) has `contexts`: each a
# regular expression of the Kazakh context (`kk_context`) with the fields of its own
# rendering. A context rule holds where its Kazakh context occurs; the term's own rendering
# holds for the Kazakh forms outside every context. A context's rejected renderings are
# checked where the Kazakh names the term in that context only (the town elsewhere in the
# same paragraph may be named by the town's name).

# data files with kk and ru/en texts that readers see: the termbase checks them, and the
# spell check also the index headings (names.yaml, whose ru/en give the name of the time
# beside today's: a termbase rule would mistake today's name for a wrong rendering)
DATA_TEXTS = ("notes.yaml", "chronology.yaml", "abbreviations.yaml", "emendations.yaml")
SPELLED_DATA = DATA_TEXTS + ("names.yaml",)
QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”")


def unquoted(text: str) -> str:
    for _ in range(3):  # «…«…»…» nests
        text = QUOTED.sub(" ", text)
    return text


def derived_forms(rendering: str, lang: str) -> str:
    """Accepted forms of a rendering when the termbase lists none: ru words by their stem
    (a Russian noun or adjective changes its last two letters as it declines), en words
    as written, with a plural or possessive ending."""
    words = []
    for word in re.findall(r"[\w'’-]+", rendering):
        if lang == "ru" and re.search(r"[а-яё]{4,}$", word, re.IGNORECASE):
            words.append(re.escape(word[:max(3, len(word) - 2)]) + r"\w*")
        else:
            words.append(re.escape(word) + r"(?:'s|s|es)?")
    return r"\W+".join(words)


@dataclass(frozen=True)
class Rule:
    kk: str
    rendering: str
    kazakh: re.Pattern
    accepted: re.Pattern
    accepted_text: str
    avoid: re.Pattern | None
    required: bool = True  # False (avoid_only): the Kazakh has several right renderings
    elsewhere: tuple[re.Pattern, ...] = ()  # the term's other Kazakh contexts (`contexts`)
    context: str = ""  # this rule's Kazakh context, for the message
    term: re.Pattern | None = None  # a context rule: the term's Kazakh forms in any context

    def names(self, kk: str) -> re.Match | None:
        """Where *kk* names the term in this rule's context."""
        if not self.kazakh.search(kk):  # blanking the other contexts can only remove a match
            return None
        for other in self.elsewhere:
            kk = other.sub(lambda m: " " * len(m.group(0)), kk)
        return self.kazakh.search(kk)

    def only_context(self, kk: str) -> bool:
        """*kk* names the term in this rule's context and in no other."""
        return self.term is None or not self.term.search(self.kazakh.sub(" ", kk))


def _rule(entry: dict, kk: str, lang: str, kazakh: str, required: bool, **more) -> Rule:
    accepted = entry.get(f"{lang}_forms") or derived_forms(entry[lang], lang)
    avoid = entry.get(f"avoid_{lang}")
    return Rule(kk, entry[lang], re.compile(r"(?<!\w)(?:%s)" % kazakh),
                re.compile(r"(?<!\w)(?:%s)" % accepted, re.IGNORECASE), accepted,
                re.compile(avoid) if avoid else None, required, **more)


@cache
def term_rules(lang: str) -> tuple[Rule, ...]:
    data = load("termbase")
    rules = []
    for term in data["terms"] + data.get("renderings", []):
        if not term.get("forms"):
            continue
        kazakh = term.get("check_forms") or term["forms"]
        required = not term.get("avoid_only", False)
        contexts = term.get("contexts", [])
        elsewhere = tuple(re.compile(r"(?<!\w)(?:%s)" % c["kk_context"]) for c in contexts)
        own = _rule(term, term["kk"], lang, kazakh, required, elsewhere=elsewhere)
        rules.append(own)
        rules += [_rule(context, term["kk"], lang, context["kk_context"], required,
                        context=context["kk_context"], term=own.kazakh) for context in contexts]
    return tuple(rules)


def termbase_findings(kk: str, text: str, lang: str) -> list[tuple[str | None, str]]:
    """(the wrong words of *text*, or None, message) for what the termbase finds wrong in the
    translation *text* of the Kazakh *kk*: one message a term, with the rendering to use."""
    kk_seen, seen = visible(kk), visible(text)
    kk_free = unquoted(kk_seen)  # a term the Kazakh only quotes is the source's wording
    messages = []
    for rule in term_rules(lang):
        if not rule.names(kk_seen):
            continue
        where = f" in the context /{rule.context}/" if rule.context else ""
        if rule.avoid and rule.only_context(kk_seen) and (wrong := rule.avoid.search(seen)):
            messages.append((wrong.group(0), f"{rule.kk!r}{where} rendered {wrong.group(0)!r}, which the termbase "
                                             f"rejects; use {rule.rendering!r}"))
        elif rule.required and (named := rule.names(kk_free)) and not rule.accepted.search(seen):
            messages.append((None, f"{named.group(0)!r} ({rule.kk}){where} is not rendered {rule.rendering!r}: "
                                   f"use {rule.rendering!r}, inflected as the sentence needs "
                                   f"(docs/_data/termbase.yaml)"))
    return messages


def termbase_in_text(kk: str, text: str, lang: str) -> list[str]:
    """What the termbase finds wrong in the translation *text* of the Kazakh *kk*."""
    return [message for _, message in termbase_findings(kk, text, lang)]


def yaml_texts(path: Path, lang: str, skip=()) -> list[tuple[int, str, str]]:
    """(line, Kazakh, translation) for every mapping of *path* that has a kk and a *lang*
    text, or kk and *lang* mappings of texts (notes: source, problem, standard; the fields
    named in *skip* left out)."""
    pairs = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            children = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
            kk, tr = children.get("kk"), children.get(lang)
            if isinstance(kk, yaml.ScalarNode) and isinstance(tr, yaml.ScalarNode):
                pairs.append((tr.start_mark.line + 1, kk.value, tr.value))
            elif isinstance(kk, yaml.MappingNode) and isinstance(tr, yaml.MappingNode):
                kk_fields = {k.value: v for k, v in kk.value}
                for key, value in tr.value:
                    if key.value in kk_fields and key.value not in skip and isinstance(value, yaml.ScalarNode):
                        pairs.append((value.start_mark.line + 1, kk_fields[key.value].value, value.value))
            for _, value in node.value:
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    try:
        root = node_of(path)
    except DataError:
        return []  # no text to check: check() reports the syntax error (yaml_problems)
    walk(root)
    return pairs


def data_text_problems(path: Path) -> list[str]:
    """Every string of a data file (keys too) that holds what no text may (untrusted_text)."""
    try:
        root = node_of(path)
    except DataError:
        return []  # the schema check reports it
    found, seen, todo = [], set(), [root]
    while todo:  # a node an alias repeats is read once
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found += [(node.start_mark.line + 1, message) for message in text_problems(node.value)]
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            todo += [n for pair in node.value for n in pair]
    return [f"{path}:{line}: [unsafe] {message}" for line, message in sorted(found)]


def check_data_file(path: Path, languages=TRANSLATED_LANGUAGES) -> list[str]:
    """The termbase check over the ru/en texts of a data file (DATA_TEXTS)."""
    return [f"{path}:{line}: [termbase] {message}"
            for lang in languages
            for line, kk, text in yaml_texts(path, lang)
            for message in termbase_in_text(kk, text, lang)]


# -- spelling: hunspell over the ru and en texts and the editors' Kazakh -------------
# The Debian dictionaries (hunspell-ru, hunspell-en-us, hunspell-kk; tools/system-deps.sh
# build) through the `hunspell` program. In a ru or en text a Cyrillic word is checked
# against ru_RU, a Latin word against en_US, whatever the language of the text (English
# quotes Russian, Russian quotes English); Kazakh words (letters ә ғ қ ң ө ұ ү һ і), and
# «quotations» that contain one, are the source's and are not checked.
# The editors' Kazakh is checked against kk_KZ (a Latin word in it against en_US): the
# kk interface catalogs, the kk texts of the data files, and the glossary and editorial
# pages (docs/*.md). The witness's words never are: the chapters (docs/chapters/) are not
# read, and a «quotation» in a Kazakh text whose every word is a word of the witness
# quotes it. `--witness` lists the witness's words that kk_KZ rejects, for the editors.
# Role targets, citations, note marks and link targets are removed first. The project
# word lists locales/<lang>/wordlist.txt hold the names and terms the dictionaries lack:
# one word a line, `stem*` for every inflected form of a name, `#` comments.

DICTIONARIES = {"cyrillic": "ru_RU", "latin": "en_US", "kazakh": "kk_KZ"}
SOURCE = source_language()
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile(r"[А-Яа-яЁёәғқңөұүһіӘҒҚҢӨҰҮҺІ]+")
WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:['’][^\W\d_]+)*")  # not the "th" of "5th"
LABEL = re.compile(r"\b(?:ch|sec|term|note|em)-[a-z0-9-]+")  # section labels and note ids
# a «quotation» with a Kazakh word in it quotes the source: none of its words is checked
KAZAKH_QUOTATION = re.compile(r"«[^«»]*[әғқңөұүһіӘҒҚҢӨҰҮҺІ][^«»]*»")
WITNESS = ROOT / "docs" / "_witness" / "kenes-ukimeti.kk.txt"
# the editors' pages in the source language; docs/chapters/ holds the witness's words
EDITORIAL_PAGES = tuple(sorted((ROOT / "docs").glob("*.md")))
WITNESS_FIELDS = ("source",)  # notes.yaml: what the text says, in the witness's words
TEXT_DIRECTIVES = {"glossary"}  # fenced directives whose body is the editors' prose
FENCE = re.compile(r"^\s*(`{3,}|:{3,})\s*(?:\{([\w-]+)\})?")


def script(word: str, lang: str = "ru") -> str | None:
    if lang == SOURCE:
        return "kazakh" if CYRILLIC.fullmatch(word) else "latin" if re.fullmatch(r"[A-Za-z]+", word) else None
    if KAZAKH_LETTERS.search(word):
        return None
    if re.fullmatch(r"[А-Яа-яЁё]+", word):
        return "cyrillic"
    if re.fullmatch(r"[A-Za-z]+(?:['’][A-Za-z]+)*", word):
        return "latin"
    return None


@cache
def witness_words() -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(WITNESS.read_text(encoding="utf-8")))


def without_witness_quotations(text: str) -> str:
    """A Kazakh text without the «quotations» of the witness (every word of it the witness's)."""
    def quote(match: re.Match) -> str:
        words = WORD.findall(match.group(0))
        return " " if words and all(w.lower() in witness_words() for w in words) else match.group(0)
    return QUOTED.sub(quote, text)


def page_texts(path: Path) -> list[tuple[int, str]]:
    """(line, text) of a source page's prose: headings, paragraphs, toctree captions and the
    glossary; not its front matter, labels, comments, directive options or other bodies."""
    texts, fence, front = [], None, False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number == 1 and line.strip() == "---":
            front = True
        elif front:
            front = line.strip() != "---"
        elif opening := FENCE.match(line):
            fence = None if fence is not None and not opening.group(2) else (opening.group(2) or "")
        elif fence is not None and fence not in TEXT_DIRECTIVES:
            if caption := re.match(r"^\s*:caption:\s*(.*)", line):
                texts.append((number, caption.group(1)))
        elif not re.match(r"^\s*(?:\([\w-]+\)=|%|:[\w-]+:)", line) and line.strip():
            texts.append((number, line.lstrip("# ")))
    return texts


def load_wordlist(lang: str) -> tuple[set[str], tuple[str, ...]]:
    path = LOCALES / lang / "wordlist.txt"
    words, stems = set(), []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line.endswith("*"):
                stems.append(line[:-1])
            elif line:
                words.add(line)
    return words, tuple(stems)


def spelling_texts(catalogs: list[tuple[Path, str]], data_files: list[Path],
                   languages, pages=()) -> list[tuple[Path, int, str, str]]:
    """(file, line, language, text) for every text of *languages* the spell check reads:
    catalogs' msgstrs, the data files' texts, and the source pages (the source language)."""
    texts = []
    for path, lang in catalogs:
        try:
            po = polib.pofile(str(path), wrapwidth=WRAP)
        except (OSError, ValueError):
            continue  # `msgfmt` reports it
        texts += [(path, entry.linenum, lang, entry.msgstr) for entry in po  # a broken role: `roles` says so
                  if entry.msgstr and not entry.obsolete and lang in languages
                  and (unclosed_role(entry.msgstr) is None or unclosed_role(entry.msgid) is not None)]
    for path in data_files:  # a note's kk `source` is the witness's words
        texts += [(path, line, lang, text) for lang in languages
                  for line, _, text in yaml_texts(path, lang, WITNESS_FIELDS if lang == SOURCE else ())]
    if SOURCE in languages:
        texts += [(path, line, SOURCE, text) for path in pages for line, text in page_texts(path)]
    return texts


def misspelled(words: set[str], dictionary: str) -> set[str]:
    if not words:
        return set()
    result = subprocess.run(["hunspell", "-d", dictionary, "-l"], input="\n".join(sorted(words)),
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def hunspell_missing() -> list[str]:
    if shutil.which("hunspell") is None:
        return ["[spell] the hunspell program is missing: run `make build-deps` (tools/system-deps.sh build)"]
    return []


def unknown_words(occurrences: list[tuple[Path, int, str, str, str]]) -> list[tuple[Path, int, str, str, str]]:
    """The (path, line, lang, word, script) occurrences that neither hunspell nor the
    project word list of their language knows."""
    unknown = {kind: misspelled({w for *_, w, k in occurrences if k == kind}, dictionary)
               for kind, dictionary in DICTIONARIES.items()}
    wordlists = {lang: load_wordlist(lang) for lang in {o[2] for o in occurrences}}
    found = []
    for path, line, lang, word, kind in occurrences:
        if word not in unknown[kind]:
            continue
        words, stems = wordlists[lang]
        base = re.sub(r"'s$", "", word)  # Dutov's: the name is listed
        if base in words or base.startswith(stems) or base.lower() in words \
                or (base[:1].lower() + base[1:]).startswith(stems):  # a stem at the start of a sentence
            continue
        found.append((path, line, lang, word, kind))
    return found


def words_of(text: str, lang: str) -> list[tuple[str, str]]:
    """(word, script) of the words of *text* the spell check reads (as NFC: a word written with
    combining marks is one word, which the [unsafe] check names, not its broken pieces)."""
    text = unicodedata.normalize("NFC", text)
    text = LABEL.sub(" ", re.sub(r"https?://\S+|`[^`]*`|%\(\w+\)[sd]|\{\w+\}|<[^<>]*>|&\w+;", " ", visible(text)))
    if lang == SOURCE:  # КСРО-ның, 62-сі: the case ending of an abbreviation or a number
        text = without_witness_quotations(re.sub(r"(?<=[\dA-ZА-ЯЁӘҒҚҢӨҰҮҺІ])-[а-яёәғқңөұүһі]+", "", text))
    else:
        text = KAZAKH_QUOTATION.sub(" ", text)
    words = []
    for word in WORD.findall(text):
        word = word.replace("’", "'")
        if (kind := script(word, lang)) and len(word) > 1:
            words.append((word, kind))
    return words


def word_line(path: Path, line: int, text: str, word: str) -> int:
    """The line of *word* in *text*, which starts on *line* of *path* (a catalog's entry: the
    msgstr line that holds the word)."""
    if path.suffix != ".po":
        return line
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return msgstr_line(path, line, found.start() if found else 0)


def check_spelling(catalogs: list[tuple[Path, str]], data_files: list[Path],
                   languages=TRANSLATED_LANGUAGES, pages=()) -> list[str]:
    """Every word of the texts that hunspell and the project word lists do not know."""
    if missing := hunspell_missing():
        return missing
    occurrences = [(path, word_line(path, line, text, word), lang, word, kind)
                   for path, line, lang, text in spelling_texts(catalogs, data_files, languages, pages)
                   for word, kind in words_of(text, lang)]
    return [f"{path}:{line}: [spell] {word!r} is not in the {DICTIONARIES[kind]} dictionary "
            f"nor in locales/{lang}/wordlist.txt: {SPELL_FIX}" for path, line, lang, word, kind in unknown_words(occurrences)]


SPELL_FIX = "correct it, or add a name or term to the word list"


def witness_candidates(chapters=None) -> list[str]:
    """The witness's words that kk_KZ and locales/kk/wordlist.txt do not know, where the
    chapters print them: candidates for the editors, never changed by this check. A word
    that an emendation replaces, or a kept reading, says so."""
    if missing := hunspell_missing():
        return missing
    chapters = chapters or sorted((ROOT / "docs" / "chapters").glob("*.md"))
    emendations = load("emendations")
    emended = {w: e["id"] for e in emendations["emendations"] for w in WORD.findall(e["source"])
               if w not in WORD.findall(e["edition"])}
    kept = {w for k in emendations.get("kept", []) for w in WORD.findall(k["reading"])}
    occurrences = [(WITNESS, 1, SOURCE, word, kind)
                   for word, kind in words_of(WITNESS.read_text(encoding="utf-8"), SOURCE)]
    unknown = sorted({word for *_, word, _ in unknown_words(occurrences)})
    lines = [(path, number, line) for path in chapters
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
    report = []
    for word in unknown:
        where = [f"{path.relative_to(ROOT)}:{number}" for path, number, line in lines
                 if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line)]
        status = (f"emended ({emended[word]})" if word in emended else "kept reading" if word in kept
                  else "candidate")
        report.append(f"{where[0] if where else f'{WITNESS.relative_to(ROOT)}:1'}: [witness] {word!r} "
                      f"({status}; kk_KZ rejects it{', also ' + ', '.join(where[1:]) if len(where) > 1 else ''})")
    return report


# -- ё: Russian writes it wherever it is pronounced (TRANSLATING.md, spelling) ----------
# hunspell accepts «вооруженный» and «вооружённый» alike, so the check is the edition's own
# usage: a word written with е where the edition elsewhere writes the same word with ё
# («ее» beside «её») is reported. Pairs that are two words, «все» (all) and «всё»
# (everything), «всем» and «всём», are never reported.

YO_HOMOGRAPHS = {"все", "всем", "берет", "узнаем", "небо", "совершенный", "совершенно", "осел", "падеж"}


def check_yo(catalogs: list[tuple[Path, str]], data_files: list[Path]) -> list[str]:
    texts = [(path, line, text) for path, line, lang, text in spelling_texts(catalogs, data_files, ("ru",))]
    words = [(path, word_line(path, line, text, word), word) for path, line, text in texts
             for word in re.findall(r"[А-Яа-яЁё]{2,}", visible(text))]
    with_yo = {word.lower() for *_, word in words if "ё" in word.lower()}
    problems = []
    for path, line, word in words:
        lower = word.lower()
        if lower in YO_HOMOGRAPHS:
            continue
        spelled = [lower[:i] + "ё" + lower[i + 1:] for i, letter in enumerate(lower) if letter == "е"]
        if any(candidate in with_yo for candidate in spelled):
            right = next(c for c in spelled if c in with_yo)
            problems.append(f"{path}:{line}: [yo] {word!r}: the edition writes {right!r} elsewhere")
    return problems


def catalogs(lang: str) -> list[Path]:
    return sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po"))


def yaml_problems(path: Path) -> list[str]:
    """A YAML syntax error of a data file whose texts are checked, as ``file:line: [yaml] …``."""
    try:
        node_of(path)
    except DataError as error:
        return [re.sub(r"^(\S+?:\d+): ", r"\1: [yaml] ", str(error), count=1)]
    return []


def check(only: list[str] | None = None, files: list[Path] = ()) -> tuple[list, list[str]]:
    """The (catalog, language) pairs checked and every problem, ``file:line: [check] message``:
    the given *files*, or every catalog (of the languages *only*) with the data files' texts.
    ``make check-po`` prints them; ``make html``'s preflight refuses a build on any of them."""
    exceptions = load_exceptions()
    if files:
        jobs = [(f, f.resolve().relative_to(LOCALES.resolve()).parts[0]) for f in files]
    else:
        langs = only or sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())
        jobs = [(f, lang) for lang in langs for f in catalogs(lang)]
    problems = [p for path, lang in jobs for p in check_file(path, lang, exceptions)]
    if not files:
        problems += [p for data_file in SPELLED_DATA for p in yaml_problems(DATA / data_file)]
        held = [lang for lang in termbase_languages() if not only or lang in only]
        for data_file in DATA_TEXTS:
            problems += check_data_file(DATA / data_file, held)
        problems += [p for name in data_files() for p in data_text_problems(DATA / f"{name}.yaml")]
        spelled = [lang for lang in spelled_languages() if not only or lang in only]
        problems += check_spelling([(path, lang) for path, lang in jobs if lang in spelled],
                                   [DATA / data_file for data_file in SPELLED_DATA], spelled, EDITORIAL_PAGES)
        if "ru" in spelled:  # ё is a rule of Russian
            problems += check_yo([(path, lang) for path, lang in jobs if lang == "ru"],
                                 [DATA / data_file for data_file in SPELLED_DATA])
    return jobs, problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="check only this language (repeatable)")
    parser.add_argument("--witness", action="store_true",
                        help="list the witness's words kk_KZ rejects, for the editors (never fails)")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.witness:
        report = witness_candidates()
        print("\n".join(report))
        print(f"check-po --witness: {sum('(candidate;' in line for line in report)} candidates, "
              f"{len(report)} words kk_KZ rejects", file=sys.stderr)
        return 0
    jobs, problems = check(args.lang, args.files)
    for problem in problems:
        print(problem)
    if other := [path for path, _ in jobs if update_po.rewrapped(path)]:
        print(f"check-po: note (style, not a problem): {len(other)} catalog(s) wrapped another way than "
              f"polib's; `make update-po` rewraps them: {', '.join(str(update_po.shown(p)) for p in other)}", file=sys.stderr)
    print(f"check-po: {len(jobs)} catalogs, {len(problems)} problem" + ("s" if len(problems) != 1 else ""), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
