"""Prototype runner engine: notebooks executed by an in-process IPython shell in children
forked from one process that has imported the notebooks' libraries, rendered with the
project's own exporter. ``python bench/inprocess.py SPEC.json --workers N``.

No kernel, no ZeroMQ, no papermill: each report is a ``fork()`` of a warm parent, which
runs the cells with ``InteractiveShell.run_cell`` (the same IPython that runs them in a
kernel, inline matplotlib backend included), collects the outputs a kernel would have sent
(streams, display data, execute results, errors) into the notebook and writes the HTML with
``helpers.render``. The parent never runs notebook code, so every report starts from the
same clean state, as with a fresh kernel. A measurement aid for the proposal in the
benchmark notes, not a replacement for the runner: it handles what the project's notebooks
use (no widgets, no input(), no comms)."""
from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forked import preload, run_forked  # noqa: E402


def _encode(data: dict) -> dict:
    return {k: base64.b64encode(v).decode() if isinstance(v, bytes) else v for k, v in data.items()}


def execute(nb, params: dict, cwd: str):
    """Run the notebook's code cells in a fresh InteractiveShell; outputs go into ``nb``."""
    import nbformat
    from IPython.core.display_trap import DisplayTrap
    from IPython.core.displayhook import DisplayHook
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    from traitlets.config import Config

    os.chdir(cwd)
    config = Config()
    config.HistoryManager.enabled = False

    class Shell(InteractiveShell):  # like the kernel's shell: no GUI event loop to start
        def enable_gui(self, gui=None):
            pass

    shell = Shell.instance(config=config)
    results: list[tuple[dict, dict]] = []

    class Hook(DisplayHook):  # the execute_result of the cell, as a kernel would publish it
        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            results.append((format_dict, md_dict or {}))

    shell.displayhook = Hook(shell=shell, cache_size=shell.cache_size)
    shell.display_trap = DisplayTrap(hook=shell.displayhook)
    shell.enable_matplotlib("inline")

    cells = list(nb.cells)
    for i, cell in enumerate(cells):  # parameters injected as papermill does: a cell after the tagged one
        if "parameters" in cell.metadata.get("tags", []):
            injected = nbformat.v4.new_code_cell(
                "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items()),
                metadata={"tags": ["injected-parameters"]})
            cells.insert(i + 1, injected)
            break
    nb.cells = cells
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        results.clear()
        with capture_output(stdout=True, stderr=True, display=True) as cap:
            result = shell.run_cell(cell.source, store_history=True)
        outputs = []
        if cap.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=cap.stdout))
        if cap.stderr:
            outputs.append(nbformat.v4.new_output("stream", name="stderr", text=cap.stderr))
        for out in cap.outputs:
            outputs.append(nbformat.v4.new_output("display_data", data=_encode(out.data),
                                                  metadata=out.metadata or {}))
        for data, md in results:
            outputs.append(nbformat.v4.new_output("execute_result", data=_encode(data), metadata=md,
                                                  execution_count=count))
        cell.outputs, cell.execution_count = outputs, count
        if not result.success:
            err = result.error_in_exec or result.error_before_exec
            raise RuntimeError(f"cell {count}: {type(err).__name__}: {err}")
    return nb


def render_job(job: dict, notebooks: dict, reports_dir: Path, cwd: str) -> None:
    from helpers.reporting import render
    nb = execute(notebooks[job["notebook"]], job["params"], cwd)
    info = render.ReportInfo(title=job["title"], notebook=job["notebook"], params=job["params"],
                             generated=render.now(), commit="prototype", data_digest="prototype")
    (reports_dir / f"{job['name']}.html").write_text(render.render_report(nb, info), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("spec", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    spec = json.loads(args.spec.read_text())
    import jupytext

    from helpers.reporting import render
    notebooks = {name: jupytext.read(path, fmt="py:percent") for name, path in spec["notebooks"].items()}
    preload([c.source for nb in notebooks.values() for c in nb.cells if c.cell_type == "code"]
            + ["import IPython.core.interactiveshell\nimport matplotlib_inline.backend_inline"])
    render.exporter(False)  # built once, before forking: every child reuses it
    reports_dir = Path(spec["reports_dir"])
    reports_dir.mkdir(parents=True, exist_ok=True)
    failed = run_forked(spec["jobs"], args.workers,
                        lambda job: render_job(job, notebooks, reports_dir, spec["cwd"]))
    (reports_dir / "index.html").write_text(render.render_index(reports_dir), encoding="utf-8")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
