"""Abbreviations are expanded for readers from one data file, with the text unchanged."""

from conftest import WITNESS, chapter_pages, data, site, soup


def expansions(lang):
    return {e["abbr"]: e[lang] for e in data("abbreviations")["abbreviations"]}


def test_every_listed_abbreviation_occurs_in_the_witness():
    witness = WITNESS.read_text(encoding="utf-8")
    for abbr in expansions("kk"):
        assert abbr in witness, abbr


def test_abbreviations_in_the_chapters_show_their_expansion():
    known = expansions("kk")
    seen = set()
    for page in chapter_pages("kk"):
        for node in soup(page).select("article abbr"):
            assert node.get_text() in known, node
            assert node["title"] == known[node.get_text()]
            seen.add(node.get_text())
        # an abbreviation that stands only as a glossary link is explained there
        for link in soup(page).select("article a[href*='#term-']"):
            seen.update(a for a in known if link.get_text().split("-")[0].endswith(a))
    assert seen == set(known), f"never marked in the chapters: {set(known) - seen}"


def test_abbreviations_page_is_generated_from_the_same_data():
    page = soup(site("kk") / "abbreviations.html")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in page.select("table.abbreviations tbody tr")]
    assert rows == [[abbr, exp] for abbr, exp in expansions("kk").items()]
