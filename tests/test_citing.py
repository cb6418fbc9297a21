"""Scholars can cite every section: one id in every language, ready citations, stable anchors."""

import json
import re
import subprocess
import sys
import textwrap

import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from sphinx.util.inventory import InventoryFile

from edition.tools import anchor_manifest
from conftest import (CONF, HTML, LANGUAGES, ROOT, SOURCE, assert_cited_as_translation, chapter_pages, data,
                      edition_url, site, soup)


def conf_value(name):
    match = re.search(rf'^{name} = "([^"]+)"', (ROOT / "conf.py").read_text(encoding="utf-8"), re.M)
    return match.group(1)


def inventory(lang):
    return json.loads((site(lang) / "citable-units.json").read_text(encoding="utf-8"))


def test_every_language_lists_the_same_citable_units_with_the_same_numbers():
    units = {lang: [(u["id"], u["number"]) for u in inventory(lang)["units"]] for lang in LANGUAGES}
    assert units["kk"] == units["ru"] == units["en"]
    ids = [uid for uid, _ in units["kk"]]
    assert len(ids) == len(set(ids))
    labels = {s["id"] for page in chapter_pages("kk") for s in soup(page).select("article section")}
    assert labels <= set(ids)


def test_units_carry_titles_urls_version_and_date_in_every_language():
    for lang in LANGUAGES:
        inv = inventory(lang)
        assert inv["edition"]["version"] == conf_value("release")
        assert inv["edition"]["date"] == conf_value("edition_date")
        for unit in inv["units"]:
            assert set(unit["titles"]) == set(unit["urls"]) == set(LANGUAGES)
            for code in LANGUAGES:
                assert unit["titles"][code], (unit["id"], code)
                assert unit["urls"][code] == edition_url(code, f"{unit['page']}.html#{unit['id']}")
        chapters = [u for u in inv["units"] if u["id"].startswith("sec-")]
        assert all(re.fullmatch(r"\d+\.\d+", u["number"]) for u in chapters)


def test_section_numbers_in_the_pages_agree_across_languages():
    def numbers(lang):
        return [h.select_one(".section-number").get_text() if h.select_one(".section-number") else ""
                for page in chapter_pages(lang) for h in soup(page).select("article h1, article h2")]
    assert numbers("kk") == numbers("ru") == numbers("en")
    assert "1.1. " in numbers("kk")


