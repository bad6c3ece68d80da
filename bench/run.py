"""Benchmarks: the report command against the naive papermill + nbconvert path and against
the floor, parameter sweeps, and the cleaning step on a synthetic corpus.

    make bench                                   # everything: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --quick        # smoke run, about two minutes
    .venv/bin/python bench/run.py --only reports --repeats 7
    .venv/bin/python bench/run.py --only corpus --sizes 50,500,1000,5000

Three measurements, each a set of fresh processes timed from outside (wall clock):

reports  the full set of reports (every registered notebook whose file exists, with every
         fan-out report) made three ways: the naive path (for each report, the ``papermill``
         command line, then ``jupyter nbconvert --to html``, one after the other), the
         project's report command (``python -m helpers reports``), and the floor (the same
         notebooks' code with the same parameters run as plain Python scripts, no Jupyter,
         in parallel on the available cores, dependencies first).
sweep    one notebook run with N parameter sets (default 20): N naive runs, N report
         commands, one runner process for all N (the runner's Python API), and the floor.
draft    bench/draft.py: ``draft --all`` on each document against its hand annotation (accuracy,
         not time).
corpus   bench/corpus.py replicates and perturbs the five documents into corpora of several
         sizes; the cleaning step (parsing, checksums, schema, coverage audit, quote location,
         reconciliation) runs on each in a fresh process: time per stage and peak memory.

Medians over ``--repeats`` runs; the paths alternate within a repeat, so a load spike from
other work on the machine hits all of them. The 1-minute load average is recorded with each
sample. Results: bench/results/bench-<time>.md and .json (git-ignored), also copied to
latest.md / latest.json; the Markdown is printed at the end. Nothing outside temporary
folders and bench/results/ is written: reports/ and data/processed/ are left alone.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
sys.path.insert(0, str(BENCH))


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load1() -> float:
    return os.getloadavg()[0]


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    ok: bool
    load_before: float
    load_after: float
    note: str = ""
    peak_mb: float | None = None  # peak memory (PSS) of the process tree, where sampled


@dataclass
class Path_:
    """One way of doing the same work; ``prepare(work_dir)`` does the untimed set-up and
    returns the timed step, which returns (ok, note) or (ok, note, peak MB)."""

    key: str
    label: str
    prepare: Callable[[Path], Callable[[], tuple[bool, str]]]
    samples: list[Sample] = field(default_factory=list)

    @property
    def good(self) -> list[float]:
        return [s.seconds for s in self.samples if s.ok]

    @property
    def median(self) -> float | None:
        return statistics.median(self.good) if self.good else None


def measure(paths: Sequence[Path_], repeats: int, scratch: Path, say) -> None:
    """Run every path ``repeats`` times, alternating (and rotating the order) within a repeat."""
    for r in range(repeats):
        order = list(paths[r % len(paths):]) + list(paths[:r % len(paths)])
        for path in order:
            work = Path(tempfile.mkdtemp(prefix=f"{path.key}-", dir=scratch))
            try:
                try:
                    step = path.prepare(work)
                except Exception as exc:  # e.g. a notebook and the catalog out of step while being edited
                    step = lambda exc=exc: (False, f"set-up failed: {type(exc).__name__}: {exc}")  # noqa: E731
                before, t0 = load1(), time.perf_counter()
                ok, note, *peak = step()
                seconds = time.perf_counter() - t0
                note = note if len(note) < 600 else note[:600] + "…"
                path.samples.append(Sample(seconds, ok, before, load1(), note, peak[0] if peak else None))
                say(f"  run {r + 1}/{repeats} {path.label}: {seconds:.1f}s"
                    + ("" if ok else f" FAILED: {note}") + f" (load {before:.1f})")
            finally:
                shutil.rmtree(work, ignore_errors=True)


def run(cmd: Sequence, *, env: dict | None = None, cwd: Path = ROOT) -> tuple[bool, str]:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        return False, f"{Path(str(cmd[0])).name} {' '.join(map(str, cmd[1:3]))}... exit {proc.returncode}: " \
                      + " | ".join(proc.stdout.strip().splitlines()[-3:])
    return True, ""


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of ``pid`` and its descendants (shared pages of forked workers
    counted once, split between them), from /proc; 0 where unavailable."""
    sys.path.insert(0, str(ROOT / "src"))
    from helpers.reporting.procs import descendants
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            pass
    return total / 1024


