"""Bad input fails the strict build with a message that names the file and line."""

import pytest

from conftest import scratch_project, sphinx_build, warning_locations

BREAKAGES = {
    "broken-ref": ("chapters/01-term.md", "\nБұл {ref}`sec-does-not-exist` сілтемесі.\n", "sec-does-not-exist"),
    "unknown-abbreviation": ("chapters/01-term.md", "\nМәтін {abbr}`жқб.` қысқартуы.\n", "жқб."),
    "unknown-emendation": ("chapters/01-term.md", "\nМәтін {emend}`жоқ оқылым` түзету.\n", "жоқ оқылым"),
    "unknown-citation": ("chapters/01-term.md", "\nМәтін. {cite:p}`nobody2099nothing`\n", "nobody2099nothing"),
    "unknown-place": ("chapters/01-term.md", "\nМәтін {place}`Атлантида` жер.\n", "Атлантида"),
    "duplicate-label": ("chapters/02-1917.md", "\n(sec-term-definition)=\n## Қайталанған белгі\n\nМәтін.\n",
                        "sec-term-definition"),
    "unlabelled-section": ("chapters/02-1917.md", "\n## Белгісіз бөлім\n\nМәтін.\n", "ASCII label"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_bad_input_fails_the_build_naming_file_and_line(tmp_path, name):
    doc, addition, needle = BREAKAGES[name]
    project = scratch_project(tmp_path)
    path = project / "docs" / doc
    lines_before = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as f:
        f.write(addition)
    result = sphinx_build(project)
    assert result.returncode != 0, f"{name}: the build passed"
    located = [loc for loc in warning_locations(result.stderr) if loc.startswith(str(path))]
    assert located, result.stderr
    line = int(located[0].rsplit(":", 1)[1])
    assert line > lines_before, f"{name}: reported line {line} is not in the added text"
    assert needle in result.stderr


def test_missing_document_in_the_toctree_fails_the_build(tmp_path):
    project = scratch_project(tmp_path)
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "chapters/09-1936-1991\n", "chapters/09-1936-1991\nchapters/10-missing\n"), encoding="utf-8")
    result = sphinx_build(project)
    assert result.returncode != 0
    assert any(loc.startswith(str(index)) for loc in warning_locations(result.stderr)), result.stderr
    assert "chapters/10-missing" in result.stderr
