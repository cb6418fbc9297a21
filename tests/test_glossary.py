"""The glossary: every term used, every link resolving, stable readable anchors."""

import re

from conftest import LANGUAGES, chapter_pages, data, site, soup, without_apparatus, TRANSLATIONS

TERMS = data("termbase")["terms"]
BY_ANCHOR = {t["anchor"]: t for t in TERMS}


def glossary_ids(lang):
    return [dt["id"] for dt in soup(site(lang) / "glossary.html").select("dl.glossary dt[id]")]


def test_glossary_has_every_termbase_term_under_its_anchor_in_every_language():
    assert len(TERMS) >= 30
    for lang in LANGUAGES:
        assert sorted(glossary_ids(lang)) == sorted(BY_ANCHOR), lang


def test_term_anchors_are_ascii_unique_and_not_serial():
    anchors = [t["anchor"] for t in TERMS]
    assert len(set(anchors)) == len(anchors)
    for anchor in anchors:
        assert re.fullmatch(r"term-[a-z][a-z0-9-]*[a-z0-9]", anchor), anchor
        assert not re.fullmatch(r"term-\d+", anchor), anchor


def test_agreed_renderings_are_unique_per_language():
    for lang in TRANSLATIONS:
        renderings = [t[lang] for t in TERMS]
        assert len(set(renderings)) == len(renderings), lang


def chapter_term_links(page):
    return [a for a in soup(page).select("article a.reference.internal") if "#term-" in a["href"]]


def test_every_term_is_used_and_every_term_link_resolves():
    for lang in LANGUAGES:
        targets = set(glossary_ids(lang))
        used = set()
        for page in chapter_pages(lang):
            for link in chapter_term_links(page):
                path, anchor = link["href"].split("#")
                assert path.endswith("glossary.html") and anchor in targets, (page, link)
                used.add(anchor)
        assert used == targets, f"{lang}: terms no chapter uses: {sorted(targets - used)}"


def segments(page):
    """A chapter's text as (text, term anchor or None) runs; emendations are opaque."""
    runs = []
    for paragraph in without_apparatus(soup(page)).select("p"):  # the text, not the notes
        for string in paragraph.find_all(string=True):
            link = string.find_parent("a", href=re.compile("#term-"))
            if string.find_parent(class_="emendation"):
                runs.append(("", "emendation"))
            elif link is not None:
                runs.append((str(string), link["href"].split("#")[1]))
            elif runs and runs[-1][1] is None:
                runs[-1] = (runs[-1][0] + str(string), None)
            else:
                runs.append((str(string), None))
        runs.append(("", "paragraph-end"))
    return runs


def test_first_occurrence_of_each_term_in_each_chapter_is_linked():
    for page in chapter_pages("kk"):
        runs = segments(page)
        for term in TERMS:
            pattern = re.compile(r"(?<!\w)(?:%s)" % term["forms"])
            for text, anchor in runs:
                if anchor == term["anchor"]:
                    break  # linked before any unlinked use
                if anchor is None and pattern.search(text):
                    raise AssertionError(f"{page.name}: first {term['kk']!r} is not linked: "
                                         f"…{pattern.search(text).group(0)}…")


def glossary_headwords(lang):
    """The first term of each entry (an entry may have more: "ВЦИК", "БРОАК"), as shown."""
    terms = soup(site(lang) / "glossary.html").select("dl.glossary dt")
    return [dt.get_text().rstrip("¶").strip() for dt in terms
            if dt.find_previous_sibling(True) is None or dt.find_previous_sibling(True).name != "dt"]


def in_alphabetical_order(terms, lang):
    """Kazakh: the Kazakh alphabet (the general index's, edition/apparatus/kazakh_collation.py).
    Russian and English: their alphabets are code-point order once case is folded; Russian
    files ё with е, as its dictionaries do."""
    if lang == "kk":
        from edition.apparatus.kazakh_collation import collation_key
        return terms == sorted(terms, key=collation_key)
    return terms == sorted(terms, key=lambda term: term.casefold().replace("ё", "е"))


def test_each_glossary_follows_the_alphabet_of_its_own_language():
    for lang in LANGUAGES:
        headwords = glossary_headwords(lang)
        assert len(headwords) >= 30 and in_alphabetical_order(headwords, lang), (lang, headwords)


def test_a_translated_glossary_in_kazakh_order_is_found():
    # the termbase lists the terms in the source glossary's (Kazakh) order: its renderings in
    # that order are what the ru and en glossaries showed before they were sorted
    for lang in TRANSLATIONS:
        assert not in_alphabetical_order([t[lang] for t in TERMS], lang), lang
