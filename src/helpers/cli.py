"""The project's command line: ``python -m helpers COMMAND [options]``.

Commands: ``reports`` (execute the notebooks and render the HTML reports), ``check``
(validate everything a run depends on), ``add-source`` (record a new document),
``coverage`` (list numeric tokens of the documents not yet accounted for) and ``draft``
(draft figures.csv rows for them).
``python -m helpers COMMAND --help`` describes each one."""
from __future__ import annotations

import sys
from collections.abc import Sequence

COMMANDS = {
    "reports": ("helpers.reporting.runner", "execute the notebooks and render reports/*.html"),
    "check": ("helpers.check", "check everything a run depends on; every problem with file, row and column"),
    "add-source": ("helpers.sources.add", "record a new source document (manifest row and checksum)"),
    "coverage": ("helpers.sources.coverage", "list numeric tokens not accounted for"),
    "draft": ("helpers.cleaning.drafting.command", "draft figures.csv rows for a document's unaccounted numbers"),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        width = max(map(len, COMMANDS))
        lines = [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
        print("usage: python -m helpers COMMAND [options]\n\ncommands:\n" + "\n".join(lines),
              file=sys.stdout if argv and argv[0] in ("-h", "--help") else sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    import importlib

    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])
