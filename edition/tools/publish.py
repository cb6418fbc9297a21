#!/usr/bin/env python3
"""Publish one language of the site: never stale, never half-built, never a vehicle for script.

Usage:
  python -m edition.tools.publish --preflight        check every input before any language is built
  python -m edition.tools.publish LANG [SPHINXOPTS]  build LANG and, if it is good, publish it
  python -m edition.tools.publish --check-base-url   (make publish) refuse a placeholder EDITION_BASE_URL
  python -m edition.tools.publish --check-published  (make publish) no built file names a reserved host
  python -m edition.tools.publish --placeholders LANG  (make html-LANG) no dead switcher link in LANG's site

``make html`` runs the preflight once, then one ``publish.py LANG`` per language.

Preflight refuses what ``make check-po`` and ``make check-bib`` would refuse, and data
files that break their schema, each problem as ``file:line: message``; with
``EDITION_PUBLISH=1`` (``make publish``) also a base URL that cannot be published
(``edition/guards/publication_guard.py``: the reserved example domain, another reserved name, a
non-public address).

Publishing a language

1. takes the language's lock (``_build/.lock-html-LANG``): a second build of the same
   language in the same tree waits for the first instead of sharing its files;
2. builds from scratch (a fresh environment, ``-E``) into ``_build/stage/html-LANG``.
   A clean build of a language takes a few seconds; an incremental one would trust
   Sphinx's dependency tracking, and Sphinx 9.0 loses the index entries of
   ``searchindex.js`` on incremental builds;
3. checks the staged site: no anchor of the manifest lost without a redirect, no
   serial id, no live markup (event-handler attributes, ``javascript:`` URLs, script or
   style in the text or the navigation);
4. only then replaces ``_build/html/LANG`` by the staged site in one atomic step
   (``edition/files.py`` ``replace_folder``: moved beside it, on the same filesystem even when
   ``_build/html`` is a mounted volume, then exchanged with it by one ``renameat2``), with the
   ``.built`` stamp inside it dated from the start of the build (so a source edited during the
   build makes the next ``make html`` build again). A kill at any point leaves a site.

A failed build or check leaves the published site untouched and exits non-zero; the
failed output stays in ``_build/stage/html-LANG`` for inspection, and since nothing was
stamped, the next ``make html`` builds, and fails, again.
"""

from __future__ import annotations

import fcntl
import os
import re
import runpy
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import escape

from edition import ROOT
from edition.files import replace_folder, restore

from edition.tools import anchor_manifest  # noqa: E402
from edition.tools import check_bib  # noqa: E402
from edition.tools import check_citations  # noqa: E402
from edition.tools import check_po  # noqa: E402
from edition.data import edition_data  # noqa: E402
from edition.guards import publication_guard  # noqa: E402
from edition.guards.safe_markup import unsafe  # noqa: E402
from edition.guards import untrusted_text  # noqa: E402

BUILD = ROOT / "_build"
SOURCE_FOLDERS = ("conf.py", "docs", "edition", "bib", "locales")  # what a build reads (the Makefile's SOURCES)
LIVE_ELEMENTS = "script, style, iframe, object, embed, form, base, link, meta, frame, frameset"
# where the text of the sources lands: the article, the page title, the navigation, the
# edition's title (the sidebar brand, the mobile header) and the language switcher
TEXT_AREAS = ("article, .sidebar-tree, .toc-tree, .related-pages, title, .sidebar-brand, .mobile-header .brand, "
              "nav.edition-languages")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")


def languages() -> list[str]:
    return list(edition_data.language_codes())  # the registry, as conf.py reads it


def base_url_problems(publishing: bool = True) -> list[str]:
    """The base URL the build would use, refused as ``conf.py:line: message`` if no build may use it
    or, *publishing*, if it cannot be published."""
    url = runpy.run_path(str(ROOT / "conf.py"))["edition_base_url"]
    problem = (publication_guard.base_url_problem if publishing else publication_guard.malformed_base_url)(url)
    if not problem:
        return []
    return [f"{Path(publication_guard.where(ROOT)).relative_to(ROOT)}: {problem}"]


URL_HOST = re.compile(r"\b(?:https?|ftp)://([^/\s\"'<>\\)#?]+)")
TEXT_FILES = {".html", ".js", ".json", ".bib", ".ris", ".txt", ".csv", ".xml", ".css"}


