"""Prototype of "import once, fork per report": ``python bench/forked.py SPEC.json --workers N``.

Imports every module the scripts import at top level, then runs each script in a child
process forked from this one (at most N at a time, each after the scripts it depends on).
The children share the imported modules, so a report costs its own work only. This is not
a Jupyter path: it bounds what a runner whose workers or kernels are forked from a
pre-imported process could reach (see the notes in bench/README.md)."""
from __future__ import annotations

import argparse
import ast
import importlib
import json
import os
import sys
import traceback
from pathlib import Path


def top_level_modules(source: str) -> list[str]:
    out = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append(node.module)
            out += [f"{node.module}.{alias.name}" for alias in node.names]
    return out


def preload(sources: list[str]) -> None:
    for name in dict.fromkeys(m for s in sources for m in top_level_modules(s)):
        try:
            importlib.import_module(name)
        except ImportError:  # "from x import function" names no module; that is fine
            pass


def in_child(work) -> int:
    """Exit status of ``work()`` run in a forked child: 0, or 1 with the traceback printed."""
    try:
        work()
        return 0
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run_forked(jobs: list[dict], workers: int, work, seconds: dict | None = None) -> list[str]:
    """Run ``work(job)`` for each job in a child forked from this process, at most
    ``workers`` at a time, each after the jobs named in its ``after``; names of failed jobs.
    ``seconds`` receives each child's wall time (from fork to exit)."""
    import time
    done: dict[str, bool] = {}
    started: dict[str, float] = {}
    pending, running = list(jobs), {}
    while pending or running:
        for job in list(pending):
            if any(d in done and not done[d] for d in job["after"]):
                pending.remove(job)
                done[job["name"]] = False
            elif all(done.get(d) for d in job["after"]) and len(running) < workers:
                pending.remove(job)
                started[job["name"]] = time.perf_counter()
                pid = os.fork()
                if pid == 0:
                    os._exit(in_child(lambda: work(job)))
                running[pid] = job["name"]
        if not running:
            break
        pid, status = os.wait()
        name = running.pop(pid)
        done[name] = os.waitstatus_to_exitcode(status) == 0
        if seconds is not None:
            seconds[name] = time.perf_counter() - started[name]
    failed = [name for name, ok in done.items() if not ok]
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return failed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("spec", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--times", type=Path, help="write each job's time in its child (seconds) to this JSON file")
    args = ap.parse_args(argv)
    jobs = json.loads(args.spec.read_text())
    sources = {j["name"]: Path(j["script"]).read_text(encoding="utf-8") for j in jobs}
    preload(list(sources.values()))

    def run(job):
        path = Path(job["script"])
        exec(compile(sources[job["name"]], str(path), "exec"), {"__name__": "__main__", "__file__": str(path)})

    seconds: dict[str, float] = {}
    failed = run_forked(jobs, args.workers, run, seconds)
    if args.times:
        args.times.write_text(json.dumps(seconds))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
