"""What one worker does for one job: execute the notebook with papermill, then render its pages.

Both engines go through ``papermill.execute_notebook`` (parameters injected, metadata and
error cells as papermill writes them); ``inprocess`` runs the cells in this process
(:mod:`helpers.reporting.engine`), ``kernel`` in an IPython kernel. The executed notebook
then shows the parameters as published (the runner's staging folders are an implementation
detail), gets cell ids derived from notebook name and cell index, and is rendered. The
worker reports by writing a small JSON result; a failed notebook is kept for reading."""
from __future__ import annotations

import json
import logging
import os
import re
import signal
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import quote

from helpers.files import write_atomic
from helpers.reporting import render, staging
from helpers.reporting.registry import slug

KERNEL = "python3"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
ENGINES = {"inprocess": "inprocess", "kernel": "nbclient"}  # runner name -> papermill engine
# The kernel's own log (TCP transport warning, interrupt at shutdown) is noise in a batch run;
# cell errors still arrive through the notebook.
KERNEL_QUIET = ["--IPKernelApp.log_level=CRITICAL"]
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def load_notebook(path: Path):
    """A jupytext percent file as an in-memory notebook with the python3 kernelspec papermill needs."""
    import jupytext

    nb = jupytext.read(path, fmt="py:percent")
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def register_engine() -> None:
    """The entry point registers ``inprocess`` for installed copies; this covers a source tree."""
    from papermill.engines import papermill_engines

    from helpers.reporting.engine import InProcessEngine

    papermill_engines.register("inprocess", InProcessEngine)


def as_published(nb, notebook: str, shown: dict[str, Any]) -> None:
    """The injected parameters as the report header shows them, and stable cell ids, so that
    identical runs give identical pages."""
    from papermill.translators import translate_parameters

    for i, cell in enumerate(nb.cells):
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = translate_parameters(KERNEL, "python", shown, "Parameters")
        cell.id = f"{slug(notebook)}-{i}"[-64:]


def _on_timeout(seconds: float):
    def handler(signum, frame):
        raise TimeoutError(f"the report ran longer than {seconds:g} s (--timeout)")
    return handler


def _error(exc: BaseException) -> tuple[str, list[str]]:
    """One line naming the exception and cell, and the traceback as plain text lines."""
    import papermill

    if isinstance(exc, papermill.PapermillExecutionError):
        lines = "\n".join(_ANSI.sub("", line) for line in exc.traceback).splitlines()
        return f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})", lines
    lines = traceback.format_exception(exc)
    return f"{type(exc).__name__}: {exc}", "".join(lines).splitlines()


def run(spec: dict) -> dict:
    """Execute and render ``spec`` (see ``scheduler.Execution.spec``); the result as a dict."""
    try:
        return _run(spec)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _run(spec: dict) -> dict:
    import papermill

    logging.getLogger("papermill").setLevel(logging.ERROR)  # its unknown-parameter warning: ours are checked
    # a kernel's connection file and any temporary file go into the run folder, removed with it
    Path(spec["runtime"]).mkdir(parents=True, exist_ok=True)
    os.environ["JUPYTER_RUNTIME_DIR"] = os.environ["TMPDIR"] = tempfile.tempdir = spec["runtime"]
    if spec["timeout"]:
        signal.signal(signal.SIGALRM, _on_timeout(spec["timeout"]))
        signal.setitimer(signal.ITIMER_REAL, spec["timeout"])
    started = time.perf_counter()
    failed = Path(spec["failed"])
    failed.parent.mkdir(parents=True, exist_ok=True)
    try:
        extra = {"extra_arguments": KERNEL_QUIET} if spec["engine"] == "kernel" else {}
        executed = papermill.execute_notebook(
            load_notebook(Path(spec["source"])), str(failed), parameters=spec["params"],
            engine_name=ENGINES[spec["engine"]], kernel_name=KERNEL, cwd=spec["cwd"], progress_bar=False,
            request_save_on_cell_execute=False, **extra)
    except BaseException as exc:  # a cell error, a dead kernel, a timeout: this job fails, not the run
        detail, lines = _error(exc)
        if failed.exists():  # kept for reading: parameters as published, like the report would show
            import nbformat

            kept = nbformat.read(failed, as_version=4)
            as_published(kept, spec["notebook"], spec["shown"])
            nbformat.write(kept, failed)
        return {"status": "failed", "seconds": time.perf_counter() - started, "detail": detail,
                "traceback": lines[-20:], "kept": str(failed) if failed.exists() else ""}
    seconds = time.perf_counter() - started
    failed.unlink(missing_ok=True)
    as_published(executed, spec["notebook"], spec["shown"])
    files = staging.files_under(Path(spec["params"]["output_dir"])) if "output_dir" in spec["params"] else []
    prefix = "/".join(p for p in ("data", spec["subdir"]) if p)
    info = render.ReportInfo(title=spec["title"], notebook=spec["notebook"], params=spec["shown"],
                             generated=render.now(), commit=spec["commit"], input_digest=spec["input_digest"],
                             data_files=tuple(quote(f"{prefix}/{f}") for f in files),
                             nav=tuple(map(tuple, spec.get("nav", ()))), register=spec.get("register", ""))
    try:
        for flavour, path in spec["pages"].items():
            page = render.render_report(executed, info, with_code=flavour == "code",
                                        resources_path=Path(spec["notebooks_dir"]))
            write_atomic(Path(path), page)
    except Exception as exc:  # one unrenderable notebook must not stop the other reports
        import nbformat

        nbformat.write(executed, str(failed))
        detail, lines = _error(exc)
        return {"status": "failed", "seconds": seconds, "detail": f"rendering failed: {detail}",
                "traceback": lines[-20:], "kept": str(failed)}
    return {"status": "ok", "seconds": time.perf_counter() - started, "execute_seconds": seconds, "files": files}


def write_result(path: Path, result: dict) -> None:
    write_atomic(path, json.dumps(result))
