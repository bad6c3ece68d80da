"""One run at a time per output folder: an exclusive ``flock`` on ``<folder>/.runner/lock``.

The kernel releases the lock when its holder dies, even by kill -9, so a lock is never
stale. The holder writes who it is (pid, command, start) into the lock file, and a second
run names it in its refusal. Folders a run only reads published outputs from are locked
shared, so they are not republished while read. Locks are taken in path order, so two runs
sharing several folders cannot deadlock."""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

RUNNER_DIR = ".runner"


class LockBusy(RuntimeError):
    """Another live run holds one of the folders."""

    def __init__(self, folder: Path, holder: dict):
        self.folder, self.holder = folder, holder
        super().__init__(f"{folder} is being written by another run: {who(holder)}; wait for it to "
                         "finish, or pass --lock-timeout SECONDS to wait")


def who(holder: dict) -> str:
    text = f"pid {holder.get('pid', '?')}"
    if holder.get("command"):
        text += f" ({holder['command']}, started {holder.get('started', '?')})"
    return text


def _holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (OSError, ValueError):
        return {}


def _acquire(folder: Path, shared: bool, timeout: float, say: TextIO | None) -> int:
    (folder / RUNNER_DIR).mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / RUNNER_DIR / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    deadline, told = time.monotonic() + timeout, False
    while True:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise LockBusy(folder, holder) from None
            if say and not told:
                print(f"waiting for {folder}, held by {who(_holder(fd))}", file=say, flush=True)
                told = True
            time.sleep(0.1)
    if not shared:
        info = {"pid": os.getpid(), "command": " ".join(sys.argv) or "python",
                "started": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
    return fd


@contextlib.contextmanager
def locked(folders: list[Path], shared: list[Path] = (), timeout: float = 0.0,
           say: TextIO | None = None) -> Iterator[None]:
    """Hold an exclusive lock on every folder of ``folders`` and a shared one on ``shared``
    (those not also in ``folders``); raises LockBusy after ``timeout`` seconds."""
    wanted = {Path(f).resolve(): False for f in shared}
    wanted.update({Path(f).resolve(): True for f in folders})
    fds = []
    try:
        for folder in sorted(wanted):
            fds.append(_acquire(folder, not wanted[folder], timeout, say))
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing the descriptor releases the flock
