"""The general index: persons and places are findable, in Kazakh alphabetical order."""

from conftest import data, site, soup, LANGUAGES

def index_entries(lang):
    page = soup(site(lang) / "genindex.html")
    return [li.get_text(" ", strip=True) for li in page.select("table.indextable li")]


def test_index_is_reachable_from_the_navigation():
    for lang in LANGUAGES:
        page = soup(site(lang) / "chapters" / "01-term.html")
        assert page.select_one(".sidebar-drawer a[href='../genindex.html']"), lang


def test_every_person_and_place_is_in_the_index():
    entries = " | ".join(index_entries("kk"))
    names = data("names")
    for entry in names["persons"] + names["places"]:
        assert entry["kk"] in entries, entry["key"]


def test_historical_place_names_point_to_the_modern_name():
    entries = index_entries("kk")
    assert any(e.startswith("Верный (қазіргі Алматы)") for e in entries)
    assert any(e.startswith("Алматы") and "Верный" in e for e in entries)


def test_index_letters_follow_the_kazakh_alphabet():
    """The letter groups of the Kazakh index, as a reader sees them: Ә after А, Қ after К,
    Ө after О, Ұ after У (Sphinx alone would put them after Я, by code point)."""
    page = soup(site("kk") / "genindex.html")
    letters = [h.get_text(strip=True) for h in page.select("article h2")]
    assert letters[0] == "Таңбалар"  # symbols and digits first, named in Kazakh
    for before, after in (("А", "Ә"), ("Ә", "Б"), ("К", "Қ"), ("Қ", "Л"), ("О", "Ө"), ("Ө", "П"),
                          ("У", "Ұ"), ("Ұ", "Х"), ("Ш", "Ы"), ("Ы", "Э")):
        assert letters.index(after) == letters.index(before) + 1, (before, after, letters)


def test_index_entries_point_to_the_sections_that_name_them():
    """Every place of an index entry reads "§ 7.1" (or, on an unnumbered page, its title), never
    "[1]", and leads into the section of that number."""
    import re
    from conftest import resolve_href
    for lang in LANGUAGES:
        index = site(lang) / "genindex.html"
        places = soup(index).select("table.indextable li a")
        assert places, lang
        numbered = 0
        for a in places:
            text = a.get_text(strip=True)
            assert not re.fullmatch(r"\[\d+\]", text), (lang, text)
            page, _, fragment = a["href"].partition("#")
            target = soup(resolve_href(index, page))
            if not text.startswith("§"):
                assert text == target.select_one("article h1").get_text(strip=True).rstrip("#¶"), (lang, a)
                continue
            numbered += 1
            element = target.find(id=fragment)
            heading = element.find_parent("section").find(re.compile("^h[1-6]$"))
            number = heading.select_one(".section-number").get_text(strip=True).rstrip(".")
            assert text == f"§ {number}", (lang, a["href"], text, number)
        assert numbered > 20, lang
