"""Every chapter and section is anchored by an explicit ASCII label, never by id<N>."""

import re

from conftest import LANGUAGES, chapter_pages, site, soup

LABEL = re.compile(r"^(ch|sec)-[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_no_section_term_or_work_has_a_serial_id():
    for lang in LANGUAGES:
        for page in site(lang).rglob("*.html"):
            anchored = soup(page).select("section[id], dt[id], div.citation[id]")
            serial = [t["id"] for t in anchored if re.fullmatch(r"id\d+", t["id"])]
            assert not serial, f"{page}: {serial}"


def test_every_chapter_and_section_has_an_ascii_label():
    for lang in LANGUAGES:
        for page in chapter_pages(lang):
            sections = soup(page).select("article section")
            assert sections
            for section in sections:
                assert LABEL.match(section.get("id", "")), f"{page}: section id {section.get('id')!r}"
