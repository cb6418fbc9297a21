"""The Makefile's promises about what it writes and what it rebuilds, checked on a copy of
the project without building anything (make -q answers from the files' times)."""

from __future__ import annotations

import os
import time

from conftest import LANGUAGES, make, scratch_project, stale_outputs


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
