"""Fixture notebooks, their catalog and one shared pipeline run for the report tests.

The run is cached for the whole session so test_reports, test_html and test_browser
check the same reports without executing the notebooks three times."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from helpers.catalog import OUTPUT_DIR, FanOut, Notebook, Param, register
from helpers.reports import Project, main

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
EVIL = ('<script>alert(1)</script> "quoted" & <img src=x onerror=alert(2)> '
        "$5 and $6 *bold* [link](javascript:alert(3)) http://evil.example/")
ITEMS = ("Alpha One", "Beta")
OLD_REPORT = "<!DOCTYPE html><title>old report</title><p>OLD REPORT</p>"

CATALOG = register(
    Notebook("writes_data", params={
        "label": Param(str, "all", choices=("all", "small"), help="label written in every row"),
        "items": Param(list[str], [], choices=ITEMS, help="restrict to these items"),
        "repeat": Param(int, 2, choices=range(1, 5), help="rows per word"),
        "output_dir": OUTPUT_DIR,
    }, fan_out=FanOut("items", lambda: ITEMS)),
    Notebook("quote", params={"quote": Param(str, "no quote")}),
    Notebook("fails", params={}),
    Notebook("after_fails", params={}, depends_on=("fails",)),
)


def project(tmp: Path) -> Project:
    return Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=tmp, processed=tmp / "data" / "processed",
                   reports_dir=tmp / "reports")


@dataclass
class Run:
    project: Project
    code: int
    out: str


def run_pipeline(p: Project, *args: str) -> Run:
    out = io.StringIO()
    code = main(["--jobs", "2", *args], p, out=out)
    return Run(p, code, out.getvalue())


_cache: dict[str, Run] = {}


def shared_run(tmp_path_factory) -> Run:
    """All fixture notebooks, run once with the hostile quote, an old report for the
    failing notebook already in place, and --with-code."""
    if "run" not in _cache:
        p = project(tmp_path_factory.mktemp("pipeline"))
        p.reports_dir.mkdir(parents=True)
        (p.reports_dir / "fails.html").write_text(OLD_REPORT, encoding="utf-8")
        _cache["run"] = run_pipeline(p, "-p", f"quote={EVIL}", "--with-code")
    return _cache["run"]
