"""The language's PDF and EPUB, offered on every page of its site and served from it.

``make pdf`` and ``make epub`` put each finished file into ``_build/downloads/`` too
(the Makefile, atomically). When a language's site is built, the files of that language
found there are copied into the site, ``<lang>/_downloads/kenes-ukimeti-<lang>.{pdf,epub}``,
and every page's sidebar (``docs/_templates/sidebar/downloads.html``) links them with
their size. A file that has not been built is neither copied nor linked: the site never
links a download it does not serve, and ``make html`` alone does not need TeX. The pages
and their downloads are staged and published together (edition/tools/publish.py); the Makefile
rebuilds a language's pages when its downloads change.

The labels are interface strings of the edition's catalog, ``edition.po`` (``Downloads``, ``%(size)s KB``).
The EPUB builder gets none of this: a book does not offer itself for download.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from edition.i18n.edition_strings import _

FORMATS = {"pdf": ("PDF", "application/pdf"), "epub": ("EPUB", "application/epub+zip")}


def available(app) -> list[dict]:
    """The downloads of the build language that exist, in the order of FORMATS."""
    folder = Path(app.confdir, app.config.edition_downloads_dir)
    found = []
    for extension, (label, mime) in FORMATS.items():
        name = f"kenes-ukimeti-{app.config.language}.{extension}"
        if (folder / name).is_file():
            found.append({"name": name, "source": folder / name, "label": label, "mime": mime,
                          "path": f"_downloads/{name}"})
    return found


def is_site(app) -> bool:
    return app.builder.format == "html" and app.builder.name != "epub"


def copy_downloads(app):
    app.builder.edition_downloads = []
    if not is_site(app):
        return
    target = Path(app.outdir) / "_downloads"
    for download in available(app):
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(download["source"], target / download["name"])
        size = -(-download["source"].stat().st_size // 1024)  # KB, rounded up
        label = str(_("%(size)s KB")).replace("%(size)s", str(size))  # no %-formatting of a translation
        app.builder.edition_downloads.append({**download, "size": label})


def served_pdf(app) -> str | None:
    """The path of the language's PDF inside its site (``_downloads/…``), or None."""
    return next((d["path"] for d in getattr(app.builder, "edition_downloads", []) if d["label"] == "PDF"), None)


def add_links(app, pagename, templatename, context, doctree):
    if is_site(app):
        context["edition_downloads"] = app.builder.edition_downloads
        context["edition_downloads_label"] = str(_("Downloads"))


def setup(app):
    app.connect("builder-inited", copy_downloads)
    app.connect("html-page-context", add_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
