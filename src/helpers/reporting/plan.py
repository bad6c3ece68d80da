"""Planning a run: which reports, with which parameters, after which others, published where.

Nothing here starts a kernel. A *target* is where one parameter set is published: a data
folder and a reports folder (a plain run has one target; a sweep one per set). Its *jobs*
are the registered notebooks, each with one extra job per fan-out value, in dependency
order; ``--only`` keeps some and treats the notebooks upstream of them as done (their
published outputs are read). Parameters are validated here and hold the folders as a
reader should see them (relative to the project, or to the set folder of a sweep); the
runner swaps in its staging folders only when it executes."""
from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.reporting.registry import Notebook, SetupError, check_params, notebooks, slug

FOLDER_PARAMS = ("output_dir", "input_dir")


@dataclass(frozen=True)
class Project:
    """Where things are; tests pass their own so they never touch the real folders."""

    catalog: Mapping[str, Notebook] = field(default_factory=notebooks)
    notebooks_dir: Path = paths.NOTEBOOKS
    root: Path = paths.ROOT
    processed: Path = paths.PROCESSED
    reports_dir: Path = paths.REPORTS


@dataclass(frozen=True)
class Target:
    """Where one parameter set is published; folders in report headers are shown relative to
    ``shown_from`` when inside it (else to the project root, else in full)."""

    data_dir: Path
    reports_dir: Path
    shown_from: Path
    name: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)  # a sweep set's own values


@dataclass(frozen=True)
class Job:
    """One report: a notebook with its parameters. ``after`` names the jobs that must succeed
    first; ``subdir`` is its data folder below the target's; ``reads_upstream`` says whether
    the runner provides its ``input_dir`` (declared and not set by the user)."""

    name: str
    notebook: str
    title: str
    params: dict[str, Any]
    after: tuple[str, ...] = ()
    subdir: str = ""
    reads_upstream: bool = False


def shown(folder: Path, target: Target, root: Path) -> str:
    """A folder as report headers show it: never a machine-specific path where avoidable."""
    for base in (target.shown_from, root):
        if folder.is_relative_to(base):
            return str(folder.relative_to(base)) if folder != base else "."
    return str(folder)


def plan(project: Project, resolved: Mapping[str, dict], titles: Mapping[str, str],
         only: Sequence[str] = (), target: Target | None = None) -> list[Job]:
    """Jobs in dependency order, with one extra job per fan-out value; ``only`` keeps the named
    notebooks or reports and treats everything upstream as already done."""
    target = target or Target(project.processed, project.reports_dir, project.root)
    base = shown(target.data_dir, target, project.root)
    jobs: list[Job] = []
    for spec in project.catalog.values():
        given = resolved[spec.name]
        if given.get("output_dir"):
            raise SetupError(f"{spec.name}: set the data folder with --output-dir, not output_dir: a run "
                             "publishes all its data into one folder")
        params = dict(given)
        reads = "input_dir" in spec.params and not given.get("input_dir")
        for name in FOLDER_PARAMS:  # the runner always says where to write and read
            if name in spec.params and not params[name]:
                params[name] = base
        title = spec.title or titles.get(spec.name) or spec.name
        if not (spec.fan_out and spec.fan_out.pages_only):
            jobs.append(Job(spec.name, spec.name, title, params, spec.depends_on, "", reads))
        if spec.fan_out:
            fan = spec.fan_out
            is_list = typing.get_origin(spec.params[fan.param].type) is list
            for value in fan.values():
                subdir = f"{fan.subdir}/{slug(value)}"
                varied = {**params, fan.param: [value] if is_list else value}
                if "output_dir" in spec.params:
                    varied["output_dir"] = str(Path(base) / subdir)
                jobs.append(Job(f"{spec.name}--{slug(value)}", spec.name, f"{title} — {value}",
                                check_params(spec.name, varied, project.catalog), spec.depends_on,
                                subdir, reads))
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


def upstream_not_run(project: Project, jobs: list[Job]) -> list[str]:
    """Notebooks some job reads from that this run does not execute (``--only``)."""
    run = {job.name for job in jobs}
    return sorted({dep for job in jobs if job.reads_upstream
                   for dep in project.catalog[job.notebook].depends_on if dep not in run})


def components(jobs: list[Job]) -> list[list[Job]]:
    """Jobs linked by dependencies (either way), each group in plan order: what is published
    together or not at all."""
    parent = {job.name: job.name for job in jobs}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for job in jobs:
        for dep in job.after:
            parent[find(job.name)] = find(dep)
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(find(job.name), []).append(job)
    return list(groups.values())


def titles_of(project: Project, names: Sequence[str]) -> dict[str, str]:
    """The '# Title' of each notebook (the first markdown heading), read without executing."""
    from helpers.reporting.execute import load_notebook
    from helpers.reporting.render import notebook_title

    out = {}
    for name in names:
        path = project.notebooks_dir / f"{name}.py"
        if not path.exists():
            raise SetupError(f"notebook file not found: {path}")
        out[name] = notebook_title(load_notebook(path))
    return out


def wanted(project: Project, only: Sequence[str]) -> list[str]:
    """The notebooks ``only`` asks for (all when empty)."""
    return [name for name in project.catalog
            if not only or any(o == name or o.startswith(f"{name}--") for o in only)]
