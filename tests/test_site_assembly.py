"""The CI language matrix assembles the same site as one machine does.

The workflow (.github/workflows/build.yml) builds each language on its own runner, from its
own checkout, and its assemble job merges the artifacts with edition/tools/assemble_site.py, the
tool of `make site`. Here each language is built by `make html-<lang>` in a separate copy
of the project (a separate process, as a runner), with the downloads the matrix gives it;
the artifacts are assembled, with the kept builds of earlier releases, and compared with
`make site`'s ``_build/site/``: the same files, byte for byte. (The pages carry no build
timestamp to mask: conf.py sets no ``html_last_updated_fmt``, and their date is the
release's ``edition_date``.)
"""

from __future__ import annotations

import shutil

import pytest

from conftest import HTML, LANGUAGES, RELEASE, ROOT, SITE, dead_links, make, scratch_project

from edition.tools import assemble_site

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = pytest.mark.xdist_group("site_assembly")

def differences(left, right) -> list[str]:
    files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    others = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    found = [f"only in the matrix site: {name}" for name in sorted(files - others)]
    found += [f"only in the single-machine site: {name}" for name in sorted(others - files)]
    found += [f"differs: {name}" for name in sorted(files & others) if (left / name).read_bytes() != (right / name).read_bytes()]
    return found


@pytest.fixture(scope="session")
def matrix_site(tmp_path_factory):
    """The site assembled from one build per language, each in its own copy of the project."""
    if not (SITE / "sitemap.xml").is_file():
        pytest.fail(f"{SITE} is not assembled: run `make site`")
    tmp = tmp_path_factory.mktemp("matrix")
    artifacts = tmp / "artifacts"
    for lang in LANGUAGES:
        runner = scratch_project(tmp / f"runner-{lang}")
        for download in (ROOT / "_build" / "downloads").glob(f"kenes-ukimeti-{lang}.*"):  # download-artifact
            (runner / "_build" / "downloads").mkdir(parents=True, exist_ok=True)
            shutil.copy2(download, runner / "_build" / "downloads" / download.name)
        built = make(runner, f"html-{lang}", timeout=900)
        assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
        shutil.copytree(runner / "_build" / "html" / lang, artifacts / lang)  # upload-artifact
        shutil.rmtree(runner)
    site = tmp / "site"
    assert assemble_site.main(["--tags", str(site), str(artifacts)]) == 0
    return site


def test_the_matrix_assembly_equals_the_single_machine_build(matrix_site):
    assert differences(matrix_site, SITE) == []
    assert len(list(SITE.rglob("*.html"))) > 100  # three languages, a release and its two aliases
    assert (matrix_site / "index.html").is_file() and (matrix_site / "robots.txt").is_file()
    assert (matrix_site / "404.html").is_file()  # the root 404 page (edition/tools/site_root.py)
    for lang in LANGUAGES:
        assert (matrix_site / lang / "latest" / "index.html").is_file()


def test_the_comparison_sees_a_changed_page(matrix_site, tmp_path):
    """Negative control: one changed word in one page of a copy of the site is reported."""
    copy = tmp_path / "site"
    shutil.copytree(matrix_site, copy)
    page = copy / LANGUAGES[-1] / "latest" / "chapters" / "03-constituent.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Sovnarkom", "Sovnark0m", 1), encoding="utf-8")
    assert differences(copy, SITE) == [f"differs: {LANGUAGES[-1]}/latest/chapters/03-constituent.html"]


def test_every_link_of_the_versioned_site_leads_to_a_file_and_its_anchor():
    """The links between the languages, pointed at the same release (or alias) of the other
    language, and the root chooser's and downloads' links all land in `make site`'s site."""
    assert dead_links(SITE) == []


def test_an_unversioned_page_in_the_versioned_site_has_dead_links(tmp_path):
    """Negative control: a page copied without edition/tools/assemble_site.py's relinking is caught."""
    copy = tmp_path / "site"
    shutil.copytree(SITE / LANGUAGES[0] / RELEASE, copy / LANGUAGES[0] / RELEASE)
    for lang in LANGUAGES[1:]:
        shutil.copytree(SITE / lang / RELEASE, copy / lang / RELEASE)
    shutil.copy2(HTML / LANGUAGES[0] / "index.html", copy / LANGUAGES[0] / RELEASE / "index.html")
    dead = dead_links(copy)
    assert dead and all(line.startswith(f"{LANGUAGES[0]}/{RELEASE}/index.html: ../") for line in dead), dead
