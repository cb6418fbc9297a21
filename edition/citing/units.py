"""Citable units: a JSON inventory, a "cite" control on every section, citation files.

Every labelled chapter and section is a citable unit whose id is its label, the same in
kk, ru and en. For each HTML build this extension

- writes ``citable-units.json``: per unit its id, number, title and URL in every edition
  language, with the edition's version and date (titles of other languages come from
  the Kazakh source and the ru/en catalogs, so the three inventories agree);
- writes each unit's citations in the page's language as files, one item, the same the page's
  head tags give Zotero (edition/citing/page_metadata.py): a chapter of the edition (the home
  page: the book) edited by its editors, one institution: ``_cite/<id>.json`` (CSL-JSON
  ``chapter``), ``_cite/<id>.bib`` (biblatex ``@incollection``), ``_cite/<id>.ris`` (``CHAP``),
  ``_cite/<id>.styles.json`` (the plain citation in six published CSL styles, rendered by
  citeproc-py from the CSL-JSON: edition/citing/csl) and ``_cite/<id>.txt`` (the language's
  default style; UTF-8 with a BOM, so that a browser shows it right);
- adds an unobtrusive ``<details class="cite">`` control after each section heading that
  links the files. The citations are not in the page (issue 16: they were 16 KB of
  a 61 KB chapter page): when the control first opens, the page's script (edition.js)
  fetches what ``data-show`` names (the plain citation, with a chooser of its styles and a
  copy button, and BibTeX) and shows it above the links. Without a script the links are the
  citations.

A translation (ru, en) says so in each of them: the plain citation in each style's words
("trans.", "пер."; the Chicago styles, which citeproc-py cannot give "ed. and trans.", end with the
``edition`` catalog's "Translated from the Kazakh by …"), biblatex's ``translator`` (braced: an
institution is one name) with ``origlanguage`` and ``origtitle``, RIS ``A4`` (Zotero's RIS import
reads it as the translator) with the words in a note, CSL-JSON ``translator`` (a ``literal``
name); and ``citable-units.json`` names the original language and the translator. The Kazakh
source says nothing of translation.

Every numbered paragraph of the text (``edition/citing/paragraph_ids.py``) is a citable unit too:
a cite control after the paragraph shows the plain citation, the paragraph's number a CSL
``paragraph`` locator (a section's number a ``section`` locator) that the style words, never
glued to the title, and links its files, which carry the paragraph's URL; ``citable-units.json``
lists the paragraphs. The control's summary, "Cite § 7.1 ¶ 2", is worded by the edition's
interface catalog (``locales/<lang>/LC_MESSAGES/edition.po``, edition/i18n/edition_strings.py).

``{edition-citation}`` prints the citation of the whole edition. URLs name the release:
``edition_base_url`` + ``<lang>/<release>/<page>.html#<id>`` (edition/citing/releases.py).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import polib
import sphinx
import rispy
from docutils import nodes
from markupsafe import escape
import latexcodec  # noqa: F401  (registers the "ulatex" codecs: pybtex's LaTeX encoding)
from pybtex.database import BibliographyData, Entry, Person
from pybtex.plugin import find_plugin
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition.apparatus import bibliography_styles  # noqa: F401  (registers the edition-<lang> pybtex styles)
from edition.data.edition_data import source_language
from edition.i18n.edition_strings import N_, PerLanguage, _, english_name
from edition.citing import csl
from edition.citing.releases import url_of
from edition.citing.paragraph_ids import is_text_page, numbered_paragraphs, paragraph_id
from edition.web.web_nodes import add_web_node

logger = logging.getLogger(__name__)
LABEL_LINE = re.compile(r"^\(([a-z0-9-]+)\)=\s*\n#+\s+(.+?)\s*$", re.MULTILINE)

# WORDS[lang]["cite"] …: English ids of the ``edition`` catalogs, in any language (edition/i18n/edition_strings.py)
WORDS = PerLanguage({"cite": N_("Cite"), "plain": N_("Text"), "download": N_("Download"),
                     "style": N_("Citation style"), "copy": N_("Copy the citation"), "copied": N_("Copied")})


class PlainRisWriter(rispy.RisWriter):
    """RIS without rispy's numbered "1." line before the record: plain RIS, as importers expect;
    with ``ED``, the editors, which rispy 0.10 does not map (Zotero's RIS import reads ED as the
    editor: RIS.js fieldMap, ED "creators/editor")."""

    DEFAULT_MAPPING = {**rispy.TAG_KEY_MAPPING, "ED": "editors"}
    DEFAULT_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]

    def set_header(self, count):
        return ""


class PlainRisParser(rispy.RisParser):
    """rispy's parser, reading ``ED`` (the editors) as the writer writes it."""

    DEFAULT_MAPPING = PlainRisWriter.DEFAULT_MAPPING
    DEFAULT_LIST_TAGS = PlainRisWriter.DEFAULT_LIST_TAGS


