"""Where the hand annotation already is: the numeric tokens that the coverage audit counts as
accounted for, and the token each annotated figure and exclusion stands on.

"Accounted for" is the audit's own verdict (``coverage.audit``), not a second implementation
of it; the token of a figure is the k-th printing of its value_raw in its quote for the k-th
row with that quote and value_raw, as annotators order repeated values ("the second '83'")."""
from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from helpers.sources import coverage

_OFFSET_RE = re.compile(r"offset (\d+)$")


def unaccounted(doc: str, text: str, figures: pd.DataFrame, exclusions: pd.DataFrame):
    """(start offsets of the tokens the audit finds unaccounted for, the audit's other problems)."""
    figs = figures[figures.doc == doc]
    excl = exclusions[exclusions.doc == doc]
    starts, other = set(), []
    for problem in coverage.audit(figs, excl, {doc: text}):
        found = _OFFSET_RE.match(problem.where)
        if found and "unaccounted for" in problem.message:
            starts.add(int(found.group(1)))
        else:
            other.append(problem)
    return starts, other


def printed_at(qs: int, quote: str, value_raw: str, toks: dict[int, coverage.Token]) -> list[int]:
    """Token starts where ``value_raw`` is printed as a whole number inside the quote at ``qs``."""
    wanted = coverage.token_texts(value_raw)
    out, pos = [], quote.find(value_raw)
    while pos >= 0:
        before = quote[pos - 1] if pos else ""
        after = quote[pos + len(value_raw):pos + len(value_raw) + 1]
        if not (before.isalnum() or after.isalnum()):
            start = next((s for s in range(qs + pos, qs + pos + len(value_raw))
                          if s in toks and toks[s].text.lower() in wanted), None)
            if start is not None:
                out.append(start)
        pos = quote.find(value_raw, pos + 1)
    return out


def figure_tokens(doc: str, text: str, figures: pd.DataFrame) -> dict[str, int]:
    """figure_id -> start offset of the token its value_raw stands on (figures not found are left out)."""
    toks = {t.start: t for t in coverage.tokens(text)}
    seen: dict[tuple, int] = defaultdict(int)
    out = {}
    rows = figures[figures.doc == doc]
    for fid, quote, occ, value_raw in zip(rows.figure_id, rows.quote, rows.occurrence, rows.value_raw):
        qs = coverage.find_occurrence(text, quote, int(occ))
        if qs < 0:
            continue
        key = (quote, int(occ), value_raw)
        starts = printed_at(qs, quote, value_raw, toks)
        if seen[key] < len(starts):
            out[fid] = starts[seen[key]]
        seen[key] += 1
    return out


def exclusion_tokens(doc: str, text: str, exclusions: pd.DataFrame) -> dict[int, str]:
    """Token start -> reason, for every token that a coverage exclusion of ``doc`` covers."""
    out = {}
    rows = exclusions[exclusions.doc == doc]
    for context, tokens_, reason in zip(rows.context, rows.tokens, rows.reason):
        wanted = {t.lower() for t in str(tokens_).split("|")}
        for s in coverage.all_occurrences(text, context):
            for tok in coverage.tokens(context):
                if tok.text.lower() in wanted:
                    out.setdefault(s + tok.start, reason)
    return out
