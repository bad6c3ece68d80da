"""Publishing a finished part of a run: renames listed in a journal, then applied in order.

A component (jobs linked by dependencies, see ``plan.components``) is published only when
every job in it succeeded, so a report and the data it was computed from always come from
the same run. Its staged files are renamed into place one by one; before the first rename
the full list is written, synced, as ``journal-<n>.json`` into the run folder of every
folder involved. A run killed between two renames leaves that journal behind, and the next
run on any of those folders replays it (a rename whose source is gone was done already),
so the publish is rolled forward, never left half done. Before its journal exists, a
publish has changed nothing: a dead run's folder without a journal is simply removed."""
from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from helpers.files import write_atomic
from helpers.reporting import staging
from helpers.reporting.lock import RUNNER_DIR, locked


@dataclass
class Release:
    """The operations of one publish: (staged file, published path) renames, then deletions
    of files the jobs no longer write; ``reindex`` are report folders whose index must follow."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)
    deletes: list[Path] = field(default_factory=list)
    reindex: set[Path] = field(default_factory=set)
    roots: set[Path] = field(default_factory=set)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (a publish takes milliseconds), then
    take effect as usual."""
    caught: list[int] = []
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for s in dict.fromkeys(caught):
            os.kill(os.getpid(), s)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_journal(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def apply(ops: list[list[str]]) -> None:
    """Replay a journal's operations; safe to repeat."""
    for op, *args in ops:
        if op == "move":
            src, dst = map(Path, args)
            if src.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
        elif op == "delete":
            Path(args[0]).unlink(missing_ok=True)


def publish(release: Release, run_id: str, number: int, reindex: Callable[[Path], None]) -> None:
    """Put a release in place, atomically as a whole with respect to crashes and signals."""
    data = {"run": run_id, "roots": sorted(map(str, release.roots)),
            "ops": [["move", str(s), str(d)] for s, d in release.moves]
                   + [["delete", str(p)] for p in release.deletes],
            "reindex": sorted(map(str, release.reindex))}
    journals = [staging.run_dir(root, run_id) / f"journal-{number}.json" for root in sorted(release.roots)]
    with signals_deferred():
        for journal in journals:
            journal.parent.mkdir(parents=True, exist_ok=True)
            _write_journal(journal, data)
        apply(data["ops"])
        for folder in release.reindex:
            reindex(folder)
        for journal in journals:
            journal.unlink(missing_ok=True)


def recover(roots: list[Path], run_id: str, reindex: Callable[[Path], None], say: TextIO) -> None:
    """With ``roots`` locked: roll forward the journals of dead runs, then remove their folders.
    A journal naming other folders too locks those first (waiting for a run holding them)."""
    held = {r.resolve() for r in roots}
    for root in roots:
        for journal in sorted((root / RUNNER_DIR).glob("*/journal-*.json")):
            if journal.parent.name == run_id:
                continue
            try:
                data = json.loads(journal.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # removed meanwhile, or never finished writing: then nothing was applied
            others = [Path(r) for r in data["roots"] if Path(r).resolve() not in held]
            with locked(others, timeout=24 * 3600, say=say):
                if journal.exists():
                    apply(data["ops"])
                    for folder in data["reindex"]:
                        reindex(Path(folder))
                    for r in data["roots"]:
                        (staging.run_dir(Path(r), data["run"]) / journal.name).unlink(missing_ok=True)
                    print(f"finished publishing interrupted run {data['run']} (from {journal})", file=say)
        for dead in staging.leftover_runs(root, keep=run_id):
            staging.remove(dead)


def write_index(reports_dir: Path, page: Callable[[Path], str]) -> None:
    write_atomic(reports_dir / "index.html", page(reports_dir))
