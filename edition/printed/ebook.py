"""The EPUB of each language: its metadata in that language, and a font for the Kazakh letters.

``make epub`` builds ``kenes-ukimeti-<lang>.epub`` with Sphinx's epub builder. This sets
the package metadata per build language (title, creator, publisher, rights, description,
identifier: the address of that language's online edition) and embeds DejaVu Serif
(regular and bold, Debian's ``fonts-dejavu-core``; italic and bold italic, for book titles
and the apparatus's emphasis, ``fonts-dejavu-extra``), because an e-reader's own fonts may
lack Ә Ғ Қ Ң Ө Ұ Ү Һ І, and one that synthesizes an italic slants the roman. The DejaVu licence (Bitstream Vera terms, changes in the public
domain) allows embedding and redistribution provided its copyright and permission notice
goes with the fonts: ``fonts.css`` carries it (the two packages' notices are one text).

The navigation is the book's language: Sphinx titles the contents "Table of Contents" in
every language (its ``GUIDE_TITLES``, "XXX These strings should be localized"); here they
come from Sphinx's catalog in the book's language. Each chapter and section is labelled
with its number, as on its page ("7.1. …"), and the lists of ``nav.xhtml`` carry no
numbers of their own (a reading system that numbers an ``ol`` counted the title page as 1).
Tables fit a narrow reading surface (600 px): columns wrap, long words break.

What the site adds for the web and a book must not carry (hreflang alternates, the cite
controls, the redirect script) the extensions concerned leave out for the epub builder;
the editor's notes are EPUB notes (``epub:type``, edition/apparatus/editorial_notes.py).

Sphinx writes no manifest ``properties`` but ``nav``; a page with inline SVG (the
chronology's timeline) must declare ``svg``, so the builder is Sphinx's with
``build_content`` extended to add it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import sphinx
from lxml import etree
from sphinx.builders._epub_base import GUIDE_TITLES
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import _ as sphinx_
from sphinx.errors import ExtensionError
from edition.i18n.edition_strings import _

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# file -> (font-style, font-weight)
FONTS = {"DejaVuSerif.ttf": ("normal", "normal"), "DejaVuSerif-Bold.ttf": ("normal", "bold"),
         "DejaVuSerif-Italic.ttf": ("italic", "normal"), "DejaVuSerif-BoldItalic.ttf": ("italic", "bold")}
LICENCE = Path("/usr/share/doc/fonts-dejavu-core/copyright")


def configure(app, config):
    lang = config.language
    title = config.edition_titles.get(lang, config.project)
    editors = config.edition_editors.get(lang, config.author)
    config.epub_basename = "kenes-ukimeti"
    config.epub_title = title
    config.epub_author = editors
    config.epub_publisher = editors
    config.epub_contributor = editors
    config.epub_copyright = f"{config.edition_date[:4]}, {editors}"
    config.epub_language = lang
    config.epub_description = str(_("A critical trilingual edition of the Kazakh encyclopedic article "
                                     "«Кеңес үкіметі» (Soviet power)"))
    # Sphinx writes epub_uid as toc.ncx's dtb:uid, which must equal the package's identifier,
    # and as an XML id: so one name for both, the edition, its version and the language
    config.epub_identifier = config.epub_uid = f"kenes-ukimeti-{config.release}-{lang}"
    config.epub_show_urls = "no"
    # the parallel pages are the site's (edition/web/parallel_view.py): a book has no use for their stylesheet
    config.epub_exclude_files = [*config.epub_exclude_files, "_static/parallel.css"]


def font_css() -> str:
    if not LICENCE.is_file() or not all((FONT_DIR / name).is_file() for name in FONTS):
        raise ExtensionError(f"ebook: DejaVu Serif is not in {FONT_DIR}: install the Debian packages "
                             "fonts-dejavu-core and fonts-dejavu-extra (tools/system-deps.sh epub)")
    notice = LICENCE.read_text(encoding="utf-8").replace("*/", "* /")
    faces = "".join(f'@font-face {{ font-family: "DejaVu Serif"; font-style: {style}; font-weight: {weight}; '
                    f'src: url("fonts/{name}"); }}\n' for name, (style, weight) in FONTS.items())
    return (f"/* DejaVu Serif, embedded from Debian's fonts-dejavu-core. Its copyright and licence:\n\n"
            f"{notice}\n*/\n{faces}"
            'body, h1, h2, h3, h4, p, li, td, th, dt, dd { font-family: "DejaVu Serif", serif; }\n'
            # the timeline's colours without the site's CSS variables, which e-readers may lack
            ".chronology-figure { width: 100%; height: auto; }\n"
            ".chronology-figure text { font-size: 11px; fill: #555; }\n"
            ".chronology-figure .axis { stroke: #555; }\n"
            ".chronology-figure .zoom { stroke: #999; stroke-dasharray: 3 3; }\n"
            ".chronology-figure .zoom-band { fill: #ddd; }\n"
            ".chronology-figure circle { fill: #2962ff; }\n"
            # tables within a narrow reading surface: columns wrap, long words break
            "table { width: 100%; max-width: 100%; table-layout: fixed; border-collapse: collapse; }\n"
            "td, th { overflow-wrap: anywhere; word-break: break-word; hyphens: auto; vertical-align: top; "
            "padding: 0.2em 0.3em; }\n"
            "table.chronology, table.emendations, table.fact-checks { font-size: 0.85em; }\n")


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder; the manifest declares the pages that hold inline SVG; the
    navigation is titled in the book's language and numbers its chapters and sections."""

    @property
    def guide_titles(self) -> dict[str, str]:
        # Sphinx's catalog, in the book's language ("Мазмұны", "Оглавление")
        return {key: str(sphinx_(title)) for key, title in GUIDE_TITLES.items()}

    def numbered(self, navnodes: list[dict]) -> list[dict]:
        """The nav's entries, each chapter's and section's label with its number ("7.1. …")."""
        suffix = self.config.html_secnumber_suffix
        out = []
        for node in navnodes:
            page, _hash, anchor = node["refuri"].partition("#")
            docname = page.removesuffix(self.out_suffix)
            number = self.env.toc_secnumbers.get(docname, {}).get(f"#{anchor}" if anchor else "")
            out.append({**node, "text": ".".join(map(str, number)) + suffix + node["text"]} if number else node)
        return out

    def build_navlist(self, navnodes):
        return super().build_navlist(self.numbered(navnodes))

    def build_navpoints(self, nodes):
        return super().build_navpoints(self.numbered(nodes))

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir, "nav.xhtml")
        tree = etree.parse(str(nav))
        head = tree.find("{http://www.w3.org/1999/xhtml}head")
        style = etree.SubElement(head, "{http://www.w3.org/1999/xhtml}style")
        style.text = "nav ol { list-style-type: none; }"
        tree.write(str(nav), xml_declaration=True, encoding="UTF-8")

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        tree = etree.parse(str(opf))
        for item in tree.iterfind(".//{http://www.idpf.org/2007/opf}item[@media-type='application/xhtml+xml']"):
            page = Path(self.outdir, item.get("href"))
            if page.is_file() and "<svg" in page.read_text(encoding="utf-8"):
                properties = item.get("properties", "").split()
                item.set("properties", " ".join([*properties, "svg"]))
        tree.write(str(opf), xml_declaration=True, encoding="UTF-8")


def add_fonts(app):
    if app.builder.name != "epub":
        return
    static = Path(app.outdir) / "_static"
    (static / "fonts").mkdir(parents=True, exist_ok=True)
    for name in FONTS:
        shutil.copyfile(FONT_DIR / name, static / "fonts" / name)
    (static / "fonts.css").write_text(font_css(), encoding="utf-8")
    app.add_css_file("fonts.css")


def setup(app):
    # Epub3Builder.handle_finish writes content.opf with build_content and zips the book after it
    # (Sphinx 9.0); no event lies between. A renamed method would leave the svg undeclared.
    # Sphinx declares no manifest properties but nav; no upstream issue asks for svg (epubcheck
    # in Sphinx's own tests: sphinx-doc/sphinx#4611).
    if not callable(getattr(Epub3Builder, "build_content", None)):
        raise ExtensionError(f"ebook: Epub3Builder.build_content is gone in Sphinx {sphinx.__version__} "
                             "(written for 9.0)")
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("config-inited", configure)  # after editions set the title (edition.PARTS)
    app.connect("builder-inited", add_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
