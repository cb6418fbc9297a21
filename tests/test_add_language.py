"""A new language in one command (issue 18 §3): ``make add-language LANG=de`` in a copy.

German is the scratch language: Sphinx, polyglossia and CLDR all know it, so what the test
sees is the edition's own machinery. The copy gets the registry entry and every catalog,
and the publisher's targets (``make pdf-de epub-de html-de``: preflight and check-po,
strict -W builds, epubcheck, the staged publish) build it, with the untranslated text
shown in Kazakh and marked ``lang="kk"``; the switcher, hreflang, the sitemap and the status page (0 %) list
German; the EPUB passes epubcheck and the PDF builds with LaTeX's German captions and the
captions the German ``edition.po`` translates.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import polib
import pytest
from babel.messages.plurals import get_plural
from pypdf import PdfReader

from conftest import LANGUAGES, RELEASE, make, scratch_project, soup

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = pytest.mark.xdist_group("add_language")

NEW = "de"
EPUBCHECK = ["java", "-jar", "/usr/share/java/epubcheck.jar", "--quiet"]


@pytest.fixture(scope="session")
def project(tmp_path_factory):
    """The copy after `make add-language LANG=de`, with one paragraph and one caption translated."""
    project = scratch_project(tmp_path_factory.mktemp("add-language"))
    result = make(project, "add-language", f"LANG={NEW}")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    chapter = project / "locales" / NEW / "LC_MESSAGES" / "chapters" / "01-term.po"
    po = polib.pofile(str(chapter), wrapwidth=79)
    title = po[0]  # the chapter's title
    title.msgstr = "Der Begriff"
    po.save(str(chapter))
    interface = project / "locales" / NEW / "LC_MESSAGES" / "edition.po"
    po = polib.pofile(str(interface), wrapwidth=79)
    po.find("Contents").msgstr = "Inhalt"
    po.save(str(interface))
    return project


@pytest.fixture(scope="session")
def published(project):
    """The German PDF, EPUB and site, built by the publisher's make targets, in that order
    (the site links the downloads that exist)."""
    result = make(project, f"pdf-{NEW}", f"epub-{NEW}", f"html-{NEW}", timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " -W " in result.stdout
    return project


def test_add_language_registers_it_and_creates_every_catalog_with_complete_headers(project):
    entries = subprocess.run([sys.executable, "-m", "edition.tools.languages"], capture_output=True, cwd=project,
                             text=True, check=True).stdout.split()
    assert entries == [*LANGUAGES, NEW]  # appended, the source still first
    pots = sorted(p.relative_to(project / "_build" / "gettext").with_suffix("").as_posix()
                  for p in (project / "_build" / "gettext").rglob("*.pot"))
    folder = project / "locales" / NEW / "LC_MESSAGES"
    catalogs = sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.po"))
    assert catalogs == pots and "edition" in catalogs
    for name in catalogs:
        metadata = polib.pofile(str(folder / f"{name}.po")).metadata
        assert metadata["Language"] == NEW
        assert metadata["Plural-Forms"] == get_plural(NEW).plural_forms
        assert metadata["Language-Team"] == "German"
        assert metadata["Report-Msgid-Bugs-To"].strip()
    again = make(project, "add-language", f"LANG={NEW}")  # a second time: refused, file:line
    assert again.returncode != 0 and "languages.yaml:" in again.stderr and "already" in again.stderr


def test_stats_count_the_new_language_at_zero(project):
    stats = subprocess.run([sys.executable, "-m", "edition.tools.po_stats"], capture_output=True, cwd=project,
                           text=True, check=True).stdout
    summary = re.search(rf"^# {NEW} \(([\d.]+)% done\): (\d+) / (\d+) messages translated", stats, re.M)
    assert summary, stats
    assert int(summary[2]) == 2 and float(summary[1]) < 1  # the title and the caption translated above


def test_the_new_site_builds_strictly_and_marks_the_kazakh_it_shows(published):
    site = published / "_build" / "html" / NEW
    page = soup(site / "chapters" / "01-term.html")
    assert page.html["lang"] == NEW
    assert page.select_one("article h1").get("lang") is None  # translated: German, unmarked
    shown = page.select("article p, article h2")
    assert shown and all(e.get("lang") == LANGUAGES[0] and "untranslated" in e["class"] for e in shown)
    # the switcher, hreflang, sitemap and the status page know the language
    switcher = page.select_one("nav.edition-languages")
    assert [e["lang"] for e in switcher.select("[lang]")] == [*LANGUAGES, NEW]
    assert {link["hreflang"] for link in page.select("link[rel=alternate]")} >= {*LANGUAGES, NEW}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="{NEW}"' in sitemap and f"/{NEW}/{RELEASE}/chapters/01-term.html" in sitemap
    status = soup(site / "translation-status.html")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in status.select("tbody tr")]
    german = [row for row in rows if row[0] == NEW]
    assert {row[-1] for row in german if row[1] not in ("chapters/01-term", "edition")} == {"0%"}
    assert len(german) == len(list((published / "locales" / NEW / "LC_MESSAGES").rglob("*.po")))
    downloads = {a["href"].rsplit("/", 1)[-1] for a in page.select("a[href*='_downloads/']")}
    assert downloads == {f"kenes-ukimeti-{NEW}.pdf", f"kenes-ukimeti-{NEW}.epub"}


def test_the_new_epub_passes_epubcheck_and_marks_the_kazakh(published):
    epub = published / "_build" / "epub" / f"kenes-ukimeti-{NEW}.epub"
    check = subprocess.run([*EPUBCHECK, str(epub)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    with zipfile.ZipFile(epub) as book:
        chapter = book.read("chapters/01-term.xhtml").decode("utf-8")
    assert 'class="untranslated"' in chapter and 'lang="kk"' in chapter


def test_the_new_pdf_builds_with_german_captions(published):
    pdf = published / "_build" / "pdf" / f"kenes-ukimeti-{NEW}.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Inhalt" in text  # the caption the German edition.po translates
    assert "Kapitel" in text and "Stichwortverzeichnis" in text  # polyglossia's German, untranslated ones


@pytest.mark.parametrize("code", ["de\n", "DE", "de;", "x"])
def test_add_language_refuses_a_code_that_is_not_two_or_three_letters_and_writes_nothing(tmp_path, code):
    """A final newline passed the old check (`$` of a regex matches before it)."""
    project = scratch_project(tmp_path)
    registry = project / "docs" / "_data" / "languages.yaml"
    before = registry.read_bytes()
    result = make(project, "-o", "gettext", "add-language", f"LANG={code}")  # refused before the POTs are read
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert re.search(r"languages.yaml:1: .* is not a language code", result.stderr), result.stderr
    assert registry.read_bytes() == before and not (project / "locales" / "de").exists()