def run_measured(cmd: Sequence, *, env: dict | None = None, cwd: Path = ROOT) -> tuple[bool, str, float]:
    """``run`` that also samples the process tree's memory every 50 ms; (ok, note, peak MB)."""
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                text=True)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, tree_pss_mb(proc.pid))
            time.sleep(0.05)
        if proc.returncode:
            log.seek(0)
            return False, f"exit {proc.returncode}: " + " | ".join(log.read().strip().splitlines()[-3:]), peak
    return True, "", peak


def run_dag(jobs, run_one: Callable, workers: int) -> tuple[bool, str]:
    """Run ``run_one(job)`` for every job, at most ``workers`` at a time, each after its ``after``."""
    done: dict[str, bool] = {}
    notes: list[str] = []
    pending = list(jobs)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running = {}
        while pending or running:
            for job in list(pending):
                if any(d in done and not done[d] for d in job.after):
                    pending.remove(job)
                    done[job.name] = False
                elif all(done.get(d) for d in job.after) and len(running) < workers:
                    pending.remove(job)
                    running[pool.submit(run_one, job)] = job
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                job = running.pop(future)
                ok, note = future.result()
                done[job.name] = ok
                if not ok:
                    notes.append(f"{job.name}: {note}")
    text = "; ".join(notes)
    return all(done.get(j.name) for j in jobs), text if len(text) < 600 else text[:600] + f"… ({len(notes)} failed)"


# --- the reports: jobs, notebooks, scripts --------------------------------------------------


def present_notebooks(wanted: Sequence[str] = ()) -> list[str]:
    """Registered notebooks whose file exists and whose dependencies do too (others are being written)."""
    from helpers import paths
    from helpers.reporting import registry
    names = [n for n in registry.notebooks() if (paths.NOTEBOOKS / f"{n}.py").exists()]
    names = [n for n in names if all(d in names for d in registry.notebooks()[n].depends_on)]
    if wanted:
        names = [n for n in names if n in wanted]
    return names


def plan(notebooks: Sequence[str], output_dir: Path, overrides: Sequence[str] = ()):
    """The runner's own jobs (fan-out included) and in-memory notebooks for these notebooks,
    with the data folder set as ``--output-dir`` sets it."""
    from helpers.reporting import plan as planning
    from helpers.reporting.execute import load_notebook
    from helpers.reporting.layers import parse_overrides, resolve
    project = planning.Project(processed=output_dir)
    resolved = resolve([parse_overrides(list(overrides))], project.catalog)
    jobs = planning.plan(project, resolved, planning.titles_of(project, notebooks), list(notebooks))
    return jobs, {n: load_notebook(project.notebooks_dir / f"{n}.py") for n in notebooks}


def only_args(notebooks: Sequence[str]) -> list[str]:
    from helpers.reporting import registry
    if list(notebooks) == list(registry.notebooks()):
        return []
    return [arg for n in notebooks for arg in ("--only", n)]


def write_ipynb(nb, path: Path) -> Path:
    import nbformat
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_params(params: dict, path: Path) -> Path:
    import yaml
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return path


def script_source(nb, params: dict) -> str:
    """The notebook's code cells as one script, the parameters assigned after the parameters
    cell as papermill injects them; IPython magics (none today) are commented out, and
    ``display`` is imported (helpers.display imports IPython.display anyway)."""
    parts = ["from IPython.display import display  # a built-in name in IPython kernels"]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts.append("\n".join("# " + ln if ln.lstrip().startswith(("%", "!")) else ln
                               for ln in cell.source.splitlines()))
        if "parameters" in cell.metadata.get("tags", []):
            parts.append("\n".join(f"{k} = {v!r}" for k, v in params.items()))
    return "\n\n".join(parts) + "\n"


def script_env() -> dict:
    return {**os.environ, "MPLBACKEND": "Agg"}


