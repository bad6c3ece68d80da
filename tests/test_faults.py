"""Fault injection: what automation and impatient people do to a run (a notebook failing after
writing, Ctrl-C at several points, kill -9, two runs at once, unwritable folders, damaged
tables, bad parameters). Each test asserts the exit code, the message, that the published
outputs are byte for byte what they were, and that no process or staging folder survives."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from fault_fixtures import project

from helpers import paths
from helpers.reporting import publish, staging
from helpers.reporting.runner import main

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fault_fixtures.py"


def published(root: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Data and reports as readers see them: the runner's bookkeeping (.runner/), the run
    record and kept failed notebooks are not outputs."""
    out = {}
    for folder in (root / "data" / "processed", root / "reports"):
        for p in sorted(folder.rglob("*")):
            rel = str(p.relative_to(root))
            if p.is_file() and ".runner" not in p.parts and p.name != "run.json" and "failed" not in p.parts \
                    and not any(word in rel for word in leave_out):
                out[rel] = p.read_bytes()
    return out


def survivors(mark: str) -> list[int]:
    """Processes (host, workers, kernels) that inherited this test's marker."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"FAULT_MARK={mark}".encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            pass
    return found


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def gone(mark: str, seconds: float = 5) -> bool:
    try:
        wait_until(lambda: not survivors(mark), seconds)
        return True
    except AssertionError:
        return False


class Run:
    """The report command on the fault notebooks, in its own process."""

    def __init__(self, root: Path, *args: str):
        self.mark = uuid.uuid4().hex
        self.proc = subprocess.Popen([sys.executable, str(FIXTURES), str(root), *args], text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env={**os.environ, "FAULT_MARK": self.mark})

    def finish(self, timeout: float = 60) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err


def run(root: Path, *args: str) -> tuple[int, str, str]:
    return Run(root, *args).finish()


def sleeping(root: Path) -> bool:
    """The sleeper has written its outputs (into staging) and sleeps."""
    return bool(list((root / "data" / "processed" / ".runner").glob("*/jobs/sleeper/sleep.csv")))


def no_staging(root: Path) -> bool:
    return not [p for folder in (root / "data" / "processed", root / "reports")
                for p in (folder / ".runner").glob("*") if p.is_dir()]


@pytest.fixture
def root(tmp_path):
    """A project folder whose outputs were published once, with the defaults."""
    code, out, err = run(tmp_path)
    assert code == 0, out + err
    return tmp_path


def test_a_notebook_failing_after_writing_changes_nothing_of_its_component(root):
    before = published(root, leave_out=("sleep", "index.html"))
    code, out, err = run(root, "-p", "upstream.label=second", "-p", "downstream.fail=true", "-p", "sleeper.label=second")
    assert code == 1
    assert "FAILED: downstream: RuntimeError: failed after writing its outputs (cell 4)" in out
    assert '----> 2     raise RuntimeError("failed after writing its outputs")' in out, "the traceback is shown"
    assert "NOT PUBLISHED: upstream" in out
    assert published(root, leave_out=("sleep", "index.html")) == before, "upstream's new data must not appear"
    assert (root / "data" / "processed" / "sleep.csv").read_text() == "label\nsecond\n", "independent part published"
    assert (root / "reports" / "data" / "sleep.csv").read_text() == "label\nsecond\n"
    assert (root / "reports" / "failed" / "downstream.ipynb").exists()
    record = json.loads((root / "reports" / "run.json").read_text())
    assert {j["name"]: (j["status"], j["published"]) for j in record["jobs"]} == {
        "upstream": ("ok", False), "downstream": ("failed", False), "sleeper": ("ok", True)}
    assert no_staging(root)


@pytest.mark.parametrize("when", ["at start", "while a report runs", "after a part was published"])
def test_ctrl_c_stops_everything_within_two_seconds_and_publishes_nothing_unfinished(root, when):
    before = published(root, leave_out=("index.html",))
    r = Run(root, "-p", "sleeper.seconds=60", "-p", "sleeper.label=second", "-p", "upstream.label=second")
    if when == "at start":
        time.sleep(0.5)
    else:
        wait_until(lambda: sleeping(root))
    if when == "after a part was published":
        wait_until(lambda: b"second" in (root / "data" / "processed" / "up.csv").read_bytes())
    r.proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    code, out, err = r.finish()
    assert time.monotonic() - sent < 2, "Ctrl-C must stop the run within about 2 s"
    assert code == 130, out + err
    assert "Traceback" not in out + err
    assert gone(r.mark, 2), f"processes left: {survivors(r.mark)}"
    assert no_staging(root)
    after = published(root, leave_out=("index.html",))
    if when == "after a part was published":
        assert "  done, published: upstream" in out and "  cancelled: sleeper" in out
        assert after["data/processed/sleep.csv"] == before["data/processed/sleep.csv"]
        assert after["data/processed/up.csv"] == b"label\nsecond\n"
    else:
        assert after == before
        if when == "while a report runs":
            assert "  cancelled: sleeper" in out


@pytest.mark.parametrize("engine", ["inprocess", "kernel"])
def test_kill_9_of_the_runner_leaves_no_process_and_the_next_run_cleans_up(root, engine):
    before = published(root)
    r = Run(root, "--engine", engine, "-p", "sleeper.seconds=60", "-p", "sleeper.label=second",
            "-p", "upstream.label=second", "-p", "downstream.fail=true")
    wait_until(lambda: sleeping(root), 60)
    r.proc.kill()
    r.finish()
    assert gone(r.mark, 3), f"processes left after kill -9: {survivors(r.mark)}"
    assert not no_staging(root), "the killed run leaves its staging folder"
    assert published(root, leave_out=("index.html", "failed")) == {
        k: v for k, v in before.items() if "index.html" not in k}
    code, out, err = run(root)
    assert code == 0, out + err
    assert no_staging(root), "the next run removes the dead run's folders"


def test_a_second_run_on_the_same_folders_refuses_naming_the_first_and_other_folders_proceed(root, tmp_path_factory):
    first = Run(root, "-p", "sleeper.seconds=60")
    wait_until(lambda: sleeping(root))
    code, out, err = run(root)
    assert code == 75
    assert f"is being written by another run: pid {first.proc.pid}" in err and "--lock-timeout" in err
    other = tmp_path_factory.mktemp("other")
    code, out, err = run(other)
    assert code == 0, out + err
    waiting = Run(root, "--lock-timeout", "60")
    assert f"held by pid {first.proc.pid}" in waiting.proc.stdout.readline(), "with --lock-timeout it waits"
    assert waiting.proc.poll() is None
    first.proc.send_signal(signal.SIGINT)
    assert first.finish()[0] == 130
    code, out, err = waiting.finish()
    assert code == 0, out + err


@contextmanager
def unwritable(folder: Path):
    """Root ignores permission bits, so for root the folder is made immutable instead."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
            pytest.skip("chattr +i is not available here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)


@pytest.mark.parametrize("folder", ["reports", "data/processed", "reports/data"])
def test_an_unwritable_folder_is_exit_2_before_anything_runs(root, folder):
    before = published(root)
    with unwritable(root / folder):
        code, out, err = run(root, "-p", "upstream.label=second")
    assert code == 2
    assert f"error: {root / folder}: cannot write there" in err
    assert published(root) == before


def test_only_one_notebook_into_another_folder_reads_the_published_upstream(root, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    code, out, err = run(root, "--only", "downstream", "--output-dir", str(elsewhere / "data"),
                         "--reports-dir", str(elsewhere / "reports"))
    assert code == 0, out + err
    assert (elsewhere / "data" / "down.csv").read_text() == "from_upstream\nfirst\n"
    assert not (elsewhere / "data" / "up.csv").exists()
    record = json.loads((elsewhere / "reports" / "run.json").read_text())
    assert record["upstream_not_run"]["upstream"]["from"] == "data/processed"


def test_a_publish_killed_midway_is_rolled_forward_by_the_next_run(tmp_path):
    data, reports = tmp_path / "data", tmp_path / "reports"
    release = publish.Release(reindex=set(), roots={data, reports})
    for i, folder in enumerate((data, data, reports)):
        staged = staging.run_dir(folder, "dead-run") / f"f{i}"
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(f"new {i}")
        release.moves.append((staged, folder / f"f{i}"))
        (folder / f"f{i}").write_text(f"old {i}")
    ops = [["move", str(s), str(d)] for s, d in release.moves]
    for folder in (data, reports):
        (staging.run_dir(folder, "dead-run") / "journal-1.json").write_text(json.dumps(
            {"run": "dead-run", "roots": [str(data), str(reports)], "ops": ops, "reindex": []}))
    publish.apply(ops[:1])  # the run died after the first rename
    publish.recover([data, reports], "next-run", lambda folder: None, out := __import__("io").StringIO())
    assert [(f / f"f{i}").read_text() for i, f in enumerate((data, data, reports))] == ["new 0", "new 1", "new 2"]
    assert not staging.leftover_runs(data, "next-run") and not staging.leftover_runs(reports, "next-run")
    assert "finished publishing interrupted run dead-run" in out.getvalue()


def test_signals_wait_until_a_publish_is_done():
    # Python's own Ctrl-C handler, even where the test runs in the background (SIGINT ignored)
    outer = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with publish.signals_deferred():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
                done = True
        assert done
    finally:
        signal.signal(signal.SIGINT, outer)


# --- inputs: the real command on a copy of the project ------------------------------------


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """src, notebooks and data/raw of the project in a temporary folder: the real command
    runs there (its paths follow the package), and its tables can be damaged."""
    where = tmp_path_factory.mktemp("project")
    shutil.copytree(paths.ROOT / "src", where / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    shutil.copytree(paths.NOTEBOOKS, where / "notebooks")
    shutil.copytree(paths.RAW, where / "data" / "raw")
    return where


def command(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "reports", *args], cwd=copy, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(copy / "src")}, timeout=120)


def _line(data: bytes, number: int, suffix: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[number - 1] += suffix
    return b"\n".join(lines)


# damage -> (how, the line the message must name, what it must say)
DAMAGE = {
    "an extra field": (lambda b: _line(b, 6, b",extra"), 6, "fields where the header has"),
    "an unclosed quote": (lambda b: b + b'"never closed,x\n', None, "a quoted field is never closed"),
    "a Latin-1 byte": (lambda b: b.replace("é".encode(), b"\xe9", 1), None, "is not UTF-8"),
    "a byte-order mark": (lambda b: b"\xef\xbb\xbf" + b, 1, "byte-order mark"),
    "Windows line ends": (lambda b: b.replace(b"\n", b"\r\n"), 1, "CR LF"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("args", [(), ("--list-params",)], ids=["reports", "list-params"])
def test_a_damaged_table_is_exit_2_naming_file_and_line_before_any_notebook_runs(copy, damage, args):
    figures = copy / "data" / "raw" / "figures.csv"
    good = figures.read_bytes()
    change, line, says = DAMAGE[damage]
    figures.write_bytes(change(good))
    try:
        result = command(copy, *args)
    finally:
        figures.write_bytes(good)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"error: {figures}: line {line or ''}" in result.stderr, result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not (copy / "reports").exists() and not (copy / "data" / "processed").exists()


def test_a_yaml_error_names_the_file(tmp_path, capsys):
    bad = tmp_path / "params.yaml"
    bad.write_text("rate_year: [2023\n")
    assert main(["-f", str(bad)], project(tmp_path)) == 2
    err = capsys.readouterr().err
    assert f"{bad}: not valid YAML" in err and "line" in err


def test_a_misspelled_parameter_fails_a_direct_papermill_run_naming_it_and_the_valid_names(tmp_path):
    import jupytext
    import nbformat

    nb = jupytext.read(paths.NOTEBOOKS / "03_cost_per_beneficiary.py", fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "in.ipynb")
    result = subprocess.run([Path(sys.executable).parent / "papermill", tmp_path / "in.ipynb",
                             tmp_path / "out.ipynb", "-p", "houshold_size", "7.8", "-k", "python3"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "parameter 'houshold_size': unknown parameter" in result.stderr
    assert "household_size" in result.stderr.split("houshold_size': unknown parameter", 1)[1]


def test_a_report_running_too_long_fails_with_its_cell_named(root):
    before = published(root, leave_out=("index.html", "upstream", "downstream"))
    code, out, err = run(root, "--timeout", "2", "-p", "sleeper.seconds=60", "-p", "sleeper.label=second")
    assert code == 1
    assert "FAILED: sleeper: TimeoutError: the report ran longer than 2 s (--timeout) (cell 3)" in out
    assert published(root, leave_out=("index.html", "upstream", "downstream")) == before


def test_papermill_users_can_choose_the_in_process_engine(tmp_path):
    import jupytext
    import nbformat

    from fault_fixtures import NOTEBOOKS

    nb = jupytext.read(NOTEBOOKS / "upstream.py", fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "in.ipynb")
    result = subprocess.run([Path(sys.executable).parent / "papermill", tmp_path / "in.ipynb", tmp_path / "out.ipynb",
                             "--engine", "inprocess", "-p", "label", "via papermill", "-p", "output_dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "up.csv").read_text() == "label\nvia papermill\n"
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert [o["text"] for c in out.cells if c.cell_type == "code" for o in c.outputs] == ["wrote via papermill\n"]
