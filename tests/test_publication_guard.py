"""No published page carries the placeholder address: the build for publication refuses it.

Citations carry EDITION_BASE_URL, by default a reserved example domain. `make publish`
(EDITION_PUBLISH=1) stops before building anything unless the base URL is a real, public
https:// address, and checks afterwards that no built file names a reserved host.
"""

import os
import re
import subprocess
import sys

import pytest

from edition.guards import publication_guard
from edition.tools import publish
from conftest import (HTML, LANGUAGES, RELEASE, head_meta, make, preflight, scratch_project, soup, sphinx_build,
                      warm_project)

# Only for these tests, never published: an address that is not reserved.
PUBLIC = "https://kenes-ukimeti.kz/"
DEFAULT = {"EDITION_BASE_URL": None, "EDITION_PUBLISH": None}


@pytest.mark.parametrize("url", ["https://kenes-ukimeti.example.org/", "https://example.com/ed/",
                                 "https://www.example.net/", "https://kenes.example/", "https://kenes.test/",
                                 "https://kenes.invalid/", "https://localhost/", "https://127.0.0.1/",
                                 "https://192.0.2.7/", "https://[::1]/", "http://kenes-ukimeti.kz/", "kenes/"])
def test_a_reserved_or_non_public_base_url_cannot_be_published(url):
    assert publication_guard.base_url_problem(url)


def test_a_public_https_base_url_can_be_published():
    assert publication_guard.base_url_problem(PUBLIC) is None
    assert publication_guard.base_url_problem("https://example.org.kz/kenes/") is None  # not example.org


def test_make_publish_refuses_the_default_base_url_before_building_anything(tmp_path):
    project = scratch_project(tmp_path)
    result = make(project, "publish", env=DEFAULT)
    assert result.returncode != 0
    assert "conf.py:" in result.stdout and "kenes-ukimeti.example.org" in result.stdout, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "_build" / "html").exists(), "make publish built something"


def test_a_build_for_publication_refuses_the_default_base_url_without_make(tmp_path):
    """A plain sphinx-build with EDITION_PUBLISH=1 stops too: file:line, exit 2, no traceback."""
    project = scratch_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "EDITION_BASE_URL"}
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project),
                             "-D", "language=ru", str(project / "docs"), str(tmp_path / "out")],
                            capture_output=True, text=True, env={**env, "EDITION_PUBLISH": "1"})
    assert result.returncode == 2, result.stderr
    assert f"{project / 'conf.py'}:" in result.stderr and "example.org" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out" / "index.html").exists()


def test_the_published_files_check_finds_the_placeholder_in_a_preview_build():
    """Negative control for `publish.py --check-published`: the preview build names example.org."""
    found = publish.reserved_urls(HTML)
    assert any("kenes-ukimeti.example.org" in line and "/_cite/" in line for line in found)
    assert any(line.endswith("chapters/07-establishment.html: names kenes-ukimeti.example.org") for line in found)


def test_a_site_built_for_publication_carries_its_base_url_and_no_reserved_host(tmp_path):
    """`make publish` without its PDFs (xelatex takes minutes): the site is rebuilt for the
    new base URL, and the check of the published files passes."""
    project = warm_project(tmp_path)
    assert "edition.tools.publish kk" not in make(project, "html", env=DEFAULT).stdout  # same URL: up to date
    result = make(project, "html", env={"EDITION_BASE_URL": PUBLIC, "EDITION_PUBLISH": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in LANGUAGES:
        assert f"edition.tools.publish {lang}" in result.stdout  # another URL: every language rebuilt
        page = soup(project / "_build" / "html" / lang / "chapters" / "07-establishment.html")
        assert head_meta(page)["citation_public_url"] == [f"{PUBLIC}{lang}/{RELEASE}/chapters/07-establishment.html"]
    check = subprocess.run([sys.executable, "-m", "edition.tools.publish", "--check-published"],
                           capture_output=True, text=True, cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr


# -- a base URL no build may use (issue 26: S12, S15) ------------------------------------------
# It reaches HTML attributes, robots.txt, the sitemaps and the line-based RIS and BibTeX records.
MALFORMED = ["javascript:alert(1)//", "https://x.org/\nfoo/", "https://edition.kz/\nDisallow: /\n#",  # the battery's
             "https://x.org/';touch /tmp/pwned;'",
             # new payloads: a tab, a carriage return, an attribute break, a user, a fragment, a line or
             # paragraph separator, a bidi override, a tag, a protocol-relative address, a data: URL
             "https://x.org/\tfoo/", "https://x.org/\rDisallow: /", 'https://x.org/" onmouseover="alert(1)',
             "https://user:secret@x.org/", "https://x.org/#top", "https://x.org/\u2028Disallow: /",
             "https://x.org/\u202egro/", "https://x.org/<script>/", "//x.org/", "data:text/html,<p>"]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_base_url_with_a_newline_quote_or_other_scheme_is_refused_by_every_build(url):
    assert publication_guard.malformed_base_url(url)
    assert publication_guard.base_url_problem(url)  # and for publication


def test_the_default_and_a_public_base_url_are_well_formed():  # negative control
    assert publication_guard.malformed_base_url("https://kenes-ukimeti.example.org/") is None
    assert publication_guard.malformed_base_url(PUBLIC) is None
    assert publication_guard.malformed_base_url("https://xn--80ak6aa92e.xn--80ao21a:8443/kenes/") is None


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "https://x.org/\nfoo/"])
def test_a_plain_build_refuses_a_malformed_base_url_naming_conf_py_without_a_traceback(tmp_path, monkeypatch, url):
    """S12 and S15 outside `make publish`: the preflight of `make html`, and Sphinx itself."""
    project = scratch_project(tmp_path)
    monkeypatch.setenv("EDITION_BASE_URL", url)
    monkeypatch.delenv("EDITION_PUBLISH", raising=False)
    for result in (preflight(project), sphinx_build(project, "en")):
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
        assert re.search(rf"{re.escape(str(project / 'conf.py'))}:\d+: .*EDITION_BASE_URL", output) \
            or re.search(r"^conf.py:\d+: .*EDITION_BASE_URL", output, flags=re.M), output[-3000:]
    assert not (project / "_build" / "html" / "en" / "index.html").exists()
    check = subprocess.run([sys.executable, "-m", "edition.tools.publish", "--check-base-url"], capture_output=True,
                           text=True, cwd=project, env={**os.environ, "PYTHONPATH": str(project)})
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stdout + check.stderr
    root = tmp_path / "root"
    site_root = subprocess.run([sys.executable, "-m", "edition.tools.site_root", str(root)], capture_output=True,
                               text=True, cwd=project, env={**os.environ, "PYTHONPATH": str(project)})
    assert site_root.returncode == 2 and "conf.py:" in site_root.stderr, site_root.stderr
    assert not root.exists(), "robots.txt and sitemap.xml were written with the malformed address"
