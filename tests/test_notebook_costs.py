"""The cost-per-beneficiary notebook executed as the report runner does, once with default
parameters and once in another currency and year with flagged figures included; the test
checks the data it wrote and that its summary quotes the same numbers."""
import re
import shutil

import jupytext
import pandas as pd
import papermill
import pytest

from helpers import paths
from helpers.cleaning import money
from helpers.reporting.text import costs as words
from helpers.sources import manifest

NOTEBOOK = paths.NOTEBOOKS / "03_cost_per_beneficiary.py"
CONTRACT = ["actor", "cost_figure_ids", "beneficiary_figure_ids", "cost_definition",
            "beneficiary_definition", "currency", "low", "central", "high", "note"]

pytestmark = pytest.mark.slow


def execute(tmp_path, processed_dir, **params):
    """Run the notebook on a copy of the clean figures; (output folder, executed notebook)."""
    out = tmp_path / "processed"
    out.mkdir()
    shutil.copy(processed_dir / "figures.csv", out / "figures.csv")
    nb = jupytext.read(NOTEBOOK, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    executed = papermill.execute_notebook(nb, str(tmp_path / "executed.ipynb"),
                                          parameters={**params, "output_dir": str(out), "input_dir": str(out)},
                                          kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
    return out, executed


def summary_text(nb) -> str:
    """The Markdown the summary cell displayed, with the escaping backslashes removed."""
    cells = nb.cells
    start = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## Summary"))
    outputs = cells[start + 1].outputs
    text = " ".join(o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {}))
    return re.sub(r"\\(.)", r"\1", text)


def read(out) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_csv(out / "cost_per_beneficiary.csv"), pd.read_csv(out / "figures.csv", dtype=str)


def check_summary_agrees(table: pd.DataFrame, text: str) -> None:
    heads = table[table.headline & (table.measure == "cost per beneficiary")]
    assert len(heads), "no headline to check"
    for row in heads.itertuples():
        assert f"{row.currency} {words.fmt_number(row.central)}" in text, row.actor
    for actor in table[table.measure.isin(["no cost data", "amounts not paired"])].actor:
        assert actor in text


def test_default_report(tmp_path, processed_dir):
    out, nb = execute(tmp_path, processed_dir)
    table, figures = read(out)
    assert set(CONTRACT) <= set(table.columns)
    assert list(dict.fromkeys(table.actor)) == list(manifest.actors())
    no_data = table[table.measure == "no cost data"]
    assert set(no_data.actor) == {"WPHF"} and no_data.note.str.startswith(words.NO_COST).all()
    unpaired = table[table.measure == "amounts not paired"]
    assert set(unpaired.actor) == {"CARE", "UN Women"} and unpaired.note.str.startswith(words.NOT_PAIRED).all()
    assert no_data.central.isna().all() and unpaired.central.isna().all()
    assert not table[table.measure == "cost per beneficiary"].flagged.any()
    assert set(table.currency) == {"CHF"}

    value = figures.set_index("figure_id").value.astype(float)
    dref = table[table.cost_figure_ids == "IFRC-220"].iloc[0]
    assert dref.central == pytest.approx(value["IFRC-220"] / value["IFRC-221"])
    fao = table[(table.cost_figure_ids == "FAO-1") & (table.per == "person")].iloc[0]
    rates = money.load_rates()
    to_chf = sum(money.rate(rates, "XOF", "CHF", y) for y in (2015, 2016, 2017)) / 3  # its own period, 2015-2017
    cited = pd.read_csv(paths.HOUSEHOLD_SIZES).mean_household_size.median()
    assert fao.central == pytest.approx(1e9 * to_chf / (value["FAO-001"] * cited))
    assert fao.rate_years == "2015-2017 (mean)"

    check_summary_agrees(table, summary_text(nb))
    sens = pd.read_csv(out / "cost_sensitivity.csv")
    assert set(sens.actor) == set(table[table.headline & (table.measure == "cost per beneficiary")].actor)
    used = pd.read_csv(out / "cost_figures_used.csv")
    assert {"IFRC-220", "IFRC-221", "FAO-1", "FAO-001"} <= set(used.id)
    assert used.quote.notna().all()


def test_other_currency_with_flagged_figures(tmp_path, processed_dir):
    out, nb = execute(tmp_path, processed_dir, target_currency="XOF", rate_year=2021, include_flagged=True)
    table, figures = read(out)
    assert set(table.currency) == {"XOF"} and set(table.rate_year) == {2021}
    fao = table[(table.cost_figure_ids == "FAO-1") & (table.per == "person")].iloc[0]
    assert fao.central == pytest.approx(1e9 / 18_000)  # XOF stays XOF: 3,000 households x 6
    network = table[table.cost_figure_ids == "IFRC-022"].iloc[0]
    assert network.flagged
    to_xof = money.rate(money.load_rates(), "CHF", "XOF", 2021)
    assert network.central == pytest.approx(9.7e6 * to_xof / ((network.people_lower + network.people_upper) / 2))
    check_summary_agrees(table, summary_text(nb))
