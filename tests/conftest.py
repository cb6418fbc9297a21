"""Shared helpers for the tests: paths, the data files, the built site, scratch builds.

The tests read what `make html` built in ``_build/html/<lang>/`` and the data files in
``docs/_data/``; they refuse to run against a build older than its sources
(``built_site_is_fresh``). Tests that need a broken project copy the sources into a
temporary folder with ``scratch_project`` (or ``warm_project``, which brings the built
site along) and build that copy with ``sphinx_build`` or ``make``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
import polib
import rispy
from bs4 import BeautifulSoup
from pybtex.database import Person, parse_string

ROOT = Path(__file__).resolve().parent.parent

# sphinx.testing: the extension's parts are tested on tiny projects in tests/roots/test-<name>/
pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"

DOCS = ROOT / "docs"
HTML = ROOT / "_build" / "html"
WITNESS = DOCS / "_witness" / "kenes-ukimeti.kk.txt"
CONF = runpy.run_path(str(ROOT / "conf.py"))  # conf.py as Sphinx reads it (the environment's EDITION_BASE_URL too)
LANGUAGES = tuple(CONF["edition_languages"])  # one list: the registry docs/_data/languages.yaml, via conf.py
SOURCE, TRANSLATIONS = LANGUAGES[0], LANGUAGES[1:]  # the Kazakh source; its translations
SERVER_PATH = urlparse(CONF["edition_base_url"]).path  # where the site sits on its server
RELEASE = CONF["release"]
SITE = ROOT / "_build" / "site"  # the versioned layout that `make site` assembles
SOURCES = ("conf.py", "CITATION.cff", "Makefile", "requirements.txt", "requirements-test.txt", "requirements-cff.txt",
           "docs", "edition", "locales", "bib", "tools", "site")
# what a language's build reads (the Makefile's SOURCES): a build older than any of them is
# stale; not the witness nor the command-line tools, but those the site's build runs (BUILD_TOOLS)
INPUTS = ("conf.py", "requirements.txt", "docs", "edition", "bib", "locales")
NOT_READ = ("docs/_witness/", "edition/tools/")
BUILD_TOOLS = tuple(f"edition/tools/{name}.py" for name in ("__init__", "publish", "check_po", "check_bib",
                                                           "check_citations", "anchor_manifest"))
GENERATED = re.compile(r"(\.mo|/sphinx\.js|\.pyc)$")

from edition.data import edition_data  # noqa: E402  (the one loader of docs/_data/, as the build uses it)
from edition.citing import releases  # noqa: E402  (the one builder of the versioned addresses)


def edition_url(lang: str, path: str = "") -> str:
    """The published, versioned address ``<base><lang>/<release>/<path>`` of this build."""
    return releases.edition_url(CONF["edition_base_url"], lang, RELEASE, path)


def data(name: str) -> dict:
    """A data file of docs/_data/, parsed by the loader the build uses."""
    return edition_data.load(name)


def inputs(root: Path = ROOT, site: bool = True) -> list[Path]:
    """Every file a build of *root* reads (*site*: with the tools that check the site)."""
    files = [root / name for name in BUILD_TOOLS] if site else []
    for name in INPUTS:
        path = root / name
        found = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        files += [p for p in found if not GENERATED.search(p.as_posix()) and "__pycache__" not in p.parts
                  and not p.relative_to(root).as_posix().startswith(NOT_READ)]
    return files


def stale_outputs(root: Path = ROOT) -> list[str]:
    """The built outputs of *root* that are older than an input they were built from."""
    newest_input = {site: max(inputs(root, site), key=lambda p: p.stat().st_mtime) for site in (True, False)}
    outputs = [root / "_build" / "html" / lang / ".built" for lang in LANGUAGES]
    books = sorted((root / "_build" / "pdf").glob("*.pdf")) + sorted((root / "_build" / "epub").glob("*.epub"))
    stale = [f"{out.relative_to(root)} is older than {newest.relative_to(root)}: run `make pdf epub html`"
             for out in outputs + books for newest in [newest_input[out not in books]]
             if out.exists() and out.stat().st_mtime < newest.stat().st_mtime]
    outputs += books
    assembled = root / "_build" / "site" / "sitemap.xml"  # `make site`, written last by edition/tools/assemble_site.py
    for out in outputs[:len(LANGUAGES)]:
        if assembled.exists() and out.exists() and assembled.stat().st_mtime < out.stat().st_mtime:
            stale.append(f"_build/site is older than {out.relative_to(root)}: run `make site`")
    for lang in LANGUAGES:  # a site is built with its downloads (edition/web/downloads.py)
        built = root / "_build" / "html" / lang / ".built"
        for download in (root / "_build" / "downloads").glob(f"kenes-ukimeti-{lang}.*"):
            if built.exists() and built.stat().st_mtime < download.stat().st_mtime:
                stale.append(f"{built.relative_to(root)} is older than {download.relative_to(root)}: "
                             "run `make html`")
    return stale


@cache
def _stale_build() -> tuple[str, ...]:
    return tuple(stale_outputs())


@pytest.fixture(autouse=True)
def built_site_is_fresh(request):
    """A test that reads _build/ refuses a build older than its sources; a test marked
    ``sources_only`` reads only the sources (or a copy of them) and runs whatever the build's state."""
    if request.node.get_closest_marker("sources_only"):
        return
    if _stale_build():
        pytest.fail("stale build, the tests would test old output:\n" + "\n".join(_stale_build()), pytrace=False)


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def resolve_href(page: Path, href: str) -> Path:
    """The file a link of a built *page* leads to: relative links from the page's folder,
    absolute paths (the 404 page's, shown at any depth) from the site's place on its server,
    ``/<lang>/<release>/`` there being ``_build/html/<lang>/`` (the build has no release folder)."""
    if href.startswith("/"):
        path = href.removeprefix(SERVER_PATH).lstrip("/")
        lang, _, rest = path.partition("/")
        return (HTML / lang / rest.removeprefix(f"{RELEASE}/")).resolve()
    return (page.parent / href).resolve()


