"""The figures table schema names the row and the problem."""
import pytest

from helpers.sources.figures import load_raw_figures
from helpers.sources.schema import FiguresSchemaError, validate_figures


def test_valid_row_passes(make_figures):
    assert len(validate_figures(make_figures({}))) == 1


@pytest.mark.parametrize("override, message", [
    (dict(doc="unknown.txt"), "column doc: value 'unknown.txt'"),
    (dict(unit="sheep"), "column unit: value 'sheep': not one of"),
    (dict(sex="boys"), "column sex: value 'boys'"),
    (dict(quote="  ", value_raw=" "), "column quote: value '  ': empty quote"),
    (dict(value_raw="64 000"), "value_raw is not part of quote"),
    (dict(unit="money", currency=""), "currency is given exactly for unit=money"),
    (dict(parent_id="FAO-009", part_kind="sex"), "parent_id 'FAO-009' does not exist"),
    (dict(figure_id="CARE-001"), "figure_id prefix matches the document"),
    (dict(doubt="shifted_column"), "a doubt is explained in notes"),
    (dict(doubt="looks odd", notes="x"), "column doubt: value 'looks odd'"),
    (dict(disagrees_with="FAO-001", notes=""), "a disagreement is explained in notes"),
    (dict(disagrees_with="FAO-009", notes="x"), "disagrees_with 'FAO-009' does not exist"),
    (dict(disagrees_with="FAO-001,FAO-003", notes="x"), "figure ids separated by single spaces"),
    (dict(disagrees_with="FAO-002", notes="x"), "a figure does not disagree with itself"),
])
def test_malformed_row_is_named(make_figures, override, message):
    figs = make_figures({}, {"figure_id": "FAO-002", **override})
    with pytest.raises(FiguresSchemaError) as err:
        validate_figures(figs, source="figures.csv")
    text = str(err.value)
    assert message in text
    assert "row 3" in text or "FAO-002" in text or "CARE-001" in text


def test_duplicate_id_is_named(make_figures):
    with pytest.raises(FiguresSchemaError, match="row 3 .*figure_id.*field_uniqueness"):
        validate_figures(make_figures({}, {}))


def test_real_figures_table_is_valid():
    figs = load_raw_figures()
    assert figs.figure_id.is_unique and len(figs) > 100
