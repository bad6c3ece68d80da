"""Beneficiary denominators: the counts a programme's money can be divided by.

Each usable count in the clean figures gets a *definition* (people reached, people
targeted, households targeted, ...) and a *group*. Money is matched to a group
(spending to reach, requirements and allocations to targets), never to one narrow
count, so that spending on every activity is not divided by the people of one.
Reach figures overlap (a person attends several activities; "reached" counts
contacts), so a set of counts gives bounds of unique people (``helpers.analysis.overlap``),
never a plain sum."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.overlap import Bounds, unique_people
from helpers.analysis.restatements import Restatements
from helpers.sources import periods, vocab
from helpers.sources.tables import numbers, read_table

FLAGGED_STATUSES = ("inconsistent", "ambiguous")
HOUSEHOLD_SIZES = paths.HOUSEHOLD_SIZES

@dataclass(frozen=True)
class Definition:
    label: str
    group: str  # reached | targeted | organisations
    unit: str   # person | household | organisation


DEFINITIONS = {
    "people_reached": Definition("people reached", "reached", "person"),
    "households_reached": Definition("households reached", "reached", "household"),
    "people_trained": Definition("people trained", "reached", "person"),
    "people_sensitized": Definition("people sensitised", "reached", "person"),
    "people_targeted": Definition("people targeted", "targeted", "person"),
    "households_targeted": Definition("households targeted", "targeted", "household"),
    "organisations_supported": Definition("organisations supported", "organisations", "organisation"),
}
# Training and awareness sessions are activities of the same programmes as "reached":
# left out by default, added in the sensitivity analysis as the broad reading of reach.
DEFAULT_DEFINITIONS = ("people_reached", "households_reached", "people_targeted",
                       "households_targeted", "organisations_supported")
BROAD_REACH = ("people_reached", "households_reached", "people_trained", "people_sensitized")
GROUP_LABELS = {"reached": "people reached", "targeted": "people targeted",
                "organisations": "organisations supported"}


def load_household_sizes(path: Path = HOUSEHOLD_SIZES) -> pd.DataFrame:
    """Cited Mali average household sizes, one row per source."""
    table = read_table(path, required=("mean_household_size", "source"))
    table["mean_household_size"] = numbers(table, "mean_household_size", path)
    return table


def region_fits(cost_region: str, count_region: str) -> bool:
    """Can people counted in ``count_region`` be paid for by money for ``cost_region``?
    A count without a place belongs to its programme's place; a national amount covers
    every region of its country (data/raw/vocabulary.csv); an amount without a place
    (several countries) covers no count of a named place."""
    if count_region in ("", cost_region):
        return True
    national = vocab.is_national(cost_region)
    return national and (count_region == "multiple" or vocab.country_of(count_region) == cost_region)


def definition_of(indicator: str, reach_kind: str) -> str | None:
    """The beneficiary definition of a figure, or None if it is not a beneficiary count
    (population context, staff and volunteers, partners are never beneficiaries)."""
    if vocab.reach_class(indicator, reach_kind) in ("context", "workforce"):
        return None
    if indicator == "households_targeted":
        return "households_targeted" if reach_kind == "targeted" else "households_reached"
    return indicator if indicator in DEFINITIONS else None


def denominators(figures: pd.DataFrame) -> pd.DataFrame:
    """Every usable beneficiary count, one row each; duplicates never (they restate a
    count already here). ``flagged`` marks inconsistent/ambiguous figures (including those
    an annotator doubts, ``doubt``): analyses leave them out unless asked."""
    restatements = Restatements(figures)
    rows = figures.assign(definition=[definition_of(i, r) for i, r in
                                      zip(figures.indicator, figures.reach_kind)])
    rows = rows[rows.definition.notna() & (rows.status != "duplicate") & rows.value.notna()].copy()
    defs = rows.definition.map(DEFINITIONS)
    rows["label"] = defs.map(lambda d: d.label)
    rows["group"] = defs.map(lambda d: d.group)
    rows["count_unit"] = defs.map(lambda d: d.unit)
    rows["years"] = rows.period.map(periods.years)
    rows["sex_by_design"] = rows.sex.where(rows.sex.isin(("female", "male")), "")
    rows["flagged"] = rows.status.isin(FLAGGED_STATUSES)
    parents = [restatements.parent(fid) for fid in rows.figure_id]
    rows["nested_in"] = [parent for parent, _ in parents]
    rows["nested_kind"] = [kind for _, kind in parents]
    keep = ["figure_id", "actor", "report_period", "definition", "label", "group", "count_unit", "value",
            "qualifier", "value_raw", "programme", "implementer", "scope", "period", "years", "region",
            "sex_by_design", "status", "flagged", "doubt", "disagrees_with", "nested_in", "nested_kind", "doc",
            "quote", "notes"]
    return rows[keep].reset_index(drop=True)


def to_people(values: pd.Series, units: pd.Series, household_size: float) -> pd.Series:
    """Counts as people: households times ``household_size``, people as they are."""
    return values.where(units != "household", values * household_size)


def top_level(members: pd.DataFrame) -> pd.DataFrame:
    """Members that are not part of another member (a part is already in its total)."""
    return members[~members.nested_in.isin(set(members.figure_id))]


def people_bounds(members: pd.DataFrame, household_size: float) -> Bounds:
    """Unique people in counts that may overlap (the overlap rule of ``helpers.analysis.overlap``);
    parts of a member are not counted again."""
    top = top_level(members)
    people = to_people(top.value, top.count_unit, household_size)
    return unique_people(list(top.figure_id), list(people), list(top.region), list(top.sex_by_design))


def denominator_summary(counts: pd.DataFrame, actors) -> pd.DataFrame:
    """Per actor and definition: how many counts, how many flagged or parts of others, and
    the unique-count bounds of the counts that are not parts (for orientation, across programmes)."""
    rows = []
    for (actor, label), part in counts.groupby(["actor", "label"], sort=False):
        if actor not in actors:
            continue
        usable = part[~part.flagged]
        top = top_level(usable)
        bounds = people_bounds(usable, 1.0) if len(top) else None
        rows.append(dict(actor=actor, definition=label, counts=len(part), flagged=int(part.flagged.sum()),
                         parts_of_others=len(usable) - len(top),
                         at_least=bounds.low if bounds else None, at_most=bounds.high if bounds else None,
                         periods=", ".join(sorted(set(part.period) - {""})) or "not stated"))
    for actor in actors:
        if actor not in {r["actor"] for r in rows}:
            rows.append(dict(actor=actor, definition="no beneficiary counts", counts=0, flagged=0,
                             parts_of_others=0, at_least=None, at_most=None, periods=""))
    order = {a: i for i, a in enumerate(actors)}
    table = pd.DataFrame(rows)
    return (table.assign(_a=table.actor.map(order)).sort_values(["_a", "definition"])
            .drop(columns="_a").reset_index(drop=True))
