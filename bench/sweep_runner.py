"""One runner process for a whole parameter sweep, through the runner's Python API:
``python bench/sweep_runner.py SPEC.json`` (written by bench/run.py).

What a sweep option of ``python -m helpers reports`` (one orchestrator, one process pool,
one reused HTML exporter for all N parameter sets) would cost, measured without changing
the runner: the jobs are the runner's own ``Job`` objects, run by its ``Runner``."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from helpers.files import write_atomic
from helpers.reporting import render
from helpers.reporting import runner as reports


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text())
    project = reports.Project(reports_dir=Path(spec["reports_dir"]))
    notebook = spec["notebook"]
    nb = reports.load_notebook(project.notebooks_dir / f"{notebook}.py")
    title = render.notebook_title(nb) or notebook
    jobs = [reports.Job(j["name"], notebook, title, j["params"], ()) for j in spec["jobs"]]
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    outcomes = reports.Runner(project, {notebook: nb}, with_code=False, out=sys.stderr).run(
        jobs, workers=max(1, min(workers, len(jobs))))
    write_atomic(project.reports_dir / "index.html", render.render_index(project.reports_dir))
    failed = [o for o in outcomes if o.status != "ok"]
    for o in failed:
        print(f"{o.status}: {o.job.name}: {o.detail}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
