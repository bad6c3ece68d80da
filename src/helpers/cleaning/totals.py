"""Checks of sums: parts against their total, and totals split two ways (sex x place)."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

from helpers.cleaning.findings import Finding
from helpers.cleaning.rows import Rows, fmt, resolve, tolerance

SUMMING_PARTS = ("sex", "age", "location", "breakdown")


def grid(rows: Rows, total):
    """The two-way table under ``total`` (see ``_grid``), computed once per check."""
    key = ("grid", total)
    if key not in rows.memo:
        rows.memo[key] = _grid(rows, total)
    return rows.memo[key]


def _grid(rows: Rows, total):
    """The two-way (sex x place) table under ``total``, or None.

    Returns (sex part ids by sex, place part ids, cells by sex). A cell is a sex part of
    a place, or a place part of a sex total where the text prints no place total."""
    children = rows.children(total)
    if not children:
        return None
    kind, sex_of = rows.col("part_kind"), rows.col("sex")
    pos = rows.pos
    by_sex = {sex_of[pos[fid]]: fid for fid in children if kind[pos[fid]] == "sex"}
    places = [fid for fid in children if kind[pos[fid]] in ("location", "breakdown")]
    if not by_sex or not places:
        return None
    cells = {}
    for sex, sex_id in by_sex.items():
        under_place = [fid for place in places for fid in rows.children(place)
                       if kind[pos[fid]] == "sex" and sex_of[pos[fid]] == sex]
        under_sex = [fid for fid in rows.children(sex_id) if kind[pos[fid]] == "location"]
        cells[sex] = sorted(set(under_place + under_sex), key=pos.__getitem__)
    return by_sex, places, cells


def _in_grid(rows: Rows, parent: str, kind: str) -> bool:
    grand = rows.get(parent, "parent_id") if parent in rows else ""
    return (kind == "location" and rows.get(parent, "part_kind") == "sex"
            and grand in rows and grid(rows, grand) is not None)


def _summing_groups(rows: Rows):
    """(total id, part kind, part ids) for every total with at least two summing parts.

    Place parts of a sex total inside a two-way table are left to check_cross_totals."""
    groups = defaultdict(list)
    for fid, parent, kind in zip(rows.ids, rows.col("parent_id"), rows.col("part_kind")):
        if kind in SUMMING_PARTS and parent != "" and not pd.isna(parent):
            groups[(parent, kind)].append(fid)
    sex_of = rows.col("sex")
    for (parent, kind) in sorted(groups):  # the order of a sorted groupby
        group = groups[(parent, kind)]
        if parent not in rows or len(group) < 2 or _in_grid(rows, parent, kind):
            continue
        if kind == "sex" and not {"female", "male"} <= {sex_of[rows.pos[i]] for i in group}:
            continue
        yield parent, kind, group


def check_parts_total(frame: pd.DataFrame) -> list[Finding]:
    """Parts (by sex, age, location or a listed breakdown) must add up to their total."""
    rows = Rows(frame)
    out = []
    for total, kind, part_ids in _summing_groups(rows):
        ids = [total, *part_ids]
        if not all(rows.get(i, "exact") for i in ids):
            continue
        tol = tolerance(rows, ids)

        def holds(v, total=total, part_ids=part_ids, tol=tol):
            return abs(sum(v[p] for p in part_ids) - v[total]) <= tol

        def describe(v, total=total, part_ids=part_ids, kind=kind):
            parts = " + ".join(fmt(v[p]) for p in part_ids)
            return (f"{kind} parts of {total} add up to {parts} = "
                    f"{fmt(sum(v[p] for p in part_ids))} against a total of {fmt(v[total])}")
        out += resolve(rows, "parts_vs_total", ids, holds, describe)
    return out


def _row_gap(rows: Rows, cell: str) -> float | None:
    """How far the sex parts of the cell's place miss the place total (None: no place total)."""
    place = rows.get(cell, "parent_id")
    if rows.get(cell, "part_kind") != "sex":
        return None
    siblings = [fid for fid in rows.children(place) if rows.get(fid, "part_kind") == "sex"]
    return rows.value_sum(siblings) - rows.get(place, "value")


def check_cross_totals(frame: pd.DataFrame) -> list[Finding]:
    """A total split both by sex and by place gives two ways to count each cell.

    Each sex's cells must add up to that sex's total. When exactly one cell breaks
    both its place total and its sex total by the same amount, that cell alone
    explains the disagreement, and the arithmetic pins its value."""
    rows = Rows(frame)
    out = []
    for total in rows.ids:
        table = grid(rows, total)
        if table is None:
            continue
        by_sex, _, cells = table
        for sex, sex_id in by_sex.items():
            ids = [sex_id, *cells[sex]]
            if len(cells[sex]) < 2 or not all(rows.get(i, "exact") for i in ids):
                continue
            gap = rows.value_sum(cells[sex]) - rows.get(sex_id, "value")
            if abs(gap) <= tolerance(rows, ids):
                continue
            suspects = [c for c in cells[sex] if _row_gap(rows, c) is not None
                        and abs(_row_gap(rows, c) - gap) < 1e-9]
            summary = (f"{sex} cells of {total} by place add up to "
                       f"{fmt(rows.value_sum(cells[sex]))}, not {fmt(rows.get(sex_id, 'value'))}")
            if len(suspects) == 1:
                cell = suspects[0]
                fixed = rows.get(cell, "value") - gap
                out.append(Finding(
                    "cross_totals", "warning", tuple(ids),
                    f"{summary}; only {cell} also breaks its place total, by the same "
                    f"{fmt(gap)}: both totals agree it should be {fmt(fixed)}",
                    action=f"repaired {cell}", statuses={cell: "repaired"}, repairs={cell: fixed}))
            else:
                out.append(Finding("cross_totals", "warning", tuple(ids),
                                   f"{summary}; no single cell explains the gap",
                                   action="flagged inconsistent; excluded from analyses by default",
                                   statuses={i: "inconsistent" for i in ids}))
    return out
