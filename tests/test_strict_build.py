"""Bad input fails the strict build with a message that names the file and line.

Every breakage is planted in its own page of one scratch project, which is built once:
each must be reported at its own file, on a line of the added text.
"""

import pytest

from conftest import scratch_project, sphinx_build, warning_locations

# one worker builds this module's project once (pytest-xdist --dist loadgroup; the fixture is
# session-scoped, so tests of other modules run between these on that worker do not rebuild it)
pytestmark = [pytest.mark.xdist_group("strict_build"), pytest.mark.sources_only]

BREAKAGES = {
    "broken-ref": ("chapters/01-term.md", "\nБұл {ref}`sec-does-not-exist` сілтемесі.\n", "sec-does-not-exist"),
    "unknown-abbreviation": ("chapters/02-1917.md", "\nМәтін {abbr}`жқб.` қысқартуы.\n", "жқб."),
    "unknown-emendation": ("chapters/03-constituent.md", "\nМәтін {emend}`жоқ оқылым` түзету.\n", "жоқ оқылым"),
    "unknown-citation": ("chapters/04-civil-war.md", "\nМәтін. {cite:p}`nobody2099nothing`\n",
                         "nobody2099nothing"),
    "unknown-place": ("chapters/05-republics.md", "\nМәтін {place}`Атлантида` жер.\n", "Атлантида"),
    "duplicate-label": ("chapters/06-soviets-kz.md", "\n(sec-term-definition)=\n## Қайталанған белгі\n\nМәтін.\n",
                        "sec-term-definition"),
    "unlabelled-section": ("chapters/07-establishment.md", "\n## Белгісіз бөлім\n\nМәтін.\n", "ASCII label"),
    "unknown-note": ("chapters/08-administration.md", "\nМәтін {ednote}`note-does-not-exist`.\n",
                     "note-does-not-exist"),
}


@pytest.fixture(scope="session")
def broken_build(tmp_path_factory):
    """One scratch project with every breakage planted, built once: (project, stderr, lines before)."""
    project = scratch_project(tmp_path_factory.mktemp("broken"))
    lines_before = {}
    for name, (doc, addition, _needle) in BREAKAGES.items():
        path = project / "docs" / doc
        lines_before[name] = path.read_text(encoding="utf-8").count("\n")
        with path.open("a", encoding="utf-8") as f:
            f.write(addition)
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "chapters/09-1936-1991\n", "chapters/09-1936-1991\nchapters/10-missing\n"), encoding="utf-8")
    result = sphinx_build(project)
    assert result.returncode != 0, "the build with every breakage planted passed"
    return project, result.stderr, lines_before


@pytest.mark.parametrize("name", BREAKAGES)
def test_bad_input_fails_the_build_naming_file_and_line(broken_build, name):
    project, stderr, lines_before = broken_build
    doc, _addition, needle = BREAKAGES[name]
    path = project / "docs" / doc
    lines = [line for line in stderr.splitlines() if line.startswith(f"{path}:") and needle in line]
    assert lines, f"{name}: no warning at {path} mentions {needle!r}:\n{stderr}"
    located = warning_locations("\n".join(lines))
    assert located and int(located[0].rsplit(":", 1)[1]) > lines_before[name], \
        f"{name}: reported at {located}, not in the added text (after line {lines_before[name]})"


def test_missing_document_in_the_toctree_fails_the_build(broken_build):
    project, stderr, _lines = broken_build
    index = project / "docs" / "index.md"
    assert any(loc.startswith(str(index)) for loc in warning_locations(stderr)), stderr
    assert "chapters/10-missing" in stderr