def reserved_urls(root: Path) -> list[str]:
    """Every built text file under *root* that names a reserved or non-public host, as ``file: host``."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in TEXT_FILES):
        hosts = {m.group(1).rsplit("@", 1)[-1].split(":")[0]
                 for m in URL_HOST.finditer(path.read_text(encoding="utf-8", errors="replace"))}
        found += [f"{path.relative_to(ROOT)}: names {host}" for host in sorted(hosts)
                  if publication_guard.reserved_host(host)]
    return found


def preflight() -> list[str]:
    """Every problem of the inputs, as ``file:line: message``."""
    found = base_url_problems(publication_guard.publishing())
    found += untrusted_text.symbolic_links(ROOT, SOURCE_FOLDERS)
    found += untrusted_text.source_problems(ROOT / "docs")
    found += [p for name in edition_data.data_files() for p in edition_data.problems(name, languages())]
    found += check_bib.lint(sorted((ROOT / "bib").glob("*.bib")))
    if not found:  # the support record against the fact checks (both files passed their schemas)
        found += check_citations.disagreements(check_citations.load(check_citations.TABLE),
                                               check_citations.load(ROOT / "docs" / "_data" / "fact_checks.yaml").get("checks") or [])
    found += check_po.check()[1]  # exactly the checks of `make check-po`
    return found


def live_markup(site: Path) -> list[str]:
    """Markup in a built site that could run script or restyle the page, as ``file: what``."""
    found = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        where = page.relative_to(site)
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    found.append(f"{where}: <{element.name} {name}=…> runs script")
                elif name.lower() in URL_ATTRIBUTES and check_url(value):
                    found.append(f"{where}: <{element.name} {name}={value[:40]!r}> is a {check_url(value)}: URL")
        for area in soup.select(TEXT_AREAS):
            for element in area.select(LIVE_ELEMENTS):
                found.append(f"{where}: a <{element.name}> element in the text or the navigation")
    return found


def check_url(value: str) -> str | None:
    """The scheme of an unsafe URL (a data: image is fine), else None."""
    scheme = unsafe(value)
    return scheme if scheme and not (scheme == "data" and value.lstrip().startswith("data:image/")) else None


def publish(lang: str, sphinxopts: list[str]) -> int:
    BUILD.mkdir(exist_ok=True)
    with open(BUILD / f".lock-html-{lang}", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"publish {lang}: another build of {lang} is running in this tree; waiting for it", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        return _publish_locked(lang, sphinxopts)


def _publish_locked(lang: str, sphinxopts: list[str]) -> int:
    started = time.time()
    stage, doctrees = BUILD / "stage" / f"html-{lang}", BUILD / "stage" / f"doctrees-{lang}"
    published = BUILD / "html" / lang
    restore(published)  # a swap a kill stopped half-way: the last good site goes back first (F3)
    for leftover in (stage, doctrees):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-c", str(ROOT), *sphinxopts,
               "-D", f"language={lang}", "-d", str(doctrees), str(ROOT / "docs"), str(stage)]
    if subprocess.run(command).returncode:
        return fail(lang, "the build failed")
    problems = anchor_manifest.check_tree(stage, lang, anchor_manifest.load(), unlisted=False)
    problems += [f"{lang}: {problem}" for problem in live_markup(stage)]
    if problems:
        print("\n".join(problems))
        return fail(lang, "the built site did not pass the checks")
    stamp = stage / ".built"
    stamp.touch()
    os.utime(stamp, (started, started))
    replace_folder(stage, published)
    shutil.rmtree(doctrees, ignore_errors=True)
    print(f"publish {lang}: published _build/html/{lang}")
    return 0


PLACEHOLDER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>{name}: not built</title></head>
<body><p lang="{code}">{name}</p><p>This edition is not built in this tree: run <code>make html-{code}</code>
(or <code>make html</code>). <a href="{back}" hreflang="{lang}">Back</a></p></body></html>
"""


def placeholders(lang: str, build: Path = BUILD) -> list[str]:
    """After ``make html-LANG`` alone: a page for each of LANG's pages in every language that
    has no published build in *build*, so that no link of LANG's switcher is dead; it says how
    to build that language, which then replaces it. The languages placed so."""
    site, placed = build / "html" / lang, []
    names = edition_data.registry()
    for other in (entry for entry in names if entry["code"] != lang):
        code = other["code"]
        with open(build / f".lock-html-{code}", "w") as lock:  # never while that language is published
            fcntl.flock(lock, fcntl.LOCK_EX)
            if (build / "html" / code / ".built").exists():
                continue
            for page in sorted(site.rglob("*.html")):
                relative = page.relative_to(site)
                target = build / "html" / code / relative
                if target.exists():
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                back = "../" * (len(relative.parts)) + f"{lang}/{relative.as_posix()}"
                target.write_text(PLACEHOLDER.format(name=escape(other["name"]), code=escape(code), lang=escape(lang),
                                                     back=escape(back)), encoding="utf-8")
            placed.append(code)
    return placed


def fail(lang: str, why: str) -> int:
    kept = (f"_build/html/{lang} still holds the last good build" if (BUILD / "html" / lang / ".built").exists()
            else f"_build/html/{lang} holds no good build yet")
    print(f"publish {lang}: {why}; nothing was published: {kept}, and the failed one is in "
          f"_build/stage/html-{lang}", file=sys.stderr)
    return 2


def main(argv: list[str]) -> int:
    if argv[:1] in (["--check-base-url"], ["--check-published"]):
        problems = base_url_problems() if argv[0] == "--check-base-url" else reserved_urls(BUILD / "html")
        for problem in problems:
            print(problem)
        if problems and argv[0] == "--check-base-url":
            print("publish: nothing was built", file=sys.stderr)
        elif problems:
            print(f"publish: {len(problems)} built files name a reserved host: do not publish them", file=sys.stderr)
        return 1 if problems else 0
    if argv[:1] == ["--preflight"]:
        problems = preflight()
        for problem in problems:
            print(problem)
        if problems:
            count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
            print(f"preflight: {count}; nothing was built", file=sys.stderr)
        return 1 if problems else 0
    if argv[:1] == ["--placeholders"] and argv[1:2] and argv[1] in languages():
        placed = placeholders(argv[1])
        if placed:
            print(f"publish {argv[1]}: {', '.join(placed)} not built in this tree: the switcher's links to them "
                  f"show how to build them (make html builds every language)")
        return 0
    if not argv or argv[0] not in languages():
        print(__doc__, file=sys.stderr)
        return 2
    return publish(argv[0], argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
