"""The guards of the edition package, each on a tiny project built by sphinx.testing (as
Sphinx and sphinxcontrib-bibtex test their extensions): untrusted text never becomes live
markup, and every section is anchored by its ASCII label only."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import warning_locations

pytestmark = [pytest.mark.sources_only, pytest.mark.sphinx("html", testroot="guards", freshenv=True)]


@pytest.fixture
def page(app):
    app.build()
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")


def test_a_javascript_link_is_refused_with_file_and_line_and_dropped(app, page, warning):
    assert page.select_one("a[href='https://example.org/']"), "a safe link is kept"
    assert not page.select("a[href^='javascript']"), "a live link is published"
    assert "[live one](javascript:alert(1))" in page.get_text()  # MyST leaves it as text
    assert "a javascript: URL is not allowed" in warning.getvalue()  # the reST one, refused by the guard
    assert any(location.endswith("index.md:9") for location in warning_locations(warning.getvalue())), \
        warning.getvalue()


def test_raw_html_from_the_sources_is_text_or_refused(app, page, warning):
    assert not page.select("script:-soup-contains('alert(3)')"), "a raw block reached the page"
    assert not page.select("[onclick]"), "an inline handler reached the page"
    assert "<b onclick=" in page.get_text()  # shown as text
    assert '"raw" directive disabled' in warning.getvalue()


def test_a_section_is_anchored_by_its_label_only_and_one_without_is_refused(app, page, warning):
    assert page.select_one("section#sec-labelled")
    assert "'Қазақша тақырып' needs an explicit ASCII label" in warning.getvalue()
