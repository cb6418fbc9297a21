"""Versioned, citable releases: a citation keeps serving the words it cited.

In a copy of the project with its own git repository, release ``1.0.0`` is tagged, an
emendation is planted, ``make release`` makes the next release (conf.py, CITATION.cff and
the changes data together) and it is tagged; ``make site`` builds the earlier tag from
``git archive`` and assembles both (edition/tools/assemble_site.py). The old release's cited
address must still serve the old words, its banner must lead to the same anchor of the new
release, and the changes page must list the emendation. ``make release`` refuses bad
input with a clear message and no traceback.
"""

from __future__ import annotations

import json
import re
import runpy
import subprocess
from pathlib import Path

import polib
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CONF, LANGUAGES, make, scratch_project, serve

from edition.i18n import edition_strings
from edition.citing import releases

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = pytest.mark.xdist_group("releases")

OLD = CONF["release"]
NEW = "{}.{}.0".format(*[int(n) + d for n, d in zip(OLD.split(".")[:2], (0, 1))])
BASE = CONF["edition_base_url"].rstrip("/") + "/"
PAGE = "chapters/03-constituent.html"
PARAGRAPH = "sec-constituent-autonomies-p1"
WITNESS_WORD, EDITION_WORD = "дұшпандықпен", "дұшпандықпенен"
PLANTED = {"id": "em-planted-test", "source": WITNESS_WORD, "edition": EDITION_WORD,
           "reason": {"kk": "Сынақ түзетуі.", "ru": "Пробное исправление.", "en": "A test emendation."}}


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout


def git_project(tmp_path: Path) -> Path:
    """A copy of the project in its own git repository, its current release tagged."""
    project = scratch_project(tmp_path)
    git(project, "init", "-q")
    git(project, "config", "user.email", "tests@example.org")
    git(project, "config", "user.name", "tests")
    git(project, "add", "-A")
    git(project, "commit", "-qm", f"release {OLD}")
    git(project, "tag", OLD)
    return project


def plant_emendation(project: Path) -> None:
    """The word becomes an emendation: in the Kazakh source, in the catalogs' msgids (as
    update-po would carry them) and in emendations.yaml; the English translation of the
    paragraph is corrected too, the Russian one is not."""
    role = f"{{emend}}`{EDITION_WORD}`"
    source = project / "docs" / "chapters" / "03-constituent.md"
    text = source.read_text(encoding="utf-8")
    assert text.count(WITNESS_WORD) == 1
    source.write_text(text.replace(WITNESS_WORD, role), encoding="utf-8")
    for lang in LANGUAGES[1:]:
        path = project / "locales" / lang / "LC_MESSAGES" / "chapters" / "03-constituent.po"
        catalog = polib.pofile(str(path), wrapwidth=79)  # written back the canonical way (edition/tools/check_po.py)
        entry = next(e for e in catalog if WITNESS_WORD in e.msgid)
        entry.msgid = entry.msgid.replace(WITNESS_WORD, role)
        if lang == "en":  # and a corrected translation of the same paragraph
            assert "regarded with hostility" in entry.msgstr
            entry.msgstr = entry.msgstr.replace("regarded with hostility", "regarded with enmity")
        catalog.save()
    emendations = project / "docs" / "_data" / "emendations.yaml"
    entry = yaml.safe_dump([PLANTED], allow_unicode=True, sort_keys=False, width=1000)
    text = emendations.read_text(encoding="utf-8")
    emendations.write_text(text.replace("emendations:\n", "emendations:\n" + re.sub("^", "  ", entry, flags=re.M)
                                        .rstrip(" "), 1), encoding="utf-8")


