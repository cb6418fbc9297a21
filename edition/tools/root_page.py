#!/usr/bin/env python3
"""Write the root chooser, _build/html/index.html, from site/index.html.

Usage: python -m edition.tools.root_page site/index.html _build/html/index.html

Each language of ``site/index.html`` has an empty ``<ul data-downloads="<lang>">``; it gets
a link to every download that the published site of that language serves
(``<lang>/_downloads/kenes-ukimeti-<lang>.{pdf,epub}``, see edition/web/downloads.py), and is
removed when there is none, so the root page never links a missing file. A language of
the registry (``docs/_data/languages.yaml``) that ``site/index.html`` does not describe yet
(one just added by ``make add-language``) gets an entry with its name and a ``hreflang``
link, until someone writes its description. The page is written to a temporary file and
renamed into place. Its ``<head>`` gets the edition's citation metadata, as the source
language's home page carries it (edition/citing/page_metadata.py: the edition saves as a book,
in Kazakh, at the versioned address of its Kazakh home page), so that a reference manager
saves the chooser as the edition itself. edition/tools/assemble_site.py renders the
same page for the versioned site, where a language's pages and downloads are in
``<lang>/latest/``.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

from bs4 import BeautifulSoup

from edition import ROOT
from edition.citing.page_metadata import edition_tags
from edition.citing.releases import url_of
from edition.data.edition_data import registry, source_language  # noqa: E402
from edition.files import atomic_write as write  # whole or not at all

FORMATS = {"pdf": ("PDF", "application/pdf"), "epub": ("EPUB", "application/epub+zip")}


def render(template: str, site: Path, version: str = "") -> str:
    """The chooser for *site*; *version* (``"latest/"`` in the versioned layout of
    edition/tools/assemble_site.py) is the folder of each language's downloads."""
    page = BeautifulSoup(template, "html.parser")
    add_missing_languages(page)
    add_citation_metadata(page)
    for link in page.select('a[href$="/index.html"], link[href$="/index.html"]') if version else []:
        link["href"] = link["href"].replace("/index.html", f"/{version}index.html", 1)
    for listing in page.select("ul[data-downloads]"):
        lang = listing["data-downloads"]
        del listing["data-downloads"]
        for extension, (label, mime) in FORMATS.items():
            href = f"{lang}/{version}_downloads/kenes-ukimeti-{lang}.{extension}"
            if (site / href).is_file():
                item = page.new_tag("li")
                link = page.new_tag("a", href=href, type=mime, download="")
                link.string = label
                item.append(link)
                listing.append(item)
        if not listing.find("li"):
            listing.decompose()
    return str(page)


def add_citation_metadata(page: BeautifulSoup) -> None:
    config = SimpleNamespace(**runpy.run_path(str(ROOT / "conf.py")))
    lang = source_language()
    title = page.find("title")
    title.insert_after(page.new_tag("link", rel="schema.DC", href="http://purl.org/dc/elements/1.1/"))
    for attribute, name, content in reversed(edition_tags(config, lang, url_of(config, lang, "index.html"),
                                                          "", book=True)):
        title.next_sibling.insert_after(page.new_tag("meta", attrs={attribute: name, "content": content}))


def add_missing_languages(page: BeautifulSoup) -> None:
    editions = page.select_one("ul.editions")
    described = {item.get("lang") for item in editions.find_all("li", recursive=False)}
    default = page.find("link", hreflang="x-default")
    for entry in registry():
        code = entry["code"]
        if code in described:
            continue
        item = page.new_tag("li", lang=code)
        link = page.new_tag("a", href=f"{code}/index.html", hreflang=code)
        link.string = entry["name"]  # a text node: escaped
        item.append(link)
        item.append(page.new_tag("ul", attrs={"class": "downloads", "data-downloads": code}))
        editions.append(item)
        if default is not None:
            default.insert_before(page.new_tag("link", rel="alternate", hreflang=code, href=f"{code}/index.html"))


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    write(target, render(source.read_text(encoding="utf-8"), target.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
