"""Restatements: figures that state a measure another figure already states (``same_as``:
a narrative figure and its summary-table row, a repeated paragraph, a rounded version).

Both analyses need the same two answers: which statements are one measure, and what
total a measure is part of (the parent link may sit on any of its statements). This
module gives both, so the gender and the cost analysis cannot disagree about them."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd


def measures(figures: pd.DataFrame) -> dict[str, str]:
    """figure_id -> id of the first statement of its measure (``same_as`` chains joined)."""
    root = {fid: fid for fid in figures.figure_id}

    def find(fid: str) -> str:
        while root[fid] != fid:
            root[fid] = root[root[fid]]
            fid = root[fid]
        return fid

    order = {fid: i for i, fid in enumerate(figures.figure_id)}
    for fid, same in zip(figures.figure_id, figures.same_as):
        if same in root:
            a, b = sorted((find(fid), find(same)), key=order.get)
            root[b] = a
    return {fid: find(fid) for fid in figures.figure_id}


class Restatements:
    """The measures of a figures table and the parent link of each measure."""

    def __init__(self, figures: pd.DataFrame):
        self.measure = measures(figures)
        self.members: dict[str, list[str]] = defaultdict(list)
        for fid in figures.figure_id:
            self.members[self.measure[fid]].append(fid)
        self._parent = dict(zip(figures.figure_id, figures.parent_id))
        self._kind = dict(zip(figures.figure_id, figures.part_kind))

    def parent(self, fid: str) -> tuple[str, str]:
        """(parent id, part_kind) from the figure or, failing that, from another statement of
        its measure (the precise narrative 3,841 restating the table's rounded 4,000 is a
        subset of whatever the 4,000 is a subset of); ('', '') for a top-level measure."""
        own = [fid] + [f for f in self.members[self.measure[fid]] if f != fid]
        for f in own:
            parent = self._parent[f]
            if parent and self.measure.get(parent) != self.measure[fid]:
                return parent, self._kind[f]
        return "", ""