def site(lang: str) -> Path:
    root = HTML / lang
    if not (root / "index.html").exists():
        pytest.fail(f"{root} is not built: run `make html` first")
    return root


@cache
def chapter_pages(lang: str) -> tuple[Path, ...]:
    """The chapter pages in toctree (reading) order, from the built front page."""
    root = site(lang)
    index = soup(root / "index.html")
    links = index.select("article .toctree-wrapper a.reference.internal")
    pages = []
    for a in links:
        href = a["href"].split("#")[0]
        if href.startswith("chapters/") and root / href not in pages:
            pages.append(root / href)
    return tuple(pages)


# What is apparatus, not text: headings, permalinks, editor's notes, citations.
APPARATUS = ("h1, h2, h3, h4, h5, h6, a.headerlink, .apparatus, a.footnote-reference, "
             "aside.footnote, aside.footnote-list, span.bibtex-citation")


def without_apparatus(page: BeautifulSoup) -> BeautifulSoup:
    """A copy of a page's article with the apparatus removed (pages are cached: never edit them)."""
    article = BeautifulSoup(str(page.select_one("article")), "lxml")
    for node in article.select(APPARATUS):
        node.decompose()
    return article


def running_text(page: BeautifulSoup) -> list[str]:
    """The words of a chapter page as a reader reads them, apparatus removed."""
    article = without_apparatus(page)
    words = []
    for p in article.select("p"):
        words += p.get_text().split()
    return words


def edition_words(lang: str = "kk") -> list[str]:
    return [w for page in chapter_pages(lang) for w in running_text(soup(page))]


def witness_as_edited() -> list[str]:
    """The witness with every listed emendation applied, as a list of words."""
    text = " ".join(WITNESS.read_text(encoding="utf-8").split())
    for e in data("emendations")["emendations"]:
        count = text.count(e["source"])
        assert count == 1, f"emendations.yaml: {e['id']}: source {e['source']!r} occurs {count}× in the witness"
        text = text.replace(e["source"], e["edition"])
    return text.split()


def first_difference(expected: list[str], actual: list[str]) -> str | None:
    """None when the word lists agree, else a readable account of the first difference."""
    for i, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            return (f"word {i}: witness has {a!r}, edition has {b!r}\n"
                    f"  witness: …{' '.join(expected[max(0, i - 6):i + 6])}…\n"
                    f"  edition: …{' '.join(actual[max(0, i - 6):i + 6])}…")
    if len(expected) != len(actual):
        return f"length differs: witness {len(expected)} words, edition {len(actual)} words"
    return None


