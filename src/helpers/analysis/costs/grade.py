"""A plain trust grade for every row of the cost table, so that a reader comparing actors
knows which numbers may be set side by side.

*comparable*: money spent divided by people reached, for the same period, from figures
that are exact, undisputed and unflagged, counted by the organisation that spent the money,
all from the documents: two such numbers measure the same thing.
*indicative*: a cost per beneficiary exists, but something in its definition or its
figures (named by ``trust_issues``) keeps it from being set against another actor's.
*not comparable*: the sources give money, but none of it can be divided by the people it
paid for, or only money the beneficiaries earned (not a cost).
*no data*: the sources give no amount of money at all."""
from __future__ import annotations

import pandas as pd

from helpers.analysis.costs.matching import COST, NO_COST_DATA

COMPARABLE, INDICATIVE, NOT_COMPARABLE, NO_DATA = "comparable", "indicative", "not comparable", "no data"
GRADES = (COMPARABLE, INDICATIVE, NOT_COMPARABLE, NO_DATA)
# The issues that make a cost per beneficiary indicative, in the order a reader weighs them.
ISSUES = ("not_spent", "not_reached", "households", "bound", "disputed", "flagged", "periods_differ",
          "other_hands", "outside_source")


def issues(row) -> tuple[str, ...]:
    """What keeps one cost per beneficiary from being comparable (codes of ``ISSUES``)."""
    found = {
        "not_spent": row.cost_kind != "expenditure",
        "not_reached": row.group != "reached",
        "households": "per household" in str(row.beneficiary_definition),
        "bound": row.bound not in ("exact", "range"),
        "disputed": bool(str(row.disputed_by or "").strip()),
        "flagged": bool(row.flagged),
        "periods_differ": row.cost_period != row.beneficiary_period,
        # one organisation's money over people another counted: their own money may have served them too
        "other_hands": bool(row.facts.implementer and row.facts.counted_by
                            and list(row.facts.counted_by) != [row.facts.implementer]),
        # an amount published outside the documents (a news article, a donor's page): cited, not checked
        "outside_source": bool(row.facts.citation),
    }
    return tuple(code for code in ISSUES if found[code])


def grade(row) -> tuple[str, tuple[str, ...]]:
    """The grade of one row of the cost table and the issues behind it."""
    if row.measure == NO_COST_DATA:
        return NO_DATA, ()
    if row.measure != COST:
        return NOT_COMPARABLE, ()
    found = issues(row)
    return (INDICATIVE if found else COMPARABLE), found


def with_grades(table: pd.DataFrame) -> pd.DataFrame:
    """The cost table with ``trust_grade`` and ``trust_issues`` (space-separated codes)."""
    graded = [grade(r) for r in table.itertuples()]
    return table.assign(trust_grade=[g for g, _ in graded], trust_issues=[" ".join(i) for _, i in graded])
