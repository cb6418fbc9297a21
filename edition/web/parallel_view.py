"""Parallel text: each chapter beside its two translations, paragraph by paragraph.

Every language site gets ``parallel/<chapter>.html`` for each chapter: one row per
paragraph of the text, keyed by the paragraph ids of ``edition/citing/paragraph_ids.py``, with the
Kazakh and the two translations side by side, each cell tagged with its ``lang``. On a
narrow screen the cells of a row stack (``parallel.css``, which only these pages load); in
print the navigation goes.
Each chapter page links its parallel page, and the parallel page links back, row by row.

The texts come from the sources, not from another language's build: the Kazakh is the
paragraph's message as ``sphinx-build -b gettext`` extracts it (recorded on the paragraph
before the translation replaces it), each translation is that message's ``msgstr`` in
``locales/<lang>/LC_MESSAGES/<chapter>.po``. It is also the translators' review view: a
paragraph with no translation says so, and a fuzzy one is shown marked as fuzzy, never
the Kazakh under a Russian or English heading. Messages are MyST: the view shows what a
reader sees of them (the visible part of a role; citations and note marks go), as text,
escaped: translations are untrusted.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polib
import sphinx
from docutils import nodes
from markupsafe import escape
from sphinx.errors import ExtensionError
from edition.i18n.edition_strings import N_, _
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util import nodes as sphinx_nodes

from edition.citing.units import locator, units_of
from edition.web.lean_pages import inline_text
from edition.citing.paragraph_ids import PARAGRAPH_ID, is_text_page, numbered_paragraphs
from edition.web.web_nodes import add_web_node
from edition.i18n.myst_text import visible

logger = logging.getLogger(__name__)
FOLDER = "parallel"
# the interface strings (the ``edition`` catalogs): marked here, since Babel's extractor
# does not look into f-strings
NOT_TRANSLATED, FUZZY = N_("Not translated"), N_("Fuzzy: needs review")
PARALLEL_TEXT, BACK = N_("Parallel text"), N_("Back to the chapter")


class RecordSourceMessages(SphinxTransform):
    """Keep each paragraph's Kazakh message on the node before the Locale transform (20)
    replaces its text: the parallel view shows it beside the translations."""

    default_priority = 15

    def apply(self, **kwargs):
        if not is_text_page(self.env.docname):
            return
        for node, message in sphinx_nodes.extract_messages(self.document):
            if isinstance(node, nodes.paragraph):
                node["edition_source"] = message


@cache
def catalog(locales: str, lang: str, docname: str) -> dict[str, polib.POEntry]:
    path = Path(locales, lang, "LC_MESSAGES", docname + ".po")
    return {e.msgid: e for e in polib.pofile(str(path))} if path.exists() else {}


def translation(app, lang: str, docname: str, message: str) -> tuple[str, str]:
    """(status, text) of *message* in *lang*: source, translated, fuzzy or untranslated."""
    if lang == next(iter(app.config.edition_languages)):
        return "source", message
    entry = catalog(app.config.locale_dirs[0], lang, docname).get(message)
    if entry is None or entry.obsolete or not entry.msgstr.strip():
        return "untranslated", ""
    if "fuzzy" in entry.flags:
        return "fuzzy", entry.msgstr
    return "translated", entry.msgstr


def page_name(docname: str) -> str:
    return f"{FOLDER}/{docname.rsplit('/', 1)[-1]}"


def cell(app, lang: str, status: str, text: str) -> str:
    page_lang = app.config.language
    label = escape(app.config.edition_languages[lang])
    badge = ""
    if status == "untranslated":
        badge = f'<span class="parallel-status" lang="{page_lang}">{escape(_(NOT_TRANSLATED))}</span>'
    elif status == "fuzzy":
        badge = f'<span class="parallel-status" lang="{page_lang}">{escape(_(FUZZY))}</span>'
    body = f'<p>{escape(visible(text))}</p>' if text else ""
    return (f'<div class="parallel-cell parallel-{status}" lang="{lang}">'
            f'<span class="parallel-lang" aria-hidden="true">{label}</span>{badge}{body}</div>')


def render(app, docname: str) -> tuple[str, str]:
    """(title, body HTML) of the parallel page of chapter *docname*."""
    lang = app.config.language
    doctree = app.env.get_doctree(docname)
    units = {unit["id"]: unit for unit in units_of(app, docname, doctree)}
    chapter = units[next(iter(units))]
    title = f"{_(PARALLEL_TEXT)}: {chapter['titles'][lang]}"
    up = "../" * page_name(docname).count("/")
    chapter_url = f"{up}{docname}.html"
    languages = list(app.config.edition_languages)
    parts = [f'<h1>{escape(title)}</h1>',
             f'<p class="parallel-nav"><a href="{escape(chapter_url)}">{escape(_(BACK))}</a></p>',
             '<div class="parallel-view">',
             '<div class="parallel-row parallel-head">'
             + "".join(f'<div lang="{code}">{escape(app.config.edition_languages[code])}</div>' for code in languages)
             + '</div>']
    for section in doctree.findall(nodes.section):
        unit = units.get(section["ids"][0]) if section["ids"] else None
        paragraphs = numbered_paragraphs(section)
        if unit is None or not paragraphs:
            continue
        number = f"{unit['number']}. " if unit["number"] else ""
        parts.append(f'<h2 class="parallel-section">{escape(number + unit["titles"][lang])}</h2>')
        for n, paragraph in enumerate(paragraphs, start=1):
            pid = paragraph["ids"][0] if paragraph["ids"] else ""
            message = paragraph.get("edition_source")
            if not PARAGRAPH_ID.match(pid) or message is None:
                logger.warning("parallel view: a paragraph of %s has no id or no source message", docname,
                               location=paragraph, type="edition", subtype="parallel")
                continue
            where = locator({"number": unit["number"], "paragraph": n})
            cells = "".join(cell(app, code, *translation(app, code, docname, message)) for code in languages)
            parts.append(f'<div class="parallel-row" id="{escape(pid)}">'
                         f'<a class="parallel-locator" href="{escape(chapter_url)}#{escape(pid)}">{escape(where)}</a>'
                         f'{cells}</div>')
    parts.append('</div>')
    return title, "\n".join(parts)


def add_stylesheet(app, pagename, templatename, context, doctree):
    """parallel.css, written into the page when it is small and safe (edition/web/lean_pages.py)."""
    if pagename.startswith(FOLDER + "/"):
        up = "../" * pagename.count("/")
        text = inline_text(app, "parallel.css") if app.builder.name == "html" else None
        context["metatags"] = context.get("metatags", "") + (
            f'\n    <link rel="stylesheet" type="text/css" href="{up}_static/parallel.css">\n' if text is None
            else f"\n    <style>{text}</style>\n")


def collect_pages(app):
    if app.builder.format != "html" or app.builder.name == "epub":  # the site's view, not the book's
        return
    for docname in sorted(app.env.found_docs):
        if is_text_page(docname):
            title, body = render(app, docname)
            yield page_name(docname), {"title": title, "body": body, "display_toc": False}, "page.html"


class parallel_link(nodes.General, nodes.Element):
    """The link from a chapter page to its parallel page (HTML only)."""


def add_link(app, doctree, docname):
    if app.builder.format != "html" or app.builder.name == "epub" or not is_text_page(docname):
        return
    chapter = next(iter(doctree.findall(nodes.section)), None)
    if chapter is not None:
        title = chapter.next_node(nodes.title)
        chapter.insert(chapter.index(title) + 1, parallel_link(href=f"../{page_name(docname)}.html"))


def visit_link(self, node):
    names = " · ".join(self.builder.app.config.edition_languages)
    self.body.append(f'<div class="parallel-link apparatus"><a href="{escape(node["href"])}">'
                     f'{escape(_(PARALLEL_TEXT))} ({escape(names)})</a></div>')
    raise nodes.SkipNode


def check_private_api(app):
    # sphinx.util.nodes.extract_messages is what the gettext builder and the Locale
    # transform use to find messages; it is not documented API.
    if not callable(getattr(sphinx_nodes, "extract_messages", None)):
        raise ExtensionError(f"parallel_view: sphinx.util.nodes.extract_messages is gone in Sphinx "
                             f"{sphinx.__version__} (written for 9.0): the parallel view cannot find the "
                             "Kazakh messages")


def setup(app):
    app.connect("builder-inited", check_private_api)
    app.add_transform(RecordSourceMessages)
    add_web_node(app, parallel_link, visit_link)
    app.connect("doctree-resolved", add_link)
    app.connect("html-collect-pages", collect_pages)
    app.connect("html-page-context", add_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
