"""Fixture notebooks for the fault-injection tests, and the runner on them as a command.

``python tests/fault_fixtures.py ROOT ARGS...`` is the report command on these notebooks
with ROOT as project root (data in ROOT/data/processed, reports in ROOT/reports), so a test
can interrupt, kill or race real runs. Two components: upstream -> downstream (which can
fail after writing), and the independent sleeper (which can take its time)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import pandas as pd  # noqa: E402

from helpers.reporting.registry import Spec, register  # noqa: E402
from helpers.reporting.runner import Project, main  # noqa: E402

NOTEBOOKS = Path(__file__).parent / "fixtures" / "faults"


def down_headlines(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "down.csv", dtype=str)


CATALOG = register(NOTEBOOKS, Spec("upstream"),
                   Spec("downstream", depends_on=("upstream",), headlines=down_headlines), Spec("sleeper"))


def project(root: Path) -> Project:
    return Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=root, processed=root / "data" / "processed",
                   reports_dir=root / "reports")


if __name__ == "__main__":
    sys.exit(main(sys.argv[2:], project(Path(sys.argv[1]))))
