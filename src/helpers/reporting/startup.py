"""Start-up costs the runner does not pay, and processes that never outlive it.

``nbformat`` imports ``jsonschema``, whose format checker imports ``rfc3987-syntax`` when it
is installed (``jupyter-events`` pulls it in through ``jsonschema[format-nongpl]``); version
1.1.0 builds an Earley grammar at import time, about 1-2 s of CPU in every process that reads
or writes a notebook. Nothing here validates the ``iri`` format, so the runner's processes
mark the module as absent (a ``None`` entry in ``sys.modules`` is how Python spells "not
installed"; jsonschema then skips that one checker, as it does on machines without it).
This lives in code, so it survives a fresh install; no package is removed."""
from __future__ import annotations

import ctypes
import os
import signal
import sys

UNUSED_AT_IMPORT = ("rfc3987_syntax",)
_PR_SET_PDEATHSIG = 1


def skip_unused_imports() -> None:
    """Call before anything imports nbformat; a module already imported is left alone."""
    for name in UNUSED_AT_IMPORT:
        sys.modules.setdefault(name, None)


def die_with_parent(parent: int) -> None:
    """In a freshly forked or spawned child: be killed when ``parent`` dies, even by kill -9
    (Linux ``prctl(PR_SET_PDEATHSIG)``), and exit now if it is already gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)