CITE_FILES = ("txt", "bib", "ris", "json")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_has_a_cite_control_linking_its_four_citation_files(lang):
    """The control links the plain citation, BibTeX, RIS and CSL-JSON (what the page's script
    shows when it opens, and what a reader without scripts follows); the citations are not
    in the page (issue 16: the page stays light)."""
    for page in chapter_pages(lang):
        for section in soup(page).select("article section"):
            control = section.find("details", class_="cite", recursive=False)
            assert control is not None and control["data-unit"] == section["id"], (page, section["id"])
            links = [a["href"] for a in control.select(".cite-files a")]
            assert links == [f"../_cite/{section['id']}.{ext}" for ext in CITE_FILES], (page, links)
            for ext in CITE_FILES:
                assert (site(lang) / "_cite" / f"{section['id']}.{ext}").is_file()
            assert control.select("pre") == [] and control["data-show"] == "txt bib"
            plain = (site(lang) / "_cite" / f"{section['id']}.txt").read_text(encoding="utf-8-sig")
            assert plain.count("\n") == 1 and f"#{section['id']}" in plain, (page, plain)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_citation_files_parse_and_carry_the_permanent_url_and_version(lang):
    csl_style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    for unit in inventory(lang)["units"]:
        cite = site(lang) / "_cite"
        url = unit["urls"][lang]
        bib = parse_string((cite / f"{unit['id']}.bib").read_text(encoding="utf-8"), "bibtex")
        entry = next(iter(bib.entries.values()))
        # the URL as it is: Zotero's BibTeX import keeps a "\\#" (zotero-2.md, 8)
        assert entry.fields["url"] == url and entry.fields["version"] == conf_value("release")
        assert entry.type == ("book" if unit["page"] == "index" else "incollection"), unit["id"]
        assert entry.fields["langid"] == {"kk": "kazakh", "ru": "russian", "en": "english"}[lang]
        record = rispy.loads((cite / f"{unit['id']}.ris").read_text(encoding="utf-8"))[0]
        assert record["urls"] == [url] and record["edition"] == conf_value("release")
        assert record["type_of_reference"] == ("BOOK" if unit["page"] == "index" else "CHAP")
        items = json.loads((cite / f"{unit['id']}.json").read_text(encoding="utf-8"))
        assert items[0]["URL"] == url and items[0]["version"] == conf_value("release")
        bibliography = CitationStylesBibliography(csl_style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(unit["id"])]))
        rendered = str(bibliography.bibliography()[0])
        assert unit["titles"][lang] in rendered and "2026" in rendered


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translation_is_cited_as_translated_from_the_kazakh_by_the_editors(lang):
    """ru/en: every section's plain citation, BibTeX, RIS and CSL-JSON name the translator,
    the edition's editors as one institution, and the Kazakh original; the inventory names
    both too. The Kazakh source says nothing of translation."""
    units = inventory(lang)["units"]
    for unit in units:
        assert_cited_as_translation(lang, site(lang) / "_cite", unit["id"], unit["titles"][SOURCE])
    edition = inventory(lang)["edition"]
    if lang == SOURCE:
        assert "translator" not in edition and "original_language" not in edition
    else:
        assert (edition["original_language"], edition["translator"]) == (SOURCE, CONF["edition_editors"][lang])
        # a CSL processor prints the translator, the institution whole, beside the author
        items = json.loads((site(lang) / "_cite" / f"{units[0]['id']}.json").read_text(encoding="utf-8"))
        bibliography = CitationStylesBibliography(CitationStylesStyle("apa", validate=False),
                                                  CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(units[0]["id"])]))
        assert f"{CONF['edition_editors'][lang]}, " in str(bibliography.bibliography()[0])


def test_citation_cff_is_valid_and_matches_the_edition():
    # cffconvert pins jsonschema<4, so `make test` installs it in a venv of its own (.venv/cff).
    cffconvert = ROOT / ".venv" / "cff" / "bin" / "cffconvert"
    assert cffconvert.exists(), "run the suite with `make test`, which installs .venv/cff"
    result = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == conf_value("release") and cff["date-released"] == conf_value("edition_date")
    assert cff["license"] == conf_value("edition_license")  # one licence, on the PDF's verso and here


def test_anchor_manifest_holds_in_every_language():
    assert anchor_manifest.check(HTML, data("anchors")) == []


def test_anchor_gate_fails_on_a_removed_anchor_unless_redirected():
    manifest = json.loads(json.dumps(data("anchors")))
    manifest["anchors"]["chapters/01-term"].append("sec-term-old-name")
    problems = anchor_manifest.check(HTML, manifest)
    assert any("chapters/01-term#sec-term-old-name is gone" in p for p in problems)
    manifest["redirects"] = {"chapters/01-term#sec-term-old-name": "chapters/01-term#sec-term-definition"}
    assert anchor_manifest.check(HTML, manifest) == []
    manifest["redirects"] = {"chapters/01-term#sec-term-old-name": "chapters/01-term#nowhere"}
    assert any("points nowhere" in p for p in anchor_manifest.check(HTML, manifest))


def test_declared_redirects_are_published_to_the_browser():
    for lang in LANGUAGES:
        script = (site(lang) / "_static" / "anchor-redirects.js").read_text(encoding="utf-8")
        published = json.loads(script.split("=", 1)[1].rstrip().rstrip(";"))
        assert published == (data("anchors")["redirects"] or {})
        assert soup(site(lang) / "chapters" / "01-term.html").select_one('meta[name="edition-page"]')