def hide_rfc3987_syntax(scratch: Path) -> None:
    """Every process from now on sees rfc3987-syntax as not installed: jsonschema then skips it
    (it imports it inside ``suppress(ImportError)``), and so does every process importing
    nbformat, which imports jsonschema. rfc3987-syntax 1.1.0 builds a grammar at import time
    (about 2 s); the option measures what uninstalling it would change."""
    stub = scratch / "stub" / "rfc3987_syntax"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text('raise ImportError("hidden by bench/run.py --hide-rfc3987-syntax")\n')
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(stub.parent), os.environ.get("PYTHONPATH")]))


def naive_path(jobs, notebooks) -> Callable[[Path], Callable]:
    def prepare(work: Path):
        files = {name: write_ipynb(nb, work / "nb" / f"{name}.ipynb") for name, nb in notebooks.items()}
        steps = []
        for job in jobs:
            executed = work / "executed" / f"{job.name}.ipynb"
            params = write_params(job.params, work / "params" / f"{job.name}.yaml")
            steps.append(([BIN / "papermill", files[job.notebook], executed, "-f", params, "-k", "python3",
                           "--cwd", ROOT],
                          [BIN / "jupyter", "nbconvert", "--to", "html", executed, "--output-dir", work / "html"]))
        (work / "executed").mkdir()

        def step():
            for execute, convert in steps:  # jobs are in dependency order
                for cmd in (execute, convert):
                    ok, note = run(cmd)
                    if not ok:
                        return ok, note
            return True, ""
        return step
    return prepare


def report_path(notebooks: Sequence[str], engine: str = "inprocess") -> Callable[[Path], Callable]:
    def prepare(work: Path):
        cmd = [PYTHON, "-m", "helpers", "reports", "--reports-dir", work / "reports", "--output-dir", work / "data",
               "--engine", engine, *only_args(notebooks)]
        return lambda: run_measured(cmd)
    return prepare


def floor_path(jobs, notebooks) -> Callable[[Path], Callable]:
    def prepare(work: Path):
        scripts = {}
        for job in jobs:
            scripts[job.name] = work / "scripts" / f"{job.name}.py"
            scripts[job.name].parent.mkdir(parents=True, exist_ok=True)
            scripts[job.name].write_text(script_source(notebooks[job.notebook], job.params), encoding="utf-8")
        return lambda: run_dag(jobs, lambda job: run([PYTHON, scripts[job.name]], env=script_env()), cores())
    return prepare


def forked_path(jobs, notebooks) -> Callable[[Path], Callable]:
    """Prototype, not a Jupyter path: the floor's scripts, each in a child forked from one
    process that has already imported what the notebooks import (bench/forked.py)."""
    def prepare(work: Path):
        spec = []
        for job in jobs:
            script = work / "scripts" / f"{job.name}.py"
            script.parent.mkdir(parents=True, exist_ok=True)
            script.write_text(script_source(notebooks[job.notebook], job.params), encoding="utf-8")
            spec.append({"name": job.name, "script": str(script), "after": list(job.after)})
        (work / "spec.json").write_text(json.dumps(spec))
        return lambda: run([PYTHON, BENCH / "forked.py", work / "spec.json", "--workers", cores()], env=script_env())
    return prepare


def reports_bench(args, scratch: Path, say) -> dict:
    names = present_notebooks(args.notebooks)
    jobs, notebooks = plan(names, scratch / "plan")
    say(f"reports: {len(jobs)} reports from {', '.join(names)}: {', '.join(j.name for j in jobs)}")

    def planned(work: Path):  # the same jobs, with this run's output folder
        return plan(names, work / "data")

    def per_run(make):
        return lambda work: make(*planned(work))(work)

    paths = [
        Path_("naive", "naive: papermill + nbconvert per report", per_run(naive_path)),
        Path_("report", "report command (python -m helpers reports), in-process engine", report_path(names)),
        Path_("report_kernel", "report command, --engine kernel", report_path(names, "kernel")),
        Path_("floor", f"floor: plain scripts, {cores()} in parallel", per_run(floor_path)),
        Path_("forked", "limit: the scripts forked after shared imports", per_run(forked_path)),
    ]
    measure(paths, args.repeats, scratch, say)
    return {"notebooks": names, "reports": [j.name for j in jobs], "paths": paths}


# --- parameter sweeps -----------------------------------------------------------------------


