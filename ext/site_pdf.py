"""The published site serves its language's PDF: ``<lang>/kenes-ukimeti-<lang>.pdf``.

``make pdf`` writes the PDFs beside the site, in ``_build/pdf/``. With
``EDITION_SITE_PDF=1`` in the environment, as ``make publish`` sets it, the HTML build of
a language copies that language's PDF into the site, and ``ext/page_metadata.py`` names
it in ``citation_pdf_url`` (Zotero then attaches the PDF). Without it the site has no
PDF, and no page names one: a tag must not point to a file that is not there. A missing
PDF in that mode stops the build with the path and what to run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from edition_data import stop


def wanted() -> bool:
    return os.environ.get("EDITION_SITE_PDF", "") not in ("", "0")


def source(app) -> Path:
    """The language's PDF as ``make pdf`` writes it."""
    stem = Path(app.config.latex_documents[0][1]).stem
    return Path(app.confdir) / "_build" / "pdf" / f"{stem}-{app.config.language}.pdf"


def site_name(app) -> str | None:
    """The PDF's file name inside this language's site, or None when the site has none."""
    return getattr(app, "edition_site_pdf", None)


def check(app):
    app.edition_site_pdf = None
    if app.builder.format != "html" or not wanted():
        return
    pdf = source(app)
    if not pdf.is_file():
        stop([f"{pdf}: EDITION_SITE_PDF is set but this PDF is not built: run `make pdf-{app.config.language}`"])
    app.edition_site_pdf = pdf.name


def copy(app, exception):
    if exception is None and site_name(app):
        shutil.copy2(source(app), Path(app.outdir) / site_name(app))


def setup(app):
    app.connect("builder-inited", check)
    app.connect("build-finished", copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
