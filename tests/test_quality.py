"""Data-quality summaries of the cleaning report."""
import pandas as pd

from helpers.cleaning import quality
from helpers.reporting.text import cleaning as cleaning_words


def clean_frame():
    return pd.DataFrame(dict(
        figure_id=["A-001", "A-002", "B-001", "B-002"], doc=["a.txt", "a.txt", "b.txt", "b.txt"],
        actor=["X", "X", "Y", "Y"], status=["ok", "repaired", "inconsistent", "ambiguous"],
        value_raw=["5", "25,6140", "7", "9"], value=[5, 25614, 7, 9],
        quote=["q1", "q2 <b>", "q3", "q4"]))


def test_status_counts_keep_the_grouping_and_a_total_row():
    table = quality.status_counts(clean_frame(), "doc")
    assert list(table.doc) == ["a.txt", "b.txt", "all"]
    assert table.set_index("doc").loc["all", "figures"] == 4
    assert table.set_index("doc").loc["a.txt", "repaired"] == 1
    assert table.set_index("doc").loc["b.txt", "ok"] == 0


def test_summary_sentences_come_from_the_data():
    log = pd.DataFrame(dict(figure_ids=["B-001"], check=["parts_vs_total"], severity=["warning"],
                            message=["m"], action=["a"]))
    text = " ".join(cleaning_words.summary_sentences(clean_frame(), log))
    assert "4 figures were read from 2 documents" in text
    assert "2 figures (50%) are inconsistent or ambiguous" in text
    assert "A-002 printed '25,6140', read as 25,614" in text
    assert "most damaged document is b.txt: 100%" in text


def test_findings_for_reading_list_each_finding_once_with_its_figures_warnings_first():
    log = pd.DataFrame(dict(figure_ids=["A-002", "A-002 B-001"], check=["c_one", "c_two"], severity=["info", "warning"],
                            message=["m1", "m2"], action=["a1", "a2"]))
    detail = cleaning_words.findings_for_reading(log, clean_frame())
    assert list(detail.check) == ["c two", "c one"]
    assert detail.figures.iloc[0] == "A-002 printed “25,6140” (repaired); B-001 printed “7” (inconsistent)"
