#!/usr/bin/env python3
"""A translator's preview of one language, from unfinished catalogs: built, and served live.

Usage: python -m edition.tools.preview LANG [--serve] [SPHINXOPTS ...]

The preview is built from scratch into ``_build/stage/preview-LANG`` and replaces
``_build/preview/LANG`` once it has written its pages, warnings or not (each warning names
the catalog's line, edition/i18n/catalog_lines.py): a build that stops before it writes a
page (a catalog msgfmt refuses) leaves the last preview where it was. Untranslated and fuzzy
paragraphs show the Kazakh, marked on every page (edition/i18n/untranslated_source.py); the
preview is never published.

With ``--serve`` (``make preview-LANG`` in a terminal) sphinx-autobuild then serves it on
http://127.0.0.1:8000/ (or ``PREVIEW_PORT``) and, whenever a catalog or a source is saved, rebuilds what changed
(Sphinx's incremental build, into the same folder) and reloads the browser. A failed rebuild
keeps the pages of the last one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from edition import ROOT
from edition.files import replace_folder
from edition.tools.publish import languages

BUILD = ROOT / "_build"


def port() -> int:
    """The port to serve on: PREVIEW_PORT (another preview, or `make serve`, may hold 8000)."""
    value = os.environ.get("PREVIEW_PORT", "8000")
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SystemExit(f"preview: PREVIEW_PORT={value!r} is not a port number (1-65535)")
    return int(value)


def sphinx_arguments(lang: str, sphinxopts: list[str], out) -> list[str]:
    return ["-b", "html", "-c", str(ROOT), *sphinxopts, "-D", f"language={lang}", "-D", "edition_preview=1",
            "-d", str(BUILD / "doctrees" / f"preview-{lang}"), str(ROOT / "docs"), str(out)]


def build(lang: str, sphinxopts: list[str]) -> int:
    stage, published = BUILD / "stage" / f"preview-{lang}", BUILD / "preview" / lang
    shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(BUILD / "doctrees" / f"preview-{lang}", ignore_errors=True)
    code = subprocess.run([sys.executable, "-m", "sphinx", *sphinx_arguments(lang, sphinxopts, stage)]).returncode
    if not (stage / "index.html").exists():
        kept = "the last preview stays in" if (published / "index.html").exists() else "there is no preview yet in"
        print(f"preview {lang}: the build stopped before it wrote a page (the message above says why); "
              f"{kept} _build/preview/{lang}", file=sys.stderr)
        return code or 2
    published.parent.mkdir(parents=True, exist_ok=True)
    replace_folder(stage, published)
    anyway = " anyway: fix the warnings above (each names its file and line)" if code else ""
    print(f"preview {lang}: written to _build/preview/{lang}/{anyway}; untranslated and fuzzy paragraphs "
          f"are marked on every page, and parallel/ shows the three languages side by side")
    return code


def serve(lang: str, sphinxopts: list[str]) -> int:
    """sphinx-autobuild: serve the preview, rebuild on every save, reload the browser."""
    out = BUILD / "preview" / lang
    command = [sys.executable, "-m", "sphinx_autobuild", "--host", "127.0.0.1", "--port", str(port()),
               "--watch", str(ROOT / "locales"), "--re-ignore", r"\.mo$|sphinx\.js$|__pycache__",
               *sphinx_arguments(lang, [o for o in sphinxopts if o != "-W"], out)]
    print(f"preview {lang}: serving http://127.0.0.1:{port()}/ ; save a catalog and the page reloads "
          f"(Ctrl-C stops)", flush=True)
    try:
        return subprocess.run(command).returncode
    except KeyboardInterrupt:
        return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in languages()[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    lang, rest = argv[0], argv[1:]
    live = "--serve" in rest
    sphinxopts = [o for o in rest if o != "--serve"]
    code = build(lang, sphinxopts)
    if live and (BUILD / "preview" / lang / "index.html").exists():
        return serve(lang, sphinxopts)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
