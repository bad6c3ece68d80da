"""Fixture notebooks, their catalog and one shared pipeline run for the report tests.

The run is cached for the whole session so test_reports, test_html and test_browser
check the same reports without executing the notebooks three times."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from helpers.parameters import Rule
from helpers.reporting.registry import FanOut, Spec, register
from helpers.reporting.runner import Project, main

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
EVIL = ('<script>alert(1)</script> "quoted" & <img src=x onerror=alert(2)> '
        "$5 and $6 *bold* [link](javascript:alert(3)) http://evil.example/")
ITEMS = ("Alpha One", "Beta")
OLD_REPORT = "<!DOCTYPE html><title>old report</title><p>OLD REPORT</p>"

CATALOG = register(
    NOTEBOOKS,
    Spec("writes_data", rules=({"label": Rule(choices=("all", "small")), "items": Rule(choices=ITEMS),
                                "repeat": Rule(choices=range(1, 5))},),
         fan_out=FanOut("items", lambda: ITEMS)),
    Spec("quote"),
    Spec("fails"),
    Spec("after_fails", depends_on=("fails",)),
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