def scratch_project(tmp_path: Path) -> Path:
    """A copy of the project's sources, to break on purpose."""
    dest = tmp_path / "project"
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "sphinx.js"))
        elif src.exists():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def warm_project(tmp_path: Path) -> Path:
    """A copy of the project with the site already built, as after `make html` (mtimes kept),
    and the downloads its pages carry (``_build/downloads``, an input of the page build)."""
    project = scratch_project(tmp_path)
    shutil.copytree(HTML, project / "_build" / "html", symlinks=True)
    for stamp in ("preflight.ok", "edition-base-url"):  # what make html leaves beside the site
        if (ROOT / "_build" / stamp).exists():
            shutil.copy2(ROOT / "_build" / stamp, project / "_build" / stamp)
    if (ROOT / "_build" / "downloads").is_dir():
        shutil.copytree(ROOT / "_build" / "downloads", project / "_build" / "downloads")
    return project


def make(project: Path, *targets: str, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run make in *project* with this project's .venv, as a publisher would (*env*: variables
    to set; a None value unsets one)."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(["make", "--no-print-directory", f"VENV={ROOT / '.venv'}", *targets], cwd=project,
                          capture_output=True, text=True, timeout=timeout, env=environment)


def digest(tree: Path) -> dict[str, str]:
    """relative path -> SHA-256 of every file below *tree*."""
    return {p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tree.rglob("*")) if p.is_file()}


def sphinx_build(project: Path, lang: str = "kk", builder: str = "html") -> subprocess.CompletedProcess:
    """Build *project* strictly, as the Makefile does (its own package edition/ on the path),
    and return the finished process."""
    out = project / "_build" / builder / lang
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-c", str(project), "-W", "--keep-going", "--no-color",
         "-n", "-q", "-D", f"language={lang}", "-d", str(project / "_build" / "doctrees" / lang),
         str(project / "docs"), str(out)],
        capture_output=True, text=True, timeout=600, cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
    )


def data_copy(tmp_path: Path, monkeypatch) -> Path:
    """docs/_data's files copied into *tmp_path*, which edition_data then reads instead (to break
    on purpose; the schemas stay the project's). New modification times: no cache holds them."""
    for path in (ROOT / "docs" / "_data").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(edition_data, "DATA_DIR", tmp_path)
    return tmp_path


def preflight(project: Path) -> subprocess.CompletedProcess:
    """The checks `make html` runs before it builds anything (`python -m edition.tools.publish
    --preflight`), run on *project* with its own package edition/."""
    return subprocess.run([sys.executable, "-m", "edition.tools.publish", "--preflight"], capture_output=True,
                          text=True, timeout=600, cwd=project, env={**os.environ, "PYTHONPATH": str(project)})


def warning_locations(stderr: str) -> list[str]:
    """The ``file:line`` prefixes of the warnings Sphinx printed."""
    return re.findall(r"^(\S+?:\d+): (?:WARNING|ERROR)", stderr, flags=re.M)


# -- Browser: the built site served on 127.0.0.1, driven by Playwright in Debian's Chromium --
from edition.tools.page_weight import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402,F401  (shared with make bench)


@pytest.fixture(scope="session")
def server():
    """``_build/html`` served over HTTP on a free loopback port; yields the base URL."""
    with serve(HTML) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def search_results(page, server: str, query: str, lang: str = "kk") -> set[str]:
    """The pages the site's own search page lists for *query*, as paths relative to the site."""
    page.goto(f"{server}/{lang}/search.html?q={query}")
    page.wait_for_function("document.querySelector('#search-results .search-summary')"
                           "?.textContent.trim().length > 0", timeout=15000)
    snippets = page.locator("#search-results ul.search li p.context").all_inner_texts()
    assert not any("BibTeX" in s for s in snippets), "cite panels are not quoted in results"
    return {a.get_attribute("href").split("?")[0].split("#")[0]
            for a in page.locator("#search-results ul.search li > a").all()}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def head_meta(page: BeautifulSoup) -> dict[str, list[str]]:
    """name (or Open Graph property) -> the contents of the page's ``<head>`` meta tags of that name."""
    tags: dict[str, list[str]] = {}
    for meta in page.select("head > meta[name], head > meta[property]"):
        tags.setdefault(meta.get("name") or meta["property"], []).append(meta.get("content", ""))
    return tags


def site_pages(lang: str) -> list[Path]:
    """Every HTML page of one language's site."""
    return sorted(p for p in site(lang).rglob("*.html") if "_static" not in p.parts)


# -- links within the built site --

