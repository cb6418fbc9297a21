"""Scholars cite to the paragraph: one id per paragraph of the text, the same in kk, ru and en.

Paragraph ids (``<section>-p<n>``) follow the paragraphs of the Kazakh source; the anchor
manifest lists them, and its gate refuses a split or merge that would renumber them.
"""

import json
import re
import shutil

import polib
import pytest
import rispy
from pybtex.database import parse_string

from edition.tools import anchor_manifest
from conftest import (DOCS, LANGUAGES, SOURCE, assert_cited_as_translation, chapter_pages, data,
                      scratch_project, site, soup, sphinx_build)

LOCATOR = {"kk": "§ {s}, {n}-абзац", "ru": "§ {s}, абзац {n}", "en": "§ {s} ¶ {n}"}
PARA = {"kk": "абз.", "ru": "п.", "en": "para."}  # CSL's short "paragraph" term: the edition's kk-KZ locale, ru-RU, en-US
PERMALINK_TITLE = {"kk": "Осы абзацқа сілтеме", "ru": "Ссылка на этот абзац", "en": "Link to this paragraph"}


def paragraph_ids(lang):
    """page -> the ids of its text paragraphs, in order, and every paragraph without one."""
    ids, unnumbered = {}, []
    for path in chapter_pages(lang):
        paragraphs = soup(path).select("article section > p")
        ids[path.name] = [p.get("id") for p in paragraphs]
        unnumbered += [(path.name, p.get_text()[:60]) for p in paragraphs if not p.get("id")]
    return ids, unnumbered


def source_paragraphs():
    """section label -> number of paragraphs in the Kazakh MyST source (blank-line blocks
    after the heading, up to the next label)."""
    counts = {}
    for path in sorted((DOCS / "chapters").glob("*.md")):
        for label, body in re.findall(r"^\(([a-z0-9-]+)\)=\n#+ [^\n]*\n(.*?)(?=^\([a-z0-9-]+\)=$|\Z)",
                                      path.read_text(encoding="utf-8"), flags=re.M | re.S):
            counts[label] = len([block for block in re.split(r"\n\s*\n", body) if block.strip()])
    return counts


def test_every_paragraph_of_the_text_has_the_same_id_in_every_language():
    kk, unnumbered = paragraph_ids("kk")
    assert not unnumbered, unnumbered
    assert sum(map(len, kk.values())) > 40
    for lang in LANGUAGES[1:]:
        ids, unnumbered = paragraph_ids(lang)
        assert not unnumbered, (lang, unnumbered)
        assert ids == kk, lang


def test_paragraphs_are_numbered_in_the_order_of_the_kazakh_source():
    built = {}
    for path in chapter_pages("kk"):
        for section in soup(path).select("article section[id]"):
            ids = [p["id"] for p in section.find_all("p", recursive=False)]
            assert ids == [f"{section['id']}-p{n}" for n in range(1, len(ids) + 1)], ids
            built[section["id"]] = len(ids)
    assert built == source_paragraphs()


