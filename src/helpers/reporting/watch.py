"""``--watch``: the researcher's loop. After a run, wait for a change to an input file, a
notebook or the project's code, and run again in the same warm runner, so rerendering a
report costs about its analysis instead of a cold start (the imports stay loaded). A change
to the code restarts the warm host, whose imported modules would otherwise be stale; a
change to a notebook reloads the registry, whose parameters come from the notebooks."""
from __future__ import annotations

import time
from pathlib import Path

import helpers
from helpers.sources import inputs

POLL = 0.2  # seconds between looks; a change is acted on once nothing changed for one more look


def watched(notebook_files: list[Path]) -> dict[Path, str]:
    """Every file whose change calls for a new run, with its kind: input, notebook or code."""
    files = {path: "input" for path in inputs.input_files()}
    files.update({path: "notebook" for path in notebook_files})
    package = Path(helpers.__file__).parent
    files.update({path: "code" for path in [*package.rglob("*.py"), *package.rglob("*.j2"), *package.rglob("*.css")]})
    return files


def _state(files: dict[Path, str]) -> dict[Path, tuple[int, int] | None]:
    out = {}
    for path in files:
        try:
            st = path.stat()
            out[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[path] = None
    return out


def wait_for_change(files: dict[Path, str], out) -> set[str]:
    """Block until some watched file changes (and then stays still for a moment); the kinds changed."""
    before = _state(files)
    print("watching for changes (Ctrl-C to stop)", file=out, flush=True)
    while True:
        time.sleep(POLL)
        now = _state(files)
        if now != before:
            while True:  # an editor saving several files, a copy in progress
                time.sleep(POLL)
                settled = _state(files)
                if settled == now:
                    break
                now = settled
            changed = [p for p in files if now[p] != before[p]]
            print(f"changed: {', '.join(p.name for p in changed[:5])}{' …' if len(changed) > 5 else ''}; "
                  "running again", file=out, flush=True)
            return {files[p] for p in changed}
