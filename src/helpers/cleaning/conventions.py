"""Annotation conventions that make any reasonable annotation give the right numbers, and
the warnings ``python -m helpers check`` gives where an annotation breaks them
(docs/data_dictionary.md, "Conventions").

They are warnings, not errors: each can be right in a given report, but each is a place
where a plausible annotation would give wrong analyses without any other error."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from helpers.cleaning.numbers import NumberParseError, parse_number
from helpers.sources import vocab

PARTNER_WORDS = re.compile(r"\b(?:partners?|implementing|implementers?|consortium members?|cooperating)\b", re.I)


@dataclass(frozen=True)
class Warning_:
    figure_id: str
    column: str
    message: str


def _values(figures: pd.DataFrame) -> dict[str, float]:
    out = {}
    for fid, raw in zip(figures.figure_id, figures.value_raw):
        try:
            out[fid] = parse_number(raw, fid).value
        except NumberParseError:
            continue
    return out


def parts_above_their_total(figures: pd.DataFrame) -> list[Warning_]:
    """Activities listed under a headline (``subset``) that add up to more than it: fine if they
    count the same people several times, wrong if they are not parts of it at all."""
    values = _values(figures)
    subsets = defaultdict(list)
    for fid, parent, kind, unit in zip(figures.figure_id, figures.parent_id, figures.part_kind, figures.unit):
        if parent and kind == "subset" and unit != "percent":
            subsets[parent].append(fid)
    out = []
    for parent, parts in subsets.items():
        total = sum(values.get(p, 0.0) for p in parts)
        if parent in values and len(parts) > 1 and total > values[parent]:
            out.append(Warning_(parent, "parent_id", f"its {len(parts)} subset parts ({', '.join(parts)}) add up to "
                                f"{total:,.0f}, more than {values[parent]:,.0f}: right if they count the same people "
                                "more than once (several activities), wrong if some are not parts of it"))
    return out


def people_and_households_of_one_group(figures: pd.DataFrame) -> list[Warning_]:
    """One count of people and one count of households in one quote, neither ``same_as`` the
    other: if they count the same group, only the people count may be used. Its sex and age
    parts (its women) and links to a headline (``parent_id``) do not matter; two groups of
    people in the quote (a headline and an activity) are not guessed between."""
    out = []
    for _, rows in figures.groupby(["doc", "quote", "occurrence"]):
        people = rows[rows.unit == "people"]
        people = people[~(people.parent_id.isin(set(people.figure_id)) & people.part_kind.isin(("sex", "age")))]
        households = rows[rows.unit == "households"]
        if len(people) != 1 or len(households) != 1:
            continue
        p, h = people.iloc[0], households.iloc[0]
        if h.same_as != p.figure_id and p.same_as != h.figure_id:
            out.append(Warning_(h.figure_id, "same_as", f"counts households in the quote where {p.figure_id} counts "
                                f"people: if they are one group, set same_as={p.figure_id} (only the people count "
                                "is used)"))
    return out


def quotes_without_a_label(figures: pd.DataFrame) -> list[Warning_]:
    """A quote that is only the number: readers cannot tell what was counted."""
    bare = figures[~figures.quote.str.contains(r"[^\W\d_]", regex=True)]
    return [Warning_(fid, "quote", "the quote is only the number: quote the sentence or the table row with its label")
            for fid in bare.figure_id]


def partners_as_beneficiaries(figures: pd.DataFrame) -> list[Warning_]:
    """Organisations counted as supported where the sentence calls them partners: implementing
    and cooperating partners are never beneficiaries (indicator partner_organisations)."""
    rows = figures[(figures.indicator == "organisations_supported") & figures.quote.str.contains(PARTNER_WORDS)]
    return [Warning_(fid, "indicator", "the sentence calls these organisations partners: if they implement or "
                     "cooperate rather than benefit, use indicator partner_organisations")
            for fid in rows.figure_id]


def context_counted_as_reach(figures: pd.DataFrame) -> list[Warning_]:
    """A figure of direct reach whose sentence speaks of people in need, affected, at risk or
    covered: the population of an area is context, not people reached (displaced people who
    were assisted are reached, so 'displaced' alone is no sign)."""
    words = re.compile(r"\b(?:in need|affected|at risk|covered by|population of)\b", re.I)
    direct = [vocab.reach_class(i, k) == "direct" for i, k in zip(figures.indicator, figures.reach_kind)]
    rows = figures[pd.Series(direct, index=figures.index) & (figures.unit == "people")
                   & figures.quote.str.contains(words)]
    return [Warning_(fid, "reach_kind", "the sentence speaks of people in need, affected, at risk or covered: if "
                     "it counts a population rather than people reached, use a context reach kind")
            for fid in rows.figure_id]


CHECKS = (parts_above_their_total, people_and_households_of_one_group, quotes_without_a_label,
          partners_as_beneficiaries, context_counted_as_reach)


def warnings(figures: pd.DataFrame) -> list[Warning_]:
    return [w for check in CHECKS for w in check(figures)]
