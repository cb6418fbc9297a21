"""Every citation supports its paragraph: the support table and the citations agree, one to one."""

import copy
import shutil

import pytest

from edition.tools import check_citations
from conftest import DOCS, LANGUAGES, data, site, soup

TABLE = data("citation_support")


def current():
    return check_citations.text_citations(), check_citations.note_citations(data("notes"))


def test_every_citation_has_an_entry_and_every_entry_a_citation():
    cited, noted = current()
    assert len(cited) >= 40 and len(noted) >= 10
    assert check_citations.problems(cited, noted, TABLE, check_citations.bib_keys()) == []


def test_a_citation_without_an_entry_fails():
    cited, noted = current()
    table = copy.deepcopy(TABLE)
    gone = table["citations"].pop(0)
    gone_note = table["notes"].pop(0)
    found = check_citations.problems(cited, noted, table)
    assert any(gone["key"] in p and gone["section"] in p and "has no entry" in p for p in found), found
    assert any(gone_note["note"] in p and gone_note["key"] in p and "has no entry" in p for p in found), found


def test_an_entry_without_a_citation_fails():
    cited, noted = current()
    table = copy.deepcopy(TABLE)
    table["citations"].append(dict(table["citations"][0], key="cameron2018hungry"))
    table["notes"].append(dict(table["notes"][0], key="pipes1954formation"))
    found = check_citations.problems(cited, noted, table)
    assert any("cameron2018hungry" in p and "has no such citation" in p for p in found), found
    assert any("pipes1954formation" in p and "has no such citation in notes.yaml" in p for p in found), found


def test_a_new_citation_in_the_text_fails_naming_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "chapters", docs / "chapters")
    page = docs / "chapters" / "04-civil-war.md"
    text = page.read_text(encoding="utf-8")
    uncited = "жеке-дара партиялық диктатура орнату бағдары айқындала бастады."
    assert text.count(uncited) == 1
    page.write_text(text.replace(uncited, uncited + " {cite:p}`carr1952bolshevik`"), encoding="utf-8")
    cited = check_citations.text_citations(docs)
    found = check_citations.problems(cited, current()[1], TABLE)
    assert any(p.startswith("docs/chapters/04-civil-war.md:18: citation of 'carr1952bolshevik'")
               and "paragraph 3" in p and "has no entry" in p for p in found), found


def test_entries_say_what_they_support_and_how():
    for row in TABLE["citations"] + TABLE["notes"]:
        assert row["support"] in check_citations.SUPPORT, row
        assert row["claim"].strip() and row["basis"].strip(), row
    for row in TABLE["uncited"]:
        assert row["claim"].strip() and row["reason"].strip(), row
    assert check_citations.problems({}, set(), {"citations": [{"key": "x"}]})  # an empty entry is reported


def test_paragraphs_are_counted_per_section_skipping_headings_labels_and_directives():
    text = ("(ch-x)=\n# Title\n\n(sec-a)=\n## A\n\nOne {cite:p}`k1`\n\nTwo\nstill two {cite:p}`k2`\n\n"
            "(sec-b)=\n## B\n\n```{bibliography}\n```\n\nFirst of B {cite:p}`k3,k4`\n")
    found = [(s, n, line) for s, n, line, _ in check_citations.paragraphs(text)]
    assert found == [("sec-a", 1, 7), ("sec-a", 2, 9), ("sec-b", 1, 18)]


# -- support levels against the fact checks ---------------------------------------------

CHECKS = data("fact_checks")["checks"]


def test_support_levels_agree_with_the_fact_checks():
    assert check_citations.disagreements(TABLE, CHECKS) == []
    levels = {row["support"] for row in TABLE["citations"] + TABLE["notes"]}
    assert levels <= set(check_citations.SUPPORT) and {"full", "partial"} <= levels


def test_full_support_says_where_the_passage_was_read():
    for row in TABLE["citations"] + TABLE["notes"]:
        assert (row["support"] == "full") == bool(row.get("where", "").strip()), row


def planted(table, section, paragraph, support, key="planted2000unread"):
    """*table* with its first citation entry moved to *section* paragraph *paragraph* at *support*:
    its index (the file:line the checker names is that entry's line)."""
    table["citations"][0].update(page="chapters/06-soviets-kz", section=section, paragraph=paragraph,
                                 support=support, key=key)
    return 0


def test_full_support_beside_an_unverified_fact_check_fails_naming_file_and_line():
    table = copy.deepcopy(TABLE)
    index = planted(table, "sec-soviets-kz-aulie-ata", 1, "full")
    found = check_citations.disagreements(table, CHECKS)
    lines = check_citations.entry_lines(check_citations.TABLE, "citations")
    check_line = check_citations.entry_lines(DOCS / "_data" / "fact_checks.yaml", "checks")[
        next(i for i, c in enumerate(CHECKS) if "Тюрин" in c["claim"])]
    assert any(p.startswith(f"docs/_data/citation_support.yaml:{lines[index]}: 'planted2000unread' is `full`")
               and f"docs/_data/fact_checks.yaml:{check_line}" in p and "Тюрин" in p for p in found), found


def test_an_ok_fact_check_resting_on_an_unverified_work_fails_naming_file_and_line():
    table, checks = copy.deepcopy(TABLE), copy.deepcopy(CHECKS)
    planted(table, "sec-soviets-kz-origins", 1, "unverified")
    index = next(i for i, c in enumerate(checks) if c["section"] == "sec-soviets-kz-origins" and c["verdict"] == "ok")
    checks[index]["basis"] = "planted2000unread"
    line = check_citations.entry_lines(DOCS / "_data" / "fact_checks.yaml", "checks")[index]
    found = check_citations.disagreements(table, checks)
    assert found == [f"docs/_data/fact_checks.yaml:{line}: verdict ok rests on 'planted2000unread', whose "
                     "support in sec-soviets-kz-origins is `unverified` in docs/_data/citation_support.yaml"], found


def test_the_preflight_refuses_a_disagreement(monkeypatch):
    from edition.tools import publish
    table = copy.deepcopy(TABLE)
    planted(table, "sec-soviets-kz-aulie-ata", 1, "full")
    real = check_citations.load
    monkeypatch.setattr(check_citations, "load",
                        lambda path: table if path == check_citations.TABLE else real(path))
    monkeypatch.setattr(publish.check_po, "check", lambda *a: ([], []))  # the catalogs are not the point
    assert any("is `full` support for sec-soviets-kz-aulie-ata" in p for p in publish.preflight())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_citation_that_is_not_full_shows_its_level_beside_it(lang):
    shown = 0
    for row in TABLE["citations"]:
        if not row["page"].startswith("chapters/"):
            continue
        page = soup(site(lang) / f"{row['page']}.html")
        paragraph = page.select_one(f"p#{row['section']}-p{row['paragraph']}")
        link = paragraph.select_one(f"a[href$='#bib-{row['key']}']")
        mark = link.find_next_sibling()
        if row["support"] == "full":
            assert mark is None or "support-mark" not in mark.get("class", []), row
        else:
            assert mark is not None and f"support-{row['support']}" in mark["class"], row
            assert mark["href"].endswith("editorial.html#editorial-support"), row
            shown += 1
    assert shown >= 30