@pytest.fixture(scope="session")
def released(tmp_path_factory) -> Path:
    """The assembled site of the two releases: ``<project>/_build/site``."""
    project = git_project(tmp_path_factory.mktemp("releases"))
    plant_emendation(project)
    done = make(project, "release", f"VERSION={NEW}", "DATE=2026-12-03")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"git tag {NEW}" in done.stdout  # it prints the tag command
    git(project, "add", "-A")
    git(project, "commit", "-qm", f"release {NEW}")
    git(project, "tag", NEW)
    done = make(project, "site", timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project


def page(site: Path, url: str) -> tuple[BeautifulSoup, str]:
    """The page an absolute edition address is served from in the assembled *site*, and its #id."""
    assert url.startswith(BASE), url
    path, _, fragment = url.removeprefix(BASE).partition("#")
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml"), fragment


def test_the_release_interface_strings_are_translated_in_every_edition_language():
    """The banner and the changes page speak each language: every message of
    ``releases.WORDS`` is translated by that language's ``edition.po``."""
    assert list(releases.WORDS) == list(LANGUAGES)
    for lang in LANGUAGES:
        untranslated = [message for message in releases.WORDS.messages.values()
                        if not edition_strings.is_translated(lang, message)]
        assert not untranslated, (lang, untranslated)
    assert releases.strings("ru")["banner"] != releases.strings("en")["banner"]


def test_make_release_updates_conf_py_and_citation_cff_together(released):
    conf = runpy.run_path(str(released / "conf.py"))
    assert (conf["release"], conf["version"], conf["edition_date"]) == (NEW, NEW.rsplit(".", 1)[0], "2026-12-03")
    cff = yaml.safe_load((released / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["version"], str(cff["date-released"])) == (NEW, "2026-12-03")
    assert (cff["preferred-citation"]["edition"], str(cff["preferred-citation"]["date-released"])) == (NEW, "2026-12-03")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_old_releases_cited_url_still_serves_the_old_words(released, lang):
    site = released / "_build" / "site"
    inventory = json.loads((site / lang / OLD / "citable-units.json").read_text(encoding="utf-8"))
    assert inventory["edition"]["version"] == OLD
    unit = next(u for u in inventory["paragraphs"] if u["id"] == PARAGRAPH)
    url = unit["urls"][lang]
    assert url == releases.edition_url(BASE, lang, OLD, f"{PAGE}#{PARAGRAPH}")
    old, fragment = page(site, url)
    new, _ = page(site, url.replace(f"/{OLD}/", f"/{NEW}/"))
    if lang == "kk":  # the translations render their own words, unchanged by the emendation
        assert WITNESS_WORD in old.find(id=fragment).get_text().split()
        assert EDITION_WORD not in old.get_text()
        assert EDITION_WORD in new.find(id=fragment).get_text()
    assert old.select_one('link[rel="canonical"]')["href"] == releases.edition_url(BASE, lang, OLD, PAGE)
    assert old.select_one('meta[name="citation_public_url"]')["content"] == releases.edition_url(BASE, lang, OLD, PAGE)
    # an earlier release's own cite control names that release's address: the plain citation
    # it loads from the release's _cite/ folder
    control = old.select_one("details.cite[data-unit]")
    citation = (site / lang / OLD / "_cite" / f"{control['data-unit']}.txt").read_text(encoding="utf-8-sig")
    assert releases.edition_url(BASE, lang, OLD, PAGE) in citation and f"/{NEW}/" not in citation


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_old_release_says_so_and_links_the_same_anchor_of_the_latest(released, lang):
    site = released / "_build" / "site"
    old_page = site / lang / OLD / PAGE
    old = BeautifulSoup(old_page.read_text(encoding="utf-8"), "lxml")
    banners = old.select(".release-banner")
    assert len(banners) == 1
    words = releases.strings(lang)
    assert banners[0].get_text(" ", strip=True) == (words["banner"].format(release=OLD) + " "
                                                    + words["banner_link"].format(latest=NEW))
    link = banners[0].select_one("a.release-banner-link")
    target = (old_page.parent / link["href"]).resolve()
    assert target == (site / lang / NEW / PAGE).resolve()
    new = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
    assert new.find(id=PARAGRAPH) is not None  # ids are stable: the #anchor lands on the same paragraph
    assert not new.select(".release-banner")
    script = old.select_one('script[src$="release-banner.js"]')
    assert (old_page.parent / script["src"]).resolve().is_file()
    assert "window.location.hash" in (old_page.parent / script["src"]).read_text(encoding="utf-8")


def test_the_banner_takes_the_reader_to_the_cited_paragraph_of_the_latest_release(released, browser):
    """In Chromium: the old release's cited address, then the banner's link, lands on the same
    #anchor of the new release (its script carries the anchor along)."""
    with serve(released / "_build" / "site") as server:
        page = browser.new_page()
        page.goto(f"{server}/ru/{OLD}/{PAGE}#{PARAGRAPH}")
        page.click("a.release-banner-link")
        page.wait_for_url(f"{server}/ru/{NEW}/{PAGE}#{PARAGRAPH}")
        assert page.locator(f"#{PARAGRAPH}").count() == 1
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_changes_page_lists_the_planted_emendation_and_the_changed_translation(released, lang):
    """The msgid changed under both translations; only the English translation itself did."""
    site = released / "_build" / "site"
    changes = BeautifulSoup((site / lang / NEW / "changes.html").read_text(encoding="utf-8"), "lxml")
    section = changes.find(id="release-" + NEW.replace(".", "-"))
    listed = [li.get_text(" ", strip=True) for li in section.select("ul.changes-emendations li")]
    assert listed == [f"{PLANTED['id']}: {releases.strings(lang)['added']} – {WITNESS_WORD} → {EDITION_WORD}"
                      f" ({PLANTED['reason'][lang]})"]
    words = releases.strings(lang)
    translations = [li.get_text(" ", strip=True) for li in section.select("ul.changes-translations li")]
    assert translations == [f"en: {words['section']} sec-constituent-autonomies ({words['changed']}: 1)"]
    assert changes.find(id="release-" + OLD.replace(".", "-")) is not None  # the earlier release stays listed
    old = BeautifulSoup((site / lang / OLD / "changes.html").read_text(encoding="utf-8"), "lxml")
    assert PLANTED["id"] not in old.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_aliases_serve_the_latest_release_under_its_versioned_address(released, lang):
    site = released / "_build" / "site"
    for alias in releases.ALIASES:
        latest = BeautifulSoup((site / lang / alias / PAGE).read_text(encoding="utf-8"), "lxml")
        assert latest.select_one('link[rel="canonical"]')["href"] == releases.edition_url(BASE, lang, NEW, PAGE)
        switcher = {a["hreflang"]: a["href"] for a in latest.select("nav.edition-languages a")}
        for other, href in switcher.items():  # the switcher stays in the alias
            assert (site / lang / alias / PAGE).parent.joinpath(href).resolve() == (site / other / alias / PAGE).resolve()
    root = BeautifulSoup((site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    assert {loc.text for loc in root.find_all("loc")} == {releases.edition_url(BASE, lang, r, "sitemap.xml")
                                                          for lang in LANGUAGES for r in (OLD, NEW)}


@pytest.mark.parametrize("version, message", [
    ("1.0", "is not a release number x.y.z"),
    ("banana", "is not a release number x.y.z"),
    (OLD, f"is not newer than release {OLD}"),
    ("0.9.0", f"is not newer than release {OLD}"),
])
def test_make_release_refuses_a_bad_version_without_a_traceback(tmp_path, version, message):
    project = git_project(tmp_path)
    done = make(project, "release", f"VERSION={version}")
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr
    assert runpy.run_path(str(project / "conf.py"))["release"] == OLD  # nothing written


def test_make_release_refuses_when_the_manifest_drops_an_anchor_of_the_previous_release(tmp_path):
    """Negative control of the anchor check: an anchor of the tagged release, gone from the
    manifest without a redirect, stops the release with the manifest's file:line."""
    project = git_project(tmp_path)
    manifest = project / "docs" / "_data" / "anchors.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"  - {PARAGRAPH}\n", "", 1), encoding="utf-8")
    done = make(project, "release", f"VERSION={NEW}")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert re.search(rf"docs/_data/anchors.yaml:\d+: chapters/03-constituent#{PARAGRAPH} of release {OLD} "
                     "is neither listed nor redirected", done.stderr), done.stderr
    assert runpy.run_path(str(project / "conf.py"))["release"] == OLD


def test_citation_cff_names_the_releases_versioned_address_when_the_base_url_is_public(tmp_path):
    project = git_project(tmp_path)
    public = "https://kenes-ukimeti.kz/"
    done = make(project, "release", f"VERSION={NEW}", env={"EDITION_BASE_URL": public})
    assert done.returncode == 0, done.stderr
    cff = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["url"] == releases.edition_url(public, LANGUAGES[0], NEW) == f"{public}{LANGUAGES[0]}/{NEW}/"
    # with the placeholder domain, a url naming an older release is refused, not left behind
    git(project, "add", "-A")
    git(project, "commit", "-qm", f"release {NEW}")
    git(project, "tag", NEW)
    done = make(project, "release", "VERSION=9.0.0")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert re.search(r"CITATION.cff:\d+: its url must name release 9.0.0", done.stderr), done.stderr


def test_make_release_needs_the_previous_release_tagged(tmp_path):
    project = scratch_project(tmp_path)
    done = make(project, "release", f"VERSION={NEW}")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"the previous release {OLD} has no git tag" in done.stderr


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30",  # S6, the battery's
                                  "2026-02-29", "0000-01-01", "2026-12-01\n", "２０２６-12-01", "20261201"])
def test_make_release_refuses_a_day_that_does_not_exist_and_writes_nothing(tmp_path, date):
    project = scratch_project(tmp_path)
    before = {name: (project / name).read_bytes() for name in ("conf.py", "CITATION.cff", "docs/_data/changes.yaml")}
    done = make(project, "release", f"VERSION={NEW}", f"DATE={date}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "is not a calendar date YYYY-MM-DD" in done.stderr, done.stderr
    assert {name: (project / name).read_bytes() for name in before} == before


def test_make_release_refuses_a_version_with_a_newline(tmp_path):  # `$` of a regex matches before a final newline
    project = scratch_project(tmp_path)
    done = make(project, "release", f"VERSION={NEW}\n")
    assert done.returncode == 2 and "is not a release number x.y.z" in done.stderr, done.stderr
