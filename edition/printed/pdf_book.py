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

The PDF information dictionary is in the edition language: title, author, subject and
keywords, and ``/Lang`` in the catalog (hyperref's ``pdflang``); the title page is
dated with the edition date, not the day of the build.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

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
\titleformat{\chapter}[display]{\normalfont\sffamily\bfseries}{\large\chaptertitlename\ \thechapter}{0.4ex}{\LARGE}
\titlespacing*{\chapter}{0pt}{4ex plus 1ex minus 1ex}{2.5ex plus .5ex}
% The bibliography and the index follow on too (Sphinx's class clears the page before them;
% \renewenvironment fails the build if a Sphinx upgrade renames them). The index is set in
% two columns with multicol, which needs no page of its own, unlike \twocolumn.
\usepackage{multicol}
\makeatletter
\renewenvironment{sphinxthebibliography}[1]{\begin{thebibliography}{#1}\addcontentsline{toc}{chapter}{\bibname}}%
  {\end{thebibliography}}
\renewenvironment{sphinxtheindex}{\phantomsection\begin{theindex}\addcontentsline{toc}{chapter}{\indexname}}%
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


def setup(app):
    app.connect("config-inited", configure)  # after pdf_captions (edition.PARTS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
