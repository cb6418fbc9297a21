#!/usr/bin/env python3
"""Build benchmark: the project's build against the naive baseline, page weight, scaling.

Usage: benchmarks/build.py [--runs 5] [--scale 1 10 50] [--skip-pdf] [--skip-browser] [--profile]
                           [--json _build/bench.json]

Measures on this machine the median wall time of --runs runs, the CPU time (user + sys
of the whole process tree: steadier than wall time on a shared machine), and the peak
resident memory of the process tree (sampled from /proc), for:

  (a) a clean `make html` (all three languages, built in parallel);
  (b) the naive baseline: three cold `sphinx-build -b html -D language=…` in sequence;
  (c) a no-op `make html`;
  (d) `make html` after editing one .po entry;
  (e) `make html` after editing one Kazakh paragraph;
  (f) a clean `make pdf` (all three);
  (g) a clean `make epub`, once the Makefile has that target (the hook: EXTRA_BUILDS).

It prints a table with ratios against (b) and writes JSON. It also reports the page
weight of a chapter page (HTML + the CSS, JS and fonts it loads; raw and gzip), the
page weight in Chromium of each page kind (chapter, glossary, chronology, the parallel
view of a chapter, search results: every request the page makes, edition/tools/page_weight.py;
for search also its own load apart from the result pages it fetches to quote them), the search index per
language, and the clean build time, CPU time and peak memory of synthetic corpora of
N× the chapters (with their ru and en catalogs, three languages in parallel as `make
html` builds them), with the search index and objects.inv of each, and the cost of
each added copy of the text between successive N: a linear build costs the same per
copy from ×1 to ×10 as from ×10 to ×50 (the slope check, within ±15 %). Ratios measured
side by side in one run are the figures that count on a shared machine; the load
average before and after is recorded. The tree is restored after every edit.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import resource
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
from edition.data.edition_data import language_codes  # the registry, docs/_data/languages.yaml

LANGUAGES = language_codes()
# builds measured like (f) when the Makefile has their target: (name, make target, outputs to clean)
EXTRA_BUILDS = [("(g) clean make epub", "epub", ("_build/epub", "_build/epub-build",
                                                 *(f"_build/doctrees/epub-{lang}" for lang in LANGUAGES)))]
SLOPE_TOLERANCE = 0.15  # a linear build: the cost per added copy agrees within ±15 %


# -- measuring -----------------------------------------------------------------------
def tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as f:
                kb = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = kb
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run(command: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (KB) of one command; fails loudly if it fails."""
    elapsed, peak, _ = run_with_cpu(command, cwd)
    return elapsed, peak


