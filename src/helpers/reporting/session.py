"""One run of the report command: stage, execute, publish per component, record.

Every job writes into its own staging folder (``staging``); jobs downstream read a view of
this run's upstream outputs (plus, under ``--only``, copies of the published outputs of
the notebooks not run). When every job of a component (``plan.components``) has succeeded,
its data, its reports, their data downloads (``<reports>/data/<path below the data
folder>``) and the record of who published what are put in place together (``publish``);
if any job of a component fails, is skipped or cancelled, nothing of that component is
published and the previous outputs stay as they were, byte for byte. Independent
components publish independently. In a sweep, a job whose parameters and upstream are the
same in several sets runs once and is published into each of them."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from helpers.reporting import plan as planning, publish, record, staging
from helpers.reporting.plan import FOLDER_PARAMS, Job, Project, Target
from helpers.reporting.registry import SetupError, navigation, page_of
from helpers.reporting.scheduler import Execution, Host, Interrupted, prioritize, run_all


@dataclass
class Outcome:
    """How one job of one target ended."""

    target: Target
    job: Job
    execution: Execution
    published: bool = False
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.execution.status

    @property
    def report(self) -> Path:
        return self.target.reports_dir / f"{self.job.name}.html"


def _index_page(reports_dir: Path) -> str:
    """The reports index: the landing page of the project's catalog where one is published,
    else a list of the reports in the folder."""
    from helpers.reporting import render
    from helpers.reporting.registry import notebooks, page_of

    landing = page_of(notebooks(), "landing")
    if landing and (reports_dir / landing).is_file():
        return (reports_dir / landing).read_text(encoding="utf-8")
    return render.render_index(reports_dir)


def reindex(reports_dir: Path) -> None:
    publish.write_index(reports_dir, _index_page)


class Session:
    def __init__(self, project: Project, targets: list[tuple[Target, list[Job]]], *, engine: str,
                 with_code: bool, workers: int, timeout: float, out: TextIO, run_id: str, command: list[str]):
        self.project, self.targets, self.engine, self.with_code = project, targets, engine, with_code
        self.workers, self.timeout, self.out, self.run_id, self.command = workers, timeout, out, run_id, command
        self.seeds: dict[tuple[str, str], dict] = {}  # (target name, notebook) -> where its outputs came from
        self.outcomes: list[Outcome] = []
        self.published = 0
        self.status = "failed"

    # --- before anything runs ------------------------------------------------------------

    def roots(self) -> list[Path]:
        return sorted({p for t, _ in self.targets for p in (t.data_dir, t.reports_dir)})

    def seed(self) -> None:
        """Copy the published outputs of upstream notebooks not run (``--only``) into each view,
        from the target's data folder if it holds them, else from the project's; the jobs then
        show where they came from. Raises SetupError if neither has them."""
        for index, (target, jobs) in enumerate(self.targets):
            for notebook in planning.upstream_not_run(self.project, jobs):
                source, files = self._published(notebook, target)
                staging.copy_files(source, files, staging.view_dir(target.data_dir, self.run_id))
                where = planning.shown(source, target, self.project.root)
                self.seeds[(target.name, notebook)] = {
                    "from": where, "run": staging.read_manifest(source).get(notebook, {}).get("run")}
                if source != target.data_dir:
                    jobs = [_with(job, input_dir=where) if job.reads_upstream
                            and notebook in self.project.catalog[job.notebook].depends_on else job for job in jobs]
            self.targets[index] = (target, jobs)

    def _published(self, notebook: str, target: Target) -> tuple[Path, list[str]]:
        candidates = list(dict.fromkeys([target.data_dir, self.project.processed]))
        for folder in candidates:
            files = staging.published_files(folder, notebook)
            if files and all((folder / f).is_file() for f in files):  # not removed since (make clean)
                return folder, files
        for folder in candidates:  # published before run records existed: take the folder as it is
            if not staging.read_manifest(folder) and staging.files_under(folder):
                return folder, staging.files_under(folder)
        where = " or ".join(map(str, candidates))
        raise SetupError(f"reports of this run read the outputs of {notebook}, which this run does not execute "
                         f"and which are not published in {where}; add --only {notebook}, or run without --only")

    def executions(self) -> list[Execution]:
        """One execution per distinct (job, parameters, upstream) across targets."""
        by_key: dict[str, Execution] = {}
        for target, jobs in self.targets:
            ids: dict[str, str] = {}
            for job in jobs:
                values = {k: v for k, v in job.params.items() if k not in FOLDER_PARAMS}
                deps = [ids[d] for d in job.after]
                seeds = [self.seeds.get((target.name, d)) for d in self.project.catalog[job.notebook].depends_on]
                key = json.dumps([job.name, values, deps, seeds, job.params.get("input_dir")], sort_keys=True)
                if key not in by_key:
                    by_key[key] = self._execution(f"e{len(by_key) + 1}", target, job, set(deps))
                by_key[key].serves.append((target, job))
                ids[job.name] = by_key[key].id
        return list(by_key.values())

    def _execution(self, ident: str, target: Target, job: Job, after: set[str]) -> Execution:
        params = dict(job.params)
        declared = self.project.catalog[job.notebook].params
        if "output_dir" in declared:
            params["output_dir"] = str(staging.job_dir(target.data_dir, self.run_id, job.name))
        if job.reads_upstream:
            params["input_dir"] = str(staging.view_dir(target.data_dir, self.run_id))
        work = staging.run_dir(target.reports_dir, self.run_id) / "work" / ident
        pages = {"reader": str(self._page(target, job.name, ".html"))}
        if self.with_code:
            pages["code"] = str(self._page(target, job.name, ".code.html"))
        spec = {"id": ident, "notebook": job.notebook, "title": job.title, "params": params, "shown": job.params,
                "source": str(self.project.notebooks_dir / f"{job.notebook}.py"), "engine": self.engine,
                "cwd": str(self.project.root), "notebooks_dir": str(self.project.notebooks_dir),
                "subdir": job.subdir, "pages": pages, "timeout": self.timeout, "commit": self.commit,
                "input_digest": self.input_digest, "result": str(work / "result.json"),
                "nav": navigation(self.project.catalog), "register": page_of(self.project.catalog, "register"),
                "runtime": str(work / "tmp"),
                "log": str(work / "log.txt"), "failed": str(work / f"{job.name}.ipynb")}
        return Execution(ident, job.notebook, spec, [], after)

    def _page(self, target: Target, job: str, suffix: str) -> Path:
        return staging.run_dir(target.reports_dir, self.run_id) / "pages" / f"{job}{suffix}"

    # --- running ---------------------------------------------------------------------------

    def run(self, host: Host) -> list[Outcome]:
        """Execute on ``host`` and publish; on an interrupt, end everything, record it and re-raise."""
        self.commit = record.code_version(self.project.root)
        self.checksums = record.input_checksums()
        from helpers.sources import inputs

        self.input_digest = inputs.digest()
        self.started = record.now()
        execs = self.executions()
        prioritize(execs, self._expected_seconds())
        self.outcomes = [Outcome(t, j, e) for e in execs for t, j in e.serves]
        self.outcomes.sort(key=lambda o: [t.name for t, _ in self.targets].index(o.target.name))
        self.total, self.count = len(self.outcomes), 0
        try:
            run_all(execs, host, self.workers, self.timeout, self._started, self._done)
            self.status = "failed" if any(o.status != "ok" for o in self.outcomes) else "ok"
        except Interrupted as exc:
            self.status = f"interrupted ({exc})"
            raise
        finally:
            self._record()
            for root in self.roots():
                staging.remove(staging.run_dir(root, self.run_id))
        return self.outcomes

    def _expected_seconds(self) -> dict[str, float]:
        """How long each job took in the previous run (its record), to start long ones first."""
        try:
            jobs = json.loads((self.targets[0][0].reports_dir / "run.json").read_text(encoding="utf-8"))["jobs"]
        except (OSError, ValueError, KeyError):
            return {}
        return {j["name"]: j["seconds"] for j in jobs if j.get("status") == "ok"}

    def _started(self, e: Execution) -> None:
        Path(e.spec["result"]).parent.mkdir(parents=True, exist_ok=True)
        Path(e.spec["pages"]["reader"]).parent.mkdir(parents=True, exist_ok=True)
        if "output_dir" in self.project.catalog[e.notebook].params:
            Path(e.spec["params"]["output_dir"]).mkdir(parents=True, exist_ok=True)
        staging.view_dir(e.serves[0][0].data_dir, self.run_id).mkdir(parents=True, exist_ok=True)

    def _done(self, e: Execution) -> None:
        primary, first = e.serves[0]
        for target, job in e.serves:
            if e.status == "ok":
                if target is not primary:
                    if e.files:
                        staging.copy_files(Path(e.spec["params"]["output_dir"]), e.files,
                                           staging.job_dir(target.data_dir, self.run_id, job.name))
                    for flavour, page in e.spec["pages"].items():
                        copy = self._page(target, job.name, ".code.html" if flavour == "code" else ".html")
                        copy.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(page, copy)
                if e.files:
                    staging.copy_files(staging.job_dir(target.data_dir, self.run_id, job.name), e.files,
                                       staging.view_dir(target.data_dir, self.run_id) / job.subdir)
            elif e.kept and Path(e.kept).exists():
                kept = target.reports_dir / "failed" / f"{job.name}.ipynb"
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(e.kept, kept)
            self._say(target, job, e)
        plans = {t.name: jobs for t, jobs in self.targets}
        for target, job in e.serves:
            for component in planning.components(plans[target.name]):
                if job in component:
                    self._maybe_publish(target, component)

    def _say(self, target: Target, job: Job, e: Execution) -> None:
        self.count += 1
        name = f"{target.name}/{job.name}" if target.name else job.name
        label = "ok" if e.status == "ok" else e.status.upper()
        where = "" if e.status == "ok" else f": {e.detail}"
        print(f"[{self.count}/{self.total}] {label} {name} ({e.seconds:.1f}s){where}", file=self.out, flush=True)

    def _maybe_publish(self, target: Target, component: list[Job]) -> None:
        mine = [o for o in self.outcomes if o.target is target and o.job in component]
        if any(o.status in ("pending", "running") for o in mine) or any(o.published for o in mine):
            return
        if all(o.status == "ok" for o in mine):
            with publish.signals_deferred():  # the record of what was published must not be cut short
                self._publish(target, mine)

    def _publish(self, target: Target, outcomes: list[Outcome]) -> None:
        release = publish.Release(reindex={target.reports_dir}, roots={target.data_dir, target.reports_dir})
        rundir = staging.run_dir(target.reports_dir, self.run_id)
        downloads = target.reports_dir / "data"
        manifest = staging.read_manifest(target.data_dir)
        for o in outcomes:
            job, files = o.job, o.execution.files
            staged = staging.job_dir(target.data_dir, self.run_id, job.name)
            for rel in files:
                dest = (target.data_dir / job.subdir / rel)
                o.outputs[planning.shown(dest, target, self.project.root)] = record.sha256(staged / rel)
                release.moves.append((staged / rel, dest))
                if downloads.resolve() != target.data_dir.resolve():
                    copy = rundir / "downloads" / job.subdir / rel
                    staging.copy_files(staged, [rel], rundir / "downloads" / job.subdir)
                    release.moves.append((copy, downloads / job.subdir / rel))
            published = {f"{job.subdir}/{rel}".lstrip("/") for rel in files}
            for rel in sorted(set(manifest.get(job.name, {}).get("files", {})) - published):
                release.deletes += [target.data_dir / rel, downloads / rel]
            manifest[job.name] = {"run": self.run_id, "notebook": job.notebook,
                                  "files": {f"{job.subdir}/{rel}".lstrip("/"): record.sha256(staged / rel)
                                            for rel in files}}
            for suffix in (".html", ".code.html"):
                page = self._page(target, job.name, suffix)
                dest = target.reports_dir / f"{job.name}{suffix}"
                if page.exists():
                    o.outputs[planning.shown(dest, target, self.project.root)] = record.sha256(page)
                    release.moves.append((page, dest))
                else:  # a code version from an earlier run would no longer match
                    release.deletes.append(dest)
            release.deletes.append(target.reports_dir / "failed" / f"{job.name}.ipynb")
        new_manifest = staging.run_dir(target.data_dir, self.run_id) / staging.MANIFEST
        new_manifest.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        release.moves.append((new_manifest, target.data_dir / staging.RUNNER_DIR / staging.MANIFEST))
        self.published += 1
        publish.publish(release, self.run_id, self.published, reindex)
        failed_dir = target.reports_dir / "failed"
        if failed_dir.is_dir() and not any(failed_dir.iterdir()):
            failed_dir.rmdir()
        for o in outcomes:
            o.published = True
            name = f"{target.name}/{o.job.name}" if target.name else o.job.name
            print(f"[published] {name} -> {_shown(o.report)}", file=self.out, flush=True)

    # --- the record ------------------------------------------------------------------------

    def _record(self) -> None:
        ended = record.now()
        for target, jobs in self.targets:
            mine = [o for o in self.outcomes if o.target is target]
            record.write(target.reports_dir / "run.json", {
                "run": self.run_id, "command": self.command, "status": self.status, "engine": self.engine,
                "code_version": self.commit, "started": self.started, "ended": ended,
                "set": {"name": target.name, "params": dict(target.params)} if target.name else None,
                "data_dir": planning.shown(target.data_dir, target, self.project.root),
                "reports_dir": planning.shown(target.reports_dir, target, self.project.root),
                "inputs": {"digest": self.input_digest, "files": self.checksums},
                "upstream_not_run": {nb: s for (name, nb), s in self.seeds.items() if name == target.name},
                "jobs": [_job_record(o) for o in mine],
            })


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _with(job: Job, **params: Any) -> Job:
    from dataclasses import replace

    return replace(job, params={**job.params, **params})


def _job_record(o: Outcome) -> dict[str, Any]:
    e = o.execution
    entry = {"name": o.job.name, "notebook": o.job.notebook, "params": o.job.params, "after": list(o.job.after),
             "status": e.status, "published": o.published, "seconds": round(e.seconds, 3), "execute_seconds": round(e.execute_seconds, 3),
             "outputs": o.outputs}
    if e.detail:
        entry["detail"] = e.detail
    if len(e.serves) > 1:
        entry["shared_with"] = [t.name for t, _ in e.serves if t is not o.target]
    return entry
