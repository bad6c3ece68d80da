"""Reconciliation checks over parsed figures.

Each check takes the parsed figures frame (indexed by figure_id, with columns
``value``, ``candidates``, ``precision``, ``exact`` and the annotation columns)
and returns findings. A malformed number is repaired only when exactly one
combination of its candidate readings satisfies the arithmetic."""
from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from helpers.findings import Finding

SUMMING_PARTS = ("sex", "age", "location", "breakdown")
MAX_COMBINATIONS = 4096


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


class _Rows:
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
        self._grids: dict = {}

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

    def grid(self, total):
        if total not in self._grids:
            self._grids[total] = _grid(self, total)
        return self._grids[total]


def _tolerance(rows: _Rows, ids) -> float:
    """Half a unit of the last printed digit, summed: what printed rounding can explain."""
    return float(sum(rows.get(i, "precision") for i in ids)) / 2


def _solve(rows: _Rows, ids, holds):
    """Readings of ``ids`` (one candidate each) for which ``holds(values)`` is true."""
    options = [rows.get(i, "candidates") for i in ids]
    total = 1
    for o in options:
        total *= max(len(o), 1)
    if total > MAX_COMBINATIONS:
        return []
    return [dict(zip(ids, combo)) for combo in itertools.product(*options) if holds(dict(zip(ids, combo)))]


