"""Execute the report notebooks and render them to HTML: ``python -m helpers reports``.

One orchestrating process. Everything is validated before any kernel starts
(exit 2); the jupytext files are converted in memory; independent notebooks run
in parallel in a process pool, each after the notebooks it depends on; reports
are rendered in this process with one reused exporter and replace the previous
report only once complete. A failed notebook is kept in reports/failed/, its old
report is left as it was, and the run ends with exit 1 and a summary."""
from __future__ import annotations

import argparse
import dataclasses
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import typing
from collections.abc import Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import jupytext
import papermill
import yaml

from helpers import paths
from helpers.files import write_atomic
from helpers.parameters import ParameterError, describe_choices, type_name
from helpers.reporting import render
from helpers.reporting.layers import Layer, load_file, parse_overrides, resolve
from helpers.reporting.registry import (
    Notebook,
    SetupError,
    check_params,
    notebooks,
    slug,
)

KERNEL = "python3"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
# The kernel's own log (TCP transport warning, interrupt at shutdown) is noise in a batch run;
# cell errors still arrive through the notebook.
KERNEL_QUIET = ["--IPKernelApp.log_level=CRITICAL"]


@dataclass(frozen=True)
class Project:
    """Where things are; tests pass their own so they never touch the real folders."""

    catalog: Mapping[str, Notebook] = field(default_factory=notebooks)
    notebooks_dir: Path = paths.NOTEBOOKS
    root: Path = paths.ROOT
    processed: Path = paths.PROCESSED
    reports_dir: Path = paths.REPORTS


@dataclass(frozen=True)
class Job:
    """One report: a notebook with its parameters. ``after`` names the jobs that must succeed first."""

    name: str
    notebook: str
    title: str
    params: dict[str, Any]
    after: tuple[str, ...] = ()


@dataclass
class Outcome:
    job: Job
    status: str  # "ok", "failed" or "skipped"
    seconds: float = 0.0
    detail: str = ""
    report: Path | None = None


# --- preparation: nothing here starts a kernel --------------------------------------------


def load_notebook(path: Path):
    """A jupytext percent file as an in-memory notebook with the python3 kernelspec papermill needs."""
    if not path.exists():
        raise SetupError(f"notebook file not found: {path}")
    nb = jupytext.read(path, fmt="py:percent")
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def _from_root(project: Project, folder: Path) -> Path:
    """``folder`` relative to the project root where it lies inside it: kernels run in the
    root, and report headers then show no machine-specific path."""
    return folder.relative_to(project.root) if folder.is_relative_to(project.root) else folder


def plan(project: Project, resolved: Mapping[str, dict], titles: Mapping[str, str],
         only: Sequence[str] = ()) -> list[Job]:
    """Jobs in dependency order, with one extra job per fan-out value; ``only`` keeps the named
    notebooks or reports and treats everything upstream as already done."""
    jobs: list[Job] = []
    for spec in project.catalog.values():
        params = dict(resolved[spec.name])
        title = spec.title or titles.get(spec.name) or spec.name
        base = _from_root(project, Path(params.get("output_dir") or project.processed))
        # the runner always says where to write and read: a notebook's own defaults are for direct runs
        for name in ("output_dir", "input_dir"):
            if name in spec.params and not params[name]:
                params[name] = str(base)
        if not (spec.fan_out and spec.fan_out.pages_only):
            jobs.append(Job(spec.name, spec.name, title, params, spec.depends_on))
        if spec.fan_out:
            fan = spec.fan_out
            is_list = typing.get_origin(spec.params[fan.param].type) is list
            for value in fan.values():
                varied = {**params, fan.param: [value] if is_list else value}
                if "output_dir" in spec.params:
                    varied["output_dir"] = str(base / fan.subdir / slug(value))
                if "input_dir" in spec.params and not resolved[spec.name].get("input_dir"):
                    varied["input_dir"] = str(base)
                jobs.append(Job(f"{spec.name}--{slug(value)}", spec.name, f"{title} — {value}",
                                check_params(spec.name, varied, project.catalog), spec.depends_on))
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        clashes = sorted({n for n in names if names.count(n) > 1})
        raise SetupError(f"two reports would have the same file name: {', '.join(clashes)}")
    if only:
        unknown = [n for n in only if n not in names and n not in project.catalog]
        if unknown:
            raise SetupError(f"--only {', '.join(unknown)}: no such notebook or report; "
                             f"valid choices: {', '.join(names)}")
        jobs = [job for job in jobs if job.name in only or job.notebook in only]
        kept = {job.name for job in jobs}
        jobs = [dataclasses.replace(job, after=tuple(d for d in job.after if d in kept)) for job in jobs]
    return jobs


