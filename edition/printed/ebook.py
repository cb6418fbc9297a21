"""The EPUB of each language: its metadata in that language, and a font for the Kazakh letters.

``make epub`` builds ``kenes-ukimeti-<lang>.epub`` with Sphinx's epub builder. This sets
the package metadata per build language (title, creator, publisher, rights, description,
identifier: the address of that language's online edition) and embeds DejaVu Serif
(regular and bold, Debian's ``fonts-dejavu-core``), because an e-reader's own fonts may
lack Ә Ғ Қ Ң Ө Ұ Ү Һ І. The DejaVu licence (Bitstream Vera terms, changes in the public
domain) allows embedding and redistribution provided its copyright and permission notice
goes with the fonts: ``fonts.css`` carries it.

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
from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import ExtensionError
from edition.i18n.edition_strings import _

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"DejaVuSerif.ttf": "normal", "DejaVuSerif-Bold.ttf": "bold"}
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
        raise ExtensionError(f"ebook: DejaVu Serif is not in {FONT_DIR}: install the Debian package "
                             "fonts-dejavu-core (tools/system-deps.sh epub)")
    notice = LICENCE.read_text(encoding="utf-8").replace("*/", "* /")
    faces = "".join(f'@font-face {{ font-family: "DejaVu Serif"; font-style: normal; font-weight: {weight}; '
                    f'src: url("fonts/{name}"); }}\n' for name, weight in FONTS.items())
    return (f"/* DejaVu Serif, embedded from Debian's fonts-dejavu-core. Its copyright and licence:\n\n"
            f"{notice}\n*/\n{faces}"
            'body, h1, h2, h3, h4, p, li, td, th, dt, dd { font-family: "DejaVu Serif", serif; }\n'
            # the timeline's colours without the site's CSS variables, which e-readers may lack
            ".chronology-figure { width: 100%; height: auto; }\n"
            ".chronology-figure text { font-size: 11px; fill: #555; }\n"
            ".chronology-figure .axis { stroke: #555; }\n"
            ".chronology-figure .zoom { stroke: #999; stroke-dasharray: 3 3; }\n"
            ".chronology-figure .zoom-band { fill: #ddd; }\n"
            ".chronology-figure circle { fill: #2962ff; }\n")


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder; the manifest declares the pages that hold inline SVG."""

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