class cite_control(nodes.General, nodes.Element):
    """The "cite" disclosure placed after a section title (HTML only)."""


@cache
def source_titles(srcdir: str, docname: str) -> dict[str, str]:
    """label -> Kazakh heading, read from the MyST source."""
    path = Path(srcdir, docname + ".md")
    return dict(LABEL_LINE.findall(path.read_text(encoding="utf-8"))) if path.exists() else {}


@cache
def catalog(locales: str, lang: str, docname: str) -> dict[str, str]:
    path = Path(locales, lang, "LC_MESSAGES", docname + ".po")
    if not path.exists():
        return {}
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)).translated_entries()}


def unit_titles(app, docname: str, label: str) -> dict[str, str]:
    source = source_titles(str(app.srcdir), docname).get(label, "")
    languages = list(app.config.edition_languages)  # the registry's, the source first
    return {lang: source if lang == languages[0] else
            catalog(app.config.locale_dirs[0], lang, docname).get(source, source) for lang in languages}


def unit_url(app, lang: str, docname: str, label: str) -> str:
    """The versioned address: ``<base><lang>/<release>/<page>.html#<id>`` (edition/citing/releases.py)."""
    return url_of(app.config, lang, f"{docname}.html#{label}")


def locator(unit: dict) -> str:
    """"§ 7.1" for a section, "§ 7.1 ¶ 2" for a paragraph, worded in the build language
    (the interface catalog); "" for an unnumbered page."""
    if unit.get("paragraph"):
        return _("§ %(section)s ¶ %(paragraph)s") % {"section": unit["number"], "paragraph": unit["paragraph"]}
    return f"§ {unit['number']}" if unit["number"] else ""


def translator(config, lang: str) -> str | None:
    """Who translated the *lang* edition from the source: its editors, one institution (the
    registry's name, never a person); None for the source language itself."""
    return None if lang == source_language() else config.edition_editors[lang]


def translated_from(config, lang: str) -> str:
    """"Translated from the Kazakh by <translator>" in *lang* (the ``edition`` catalog), or ""."""
    name = translator(config, lang)
    # no %-formatting: a stray % in a translation stays a percent sign
    return bibliography_styles.WORDS[lang]["translated_from_source"].replace("%(translator)s", name) if name else ""


def is_book(app, unit: dict) -> bool:
    """The unit of the home page is the edition itself, a book; any other, a chapter of it."""
    return unit["page"] == app.config.root_doc and not unit.get("paragraph")


def csl_locator(unit: dict) -> tuple[str, str] | None:
    """A CSL locator: a paragraph's number, else a numbered section's (the style words it)."""
    if unit.get("paragraph"):
        return ("paragraph", str(unit["paragraph"]))
    return ("section", unit["number"]) if unit["number"] else None


class BracedWriter(find_plugin("pybtex.database.output", "bibtex")):
    """pybtex's BibTeX writer, every value in braces (an institution braced within: one name,
    ``editor = {{…}}``) and the URL as it is: LaTeX-encoding it would write ``\\#``, which
    importers keep (Zotero's BibTeX import does)."""

    def quote(self, s):
        self.check_braces(s)
        return f"{{{s}}}"

    def _write_field(self, stream, type, value):
        stream.write(f",\n    {type} = {self.quote(value if type == 'url' else self._encode(value))}")


