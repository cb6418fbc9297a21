"""The PDF as a book of its size: title, verso, contents, then the text, without blank pages.

A text of some 15,000 characters does not fill 58 pages. Sphinx's ``manual`` class
starts every chapter on a new right-hand page; this sets the document one-sided and
lets chapters follow on the same page (titlesec's ``straight`` class for
``\\chapter``, with a compact heading instead of fncychap's), so that no page of the
text is less than a quarter full.

The page after the title (Sphinx's documented ``\\sphinxbackoftitlepage`` hook) is the
verso: the edition statement, the editors, version and date, how to cite the PDF with
its page numbers (a translation's citation says it is translated from the Kazakh and by
whom, edition/citing/units.py), the address of the online edition and the licence, when one is declared
(``edition_license`` in conf.py). Its words are interface strings of the edition's
catalog of the build language (``locales/<lang>/LC_MESSAGES/edition.po``,
edition/i18n/edition_strings.py); values from conf.py and translations are
escaped for LaTeX.

As a scholarly book (issue 25): one space after a full stop; a language TeX cannot hyphenate
(Kazakh) set ragged-right; the apparatus as appendices A, B, … after the text's chapters, the
bibliography's list under its own page's heading, a ``printed: false`` page (the translation
status) left out; every table a longtable of wrapping, ragged-right columns; the index in roman
type with section locators ("§ 7.1").

The PDF information dictionary is in the edition language: title, author, subject and
keywords, and ``/Lang`` in the catalog (hyperref's ``pdflang``); the title page is
dated with the edition date, not the day of the build.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.errors import ExtensionError
from sphinx.locale import _ as sphinx_message  # Sphinx's own catalog: its date format
from sphinx.util import logging
from sphinx.util.i18n import format_date

from edition.citing.units import translated_from
from edition.printed import tex
from edition.i18n.edition_strings import _
from edition.citing.releases import url_of

logger = logging.getLogger(__name__)

# Chapters: no new page, no recto; a heading of a size that suits a short book.
LAYOUT = r"""
\titleclass{\chapter}{straight}
\makeatletter
\titleformat{\chapter}[display]{\normalfont\py@HeaderFamily}{\large\chaptertitlename\ \thechapter}{0.4ex}{\LARGE}
\makeatother
\titlespacing*{\chapter}{0pt}{4ex plus 1ex minus 1ex}{2.5ex plus .5ex}
% One space after a full stop, as the edition's languages are printed (after \begin{document}:
% polyglossia's English sets \nonfrenchspacing when it selects the language).
\AddToHook{begindocument/end}{\frenchspacing}
% A language that TeX cannot hyphenate (polyglossia has no Kazakh patterns: \l@nohyphenation)
% is set ragged-right, in the text, the notes, the table cells, the headings and the set-out
% citations, so that no line is loose. Polyglossia selects the language at \begin{document}:
% the test comes after it.
\usepackage{ragged2e}
\setlength{\RaggedRightRightskip}{0pt plus 1fil}
\makeatletter
\AddToHook{begindocument/end}{\ifnum\language=\l@nohyphenation\relax
  \RaggedRight\g@addto@macro\@parboxrestore{\RaggedRight}\g@addto@macro\sphinxalltt{\RaggedRight}%
  \let\edition@headerfamily\py@HeaderFamily\def\py@HeaderFamily{\edition@headerfamily\filright}\fi}
