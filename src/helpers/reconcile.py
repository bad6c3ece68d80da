"""Reconciliation checks over parsed figures.

Each check takes the parsed figures frame (indexed by figure_id, with columns
``value``, ``candidates``, ``precision``, ``exact`` and the annotation columns)
and returns findings. A malformed number is repaired only when exactly one
combination of its candidate readings satisfies the arithmetic."""
from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict

import pandas as pd

from helpers.findings import Finding

SUMMING_PARTS = ("sex", "age", "location", "breakdown")
MAX_COMBINATIONS = 4096


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


def _tolerance(frame: pd.DataFrame, ids) -> float:
    """Half a unit of the last printed digit, summed: what printed rounding can explain."""
    return float(sum(frame.loc[i, "precision"] for i in ids)) / 2


def _solve(frame, ids, holds):
    """Readings of ``ids`` (one candidate each) for which ``holds(values)`` is true."""
    options = [frame.loc[i, "candidates"] for i in ids]
    total = 1
    for o in options:
        total *= max(len(o), 1)
    if total > MAX_COMBINATIONS:
        return []
    return [dict(zip(ids, combo)) for combo in itertools.product(*options) if holds(dict(zip(ids, combo)))]


def _resolve(frame, check, ids, holds, describe) -> list[Finding]:
    """Shared logic of every arithmetic check: fine, repaired, ambiguous or inconsistent.

    Well-formed numbers are tested as printed. Where a number is malformed, every
    combination of candidate readings is tried: one fitting combination repairs it,
    several leave it ambiguous."""
    current = {i: frame.loc[i, "value"] for i in ids}
    malformed = [i for i in ids if frame.loc[i, "malformed"]]
    if not malformed:
        if holds(current):
            return []
        return [Finding(check, "warning", tuple(ids), describe(current),
                        action="flagged inconsistent; excluded from analyses by default",
                        statuses={i: "inconsistent" for i in ids})]
    solutions = _solve(frame, ids, holds)
    if len(solutions) == 1:
        fixed = {i: solutions[0][i] for i in malformed}
        printed = ", ".join(f"{i} printed {frame.loc[i, 'value_raw']!r}" for i in malformed)
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


def _grid(frame: pd.DataFrame, total: str):
    """The two-way (sex x place) table under ``total``, or None.

    Returns (sex part ids by sex, place part ids, cells by sex). A cell is a sex part of
    a place, or a place part of a sex total where the text prints no place total."""
    children = frame[frame.parent_id == total]
    by_sex = {r.sex: fid for fid, r in children[children.part_kind == "sex"].iterrows()}
    places = list(children.index[children.part_kind.isin(("location", "breakdown"))])
    if not by_sex or not places:
        return None
    cells = {}
    for sex, sex_id in by_sex.items():
        under_place = frame.parent_id.isin(places) & (frame.part_kind == "sex") & (frame.sex == sex)
        under_sex = (frame.parent_id == sex_id) & (frame.part_kind == "location")
        cells[sex] = list(frame.index[under_place | under_sex])
    return by_sex, places, cells


def _in_grid(frame: pd.DataFrame, parent: str, kind: str) -> bool:
    grand = frame.loc[parent, "parent_id"] if parent in frame.index else ""
    return (kind == "location" and frame.loc[parent, "part_kind"] == "sex"
            and grand in frame.index and _grid(frame, grand) is not None)


def _summing_groups(frame: pd.DataFrame):
    """(total id, part kind, part ids) for every total with at least two summing parts.

    Place parts of a sex total inside a two-way table are left to check_cross_totals."""
    parts = frame[frame.part_kind.isin(SUMMING_PARTS) & (frame.parent_id != "")]
    for (parent, kind), group in parts.groupby(["parent_id", "part_kind"], sort=True):
        if parent not in frame.index or len(group) < 2 or _in_grid(frame, parent, kind):
            continue
        if kind == "sex" and not {"female", "male"} <= set(group.sex):
            continue
        yield parent, kind, list(group.index)


def check_parts_total(frame: pd.DataFrame) -> list[Finding]:
    """Parts (by sex, age, location or a listed breakdown) must add up to their total."""
    out = []
    for total, kind, part_ids in _summing_groups(frame):
        ids = [total, *part_ids]
        if not frame.loc[ids, "exact"].all():
            continue
        tol = _tolerance(frame, ids)

        def holds(v, total=total, part_ids=part_ids, tol=tol):
            return abs(sum(v[p] for p in part_ids) - v[total]) <= tol

        def describe(v, total=total, part_ids=part_ids, kind=kind):
            parts = " + ".join(_fmt(v[p]) for p in part_ids)
            return (f"{kind} parts of {total} add up to {parts} = "
                    f"{_fmt(sum(v[p] for p in part_ids))} against a total of {_fmt(v[total])}")
        out += _resolve(frame, "parts_vs_total", ids, holds, describe)
    return out


def _row_gap(frame: pd.DataFrame, cell: str) -> float | None:
    """How far the sex parts of the cell's place miss the place total (None: no place total)."""
    place = frame.loc[cell, "parent_id"]
    if frame.loc[cell, "part_kind"] != "sex":
        return None
    siblings = frame.index[(frame.parent_id == place) & (frame.part_kind == "sex")]
    return frame.loc[siblings, "value"].sum() - frame.loc[place, "value"]


