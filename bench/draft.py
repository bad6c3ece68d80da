"""How close the drafted annotation comes to the hand annotation.

    .venv/bin/python bench/draft.py               # Markdown table, per document and overall
    .venv/bin/python bench/draft.py --quantulum   # also what quantulum3 reads on the same rows
    .venv/bin/python bench/run.py --only draft    # the same table inside the benchmark report

``draft --all`` runs on each document as if it had no annotation. A hand-annotated figure is
*found* when a drafted figure row stands on the token of its value_raw (the k-th printing of
value_raw in its quote for the k-th row with that quote and value_raw); of the found rows we
count those with the right value (same number, qualifier, currency and percent sign as parsed
by ``parse_number``), unit, sex (compared for people; elsewhere empty and ``all`` agree),
parent and same_as (the drafted link points at the row matched to the hand link's target).
An exclusion is proposed correctly when the draft excludes its token with the same reason.
The issue's bar: at least 95% of the hand-annotated figure rows found with the right value
and unit.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from helpers.cleaning.drafting import annotated
from helpers.cleaning.drafting.draft import draft
from helpers.cleaning.numbers import NumberParseError, parse_number
from helpers.sources import manifest
from helpers.sources.coverage import load_exclusions
from helpers.sources.figures import load_raw_figures

FIELDS = ("value", "unit", "sex", "parent", "same_as")
BANDS = ((0.8, "≥ 0.8"), (0.5, "0.5–0.8"), (0.0, "< 0.5"))


@dataclass
class Score:
    rows: int = 0
    found: int = 0
    right: Counter = field(default_factory=Counter)
    value_and_unit: int = 0
    exclusions: int = 0
    excluded_right: int = 0
    figures_for_excluded: int = 0   # drafted as a figure where the hand annotation excludes
    excluded_figures: int = 0       # drafted as an exclusion where the hand annotation has a figure
    bands: Counter = field(default_factory=Counter)        # confidence band -> found rows
    bands_right: Counter = field(default_factory=Counter)  # ... with the right value and unit
    misses: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("rows", "found", "value_and_unit", "exclusions", "excluded_right",
                     "figures_for_excluded", "excluded_figures"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.right.update(other.right)
        self.bands.update(other.bands)
        self.bands_right.update(other.bands_right)


def same_number(a: str, b: str) -> bool:
    try:
        x, y = parse_number(a), parse_number(b)
    except NumberParseError:
        return False
    return (math.isclose(x.value, y.value) and x.qualifier == y.qualifier and x.currency == y.currency
            and x.is_percent == y.is_percent)


def _band(confidence: float) -> str:
    return next(label for floor, label in BANDS if confidence >= floor)


def score_document(doc: str, text: str, figures, exclusions) -> Score:
    d = draft(doc, text, figures, exclusions, everything=True)
    at = {t.start: item for item in d.items for t in item.mention.tokens}
    hand = figures[figures.doc == doc].set_index("figure_id", drop=False)
    positions = annotated.figure_tokens(doc, text, figures)
    matched = {}  # hand figure id -> drafted item
    score = Score(rows=len(hand))
    for fid, row in hand.iterrows():
        item = at.get(positions.get(fid, -1))
        if item is None or item.exclude:
            score.excluded_figures += item is not None
            score.misses.append((fid, row.value_raw, "excluded: " + item.exclude if item else "not located"))
            continue
        matched[fid] = item
    to_hand = {item.figure_id: fid for fid, item in matched.items()}
    for fid, item in matched.items():
        row = hand.loc[fid]
        score.found += 1
        checks = {
            "value": same_number(row.value_raw, item.mention.raw),
            "unit": item.unit == row.unit,
            "sex": item.sex == row.sex if row.unit == "people" else (item.sex or "all") == (row.sex or "all"),
            "parent": to_hand.get(item.parent_id, "") == row.parent_id,
            "same_as": to_hand.get(item.same_as, "") == row.same_as,
        }
        score.right.update(name for name, ok in checks.items() if ok)
        both = checks["value"] and checks["unit"]
        score.value_and_unit += both
        score.bands[_band(item.confidence)] += 1
        score.bands_right[_band(item.confidence)] += both
        if not both:
            score.misses.append((fid, row.value_raw, f"drafted {item.mention.raw!r} as {item.unit or '(no unit)'}, "
                                                     f"hand {row.unit}"))
    for start, reason in annotated.exclusion_tokens(doc, text, exclusions).items():
        item = at.get(start)
        score.exclusions += 1
        score.excluded_right += bool(item and item.exclude == reason)
        score.figures_for_excluded += bool(item and not item.exclude)
        if not (item and item.exclude == reason):
            score.misses.append((text[start:start + 12].split("\n")[0], reason,
                                 f"drafted {item.exclude or 'a figure'}" if item else "not located"))
    return score


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "–"


def markdown(scores: dict[str, Score]) -> str:
    total = Score()
    for s in scores.values():
        total.add(s)
    head = ("| document | figure rows | found | value¹ | unit¹ | sex¹ | parent¹ | same_as¹ | "
            "**value & unit²** | exclusions | right reason | drafted as figure |")
    lines = [head, "|" + "---|" * 12]
    for name, s in [*scores.items(), ("**overall**", total)]:
        lines.append(f"| {name} | {s.rows} | {pct(s.found, s.rows)} | "
                     + " | ".join(pct(s.right[f], s.found) for f in FIELDS)
                     + f" | **{pct(s.value_and_unit, s.rows)}** | {s.exclusions} | "
                       f"{pct(s.excluded_right, s.exclusions)} | {s.figures_for_excluded} |")
    lines += ["", "¹ share of the found rows. ² share of all hand-annotated figure rows (the issue's bar: ≥ 95%). "
              f"Hand figures the draft proposed to exclude: {total.excluded_figures}.", "",
              "| confidence | found rows | right value & unit |", "|---|---:|---:|"]
    lines += [f"| {label} | {total.bands[label]} | {pct(total.bands_right[label], total.bands[label])} |"
              for _, label in BANDS]
    return "\n".join(lines)


def measure() -> dict[str, Score]:
    texts = manifest.read_texts()
    figures, exclusions = load_raw_figures(), load_exclusions()
    return {doc: score_document(doc, text, figures, exclusions) for doc, text in texts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quantulum", action="store_true", help="also measure quantulum3 on the same rows")
    ap.add_argument("--misses", action="store_true", help="list the hand rows not found with value and unit")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    scores = measure()
    print(markdown(scores))
    print(f"\n(drafting and scoring took {time.perf_counter() - t0:.1f} s)")
    if args.misses:
        for doc, s in scores.items():
            for miss in s.misses:
                print(doc, *miss, sep=" | ")
    if args.quantulum:
        import quantulum_check
        print("\n" + quantulum_check.markdown(quantulum_check.measure()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    raise SystemExit(main())
