"""The cleaning pipeline on hand-made figures: statuses, log, errors, atomic output."""
import pandas as pd
import pytest

from helpers.cleaning import clean, money
from helpers.cleaning.numbers import NumberParseError
from helpers.files import write_outputs

DOC = "fao-caisses-de-resilience-mali.txt"
TEXT = ("Key facts: 3 000 households, at least 40 groups and 25,6140 seedlings; "
        "the table says 25,614 seedlings. Funding XOF 655,957.")
RATES = pd.DataFrame([dict(year=2023, base="EUR", quote="XOF", rate=655.957),
                      dict(year=2023, base="EUR", quote="CHF", rate=0.9)])


@pytest.fixture
def raw(make_figures):
    return make_figures(
        dict(figure_id="FAO-001", quote="3 000 households", value_raw="3 000"),
        dict(figure_id="FAO-002", quote="at least 40 groups", value_raw="at least 40", unit="groups",
             indicator="groups", sex="", age_group=""),
        dict(figure_id="FAO-003", quote="the table says 25,614 seedlings", value_raw="25,614",
             unit="items", indicator="outputs", sex="", age_group=""),
        dict(figure_id="FAO-004", quote="25,6140 seedlings", value_raw="25,6140", unit="items",
             indicator="outputs", same_as="FAO-003", sex="", age_group=""),
        dict(figure_id="FAO-005", quote="Funding XOF 655,957.", value_raw="XOF 655,957", unit="money",
             currency="XOF", money_kind="funding", indicator="money", reach_kind="none"),
    )


def run(raw, target="CHF", year=2023):
    return clean.clean_figures(raw, {DOC: TEXT}, RATES, target, year)


def test_statuses_and_values(raw):
    figs, log = run(raw)
    status = dict(zip(figs.figure_id, figs.status))
    assert status == {"FAO-001": "ok", "FAO-002": "bound", "FAO-003": "ok",
                      "FAO-004": "duplicate", "FAO-005": "ok"}
    value = dict(zip(figs.figure_id, figs.value))
    assert value["FAO-001"] == 3000 and value["FAO-004"] == 25614


def test_annotator_doubt_makes_a_figure_inconsistent(raw):
    raw.loc[raw.figure_id == "FAO-005", ["doubt", "notes"]] = ["implausible", "funding above the total"]
    figs, log = run(raw)
    assert figs.set_index("figure_id").at["FAO-005", "status"] == "inconsistent"
    assert "annotator_doubt" in set(log.check)


def test_every_non_ok_status_is_explained_in_the_log(raw):
    figs, log = run(raw)
    explained = {fid for ids in log.figure_ids for fid in ids.split()}
    assert set(figs.figure_id[figs.status != "ok"]) <= explained
    repair = log[log.figure_ids.str.contains("FAO-004") & (log.check == "same_measure")]
    assert any("25,614" in m for m in repair.message)


def test_money_is_converted(raw):
    figs, _ = run(raw)
    assert figs.set_index("figure_id").at["FAO-005", "value_chf"] == pytest.approx(900)
    figs_xof, _ = run(raw, target="XOF")
    assert figs_xof.set_index("figure_id").at["FAO-005", "value_xof"] == pytest.approx(655957)


def test_malformed_number_without_evidence_is_ambiguous(raw):
    figs, log = run(raw[raw.figure_id != "FAO-003"].assign(same_as=""))
    row = figs.set_index("figure_id").loc["FAO-004"]
    assert row.status == "ambiguous" and pd.isna(row.value)
    assert "256140" in row.candidates.replace(",", "") and "25614" in row.candidates


def test_unparseable_number_names_the_figure(raw):
    raw.loc[0, "value_raw"] = "3 000"
    raw.loc[0, ["quote", "value_raw"]] = ["many households", "many"]
    with pytest.raises(NumberParseError, match="FAO-001"):
        run(raw)


def test_missing_rate_names_currency_and_year(raw):
    with pytest.raises(money.MissingRateError, match="XOF->CHF.*2019"):
        run(raw, year=2019)


def test_missing_parent_names_the_row(raw):
    raw.loc[0, ["parent_id", "part_kind"]] = ["FAO-099", "sex"]
    with pytest.raises(ValueError, match="FAO-001: parent_id 'FAO-099' does not exist"):
        run(raw)


def test_write_outputs_is_all_or_nothing(tmp_path):
    class Boom:
        pass
    (tmp_path / "a.csv").write_text("old")
    with pytest.raises(Exception):
        write_outputs({"a.csv": pd.DataFrame({"x": [1]}), "b.csv": Boom()}, tmp_path)
    assert (tmp_path / "a.csv").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_rate_through_the_euro_pivot():
    assert money.rate(RATES, "XOF", "CHF", 2023) == pytest.approx(0.9 / 655.957)
    assert money.rate(RATES, "CHF", "XOF", 2023) == pytest.approx(655.957 / 0.9)
    assert money.rate(RATES, "CHF", "CHF", 1990) == 1