\makeatother
% The index: entries in roman type; each locator is the section, "§ 7.1" (or "§ B" for an
% appendix without sections), written when the entry is met, not the page.
\def\sphinxstyleindexentry#1{#1}
\makeatletter
\def\edition@locator{\thechapter\ifnum\c@section>\z@.\arabic{section}\fi}
\def\@wrindex#1{\protected@write\@indexfile{}{\string\indexentry{#1}{\edition@locator}}\endgroup\@esphack}
\makeatother
% The bibliography and the index follow on too (Sphinx's class clears the page before them;
% \renewenvironment fails the build if a Sphinx upgrade renames them). The bibliography is
% the list alone: its heading is the bibliography page's own, among the appendices. The index is set in
% two columns with multicol, which needs no page of its own, unlike \twocolumn.
\usepackage{multicol}
\makeatletter
\renewenvironment{sphinxthebibliography}[1]{\list{\@biblabel{\@arabic\c@enumiv}}%
  {\settowidth\labelwidth{\@biblabel{#1}}\leftmargin\labelwidth\advance\leftmargin\labelsep
   \usecounter{enumiv}\let\p@enumiv\@empty\renewcommand\theenumiv{\@arabic\c@enumiv}}%
  \sloppy\clubpenalty4000\@clubpenalty\clubpenalty\widowpenalty4000\sfcode`\.\@m}%
  {\def\@noitemerr{\@latex@warning{Empty `thebibliography' environment}}\endlist}
\renewenvironment{sphinxtheindex}{\phantomsection\begin{theindex}\addcontentsline{toc}{chapter}{\indexname}%
  \def\hyperpage##1{§\,##1}}%
  {\end{theindex}}
\renewenvironment{theindex}{\chapter*{\indexname}\@mkboth{\indexname}{\indexname}%
  \begin{multicols}{2}\parindent\z@\parskip\z@\@plus.3\p@\relax\let\item\@idxitem}%
  {\end{multicols}}
\makeatother
"""


def verso(config) -> str:
    lang = config.language
    title = config.edition_titles.get(lang, config.project)
    editors = config.edition_editors.get(lang, config.author)
    url = url_of(config, lang)  # the release's own address (edition/citing/releases.py)
    fields = {"title": title, "editors": editors, "version": config.release, "date": config.edition_date,
              "year": config.edition_date[:4], "url": url, "page": "N"}
    escaped = {key: tex(value) for key, value in fields.items()}
    escaped["page"] = r"\emph{N}"
    if translated_from(config, lang):  # a translation is cited as one: "<title>. Translated from the Kazakh by …"
        escaped["title"] = tex(f"{title}. {translated_from(config, lang)}")

    def line(message: str) -> str:
        # the message's own words escaped, then its placeholders replaced by the escaped
        # values (no %-formatting: a stray % in a translation stays a percent sign)
        text = tex(str(message))
        for key, value in escaped.items():
            text = text.replace(rf"\%({key})s", value)
        # "p. N" and "N-бет" stay on one line: the page and the word it is written with, unbreakable
        page = re.escape(escaped["page"])
        return re.sub(rf" ?(\S*{page}\S*)", lambda m: "~\\mbox{" + m[1] + "}", text)

    rows = [
        r"\noindent{\large\bfseries " + tex(title) + r"\par}\medskip",
        r"\noindent " + line(_("Version %(version)s, %(date)s.")) + r"\par",
        r"\noindent " + line(_("Editors: %(editors)s.")) + r"\par",
        r"\noindent " + line(_("Online edition: %(url)s")) + r"\par\bigskip",
        r"\noindent " + line(_("How to cite this PDF:")) + r"\par\smallskip",
        r"\noindent\hangindent=1.5em " + line(_("%(editors)s. %(title)s. Version %(version)s, %(date)s. PDF, p. %(page)s."))
        + r"\par\smallskip",
        r"\noindent " + line(_("N is the page number printed at the foot of the page.")) + r"\par\bigskip",
    ]
    if config.edition_license:
        escaped["license"] = tex(config.edition_license)
        rows.append(r"\noindent " + line(_("Licence: %(license)s")) + r"\par")
    body = "\n".join(rows)
    return ("\\newcommand{\\sphinxbackoftitlepage}{%\n\\thispagestyle{empty}\\null\\vfill\n{\\small\n"
            + body + "\n}}\n")


def pdf_information(config) -> str:
    lang = config.language
    subject = _("A critical trilingual edition of the Kazakh encyclopedic article «Кеңес үкіметі» (Soviet power)")
    keywords = _("Soviet power, soviets, Kazakhstan, 1917, scholarly edition")
    # hyperref: pdflang writes /Lang into the document catalog; title and author are
    # set by \sphinxmaketitle from latex_documents (edition/printed/pdf_captions.py)
    return (f"\\hypersetup{{pdflang={{{lang}}}, pdfsubject={{{tex(subject)}}}, "
            f"pdfkeywords={{{tex(keywords)}}}}}\n")


def configure(app, config):
    if not config.edition_date:
        return
    try:
        edition_date = date.fromisoformat(config.edition_date)
    except ValueError:  # a warning, which the strict build turns into its error (no traceback)
        conf = Path(app.confdir, "conf.py")
        line = next((n for n, text in enumerate(conf.read_text(encoding="utf-8").splitlines(), 1)
                     if text.startswith("edition_date")), None)
        logger.warning("%s:%s: edition_date %r is not a date (YYYY-MM-DD)", conf, line, config.edition_date,
                       type="edition", subtype="pdf")
        return
    config.latex_elements = {
        **config.latex_elements,
        "extraclassoptions": "openany,oneside",
        "fncychap": "",
        "preamble": config.latex_elements.get("preamble", "") + LAYOUT + verso(config) + pdf_information(config)
        # the title page's date: the edition's, not the day of the build (Sphinx sets \date after the preamble)
        + f"\\AtBeginDocument{{\\date{{{tex(format_date(str(sphinx_message('%b %d, %Y')), date=edition_date, language=config.language))}}}}}\n",
    }


def back_matter(app, doctree, docname):
    """The book's order: the text's chapters, then the apparatus as appendices (A, B, …), the
    bibliography's list under its own page's heading, the index. A page whose front matter
    says ``printed: false`` (the translation status: a table of the catalogs, for the web) is
    left out. The LaTeX builder resolves one doctree, the root document's, with every page inlined."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    numbered = app.env.toc_secnumbers  # the pages of the numbered toctree (the text); fenced in units.py
    pages = []
    for page in list(doctree.findall(addnodes.start_of_file)):
        if str(app.env.metadata.get(page["docname"], {}).get("printed", "true")).lower() == "false":
            page.parent.remove(page)
        else:
            pages.append(page)
    apparatus = next((page for page in pages if page["docname"] not in numbered), None)
    if apparatus is not None:
        apparatus.parent.insert(apparatus.parent.index(apparatus), nodes.raw("", "\\appendix\n", format="latex"))
    # Sphinx gathers the citations into one list at the end of the book (its BibliographyTransform,
    # a post-transform, run before this event): under the heading of the page that holds the
    # {bibliography} directive, so that the contents name the bibliography once.
    bibliography = next(doctree.findall(thebibliography), None)
    bib_pages = {key.docname for key in app.env.get_domain("cite").bibliographies}
    home = next((page for page in pages if page["docname"] in bib_pages), None)
    if bibliography is not None and home is not None:
        section = next(home.findall(nodes.section), home)
        bibliography.parent.remove(bibliography)
        section += bibliography
    for table in list(doctree.findall(nodes.table)):
        set_columns(table)


RAGGED_COLUMN = r">{\raggedright\arraybackslash}\X{%d}{%d}"


def set_columns(table: nodes.table) -> None:
    """A table in print: a longtable, with wrapping, ragged-right, top-aligned paragraph columns in
    the proportions of its colspecs (Sphinx's ``\\X``; its default, equal justified or
    unbreakable ``l`` columns, clips a long reading and leaves gaps in a narrow cell)."""
    widths = [spec.get("colwidth", 1) for spec in table.findall(nodes.colspec)]
    index = table.parent.index(table)
    if not widths or (index and isinstance(table.parent[index - 1], addnodes.tabular_col_spec)):
        return  # a page's own {tabularcolumns} stands
    table["classes"].append("longtable")  # it breaks across pages: no page left a quarter full before it
    spec = addnodes.tabular_col_spec()
    spec["spec"] = "".join(RAGGED_COLUMN % (width, sum(widths)) for width in widths)
    table.parent.insert(index, spec)


# xindy's location classes for the index's section locators (see \@wrindex in LAYOUT): "7.1",
# "B.2"; a chapter's ("7") and an appendix's ("B") are sphinx.xdy's own arabic and Alpha classes.
XINDY_LOCATORS = """
;; section locators (edition/printed/pdf_book.py)
(define-location-class "edition-sections" ("arabic-numbers" :sep "." "arabic-numbers"))
(define-location-class "edition-appendix-sections" ("ALPHA" :sep "." "arabic-numbers"))
"""


def write_xindy_locators(app, exception):
    if exception or app.builder.name != "latex":
        return
    sphinx_xdy = Path(app.outdir) / "sphinx.xdy"
    if not sphinx_xdy.is_file():
        raise ExtensionError(f"pdf_book: no {sphinx_xdy} (latex_use_xindy is {app.config.latex_use_xindy}): "
                             f"the index's section locators need xindy")
    text = sphinx_xdy.read_text(encoding="utf-8")
    if XINDY_LOCATORS not in text:
        sphinx_xdy.write_text(text + XINDY_LOCATORS, encoding="utf-8")


def setup(app):
    app.connect("config-inited", configure)  # after pdf_captions (edition.PARTS)
    app.connect("doctree-resolved", back_matter)
    app.connect("build-finished", write_xindy_locators)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
