"""Cost per beneficiary: money records matched to the beneficiaries they paid for.

Only like with like. Each kind of money fits one kind of count (``MATCH_RULES``):
expenditure with people reached, requirements, allocations and budgets with people
targeted, funding with people targeted or organisations funded. A pair also needs the
same actor, the same programme (or one of its sub-programmes; figures that name no
programme are their document's own, ``records.programme_of``), an overlapping period
and a fitting place. Money that beneficiaries earned or raised is reported as value
per beneficiary, never as cost. Every pair names the figures it comes from and keeps,
in ``facts``, what a reader must be told about it (the wording is in
``helpers.reporting.text.costs``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from helpers.analysis.beneficiaries import (
    people_bounds,
    region_fits,
    to_people,
    top_level,
)
from helpers.analysis.costs.records import COST_BASIS, MATCH_RULES, Inputs, Settings, Unnamed, programme_of
from helpers.cleaning import money
from helpers.cleaning.numbers import ESTIMATES, LOWER_BOUNDS, UPPER_BOUNDS
from helpers.sources import periods as period_text

# A denominator is dominated by one count when that count carries at least this share of it.
DOMINANT_SHARE = 0.5
COST, VALUE = "cost per beneficiary", "value per beneficiary"  # the measures of a pair
NO_COST_DATA = "no cost data"  # no amount of money at all
NOT_PAIRED = "amounts not paired"  # amounts found, none can be divided by people they paid for
NO_HEADLINE = (NO_COST_DATA, NOT_PAIRED)

OUTPUT_COLUMNS = [
    "actor", "measure", "cost_figure_ids", "beneficiary_figure_ids", "cost_definition",
    "beneficiary_definition", "group", "per", "currency", "rate_year", "rate_years", "low", "central", "high", "bound",
    "amount", "people_lower", "people_upper", "low_counts", "dominant_count", "dominant_share", "disputed_by",
    "cost_period", "beneficiary_period", "programme", "paid_by", "cost_basis", "flagged", "headline", "trust_grade",
    "trust_issues", "note",
]
# Used across runs and by the wording: ``facts`` holds what the note of a row says.
INTERNAL_COLUMNS = ["cost_kind", "flag_level", "source_currency", "facts"]


# How a definition says that households were converted to people, and how to read it back.
PER_HOUSEHOLD = " (x {size:g} people per household)"


def household_conversion(definition: str) -> tuple[str, float | None]:
    """('households targeted', 6.0) for 'households targeted (x 6 people per household)';
    (definition, None) where no households were converted."""
    label, _, size = definition.partition(" (x ")
    return (label, float(size.split()[0])) if size else (definition, None)


def ratio_bound(num_qualifier: str, den_qualifiers) -> str:
    """What money / count is when either is printed as a bound or an estimate:
    'more than X' / exact count is a lower bound; X / 'at least N' an upper bound;
    both 'more than' and 'at least' is no bound at all."""
    directions = set()
    for q, flip in [(num_qualifier, False), *((d, True) for d in den_qualifiers)]:
        if q in LOWER_BOUNDS | UPPER_BOUNDS:
            directions.add((q in LOWER_BOUNDS) != flip)
    if len(directions) == 2:
        return "not a bound"
    if directions:
        return "lower bound" if directions.pop() else "upper bound"
    estimated = num_qualifier in ESTIMATES or any(q in ESTIMATES for q in den_qualifiers)
    return "approximate" if estimated else "exact"


def usable_records(records: pd.DataFrame, role: str, settings: Settings) -> pd.DataFrame:
    keep = ((records.role == role) & records.actor.isin(settings.actors)
            & (records.status != "duplicate") & records.value.notna())
    if not settings.include_flagged:
        keep &= ~records.flagged
    return records[keep]


def chosen_counts(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    counts = inputs.counts[inputs.counts.definition.isin(settings.beneficiary_definitions)]
    return counts if settings.include_flagged else counts[~counts.flagged]


def _scope(record, scopes: dict) -> set:
    """The programmes a money record pays for: its own (``programme_of``) and its sub-programmes."""
    own = programme_of(record.programme, record.doc)
    return scopes.get((record.actor, own), {own}) - {""}


def _programmes(counts: pd.DataFrame) -> list:
    return [programme_of(p, d) for p, d in zip(counts.programme, counts.doc)]


def candidates(cost, counts: pd.DataFrame, scopes: dict) -> pd.DataFrame:
    """Counts that fit one money record: same actor, programme scope, period and place."""
    scope = _scope(cost, scopes)
    fits = [a == cost.actor and p in scope and period_text.overlap(cost.years, y) and region_fits(cost.region, r)
            for a, p, y, r in zip(counts.actor, _programmes(counts), counts.years, counts.region)]
    return counts[fits]


def factor(inputs: Inputs, record, settings: Settings) -> float:
    """Units of the target currency per unit of the record's currency, at the rates of its own
    period or of the forced rate year."""
    return money.period_rate(inputs.rates, record.currency, settings.target_currency, record.period,
                             settings.rate_year)


def periods(members: pd.DataFrame) -> str:
    return ", ".join(sorted(set(members.period) - {""})) or "not stated"


@dataclass(frozen=True)
class PairFacts:
    """What a pair's note must say: overlap of its counts, parts left out, households
    converted, whose money paid for whose people, bounds, sources, periods, doubts."""

    group: str
    per: str
    counts: int
    lower: float
    upper: float
    nested: tuple[tuple[str, str], ...]  # (figure id, part_kind) of counts that are parts of other counts
    household_size: float | None  # set when households were converted to people
    sizes: tuple[float, float]
    implementer: str
    counted_by: tuple[str, ...]
    money_kind: str
    amount_qualifier: str
    amount_raw: str
    bound_counts: tuple[tuple[str, str], ...]  # (figure id, printed value) of counts printed as bounds
    citation: str  # set for an amount from the supplementary table
    cost_period: str
    people_period: str
    doubtful: tuple[str, ...]
    disputed: tuple[str, ...]  # statements of the same report the amount disagrees with
    low_ids: tuple[str, ...]  # counts added for the lower bound of unique people (they cannot overlap)
    dominant: tuple[str, float, str] | None  # (figure id, share, label) of a count carrying most of the people
    rate_years: str  # the years whose exchange rates converted the amount
    value_definition: str = ""  # set for value per beneficiary (money earned, not spent)


def ratio_row(record, members: pd.DataFrame, per: str, amount: float,
              settings: Settings, measure: str, group: str, rates: pd.DataFrame) -> dict:
    """One pair: money / unique count as low, central and high."""
    sizes = sorted({*settings.household_sizes, settings.household_size})
    size = settings.household_size if per == "person" else 1.0
    bounds = people_bounds(members, size)
    lower, upper = bounds.low, bounds.high
    fewest = people_bounds(members, min(sizes) if per == "person" else 1.0).low
    most = people_bounds(members, max(sizes) if per == "person" else 1.0).high
    top = top_level(members)
    parts = members[~members.figure_id.isin(set(top.figure_id))]
    people = to_people(top.value, top.count_unit, size)
    heaviest = people.idxmax()
    share = float(people[heaviest] / people.sum())
    bound = ratio_bound(record.qualifier, top.qualifier)
    labels = sorted(set(members.label))
    households = (members.count_unit == "household").any()
    definition = "; ".join(labels) + (PER_HOUSEHOLD.format(size=settings.household_size)
                                      if households and per == "person" else "")
    facts = PairFacts(
        group=group, per=per, counts=len(top), lower=lower, upper=upper, nested=tuple(zip(parts.figure_id, parts.nested_kind)),
        household_size=settings.household_size if per == "person" and households else None,
        sizes=(min(sizes), max(sizes)), implementer=record.implementer,
        counted_by=tuple(sorted(set(top.implementer) - {""})), money_kind=record.money_kind,
        amount_qualifier=record.qualifier, amount_raw=record.amount_raw,
        bound_counts=tuple((c.figure_id, c.value_raw) for c in
                           top[top.qualifier.isin(LOWER_BOUNDS | UPPER_BOUNDS | ESTIMATES)].itertuples()),
        citation=record.citation if record.source == "supplementary" else "",
        cost_period=record.period or "", people_period=periods(members),
        doubtful=tuple([record.record_id] * bool(record.flagged) + list(top.figure_id[top.flagged])),
        disputed=tuple(record.disagrees_with.split()), low_ids=bounds.low_ids,
        dominant=(top.figure_id[heaviest], share, top.label[heaviest]) if len(top) > 1 and share >= DOMINANT_SHARE
        else None,
        rate_years=money.describe_years(money.rate_years_for(record.period, settings.rate_year, rates)))
    return dict(
        actor=record.actor, measure=measure, cost_figure_ids=record.record_id,
        beneficiary_figure_ids=" ".join(top.figure_id), cost_definition=record.definition,
        beneficiary_definition=definition, per=per, currency=settings.target_currency,
        rate_year=settings.rate_year, rate_years=facts.rate_years,
        low=amount / most, central=amount / ((lower + upper) / 2),
        high=amount / fewest, bound="range" if bound == "exact" and upper > lower else bound,
        amount=amount,
        people_lower=lower, people_upper=upper, low_counts=" ".join(bounds.low_ids),
        dominant_count=facts.dominant[0] if facts.dominant else "",
        dominant_share=facts.dominant[1] if facts.dominant else float("nan"),
        disputed_by=record.disagrees_with, cost_period=record.period or "not stated",
        beneficiary_period=periods(members), programme=record.programme, paid_by=record.implementer,
        cost_basis=COST_BASIS if measure == COST else "",
        flagged=bool(record.flagged or top.flagged.any()), headline=False,
        group=group, cost_kind=record.money_kind,
        flag_level=2 if record.doubt else int(bool(record.flagged)), source_currency=record.currency,
        facts=facts)


def cost_pairs(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """Every money record of a cost kind matched to its fitting counts, one row per
    (record, beneficiary group, unit): people; households too when only households are counted."""
    counts = chosen_counts(inputs, settings)
    by_group = {key: part for key, part in counts.groupby(["actor", "group"])}
    rows = []
    for record in usable_records(inputs.records, "cost", settings).itertuples():
        if record.money_kind not in settings.cost_definitions:
            continue
        amount = record.value * factor(inputs, record, settings)
        for group in MATCH_RULES.get(record.money_kind, ()):
            if (record.actor, group) not in by_group:
                continue
            members = candidates(record, by_group[(record.actor, group)], inputs.scopes)
            if members.empty:
                continue
            pers = (["organisation"] if group == "organisations" else
                    ["person", "household"] if (members.count_unit == "household").all() else ["person"])
            rows += [ratio_row(record, members, per, amount, settings, COST, group, inputs.rates)
                     for per in pers]
    return frame(rows)


def value_pairs(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """Money beneficiaries earned or raised, per person counted in the same statement."""
    people = inputs.counts[(inputs.counts.count_unit == "person")]
    if not settings.include_flagged:
        people = people[~people.flagged]
    rows = []
    for record in usable_records(inputs.records, "value", settings).itertuples():
        members = people[(people.actor == record.actor) & (people.quote == record.quote)]
        if members.empty:
            continue
        amount = record.value * factor(inputs, record, settings)
        row = ratio_row(record, members, "person", amount, settings, VALUE, "", inputs.rates)
        row["facts"] = replace(row["facts"], value_definition=record.definition)
        rows.append(row)
    return frame(rows)


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*OUTPUT_COLUMNS, *INTERNAL_COLUMNS])


@dataclass(frozen=True)
class Unpaired:
    """Why a money record has no pair: ``code`` names the first matching rule no count
    satisfies (not_cost, not_chosen, flagged, no_counts, no_place, no_period, no_programme).
    For no_period, ``periods`` are those of the counts of a fitting place; for no_programme,
    ``programme`` is the money's and ``programmes`` those of the counts it could otherwise be
    divided by (an ``Unnamed`` where a document names none)."""

    code: str
    definition: str
    groups: tuple[str, ...] = ()
    actor: str = ""
    flag: str = ""
    period: str = ""
    region: str = ""
    programme: str | Unnamed = ""
    programmes: tuple[str | Unnamed, ...] = ()
    periods: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # every rule that rules out the counts (``code`` is the first)


def unmatched_reason(record, inputs: Inputs, settings: Settings) -> Unpaired:
    """Why a money record has no pair: the rules (programme, period, place) that no count of
    the actor satisfies, each alone; if each is met by some count but none meets all, the
    first rule the counts of its programme fail."""
    if record.money_kind not in MATCH_RULES:
        return Unpaired("not_cost", record.definition)
    if record.money_kind not in settings.cost_definitions:
        return Unpaired("not_chosen", record.definition)
    if record.flagged and not settings.include_flagged:
        return Unpaired("flagged", record.definition, flag=record.doubt or record.status)
    groups = MATCH_RULES[record.money_kind]
    counts = chosen_counts(inputs, settings)
    counts = counts[(counts.actor == record.actor) & counts.group.isin(groups)]
    if counts.empty:
        return Unpaired("no_counts", record.definition, groups, actor=record.actor)
    programmes = _programmes(counts)
    scope = _scope(record, inputs.scopes)
    fits = {"no_programme": pd.Series([p in scope for p in programmes], index=counts.index),
            "no_period": counts.years.map(lambda y: period_text.overlap(record.years, y)),
            "no_place": pd.Series([region_fits(record.region, r) for r in counts.region], index=counts.index)}
    # every rule that alone rules out every count; if none does, the first a count of the
    # programme fails (programme, then period, then place)
    codes = tuple(code for code, ok in fits.items() if not ok.any())
    if not codes:
        timely = fits["no_programme"] & fits["no_period"]
        codes = ("no_period",) if not timely.any() else ("no_place",)
    named = sorted(set(programmes), key=str)
    return Unpaired(codes[0], record.definition, groups, period=record.period, region=record.region,
                    programme=programme_of(record.programme, record.doc), programmes=tuple(named),
                    periods=tuple(sorted(set(counts.period) - {""})), codes=codes)
