#!/usr/bin/env python3
"""Assemble the published site in its versioned layout, from per-language builds.

Usage:
  python -m edition.tools.assemble_site OUT BUILD [BUILD …]        assemble OUT (e.g. _build/site)
  python -m edition.tools.assemble_site --tags OUT BUILD            the same, with every earlier release
                                                     tag (git) built into _build/releases/
  python -m edition.tools.assemble_site --relink DIR SEGMENT        version one language build in place
                                                     (Read the Docs: SEGMENT is its version)

A BUILD is a folder of language builds, ``<lang>/`` for every language of conf.py, as
``make html`` leaves ``_build/html/`` or the CI matrix's ``html-<lang>`` artifacts are
merged. Each language build names its release in its ``citable-units.json``; the first
BUILD is the current one. OUT gets:

- ``<lang>/<release>/`` for the release of every BUILD: the language build, with the links
  that leave it (the language switcher, the hreflang alternates: relative links between
  the language roots of ``_build/html/``) pointed at the same release of the other language;
- a banner, in the page's language, on every page of a release older than the current one,
  linking the same page of the current release; its script keeps the ``#anchor``;
- ``<lang>/latest/`` (the current build) and ``<lang>/stable/`` (the newest release):
  copies whose pages keep their versioned canonical address (edition/citing/releases.py);
- ``<lang>/index.html``, which sends a reader to ``latest/``;
- the root chooser with the downloads (edition/tools/root_page.py), the sitemap index of every
  release and robots.txt (edition/tools/site_root.py).

With ``--tags``, every git tag that is a release (``x.y.z``, the tags ``make release``
makes) older than the current release and not yet in ``_build/releases/<tag>/html/`` is
exported (``git archive``: a separate checkout, nothing in the work tree changes) into
``_build/releases/<tag>/src/`` and built there with ``make html`` and the virtualenv this
tool runs in (the project's ``.venv``); the built ``html/`` is kept (a tag never changes), and every kept release
is assembled. Such a site serves its downloads only if they are put in its
``html/<lang>/_downloads/`` as kept artifacts.

OUT is written beside itself and renamed into place: an assembly that fails leaves the
previous site. Bad input is reported as ``path: message``, exit status 2.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from markupsafe import escape

from edition import ROOT
from edition.data.edition_data import language_codes
from edition.files import replace_folder
from edition.tools import root_page  # noqa: E402
from edition.tools import site_root  # noqa: E402
from edition.citing.releases import ALIASES, strings  # noqa: E402

RELEASES = ROOT / "_build" / "releases"
VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")
LINK = re.compile(r'\b(href|src|action)="((?:\.\./)+)([^"]*)"')
ARTICLE = re.compile(r"<article\b[^>]*>")
BANNER_SCRIPT = """\
/* The banner of an older release (edition/tools/assemble_site.py): its link to the latest
   release keeps the #anchor the reader came to; ids are stable across releases, and the
   latest release follows an anchor that moved (docs/_data/anchors.yaml). */
