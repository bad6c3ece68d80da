"""Traceability of the gender analysis: every figure used and how, every figure left out and why."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.analysis.gender.selection import (
    FLAGGED,
    NOT_REACH,
    TARGET_INDICATOR,
    Selection,
)


def appendix(figures: pd.DataFrame, uses: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure used, with its printed value and verbatim quote. ``uses`` maps an analysis
    name ('reach', 'targets', "women's share") to a table of figure_id, role and of."""
    used = pd.concat([t.assign(analysis=name) for name, t in uses.items()], ignore_index=True)
    cols = ["figure_id", "actor", "value_raw", "value", "status", "quote"]
    table = used.merge(figures[cols], on="figure_id", how="left")
    order = {fid: i for i, fid in enumerate(figures.figure_id)}
    table = table.sort_values("figure_id", key=lambda s: s.map(order), kind="stable")
    return table[["figure_id", "actor", "analysis", "role", "of", "status", "value_raw", "value", "quote"]
                 ].reset_index(drop=True)


def left_out(figures: pd.DataFrame, sel: Selection, used_ids: Iterable[str]) -> pd.DataFrame:
    """People figures of the selected actors, themes and period that no analysis used, and why."""
    used = set(used_ids)
    rows = figures[(figures.unit == "people") & figures.actor.isin(sel.actors)
                   & ~figures.figure_id.isin(used)]
    if sel.themes:
        rows = rows[rows.theme.isin(sel.themes)]
    if sel.period:
        rows = rows[rows.period == sel.period]

    def reason(r) -> str:
        if r.status == "duplicate":
            return "restates another figure"
        if r.indicator in NOT_REACH:
            return f"not reach: {NOT_REACH[r.indicator]}"
        if r.indicator not in (*sel.indicators, TARGET_INDICATOR):
            return "indicator not selected"
        if r.status in FLAGGED and not sel.include_flagged:
            return f"flagged ({r.status}); include_flagged is off"
        return "no usable value"

    reasons = [reason(r) for r in rows.itertuples()]
    return rows.assign(reason=reasons)[["figure_id", "actor", "indicator", "status", "value_raw",
                                        "reason", "quote"]].reset_index(drop=True)
