"""The PDF and EPUB where readers look for them: every page of a language's site and the root
chooser link that language's files, which the site itself serves (edition/web/downloads.py)."""

import filecmp
import os

import pytest

from conftest import (HTML, LANGUAGES, ROOT, make, resolve_href, scratch_project, site, soup, sphinx_build,
                      warm_project)

DOWNLOADS = ROOT / "_build" / "downloads"
BUILT = {"pdf": ROOT / "_build" / "pdf", "epub": ROOT / "_build" / "epub"}


def download_links(page):
    """The sidebar's download links of *page*, resolved to files."""
    return {a.get_text(): resolve_href(page, a["href"]) for a in soup(page).select(".edition-downloads a")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_its_languages_pdf_and_epub_which_the_site_serves(lang):
    root = site(lang)
    pages = [p for p in root.rglob("*.html") if "_downloads" not in p.parts]
    assert len(pages) > 15
    for page in pages:
        links = download_links(page)
        assert set(links) == {"PDF", "EPUB"}, f"{page.relative_to(HTML)}: {links}"
        for label, extension in (("PDF", "pdf"), ("EPUB", "epub")):
            target = links[label]
            assert target == (root / "_downloads" / f"kenes-ukimeti-{lang}.{extension}").resolve(), target
            assert target.is_file(), f"{page.relative_to(HTML)}: {label} -> {target} does not exist"
    for extension, folder in BUILT.items():  # the very file `make pdf` / `make epub` published
        served = root / "_downloads" / f"kenes-ukimeti-{lang}.{extension}"
        assert filecmp.cmp(served, folder / served.name, shallow=False), served


@pytest.mark.parametrize("lang", LANGUAGES)
def test_download_links_say_the_size_in_the_language(lang):
    page = soup(site(lang) / "index.html")
    sizes = [s.get_text() for s in page.select(".edition-downloads .edition-download-size")]
    unit = {"kk": "КБ", "ru": "КБ", "en": "KB"}[lang]
    expected = [f"({-(-(DOWNLOADS / f'kenes-ukimeti-{lang}.{e}').stat().st_size // 1024)} {unit})"
                for e in ("pdf", "epub")]
    assert sizes == expected


def test_root_page_offers_each_languages_downloads_and_says_what_the_edition_is():
    page = soup(HTML / "index.html")
    for lang in LANGUAGES:
        entry = page.select_one(f"main li[lang='{lang}']")
        assert entry.select_one(f"a[hreflang='{lang}']")["href"] == f"{lang}/index.html"
        description = entry.select_one("p").get_text()
        assert "Кеңес үкіметі" in description and len(description) > 80, (lang, description)
        links = {a.get_text(): a["href"] for a in entry.select("ul.downloads a")}
        assert links == {"PDF": f"{lang}/_downloads/kenes-ukimeti-{lang}.pdf",
                         "EPUB": f"{lang}/_downloads/kenes-ukimeti-{lang}.epub"}, links
        for href in links.values():
            assert (HTML / href).is_file(), href
    descriptions = {lang: page.select_one(f"main li[lang='{lang}'] p").get_text() for lang in LANGUAGES}
    assert "басылымы" in descriptions["kk"] and "издание" in descriptions["ru"] and "edition" in descriptions["en"]


def test_a_site_built_before_the_downloads_links_none(tmp_path):
    """`make html` alone: no PDF or EPUB yet, so no link to one and no dead link; the root page too."""
    from edition.tools import root_page

    project = scratch_project(tmp_path)
    assert not (project / "_build" / "downloads").exists()
    result = sphinx_build(project, "kk")
    assert result.returncode == 0, result.stderr
    built = project / "_build" / "html" / "kk"
    assert not (built / "_downloads").exists()
    page = soup(built / "chapters" / "01-term.html")
    assert page.select_one(".sidebar-drawer") and not page.select(".edition-downloads")
    root = root_page.render((ROOT / "site" / "index.html").read_text(encoding="utf-8"), project / "_build" / "html")
    assert "_downloads" not in root and "data-downloads" not in root


def test_make_html_never_builds_a_download_but_republishes_when_one_changes(tmp_path):
    project = warm_project(tmp_path)
    stamps = [f"_build/html/{lang}/.built" for lang in LANGUAGES]
    assert make(project, "-q", *stamps, "_build/html/index.html").returncode == 0
    pdf = project / "_build" / "downloads" / "kenes-ukimeti-ru.pdf"
    built = project / "_build" / "html" / "ru" / ".built"  # the site may be built more than a minute after the PDF
    later = max(pdf.stat().st_mtime, built.stat().st_mtime) + 60
    os.utime(pdf, (later, later))  # as `make pdf-ru` publishes a new one
    assert make(project, "-q", "_build/html/ru/.built").returncode != 0, "a new PDF does not rebuild the ru pages"
    assert make(project, "-q", "_build/html/kk/.built").returncode == 0
    os.utime(project / "conf.py")  # everything out of date: html plans no LaTeX, no EPUB
    plan = make(project, "-n", "html").stdout
    assert "edition.tools.publish" in plan and "-b latex" not in plan and "-b epub" not in plan, plan
