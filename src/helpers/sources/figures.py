"""Load the hand-annotated figures table (data/raw/figures.csv)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.sources.tables import read_table

COLUMNS = (
    "figure_id", "doc", "quote", "occurrence", "value_raw", "unit", "currency",
    "indicator", "reach_kind", "theme", "actor", "implementer", "programme", "scope", "period",
    "location", "region", "sex", "age_group", "parent_id", "part_kind", "money_kind", "same_as", "doubt",
    "disagrees_with", "notes",
)


def load_clean_figures(folder) -> pd.DataFrame:
    """The clean figures written by 01_clean_figures, as text with ``value`` numeric
    (NaN where unusable), from ``folder`` (usually data/processed)."""
    path = Path(folder) / "figures.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run notebooks/01_clean_figures.py first "
                                "(python -m helpers.reports --only 01_clean_figures)")
    figures = read_table(path)
    figures["value"] = pd.to_numeric(figures["value"], errors="coerce")
    return figures


def load_raw_figures(path=paths.FIGURES, validate: bool = True) -> pd.DataFrame:
    """Read figures.csv as text (numbers stay as printed); validate against the schema."""
    df = read_table(path, required=COLUMNS)
    df["occurrence"] = pd.to_numeric(df["occurrence"].replace("", "1"), errors="coerce")
    if validate:
        from helpers.sources.schema import validate_figures
        df = validate_figures(df, source=str(path))
    return df
