"""The run record, ``run.json`` beside the reports: what ran, on which inputs, with which
code, how each job ended and what it published (with checksums), machine-readable."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.files import write_atomic
from helpers.sources import inputs

FORMAT = 1


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def code_version(root: Path = paths.ROOT) -> str:
    """Short commit of the code, '-dirty' if tracked files changed; 'unknown' outside git."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=7"], cwd=root,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "unknown"


def input_checksums() -> dict[str, str]:
    """SHA-256 of every input file (raw texts, figures, exclusions, rates, household sizes,
    supplementary costs, the checksum list), keyed by project-relative path."""
    out = {}
    for path in sorted(inputs.input_files()):
        name = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
        out[name] = sha256(path) if path.exists() else "missing"
    return out


def write(path: Path, record: dict[str, Any]) -> None:
    write_atomic(path, json.dumps({"format": FORMAT, **record}, indent=2, ensure_ascii=False) + "\n")


def command_line(argv: list[str] | None) -> list[str]:
    return [Path(sys.executable).name, "-m", "helpers", "reports", *(sys.argv[1:] if argv is None else argv)]