def sweep_grid(notebook: str, n: int) -> list[dict]:
    """``n`` parameter sets: currency x household size (03) or currency x rate year (others)."""
    from helpers.reporting import registry
    declared = registry.notebooks()[notebook].params
    currencies = list(declared["target_currency"].allowed()) if "target_currency" in declared else [None]
    if "household_size" in declared:
        second = ("household_size", [4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 5.5, 6.5, 7.5])
    else:
        second = ("rate_year", list(range(2023, 2010, -1)))
    grid = []
    for value, currency in itertools.product(second[1], currencies):
        grid.append({k: v for k, v in (("target_currency", currency), (second[0], value)) if v is not None})
    if len(grid) < n:
        raise SystemExit(f"sweep: only {len(grid)} parameter sets available for {notebook}")
    return grid[:n]


def sweep_bench(args, scratch: Path, say) -> dict:
    from helpers.reporting import registry
    present = present_notebooks()
    notebook = args.sweep_notebook or next(
        (n for n in ("03_cost_per_beneficiary", "01_clean_figures") if n in present), present[0])
    upstream = [n for n in present if n in registry.notebooks()[notebook].depends_on]
    grid = sweep_grid(notebook, args.sweep_size)
    say(f"sweep: {notebook} with {len(grid)} parameter sets"
        + (f" (upstream {', '.join(upstream)} run once beforehand, not timed)" if upstream else ""))
    upstream_data = scratch / "upstream"
    if upstream:
        ok, note = run([PYTHON, "-m", "helpers", "reports", "--reports-dir", scratch / "upstream-reports",
                        "--output-dir", upstream_data, *only_args(upstream)])
        if not ok:
            raise SystemExit(f"sweep: upstream notebooks failed: {note}")

    def member_dirs(work: Path) -> list[Path]:
        dirs = []
        for i in range(len(grid)):
            d = work / "data" / f"set{i:02d}"
            if upstream:
                shutil.copytree(upstream_data, d)
            else:
                d.mkdir(parents=True)
            dirs.append(d)
        return dirs

    def member_jobs(work: Path):
        from helpers.reporting.runner import Job
        dirs = member_dirs(work)
        jobs, notebooks = [], None
        for i, (params, d) in enumerate(zip(grid, dirs)):
            overrides = [f"{notebook}.{k}={v}" for k, v in params.items()]
            planned, notebooks = plan([notebook], d, overrides)
            base = next(j for j in planned if j.name == notebook)
            jobs.append(Job(f"{notebook}--set{i:02d}", notebook, base.title, base.params, ()))
        return jobs, notebooks

    def naive(work: Path):
        return naive_path(*member_jobs(work))(work)

    def reports_each(work: Path):
        dirs = member_dirs(work)
        cmds = [[PYTHON, "-m", "helpers", "reports", "--reports-dir", work / "reports" / d.name, "--output-dir", d,
                 "--only", notebook, *[a for k, v in params.items() for a in ("-p", f"{notebook}.{k}={v}")]]
                for params, d in zip(grid, dirs)]

        def step():
            for cmd in cmds:
                ok, note = run(cmd)
                if not ok:
                    return ok, note
            return True, ""
        return step

    def sweep_option(work: Path):
        sets = [{f"{notebook}.{k}": v for k, v in params.items()} for params in grid]
        spec = write_params(sets, work / "sweep.yaml")
        cmd = [PYTHON, "-m", "helpers", "reports", "--sweep", spec, "--sweep-dir", work / "sweep",
               "--only", notebook, *(["--output-dir", upstream_data] if upstream else [])]
        return lambda: run_measured(cmd)

    def floor(work: Path):
        return floor_path(*member_jobs(work))(work)

    def forked(work: Path):
        return forked_path(*member_jobs(work))(work)

    n = len(grid)
    paths = [
        Path_("naive", f"naive: {n} x (papermill + nbconvert)", naive),
        Path_("report_each", f"report command, {n} invocations", reports_each),
        Path_("sweep", f"one sweep command (--sweep with {n} sets)", sweep_option),
        Path_("floor", f"floor: {n} plain scripts, {cores()} in parallel", floor),
        Path_("forked", "limit: the scripts forked after shared imports", forked),
    ]
    measure(paths, args.sweep_repeats, scratch, say)
    return {"notebook": notebook, "sets": grid, "paths": paths}