def site_links(root: Path) -> list[tuple[Path, str, Path, str]]:
    """(page, href, target file, #fragment) of every relative link of every page under *root*
    (absolute URLs and mailto: left out), the target resolved against the page's folder."""
    links = []
    for page in sorted(root.rglob("*.html")):
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("a[href]"):
            href = a["href"]
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("/"):
                continue  # absolute: other sites, and the 404 page's links (test_published_site.py)
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            links.append((page, href, target, fragment))
    return links


def dead_links(root: Path) -> list[str]:
    """Every relative link under *root* whose file or #anchor does not exist, as ``page: href (why)``."""
    ids: dict[Path, set[str]] = {}
    dead = []
    for page, href, target, fragment in site_links(root):
        if not target.is_file():
            dead.append(f"{page.relative_to(root)}: {href} (no file)")
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                html = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
                ids[target] = {element["id"] for element in html.select("[id]")}
            if fragment not in ids[target]:
                dead.append(f"{page.relative_to(root)}: {href} (no anchor)")
    return dead


def translated_from_words(lang: str) -> str:
    """"Translated from the Kazakh by <the editors>" as *lang*'s ``edition`` catalog words it
    (polib), with the registry's editors; "" for a message the catalog does not translate."""
    entry = polib.pofile(str(ROOT / "locales" / lang / "LC_MESSAGES" / "edition.po")).find(
        "Translated from the Kazakh by %(translator)s")
    return entry.msgstr.replace("%(translator)s", CONF["edition_editors"][lang]) if entry and entry.msgstr else ""


def cited_translation(cite: Path, uid: str) -> dict:
    """What the four citation files of unit *uid* in *cite* (a ``_cite/`` folder) say of a
    translation, each read by its own parser: pybtex, rispy, json, the plain text."""
    bib = next(iter(parse_string((cite / f"{uid}.bib").read_text(encoding="utf-8"), "bibtex").entries.values()))
    ris_text = (cite / f"{uid}.ris").read_text(encoding="utf-8")
    ris = rispy.loads(ris_text)[0]
    csl = json.loads((cite / f"{uid}.json").read_text(encoding="utf-8"))[0]
    # pybtex reads only author and editor as names: the translator field parsed as one
    translator = [Person(name) for name in bib.fields["translator"].split(" and ")] if "translator" in bib.fields else []
    return {"bib_translator": [(p.first_names + p.middle_names, " ".join(p.last_names)) for p in translator],
            "bib_origlanguage": bib.fields.get("origlanguage"), "bib_language": bib.fields.get("langid"),
            "bib_origtitle": bib.fields.get("origtitle"),
            "ris_a4": [line.split("  - ", 1)[1] for line in ris_text.splitlines() if line.startswith("A4  - ")],
            "ris_translators": ris.get("subsidiary_authors", []), "ris_notes": ris.get("notes", []),
            "csl_translator": csl.get("translator"),
            "plain": (cite / f"{uid}.txt").read_text(encoding="utf-8-sig")}


def assert_cited_as_translation(lang: str, cite: Path, uid: str, source_title: str) -> None:
    """A ru/en unit is cited as translated from the Kazakh by the editors, one institution
    (never split into given and family names); a Kazakh unit says nothing of translation."""
    said = cited_translation(cite, uid)
    if lang == SOURCE:
        assert not (said["bib_translator"] or said["bib_origlanguage"] or said["ris_a4"] or said["ris_notes"]
                    or said["csl_translator"] or said["bib_origtitle"]), (uid, said)
        assert not any(translated_from_words(other).split(CONF["edition_editors"][other])[0] in said["plain"]
                       for other in TRANSLATIONS), (uid, said["plain"])
        return
    editors = CONF["edition_editors"][lang]
    words = translated_from_words(lang)
    assert words and editors in words, f"{lang}/edition.po does not translate the words: {words!r}"
    assert said["bib_translator"] == [([], "{" + editors + "}")], (uid, said)  # braced: one name
    assert said["bib_origlanguage"] == "kazakh" and said["bib_language"] != "kazakh", (uid, said)
    assert said["ris_a4"] == said["ris_translators"] == [editors], (uid, said)
    assert said["ris_notes"] == [words], (uid, said)
    assert said["csl_translator"] == [{"literal": editors}], (uid, said)
    assert said["bib_origtitle"] == source_title, (uid, said)
    assert words + "." in said["plain"], (uid, said["plain"])