def test_every_paragraph_id_is_in_the_anchor_manifest():
    manifest = data("anchors")["anchors"]
    for path in chapter_pages("kk"):
        page = path.relative_to(site("kk")).with_suffix("").as_posix()
        ids = [p["id"] for p in soup(path).select("article section > p")]
        assert ids and set(ids) <= set(manifest[page]), page
        sections = anchor_manifest.listed_paragraphs(manifest[page])
        assert [pid for listed in sections.values() for pid in listed] == ids, page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_paragraph_has_a_permalink_to_itself_in_the_page_language(lang):
    for path in chapter_pages(lang):
        for p in soup(path).select("article section > p"):
            link = p.find_all("a", recursive=False)[-1]
            assert "paralink" in link["class"] and "headerlink" in link["class"], p["id"]
            # the paragraph's number shown: what a reader types as the locator
            assert link["href"] == f"#{p['id']}" and link.get_text() == f"¶\xa0{p['id'].rsplit('-p', 1)[1]}"
            assert link["aria-label"] == link["title"] == PERMALINK_TITLE[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_paragraph_citation_names_section_and_paragraph_and_carries_the_paragraph_url(lang):
    units = json.loads((site(lang) / "citable-units.json").read_text(encoding="utf-8"))
    sections = {u["id"]: u for u in units["units"]}
    paragraphs = {u["id"]: u for u in units["paragraphs"]}
    checked = 0
    for path in chapter_pages(lang):
        for p in soup(path).select("article section > p"):
            unit = paragraphs[p["id"]]
            section = sections[unit["section"]]
            n = int(p["id"].rsplit("-p", 1)[1])
            assert (unit["number"], unit["paragraph"]) == (section["number"], n)
            url = unit["urls"][lang]
            assert url == section["urls"][lang].split("#")[0] + "#" + p["id"]
            control = p.find_next_sibling()
            assert control.name == "details" and "cite-paragraph" in control["class"]
            assert control["data-unit"] == p["id"]
            locator = LOCATOR[lang].format(s=section["number"], n=n)
            assert locator in control.summary.get_text()
            cite = site(lang) / "_cite"
            assert control["data-show"] == "txt" and control.select("pre") == []  # fetched when opened
            assert [a["href"] for a in control.select(".cite-files a")] == [
                f"../_cite/{p['id']}.{ext}" for ext in ("txt", "bib", "ris", "json")]
            plain = (cite / f"{p['id']}.txt").read_text(encoding="utf-8-sig")
            # the default style (Chicago notes): the section's title, the paragraph a CSL locator in
            # the language's words, never glued to the title, and the paragraph's URL
            assert section["titles"][lang].lower() in plain.lower() and url in plain
            assert f"{PARA[lang]} {n}," in plain and "§" not in plain, plain
            entry = next(iter(parse_string((cite / f"{p['id']}.bib").read_text(encoding="utf-8"),
                                           "bibtex").entries.values()))
            assert entry.fields["url"] == url  # as it is: an importer keeps a "\\#"
            assert entry.fields["title"] == section["titles"][lang]
            assert rispy.loads((cite / f"{p['id']}.ris").read_text(encoding="utf-8"))[0]["urls"] == [url]
            csl = json.loads((cite / f"{p['id']}.json").read_text(encoding="utf-8"))[0]
            assert csl["URL"] == url and csl["title"] == section["titles"][lang]
            checked += 1
    assert checked == len(paragraphs) > 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_paragraph_of_a_translation_is_cited_as_translated_from_the_kazakh_by_the_editors(lang):
    units = json.loads((site(lang) / "citable-units.json").read_text(encoding="utf-8"))
    sections = {u["id"]: u for u in units["units"]}
    assert len(units["paragraphs"]) > 40
    for unit in units["paragraphs"]:
        assert_cited_as_translation(lang, site(lang) / "_cite", unit["id"],
                                    sections[unit["section"]]["titles"][SOURCE])


def test_every_language_lists_the_same_paragraphs():
    def listing(lang):
        units = json.loads((site(lang) / "citable-units.json").read_text(encoding="utf-8"))
        return [(u["id"], u["section"], u["number"], u["paragraph"], u["urls"]) for u in units["paragraphs"]]
    assert listing("kk") == listing("ru") == listing("en")


# -- the gate: a split or merge of Kazakh paragraphs is refused ----------------------------
CHAPTER = "chapters/07-establishment"
SECTION = "sec-establishment-syrdarya"


def built_copy(tmp_path, edit):
    """Build the Kazakh site of a copy of the project whose chapter 7 *edit* changed."""
    project = scratch_project(tmp_path)
    source = project / "docs" / f"{CHAPTER}.md"
    text = source.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text, "the test planted nothing"
    source.write_text(changed, encoding="utf-8")
    result = sphinx_build(project, "kk")
    assert "Traceback" not in result.stderr, result.stderr
    return project / "_build" / "html" / "kk"


def split_first_paragraph(text):
    """A blank line after the first sentence of the section's first paragraph."""
    head, body = text.split(f"({SECTION})=", 1)
    return head + f"({SECTION})=" + re.sub(r"(\n\n[^\n(]+?\. )", r"\1\n\n", body, count=1)


def merge_first_two_paragraphs(text):
    head, body = text.split(f"({SECTION})=", 1)
    title, rest = body.split("\n\n", 1)
    return head + f"({SECTION})=" + title + "\n\n" + rest.replace("\n\n", " ", 1)


@pytest.mark.parametrize("edit", [split_first_paragraph, merge_first_two_paragraphs])
def test_anchor_gate_refuses_a_paragraph_split_or_merge(tmp_path, edit):
    built = built_copy(tmp_path, edit)
    problems = anchor_manifest.check_tree(built, "kk", data("anchors"))
    assert any(p.startswith(f"kk: {CHAPTER}#{SECTION}: its paragraphs would be renumbered") for p in problems), \
        problems
    # the publisher refuses it too (it ignores only anchors that are merely unlisted)
    assert anchor_manifest.check_tree(built, "kk", data("anchors"), unlisted=False)
    # and `make anchors` cannot record it
    manifest = tmp_path / "anchors.yaml"
    shutil.copy(DOCS / "_data" / "anchors.yaml", manifest)
    before = manifest.read_text(encoding="utf-8")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "kk").symlink_to(built)
    assert anchor_manifest.update(tmp_path / "html", manifest)
    assert manifest.read_text(encoding="utf-8") == before


def test_a_change_of_words_inside_a_kazakh_paragraph_keeps_the_numbering(tmp_path):
    """What an emendation does to the text: words change, the paragraphs stay."""
    built = built_copy(tmp_path, lambda text: text.replace("екі түрлі жолы болды", "екі түрлі жолдары болды", 1))
    assert anchor_manifest.check_tree(built, "kk", data("anchors")) == []
    assert "жолдары" in soup(built / f"{CHAPTER}.html").find(id=f"{SECTION}-p1").get_text()


def test_a_translation_that_splits_its_paragraph_keeps_the_numbering(tmp_path):
    """A catalog entry is one Kazakh paragraph: a blank line in a translation adds no paragraph."""
    project = scratch_project(tmp_path)
    path = project / "locales" / "ru" / "LC_MESSAGES" / f"{CHAPTER}.po"
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next(e for e in po if len(e.msgid) > 200)
    entry.msgstr = entry.msgstr.replace(". ", ".\n\n", 1)
    assert "\n\n" in entry.msgstr
    po.save()
    result = sphinx_build(project, "ru")
    assert "Traceback" not in result.stderr, result.stderr
    built = project / "_build" / "html" / "ru"
    assert anchor_manifest.check_tree(built, "ru", data("anchors")) == []
    page = soup(built / f"{CHAPTER}.html")
    assert [p["id"] for p in page.select("article section > p")] == \
        [p["id"] for p in soup(site("kk") / f"{CHAPTER}.html").select("article section > p")]

