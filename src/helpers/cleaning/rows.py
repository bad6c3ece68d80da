"""What every reconciliation check shares: fast row access to the parsed figures, and the
rule that turns a failed check into a repair, an ambiguity or an inconsistency.

Each check takes the parsed figures frame (indexed by figure_id, with columns ``value``,
``candidates``, ``precision``, ``exact`` and the annotation columns) and returns findings.
A malformed number is repaired only when exactly one combination of its candidate
readings satisfies the arithmetic."""
from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np
import pandas as pd

from helpers.cleaning.findings import Finding

MAX_COMBINATIONS = 4096


def fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


class Rows:
    """Fast read access to a figures frame for the checks.

    ``get(fid, col)`` returns exactly what ``frame.loc[fid, col]`` does (the element of the
    column's array), without pandas' per-call overhead; ``children(parent)`` lists the
    figures whose ``parent_id`` is ``parent``, in frame order. Built once per check, so a
    check costs time linear in the number of figures instead of one scan of the whole
    frame per total (quadratic on a large corpus)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.ids = frame.index.tolist()
        self.pos = dict(zip(self.ids, range(len(self.ids))))
        self._cols: dict[str, object] = {}
        self._children: dict | None = None
        self.memo: dict = {}  # per-check caches of derived structures (e.g. two-way tables)

    def col(self, name: str):
        if name not in self._cols:
            self._cols[name] = self.frame[name].to_numpy()
        return self._cols[name]

    def get(self, fid, name: str):
        return self.col(name)[self.pos[fid]]

    def __contains__(self, fid) -> bool:
        return fid in self.pos

    def children(self, parent) -> list:
        if self._children is None:
            self._children = defaultdict(list)
            for fid, pid in zip(self.ids, self.col("parent_id")):
                self._children[pid].append(fid)
        return self._children.get(parent, [])

    def value_sum(self, ids) -> float:
        """``frame.loc[ids, "value"].sum()``: pandas' sum, missing values counted as 0."""
        values = self.col("value")
        if values.dtype.kind == "f":  # what pandas' nansum does, without building a Series
            picked = values[[self.pos[i] for i in ids]]
            return np.where(np.isnan(picked), 0, picked).sum(dtype=values.dtype)
        return self.frame["value"].iloc[[self.pos[i] for i in ids]].sum()


def tolerance(rows: Rows, ids) -> float:
    """Half a unit of the last printed digit, summed: what printed rounding can explain."""
    return float(sum(rows.get(i, "precision") for i in ids)) / 2


def solve(rows: Rows, ids, holds):
    """Readings of ``ids`` (one candidate each) for which ``holds(values)`` is true."""
    options = [rows.get(i, "candidates") for i in ids]
    total = 1
    for o in options:
        total *= max(len(o), 1)
    if total > MAX_COMBINATIONS:
        return []
    return [dict(zip(ids, combo)) for combo in itertools.product(*options) if holds(dict(zip(ids, combo)))]


def resolve(rows: Rows, check, ids, holds, describe) -> list[Finding]:
    """Shared logic of every arithmetic check: fine, repaired, ambiguous or inconsistent.

    Well-formed numbers are tested as printed. Where a number is malformed, every
    combination of candidate readings is tried: one fitting combination repairs it,
    several leave it ambiguous."""
    current = {i: rows.get(i, "value") for i in ids}
    malformed = [i for i in ids if rows.get(i, "malformed")]
    if not malformed:
        if holds(current):
            return []
        return [Finding(check, "warning", tuple(ids), describe(current),
                        action="flagged inconsistent; excluded from analyses by default",
                        statuses={i: "inconsistent" for i in ids})]
    solutions = solve(rows, ids, holds)
    if len(solutions) == 1:
        fixed = {i: solutions[0][i] for i in malformed}
        printed = ", ".join(f"{i} printed {rows.get(i, 'value_raw')!r}" for i in malformed)
        return [Finding(check, "warning", tuple(ids),
                        f"{printed}: of the possible readings only "
                        + ", ".join(f"{i} = {fmt(v)}" for i, v in fixed.items())
                        + f" passes the check ({describe(solutions[0])})",
                        action="repaired " + ", ".join(fixed),
                        statuses={i: "repaired" for i in fixed}, repairs=fixed)]
    if solutions:
        return [Finding(check, "warning", tuple(ids),
                        f"{describe(current)}; {len(solutions)} readings of the malformed "
                        "number(s) fit, so none is chosen",
                        action="flagged ambiguous", statuses={i: "ambiguous" for i in malformed})]
    return [Finding(check, "warning", tuple(ids),
                    f"{describe(current)}; no reading of the malformed number(s) fits",
                    action="flagged inconsistent; excluded from analyses by default",
                    statuses={i: "inconsistent" for i in ids})]