def test_inventory_has_every_section_label_and_glossary_term():
    with open(site("kk") / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    labels = set(inv["std:label"])
    terms = set(inv["std:term"])
    for page in chapter_pages("kk"):
        assert {s["id"] for s in soup(page).select("article section")} <= labels
    assert {t["kk"].lower() for t in data("termbase")["terms"]} <= {t.lower() for t in terms}


def test_an_external_project_cites_a_section_and_a_term_through_intersphinx(tmp_path):
    (tmp_path / "conf.py").write_text(textwrap.dedent(f"""
        extensions = ["sphinx.ext.intersphinx"]
        intersphinx_mapping = {{"kenes": ("{site('kk')}", None)}}
        """), encoding="utf-8")
    (tmp_path / "index.rst").write_text(textwrap.dedent("""
        External
        ========

        See :external+kenes:ref:`sec-establishment-akmola` and :external+kenes:term:`Кеңес`.
        """), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(tmp_path),
                             str(tmp_path / "_build")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert "chapters/07-establishment.html#sec-establishment-akmola" in page
    assert "glossary.html#term-kenes" in page


# -- untrusted text in the citations: catalogs and the registry reach BibTeX, RIS and CSL as text --

HEADING = "Ақмола және Ертіс өңірі"  # a section heading of chapters/07-establishment (a citable unit)
CITATION_TEXT_PAYLOADS = [  # a heading's translation, the edition's title or its editors
    'Akmolinsk and the Irtysh region", publisher = INJ @misc evil2026record, title = INJECTED RECORD',  # O16, unbraced
    "100% of the_land & its #1 soviets ~ 5",  # our own: LaTeX specials (a % would end the field for LaTeX)
    "Akmolinsk, title = INJECTED, note = @comment",  # BibTeX field syntax
    "Akmolinsk' and \"the\" Irtysh region (1918)",  # quotes: the BibTeX writer's other delimiter
]


def citation_app(payload):
    """The configuration the citation writers read, with *payload* in the English title and editors."""
    from types import SimpleNamespace
    return SimpleNamespace(config=SimpleNamespace(
        edition_titles={**CONF["edition_titles"], "en": payload}, edition_editors={**CONF["edition_editors"],
                                                                                 "en": payload},
        edition_date=CONF["edition_date"], release=CONF["release"], root_doc="index"))


@pytest.mark.parametrize("payload", CITATION_TEXT_PAYLOADS)
def test_catalog_and_registry_text_reaches_bibtex_ris_and_csl_as_text(payload):
    """O16: a heading's translation and the registry's title and editors are text in every
    citation format: one record, its fields what was written, nothing run by a reader's LaTeX."""
    from pybtex.richtext import Text
    from edition.citing import units
    app = citation_app(payload)
    unit = {"id": "akmolinsk", "page": "chapters/07-establishment", "number": "7.3",
            "titles": {"kk": HEADING, "ru": HEADING, "en": payload},
            "urls": {"en": edition_url("en", "chapters/07-establishment.html#akmolinsk")}}
    bib = parse_string(units.bibtex(app, unit, "en"), "bibtex")
    [entry] = bib.entries.values()
    text = {name: Text.from_latex(entry.fields[name]).render_as("text") for name in ("title", "booktitle")}
    assert text == {"title": payload, "booktitle": payload}
    # one name each (an institution), the editor a person of the record, the translator a field
    assert [Text.from_latex(str(p)).render_as("text") for p in entry.persons["editor"]] == [payload]
    assert Text.from_latex(entry.fields["translator"]).render_as("text") == payload
    [record] = rispy.loads(units.ris(app, unit, "en"), implementation=units.PlainRisParser)
    assert (record["title"], record["secondary_title"], record["editors"]) == (payload, payload, [payload])
    [item] = json.loads(json.dumps(units.csl_json(app, unit, "en")))
    assert (item["title"], item["container-title"], item["editor"]) == (payload, payload, [{"literal": payload}])
    assert payload.lower() in units.plain_citation(app, unit, "en").lower()


def planted_catalog(tmp_path, msgid, msgstr, flags=None):
    """A copy of an English catalog holding *msgstr* for *msgid*; its path and the entry's line."""
    import polib
    name = "edition.po" if flags is not None else "chapters/07-establishment.po"
    path = tmp_path / "en" / "LC_MESSAGES" / name
    path.parent.mkdir(parents=True)
    po = polib.pofile(str(ROOT / "locales" / "en" / "LC_MESSAGES" / name), wrapwidth=79)
    entry = po.find(msgid)
    entry.msgstr = msgstr
    if flags is not None:
        entry.flags = flags
    po.save(str(path))
    return path, polib.pofile(str(path)).find(msgid).linenum


def at_entry(problems, path, line, kind):
    """Whether a *kind* finding names a line of the entry that starts on *line* (the checks
    name the msgstr line that holds the mistake)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    end = next((n for n in range(line, len(lines) + 1) if not lines[n - 1].strip()), len(lines))
    return any(p.startswith(f"{path}:{n}: [{kind}] ") for p in problems for n in range(line, end + 1))


@pytest.mark.parametrize("msgstr", [
    'Akmolinsk and the Irtysh region"}, publisher = {INJ}} @misc{evil2026record, title = {INJECTED RECORD}}',  # O16
    "Akmolinsk and the Irtysh region}",  # our own: one brace closes the field
    "Akmolinsk {and} the Irtysh region",  # balanced braces: BibTeX case protection, not text
    "Akmolinsk and the Irtysh region\nTY  - JOUR\nT1  - INJECTED",  # a RIS record smuggled in a line break
])
def test_a_heading_translation_the_citations_cannot_carry_is_refused_with_file_and_line(tmp_path, msgstr):
    from edition.tools import check_po
    path, line = planted_catalog(tmp_path, HEADING, msgstr)
    problems = check_po.check_file(path, "en", set())
    assert at_entry(problems, path, line, "text") and any("the msgstr adds" in p for p in problems), problems


@pytest.mark.parametrize("msgstr,flags", [
    ("Цитировать %s и %d", []),  # O15: the python-format flag removed, a placeholder added
    ("Cite %s %s", []),  # our own: a placeholder added
    ("100% of %s", []),  # a percent sign that % reads as "% o"
    ("Cite %(section)s", []),  # a named placeholder for a positional one
])
def test_a_format_string_translation_that_would_fail_is_refused_with_file_and_line(tmp_path, msgstr, flags):
    from edition.tools import check_po
    path, line = planted_catalog(tmp_path, "Cite %s", msgstr, flags)
    problems = check_po.check_file(path, "en", set())
    assert at_entry(problems, path, line, "format"), problems
    assert not [p for p in check_po.check_file(ROOT / "locales" / "ru" / "LC_MESSAGES" / "edition.po", "ru", set())
                if "[format]" in p]


@pytest.mark.parametrize("field,value", [
    ("title", r"Soviet Power\protect\input{/etc/passwd}"),  # P4: LaTeX in a BibTeX field and the plain citation
    ("editors", "Editors} @misc{evil, title = {INJECTED}"),  # O16's braces, in the registry
    ("title", "Soviet Power\nTY  - JOUR"),  # our own: a RIS line
    ("editors", "Editors \\jobname"),  # our own: a backslash alone
])
def test_a_registry_title_or_editors_the_citations_cannot_carry_is_refused_with_file_and_line(
        tmp_path, monkeypatch, field, value):
    from edition.data import edition_data
    registry = tmp_path / "languages.yaml"
    document = yaml.safe_load((ROOT / "docs" / "_data" / "languages.yaml").read_text(encoding="utf-8"))
    document["languages"][2][field] = value
    registry.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = registry.read_text(encoding="utf-8").splitlines()
    english = lines.index("- code: en")
    line = next(n for n, text in enumerate(lines[english:], english + 1) if text.strip().startswith(f"{field}:"))
    monkeypatch.setattr(edition_data, "DATA_DIR", tmp_path)
    with pytest.raises(edition_data.DataError) as refused:  # the registry is read before anything is built
        edition_data.registry()
    assert f"{registry}:{line}: languages/2/{field}: " in str(refused.value)
