"""Translations and data files cannot put live markup or script on a page.

Every payload of the reliability battery (shared/reviews/reliability-1.md, cases 3a-3h, X1,
X2), and some of our own, is planted in a catalog, a heading, and the data files. The
publisher's command refuses the catalogs; and even a build that skips that check (a
plain sphinx-build) carries no live element or attribute: the pages are parsed, and
opened in Chromium, which must raise no dialog.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import polib
import pytest
import yaml
from bs4 import BeautifulSoup

from edition.guards import catalog_guard, untrusted_text
from edition.tools import check_po, publish
from conftest import HTML, make, scratch_project, serve, sphinx_build

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = pytest.mark.xdist_group("untrusted_input")

PARAGRAPH_PAYLOADS = [  # appended to a paragraph's msgstr
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "<IMG SRC=x ONERROR=alert(13)>",
    '<a href="jav&#x61;script:alert(14)">x14</a>',
    "<details open ontoggle=alert(15)>",
    "<a href=javascript&colon;alert(17)>x17</a>",
    "<style>body{display:none}</style>",
    "[x18](javascript:alert(18))",
    # our own
    '<iframe srcdoc="<script>alert(42)</script>"></iframe>',
    "[x43](data:text/html;base64,PHNjcmlwdD5hbGVydCg0Myk8L3NjcmlwdD4=)",
    "<svg onload=alert(44)>",
    "<math><mtext><img src=x onerror=alert(45)></mtext></math>",
]
HEADING_PAYLOAD = " <img src=x onerror=alert(21)>"
TITLE_PAYLOAD = '" onmouseover="alert(49)" x="'  # breaks out of an attribute if not escaped
DATA_PAYLOADS = {  # file: (path in the YAML, payload)
    "notes": (("notes", 0, "en", "standard"), " <img src=x onerror=alert(31)>"),
    "abbreviations": (("abbreviations", 1, "en"), '"><img src=x onerror=alert(46)>'),
    "chronology": (("events", 0, "en"), " <script>alert(47)</script>"),
    "emendations": (("emendations", 0, "reason", "en"), " <b onmouseover=alert(48)>x</b>"),
}
# the language registry (reliability-2 W6, W7) and an interface string in an attribute; the
# registry's values are printed by the switcher template and Furo's brand, the label in aria-label
REGISTRY_PAYLOADS = {  # en field of languages.yaml: payload appended
    "name": "<script>alert(50)</script>",  # W6
    "title": "<script>alert(51)</script>",  # W7
}
# our own, of the same family: out of <title> (the search page prints the title raw), an
# element with a handler, out of an attribute
REGISTRY_PAYLOADS_NEW = {
    "title": "</title><img src=x onerror=alert(52)>",
    "name": "<svg onload=alert(53)>",
}
LABEL_PAYLOAD = '" onfocus="alert(54)" autofocus x="'  # edition.po "Edition language": the switcher's aria-label
CATALOG = "chapters/07-establishment"


def plant_catalog(project):
    path = project / "locales" / "en" / "LC_MESSAGES" / f"{CATALOG}.po"
    po = polib.pofile(str(path), wrapwidth=79)
    paragraphs = [e for e in po if len(e.msgid) > 80]
    for entry, payload in zip(paragraphs * len(PARAGRAPH_PAYLOADS), PARAGRAPH_PAYLOADS):
        entry.msgstr += " " + payload
    heading = next(e for e in po if e.msgid == "Сырдария облысы")
    heading.msgstr += HEADING_PAYLOAD
    title = next(e for e in po if e.msgid == "Кеңес үкіметінің өлкеде орнауы")  # the page title: <meta> tags
    title.msgstr += TITLE_PAYLOAD
    po.save()
    return path


def plant_data(project):
    for name, (keys, payload) in DATA_PAYLOADS.items():
        path = project / "docs" / "_data" / f"{name}.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        node = document
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] += payload
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def plant_registry(project):
    path = project / "docs" / "_data" / "languages.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    english = next(entry for entry in document["languages"] if entry["code"] == "en")
    for payloads in (REGISTRY_PAYLOADS, REGISTRY_PAYLOADS_NEW):
        for field, payload in payloads.items():
            english[field] += payload
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "edition.po"
    po = polib.pofile(str(catalog), wrapwidth=79)
    po.find("Edition language").msgstr += LABEL_PAYLOAD
    po.save()


@pytest.fixture(scope="session")
def poisoned(tmp_path_factory):
    """A project with every payload planted, built in English by plain sphinx-build."""
    project = scratch_project(tmp_path_factory.mktemp("poisoned"))
    catalog = plant_catalog(project)
    plant_data(project)
    plant_registry(project)
    result = sphinx_build(project, "en")
    assert "Traceback" not in result.stderr, result.stderr
    return project, catalog, project / "_build" / "html" / "en"


def test_the_publishers_command_refuses_html_in_a_catalog(poisoned):
    project, catalog, _site = poisoned
    result = subprocess.run([sys.executable, "-m", "edition.tools.publish", "--preflight"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode != 0
    markup = [line for line in result.stdout.splitlines() if line.startswith(f"{catalog}:") and "[markup]" in line]
    assert len(markup) >= 4, result.stdout  # every poisoned entry, the heading included


def test_no_built_page_carries_live_markup(poisoned):
    _project, _catalog, site = poisoned
    assert publish.live_markup(site) == []
    chapter = BeautifulSoup((site / f"{CATALOG}.html").read_text(encoding="utf-8"), "lxml")
    text = chapter.select_one("article").get_text()
    # the payloads reached the page, as text
    for marker in ("onerror=alert(1)", "<script>alert(2)</script>", "ontoggle=alert(15)", "alert(42)",
                   "onload=alert(44)", "onerror=alert(21)"):
        assert marker in text, f"{marker!r} is not on the page at all: the test planted nothing"
    for element in chapter.find_all(True):
        assert not any(name.lower().startswith("on") for name in element.attrs), element
        for name in ("href", "src"):
            assert not re.match(r"\s*(javascript|data|vbscript):", element.get(name, ""), re.I), element


def test_no_data_file_value_becomes_markup(poisoned):
    _project, _catalog, site = poisoned
    pages = {path.name: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    joined = "\n".join(pages.values())
    for _name, (_keys, payload) in DATA_PAYLOADS.items():
        marker = re.search(r"alert\(\d+\)", payload)[0]
        assert marker in joined, f"{marker}: the planted data value is on no page"
    for name, html in pages.items():
        soup = BeautifulSoup(html, "lxml")
        live = [e for e in soup.find_all(True) if any(a.lower().startswith("on") for a in e.attrs)]
        assert not live, f"{name}: {live[:3]}"


def test_no_page_raises_a_dialog_in_chromium(poisoned, browser):
    _project, _catalog, site = poisoned
    dialogs = []
    with serve(site.parent) as url:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name in (f"en/{CATALOG}.html", "en/index.html", "en/abbreviations.html", "en/chronology.html",
                     "en/editorial.html", "en/chapters/02-1917.html"):
            page.goto(f"{url}/{name}")
            page.wait_for_load_state("load")
            for link in page.locator("article a").all()[:60]:  # a javascript: link would need a click
                href = link.get_attribute("href") or ""
                assert not href.lower().lstrip().startswith(("javascript", "data")), href
        page.wait_for_timeout(300)
        context.close()
    assert dialogs == []


def test_a_plural_rule_never_reaches_the_browser(tmp_path):
    payload = "nplurals=2; plural=(document.documentElement.setAttribute('data-pwned','plural'), n != 1);"
    with pytest.raises(ValueError):
        catalog_guard.plural_expression(payload)
    assert catalog_guard.plural_expression("nplurals=2; plural=(n != 1);") == "(n != 1)"
    project = scratch_project(tmp_path)
    path = project / "locales" / "kk" / "LC_MESSAGES" / "sphinx.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"Plural-Forms: [^"]*"', f'"Plural-Forms: {payload}\\\\n"', text), encoding="utf-8")
    result = sphinx_build(project, "kk")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(rf"^{re.escape(str(path))}:\d+: ", result.stderr, re.M), result.stderr
    js = path.with_suffix(".js")
    assert not js.exists() or "data-pwned" not in js.read_text(encoding="utf-8")


def test_the_live_markup_check_finds_a_planted_handler(tmp_path):
    page = tmp_path / "site" / "page.html"
    page.parent.mkdir()
    original = (HTML / "en" / "index.html").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    assert publish.live_markup(page.parent) == []
    for planted in ('<p onclick="x()">a</p>', '<a href=" javascript:x()">a</a>', "<script>x()</script>"):
        page.write_text(original.replace("</article>", planted + "</article>"), encoding="utf-8")
        assert publish.live_markup(page.parent), planted


def test_page_metadata_and_parallel_text_carry_planted_markup_as_text(poisoned):
    """A translated title goes into <meta content="…"> and the parallel page shows msgstrs:
    both escaped, the payload intact as text."""
    _project, _catalog, site = poisoned
    chapter = BeautifulSoup((site / f"{CATALOG}.html").read_text(encoding="utf-8"), "lxml")
    for name in ("citation_title", "DC.title"):
        assert chapter.select_one(f'head meta[name="{name}"]')["content"].endswith(TITLE_PAYLOAD)
    assert not chapter.head.find_all(attrs={"onmouseover": True})
    parallel = BeautifulSoup((site / "parallel" / "07-establishment.html").read_text(encoding="utf-8"), "lxml")
    text = parallel.select_one(".parallel-view").get_text()
    for marker in ("<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "<svg onload=alert(44)>"):
        assert marker in text, marker
    assert not parallel.select(".parallel-view script, .parallel-view img, .parallel-view svg, .parallel-view iframe")
    assert parallel.select_one('head meta[name="citation_title"]')["content"].endswith(TITLE_PAYLOAD)


def test_the_language_names_and_the_edition_title_are_text_on_every_page(poisoned):
    """W6, W7: a language's name and the edition's title come from languages.yaml; the
    switcher and the theme print them as text, whatever markup they hold."""
    _project, _catalog, site = poisoned
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    name = "English" + "".join(p["name"] for p in (REGISTRY_PAYLOADS, REGISTRY_PAYLOADS_NEW))
    title = "Soviet Power: A Scholarly Edition" + "".join(p["title"] for p in (REGISTRY_PAYLOADS, REGISTRY_PAYLOADS_NEW))
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        where = page.relative_to(site)
        switcher = html.select_one("nav.edition-languages")
        if switcher is None:
            continue  # a page without the sidebar
        assert switcher["aria-label"] == "Edition language" + LABEL_PAYLOAD, where
        assert not [a for e in switcher.find_all(True) for a in e.attrs if a.lower().startswith("on")], where
        assert name in [e.get_text() for e in switcher.select("[lang=en]")], where
        brand = html.select_one(".sidebar-brand-text")
        assert brand.get_text() == title and not brand.find_all(True), where
        assert not html.select("nav.edition-languages *:is(script, img, svg), .sidebar-brand *:is(script, img), "
                               ".mobile-header .brand *:is(script, img)"), where
        assert not html.head.select("img, svg"), f"{where}: markup out of <title>"
    search = BeautifulSoup((site / "search.html").read_text(encoding="utf-8"), "lxml")
    assert title in search.title.get_text()


def test_the_live_markup_check_looks_at_the_switcher_and_the_brand(tmp_path):
    page = tmp_path / "site" / "page.html"
    page.parent.mkdir()
    original = (HTML / "en" / "index.html").read_text(encoding="utf-8")
    for area in ('<nav class="edition-languages" aria-label="Edition language">', '<span class="sidebar-brand-text">'):
        assert area in original, area
        page.write_text(original.replace(area, area + "<script>x()</script>", 1), encoding="utf-8")
        assert publish.live_markup(page.parent), area


# -- one boundary for untrusted text (edition/guards/untrusted_text.py): reliability-2 D4, E3, E4,
# S18, S20, Y7, Y8, Y9, B5 and payloads of the same families the battery did not try

FILE_PAYLOADS = [  # each in a translation or a data text would name a file of the build machine
    " ![x][leak]\n\n[leak]: ../../../../../../../../../proc/self/environ",  # D4
    # our own
    " ![x][]\n\n[x]: <../../../secret.txt>",  # a collapsed reference, an angle-bracket target
    "\n\n> [leak]: /proc/self/environ\n\n![leak]",  # a definition inside a block quote, a shortcut image
    " [the record](../../../../etc/hostname)",  # MyST makes a link to a local file a download
    " ![x](/etc/hostname)",  # an inline image (a note is parsed inline)
    " {download}`x <../../secret.txt>`",  # in a data text, where no msgid is compared
    "\n\n~~~{figure} /etc/hostname\n~~~",  # a tilde fence
    " <file:/etc/passwd>",  # an autolink
]
CONTROL_PAYLOADS = [
    "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)),  # E3
    "\ufffe\uffff",  # E4
    # our own
    "\x85", "\x9b[31m", "\x7f", "\ufdd0", "\U0001fffe", "\U0010ffff",
]


@pytest.mark.parametrize("payload", FILE_PAYLOADS + CONTROL_PAYLOADS)
def test_a_translation_or_data_text_cannot_name_a_file_or_hold_control_characters(payload):
    text = "The congress met in Petrograd." + payload
    assert untrusted_text.text_problems(text), repr(payload)
    # a msgstr may keep what its msgid has, but nothing else
    assert untrusted_text.text_problems(text, "Съезд Петроградта өтті."), repr(payload)


def test_ordinary_text_and_the_msgids_own_constructs_pass():
    text = ("In {place}`Syr Darya oblast <Сырдария облысы>` [the decree](https://example.org/a) {cite:p}`x2020y`"
            " (see [below](#sec-x); <mailto:editors@example.org>), a tab\there\nand a line.")
    assert untrusted_text.text_problems(text) == []
    figure = "```{figure} map.png\n```"
    assert untrusted_text.text_problems(f"Map. {figure}", f"Карта. {figure}") == []


def test_every_text_of_a_data_file_is_checked_with_its_line(tmp_path):
    path = tmp_path / "notes.yaml"
    lines = ["notes:", "  - id: note-x", "    en:"]
    lines += [f"      f{n}: " + yaml.safe_dump("Text" + payload, default_style='"', width=10**6).strip()
              for n, payload in enumerate(FILE_PAYLOADS + CONTROL_PAYLOADS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = check_po.data_text_problems(path)
    assert sorted({int(p.split(":")[1]) for p in found}) == list(range(4, 4 + len(lines) - 3)), found
    assert all(p.startswith(f"{path}:") and "[unsafe]" in p for p in found)


@pytest.mark.parametrize("content, line", [
    (b"languages:\n  - code: kk\n    name: \xff\n", 3),  # Y8
    (b"", 1),  # Y9
    (b"# no entry\nlanguages: []\n", 1),
    (b"\xef\xbb\xbflanguages:\n  - code: kk\n    name: caf\xe9\n", 3),  # our own: Latin-1 after a BOM
])
def test_a_broken_registry_stops_every_build_with_its_line(tmp_path, content, line):
    project = scratch_project(tmp_path)
    registry = project / "docs" / "_data" / "languages.yaml"
    registry.write_bytes(content)
    for target in ("html", "html-kk", "pdf", "epub"):
        result = make(project, target, timeout=120)
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"make {target} passed on a broken registry"
        assert "Traceback" not in output, output
        assert f"{registry}:{line}: " in output, output
    assert make(project, "help", timeout=120).returncode == 0  # what needs no language still works


def test_a_symbolic_link_in_the_sources_is_refused(tmp_path):
    root = tmp_path / "tree"
    (root / "docs" / "_static").mkdir(parents=True)
    (root / "docs" / "page.md").write_text("text\n", encoding="utf-8")
    assert untrusted_text.symbolic_links(root, ("docs", "conf.py")) == []
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET\n", encoding="utf-8")
    links = [root / "docs" / "_static" / "leak.txt", root / "docs" / "linked-folder", root / "conf.py",
             root / "docs" / "dangling.md"]
    links[0].symlink_to(outside / "secret.txt")
    links[1].symlink_to(outside)  # a folder: not walked into, refused
    links[2].symlink_to(outside / "secret.txt")
    links[3].symlink_to(tmp_path / "nothing-there")
    found = untrusted_text.symbolic_links(root, ("docs", "conf.py"))
    assert sorted(p.split(":1: ")[0] for p in found) == sorted(map(str, links)), found
    assert not any("SECRET" in p for p in found)


def test_a_catalog_linked_from_outside_makes_the_preflight_run_again(tmp_path):
    """S20: make sees a symbolic link among the sources (and its target's time), so the
    preflight, which refuses it, runs again instead of the build being called up to date."""
    project = scratch_project(tmp_path)
    stamp = project / "_build" / "preflight.ok"
    stamp.parent.mkdir()
    make(project, "-n", "_build/preflight.ok")  # make writes the base-URL stamp, a prerequisite of the preflight
    stamp.touch()
    soon = time.time() + 10
    os.utime(stamp, (soon, soon))
    assert make(project, "-q", "_build/preflight.ok").returncode == 0, "the fresh stamp is not up to date"
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    outside = tmp_path / "outside.po"
    shutil.copy2(catalog, outside)
    catalog.unlink()
    catalog.symlink_to(outside)
    later = time.time() + 60
    os.utime(outside, (later, later))
    assert make(project, "-q", "_build/preflight.ok").returncode != 0, "make calls the preflight up to date"
