"""``python -m helpers reports``: execute the report notebooks and publish reports and data.

Everything that can be checked is checked before any notebook runs, and ends the command
with exit 2 and a message naming the file, line, notebook or parameter: damaged input
tables, parameter values, YAML files, notebooks, folders that cannot be written. Then the
output folders are locked (exit 75 if another run holds them), an interrupted earlier
publish is finished, and the run goes through ``session`` (staging, the warm engine,
publishing per component, ``run.json``). Exit 0 when every report was published, 1 when
some failed or were skipped, 130 on Ctrl-C (143 on SIGTERM) with one line per job."""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from helpers.parameters import ParameterError, describe_choices, type_name
from helpers.reporting.lock import RUNNER_DIR, LockBusy, locked
from helpers.reporting.plan import Job, Project, Target, plan, titles_of, upstream_not_run, wanted
from helpers.reporting.registry import Notebook, SetupError
from helpers.reporting.startup import skip_unused_imports

EXIT_INPUT, EXIT_BUSY = 2, 75
__all__ = ["Job", "Project", "list_params", "main", "plan"]


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers reports",
        description="Execute the notebooks in dependency order and publish reports/*.html and their data.",
        epilog="Parameters: -f file first, then -p in order; later values win. "
               "'-p name=value' sets it for every notebook declaring it, '-p notebook.name=value' for one. "
               "Exit status: 0 all published, 1 a report failed, 2 bad input, 75 folders busy, 130 interrupted.")
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
    parser.add_argument("--output-dir", type=Path, help="where data outputs go (default: data/processed); with "
                        "--sweep: where the outputs of upstream notebooks not run are read from")
    parser.add_argument("--engine", choices=("inprocess", "kernel"), default="inprocess",
                        help="inprocess (default): cells run in forked, pre-imported workers; "
                             "kernel: papermill with a Jupyter kernel per report")
    parser.add_argument("--timeout", type=float, default=900, metavar="SECONDS",
                        help="a report running longer fails (default 900; 0: no limit)")
    parser.add_argument("--lock-timeout", type=float, default=0, metavar="SECONDS",
                        help="wait this long for another run using the same folders (default: refuse at once)")
    parser.add_argument("--sweep", type=Path, metavar="FILE.yaml",
                        help="run every parameter set of FILE (a list of sets, or a grid) in one warm runner")
    parser.add_argument("--sweep-dir", type=Path, help="where the sweep goes (default: reports/sweeps/<FILE stem>)")
    parser.add_argument("--watch", action="store_true",
                        help="after the run, run again whenever an input, a notebook or the code changes")
    parser.add_argument("--list-params", action="store_true", help="show every notebook's parameters and exit")
    return parser.parse_args(argv)


def list_params(catalog: Mapping[str, Notebook], out: TextIO) -> None:
    for spec in catalog.values():
        print(spec.name + (f" (after {', '.join(spec.depends_on)})" if spec.depends_on else ""), file=out)
        for name, p in spec.params.items():
            choices = describe_choices(p.allowed())
            print(f"  {name}: {type_name(p.type)} = {p.default!r}  {p.help}"
                  + (f" [choices: {choices}]" if choices else ""), file=out)


def check_writable(folders: list[Path]) -> None:
    """Every folder the run writes exists (created if need be) and takes a new file, and so
    does every folder below it that a publish may write into (tried, not inferred from
    permission bits: root ignores those, an immutable or read-only folder does not)."""
    import tempfile

    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / RUNNER_DIR).mkdir(exist_ok=True)
        except OSError as exc:
            raise SetupError(f"{folder}: cannot write there ({exc.strerror or exc})") from None
        for sub, dirs, _ in os.walk(folder):
            dirs[:] = [d for d in dirs if d != RUNNER_DIR]
            try:
                tempfile.TemporaryFile(dir=sub).close()
            except OSError as exc:
                raise SetupError(f"{sub}: cannot write there ({exc.strerror or exc})") from None


def prepare(project: Project, args: argparse.Namespace, out: TextIO) -> list[tuple[Target, list[Job]]]:
    """The targets of the run and their validated jobs; raises ParameterError or SetupError."""
    from helpers.reporting import sweep
    from helpers.reporting.layers import load_file, parse_overrides, resolve

    base = [load_file(args.parameters_file)] if args.parameters_file else []
    overrides = parse_overrides(args.parameter)
    titles = titles_of(project, wanted(project, args.only))
    if not args.sweep:
        target = Target(args.output_dir.resolve() if args.output_dir else project.processed, project.reports_dir,
                        project.root)
        return [(target, plan(project, resolve([*base, overrides], project.catalog), titles, args.only, target))]
    folder = (args.sweep_dir or project.reports_dir / "sweeps" / args.sweep.stem).resolve()
    return [(target, plan(project, resolve([*base, overrides, layer], project.catalog), titles, args.only, target))
            for target, layer in sweep.targets(args.sweep, folder, project.catalog)]


def summarize(outcomes: list, out: TextIO, index: Path | None) -> int:
    """Print what happened; the exit code is 1 if any report failed or was skipped."""
    ok = sum(o.published for o in outcomes)
    print(f"\n{ok} of {len(outcomes)} reports written" + (f"; index: {_shown(index)}" if index else ""), file=out)
    code = 0
    for o in outcomes:
        name = f"{o.target.name}/{o.job.name}" if o.target.name else o.job.name
        if o.status != "ok":
            code = 1
            print(f"  {o.status.upper()}: {name}: {o.execution.detail}", file=out)
            if o.execution.kept:
                print(f"    executed notebook kept at {_shown(o.target.reports_dir / 'failed' / f'{o.job.name}.ipynb')}"
                      "; previous report and data left unchanged", file=out)
            for line in o.execution.traceback:
                print(f"    | {line}", file=out)
        elif not o.published:
            code = 1
            print(f"  NOT PUBLISHED: {name}: another report of its group failed; previous outputs left unchanged",
                  file=out)
    return code