# --- the researcher's loop: one report after a change -----------------------------------------


def project_copy(where: Path) -> Path:
    """src, notebooks and raw data in a folder of their own, outputs published once there: the
    loop benchmark changes a file in it, never in the real project."""
    shutil.copytree(ROOT / "src", where / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    shutil.copytree(ROOT / "notebooks", where / "notebooks")
    shutil.copytree(ROOT / "data" / "raw", where / "data" / "raw")
    ok, note = run([PYTHON, "-m", "helpers", "reports"], cwd=where, env=copy_env(where))
    if not ok:
        raise SystemExit(f"loop: the first run in the project copy failed: {note}")
    return where


def copy_env(where: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(where / "src")}


def loop_bench(args, scratch: Path, say) -> dict:
    """``--only NOTEBOOK`` after a change: the notebook's own time in a fork after the imports
    (the forked-scripts limit for one report), the cold command, and a rerun of a ``--watch``
    runner after a changed input file."""
    notebook = args.loop_notebook
    copy = project_copy(scratch / "loop-project")
    processed = copy / "data" / "processed"
    jobs, notebooks = plan([notebook], processed)
    job = next(j for j in jobs if j.name == notebook)
    changed = copy / "data" / "raw" / "household_size.csv"
    say(f"loop: {notebook} after a change of {changed.name} (mtime), in a copy of the project")

    params = {**job.params, **({"input_dir": str(processed)} if "input_dir" in job.params else {})}
    rows: dict[str, list[float]] = {"forked": [], "cold": [], "watch": []}
    for r in range(args.repeats):
        work = Path(tempfile.mkdtemp(prefix="loop-", dir=scratch))
        script, spec = work / "script.py", work / "spec.json"
        script.write_text(script_source(notebooks[notebook], {**params, "output_dir": str(work / "out")}))
        spec.write_text(json.dumps([{"name": notebook, "script": str(script), "after": []}]))
        ok, note = run([PYTHON, BENCH / "forked.py", spec, "--workers", 1, "--times", work / "t.json"],
                       env=script_env())
        if ok:
            rows["forked"].append(json.loads((work / "t.json").read_text())[notebook])
        t0 = time.perf_counter()
        ok, note = run([PYTHON, "-m", "helpers", "reports", "--only", notebook], cwd=copy, env=copy_env(copy))
        if ok:
            rows["cold"].append(time.perf_counter() - t0)
        say(f"  run {r + 1}/{args.repeats}: forked child {rows['forked'][-1] if rows['forked'] else 0:.1f}s, "
            f"cold --only {time.perf_counter() - t0:.1f}s" + ("" if ok else f" FAILED: {note}"))
    proc = subprocess.Popen([PYTHON, "-m", "helpers", "reports", "--only", notebook, "--watch"], cwd=copy,
                            env=copy_env(copy), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def until_written():
            for line in proc.stdout:
                if "reports written" in line:
                    return
            raise SystemExit("loop: the --watch runner ended")
        until_written()
        for r in range(args.repeats):
            time.sleep(0.5)
            os.utime(changed)
            t0 = time.perf_counter()
            until_written()
            rows["watch"].append(time.perf_counter() - t0)
            say(f"  --watch rerun after a change: {rows['watch'][-1]:.1f}s")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    say(f"  forked child of {notebook}: " + ", ".join(f"{x:.1f}s" for x in rows["forked"]))
    return {"notebook": notebook, "changed": changed.name,
            "medians": {k: statistics.median(v) if v else None for k, v in rows.items()}, "samples": rows}


# --- corpus scale ---------------------------------------------------------------------------


def corpus_bench(args, scratch: Path, say) -> dict:
    import corpus
    base = corpus.real()
    rows = []
    for n_docs in args.sizes:
        folder = scratch / f"corpus-{n_docs}"
        t0 = time.perf_counter()
        corpus.write(corpus.build(n_docs, base=base), folder)
        built = time.perf_counter() - t0
        runs = []
        for r in range(args.corpus_repeats):
            before = load1()
            proc = subprocess.run([PYTHON, BENCH / "corpus.py", "clean", folder], cwd=ROOT,
                                  capture_output=True, text=True)
            if proc.returncode:
                raise SystemExit(f"corpus {n_docs}: cleaning failed:\n{proc.stderr[-2000:]}")
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            result["load_before"] = before
            runs.append(result)
            say(f"  corpus {n_docs} docs run {r + 1}/{args.corpus_repeats}: {result['seconds']:.1f}s, "
                f"peak {result['peak_rss_mb']:.0f} MB (load {before:.1f})")
        shutil.rmtree(folder, ignore_errors=True)
        med = statistics.median(r["seconds"] for r in runs)
        rows.append({"docs": n_docs, "factor": n_docs / len(base.texts), "figures": runs[0]["figures"],
                     "chars": runs[0]["chars"], "build_seconds": built, "seconds": med,
                     "seconds_all": [r["seconds"] for r in runs],
                     "stages": {k: statistics.median(r["stages"][k] for r in runs) for k in runs[0]["stages"]},
                     "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
                     "rss_before_mb": statistics.median(r["rss_before_mb"] for r in runs),
                     "coverage_problems": runs[0]["coverage_problems"],
                     "checksum_mismatches": runs[0]["checksum_mismatches"],
                     "load": statistics.median(r["load_before"] for r in runs)})
    return {"rows": rows}


# --- output ---------------------------------------------------------------------------------


def fmt_s(x: float | None) -> str:
    return "failed" if x is None else f"{x:.1f}"


def paths_table(paths: list[Path_], ref: str, ref_label: str = "report command") -> list[str]:
    ref_med = next(p.median for p in paths if p.key == ref)
    lines = [f"| path | median s | min–max s | runs | × {ref_label} | peak memory MB | median load |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for p in paths:
        good = p.good
        spread = f"{min(good):.1f}–{max(good):.1f}" if good else "–"
        ratio = f"{p.median / ref_med:.2f}" if p.median and ref_med else "–"
        fails = len(p.samples) - len(good)
        runs = f"{len(good)}" + (f" (+{fails} failed)" if fails else "")
        load = statistics.median(s.load_before for s in p.samples) if p.samples else 0
        peaks = [s.peak_mb for s in p.samples if s.ok and s.peak_mb]
        peak = f"{max(peaks):.0f}" if peaks else "–"
        lines.append(f"| {p.label} | {fmt_s(p.median)} | {spread} | {runs} | {ratio} | {peak} | {load:.1f} |")
    return lines


def ratio(paths: list[Path_], a: str, b: str) -> float | None:
    ma = next((p.median for p in paths if p.key == a), None)
    mb = next((p.median for p in paths if p.key == b), None)
    return ma / mb if ma and mb else None


def verdict(value: float | None, goal: str) -> str:
    return "not measured" if value is None else f"{value:.2f}× ({goal})"


def markdown(results: dict) -> str:
    env = results["environment"]
    out = [f"# Benchmark results ({env['started']})", "",
           f"Machine: {env['cores']} cores ({env['cpu']}), Python {env['python']}, "
           f"commit {env['commit']}; load average at start {env['load_start']}, at end {env['load_end']} "
           "(other work on the machine inflates every path; medians over the runs)."
           + (" rfc3987-syntax hidden from every process (--hide-rfc3987-syntax)." if env.get("rfc3987_syntax") else ""), ""]
    if "reports" in results:
        r = results["reports"]
        paths = r["paths"]
        out += ["## Full set of reports", "",
                f"{len(r['reports'])} reports: {', '.join(r['reports'])}. Peak memory: the largest sum of "
                "proportional set sizes (PSS) of the command's processes, sampled every 50 ms.", ""]
        out += paths_table(paths, "report")
        out += ["", f"- naive vs report command: **{verdict(ratio(paths, 'naive', 'report'), 'faster; goal ≥ 5×')}**",
                f"- report command vs floor: **{verdict(ratio(paths, 'report', 'floor'), 'the floor’s time; goal ≤ 1.0×')}**",
                f"- report command vs forked-scripts limit: "
                f"**{verdict(ratio(paths, 'report', 'forked'), 'the limit’s time; goal ≤ 1.5×')}**",
                f"- --engine kernel vs in-process: **{verdict(ratio(paths, 'report_kernel', 'report'), 'slower')}**", ""]
    if "sweep" in results:
        s = results["sweep"]
        paths = s["paths"]
        sets = ", ".join("/".join(str(v) for v in p.values()) for p in s["sets"])
        out += [f"## Parameter sweep: {s['notebook']}, {len(s['sets'])} parameter sets", "", f"Sets: {sets}.", ""]
        out += paths_table(paths, "sweep", "sweep command")
        out += ["", f"- N naive runs vs the sweep command: **{verdict(ratio(paths, 'naive', 'sweep'), 'faster; goal ≥ 5×')}**",
                f"- sweep command vs floor: **{verdict(ratio(paths, 'sweep', 'floor'), 'the floor’s time; goal ≤ 1.2×')}**",
                f"- sweep command vs forked-scripts limit: **{verdict(ratio(paths, 'sweep', 'forked'), 'the limit’s time')}**",
                f"- N report commands vs the sweep command: **{verdict(ratio(paths, 'report_each', 'sweep'), 'slower')}**", ""]
    if "loop" in results:
        lp = results["loop"]
        m = lp["medians"]

        def cell(key: str) -> str:
            return f"{m[key]:.1f} | {m[key] / m['forked']:.2f}" if m[key] and m["forked"] else "failed | –"
        out += [f"## One report after a change: {lp['notebook']}", "",
                f"The report's notebook alone in a child forked after the imports (the forked-scripts limit for "
                f"one report), the cold command, and a `--watch` runner rerendering after `{lp['changed']}` "
                f"changed (medians of {len(lp['samples']['watch'])}).", "",
                "| path | median s | × forked child |", "|---|---:|---:|",
                f"| forked child (analysis only) | {cell('forked')} |",
                f"| `--only {lp['notebook']}`, cold command | {cell('cold')} |",
                f"| `--only {lp['notebook']} --watch`, rerun after the change | {cell('watch')} |", "",
                f"- watch rerun vs the forked child: **{verdict(m['watch'] / m['forked'] if m['watch'] and m['forked'] else None, 'goal ≤ 1.5×')}**", ""]
    if "draft" in results:
        out += ["## Drafted annotation against the hand annotation (bench/draft.py)", "",
                results["draft"]["markdown"], ""]
    if "corpus" in results:
        rows = results["corpus"]["rows"]
        stages = list(rows[0]["stages"])
        out += ["## Cleaning step at corpus scale", "",
                "| documents | figures | median s | ms per document | peak RSS MB (before cleaning) | "
                + " | ".join(stages) + " |",
                "|---:|---:|---:|---:|---:|" + "---:|" * len(stages)]
        for row in rows:
            out.append(f"| {row['docs']} ({row['factor']:g}×) | {row['figures']} | {row['seconds']:.1f} | "
                       f"{1000 * row['seconds'] / row['docs']:.1f} | {row['peak_rss_mb']:.0f} ({row['rss_before_mb']:.0f}) | "
                       + " | ".join(f"{row['stages'][s]:.2f}" for s in stages) + " |")
        if len(rows) >= 2:
            import math
            xs = [math.log(r["docs"]) for r in rows]
            ys = [math.log(r["seconds"]) for r in rows]
            mx, my = statistics.fmean(xs), statistics.fmean(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            out += ["", f"- growth exponent (log time vs log documents, least squares): **{slope:.2f}** (1 = linear)"]
        thousand = [r for r in rows if r["docs"] == 1000]
        if thousand:
            out.append(f"- 1,000 documents: **{thousand[0]['seconds']:.1f} s** (goal < 30 s)")
        out.append("- every corpus passes the coverage audit: "
                   + ("yes" if all(r["coverage_problems"] == 0 for r in rows) else "NO"))
        out.append("")
    out += ["Reproduce: `make bench` (or `.venv/bin/python bench/run.py`); options: "
            f"`{results['command']}`.", ""]
    return "\n".join(out)


def environment() -> dict:
    try:
        commit = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=7"], cwd=ROOT,
                                capture_output=True, text=True, timeout=10).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    cpu = "unknown"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                   if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"started": dt.datetime.now().isoformat(timespec="seconds"), "cores": cores(), "cpu": cpu,
            "python": platform.python_version(), "commit": commit, "platform": platform.platform(),
            "load_start": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
            "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", "")}


def to_json(results: dict) -> dict:
    def conv(x):
        if isinstance(x, Path_):
            return {"key": x.key, "label": x.label, "median": x.median, "samples": [asdict(s) for s in x.samples]}
        if isinstance(x, dict):
            return {k: conv(v) for k, v in x.items()}
        if isinstance(x, list):
            return [conv(v) for v in x]
        return x
    return conv(results)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: one repeat, first notebook only, 2-set sweep, tiny corpora")
    ap.add_argument("--only", action="append", choices=("reports", "sweep", "loop", "corpus", "draft"),
                    help="run only this benchmark (repeatable); default: all five")
    ap.add_argument("--loop-notebook", default="03_cost_per_beneficiary",
                    help="the report rerendered in the researcher's-loop benchmark")
    ap.add_argument("--repeats", type=int, help="runs per path for the reports (default 5; quick 1)")
    ap.add_argument("--notebook", dest="notebooks", action="append", default=[],
                    help="limit the reports benchmark to this notebook (repeatable)")
    ap.add_argument("--sweep-notebook", help="notebook of the sweep (default: 03_cost_per_beneficiary if present)")
    ap.add_argument("--sweep-size", type=int, help="parameter sets in the sweep (default 20; quick 2)")
    ap.add_argument("--sweep-repeats", type=int, help="runs per sweep path (default 3; quick 1)")
    ap.add_argument("--sizes", help="corpus sizes in documents, comma-separated (default 50,500,1000,5000; quick 5,10)")
    ap.add_argument("--corpus-repeats", type=int, help="cleaning runs per corpus size (default 3; quick 1)")
    ap.add_argument("--hide-rfc3987-syntax", action="store_true",
                    help="measure as if rfc3987-syntax were not installed (it costs every process that "
                         "imports nbformat about 2 s)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="results folder (default bench/results)")
    args = ap.parse_args(argv)
    quick = args.quick
    args.only = args.only or ["reports", "sweep", "loop", "corpus", "draft"]
    args.repeats = args.repeats or (1 if quick else 5)
    args.sweep_size = args.sweep_size or (2 if quick else 20)
    args.sweep_repeats = args.sweep_repeats or (1 if quick else 3)
    args.corpus_repeats = args.corpus_repeats or (1 if quick else 3)
    args.sizes = [int(s) for s in (args.sizes or ("5,10" if quick else "50,500,1000,5000")).split(",")]
    if quick and not args.notebooks:
        args.notebooks = present_notebooks()[:1]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    results: dict = {"command": "bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                     "environment": environment()}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        if args.hide_rfc3987_syntax:
            hide_rfc3987_syntax(scratch)
            results["environment"]["rfc3987_syntax"] = "hidden (--hide-rfc3987-syntax)"
        # warm the file cache and byte-code once, so the first timed path does not pay for it
        run([PYTHON, "-c", "import pandas, matplotlib.pyplot, seaborn, papermill, nbconvert, helpers.reporting.runner"])
        if "reports" in args.only:
            results["reports"] = reports_bench(args, scratch, say)
        if "sweep" in args.only:
            results["sweep"] = sweep_bench(args, scratch, say)
        if "loop" in args.only:
            results["loop"] = loop_bench(args, scratch, say)
        if "corpus" in args.only:
            results["corpus"] = corpus_bench(args, scratch, say)
        if "draft" in args.only:
            import draft  # bench/draft.py: the drafted annotation against the hand annotation
            results["draft"] = {"markdown": draft.markdown(draft.measure())}
    results["environment"]["load_end"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    text = markdown(results)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix, content in ((".md", text), (".json", json.dumps(to_json(results), indent=2, default=str))):
        (args.out / f"bench-{stamp}{suffix}").write_text(content, encoding="utf-8")
        (args.out / f"latest{suffix}").write_text(content, encoding="utf-8")
    print(text)
    say(f"written: {args.out / f'bench-{stamp}.md'} and .json")
    failed = [p.label for key in ("reports", "sweep") if key in results for p in results[key]["paths"]
              if not p.good]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
