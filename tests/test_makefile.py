"""The Makefile's promises about what it writes and what it rebuilds, checked on a copy of
the project without building anything (make -q answers from the files' times)."""

from __future__ import annotations

import os
import runpy
import time

import pytest

from conftest import CONF, LANGUAGES, make, scratch_project, stale_outputs


def snapshot(project):
    return {p.relative_to(project).as_posix(): p.stat().st_mtime_ns for p in project.rglob("*")}


def test_make_help_writes_nothing(tmp_path):
    project = scratch_project(tmp_path)
    before = snapshot(project)
    for goal in ([], ["help"]):  # help is the default goal
        result = make(project, *goal)
        assert result.returncode == 0 and "make html" in result.stdout, result.stderr
    assert snapshot(project) == before
    # negative control: a goal that builds writes its base-URL stamp when make reads the file
    make(project, "-n", "html-" + LANGUAGES[0])
    assert (project / "_build" / "edition-base-url").exists()


def test_editing_a_test_only_file_rebuilds_no_pdf_epub_or_site(tmp_path):
    project = scratch_project(tmp_path)
    lang = LANGUAGES[0]
    make(project, "-n", f"html-{lang}")  # the base-URL stamp
    outputs = ["_build/preflight.ok", f"_build/html/{lang}/.built", f"_build/pdf/kenes-ukimeti-{lang}.pdf",
               f"_build/epub/kenes-ukimeti-{lang}.epub"]
    later = time.time() + 60
    for name in outputs:  # "built" after every source
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).touch()
        os.utime(project / name, (later, later))
    targets = outputs[1:]
    assert make(project, "-q", *targets).returncode == 0
    test_only = ["edition/tools/page_weight.py", "edition/tools/check_dates.py",
                 "docs/_witness/kenes-ukimeti.kk.txt"]
    for name in test_only:
        os.utime(project / name, (later + 10, later + 10))
    assert make(project, "-q", *targets).returncode == 0
    assert [line for line in stale_outputs(project) if "older than" in line and "_build/site" not in line] == []
    # a checking tool reruns the preflight and the site's build, but builds no book
    os.utime(project / "edition/tools/check_po.py", (later + 20, later + 20))
    assert make(project, "-q", f"_build/html/{lang}/.built").returncode != 0
    plan = make(project, "-n", *targets[1:]).stdout
    assert "publish --preflight" in plan and "-b latex" not in plan and "-b epub" not in plan, plan
    # negative control: a page of the text is newer, and every output is out of date
    os.utime(project / "docs/index.md", (later + 30, later + 30))
    for target in targets:
        assert make(project, "-q", target).returncode != 0, target
    assert "-b latex" in make(project, "-n", targets[1]).stdout
    assert "-b epub" in make(project, "-n", targets[2]).stdout


# -- no make variable reaches a shell (issue 26: S3, S5, S14) ---------------------------------
# Each payload tries to create the file MARKER outside the project: through the shell of a recipe
# (a quote, a backtick, `$(…)`), through make itself (`$(shell …)`, expanded when make reads a
# value) or through a newline. The values reach the tools in their environment, taken literally,
# and the tools refuse them (make add-language's and make release's checks); `make help` and a
# dry run of a build run nothing. `-o gettext`: the add-language payloads are refused by the tool,
# without the POT build before it.
SHELL_PAYLOADS = {  # name: (make arguments, environment), MARKER replaced by the marker's path
    "S3-lang-quote": (["-o", "gettext", "add-language", 'LANG=x";touch MARKER;"'], {}),
    "S3-lang-backtick": (["-o", "gettext", "add-language", "LANG=x`touch MARKER`"], {}),
    "S5-version-quote": (["release", 'VERSION=1.1.0";touch MARKER;"'], {}),
    "S5-version-backtick": (["release", "VERSION=1.1.0`touch MARKER`"], {}),
    "S5-date-quote": (["release", "VERSION=9.1.0", 'DATE=2026-12-01";touch MARKER;"'], {}),
    "S14-base-url-quote": (["-n", "html-kk"], {"EDITION_BASE_URL": "https://x.org/';touch MARKER;'"}),
    "S14-base-url-quote-make-help": (["help"], {"EDITION_BASE_URL": "https://x.org/';touch MARKER;'"}),
    # new payloads, not in the battery
    "lang-make-shell-function": (["-o", "gettext", "add-language", "LANG=x$(shell touch MARKER)"], {}),
    "lang-newline": (["-o", "gettext", "add-language", "LANG=x\ntouch MARKER"], {}),
    "lang-from-the-environment": (["-o", "gettext", "add-language"], {"LANG": "x$(shell touch MARKER)"}),
    "version-command-substitution": (["release", "VERSION=1.1.0$(touch MARKER)"], {}),
    "date-make-shell-function": (["release", "VERSION=9.1.0", "DATE=$(shell touch MARKER)"], {}),
    "base-url-make-shell-function": (["-n", "html-kk"], {"EDITION_BASE_URL": "https://x.org/$(shell touch MARKER)"}),
    "base-url-quote-on-the-command-line": (["-n", "html-kk", "EDITION_BASE_URL=https://x.org/';touch MARKER;'"], {}),
    "stats-lang-quote": (["stats", 'LANG=x";touch MARKER;"'], {}),
    "stats-lang-make-shell-function": (["stats", "LANG=x$(shell touch MARKER)"], {}),
}


@pytest.mark.parametrize("name", SHELL_PAYLOADS)
def test_no_make_variable_runs_a_command(tmp_path, name):
    project = scratch_project(tmp_path)
    marker = tmp_path / "pwned"
    arguments, env = SHELL_PAYLOADS[name]
    arguments = [a.replace("MARKER", str(marker)) for a in arguments]
    env = {k: v.replace("MARKER", str(marker)) for k, v in env.items()}
    result = make(project, *arguments, env=env)
    output = result.stdout + result.stderr
    assert not marker.exists(), f"{name}: the payload ran a command\n{output[-2000:]}"
    assert "Traceback" not in output, output[-2000:]
    if "help" not in arguments and "-n" not in arguments:  # the tool refused the value, and wrote nothing
        assert result.returncode == 2 and ("is not a" in result.stderr or "no language" in result.stderr), output
        assert runpy.run_path(str(project / "conf.py"))["release"] == CONF["release"]
        assert "code: x" not in (project / "docs" / "_data" / "languages.yaml").read_text(encoding="utf-8")
    if "-n" in arguments:  # the base-URL stamp holds the value, literally
        url = (env.get("EDITION_BASE_URL") or arguments[-1].partition("=")[2])
        assert (project / "_build" / "edition-base-url").read_text(encoding="utf-8") == url + "\n"