def check_cross_totals(frame: pd.DataFrame) -> list[Finding]:
    """A total split both by sex and by place gives two ways to count each cell.

    Each sex's cells must add up to that sex's total. When exactly one cell breaks
    both its place total and its sex total by the same amount, that cell alone
    explains the disagreement, and the arithmetic pins its value."""
    out = []
    for total in frame.index:
        grid = _grid(frame, total)
        if grid is None:
            continue
        by_sex, _, cells = grid
        for sex, sex_id in by_sex.items():
            ids = [sex_id, *cells[sex]]
            if len(cells[sex]) < 2 or not frame.loc[ids, "exact"].all():
                continue
            gap = frame.loc[cells[sex], "value"].sum() - frame.loc[sex_id, "value"]
            if abs(gap) <= _tolerance(frame, ids):
                continue
            suspects = [c for c in cells[sex] if _row_gap(frame, c) is not None
                        and abs(_row_gap(frame, c) - gap) < 1e-9]
            summary = (f"{sex} cells of {total} by place add up to "
                       f"{_fmt(frame.loc[cells[sex], 'value'].sum())}, not {_fmt(frame.loc[sex_id, 'value'])}")
            if len(suspects) == 1:
                cell = suspects[0]
                fixed = frame.loc[cell, "value"] - gap
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
    out = []
    for later, first in frame.loc[frame.same_as != "", "same_as"].items():
        if first not in frame.index:
            continue
        ids = [first, later]
        quals = {i: frame.loc[i, "qualifier"] if "qualifier" in frame else "exact" for i in ids}

        def holds(v, first=first, later=later, quals=quals):
            return _agree(v[first], quals[first], v[later], quals[later]) is not None

        found = _resolve(frame, "same_measure", ids, holds,
                         lambda v, first=first, later=later: (
                             f"{later} restates {first}: {frame.loc[later, 'value_raw']!r} "
                             f"against {frame.loc[first, 'value_raw']!r}"))
        values = {i: frame.loc[i, "value"] for i in ids}
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
    on a handful of pairs, not on every pair of quotes."""
    linked = {frozenset(p) for p in frame.loc[frame.same_as != "", "same_as"].items()}
    out = []
    groups = defaultdict(list)
    for fid, row in frame.iterrows():
        groups[(row.doc, row.value_raw, row.unit)].append(fid)
    for ids in groups.values():
        for a, b in itertools.combinations(ids, 2):
            same_span = (frame.loc[a, ["quote", "occurrence"]] == frame.loc[b, ["quote", "occurrence"]]).all()
            if frozenset((a, b)) in linked or same_span:  # two numbers of one sentence
                continue
            qa, qb = _normalise(frame.loc[a, "quote"]), _normalise(frame.loc[b, "quote"])
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
    out = []
    shares = frame[(frame.unit == "percent") & (frame.parent_id != "")]
    for pid, p in shares.iterrows():
        total = p.parent_id
        if total not in frame.index:
            continue
        nums = frame[(frame.parent_id == total) & (frame.unit != "percent")
                     & (frame.sex == p.sex) & (frame.age_group == p.age_group)]
        if len(nums) != 1 or pd.isna(p.value) or not frame.loc[total, "value"]:
            continue
        nid = nums.index[0]
        actual = 100 * frame.loc[nid, "value"] / frame.loc[total, "value"]
        gap = abs(actual - p.value)
        unit = p.precision
        msg = f"{pid} prints {p.value:g}% for {nid}/{total} = {actual:.4g}%"
        if gap <= unit / 2 + 1e-9:
            continue
        if gap <= unit + 1e-9:
            out.append(Finding("percent_vs_counts", "info", (pid, nid, total),
                               msg + ": truncated rather than rounded"))
        else:
            out.append(Finding("percent_vs_counts", "warning", (pid, nid, total), msg,
                               action="flagged inconsistent", statuses={pid: "inconsistent"}))
    return out


def check_plausibility(frame: pd.DataFrame) -> list[Finding]:
    """Impossible values: a part above its total, a share above 100%, money in a count."""
    out = []
    for fid, row in frame.iterrows():
        if row.unit == "percent" and pd.notna(row.value) and not 0 <= row.value <= 100:
            out.append(Finding("plausibility", "warning", (fid,), f"{fid} is a share of {row.value:g}%",
                               action="flagged inconsistent", statuses={fid: "inconsistent"}))
        if row.currency_printed and row.unit != "money":
            out.append(Finding("plausibility", "warning", (fid,),
                               f"{fid} prints a currency ({row.currency_printed}) but counts {row.unit}",
                               action="flagged inconsistent", statuses={fid: "inconsistent"}))
        parent = row.parent_id
        if (parent in frame.index and row.unit != "percent" and frame.loc[parent, "unit"] == row.unit
                and pd.notna(row.value) and row.value > frame.loc[parent, "value"]
                and row.exact and frame.loc[parent, "exact"]):
            out.append(Finding("plausibility", "warning", (parent, fid),
                               f"part {fid} ({_fmt(row.value)}) is larger than its total "
                               f"{parent} ({_fmt(frame.loc[parent, 'value'])})",
                               action="flagged inconsistent",
                               statuses={parent: "inconsistent", fid: "inconsistent"}))
    return out


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
    out = []
    for fid, row in frame.iterrows():
        start = row.get("quote_start", -1)
        if start < 0 or not row.quote.rstrip().endswith(":"):
            continue
        items = listed_items(texts.get(row.doc, ""), start + len(row.quote))
        if not items or len(items) == row.value:
            continue
        out.append(Finding("listed_count", "warning", (fid,),
                           f"{fid} states {_fmt(row.value)} but the list below it has "
                           f"{len(items)} items (an organisation can appear more than once)",
                           action="flagged inconsistent", statuses={fid: "inconsistent"}))
    return out
