"""Checks between statements: restatements of one measure (``same_as``) must agree, and
near-verbatim repeats that no link records are found."""
from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter, defaultdict

import pandas as pd

from helpers.cleaning.findings import Finding
from helpers.cleaning.rows import Rows, fmt, resolve

# A bound ("over 1,517") confirms an exact statement of the same measure only when the exact
# value lies on its side and within this factor of it: "over 1,517" for 34,000 is not the same
# measure told twice but two statements of different scope.
BOUND_FACTOR = 2.0


def check_same_measure(frame: pd.DataFrame) -> list[Finding]:
    """Statements linked by ``same_as`` must agree: exactly, as a rounded version, or
    (for a bound such as "over 1,517") with the exact value on the right side of it and
    within ``BOUND_FACTOR`` of it. Two statements in different units ("1,200 people (200
    households)") count one group twice: they are not compared, and the one in people counts."""
    rows = Rows(frame)
    out = []
    has_qualifier = "qualifier" in frame
    for later, first in zip(rows.ids, rows.col("same_as")):
        if first == "" or first not in rows:
            continue
        ids = [first, later]
        if rows.get(first, "unit") != rows.get(later, "unit"):
            out.append(_same_group_finding(rows, first, later))
            continue
        quals = {i: rows.get(i, "qualifier") if has_qualifier else "exact" for i in ids}

        def holds(v, first=first, later=later, quals=quals):
            return _agree(v[first], quals[first], v[later], quals[later]) is not None

        found = resolve(rows, "same_measure", ids, holds,
                         lambda v, first=first, later=later, quals=quals: (
                             f"{later} restates {first}: {rows.get(later, 'value_raw')!r} "
                             f"against {rows.get(first, 'value_raw')!r}"
                             + _far_bound(v[first], quals[first], v[later], quals[later])))
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
        if (qual in _LOWER and bound <= exact <= bound * BOUND_FACTOR
                or qual in _UPPER and bound / BOUND_FACTOR <= exact <= bound):
            return ("bound", pos)
    if qa in _LOWER + _UPPER or qb in _LOWER + _UPPER:
        return None
    return _same_or_rounded(a, b)


def _same_group_finding(rows: Rows, first: str, later: str) -> Finding:
    """One group counted in two units: the statement in people counts, the other is a duplicate."""
    keep, dup = (later, first) if rows.get(later, "unit") == "people" else (first, later)
    return Finding("same_measure", "info", (keep, dup),
                   f"{dup} counts in {rows.get(dup, 'unit')} ({rows.get(dup, 'value_raw')}) the group {keep} counts in "
                   f"{rows.get(keep, 'unit')} ({rows.get(keep, 'value_raw')}); only {keep} counts",
                   action=f"marked {dup} duplicate", statuses={dup: "duplicate"})


def _far_bound(a: float, qa: str, b: float, qb: str) -> str:
    """Why a bound on the right side of the exact value still disagrees with it ('' if it does not)."""
    for bound, qual, exact in ((a, qa, b), (b, qb, a)):
        right_side = qual in _LOWER and exact > bound or qual in _UPPER and exact < bound
        if right_side and pd.notna(bound) and pd.notna(exact) and bound and exact:
            ratio = max(exact / bound, bound / exact)
            if ratio > BOUND_FACTOR:
                return (f"; the bound points the right way but is {ratio:.1f} times off, more than "
                        f"{BOUND_FACTOR:g}: a disagreement of scope (they do not count the same people)")
    return ""


def check_disagreements(frame: pd.DataFrame) -> list[Finding]:
    """Disagreements the annotator recorded (``disagrees_with``) between statements that are not
    the same measure: logged with both statements; the figure keeps its status and is used, and
    the analyses say wherever they use it that it is disputed and by which statements."""
    rows = frame.loc[frame.disagrees_with != "", ["disagrees_with", "value_raw", "notes"]]
    values = frame.value_raw.to_dict()
    out = []
    for fid, others, printed, notes in zip(rows.index, rows.disagrees_with, rows.value_raw, rows.notes):
        other = others.split()
        shown = ", ".join(f"{o} ({values[o]})" if o in values else o for o in other)
        out.append(Finding("disagreement", "warning", (fid, *other),
                           f"{fid} ({printed}) disagrees with {shown} of the same report: {notes}",
                           action="none: used, and reported as disputed wherever it is used"))
    return out


def _duplicate_finding(first: str, later: str, values: dict, quals: dict) -> Finding:
    kind = _agree(values[first], quals[first], values[later], quals[later])
    if kind == "same":
        dup, keep, how = later, first, "states the same value"
    elif isinstance(kind, tuple):
        dup, keep = (first, later) if kind[1] == 0 else (later, first)
        how = f"is a bound ({fmt(values[dup])}) consistent with the exact {fmt(values[keep])}"
    else:
        dup, keep = (first, later) if kind == 0 else (later, first)
        how = f"is a rounded version ({fmt(values[dup])} for {fmt(values[keep])})"
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
    rows = Rows(frame)
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
