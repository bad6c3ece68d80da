"""The benchmark tooling: the synthetic corpus, the fast token scan, and smoke runs of bench/run.py."""
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cleaning import clean, money
from helpers.sources import coverage, schema

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (bench/corpus.py)
import run as bench_run  # noqa: E402  (bench/run.py)


@pytest.fixture(scope="module")
def small():
    return corpus.build(12, seed=3)


def test_corpus_has_n_documents_with_unique_names_and_ids(small):
    assert len(small.texts) == 12
    assert small.figures.doc.nunique() == 12 and set(small.figures.doc) == set(small.texts)
    assert small.figures.figure_id.is_unique
    assert small.figures.figure_id.str.fullmatch(r"[A-Z]+-\d{3}").all()
    assert len(set(small.prefixes.values())) == 12
    real = corpus.real()
    assert len(small.figures) == len(real.figures) * (12 // 5) + sum(
        (real.figures.doc == d).sum() for d in list(real.texts)[:12 % 5])
    for col in ("parent_id", "same_as"):  # links stay inside their (renamed) document
        linked = small.figures[small.figures[col] != ""]
        prefix = linked[col].str.split("-").str[0]
        assert (prefix == linked.figure_id.str.split("-").str[0]).all()


def test_corpus_quotes_are_found_and_every_number_is_accounted_for(small):
    for doc, quote, occurrence in zip(small.figures.doc, small.figures.quote, small.figures.occurrence):
        assert coverage.find_occurrence(small.texts[doc], quote, int(occurrence)) >= 0, (doc, quote)
    assert coverage.audit(small.figures, small.exclusions, small.texts) == []


def test_corpus_copies_are_perturbed(small):
    real = corpus.real()
    copies = [t for name, t in small.texts.items() if name.startswith("wphf-mali-s")]
    assert copies[0] == real.texts["wphf-mali.txt"]  # copy 0 is the original
    assert any(t != copies[0] for t in copies[1:])


def test_corpus_validates_and_cleans_with_its_own_documents(small, tmp_path):
    folder = corpus.write(small, tmp_path / "c")
    again = corpus.read(folder)
    assert list(again.texts) == list(small.texts) and len(again.figures) == len(small.figures)
    assert corpus.modified_files(folder) == []
    schema.validate_figures(again.figures, documents=again.documents)
    with pytest.raises(schema.FiguresSchemaError, match="wphf-mali-s0000.txt"):
        schema.validate_figures(again.figures)  # not in the manifest
    figures, log = clean.clean_figures(again.figures, again.texts, money.load_rates(), "CHF", 2023,
                                       {doc: "" for doc in again.texts})
    assert len(figures) == len(small.figures) and len(log)


def test_fast_token_scan_finds_what_token_re_finds():
    texts = list(corpus.real().texts.values())
    rng = random.Random(7)
    alphabet = list("0123456789.,  \u00a0\u202f\n-_abcdefghnostuvwxyzABDEHNOST%$'é") + ["ſ", "İ", "ı", "K"]
    words = coverage._WORDS + [w.upper() for w in coverage._WORDS] + [w.title() for w in coverage._WORDS] \
        + ["ſix", "fıve", "FİVE", "one_two", "3 000", "25,6140", "1 234 5678", "12.345,6", ".5", "1,2 345"]
    for _ in range(3000):
        parts = [rng.choice(words) if rng.random() < 0.4
                 else "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(0, 20))]
        texts.append(rng.choice(("", " ")).join(parts))
    for text in texts:
        expected = [(m.start(), m.end(), m.group()) for m in coverage.TOKEN_RE.finditer(text)]
        assert [(m.start(), m.end(), m.group()) for m in coverage._matches(text)] == expected, text


def test_case_variants_cover_every_character_ignorecase_matches():
    bmp = "".join(map(chr, range(0x10000)))
    pattern = coverage._word_re().pattern
    for letter in sorted(set("".join(coverage._WORDS))):
        for ch in set(re.findall(letter, bmp, re.IGNORECASE)):
            assert ch in pattern, (letter, ch)


def test_floor_script_injects_parameters_after_the_parameters_cell():
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x: int = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("# text"),
        nbformat.v4.new_code_cell("%matplotlib inline\ny = x + 1"),
    ])
    source = bench_run.script_source(nb, {"x": 5, "names": ["a"]})
    namespace: dict = {}
    exec(source.replace("from IPython.display import display", "display = print"), namespace)
    assert namespace["y"] == 6 and namespace["names"] == ["a"]
    assert "# %matplotlib inline" in source


def test_quick_corpus_benchmark_writes_a_table(tmp_path):
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--only", "corpus", "--sizes", "5,10",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "## Cleaning step at corpus scale" in proc.stdout
    data = json.loads((tmp_path / "latest.json").read_text())
    rows = data["corpus"]["rows"]
    assert [r["docs"] for r in rows] == [5, 10]
    assert all(r["coverage_problems"] == 0 and r["peak_rss_mb"] > 0 for r in rows)
    assert (tmp_path / "latest.md").read_text().startswith("# Benchmark results")


@pytest.mark.slow
def test_quick_reports_benchmark_runs_all_paths(tmp_path):
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--only", "reports", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "latest.json").read_text())
    paths = {p["key"]: p for p in data["reports"]["paths"]}
    assert set(paths) == {"naive", "report", "report_kernel", "floor", "forked"}
    assert all(p["median"] for p in paths.values()), paths
    assert all(s["peak_mb"] > 100 for s in paths["report"]["samples"]), "the run's memory peak is measured"
    assert "naive vs report command" in proc.stdout and "report command vs forked-scripts limit" in proc.stdout
