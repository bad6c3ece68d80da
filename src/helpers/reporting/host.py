"""The warm parent: ``python -m helpers.reporting.host``, started by the runner for one run.

It imports once what the notebooks import (pandas, matplotlib, seaborn, statsmodels, the
project's helpers), builds the IPython shell and the HTML exporters, then forks one worker
per job, so every report starts from the same clean, warm state in milliseconds instead of
a kernel start and its imports. It runs with PYTHONHASHSEED=0 (set by the runner), so set
and dict-of-str order, and with it every output, is the same in every run.

Protocol, JSON lines: the runner writes ``{"engine", "sources", "with_code"}`` then
``{"run": spec}`` per job on stdin; the host answers ``{"event": "ready"}``, then
``started`` (with the worker's pid) and ``exited`` (with its exit code) per job. Closing
stdin ends the host and its workers. Every worker is its own process group and dies with
the host, which dies with the runner (parent-death signal), so kill -9 of the runner leaves
no process behind; a kernel notices its worker is gone within a second and exits."""
from __future__ import annotations

import ast
import importlib
import json
import os
import select
import signal
import sys
import time
import traceback
from pathlib import Path

from helpers.reporting.startup import die_with_parent, skip_unused_imports


def top_level_imports(source: str) -> list[str]:
    """Modules a cell imports at top level (``from x import f``: x and x.f, one may be a module)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return found


def warm(engine: str, sources: list[str], with_code: bool) -> None:
    """Import what every worker would otherwise import again, and do once the work that the
    first use of a library does only once (template compilation, font and glyph caches)."""
    import nbformat

    from helpers.reporting import execute, render

    execute.register_engine()
    nbformat.validate(nbformat.v4.new_notebook())  # compiles the schema validator once
    for flavour in (False, True) if with_code else (False,):
        render.render_report(sample_notebook(), render.ReportInfo("warm-up", "warm-up", {"n": 1}, "", "", ""),
                             with_code=flavour)
    if engine == "inprocess":
        from helpers.reporting import shell as inprocess

        cells = [c.source for path in sources for c in execute.load_notebook(Path(path)).cells
                 if c.cell_type == "code"]
        for name in dict.fromkeys(m for source in cells for m in top_level_imports(source)):
            try:
                importlib.import_module(name)
            except Exception:  # "from x import function" names no module; a broken import fails in its cell
                pass
        inprocess.warm_up()
    else:
        import nbclient  # noqa: F401


def sample_notebook():
    """A small executed notebook with the kinds of output reports have: Markdown, a table, a chart."""
    import base64
    import io

    import nbformat
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 2))
    FigureCanvasAgg(figure)
    figure.subplots().barh(["a", "b"], [1, 2])
    png = io.BytesIO()
    figure.savefig(png, format="png", bbox_inches="tight")  # not through pyplot: no figure is left open
    v4 = nbformat.v4
    return v4.new_notebook(cells=[
        v4.new_markdown_cell("# Warm-up\n\n## Section\n\nSome *text* and `code`."),
        v4.new_code_cell("print(1)", outputs=[
            v4.new_output("stream", name="stdout", text="1\n"),
            v4.new_output("display_data", data={"text/html": "<table><tr><td>1</td></tr></table>",
                                                "text/markdown": "**1**", "text/plain": "1"}),
            v4.new_output("display_data", data={"image/png": base64.b64encode(png.getvalue()).decode(),
                                                "text/plain": "<Figure>"})])])


def worker(spec: dict, host: int) -> int:
    """In the forked child: run the job, write its result, never return to the host's loop."""
    from helpers.reporting import execute

    os.setpgid(0, 0)
    die_with_parent(host)
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    log = os.open(spec["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)  # the host's stdout is the runner's pipe; nothing here may write to it
    os.dup2(log, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    try:
        execute.write_result(Path(spec["result"]), execute.run(spec))
        return 0
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def say(event: dict) -> None:
    os.write(1, (json.dumps(event) + "\n").encode())


def main() -> int:
    die_with_parent(int(os.environ["HELPERS_RUNNER_PID"]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner decides what an interrupt stops
    skip_unused_imports()
    buffer = b""

    def lines():
        nonlocal buffer
        chunk = os.read(0, 65536)
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        return [json.loads(line) for line in complete if line.strip()], not chunk

    while b"\n" not in buffer:
        chunk = os.read(0, 65536)
        if not chunk:
            return 0
        buffer += chunk
    first, buffer = buffer.split(b"\n", 1)
    setup = json.loads(first)
    started = time.perf_counter()
    warm(setup["engine"], setup["sources"], setup["with_code"])
    say({"event": "ready", "seconds": time.perf_counter() - started})

    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    running: dict[int, str] = {}
    pending = [json.loads(line) for line in buffer.split(b"\n") if line.strip()]
    buffer = b""
    closed = False
    while not closed or running:
        for message in pending:
            spec, host = message["run"], os.getpid()
            pid = os.fork()
            if pid == 0:
                os.close(wake_r)
                os._exit(worker(spec, host))
            running[pid] = spec["id"]
            say({"event": "started", "id": spec["id"], "pid": pid})
        pending = []
        ready, _, _ = select.select([wake_r] + ([] if closed else [0]), [], [])
        if wake_r in ready:
            os.read(wake_r, 4096)
        if 0 in ready:
            pending, closed = lines()
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if not pid:
                break
            if pid in running:
                say({"event": "exited", "id": running.pop(pid), "code": os.waitstatus_to_exitcode(status)})
        if closed:
            for pid in running:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # tearing down the imported libraries takes ~0.4 s and frees nothing the system would not
