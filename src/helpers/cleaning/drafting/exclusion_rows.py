"""The draft's exclusions as rows of coverage_exclusions.csv (doc, context, tokens, reason,
note), ready to append after review.

The audit excludes the listed tokens wherever their context occurs, so a context must be
specific: the excluded number with a few words around it, within its sentence or table row,
widened (by as few words as possible) until it occurs only where its quote does and holds
no other number printed like the excluded one. Numbers of one reason whose contexts overlap
("Published 15 March 2024") share one row, their tokens joined by ``|``."""
from __future__ import annotations

import re

import pandas as pd

from helpers.sources.coverage import tokens as numeric_tokens

EXCLUSION_COLUMNS = ("doc", "context", "tokens", "reason", "note")
_WORDS_AROUND = 2  # words either side of the number to start from
_WORD_RE = re.compile(r"\S+")
_LOOSE_STARTS, _LOOSE_ENDS = "–—-•*", ",.;:!?"  # what a context need not start or end on


def _trim(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """(s, e) without the dashes, bullets and punctuation at its ends that are not the number's."""
    while s < start and (text[s] in _LOOSE_STARTS or text[s].isspace()):
        s += 1
    while e > end and text[e - 1] in _LOOSE_ENDS:
        e -= 1
    return s, e


def _widenings(words: list[tuple[int, int]], start: int, end: int):
    """Spans of words around text[start:end]: ``_WORDS_AROUND`` either side first, then wider
    (fewest words first, balanced before lopsided), then narrower."""
    first = next(i for i, (_, e) in enumerate(words) if e > start)
    last = next(i for i, (_, e) in enumerate(words) if e >= end)
    before, after = first, len(words) - 1 - last
    base = (min(_WORDS_AROUND, before), min(_WORDS_AROUND, after))
    totals = [*range(sum(base) + 1, before + after + 1), *range(sum(base) - 1, -1, -1)]
    balanced = ((k, t - k) for t in totals for k in sorted(range(t + 1), key=lambda k: abs(2 * k - t)))
    for left, right in [base, *balanced]:
        if left <= before and right <= after:
            yield words[first - left][0], words[last + right][1]


def _context(text: str, row: dict, toks, excluded: set[int]) -> str:
    qs, qe = row["quote"]
    words = [(qs + m.start(), qs + m.end()) for m in _WORD_RE.finditer(text[qs:qe])]
    occurs = text.count(text[qs:qe])  # a repeated passage repeats its contexts
    wanted = {t.lower() for t in row["tokens"]}
    spans = [_trim(text, s, e, row["start"], row["end"]) for s, e in _widenings(words, row["start"], row["end"])]
    for s, e in spans:
        hides = any(s <= t.start < e and t.text.lower() in wanted and t.start not in excluded for t in toks)
        if not hides and text.count(text[s:e]) <= occurs:
            return text[s:e]
    return text[slice(*spans[0])]


def exclusion_rows(doc: str, text: str, items) -> pd.DataFrame:
    """One row per excluded number, or per run of excluded numbers of one reason in one quote
    whose contexts overlap; ``items`` are the draft's items (``measure.Item``), in document order."""
    merged: list[dict] = []
    for item in (i for i in items if i.exclude):
        m = item.mention
        span = next(_widenings([(w.start() + item.quote[0], w.end() + item.quote[0]) for w in
                                _WORD_RE.finditer(text[item.quote[0]:item.quote[1]])], m.digits_start, m.digits_end))
        last = merged[-1] if merged else None
        if last and last["quote"] == item.quote and last["reason"] == item.exclude and span[0] <= last["span"][1]:
            last["span"], last["end"] = (last["span"][0], span[1]), m.digits_end
            last["tokens"] += [t.text for t in m.tokens]
            last["confidence"] = min(last["confidence"], item.confidence)
            continue
        merged.append(dict(quote=item.quote, reason=item.exclude, span=span, start=m.digits_start,
                           end=m.digits_end, tokens=[t.text for t in m.tokens], confidence=item.confidence))
    toks = numeric_tokens(text)
    excluded = {t.start for i in items if i.exclude for t in i.mention.tokens}
    rows = [dict(doc=doc, context=_context(text, row, toks, excluded), tokens="|".join(dict.fromkeys(row["tokens"])),
                 reason=row["reason"], note=f"drafted as {row['reason']} (confidence {row['confidence']:.2f})")
            for row in merged]
    return pd.DataFrame(rows, columns=list(EXCLUSION_COLUMNS))
