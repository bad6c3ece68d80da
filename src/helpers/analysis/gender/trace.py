"""Traceability of the gender analysis: every figure used and how, every figure left out and
why (as a reason code the wording turns into words), and the population context shown apart."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.analysis.gender.selection import (
    FLAGGED,
    Selection,
    reach_classes,
    target_indicators,
    usable,
)

# Why a people figure of the selection was left out of the counts.
LEFT_OUT_REASONS = ("restates", "context", "workforce", "not_selected", "flagged", "no_value")


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
    """People figures of the selected actors, themes and period that no analysis used, with a
    reason code (``LEFT_OUT_REASONS``)."""
    used = set(used_ids)
    rows = figures[(figures.unit == "people") & figures.actor.isin(sel.actors) & ~figures.figure_id.isin(used)]
    if sel.themes:
        rows = rows[rows.theme.isin(sel.themes)]
    if sel.period:
        rows = rows[rows.report_period == sel.period]
    classes = reach_classes(rows)

    def reason(r, reach_class: str) -> str:
        if r.status == "duplicate":
            return "restates"
        if reach_class == "context" and "context" not in sel.classes:
            return "context"
        if reach_class == "workforce":
            return "workforce"
        if r.indicator not in (*sel.indicators, *target_indicators()):
            return "not_selected"
        if r.status in FLAGGED and not sel.include_flagged:
            return "flagged"
        return "no_value"

    reasons = [reason(r, c) for r, c in zip(rows.itertuples(), classes)]
    return rows.assign(reason=reasons)[["figure_id", "actor", "indicator", "status", "value_raw",
                                        "reason", "quote"]].reset_index(drop=True)


def context_figures(figures: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """Population context of the selected actors (covered by plans, in need, affected, at risk,
    displaced): shown apart, never added to reach unless the selection counts it."""
    mask = usable(figures, sel, figures.indicator.unique(), classes=("context",))
    rows = figures[mask]
    return rows[["figure_id", "actor", "report_period", "indicator", "reach_kind", "value", "value_raw", "status",
                 "location", "region", "quote"]].reset_index(drop=True)