def bib_entry(app, unit: dict, lang: str) -> Entry:
    """biblatex ``@incollection`` (the home page: ``@book``), the same item as the page's head tags
    (edition/citing/page_metadata.py) and the CSL-JSON; the editors and a translation's
    translator braced: an institution is one name, never split into given and family names.

    The fields are text: the writer encodes them as LaTeX (``%`` ``&`` ``_`` ``#`` ``~``), the URL
    excepted. Braces, backslashes and line breaks are refused before the build in the texts
    that reach a citation: a heading's translation (edition/tools/check_po.py) and the
    registry's title and editors (docs/_data/schemas/languages.json)."""
    cfg = app.config
    source = source_language()
    name = translator(cfg, lang)
    book = is_book(app, unit)
    return Entry("book" if book else "incollection", fields={
        "title": cfg.edition_titles[lang] if book else unit["titles"][lang],
        **({} if book else {"booktitle": cfg.edition_titles[lang]}),
        "version": cfg.release,
        "year": cfg.edition_date[:4],
        "date": cfg.edition_date,
        "url": unit["urls"][lang],
        "langid": english_name(lang),
        # the Kazakh original's title (the home page's: the article's, which the edition translates)
        **({"origlanguage": english_name(source), "origtitle": unit["titles"][source]} if name else {}),
    }, persons={"editor": [Person("{" + cfg.edition_editors[lang] + "}")],
                **({"translator": [Person("{" + name + "}")]} if name else {})})


def plain_citations(app, unit: dict, lang: str) -> dict:
    """The unit's citation in each CSL style, the language's default first (edition/citing/csl)."""
    return csl.citations(csl_json(app, unit, lang)[0], lang, csl_locator(unit), translated_from(app.config, lang))


def plain_citation(app, unit: dict, lang: str) -> str:
    """The citation in the language's default style."""
    return plain_citations(app, unit, lang)["styles"][0]["text"]


def bibtex(app, unit: dict, lang: str) -> str:
    key = "kenes-" + unit["id"]
    return BracedWriter().to_string(BibliographyData({key: bib_entry(app, unit, lang)}))


def ris(app, unit: dict, lang: str) -> str:
    """RIS: ``TY  - CHAP`` (the home page ``BOOK``) with ``ED``, ``T2`` (the book), ``ET`` (the
    version), ``UR``, ``LA``; a translation adds ``A4``, which Zotero's RIS import reads as the
    translator (RIS.js fieldMap, A4 "__default": "creators/translator"), and a note (N1) saying so
    in words (RIS has no tag for the original's language)."""
    cfg = app.config
    book = is_book(app, unit)
    record = {"type_of_reference": "BOOK" if book else "CHAP",
              "title": cfg.edition_titles[lang] if book else unit["titles"][lang],
              **({} if book else {"secondary_title": cfg.edition_titles[lang]}),
              "editors": [cfg.edition_editors[lang]],
              "year": cfg.edition_date[:4], "date": cfg.edition_date.replace("-", "/"),
              "edition": cfg.release, "urls": [unit["urls"][lang]], "language": lang,
              "id": unit["id"]}
    if translator(cfg, lang):
        record.update({"subsidiary_authors": [translator(cfg, lang)], "notes": [translated_from(cfg, lang)]})
    return rispy.dumps([record], implementation=PlainRisWriter)


def csl_json(app, unit: dict, lang: str) -> list[dict]:
    """CSL-JSON: a ``chapter`` of the edition (the home page: the ``book``), its editors and a
    translation's translator as literal names (an institution); no publisher, the edition names none."""
    cfg = app.config
    try:
        issued = {"date-parts": [[int(p) for p in cfg.edition_date.split("-")]]}
    except ValueError:  # not YYYY-MM-DD: reported at conf.py's line (edition.printed.pdf_book), the build fails
        issued = {"raw": cfg.edition_date}
    book = is_book(app, unit)
    return [{"id": unit["id"], "type": "book" if book else "chapter",
             "title": cfg.edition_titles[lang] if book else unit["titles"][lang],
             **({} if book else {"container-title": cfg.edition_titles[lang]}),
             "editor": [{"literal": cfg.edition_editors[lang]}],
             "issued": issued,
             "version": cfg.release, "URL": unit["urls"][lang], "language": lang,
             # a translation: its translator (CSL has no variable for the original's language, and
             # its original-title would make the styles say "originally published as")
             **({"translator": [{"literal": translator(cfg, lang)}]} if translator(cfg, lang) else {})}]