def _resolve(rows: _Rows, check, ids, holds, describe) -> list[Finding]:
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
    solutions = _solve(rows, ids, holds)
    if len(solutions) == 1:
        fixed = {i: solutions[0][i] for i in malformed}
        printed = ", ".join(f"{i} printed {rows.get(i, 'value_raw')!r}" for i in malformed)
        return [Finding(check, "warning", tuple(ids),
                        f"{printed}: of the possible readings only "
                        + ", ".join(f"{i} = {_fmt(v)}" for i, v in fixed.items())
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


def _grid(rows: _Rows, total):
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


def _in_grid(rows: _Rows, parent: str, kind: str) -> bool:
    grand = rows.get(parent, "parent_id") if parent in rows else ""
    return (kind == "location" and rows.get(parent, "part_kind") == "sex"
            and grand in rows and rows.grid(grand) is not None)


def _summing_groups(rows: _Rows):
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
    rows = _Rows(frame)
    out = []
    for total, kind, part_ids in _summing_groups(rows):
        ids = [total, *part_ids]
        if not all(rows.get(i, "exact") for i in ids):
            continue
        tol = _tolerance(rows, ids)

        def holds(v, total=total, part_ids=part_ids, tol=tol):
            return abs(sum(v[p] for p in part_ids) - v[total]) <= tol

        def describe(v, total=total, part_ids=part_ids, kind=kind):
            parts = " + ".join(_fmt(v[p]) for p in part_ids)
            return (f"{kind} parts of {total} add up to {parts} = "
                    f"{_fmt(sum(v[p] for p in part_ids))} against a total of {_fmt(v[total])}")
        out += _resolve(rows, "parts_vs_total", ids, holds, describe)
    return out


def _row_gap(rows: _Rows, cell: str) -> float | None:
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
    rows = _Rows(frame)
    out = []
    for total in rows.ids:
        grid = rows.grid(total)
        if grid is None:
            continue
        by_sex, _, cells = grid
        for sex, sex_id in by_sex.items():
            ids = [sex_id, *cells[sex]]
            if len(cells[sex]) < 2 or not all(rows.get(i, "exact") for i in ids):
                continue
            gap = rows.value_sum(cells[sex]) - rows.get(sex_id, "value")
            if abs(gap) <= _tolerance(rows, ids):
                continue
            suspects = [c for c in cells[sex] if _row_gap(rows, c) is not None
                        and abs(_row_gap(rows, c) - gap) < 1e-9]
            summary = (f"{sex} cells of {total} by place add up to "
                       f"{_fmt(rows.value_sum(cells[sex]))}, not {_fmt(rows.get(sex_id, 'value'))}")
            if len(suspects) == 1:
                cell = suspects[0]
                fixed = rows.get(cell, "value") - gap
                out.append(Finding(
                    "cross_totals", "warning", tuple(ids),
                    f"{summary}; only {cell} also breaks its place total, by the same "
                    f"{_fmt(gap)}: both totals agree it should be {_fmt(fixed)}",
                    action=f"repaired {cell}", statuses={cell: "repaired"}, repairs={cell: fixed}))
            else:
                out.append(Finding("cross_totals", "warning", tuple(ids),
                                   f"{summary}; no single cell explains the gap",
                                   action="flagged inconsistent; excluded from analyses by default",
                                   statuses={i: "inconsistent" for i in ids}))
    return out


def check_same_measure(frame: pd.DataFrame) -> list[Finding]:
    """Statements linked by ``same_as`` must agree: exactly, as a rounded version, or
    (for a bound such as "over 1,517") with the exact value on the right side of it."""
    rows = _Rows(frame)
    out = []
    has_qualifier = "qualifier" in frame
    for later, first in zip(rows.ids, rows.col("same_as")):
        if first == "" or first not in rows:
            continue
        ids = [first, later]
        quals = {i: rows.get(i, "qualifier") if has_qualifier else "exact" for i in ids}

        def holds(v, first=first, later=later, quals=quals):
            return _agree(v[first], quals[first], v[later], quals[later]) is not None

        found = _resolve(rows, "same_measure", ids, holds,
                         lambda v, first=first, later=later: (
                             f"{later} restates {first}: {rows.get(later, 'value_raw')!r} "
                             f"against {rows.get(first, 'value_raw')!r}"))
        values = {i: rows.get(i, "value") for i in ids}
        if any(f.repairs for f in found):
            values.update({i: v for f in found for i, v in f.repairs.items()})
        elif found:
            out += found
            continue
        out += found
        out.append(_duplicate_finding(first, later, values, quals))
    return out


def _same_or_rounded(a: float, b: float):
    """'same' if equal, else the position (0 or 1) of the rounded value, else None."""
    if abs(a - b) < 1e-9:
        return "same"
    for rounded, precise, pos in ((a, b, 0), (b, a, 1)):
        digits = len(str(int(rounded))) - len(str(int(rounded)).rstrip("0"))
        if float(rounded).is_integer() and digits and round(precise, -digits) == rounded:
            return pos
    return None


_LOWER = ("at_least", "more_than")
_UPPER = ("at_most", "less_than")


def _agree(a: float, qa: str, b: float, qb: str):
    """How two statements of one measure agree: 'same', 'bound' (position of the bound),
    the position of the rounded one, or None when they contradict each other."""
    if pd.isna(a) or pd.isna(b):
        return None
    for bound, qual, exact, pos in ((a, qa, b, 0), (b, qb, a, 1)):
        if qual in _LOWER and exact >= bound or qual in _UPPER and exact <= bound:
            return ("bound", pos)
    if qa in _LOWER + _UPPER or qb in _LOWER + _UPPER:
        return None
    return _same_or_rounded(a, b)


def _duplicate_finding(first: str, later: str, values: dict, quals: dict) -> Finding:
    kind = _agree(values[first], quals[first], values[later], quals[later])
    if kind == "same":
        dup, keep, how = later, first, "states the same value"
    elif isinstance(kind, tuple):
        dup, keep = (first, later) if kind[1] == 0 else (later, first)
        how = f"is a bound ({_fmt(values[dup])}) consistent with the exact {_fmt(values[keep])}"
    else:
        dup, keep = (first, later) if kind == 0 else (later, first)
        how = f"is a rounded version ({_fmt(values[dup])} for {_fmt(values[keep])})"
    return Finding("same_measure", "info", (keep, dup),
                   f"{dup} {how} of the measure in {keep}; only {keep} counts",
                   action=f"marked {dup} duplicate", statuses={dup: "duplicate"})


def _normalise(quote: str) -> str:
    return re.sub(r"\W+", " ", quote).strip().casefold()


def check_repeated_statements(frame: pd.DataFrame, threshold: float = 0.9) -> list[Finding]:
    """Verbatim or near-verbatim repeats of a statement that no ``same_as`` link records.

    Candidate pairs share document and printed value, so the similarity test runs
    on a handful of pairs, not on every pair of quotes; difflib's cheap upper bounds
    of the similarity rule most pairs out before the exact ratio is computed."""
    rows = _Rows(frame)
    same_as = rows.col("same_as")
    linked = {frozenset(p) for p in zip(rows.ids, same_as) if p[1] != ""}
    quote, occurrence = rows.col("quote"), rows.col("occurrence")
    out = []
    groups = defaultdict(list)
    for k, key in enumerate(zip(rows.col("doc").tolist(), rows.col("value_raw").tolist(),
                                rows.col("unit").tolist())):
        groups[key].append(k)
    normalised: dict[int, tuple[str, Counter]] = {}
    for positions in groups.values():
        for ka, kb in itertools.combinations(positions, 2):
            a, b = rows.ids[ka], rows.ids[kb]
            same_span = quote[ka] == quote[kb] and occurrence[ka] == occurrence[kb]
            if frozenset((a, b)) in linked or same_span:  # two numbers of one sentence
                continue
            for k in (ka, kb):
                if k not in normalised:
                    text = _normalise(quote[k])
                    normalised[k] = text, Counter(text)
            (qa, ca), (qb, cb) = normalised[ka], normalised[kb]
            # difflib's real_quick_ratio and quick_ratio: upper bounds of ratio(), cheap to compute
            length = len(qa) + len(qb)
            if length and (2.0 * min(len(qa), len(qb)) / length < threshold
                           or 2.0 * sum((ca & cb).values()) / length < threshold):
                continue
            ratio = difflib.SequenceMatcher(None, qa, qb, autojunk=False).ratio()
            if ratio >= threshold:
                out.append(Finding("repeated_statement", "info", (a, b),
                                   f"{b} repeats the statement of {a} "
                                   f"({ratio:.0%} identical text); only {a} counts",
                                   action=f"marked {b} duplicate", statuses={b: "duplicate"}))
    return out


def check_percentages(frame: pd.DataFrame) -> list[Finding]:
    """A printed share must match its count over the total it is a share of.

    The percentage's ``parent_id`` is the denominator; the numerator is the sibling
    count with the same sex and age. Truncation (64.516 printed 64.51) is accepted
    but noted."""
    rows = _Rows(frame)
    out = []
    unit, parent_of = rows.col("unit"), rows.col("parent_id")
    sex_of, age_of = rows.col("sex"), rows.col("age_group")
    value_list, precision_list = rows.col("value").tolist(), rows.col("precision").tolist()
    for k, pid in enumerate(rows.ids):
        total = parent_of[k]
        if unit[k] != "percent" or total == "" or total not in rows:
            continue
        nums = [fid for fid in rows.children(total) if unit[rows.pos[fid]] != "percent"
                and sex_of[rows.pos[fid]] == sex_of[k] and age_of[rows.pos[fid]] == age_of[k]]
        value = value_list[k]
        if len(nums) != 1 or pd.isna(value) or not rows.get(total, "value"):
            continue
        nid = nums[0]
        actual = 100 * rows.get(nid, "value") / rows.get(total, "value")
        gap = abs(actual - value)
        unit_ = precision_list[k]
        msg = f"{pid} prints {value:g}% for {nid}/{total} = {actual:.4g}%"
        if gap <= unit_ / 2 + 1e-9:
            continue
        if gap <= unit_ + 1e-9:
            out.append(Finding("percent_vs_counts", "info", (pid, nid, total),
                               msg + ": truncated rather than rounded"))
        else:
            out.append(Finding("percent_vs_counts", "warning", (pid, nid, total), msg,
                               action="flagged inconsistent", statuses={pid: "inconsistent"}))
    return out


def check_plausibility(frame: pd.DataFrame) -> list[Finding]:
    """Impossible values: a part above its total, a share above 100%, money in a count."""
    rows = _Rows(frame)
    out = []
    columns = [rows.col(c).tolist() for c in ("unit", "value", "currency_printed", "parent_id", "exact")]
    for fid, unit, value, currency_printed, parent, exact in zip(rows.ids, *columns):
        if unit == "percent" and pd.notna(value) and not 0 <= value <= 100:
            out.append(Finding("plausibility", "warning", (fid,), f"{fid} is a share of {value:g}%",
                               action="flagged inconsistent", statuses={fid: "inconsistent"}))
        if currency_printed and unit != "money":
            out.append(Finding("plausibility", "warning", (fid,),
                               f"{fid} prints a currency ({currency_printed}) but counts {unit}",
                               action="flagged inconsistent", statuses={fid: "inconsistent"}))
        if (parent in rows and unit != "percent" and rows.get(parent, "unit") == unit
                and pd.notna(value) and value > rows.get(parent, "value")
                and exact and rows.get(parent, "exact")):
            out.append(Finding("plausibility", "warning", (parent, fid),
                               f"part {fid} ({_fmt(value)}) is larger than its total "
                               f"{parent} ({_fmt(rows.get(parent, 'value'))})",
                               action="flagged inconsistent",
                               statuses={parent: "inconsistent", fid: "inconsistent"}))
    return out


def check_annotated_doubts(frame: pd.DataFrame) -> list[Finding]:
    """Doubts the annotator recorded where no arithmetic can test the figure (a table
    column that looks shifted, a value implausible as printed, an unclear unit)."""
    doubted = frame.loc[frame.doubt != "", ["doubt", "notes"]]
    return [Finding("annotator_doubt", "warning", (fid,),
                    f"{fid}: the annotator doubts this figure ({doubt.replace('_', ' ')}): {notes}",
                    action="flagged inconsistent; excluded from analyses by default",
                    statuses={fid: "inconsistent"})
            for fid, doubt, notes in zip(doubted.index, doubted.doubt, doubted.notes)]


_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")


def listed_items(text: str, after: int) -> list[str]:
    """The bullet items that directly follow offset ``after`` (blank lines skipped)."""
    items = []
    for line in text[after:].split("\n")[1:]:
        m = _BULLET.match(line)
        if m:
            items.append(m.group(1))
        elif line.strip() and items:
            break
        elif line.strip():
            return []
    return items


def check_listed_counts(frame: pd.DataFrame, texts: dict[str, str]) -> list[Finding]:
    """A stated count followed by a list must match the items listed."""
    if "quote_start" not in frame:
        return []
    out = []
    columns = [frame[c].tolist() for c in ("quote_start", "quote", "doc", "value")]
    for fid, start, quote, doc, value in zip(frame.index, *columns):
        if start < 0 or not quote.rstrip().endswith(":"):
            continue
        items = listed_items(texts.get(doc, ""), start + len(quote))
        if not items or len(items) == value:
            continue
        out.append(Finding("listed_count", "warning", (fid,),
                           f"{fid} states {_fmt(value)} but the list below it has "
                           f"{len(items)} items (an organisation can appear more than once)",
                           action="flagged inconsistent", statuses={fid: "inconsistent"}))
    return out
