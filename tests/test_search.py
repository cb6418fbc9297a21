"""Search understands Kazakh: inflected forms find each other, in the index and in the browser code."""

import json
import re
import subprocess
import unicodedata

import pytest

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, WITNESS, chapter_pages, search_results, site, soup, without_apparatus

from edition.i18n import kazakh_search  # the Python stemmer under test

STEMS = {  # inflected form -> the stem every form of the word must reach
    "кеңестердің": "кеңес", "кеңестерінің": "кеңес", "Кеңесі": "кеңес", "кеңесін": "кеңес",
    "кеңестерге": "кеңес", "билігі": "билік", "биліктің": "билік", "съезі": "съез", "съезд": "съез",
    "съезге": "съез", "съезінің": "съез", "облысының": "облыс", "облысы": "облыс",
    "большевиктерден": "большевик", "үкіметінің": "үкімет", "комитеттері": "комитет",
    "Орынборда": "орынбор", "Ташкенттегі": "ташкент", "қазағы": "қазақ",
    # loanwords in -ия, -ика and қала take the possessive -сы
    "партиясы": "партия", "партиясының": "партия", "республикасы": "республика", "қаласында": "қала",
    # the genitive -ның and the ablative -нан after м, н, ң; -ы after у
    "адамнан": "адам", "адамның": "адам", "сайлауы": "сайлау", "сайлау": "сайлау",
    # a final г or д of a Russian name takes voiceless suffixes
    "Петроградта": "петроград", "Петроград": "петроград", "Петербургте": "петербурк",
}


def witness_words():
    return sorted(set(re.findall(r"\w+", WITNESS.read_text(encoding="utf-8").lower())) - {""})


def site_words(lang="kk"):
    """Every word of every page of a site: the text, the apparatus and the editor's prose."""
    return sorted({word for page in site(lang).rglob("*.html")
                   for word in re.findall(r"\w+", soup(page).get_text(" ").lower())})


def js_stems(words, lang="kk"):
    """Stems from the JavaScript stemmer exactly as the site of *lang* ships it."""
    script = (site(lang) / "_static" / "language_data.js").read_text(encoding="utf-8")
    harness = "globalThis.window = globalThis;\n" + script + """
;const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stemmer = new Stemmer();
process.stdout.write(JSON.stringify(words.map((w) => stemmer.stemWord(w))));
"""
    result = subprocess.run(["node", "-e", harness], input=json.dumps(words), capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def test_python_and_javascript_stemmers_agree_on_every_word_of_the_text():
    words = sorted(set(witness_words()) | set(site_words()) | {w.lower() for w in STEMS})
    assert len(words) >= 2000
    python = [kazakh_search.stem(w) for w in words]
    javascript = js_stems(words)
    disagree = [(w, p, j) for w, p, j in zip(words, python, javascript) if p != j]
    assert not disagree, disagree[:10]


def test_inflected_forms_reach_one_stem():
    for word, expected in STEMS.items():
        assert kazakh_search.stem(word) == expected, word
    assert js_stems(list(STEMS)) == list(STEMS.values())


def search_index(lang):
    text = (site(lang) / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def pages_for_stem(index, stem):
    found = set()
    for table in ("terms", "titleterms"):
        hits = index[table].get(stem, [])
        found.update(hits if isinstance(hits, list) else [hits])
    return {index["docnames"][i] for i in found}


def test_kazakh_search_finds_pages_the_english_fallback_misses():
    index = search_index("kk")
    query = "кеңестердің"
    stemmed = pages_for_stem(index, kazakh_search.stem(query))
    texts = {page.relative_to(site("kk")).with_suffix("").as_posix():
             without_apparatus(soup(page)).get_text(" ").lower() for page in chapter_pages("kk")}
    exact = {name for name, text in texts.items() if re.search(rf"(?<!\w){query}(?!\w)", text)}
    any_form = {name for name, text in texts.items() if re.search(r"(?<!\w)кеңес", text)}
    assert any_form <= stemmed, "every chapter with a form of «кеңес» is found"
    assert len(exact) < len(any_form), "the exact (English-fallback) match finds fewer pages"


STEMMED = {  # language -> forms of one word and the stem its shipped stemmer must give them all
    "kk": (["кеңестердің", "кеңесі", "кеңестерге"], "кеңес"),
    "ru": (["советов", "советы", "советами"], "совет"),
    "en": (["elections", "elected", "election"], "elect"),
}


@pytest.mark.parametrize("lang", STEMMED)
def test_each_language_searches_with_its_own_stemmer(lang):
    """The language_data.js each site ships stems that language's words (and only that one's)."""
    words, expected = STEMMED[lang]
    assert js_stems(words, lang) == [expected] * len(words)
    others = [w for other, (forms, _stem) in STEMMED.items() if other != lang for w in forms[:1]]
    assert js_stems(others, lang) == others  # another language's word is left alone


# -- The search page, as a reader uses it ---------------------------------------------------

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))


