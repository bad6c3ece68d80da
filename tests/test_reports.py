"""The runner end to end on fixture notebooks (and on the project's notebooks, when written)."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from report_fixtures import OLD_REPORT, project, run_pipeline, shared_run

from helpers.reporting import registry
from helpers.reporting.runner import Project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return shared_run(tmp_path_factory)


def snapshot(folder: Path) -> dict[str, bytes]:
    """The published files of a folder (the runner's own .runner/ bookkeeping left out)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".runner" not in p.relative_to(folder).parts}


def test_independent_reports_render_and_failure_ends_non_zero_with_summary(run):
    reports = run.project.reports_dir
    assert run.code == 1
    for name in ("writes_data", "writes_data--alpha-one", "writes_data--beta", "quote"):
        assert (reports / f"{name}.html").exists(), run.out
        assert f"ok {name} " in run.out
        assert f"-> {reports / name}.html" in run.out or f"{name}.html" in run.out
    summary = run.out.split("reports written")[1]
    assert "FAILED: fails: ValueError: boom on purpose" in summary
    assert "SKIPPED: after_fails: needs fails" in summary
    assert not (reports / "after_fails.html").exists()


def test_failed_notebook_is_kept_and_old_report_untouched(run):
    reports = run.project.reports_dir
    assert (reports / "fails.html").read_text(encoding="utf-8") == OLD_REPORT
    kept = nbformat.read(reports / "failed" / "fails.ipynb", as_version=4)
    errors = [o for c in kept.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors and errors[0].evalue == "boom on purpose"
    assert not list(reports.glob(".*.tmp")), "temporary report files left behind"


def test_fan_out_writes_each_profile_to_its_own_folder(run):
    processed = run.project.processed
    assert (processed / "words.csv").read_text().splitlines()[1].startswith("all,,")
    assert (processed / "profiles" / "alpha-one" / "words.csv").read_text().splitlines()[1].startswith("all,Alpha One,")
    assert (processed / "profiles" / "beta" / "words.csv").exists()


def test_reports_link_their_data_which_the_reports_folder_holds_and_never_show_staging(run):
    reports = run.project.reports_dir
    page = (reports / "writes_data--beta.html").read_text(encoding="utf-8")
    assert [a["href"] for t, a in tags(page) if t == "a" and a.get("href", "").startswith("data/")] == [
        "data/profiles/beta/words.csv"]
    assert (reports / "data" / "profiles" / "beta" / "words.csv").read_bytes() == (
        run.project.processed / "profiles" / "beta" / "words.csv").read_bytes()
    assert "<th scope=\"row\">output_dir</th><td><code>data/processed/profiles/beta</code>" in page
    for html in reports.glob("*.html"):
        assert ".runner" not in html.read_text(encoding="utf-8"), html.name


def test_rerun_gives_identical_data_outputs_and_clears_stale_failure(run, tmp_path):
    fresh = project(tmp_path)
    stale = fresh.reports_dir / "failed" / "writes_data.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    again = run_pipeline(fresh, "--only", "writes_data")
    assert again.code == 0, again.out
    assert snapshot(fresh.processed) == snapshot(run.project.processed)
    assert not stale.exists()


def tags(page: str) -> list[tuple[str, dict]]:
    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(page)
    return parser.found


def test_index_links_every_report_with_title_parameters_and_time(run):
    index = (run.project.reports_dir / "index.html").read_text(encoding="utf-8")
    hrefs = {attrs["href"] for tag, attrs in tags(index) if tag == "a"}
    assert hrefs == {f"{n}{suffix}" for n in ("writes_data", "writes_data--alpha-one", "writes_data--beta", "quote")
                     for suffix in (".html", ".code.html")}
    assert "Data writer — Alpha One" in index and "Quotes from the documents" in index
    assert "items=[&#34;Alpha One&#34;]" in index
    assert index.count("<td>20") == 4  # generation timestamps


def test_hostile_quote_is_shown_as_text_and_never_as_markup(run):
    for name in ("quote.html", "quote.code.html", "index.html"):
        found = tags((run.project.reports_dir / name).read_text(encoding="utf-8"))
        assert not [t for t, _ in found if t in ("script", "iframe", "object", "embed")], name
        assert not [a for _, attrs in found for a in attrs if a.startswith("on")], name
        assert not [attrs for _, attrs in found
                    if any((attrs.get(a) or "").strip() in ("x", "javascript:alert(3)") for a in ("src", "href"))], name
    reader = (run.project.reports_dir / "quote.html").read_text(encoding="utf-8")
    # quote block, table caption, header and cell, Markdown, print(), DataFrame repr, parameters
    assert reader.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6
    assert "$5 and $6 *bold* [link](javascript:alert(3))" in reader, "Markdown in the quote must stay literal"
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def published_pages(folder: Path) -> dict[str, bytes]:
    """Every published file, the generation timestamps blanked; run.json and kept failed
    notebooks (records of one run, with its times) left out."""
    return {name: TIMESTAMP.sub(b"<time>", data) for name, data in snapshot(folder).items()
            if not name.endswith("run.json") and not name.startswith("failed/")}


def test_identical_runs_and_both_engines_give_identical_data_and_pages(tmp_path):
    """Fixture notebooks (one writes rows in set order): twice in-process, once in kernels."""
    p = project(tmp_path)
    runs = []
    for engine in ("inprocess", "inprocess", "kernel"):
        result = run_pipeline(p, "--engine", engine, "-p", "quote=a <b>quote</b>", "--with-code")
        assert result.code == 1, result.out  # 'fails' fails, as it should
        runs.append({**published_pages(p.processed), **published_pages(p.reports_dir)})
    assert runs[0] == runs[1], "two identical runs"
    assert runs[0] == runs[2], "in-process and kernel engines"
    record = json.loads((p.reports_dir / "run.json").read_text())
    assert record["engine"] == "kernel" and record["inputs"]["files"]["data/raw/figures.csv"]


def test_project_notebooks_give_the_same_data_and_pages_with_both_engines(tmp_path):
    """Every registered notebook of the project, with its defaults, into tmp_path."""
    present = [n for n in registry.notebooks() if (Project().notebooks_dir / f"{n}.py").exists()]
    missing = [n for n in registry.notebooks() if n not in present]
    if not present or any(d in missing for n in present for d in registry.notebooks()[n].depends_on):
        pytest.skip(f"notebooks not written yet: {', '.join(missing)}")
    pages = {}
    for engine in ("inprocess", "kernel"):
        run = run_pipeline(Project(reports_dir=tmp_path / "reports"), "--output-dir", str(tmp_path / "data"),
                           "--engine", engine, *[arg for n in present for arg in ("--only", n)])
        assert run.code == 0, run.out
        pages[engine] = {**published_pages(tmp_path / "data"), **published_pages(tmp_path / "reports")}
    for name in present:
        fan = registry.notebooks()[name].fan_out
        expected = ([registry.page(name, v) for v in fan.values()] if fan and fan.pages_only
                    else [registry.page(name)])
        for page in expected:
            assert f"reports/{page}" in {f"reports/{k}" for k in pages["inprocess"]}, page
    assert any(k.endswith(".csv") for k in pages["inprocess"]), "notebooks wrote no data output"
    different = sorted(k for k in pages["inprocess"].keys() | pages["kernel"].keys()
                       if pages["inprocess"].get(k) != pages["kernel"].get(k))
    assert not different, f"the engines disagree on {different}"
