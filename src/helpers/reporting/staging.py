"""A run's private folders inside each folder it publishes to.

Everything a run writes goes first to ``<folder>/.runner/<run id>/`` of the folder it is
meant for (same filesystem, so publishing is a rename). Each job writes its data into a
folder of its own there (``jobs/<job>``), so the runner knows which files are whose; the
jobs downstream read a ``view`` folder laid out like the published data folder, holding
the outputs of this run's upstream jobs and, for upstream notebooks not run this time,
copies of their published outputs. ``outputs.json`` in ``.runner/`` records which job
published which file in which run."""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
from pathlib import Path

from helpers.reporting.lock import RUNNER_DIR

MANIFEST = "outputs.json"


def new_run_id() -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{os.getpid()}-{secrets.token_hex(2)}"


def run_dir(root: Path, run_id: str) -> Path:
    return root / RUNNER_DIR / run_id


def job_dir(root: Path, run_id: str, job: str) -> Path:
    return run_dir(root, run_id) / "jobs" / job


def view_dir(root: Path, run_id: str) -> Path:
    return run_dir(root, run_id) / "view"


def files_under(folder: Path) -> list[str]:
    """Relative paths of the files below ``folder``, sorted; hidden names (the runner's own
    folder, temporary files of an interrupted write, .gitkeep) are not outputs."""
    if not folder.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath).relative_to(folder)
        found += [(base / f).as_posix() for f in filenames if not f.startswith(".")]
    return sorted(found)


def copy_files(src: Path, rels: list[str], dst: Path) -> None:
    """Copies (not links: a later in-place write must never reach the published file)."""
    for rel in rels:
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, dst / rel)


def read_manifest(root: Path) -> dict:
    try:
        return json.loads((root / RUNNER_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def published_files(root: Path, job: str) -> list[str] | None:
    """The files ``job`` last published into ``root`` (None if the record does not know it)."""
    entry = read_manifest(root).get(job)
    return sorted(entry["files"]) if entry else None


def leftover_runs(root: Path, keep: str) -> list[Path]:
    """Run folders of earlier runs in ``root``; with the lock held, their runs are dead."""
    folder = root / RUNNER_DIR
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name != keep) if folder.is_dir() else []


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