def run_with_cpu(command: list[str], cwd: Path = ROOT) -> tuple[float, int, float]:
    """Wall seconds, peak tree RSS (KB) and CPU seconds (user + sys of every descendant)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode:
        sys.exit(f"benchmark: {' '.join(command)} failed:\n{stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, peak, cpu


def measure(name: str, runs: int, prepare, command, restore=lambda: None, cwd: Path = ROOT) -> dict:
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        prepare()
        try:
            elapsed, peak, cpu = run_with_cpu(command, cwd)
        finally:
            restore()
        times.append(elapsed)
        peaks.append(peak)
        cpus.append(cpu)
    return {"name": name, "median_s": statistics.median(times), "runs": times, "peak_rss_mb": max(peaks) / 1024,
            "median_cpu_s": statistics.median(cpus)}


def clean_html():
    for path in ("_build/html", "_build/doctrees"):
        shutil.rmtree(ROOT / path, ignore_errors=True)


def naive_command(scratch: Path) -> list[str]:
    script = " && ".join(
        f"{PYTHON} -m sphinx -b html -q -c {ROOT} -D language={lang} -d {scratch}/doctrees/{lang} "
        f"{ROOT}/docs {scratch}/html/{lang}" for lang in LANGUAGES)
    return ["bash", "-c", f"rm -rf {scratch}/* && {script}"]


class Edit:
    """Change a file for one run and put it back byte for byte."""

    def __init__(self, path: Path, old: str, new: str):
        self.path, self.old, self.new = path, old, new
        self.original = path.read_bytes()

    def apply(self):
        self.path.write_text(self.original.decode("utf-8").replace(self.old, self.new, 1), encoding="utf-8")

    def restore(self):
        self.path.write_bytes(self.original)


# -- page weight ---------------------------------------------------------------------------
def page_weight(lang: str = LANGUAGES[0], page: str = "chapters/07-establishment.html") -> dict:
    site = ROOT / "_build" / "html" / lang
    html = (site / page).read_text(encoding="utf-8")
    assets = set(re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"?]+)', html))
    assets |= set(re.findall(r'<script[^>]+src="([^"?]+)', html))
    files = [(site / page)] + [(site / page).parent / a for a in assets]
    fonts = set()
    for css in [f for f in files if f.suffix == ".css"]:
        for url in re.findall(r"url\(['\"]?([^'\")?#]+)", css.read_text(encoding="utf-8")):
            if url.endswith((".woff", ".woff2", ".ttf", ".otf")):
                fonts.add((css.parent / url).resolve())
    files += sorted(fonts)
    raw = sum(f.stat().st_size for f in files)
    zipped = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return {"page": f"{lang}/{page}", "files": len(files), "fonts": len(fonts), "kb": raw / 1024,
            "gzip_kb": zipped / 1024,
            "assets": sorted(str(f.relative_to(site)) if site in f.parents else str(f) for f in files)}


def search_index_sizes() -> dict:
    return {lang: (ROOT / "_build" / "html" / lang / "searchindex.js").stat().st_size / 1024 for lang in LANGUAGES}


# -- scaling ---------------------------------------------------------------------------------
def synthetic_corpus(n: int, dest: Path) -> Path:
    """A copy of the project whose text is the nine chapters n times, with their catalogs."""
    project = dest / f"corpus-{n}"
    project.mkdir(parents=True)
    for name in ("conf.py", "docs", "edition", "locales", "bib", "site"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    chapters = sorted((project / "docs" / "chapters").glob("*.md"))
    index = project / "docs" / "index.md"
    entries = []
    for copy in range(1, n):
        for chapter in chapters:
            name = f"{chapter.stem}-x{copy}"
            text = re.sub(r"^\((ch|sec)-([a-z0-9-]+)\)=", rf"(\1-\2-x{copy})=", chapter.read_text(encoding="utf-8"),
                          flags=re.M)
            text = re.sub(r"\{(emend|ednote)\}`([^`]+)`", lambda m: m[2] if m[1] == "emend" else "", text)
            (chapter.parent / f"{name}.md").write_text(text, encoding="utf-8")
            for lang in LANGUAGES[1:]:
                po = project / "locales" / lang / "LC_MESSAGES" / "chapters" / f"{chapter.stem}.po"
                shutil.copy2(po, po.with_name(f"{name}.po"))
            entries.append(f"chapters/{name}")
    index.write_text(index.read_text(encoding="utf-8").replace(
        "chapters/09-1936-1991\n", "chapters/09-1936-1991\n" + "".join(e + "\n" for e in entries)), encoding="utf-8")
    return project


def scale_command(project: Path) -> list[str]:
    builds = " & ".join(
        f"{PYTHON} -m sphinx -b html -q -c {project} -D language={lang} -d {project}/_build/doctrees/{lang} "
        f"{project}/docs {project}/_build/html/{lang}" for lang in LANGUAGES)
    return ["bash", "-c", f"rm -rf {project}/_build && ({builds} & wait)"]


def profile_one_build(lang: str = LANGUAGES[0], top: int = 15) -> list[str]:
    """Where the time goes: cProfile of one clean build of one language, by cumulative time."""
    with tempfile.TemporaryDirectory() as scratch:
        stats = Path(scratch) / "build.prof"
        subprocess.run([str(PYTHON), "-m", "cProfile", "-o", str(stats), "-m", "sphinx", "-b", "html", "-q",
                        "-c", str(ROOT), "-D", f"language={lang}", "-d", f"{scratch}/doctrees",
                        str(ROOT / "docs"), f"{scratch}/html"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        report = subprocess.run([str(PYTHON), "-c", (
            "import pstats, sys; p = pstats.Stats(sys.argv[1]); p.sort_stats('cumulative');"
            f"p.print_stats({top * 6}); p.sort_stats('tottime'); p.print_stats({top // 2})"), str(stats)],
            capture_output=True, text=True, check=True).stdout
    lines = [line for line in report.splitlines() if re.match(r"\s*\d+", line)]
    # the phases (start-up, read, resolve and write, finish) and the hottest functions
    phases = [line for line in lines[:top * 6] if re.search(
        r"application.py:\d+\(__init__\)|builders/__init__.py:\d+\((read|write)\)|_html_page_context|"
        r"write_doc\b|emit\b|events.py|build-finished|finish|parse|highlight|search", line)]
    return phases[:top] + ["-- hottest functions (own time):"] + lines[top * 6:][: top // 2]


def make_has_target(target: str) -> bool:
    return subprocess.run(["make", "-n", "--no-print-directory", target], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def scale_row(n: int, scratch: Path) -> dict:
    """One synthetic corpus: its clean three-language build, and what it produced."""
    project = synthetic_corpus(n, scratch)
    elapsed, peak, cpu = run_with_cpu(scale_command(project))
    html = project / "_build" / "html"
    row = {"n": n, "chapters": 9 * n, "seconds": elapsed, "cpu_s": cpu, "peak_rss_mb": peak / 1024,
           "search_index_kb": {lang: (html / lang / "searchindex.js").stat().st_size / 1024 for lang in LANGUAGES},
           "objects_inv_kb": {lang: (html / lang / "objects.inv").stat().st_size / 1024 for lang in LANGUAGES}}
    shutil.rmtree(project)
    return row


def slopes(scale: list[dict]) -> list[dict]:
    """The cost of each added copy of the text between successive sizes (wall and CPU seconds)."""
    return [{"from": a["n"], "to": b["n"], "s_per_copy": (b["seconds"] - a["seconds"]) / (b["n"] - a["n"]),
             "cpu_s_per_copy": (b["cpu_s"] - a["cpu_s"]) / (b["n"] - a["n"])} for a, b in zip(scale, scale[1:])]


def browser_page_weights(languages=LANGUAGES) -> list[dict]:
    """Every request of each page kind, in Debian's Chromium (edition/tools/page_weight.py)."""
    from edition.tools import page_weight
    from edition.tools.page_weight import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(ROOT / "_build" / "html") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in languages:
            for kind in page_weight.PAGE_KINDS:
                row = page_weight.measure(browser, url, lang, kind)
                # the search page's own load, apart from the result pages it fetches to quote them
                own = page_weight.own_load(row)
                row.update(own_requests=own["requests"], own_kb=own["kb"], own_gzip_kb=own["gzip_kb"],
                           result_fetches=len(row["files"]) - len(own["files"]))
                row["files"] = [f"{f['url']} {f['bytes']}" for f in row["files"]]
                rows.append(row)
        browser.close()
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-browser", action="store_true", help="no page weight in Chromium")
    parser.add_argument("--json", type=Path, default=ROOT / "_build" / "bench.json")
    parser.add_argument("--profile", action="store_true", help="also profile one clean kk build")
    args = parser.parse_args(argv)
    make = ["make", "--no-print-directory", "html"]
    results = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:
        results.append(measure("(a) clean make html", args.runs, clean_html, make))
        results.append(measure("(b) naive: 3 sequential cold sphinx-build", args.runs, lambda: None,
                               naive_command(Path(scratch))))
        run(make)
        results.append(measure("(c) no-op make html", args.runs, lambda: None, make))
        po = Edit(ROOT / "locales/ru/LC_MESSAGES/chapters/01-term.po", 'msgstr "Значение понятия"',
                  'msgstr "Значение  понятия"')
        results.append(measure("(d) make html after one .po edit", args.runs, po.apply, make, po.restore))
        run(make)
        md = Edit(ROOT / "docs/chapters/01-term.md", "сөзі алғаш рет", "сөзі  алғаш рет")
        results.append(measure("(e) make html after one Kazakh paragraph", args.runs, md.apply, make, md.restore))
        run(make)
        if not args.skip_pdf:
            def clean_pdf():
                for path in ("_build/latex", "_build/pdf", *(f"_build/doctrees/latex-{l}" for l in LANGUAGES)):
                    shutil.rmtree(ROOT / path, ignore_errors=True)
            results.append(measure("(f) clean make pdf", args.runs, clean_pdf, ["make", "--no-print-directory", "pdf"]))
            for name, target, outputs in EXTRA_BUILDS:  # the hook: measured once the Makefile has the target
                if make_has_target(target):
                    def clean_extra(outputs=outputs):
                        for path in outputs:
                            shutil.rmtree(ROOT / path, ignore_errors=True)
                    results.append(measure(name, args.runs, clean_extra, ["make", "--no-print-directory", target]))
        scale = [scale_row(n, Path(scratch)) for n in args.scale]
    baseline = results[1]["median_s"]
    for r in results:
        r["ratio_to_b"] = r["median_s"] / baseline
    weight = page_weight()
    report = {"machine": {"cores": os.cpu_count(), "load_before": load_before, "load_after": os.getloadavg()},
              "builds": results, "page_weight": weight, "search_index_kb": search_index_sizes(), "scale": scale}
    if len(scale) >= 2:
        (x0, y0), (x1, y1) = (scale[0]["n"], scale[0]["seconds"]), (scale[-1]["n"], scale[-1]["seconds"])
        report["scale_slope_s_per_n"] = (y1 - y0) / (x1 - x0)
        report["scale_slopes"] = slopes(scale)
    if len(scale) >= 3:
        first, last = report["scale_slopes"][0], report["scale_slopes"][-1]
        report["scale_slope_ratio"] = last["s_per_copy"] / first["s_per_copy"]
        report["scale_slope_ratio_cpu"] = last["cpu_s_per_copy"] / first["cpu_s_per_copy"]
        report["scale_linear"] = abs(report["scale_slope_ratio"] - 1) <= SLOPE_TOLERANCE
    if not args.skip_browser:
        report["page_weight_by_kind"] = browser_page_weights()
    print(f"{'measurement':46} {'median s':>9} {'× (b)':>7} {'CPU s':>7} {'peak MB':>8}")
    for r in results:
        print(f"{r['name']:46} {r['median_s']:9.2f} {r['ratio_to_b']:7.2f} {r['median_cpu_s']:7.1f} "
              f"{r['peak_rss_mb']:8.0f}")
    print(f"\nchapter page {weight['page']}: {weight['files']} files, {weight['kb']:.0f} KB "
          f"({weight['gzip_kb']:.0f} KB gzip), {weight['fonts']} web fonts")
    for row in report.get("page_weight_by_kind", []):
        print(f"in Chromium, {row['lang']} {row['kind']:10}: {row['requests']:2} requests "
              f"({row['third_party']} third-party), {row['kb']:6.1f} KB ({row['gzip_kb']:.1f} KB gzip)"
              + (f"; its own load {row['own_requests']} requests, {row['own_kb']:.1f} KB ({row['own_gzip_kb']:.1f} "
                 f"KB gzip), then {row['result_fetches']} result pages fetched to quote them"
                 if row["kind"] == "search" else ""))
    print("search index: " + ", ".join(f"{k} {v:.0f} KB" for k, v in report["search_index_kb"].items()))
    for s in scale:
        print(f"scale ×{s['n']:<3} ({s['chapters']} chapters × 3 languages): {s['seconds']:.1f} s "
              f"({s['cpu_s']:.0f} CPU s), peak {s['peak_rss_mb']:.0f} MB; search index kk "
              f"{s['search_index_kb']['kk']:.0f} KB, objects.inv kk {s['objects_inv_kb']['kk']:.1f} KB")
    for sl in report.get("scale_slopes", []):
        print(f"×{sl['from']} → ×{sl['to']}: {sl['s_per_copy']:.2f} s ({sl['cpu_s_per_copy']:.2f} CPU s) "
              "per added copy of the text")
    if "scale_slope_ratio" in report:
        print(f"slope check: the last interval costs {report['scale_slope_ratio']:.2f}× the first per copy "
              f"(CPU {report['scale_slope_ratio_cpu']:.2f}×): "
              f"{'linear' if report['scale_linear'] else 'NOT linear'} within ±{SLOPE_TOLERANCE:.0%}")
    print(f"load average: before {load_before[0]:.1f}, after {report['machine']['load_after'][0]:.1f} "
          f"({os.cpu_count()} cores)")
    if args.profile:
        report["profile"] = profile_one_build()
        print("\nwhere the time goes (one clean kk build, cumulative):")
        print("\n".join(report["profile"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
