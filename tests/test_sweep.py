"""Sweeps: many parameter sets in one warm runner, each published into its own folder, shared
upstream work done once, and one table lining up the headline outputs of every set."""
import json

import pytest
from fault_fixtures import project

from helpers.reporting.registry import SetupError
from helpers.reporting.runner import main
from helpers.reporting.sweep import read_sets

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    root = tmp_path_factory.mktemp("sweep")
    spec = root / "sweep.yaml"
    spec.write_text("grid:\n  upstream.label: [a, b]\n  sleeper.label: [x, y]\n")
    code = main(["--sweep", str(spec), "--sweep-dir", str(root / "out")], project(root))
    return root / "out", code


def test_every_set_is_published_into_its_own_folder_with_its_own_record(sweep):
    out, code = sweep
    assert code == 0
    sets = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert sets == ["set-1", "set-2", "set-3", "set-4"]
    for name, label, sleep in (("set-1", "a", "x"), ("set-2", "a", "y"), ("set-3", "b", "x"), ("set-4", "b", "y")):
        assert (out / name / "data" / "up.csv").read_text() == f"label\n{label}\n"
        assert (out / name / "data" / "sleep.csv").read_text() == f"label\n{sleep}\n"
        assert (out / name / "downstream.html").exists() and (out / name / "index.html").exists()
        record = json.loads((out / name / "run.json").read_text())
        assert record["set"] == {"name": name, "params": {"upstream.label": label, "sleeper.label": sleep}}
        assert record["data_dir"] == "data", "folders are shown relative to the set folder"


def test_upstream_work_shared_by_sets_runs_once(sweep):
    out, _ = sweep
    record = json.loads((out / "set-1" / "run.json").read_text())
    shared = {j["name"]: j.get("shared_with", []) for j in record["jobs"]}
    assert shared == {"upstream": ["set-2"], "downstream": ["set-2"], "sleeper": ["set-3"]}
    # the shared upstream page is the same file in both sets: rendered once
    assert (out / "set-1" / "upstream.html").read_bytes() == (out / "set-2" / "upstream.html").read_bytes()


def test_the_sweep_index_and_headline_table_line_up_every_set(sweep):
    out, _ = sweep
    lines = (out / "headlines.csv").read_text().splitlines()
    assert lines == ["set,upstream.label,sleeper.label,notebook,from_upstream",
                     "set-1,a,x,downstream,a", "set-2,a,y,downstream,a",
                     "set-3,b,x,downstream,b", "set-4,b,y,downstream,b"]
    index = (out / "index.html").read_text()
    assert 'href="set-3/index.html"' in index and "upstream.label=b" in index and 'href="headlines.csv"' in index


@pytest.mark.parametrize("text, message", [
    ("- {a: 1}\n- name: x\n  a: 2\n- name: x\n  a: 3\n", "two sets are named 'x'"),
    ("grid:\n  a: 1\n", "grid: a must list one or more values"),
    ("sets: []\ngrid: {a: [1]}\n", "either sets: or grid:"),
    ("just text\n", "a sweep file is a list of parameter sets"),
])
def test_a_malformed_sweep_file_is_an_error_naming_it(tmp_path, text, message):
    spec = tmp_path / "sweep.yaml"
    spec.write_text(text)
    with pytest.raises(SetupError, match=message):
        from helpers.reporting.sweep import targets

        targets(spec, tmp_path / "out", {})
    if "named" not in message:
        with pytest.raises(SetupError):
            read_sets(spec)