def page_texts(lang="kk"):
    """Each searchable page's main text, lower-cased, as a reader sees it (no cite panels, no
    scripts). The search covers the documents: not the parallel pages (the chapters' words
    again), nor the 404 page (sphinx-notfound-page marks it nosearch)."""
    searchable = {f"{name}.html" for name in search_index(lang)["docnames"]} - {"404.html"}
    texts = {}
    for path in site(lang).rglob("*.html"):
        name = path.relative_to(site(lang)).as_posix()
        if name not in searchable or name in ("search.html", "genindex.html"):
            continue
        main = BeautifulSoup(str(soup(path).select_one("article[role=main]")), "lxml")  # the cached page stays whole
        for hidden in main.select(".cite-panel, .headerlink, script, style"):
            hidden.decompose()
        texts[name] = main.get_text(" ").lower()
    return texts


def expected_pages(texts, forms):
    """The pages holding one of a word's *forms* (the hand-written inflectional family)."""
    pattern = re.compile(rf"(?<!\w)(?:{forms})(?!\w)")
    return {name for name, text in texts.items() if pattern.search(text)}


def test_kazakh_search_finds_every_form_and_nothing_else(page, server):
    """Recall >= 0.99 at precision >= 0.98 over the query set, in Chromium, on the real search page."""
    assert len(QUERIES) >= 60
    texts = page_texts()
    found_expected = expected = found = 0
    misses = []
    for query in QUERIES:
        want = expected_pages(texts, query["forms"])
        assert want, f"{query['query']}: no page holds these forms: the query set is out of date"
        got = search_results(page, server, query["query"])
        found_expected += len(want & got)
        expected += len(want)
        found += len(got)
        if want != got:
            misses.append((query["query"], sorted(want - got), sorted(got - want)))
    recall, precision = found_expected / expected, found_expected / found
    assert recall >= 0.99 and precision >= 0.98, (recall, precision, misses)


def test_a_town_is_not_a_question_word(page, server):
    """«қала» (town) finds the pages about towns, and not a page that only says «қалай» (how)."""
    texts = page_texts()
    town = next(query["forms"] for query in QUERIES if query["query"] == "қала")
    only_how = expected_pages(texts, "қалай") - expected_pages(texts, town)
    assert only_how, "some page says «қалай» and no form of «қала»: the check has something to check"
    assert not search_results(page, server, "қала") & only_how


def test_a_query_typed_with_combining_marks_finds_what_the_composed_one_finds(page, server):
    """A reader whose keyboard sends «Ё» as «Е» + U+0308 (NFD) is answered as if typed composed:
    the index holds NFC words (the preflight refuses decomposed sources) and the page
    normalizes the query (reliability-2, U1/U2)."""
    composed = "Торғай"  # «й» is «и» + U+0306 decomposed
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed, "the query has combining marks to test"
    want = search_results(page, server, composed)
    assert want, "the composed query finds pages"
    assert search_results(page, server, decomposed) == want


def test_a_query_longer_than_a_regular_expression_may_be_is_answered(page, server):
    """searchtools.js makes a regular expression of each word and throws on one over 32,768
    characters; the page cuts a query at 1,000 characters and answers (reliability-2, W4)."""
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{server}/kk/search.html")
    page.evaluate("Search.performSearch('а'.repeat(40000))")
    page.wait_for_function("document.querySelector('#search-results .search-summary')"
                           "?.textContent.trim().length > 0", timeout=15000)
    assert not errors, errors