def section_numbers(env, docname: str, doctree) -> dict[str, str]:
    """The number of each numbered section of a page, by its label: {"sec-x": "7.1"}."""
    # BuildEnvironment.toc_secnumbers (section numbers per page) is not documented API;
    # the fence in setup() asserts it exists.
    numbers = env.toc_secnumbers.get(docname, {})
    found = {}
    for section in doctree.findall(nodes.section):
        if section["ids"]:
            number = numbers.get("#" + section["ids"][0]) or (numbers.get("") if section.parent is doctree else None)
            if number:
                found[section["ids"][0]] = ".".join(map(str, number))
    return found


def units_of(app, docname: str, doctree) -> list[dict]:
    """The citable units of one page: its labelled sections, with number, titles and URLs.
    A page whose front matter says ``citable: false`` (the 404 page) has none."""
    if str(app.env.metadata.get(docname, {}).get("citable", "true")).lower() == "false":
        return []
    numbers = section_numbers(app.env, docname, doctree)
    units = []
    for section in doctree.findall(nodes.section):
        if not section["ids"]:
            continue
        label = section["ids"][0]
        units.append({"id": label, "page": docname, "number": numbers.get(label, ""),
                      "titles": unit_titles(app, docname, label),
                      "urls": {lang: unit_url(app, lang, docname, label) for lang in app.config.edition_languages}})
    return units


def paragraphs_of(app, docname: str, doctree) -> list[dict]:
    """The numbered paragraphs of a text page as citable units: their section's number and
    titles, the paragraph's number and URLs."""
    if not is_text_page(docname):
        return []
    sections = {unit["id"]: unit for unit in units_of(app, docname, doctree)}
    paragraphs = []
    for section in doctree.findall(nodes.section):
        if not section["ids"] or section["ids"][0] not in sections:
            continue
        unit = sections[section["ids"][0]]
        for n, paragraph in enumerate(numbered_paragraphs(section), start=1):
            pid = paragraph_id(unit["id"], n)
            if pid not in paragraph["ids"]:
                continue  # paragraph_ids reported the clash
            paragraphs.append({"id": pid, "page": docname, "section": unit["id"], "number": unit["number"],
                               "paragraph": n, "titles": unit["titles"],
                               "urls": {lang: unit_url(app, lang, docname, pid)
                                        for lang in app.config.edition_languages}})
    return paragraphs


def add_cite_controls(app, doctree, docname):
    """After resolving a page for HTML: a cite control under each section heading and after
    each numbered paragraph (not in the EPUB, which, like the PDF, is cited by the edition's
    citation)."""
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    units = {unit["id"]: unit for unit in units_of(app, docname, doctree)}
    paragraphs = {unit["id"]: unit for unit in paragraphs_of(app, docname, doctree)}
    if not hasattr(app.builder, "edition_units"):
        app.builder.edition_units = {}
    app.builder.edition_units.update(units)
    app.builder.edition_units.update(paragraphs)
    for section in doctree.findall(nodes.section):
        if section["ids"] and section["ids"][0] in units:
            title = section.next_node(nodes.title)
            title.parent.insert(title.parent.index(title) + 1, cite_control(unit_id=section["ids"][0]))
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if paragraph["ids"] and paragraph["ids"][0] in paragraphs:
            parent = paragraph.parent
            parent.insert(parent.index(paragraph) + 1, cite_control(unit_id=paragraph["ids"][0]))


class edition_citation(nodes.General, nodes.Element):
    """Placeholder for the ready citation of the whole edition (``{edition-citation}``)."""


class EditionCitationDirective(SphinxDirective):
    """The plain and BibTeX citation of the edition as a whole, in the build language."""

    def run(self):
        return [edition_citation()]


def resolve_edition_citations(app, doctree, docname):
    for node in list(doctree.findall(edition_citation)):
        root = app.config.root_doc
        unit = next(u for u in units_of(app, root, app.env.get_doctree(root)))
        lang = app.config.language
        node.replace_self([nodes.literal_block(text=plain_citation(app, unit, lang), classes=["cite-plain"]),
                           nodes.literal_block(text=bibtex(app, unit, lang), language="bibtex")])


CITE_FILES = ("txt", "bib", "ris", "json")  # _cite/<id>.<ext>: the plain citation, BibTeX, RIS, CSL-JSON


