"""Data quality in numbers: figures per cleaning status, for the cleaning report."""
from __future__ import annotations

import pandas as pd

from helpers.cleaning.findings import STATUSES


def status_counts(clean: pd.DataFrame, by: str) -> pd.DataFrame:
    """Figures per status for each value of ``by`` (doc or actor), with a total row."""
    table = pd.crosstab(clean[by], clean.status).reindex(columns=list(STATUSES), fill_value=0)
    table.loc["all"] = table.sum()
    table["figures"] = table.sum(axis=1)
    return table.rename_axis(index=by, columns=None).reset_index()