def interrupted(outcomes: list, out: TextIO) -> None:
    print("\ninterrupted: unfinished reports were stopped and nothing of them was published", file=out)
    for o in outcomes:
        name = f"{o.target.name}/{o.job.name}" if o.target.name else o.job.name
        state = ("done, published" if o.published else "done, not published (its group was cancelled)"
                 if o.status == "ok" else o.status)
        print(f"  {state}: {name}", file=out)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None, project: Project | None = None, out: TextIO | None = None) -> int:
    from helpers.reporting.scheduler import Interrupted, on_interrupt_raise

    with on_interrupt_raise():
        try:
            return _main(argv, project, out or sys.stdout)
        except Interrupted as exc:
            print("interrupted while no report was running; nothing unfinished was published", file=out or sys.stdout)
            return exc.code


def _main(argv: Sequence[str] | None, project: Project | None, out: TextIO) -> int:
    skip_unused_imports()
    args = parse_args(argv)
    project = project or Project()
    if args.reports_dir:
        project = dataclasses.replace(project, reports_dir=args.reports_dir.resolve())
    if args.output_dir and args.sweep:  # a sweep publishes into its own folder; this is where it reads upstream
        project = dataclasses.replace(project, processed=args.output_dir.resolve())
    from helpers.reporting import staging
    from helpers.reporting.scheduler import Host
    from helpers.sources.inputs import check_tables
    from helpers.sources.tables import InputError

    host = None
    try:
        if not args.list_params:
            run_id = staging.new_run_id()
            sources = [str(project.notebooks_dir / f"{n}.py") for n in wanted(project, args.only)]
            host = Host(args.engine, sources, args.with_code, run_id)
        try:
            check_tables()
            if args.list_params:
                list_params(project.catalog, out)
                return 0
            targets = prepare(project, args, out)
            roots = sorted({p for t, _ in targets for p in (t.data_dir, t.reports_dir)})
            check_writable(roots + ([args_sweep_dir(targets)] if args.sweep else []))
        except (InputError, ParameterError, SetupError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INPUT
        argv = list(argv) if argv is not None else sys.argv[1:]
        code = execute(project, args, targets, roots, out, argv, host, run_id)
        while args.watch and code in (0, 1, EXIT_INPUT, EXIT_BUSY):
            host, project, code = again(project, args, out, argv, host)
        return code
    finally:
        if host:
            host.kill()


def again(project: Project, args, out: TextIO, argv: list[str], host):
    """One more run after a change (``--watch``), in the warm host unless the code changed."""
    from helpers.reporting import registry, staging, watch
    from helpers.reporting.scheduler import Host
    from helpers.sources.inputs import check_tables
    from helpers.sources.tables import InputError

    sources = [project.notebooks_dir / f"{n}.py" for n in wanted(project, args.only)]
    changed = watch.wait_for_change(watch.watched(sources), out)
    run_id = staging.new_run_id()
    if "code" in changed:
        host.kill()
        host = Host(args.engine, list(map(str, sources)), args.with_code, run_id)
    try:
        if "notebook" in changed and project.catalog is registry.notebooks():
            registry.notebooks.cache_clear()
            project = dataclasses.replace(project, catalog=registry.notebooks())
        check_tables()
        targets = prepare(project, args, out)
    except (InputError, ParameterError, SetupError) as exc:
        print(f"error: {exc}", file=out)
        return host, project, EXIT_INPUT
    roots = sorted({p for t, _ in targets for p in (t.data_dir, t.reports_dir)})
    return host, project, execute(project, args, targets, roots, out, argv, host, run_id)


def args_sweep_dir(targets: list[tuple[Target, list[Job]]]) -> Path:
    return targets[0][0].reports_dir.parent


def execute(project: Project, args, targets, roots: list[Path], out: TextIO, argv: list[str], host,
            run_id: str) -> int:
    from helpers.reporting import publish, record, session
    from helpers.reporting.scheduler import Interrupted

    reads = [project.processed] if any(upstream_not_run(project, jobs) for _, jobs in targets) \
        and project.processed.is_dir() else []
    exclusive = roots + ([args_sweep_dir(targets)] if args.sweep else [])
    run = session.Session(project, targets, engine=args.engine, with_code=args.with_code,
                          workers=max(1, args.jobs), timeout=args.timeout, out=out, run_id=run_id,
                          command=record.command_line(argv))
    try:
        with locked(exclusive, shared=reads, timeout=args.lock_timeout, say=out):
            publish.recover(exclusive, run_id, session.reindex, out)
            try:
                run.seed()
            except SetupError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_INPUT
            try:
                outcomes = run.run(host)
            except Interrupted as exc:
                interrupted(run.outcomes, out)
                return exc.code
            if args.sweep:
                from helpers.reporting import sweep

                sweep.write_overview(args_sweep_dir(targets), run.outcomes, project.catalog)
    except LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    index = None if args.sweep else project.reports_dir / "index.html"
    return summarize(outcomes, out, index)


if __name__ == "__main__":
    sys.exit(main())
