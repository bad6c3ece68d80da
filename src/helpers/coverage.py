"""Coverage audit: every number printed in a source document must be accounted for,
either by a row of figures.csv or by an explicit, reasoned exclusion.

Run ``python -m helpers.coverage [DOC]`` to list the tokens still unaccounted for."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

import pandas as pd

from helpers import paths, sources

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred thousand million billion half quarter dozen double"
).split()
# Digit groups joined by a single space (incl. no-break spaces) are one number ("3 000");
# otherwise a run of digits with '.' or ',' inside it ("25,6140", "349.822").
TOKEN_RE = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)"
    r"|\d+(?:[.,]\d+)*"
    r"|\b(?:" + "|".join(_WORDS) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    doc: str
    start: int
    end: int
    text: str


def tokens(text: str, doc: str = "") -> list[Token]:
    """Every numeric token (digits, or a number written as a word) in ``text``."""
    return [Token(doc, m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def token_texts(text: str) -> set[str]:
    return {t.text.lower() for t in tokens(text)}


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> int:
    """Start offset of the ``occurrence``-th (1-based) match of ``quote``, or -1."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos


def all_occurrences(text: str, quote: str) -> list[int]:
    out, pos = [], text.find(quote)
    while pos >= 0:
        out.append(pos)
        pos = text.find(quote, pos + 1)
    return out


@dataclass(frozen=True)
class Problem:
    doc: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.doc}: {self.where}: {self.message}"


def _spans_from_figures(figs: pd.DataFrame, texts: dict[str, str], problems: list[Problem]):
    for row in figs.itertuples(index=False):
        text = texts.get(row.doc)
        if text is None:
            problems.append(Problem(row.doc, row.figure_id, "unknown document"))
            continue
        start = find_occurrence(text, row.quote, int(row.occurrence))
        if start < 0:
            problems.append(Problem(row.doc, row.figure_id,
                                    f"quote (occurrence {row.occurrence}) not found verbatim"))
            continue
        if row.value_raw not in row.quote:
            problems.append(Problem(row.doc, row.figure_id,
                                    f"value_raw {row.value_raw!r} is not part of the quote"))
            continue
        wanted = token_texts(row.value_raw)
        if not wanted:
            problems.append(Problem(row.doc, row.figure_id,
                                    f"value_raw {row.value_raw!r} holds no numeric token"))
        yield row.doc, start, start + len(row.quote), wanted


def _spans_from_exclusions(excl: pd.DataFrame, texts: dict[str, str], problems: list[Problem]):
    for i, row in enumerate(excl.itertuples(index=False), start=2):
        text = texts.get(row.doc)
        where = f"{paths.COVERAGE_EXCLUSIONS.name} line {i}"
        if text is None:
            problems.append(Problem(row.doc, where, "unknown document"))
            continue
        starts = all_occurrences(text, row.context)
        if not starts:
            problems.append(Problem(row.doc, where, f"context {row.context!r} not found verbatim"))
            continue
        wanted = {t.lower() for t in str(row.tokens).split("|")}
        missing = wanted - token_texts(row.context)
        if missing:
            problems.append(Problem(row.doc, where, f"tokens {sorted(missing)} not in context"))
        for s in starts:
            yield row.doc, s, s + len(row.context), wanted


def audit(figs: pd.DataFrame, excl: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    """Problems with quotes and exclusions, then every numeric token left unaccounted for."""
    problems: list[Problem] = []
    covered: dict[str, list[tuple[int, int, set[str]]]] = {d: [] for d in texts}
    for doc, s, e, wanted in _spans_from_figures(figs, texts, problems):
        covered[doc].append((s, e, wanted))
    for doc, s, e, wanted in _spans_from_exclusions(excl, texts, problems):
        covered[doc].append((s, e, wanted))
    for doc, text in texts.items():
        spans = sorted(covered[doc], key=lambda x: x[0])
        for tok in tokens(text, doc):
            if not any(s <= tok.start and tok.end <= e and tok.text.lower() in w
                       for s, e, w in spans if s <= tok.start):
                ctx = text[max(0, tok.start - 50): tok.end + 50].replace("\n", " ")
                problems.append(Problem(doc, f"offset {tok.start}",
                                        f"numeric token {tok.text!r} unaccounted for: …{ctx}…"))
    return problems


def load_exclusions(path=paths.COVERAGE_EXCLUSIONS) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from helpers.figures import load_raw_figures

    ap = argparse.ArgumentParser(description="List numeric tokens not accounted for.")
    ap.add_argument("docs", nargs="*", help="limit to these document file names")
    ap.add_argument("--figures", default=paths.FIGURES)
    ap.add_argument("--exclusions", default=paths.COVERAGE_EXCLUSIONS)
    ap.add_argument("--lines", help="only report unaccounted tokens on lines FIRST:LAST (1-based)")
    args = ap.parse_args(argv)
    texts = sources.read_texts()
    if args.docs:
        texts = {d: t for d, t in texts.items() if d in args.docs}
    figs = load_raw_figures(args.figures, validate=False)
    excl = load_exclusions(args.exclusions)
    problems = audit(figs[figs.doc.isin(texts)], excl[excl.doc.isin(texts)], texts)
    if args.lines:
        first, last = (int(x) for x in args.lines.split(":"))
        problems = [p for p in problems if not p.where.startswith("offset ")
                    or first <= texts[p.doc].count("\n", 0, int(p.where.split()[1])) + 1 <= last]
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
