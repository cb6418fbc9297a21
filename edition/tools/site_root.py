"""The root of the published site, beside the language chooser: sitemap index and robots.txt.

Each language's build writes its own ``sitemap.xml`` (sphinx-sitemap), published at the
versioned address ``<base><lang>/<release>/sitemap.xml`` (edition/citing/releases.py). A crawler
looks at the root: ``sitemap.xml`` there is a sitemap index of the languages' sitemaps of
every release given (by default conf.py's ``release``), and ``robots.txt`` names it. Both
carry ``edition_base_url`` and the languages of conf.py.

``404.html`` is the page a server shows for a missing address outside the languages' folders
(each language has its own, edition/web/not_found.py): ``site/404.html``, in the chooser's
manner and its three languages, with its links made absolute (the path of
``edition_base_url``), since it is shown at any depth.

  python -m edition.tools.site_root _build/html [RELEASE …]
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from edition import ROOT
from edition.files import atomic_write
from edition.guards import publication_guard
from edition.citing.releases import edition_url  # noqa: E402  (the one builder of versioned addresses)
write = atomic_write  # two builds at once each write their own temporary file
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def not_found_page(server_path: str) -> str:
    """``site/404.html`` with its relative links rooted at *server_path*."""
    page = BeautifulSoup((ROOT / "site" / "404.html").read_text(encoding="utf-8"), "html.parser")
    for link in page.select("a[href]"):
        if not urlparse(link["href"]).scheme and not link["href"].startswith("/"):
            link["href"] = server_path + link["href"]
    return str(page)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[0])
    conf = runpy.run_path(str(ROOT / "conf.py"))
    malformed = publication_guard.malformed_base_url(conf["edition_base_url"])
    if malformed:  # never written into robots.txt or the sitemap (the preflight refuses it first)
        print(f"{publication_guard.where(ROOT)}: {malformed}", file=sys.stderr)
        return 2
    base = conf["edition_base_url"].rstrip("/") + "/"
    write(site / "404.html", not_found_page(urlparse(base).path))
    index = ElementTree.Element("sitemapindex", xmlns=SITEMAPS)
    for release in argv[1:] or [conf["release"]]:
        for lang in conf["edition_languages"]:
            ElementTree.SubElement(ElementTree.SubElement(index, "sitemap"), "loc").text = \
                edition_url(base, lang, release, "sitemap.xml")
    ElementTree.indent(index)
    site.mkdir(parents=True, exist_ok=True)
    write(site / "sitemap.xml", '<?xml version="1.0" encoding="utf-8"?>\n'
          + ElementTree.tostring(index, encoding="unicode") + "\n")
    write(site / "robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