def prepare(project: Project, layers: list[Layer], only: Sequence[str] = ()) -> tuple[list[Job], dict]:
    """Validated jobs and the in-memory notebooks they run; raises ParameterError or SetupError."""
    resolved = resolve(layers, project.catalog)
    wanted = {name for name in project.catalog
              if not only or any(o == name or o.startswith(f"{name}--") for o in only)}
    loaded = {name: load_notebook(project.notebooks_dir / f"{name}.py") for name in wanted}
    titles = {name: render.notebook_title(nb) for name, nb in loaded.items()}
    return plan(project, resolved, titles, only), loaded


# --- execution: worker processes ---------------------------------------------------------


def _init_worker() -> None:
    """Kernels inherit this environment: fixed hash seed (set/dict-of-str order) and file
    dates, so a rerun writes the same bytes."""
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    # papermill warns about any parameter line its parser cannot read; ours are checked with ast
    logging.getLogger("papermill").setLevel(logging.ERROR)


def _execute(nb, params: dict, cwd: str, output_path: str):
    """Run one notebook; returns (executed notebook or None, error text, seconds)."""
    started = time.perf_counter()
    try:
        executed = papermill.execute_notebook(nb, output_path, parameters=params, kernel_name=KERNEL,
                                              cwd=cwd, progress_bar=False, log_output=False,
                                              extra_arguments=KERNEL_QUIET)
    except papermill.PapermillExecutionError as exc:
        executed, error = None, f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
    except Exception as exc:  # a dead kernel or a timeout must fail this report, not the run
        executed, error = None, f"{type(exc).__name__}: {exc}"
    else:
        error = ""
    return executed, error, time.perf_counter() - started


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork: workers share the modules already imported here (papermill, nbformat) instead of re-importing them
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_init_worker)


# --- orchestration -------------------------------------------------------------------------


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Runner:
    """Schedules jobs on the pool, renders finished ones, reports progress on ``out``."""

    def __init__(self, project: Project, notebooks: Mapping, *, with_code: bool, out: TextIO):
        self.project, self.notebooks, self.with_code, self.out = project, notebooks, with_code, out
        self.failed_dir = project.reports_dir / "failed"
        self.commit, self.data_digest = render.git_commit(project.root), render.data_digest()

    def run(self, jobs: list[Job], workers: int) -> list[Outcome]:
        outcomes: dict[str, Outcome] = {}
        pending, running = list(jobs), {}
        self.total, self.count = len(jobs), 0
        with tempfile.TemporaryDirectory(prefix="reports-") as scratch, _pool(workers) as pool:
            while pending or running:
                for job in list(pending):
                    blocked = [d for d in job.after if d in outcomes and outcomes[d].status != "ok"]
                    if blocked:
                        pending.remove(job)
                        skipped = Outcome(job, "skipped", detail=f"needs {blocked[0]}, which did not finish")
                        outcomes[job.name] = self._done(skipped)
                    elif all(outcomes.get(d) and outcomes[d].status == "ok" for d in job.after):
                        pending.remove(job)
                        output = str(Path(scratch) / f"{job.name}.ipynb")
                        future = pool.submit(_execute, self.notebooks[job.notebook], job.params,
                                             str(self.project.root), output)
                        running[future] = (job, output)
                        print(f"[queued] {job.name}", file=self.out, flush=True)
                if running:
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        outcome = self._collect(future, *running.pop(future))
                        outcomes[outcome.job.name] = self._done(outcome)
        return [outcomes[job.name] for job in jobs]

    def _collect(self, future: Future, job: Job, output: str) -> Outcome:
        executed, error, seconds = future.result()
        kept = self.failed_dir / f"{job.name}.ipynb"
        if executed is None:
            if Path(output).exists():
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(output, kept)
                error += f"; executed notebook kept at {_shown(kept)}"
            return Outcome(job, "failed", seconds, error + "; previous report left unchanged")
        info = render.ReportInfo(title=job.title, notebook=job.notebook, params=job.params,
                                 generated=render.now(), commit=self.commit, data_digest=self.data_digest)
        report = self.project.reports_dir / f"{job.name}.html"
        try:
            pages = {report: render.render_report(executed, info, resources_path=self.project.notebooks_dir)}
            if self.with_code:
                pages[report.with_name(f"{job.name}.code.html")] = render.render_report(
                    executed, info, with_code=True, resources_path=self.project.notebooks_dir)
        except Exception as exc:  # one unrenderable notebook must not stop the other reports
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(output, kept)
            return Outcome(job, "failed", seconds, f"rendering failed: {type(exc).__name__}: {exc}; "
                           f"executed notebook kept at {_shown(kept)}; previous report left unchanged")
        for path, page in pages.items():
            write_atomic(path, page)
        if not self.with_code:  # a code version from an earlier run would no longer match
            report.with_name(f"{job.name}.code.html").unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        if self.failed_dir.exists() and not any(self.failed_dir.iterdir()):
            self.failed_dir.rmdir()
        return Outcome(job, "ok", seconds, report=report)

    def _done(self, outcome: Outcome) -> Outcome:
        self.count += 1
        where = f"-> {_shown(outcome.report)}" if outcome.report else outcome.detail
        label = outcome.status.upper() if outcome.status != "ok" else "ok"
        print(f"[{self.count}/{self.total}] {label} {outcome.job.name} ({outcome.seconds:.1f}s) {where}",
              file=self.out, flush=True)
        return outcome


