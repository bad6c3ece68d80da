"""Would quantulum3 help the draft? Its reading of every hand-annotated figure, beside the draft's.

    .venv/bin/pip install quantulum3 && .venv/bin/python bench/draft.py --quantulum

quantulum3 is not a dependency of the project; this script measures it on the same rows as
bench/draft.py: for each hand-annotated figure, the quantity quantulum3 finds over the token
of its value_raw when it parses the row's quote, its value, and its unit mapped to the units of
figures.csv (a count is "dimensionless" to quantulum3: no unit)."""
from __future__ import annotations

import math
import time
import warnings
from collections import Counter

from helpers.cleaning.drafting import annotated
from helpers.cleaning.drafting.draft import draft
from helpers.cleaning.numbers import parse_number
from helpers.sources import coverage, manifest
from helpers.sources.coverage import load_exclusions
from helpers.sources.figures import load_raw_figures

UNITS = {"percentage": "percent", "hectare": "hectares", "day": "days", "month": "months", "year": "years"}


def _unit(quantity) -> str:
    if quantity.unit.entity.name == "currency":
        return "money"
    return UNITS.get(quantity.unit.name, "" if quantity.unit.name == "dimensionless" else quantity.unit.name)


def measure() -> Counter:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is missing
        from quantulum3 import parser
    texts = manifest.read_texts()
    figures, exclusions = load_raw_figures(), load_exclusions()
    out: Counter = Counter()
    t0 = time.perf_counter()
    for doc, text in texts.items():
        d = draft(doc, text, figures, exclusions, everything=True)
        at = {t.start: item for item in d.items for t in item.mention.tokens}
        positions = annotated.figure_tokens(doc, text, figures)
        for row in figures[figures.doc == doc].itertuples():
            start = positions.get(row.figure_id)
            if start is None:
                continue
            qs = coverage.find_occurrence(text, row.quote, int(row.occurrence))
            found = [q for q in parser.parse(row.quote) if q.span[0] <= start - qs < q.span[1]]
            item = at.get(start)
            ours = item is not None and not item.exclude and item.unit == row.unit
            expressible = row.unit in (*UNITS.values(), "money")
            out["rows"] += 1
            out["draft unit right"] += ours
            out["rows whose unit quantulum3 can name (money, percent, area, time)"] += expressible
            if not found:
                out["quantulum found nothing"] += 1
                continue
            q = found[0]
            value = parse_number(row.value_raw).value
            out["quantulum value right"] += math.isclose(q.value, value)
            unit = _unit(q)
            out["quantulum unit right"] += unit == row.unit
            out["quantulum unit right, of the rows it can name"] += expressible and unit == row.unit
            out["quantulum no unit (a count)"] += unit == ""
            out["quantulum wrong unit"] += unit not in ("", row.unit)
            out["quantulum right where the draft is not"] += unit == row.unit and not ours
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def markdown(counts: Counter) -> str:
    n = counts["rows"]
    lines = ["| quantulum3 on the hand-annotated figure rows | rows | share |", "|---|---:|---:|"]
    for key in ("quantulum value right", "quantulum unit right",
                "rows whose unit quantulum3 can name (money, percent, area, time)",
                "quantulum unit right, of the rows it can name", "quantulum no unit (a count)",
                "quantulum wrong unit", "quantulum found nothing", "draft unit right",
                "quantulum right where the draft is not"):
        of = counts["rows whose unit quantulum3 can name (money, percent, area, time)"] if "of the rows" in key else n
        lines.append(f"| {key} | {counts[key]} | {100 * counts[key] / of:.1f}% |")
    lines.append(f"\n({n} rows; parsing with quantulum3 and drafting took {counts['seconds']} s)")
    return "\n".join(lines)
