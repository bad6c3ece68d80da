"""Coverage audit: every number printed in a source document must be accounted for,
either by a row of figures.csv or by an explicit, reasoned exclusion.

Run ``python -m helpers.coverage [DOC]`` to list the tokens still unaccounted for."""
from __future__ import annotations

import functools
import heapq
import re
from dataclasses import dataclass

import pandas as pd

from helpers import paths
from helpers.sources.manifest import read_texts
from helpers.sources.tables import read_table

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred thousand million billion half quarter dozen double"
).split()
# Digit groups joined by a single space (incl. no-break spaces) are one number ("3 000");
# otherwise a run of digits with '.' or ',' inside it ("25,6140", "349.822").
_GROUPED = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)"
_PLAIN = r"\d+(?:[.,]\d+)*"
TOKEN_RE = re.compile(
    _GROUPED
    + r"|" + _PLAIN
    + r"|\b(?:" + "|".join(_WORDS) + r")\b",
    re.IGNORECASE,
)

# TOKEN_RE tries its three alternatives at every position of a text, and its case-insensitive
# word list makes that slow on a large corpus. _matches finds the same tokens in two cheaper
# passes: numbers only inside runs of digits and separators, and words with a pattern that
# spells out the case variants re.IGNORECASE accepts and branches on the first letter. The
# passes cannot disagree with TOKEN_RE: number tokens hold no letter and word tokens no digit,
# so a token of one kind never hides one of the other (tests/test_bench.py checks this).
_NUMBER_RE = re.compile(_GROUPED + "|" + _PLAIN)
_NUMBER_RUN_RE = re.compile(r"\d[\d.,\u00a0\u202f ]*")


@functools.cache
def _word_re() -> re.Pattern:
    # Every character re.IGNORECASE lets match a Latin letter (none lies above the BMP).
    latin = "".join(re.findall("[a-z]", "".join(map(chr, range(0x10000))), re.IGNORECASE))

    def variants(ch: str) -> str:  # 's' -> '[Ssſ]': what re.IGNORECASE matches for ch
        return "[" + "".join(sorted(set(re.findall(re.escape(ch), latin, re.IGNORECASE)))) + "]"

    by_first: dict[str, list[str]] = {}
    for word in _WORDS:
        by_first.setdefault(word[0], []).append(word)
    branches = [variants(first) + "(?:" + "|".join("".join(map(variants, w[1:])) for w in words) + ")"
                for first, words in by_first.items()]
    return re.compile(r"\b(?:" + "|".join(branches) + r")\b")


def _matches(text: str):
    """The matches of ``TOKEN_RE.finditer(text)``, in the same order, found faster."""
    numbers = (m for run in _NUMBER_RUN_RE.finditer(text)
               for m in _NUMBER_RE.finditer(text, run.start(), run.end()))
    return heapq.merge(numbers, _word_re().finditer(text), key=re.Match.start)


@dataclass(frozen=True)
class Token:
    doc: str
    start: int
    end: int
    text: str


def tokens(text: str, doc: str = "") -> list[Token]:
    """Every numeric token (digits, or a number written as a word) in ``text``."""
    return [Token(doc, m.start(), m.end(), m.group()) for m in _matches(text)]


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


def _columns(frame: pd.DataFrame, *names: str):
    """Rows as tuples of the named columns (much faster than itertuples on text columns)."""
    return zip(*(frame[n].tolist() for n in names))


def _spans_from_figures(figs: pd.DataFrame, texts: dict[str, str], problems: list[Problem]):
    for doc, figure_id, quote, occurrence, value_raw in _columns(
            figs, "doc", "figure_id", "quote", "occurrence", "value_raw"):
        text = texts.get(doc)
        if text is None:
            problems.append(Problem(doc, figure_id, "unknown document"))
            continue
        start = find_occurrence(text, quote, int(occurrence))
        if start < 0:
            problems.append(Problem(doc, figure_id,
                                    f"quote (occurrence {occurrence}) not found verbatim"))
            continue
        if value_raw not in quote:
            problems.append(Problem(doc, figure_id,
                                    f"value_raw {value_raw!r} is not part of the quote"))
            continue
        wanted = token_texts(value_raw)
        if not wanted:
            problems.append(Problem(doc, figure_id,
                                    f"value_raw {value_raw!r} holds no numeric token"))
        yield doc, start, start + len(quote), wanted


def _spans_from_exclusions(excl: pd.DataFrame, texts: dict[str, str], problems: list[Problem]):
    for i, (doc, context, tokens_) in enumerate(_columns(excl, "doc", "context", "tokens"), start=2):
        text = texts.get(doc)
        where = f"{paths.COVERAGE_EXCLUSIONS.name} line {i}"
        if text is None:
            problems.append(Problem(doc, where, "unknown document"))
            continue
        starts = all_occurrences(text, context)
        if not starts:
            problems.append(Problem(doc, where, f"context {context!r} not found verbatim"))
            continue
        wanted = {t.lower() for t in str(tokens_).split("|")}
        missing = wanted - token_texts(context)
        if missing:
            problems.append(Problem(doc, where, f"tokens {sorted(missing)} not in context"))
        for s in starts:
            yield doc, s, s + len(context), wanted


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
        # One sweep over the tokens in text order: ``active`` holds the spans that start at or
        # before the token and reach at least its end. Tokens do not overlap, so a span ending
        # before a token's end can cover no later token and is dropped for good.
        active: list[tuple[int, int, set[str]]] = []
        nxt, n_spans = 0, len(spans)
        for m in _matches(text):  # what tokens() returns, without building Token objects
            start, end = m.span()
            while nxt < n_spans and spans[nxt][0] <= start:
                active.append(spans[nxt])
                nxt += 1
            if active:
                active = [span for span in active if span[1] >= end]
            word = m.group()
            low = word.lower()
            if not any(low in w for _, _, w in active):
                ctx = text[max(0, start - 50): end + 50].replace("\n", " ")
                problems.append(Problem(doc, f"offset {start}",
                                        f"numeric token {word!r} unaccounted for: …{ctx}…"))
    return problems


def load_exclusions(path=paths.COVERAGE_EXCLUSIONS) -> pd.DataFrame:
    return read_table(path, required=("doc", "context", "tokens", "reason"))


def main(argv: list[str] | None = None) -> int:
    import argparse

    from helpers.sources.figures import load_raw_figures
    from helpers.sources.schema import FiguresSchemaError

    ap = argparse.ArgumentParser(description="List numeric tokens not accounted for.")
    ap.add_argument("docs", nargs="*", help="limit to these document file names")
    ap.add_argument("--figures", default=paths.FIGURES)
    ap.add_argument("--exclusions", default=paths.COVERAGE_EXCLUSIONS)
    ap.add_argument("--lines", help="only report unaccounted tokens on lines FIRST:LAST (1-based)")
    args = ap.parse_args(argv)
    texts = read_texts()
    if args.docs:
        texts = {d: t for d, t in texts.items() if d in args.docs}
    try:  # an audit of rows that break the schema would reassure wrongly
        figs = load_raw_figures(args.figures)
    except FiguresSchemaError as err:
        print(err)
        print("coverage audit not run: fix the schema problems first (python -m helpers check lists every problem)")
        return 1
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