def summarize(outcomes: list[Outcome], index: Path, out: TextIO) -> int:
    """Print what happened; the exit code is 1 if any report failed or was skipped."""
    ok = sum(o.status == "ok" for o in outcomes)
    problems = [o for o in outcomes if o.status != "ok"]
    print(f"\n{ok} of {len(outcomes)} reports written; index: {_shown(index)}", file=out)
    for o in problems:
        print(f"  {o.status.upper()}: {o.job.name}: {o.detail}", file=out)
    return 1 if problems else 0


# --- command line --------------------------------------------------------------------------


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers reports",
        description="Execute the notebooks in dependency order and render reports/*.html.",
        epilog="Parameters: -f file first, then -p in order; later values win. "
               "'-p name=value' sets it for every notebook declaring it, '-p notebook.name=value' for one.")
    parser.add_argument("-f", "--parameters-file", help="YAML file: name: value, or notebook: {name: value}")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                        help="set a parameter (repeatable); NOTEBOOK.NAME=VALUE for one notebook")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this notebook or report (repeatable); upstream outputs are reused")
    parser.add_argument("--with-code", action="store_true",
                        help="also write NAME.code.html showing the code, for researchers")
    parser.add_argument("--jobs", type=int, default=available_cores(),
                        help="notebooks run in parallel (default: available cores)")
    parser.add_argument("--reports-dir", type=Path, help="where HTML reports go (default: reports/)")
    parser.add_argument("--output-dir", type=Path, help="data outputs (sets output_dir; default: data/processed)")
    parser.add_argument("--list-params", action="store_true", help="show every notebook's parameters and exit")
    return parser.parse_args(argv)


def list_params(catalog: Mapping[str, Notebook], out: TextIO) -> None:
    for spec in catalog.values():
        print(spec.name + (f" (after {', '.join(spec.depends_on)})" if spec.depends_on else ""), file=out)
        for name, p in spec.params.items():
            choices = describe_choices(p.allowed())
            print(f"  {name}: {type_name(p.type)} = {p.default!r}  {p.help}"
                  + (f" [choices: {choices}]" if choices else ""), file=out)


def main(argv: Sequence[str] | None = None, project: Project | None = None, out: TextIO | None = None) -> int:
    args = parse_args(argv)
    out = out or sys.stdout
    project = project or Project()
    if args.reports_dir:
        project = dataclasses.replace(project, reports_dir=args.reports_dir.resolve())
    if args.list_params:
        list_params(project.catalog, out)
        return 0
    try:
        layers = [load_file(args.parameters_file)] if args.parameters_file else []
        if args.output_dir:
            layers.append(Layer("--output-dir", common={"output_dir": str(args.output_dir.resolve())}))
        layers.append(parse_overrides(args.parameter))
        jobs, loaded = prepare(project, layers, args.only)
    except (ParameterError, SetupError, OSError, yaml.YAMLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    runner = Runner(project, loaded, with_code=args.with_code, out=out)
    outcomes = runner.run(jobs, workers=max(1, min(args.jobs, len(jobs))))
    index = project.reports_dir / "index.html"
    write_atomic(index, render.render_index(project.reports_dir))
    return summarize(outcomes, index, out)


if __name__ == "__main__":
    sys.exit(main())