"use strict";
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.release-banner-link");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
"""


class Problem(Exception):
    """Bad input: reported as ``path: message``, never as a traceback."""


def key(release: str) -> tuple[int, ...]:
    return tuple(int(part) for part in release.split("."))


def languages() -> list[str]:
    return list(language_codes())  # the registry, as conf.py reads it


def release_of(build: Path) -> str:
    """The release of a folder of language builds, which every language must agree on."""
    found = {}
    for lang in languages():
        inventory = build / lang / "citable-units.json"
        if not inventory.is_file():
            raise Problem(f"{build / lang}: no language build here (no citable-units.json)")
        try:
            found[lang] = json.loads(inventory.read_text(encoding="utf-8"))["edition"]["version"]
        except (ValueError, KeyError) as error:
            raise Problem(f"{inventory}: no edition version ({error})") from None
    if len(set(found.values())) != 1:
        raise Problem(f"{build}: the languages are builds of different releases: {found}")
    return next(iter(found.values()))


def pages(tree: Path):
    """(page, its depth below the language root) of every HTML file under *tree*."""
    for page in sorted(tree.rglob("*.html")):
        yield page, len(page.relative_to(tree).parts) - 1


def relink(tree: Path, segment: str) -> None:
    """Point the links that leave the language build *tree* (one ``../`` more than the
    page's depth) at ``<lang>/<segment>/`` of the other language, and root files one
    level further up, as the versioned layout needs."""
    langs = languages()

    def fix(match: re.Match, depth: int) -> str:
        attribute, ups, rest = match.groups()
        if ups.count("../") != depth + 1:
            return match.group(0)
        code, _, tail = rest.partition("/")
        up = "../" * (depth + 2)
        target = f"{code}/{segment}/{tail}" if code in langs and tail else rest
        return f'{attribute}="{up}{target}"'

    for page, depth in pages(tree):
        text = page.read_text(encoding="utf-8")
        fixed = LINK.sub(lambda m: fix(m, depth), text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def add_banner(tree: Path, lang: str, release: str, latest: str, latest_tree: Path) -> None:
    """The older-release banner on every page of *tree* (one language of *release*)."""
    w = strings(lang)
    (tree / "_static").mkdir(exist_ok=True)
    (tree / "_static" / "release-banner.js").write_text(BANNER_SCRIPT, encoding="utf-8")
    for page, depth in pages(tree):
        name = page.relative_to(tree).as_posix()
        if name.startswith("_") or name == "404.html":  # the 404 page is shown at any depth
            continue
        up = "../" * depth
        target = name if (latest_tree / name).is_file() else "index.html"
        banner = (f'<div class="admonition warning release-banner" role="note">'
                  f'<p>{escape(w["banner"].format(release=release))} '
                  f'<a class="release-banner-link" href="{escape(f"{up}../{latest}/{target}")}">'
                  f'{escape(w["banner_link"].format(latest=latest))}</a></p></div>')
        text = page.read_text(encoding="utf-8")
        opening = ARTICLE.search(text)
        if not opening:
            continue
        text = text[:opening.end()] + banner + text[opening.end():]
        text = text.replace("</body>", f'<script defer src="{up}_static/release-banner.js"></script></body>', 1)
        page.write_text(text, encoding="utf-8")


def copy_build(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".built"))


def language_root(lang: str) -> str:
    """``<lang>/index.html``: the language's address sends a reader to ``latest/``."""
    return ('<!DOCTYPE html>\n<html lang="{0}"><head><meta charset="utf-8">'
            '<meta http-equiv="refresh" content="0; url=latest/index.html"><title>{0}</title></head>'
            '<body><p><a href="latest/index.html">latest/</a></p></body></html>\n').format(escape(lang))


def assemble(out: Path, builds: list[Path]) -> list[str]:
    """Write the site into *out* (which must not exist); the releases, newest first."""
    releases = {}
    for build in builds:
        release = release_of(build)
        if release in releases:
            raise Problem(f"{build}: release {release} is given twice (also {releases[release]})")
        releases[release] = build
    current = release_of(builds[0])
    newest = max(releases, key=key)
    for lang in languages():
        for release, build in releases.items():
            tree = out / lang / release
            copy_build(build / lang, tree)
            relink(tree, release)
        for release in releases:
            if key(release) < key(current):
                add_banner(out / lang / release, lang, release, current, out / lang / current)
        for alias, release in zip(ALIASES, (current, newest)):
            copy_build(releases[release] / lang, out / lang / alias)
            relink(out / lang / alias, alias)
        (out / lang / "index.html").write_text(language_root(lang), encoding="utf-8")
    chooser = root_page.render((ROOT / "site" / "index.html").read_text(encoding="utf-8"), out, "latest/")
    (out / "index.html").write_text(chooser, encoding="utf-8")
    ordered = sorted(releases, key=key, reverse=True)
    site_root.main([str(out), *ordered])
    return ordered


def release_tags() -> list[str]:
    """The git tags that are releases (``x.y.z``); none outside a git repository."""
    try:
        listed = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError:
        raise Problem("git: not found; --tags needs git (or assemble without --tags)") from None
    return sorted((t for t in listed.stdout.split() if VERSION.match(t)), key=key) if listed.returncode == 0 else []


def build_tag(tag: str) -> Path:
    """``_build/releases/<tag>/html/``, built once from a ``git archive`` of the tag."""
    kept = RELEASES / tag / "html"
    if (kept / ".complete").is_file():
        return kept
    src = RELEASES / tag / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", tag], cwd=ROOT, capture_output=True)
    if archive.returncode:
        raise Problem(f"git tag {tag}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    print(f"assemble: building release {tag} in {src.relative_to(ROOT)}", flush=True)
    # Built with the virtualenv this tool runs in (make's .venv, the pinned requirements). The
    # export's files are all new: its requirements are dated back, so that make does not
    # reinstall that venv on their account.
    for requirements in src.glob("requirements*.txt"):
        os.utime(requirements, (0, 0))
    built = subprocess.run(["make", "--no-print-directory", f"VENV={sys.prefix}", "html"], cwd=src)
    if built.returncode:
        raise Problem(f"{src}: `make html` of release {tag} failed")
    shutil.rmtree(kept, ignore_errors=True)
    shutil.move(str(src / "_build" / "html"), str(kept))
    (kept / ".complete").touch()
    shutil.rmtree(src)
    return kept


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["--relink"] and len(argv) == 3:
            relink(Path(argv[1]), argv[2])
            return 0
        tags = argv[:1] == ["--tags"]
        argv = argv[1:] if tags else argv
        if len(argv) < 2:
            print(__doc__, file=sys.stderr)
            return 2
        out, builds = Path(argv[0]), [Path(b) for b in argv[1:]]
        if tags:
            current = release_of(builds[0])
            builds += [build_tag(t) for t in release_tags() if key(t) < key(current)]
        staging = out.with_name(out.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        releases = assemble(staging, builds)
        replace_folder(staging, out)
        print(f"assemble: {out}: releases {', '.join(releases)}")
        return 0
    except Problem as problem:
        print(f"assemble: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