def visit_cite_control(self, node):
    """The control holds links to the unit's ``_cite/`` files, not the citations: the page's
    script (edition.js) fetches the plain citation (and a section's BibTeX) when the control
    opens; without a script the links are the citations."""
    app = self.builder.app
    lang = app.config.language
    w = WORDS[lang]
    unit = app.builder.edition_units[node["unit_id"]]
    prefix = "../" * self.builder.current_docname.count("/")
    names = {"txt": w["plain"], "bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}
    files = " ".join(f'<a href="{prefix}_cite/{unit["id"]}.{ext}"{"" if ext == "txt" else " download"}>'
                     f'{escape(names[ext])}</a>' for ext in CITE_FILES)
    paragraph = bool(unit.get("paragraph"))
    summary = _("Cite %s") % locator(unit) if paragraph else w["cite"]
    # what the script shows: a section its plain citation and BibTeX, a paragraph its plain citation
    shown = "txt" if paragraph else "txt bib"
    # the script fills the style chooser from _cite/<id>.styles.json and shows it with the copy button
    tools = (f'<div class="cite-tools" hidden><label>{escape(w["style"])} <select class="cite-style"></select></label>'
             f' <button type="button" class="cite-copy" data-copied="{escape(w["copied"])}">{escape(w["copy"])}</button></div>')
    self.body.append(
        f'<details class="cite{" cite-paragraph" if paragraph else ""} apparatus" data-unit="{unit["id"]}"'
        f' data-show="{shown}"><summary>{escape(summary)}</summary>'
        f'<div class="cite-panel">{tools}<div class="cite-files">{escape(w["download"])}: {files}</div></div></details>')
    raise nodes.SkipNode


def write_outputs(app, exception):
    if exception or app.builder.format != "html" or app.builder.name == "epub":
        return
    # every page, also those an incremental build did not rewrite
    units, paragraphs = {}, {}
    for docname in sorted(app.env.found_docs):
        doctree = app.env.get_doctree(docname)
        units.update((unit["id"], unit) for unit in units_of(app, docname, doctree))
        paragraphs.update((unit["id"], unit) for unit in paragraphs_of(app, docname, doctree))
    lang = app.config.language
    out = Path(app.outdir)
    (out / "_cite").mkdir(exist_ok=True)
    for unit in [*units.values(), *paragraphs.values()]:
        styles = plain_citations(app, unit, lang)
        (out / "_cite" / f"{unit['id']}.txt").write_text(  # a BOM: a browser shows the file as UTF-8
            styles["styles"][0]["text"] + "\n", encoding="utf-8-sig")
        (out / "_cite" / f"{unit['id']}.styles.json").write_text(json.dumps(styles, ensure_ascii=False),
                                                                   encoding="utf-8")
        (out / "_cite" / f"{unit['id']}.bib").write_text(bibtex(app, unit, lang), encoding="utf-8")
        (out / "_cite" / f"{unit['id']}.ris").write_text(ris(app, unit, lang), encoding="utf-8")
        (out / "_cite" / f"{unit['id']}.json").write_text(
            json.dumps(csl_json(app, unit, lang), ensure_ascii=False, indent=2), encoding="utf-8")
    name = translator(app.config, lang)
    translation = {"original_language": source_language(), "translator": name} if name else {}
    inventory = {"edition": {"title": app.config.edition_titles, "version": app.config.release,
                             "date": app.config.edition_date, "language": lang, **translation},
                 "units": sorted(units.values(), key=lambda u: ([int(n) for n in u["number"].split(".")]
                                                                if u["number"] else [10**6], u["id"])),
                 "paragraphs": [{key: value for key, value in unit.items() if key != "titles"}
                                for unit in sorted(paragraphs.values(), key=lambda u: (
                                    [int(n) for n in u["number"].split(".")], u["paragraph"]))]}
    (out / "citable-units.json").write_text(json.dumps(inventory, ensure_ascii=False, indent=1),
                                            encoding="utf-8")


def check_private_api(app):
    if not isinstance(getattr(app.env, "toc_secnumbers", None), dict):
        raise ExtensionError(f"citing: BuildEnvironment.toc_secnumbers is gone in Sphinx {sphinx.__version__} "
                             "(written for 9.0): the citable units would lose their numbers")


def setup(app):
    app.connect("builder-inited", check_private_api)
    add_web_node(app, cite_control, visit_cite_control)
    app.add_node(edition_citation)
    app.add_directive("edition-citation", EditionCitationDirective)
    app.connect("doctree-resolved", add_cite_controls)
    app.connect("doctree-resolved", resolve_edition_citations)
    app.connect("build-finished", write_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
