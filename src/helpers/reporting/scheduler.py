"""Running executions on the warm host: dependencies first, at most N at a time, with timeouts,
and an interrupt that ends every worker and kernel at once.

An *execution* is one notebook run; it serves one job, or in a sweep the same job of every
parameter set whose values (and upstream values) it shares. ``on_done`` is called in this
process, in completion order, for each execution that finished, failed or was skipped."""
from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.reporting.procs import kill_tree

GRACE = 15.0  # seconds past --timeout before a worker that ignores its own alarm is killed


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived; ``code`` is the exit status to end with (128 + signal)."""

    def __init__(self, signum: int):
        self.code = 128 + signum
        super().__init__(signal.Signals(signum).name)


@dataclass
class Execution:
    id: str
    notebook: str
    spec: dict[str, Any]
    serves: list[tuple[Any, Any]]  # (target, job)
    after: set[str] = field(default_factory=set)
    status: str = "pending"  # then running, ok, failed, skipped or cancelled
    seconds: float = 0.0  # in the worker: executing and rendering
    execute_seconds: float = 0.0
    detail: str = ""
    traceback: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    kept: str = ""
    pid: int = 0
    started: float = 0.0
    priority: float = 0.0  # the longest expected time from its start to the end of the run


class Host:
    """The warm parent process (``helpers.reporting.host``) and its JSON-lines pipe. Started
    as soon as the command line is read, so its imports overlap the runner's checks; it runs
    no notebook code until a job is sent."""

    def __init__(self, engine: str, sources: list[str], with_code: bool, run_id: str):
        env = {**os.environ, "HELPERS_RUNNER_PID": str(os.getpid()), "HELPERS_RUN": run_id, "PYTHONHASHSEED": "0"}
        env.setdefault("SOURCE_DATE_EPOCH", "0")  # matplotlib writes it into files instead of the time
        if engine == "inprocess":
            env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # what a kernel sets
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, "-m", "helpers.reporting.host"], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        self.buffer = b""
        self.ready = False
        self.send({"engine": engine, "sources": sources, "with_code": with_code})

    def wait_ready(self) -> None:
        while not self.ready:
            self.ready = any(ev["event"] == "ready" for ev in self.events(None))

    def send(self, message: dict) -> None:
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()

    def events(self, timeout: float | None) -> list[dict]:
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return []
        chunk = os.read(fd, 65536)
        if not chunk:
            self.log.seek(0)
            tail = self.log.read().decode(errors="replace").strip().splitlines()[-15:]
            raise RuntimeError("the runner's worker host ended unexpectedly:\n" + "\n".join(tail))
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [json.loads(line) for line in lines if line.strip()]

    def kill(self) -> None:
        """End the host and every worker and kernel below it (it keeps no state worth a goodbye)."""
        if self.proc.returncode is None:
            kill_tree(self.proc.pid)
            self.proc.wait()
        self.log.close()


def _raise_interrupt(signum, frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def on_interrupt_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted (not KeyboardInterrupt deep inside some library)."""
    previous = {s: signal.signal(s, _raise_interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def run_all(executions: list[Execution], host: Host, workers: int, timeout: float,
            on_start: Callable[[Execution], None], on_done: Callable[[Execution], None]) -> None:
    """Run every execution; on Interrupted (see ``on_interrupt_raise``), end all workers first."""
    by_id = {e.id: e for e in executions}
    try:
        host.wait_ready()
        order = sorted(executions, key=lambda e: -e.priority)  # longest remaining path first
        while True:
            for e in order:
                if e.status != "pending":
                    continue
                blocked = [d for d in sorted(e.after) if by_id[d].status in ("failed", "skipped")]
                running = sum(x.status == "running" for x in executions)
                if blocked:
                    e.status, e.detail = "skipped", f"needs {by_id[blocked[0]].notebook}, which did not finish"
                    on_done(e)
                elif running < workers and all(by_id[d].status == "ok" for d in e.after):
                    e.status, e.started = "running", time.monotonic()
                    on_start(e)
                    host.send({"run": e.spec})
            active = [e for e in executions if e.status == "running"]
            if not active:
                break
            deadline = min(e.started + timeout + GRACE for e in active) if timeout else None
            for event in host.events(max(0.0, deadline - time.monotonic()) if deadline else None):
                e = by_id[event["id"]]
                if event["event"] == "started":
                    e.pid = event["pid"]
                elif event["event"] == "exited":
                    _finish(e, event["code"])
                    on_done(e)
            for e in active:  # a worker stuck in C code past its own alarm
                if e.status == "running" and timeout and time.monotonic() > e.started + timeout + GRACE and e.pid:
                    kill_tree(e.pid)
    except Interrupted:
        for e in executions:
            if e.status == "running" and e.pid:
                kill_tree(e.pid)
        host.kill()
        for e in executions:
            if e.status in ("running", "pending"):
                e.status = "cancelled"
        raise


def prioritize(executions: list[Execution], expected: dict[str, float]) -> None:
    """Each execution's priority: its expected seconds (``expected`` by notebook job name, from
    the previous run record; 1 s when unknown) plus the longest chain of executions waiting on
    it, so the critical path starts first and long reports do not start last."""
    waiting: dict[str, list[Execution]] = {e.id: [] for e in executions}
    for e in executions:
        for dep in e.after:
            waiting[dep].append(e)
    memo: dict[str, float] = {}

    def path(e: Execution) -> float:
        if e.id not in memo:
            own = expected.get(e.serves[0][1].name, 1.0)
            memo[e.id] = own + max((path(d) for d in waiting[e.id]), default=0.0)
        return memo[e.id]

    for e in executions:
        e.priority = path(e)


def _finish(e: Execution, code: int) -> None:
    result_path = Path(e.spec["result"])
    e.seconds = time.monotonic() - e.started
    try:
        result = json.loads(result_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log = Path(e.spec["log"])
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:] if log.exists() else []
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        e.status, e.detail, e.traceback = "failed", f"the worker process died ({how})", tail
        return
    e.status, e.detail = result["status"], result.get("detail", "")
    e.seconds, e.files = result["seconds"], result.get("files", [])
    e.execute_seconds = result.get("execute_seconds", e.seconds)
    e.traceback, e.kept = result.get("traceback", []), result.get("kept", "")
