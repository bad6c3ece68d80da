"""Cost per beneficiary: money figures matched to the beneficiaries they paid for.

Only like with like. Each kind of money fits one kind of count (``MATCH_RULES``):
expenditure with people reached, requirements, allocations and budgets with people
targeted, funding with people targeted or organisations funded. A pair also needs the
same actor, the same programme (or one of its sub-programmes), an overlapping period
and a fitting place. Money that beneficiaries earned or raised is reported as value
per beneficiary, never as cost. Every output row names the figures it comes from, and
an actor without a pair gets the words "no cost data in the sources" and what is missing.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from helpers import money, paths, vocab
from helpers.beneficiaries import (BROAD_REACH, DEFAULT_DEFINITIONS, FLAGGED_STATUSES, GROUP_LABELS,
                                   load_household_sizes, people_bounds, period_years,
                                   region_fits, top_level, years_overlap)
from helpers.numbers import ESTIMATES, LOWER_BOUNDS, UPPER_BOUNDS

COST_KINDS = {
    "expenditure": "programme expenditure",
    "allocation": "allocation",
    "funding_requirement": "funding requirement",
    "budget": "budget",
    "funding": "funding received",
    "funding_reported": "funding reported by a partner",
}
VALUE_KINDS = {
    "beneficiary_income": "income earned by beneficiaries",
    "finance_raised": "finance raised by beneficiaries",
    "profit": "profit of beneficiaries",
}
KIND_CAVEATS = {
    "allocation": "allocated, not necessarily spent",
    "funding_requirement": "what was asked for, not what was spent",
    "budget": "planned, not spent",
    "funding": "funding received, not expenditure",
    "funding_reported": "funding a partner reported, not expenditure",
}
MATCH_RULES = {
    "expenditure": ("reached", "organisations"),
    "allocation": ("targeted",),
    "funding_requirement": ("targeted",),
    "budget": ("targeted",),
    "funding": ("targeted", "organisations"),
    "funding_reported": ("targeted", "organisations"),
}
PER_UNITS = ("person", "household", "organisation")
PLURAL = {"person": "people", "household": "households", "organisation": "organisations"}
BOUND_PHRASES = {
    "exact": "from exact figures",
    "range": "a range because the counts may overlap",
    "lower bound": "a lower bound",
    "upper bound": "an upper bound",
    "approximate": "approximate",
    "not a bound": "neither a lower nor an upper bound",
}
NO_COST = "no cost data in the sources"
# None of the sources says whether its amounts include shared and indirect costs.
COST_BASIS = "not stated"
OUTPUT_COLUMNS = [
    "actor", "measure", "cost_figure_ids", "beneficiary_figure_ids", "cost_definition",
    "beneficiary_definition", "per", "currency", "rate_year", "low", "central", "high", "bound",
    "amount", "people_lower", "people_upper", "cost_period", "beneficiary_period", "programme",
    "cost_basis", "flagged", "headline", "note",
]
INTERNAL_COLUMNS = ["group", "cost_kind", "flag_level", "source_currency"]  # used across runs
_LEADING_QUALIFIERS = [  # supplementary amounts are printed in French, Dutch and English
    ("more_than", r"plus d|more than|over|above|ruim|meer dan"),
    ("at_least", r"at least|au moins|minstens"),
    ("approximately", r"about|around|approximately|environ|ongeveer|circa"),
]


@dataclass(frozen=True)
class Settings:
    """The analysis choices (the notebook's parameters). ``household_sizes`` are the cited
    alternatives that give the low and high ends of household-based figures."""

    target_currency: str = "CHF"
    rate_year: int = 2023
    household_size: float = 6.0
    household_sizes: tuple[float, ...] = ()
    cost_definitions: tuple[str, ...] = tuple(COST_KINDS)
    beneficiary_definitions: tuple[str, ...] = DEFAULT_DEFINITIONS
    actors: tuple[str, ...] = vocab.ACTORS
    include_flagged: bool = False


@dataclass(frozen=True)
class Inputs:
    records: pd.DataFrame  # cost_records()
    counts: pd.DataFrame   # beneficiaries.denominators()
    scopes: dict           # programme_scopes()
    rates: pd.DataFrame    # money.load_rates()


# --- inputs ------------------------------------------------------------------------------


def load_supplementary(path: Path = paths.COSTS_SUPPLEMENTARY) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["value"] = pd.to_numeric(table["value"], errors="raise")
    return table


def amount_qualifier(amount_raw: str) -> str:
    """'plus d'un milliard', 'ruim € 40 miljoen' -> more_than; a plain amount -> exact."""
    text = " ".join(amount_raw.lower().split())
    return next((q for q, words in _LEADING_QUALIFIERS if re.match(rf"(?:{words})\b", text)), "exact")


def _role(kind: str) -> str:
    return "cost" if kind in COST_KINDS else "value" if kind in VALUE_KINDS else "other"


def _link_programme(actor: str, text: str, figures: pd.DataFrame) -> tuple[str, str]:
    """(programme, region) of the report figures a supplementary row names in its programme
    text; ('', '') if it names none. The region is the programme's, if it has one."""
    own = figures[figures.actor == actor]
    named = [p for p in set(own.programme) - {""} if p.lower() in text.lower()]
    if not named:
        return "", ""
    programme = max(named, key=len)
    regions = set(own.region[own.programme == programme]) - {""}
    return programme, regions.pop() if len(regions) == 1 else ""


def cost_records(figures: pd.DataFrame, supplementary: pd.DataFrame) -> pd.DataFrame:
    """Every money figure of the clean data and of the supplementary table, classified:
    cost (what the programme spent, received, asked for) or value (what beneficiaries
    earned or raised), with currency, period, actor and citation."""
    fig = figures[figures.unit == "money"]
    from_reports = pd.DataFrame({
        "record_id": fig.figure_id, "source": "report", "actor": fig.actor,
        "money_kind": fig.money_kind, "amount_raw": fig.value_raw, "value": fig.value,
        "currency": fig.currency, "qualifier": fig.qualifier, "period": fig.period,
        "programme": fig.programme, "programme_text": fig.programme,
        "implementer": fig.implementer, "region": fig.region, "status": fig.status,
        "quote": fig.quote, "citation": fig.doc, "notes": fig.notes, "doubt": fig.doubt})
    links = [_link_programme(a, t, figures) for a, t in
             zip(supplementary.actor, supplementary.programme)]
    citation = [f"{r.publisher}: {r.source_title}" + (f" ({r.published})" if r.published else "")
                + (f", {r.url}" if r.url else "") for r in supplementary.itertuples()]
    from_supplement = pd.DataFrame({
        "record_id": supplementary.supp_id, "source": "supplementary", "actor": supplementary.actor,
        "money_kind": supplementary.money_kind, "amount_raw": supplementary.amount_raw,
        "value": supplementary.value, "currency": supplementary.currency,
        "qualifier": supplementary.amount_raw.map(amount_qualifier),
        "period": supplementary.period, "programme": [p for p, _ in links],
        "programme_text": supplementary.programme, "implementer": "",
        "region": [r for _, r in links], "status": "", "quote": supplementary.quote,
        "citation": citation, "notes": supplementary.note, "doubt": ""})
    records = pd.concat([from_reports, from_supplement], ignore_index=True)
    records["definition"] = records.money_kind.map({**COST_KINDS, **VALUE_KINDS}).fillna(records.money_kind)
    records["role"] = records.money_kind.map(_role)
    records["years"] = records.period.map(period_years)
    records["flagged"] = records.status.isin(FLAGGED_STATUSES)
    return records


def programme_scopes(figures: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """(actor, programme) -> the programme and its sub-programmes, read from parent links
    that cross programmes (an 'Emergency operations' requirement that is part of the
    'Mali country plan' requirement makes emergency operations part of the plan)."""
    parent_programme = dict(zip(figures.figure_id, figures.programme))
    links = {(a, c, parent_programme.get(p, "")) for a, c, p in
             zip(figures.actor, figures.programme, figures.parent_id) if p}
    scopes = {(a, p): {p} for a, p in zip(figures.actor, figures.programme)}
    changed = True
    while changed:
        changed = False
        for actor, child, parent in links:
            if parent and child != parent:
                before = len(scopes[(actor, parent)])
                scopes[(actor, parent)] |= scopes[(actor, child)]
                changed |= len(scopes[(actor, parent)]) > before
    return scopes


def build_inputs(figures: pd.DataFrame, supplementary: pd.DataFrame, rates: pd.DataFrame,
                 counts: pd.DataFrame) -> Inputs:
    return Inputs(cost_records(figures, supplementary), counts, programme_scopes(figures), rates)


# --- conversion ----------------------------------------------------------------------------


def rate_rows(rates: pd.DataFrame, base: str, quote: str, year: int) -> pd.DataFrame:
    """The rows of the rate table that ``money.rate`` uses for base -> quote in ``year``
    (direct, inverse, or both legs through the pivot), to cite them and their caveats."""
    if base == quote:
        return rates.iloc[0:0]
    in_year = rates[rates.year == year]

    def leg(a: str, b: str) -> pd.DataFrame:
        return in_year[((in_year.base == a) & (in_year.quote == b))
                       | ((in_year.base == b) & (in_year.quote == a))].head(1)

    direct = leg(base, quote)
    return direct if len(direct) else pd.concat([leg(base, money.PIVOT), leg(money.PIVOT, quote)])


def rates_used(currencies, target: str, year: int, rates: pd.DataFrame) -> pd.DataFrame:
    """Every rate row behind converting ``currencies`` to ``target``, with whether its
    value was checked against a stored copy of the source."""
    rows = [rate_rows(rates, c, target, year) for c in sorted(set(currencies) - {"", target})]
    used = pd.concat(rows).drop_duplicates() if rows else rates.iloc[0:0]
    return used.assign(verified=~used.note.str.contains("not verified", na=False))


# --- matching ------------------------------------------------------------------------------


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


def _usable(records: pd.DataFrame, role: str, settings: Settings) -> pd.DataFrame:
    keep = ((records.role == role) & records.actor.isin(settings.actors)
            & (records.status != "duplicate") & records.value.notna())
    if not settings.include_flagged:
        keep &= ~records.flagged
    return records[keep]


def _counts(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    counts = inputs.counts[inputs.counts.definition.isin(settings.beneficiary_definitions)]
    return counts if settings.include_flagged else counts[~counts.flagged]


def candidates(cost, counts: pd.DataFrame, scopes: dict) -> pd.DataFrame:
    """Counts that fit one money record: same actor, programme scope, period and place."""
    scope = scopes.get((cost.actor, cost.programme), {cost.programme}) - {""}
    fits = [a == cost.actor and p in scope and years_overlap(cost.years, y) and region_fits(cost.region, r)
            for a, p, y, r in zip(counts.actor, counts.programme, counts.years, counts.region)]
    return counts[fits]


def _factor(inputs: Inputs, currency: str, settings: Settings) -> float:
    return money.rate(inputs.rates, currency, settings.target_currency, settings.rate_year)


def _periods(members: pd.DataFrame) -> str:
    return ", ".join(sorted(set(members.period) - {""})) or "not stated"


def _ratio_row(record, members: pd.DataFrame, per: str, amount: float,
               settings: Settings, measure: str, group: str) -> dict:
    """One pair: money / unique count as low, central and high."""
    sizes = sorted({*settings.household_sizes, settings.household_size})
    size = settings.household_size if per == "person" else 1.0
    lower, upper = people_bounds(members, size)
    fewest = people_bounds(members, min(sizes) if per == "person" else 1.0)[0]
    most = people_bounds(members, max(sizes) if per == "person" else 1.0)[1]
    top = top_level(members)
    bound = ratio_bound(record.qualifier, top.qualifier)
    labels = sorted(set(members.label))
    households = (members.count_unit == "household").any()
    definition = "; ".join(labels) + (f" (x {settings.household_size:g} people per household)"
                                      if households and per == "person" else "")
    return dict(
        actor=record.actor, measure=measure, cost_figure_ids=record.record_id,
        beneficiary_figure_ids=" ".join(top.figure_id), cost_definition=record.definition,
        beneficiary_definition=definition, per=per, currency=settings.target_currency,
        rate_year=settings.rate_year, low=amount / most, central=amount / ((lower + upper) / 2),
        high=amount / fewest, bound="range" if bound == "exact" and upper > lower else bound,
        amount=amount,
        people_lower=lower, people_upper=upper, cost_period=record.period or "not stated",
        beneficiary_period=_periods(members), programme=record.programme,
        cost_basis=COST_BASIS if measure == "cost per beneficiary" else "",
        flagged=bool(record.flagged or top.flagged.any()), headline=False,
        group=group, cost_kind=record.money_kind,
        flag_level=2 if record.doubt else int(bool(record.flagged)), source_currency=record.currency,
        note=_pair_note(record, members, top, (lower, upper), per, group, settings, sizes))


def _pair_note(record, members, top, bounds, per, group, settings, sizes) -> str:
    unit = PLURAL[per]
    lower, upper = bounds
    parts = []
    if upper > lower:
        why = " ('reached' counts contacts across activities)" if group == "reached" else ""
        parts.append(f"the {len(top)} counts may overlap{why}: unique {unit} between "
                     f"{lower:,.0f} (largest count) and {upper:,.0f} (sum); central uses the midpoint")
    nested = len(members) - len(top)
    if nested:
        parts.append(f"{nested} count(s) that are parts of these (sub-activities, sex or place) "
                     "not counted again")
    if per == "person" and (members.count_unit == "household").any():
        parts.append(f"households converted at {settings.household_size:g} people each "
                     f"(low/high with the cited sizes {min(sizes):g} to {max(sizes):g})")
    counted_by = sorted(set(top.implementer) - {""})
    if record.implementer and counted_by and counted_by != [record.implementer]:
        parts.append(f"money of {record.implementer}; people counted for {', '.join(counted_by)}")
    if record.money_kind in KIND_CAVEATS:
        parts.append(KIND_CAVEATS[record.money_kind])
    if record.qualifier in LOWER_BOUNDS:
        parts.append(f"the amount is printed as a lower bound ({record.amount_raw})")
    for c in top[top.qualifier.isin(LOWER_BOUNDS | UPPER_BOUNDS | ESTIMATES)].itertuples():
        parts.append(f"the count {c.figure_id} is printed as '{c.value_raw}'")
    if record.source == "supplementary":
        parts.append(f"amount from a supplementary source: {record.citation}")
    if (record.period or "") not in ("", _periods(members)):
        parts.append(f"money for {record.period}, people for {_periods(members)}")
    doubtful = [record.record_id] * bool(record.flagged) + list(top.figure_id[top.flagged])
    if doubtful:
        parts.append("uses figures flagged as inconsistent or doubted by the annotators: "
                     + ", ".join(doubtful))
    if "DISAGREEMENT" in record.notes:
        parts.append("the annotators note that this amount disagrees with other statements "
                     "of the report (see the appendix)")
    return "; ".join(parts)


def cost_pairs(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """Every money record of a cost kind matched to its fitting counts, one row per
    (record, beneficiary group, unit): people; households too when only households are counted."""
    counts = _counts(inputs, settings)
    by_group = {key: part for key, part in counts.groupby(["actor", "group"])}
    rows = []
    for record in _usable(inputs.records, "cost", settings).itertuples():
        if record.money_kind not in settings.cost_definitions:
            continue
        amount = record.value * _factor(inputs, record.currency, settings)
        for group in MATCH_RULES.get(record.money_kind, ()):
            if (record.actor, group) not in by_group:
                continue
            members = candidates(record, by_group[(record.actor, group)], inputs.scopes)
            if members.empty:
                continue
            pers = (["organisation"] if group == "organisations" else
                    ["person", "household"] if (members.count_unit == "household").all() else ["person"])
            rows += [_ratio_row(record, members, per, amount, settings, "cost per beneficiary", group)
                     for per in pers]
    return _frame(rows)


def value_pairs(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """Money beneficiaries earned or raised, per person counted in the same statement."""
    people = inputs.counts[(inputs.counts.count_unit == "person")]
    if not settings.include_flagged:
        people = people[~people.flagged]
    rows = []
    for record in _usable(inputs.records, "value", settings).itertuples():
        members = people[(people.actor == record.actor) & (people.quote == record.quote)]
        if members.empty:
            continue
        amount = record.value * _factor(inputs, record.currency, settings)
        row = _ratio_row(record, members, "person", amount, settings, "value per beneficiary", "")
        row["note"] = (f"{record.definition}: what beneficiaries earned or raised, not what the "
                       f"programme cost; the count is from the same sentence"
                       + (f"; {row['note']}" if row["note"] else ""))
        rows.append(row)
    return _frame(rows)


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*OUTPUT_COLUMNS, *INTERNAL_COLUMNS])


def unmatched_reason(record, inputs: Inputs, settings: Settings) -> str:
    """Why a money record has no pair: the first matching rule that no count satisfies."""
    if record.money_kind not in MATCH_RULES:
        return f"{record.definition} is not a programme cost"
    if record.money_kind not in settings.cost_definitions:
        return f"{record.definition} is not among the chosen cost definitions"
    if record.flagged and not settings.include_flagged:
        return (f"flagged ({record.doubt or record.status}) and left out unless flagged figures "
                "are included")
    groups = MATCH_RULES[record.money_kind]
    wanted = " or ".join(GROUP_LABELS[g] for g in groups)
    counts = _counts(inputs, settings)
    counts = counts[(counts.actor == record.actor) & counts.group.isin(groups)]
    if counts.empty:
        return f"{record.actor} reports no {wanted} to set against {record.definition}"
    scope = inputs.scopes.get((record.actor, record.programme), {record.programme}) - {""}
    counts = counts[counts.programme.isin(scope)]
    if counts.empty:
        return f"no {wanted} in the same programme"
    counts = counts[counts.years.map(lambda y: years_overlap(record.years, y))]
    if counts.empty:
        return f"no {wanted} for an overlapping period (money: {record.period or 'not stated'})"
    return f"no {wanted} for the same place (money: {record.region or 'several countries'})"


def _needed(actor: str, inputs: Inputs, settings: Settings) -> str:
    counts = _counts(inputs, settings)
    own = counts[counts.actor == actor]
    if own.empty:
        return "beneficiary counts and programme expenditure for the same programme and period"
    labels = ", ".join(sorted(set(own.label)))
    return (f"programme expenditure (or a budget) for the programme, place and period of its counts "
            f"of {labels} (period of the counts: {_periods(own)})")


def no_cost_rows(inputs: Inputs, settings: Settings, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per chosen actor without any cost pair: the plain words, the reason, what is needed."""
    rows = []
    for actor in settings.actors:
        if actor in set(pairs.actor):
            continue
        own = inputs.records[(inputs.records.actor == actor) & (inputs.records.status != "duplicate")]
        costs = own[own.role == "cost"]
        why = []
        if own.empty:
            why.append("neither its source report nor the supplementary table gives any amount of money")
        if (own.role == "value").any():
            why.append("its report gives only money that beneficiaries earned or raised (shown as "
                       "value per beneficiary), not what the programme cost")
        if len(costs):
            grouped: dict[tuple, list[str]] = {}
            for r in costs.itertuples():
                key = (r.definition, r.period or "period not stated", unmatched_reason(r, inputs, settings))
                grouped.setdefault(key, []).append(r.record_id)
            why.append("the amounts found cannot be paired: " + "; ".join(
                f"{', '.join(ids)} ({kind}, {period}): {reason}" for (kind, period, reason), ids in grouped.items()))
        rows.append(dict(actor=actor, measure="no cost data", currency=settings.target_currency,
                         rate_year=settings.rate_year, flagged=False, headline=True,
                         note=f"{NO_COST}: {'; '.join(why)}. Needed: {_needed(actor, inputs, settings)}."))
    return _frame(rows)


def mark_headlines(pairs: pd.DataFrame) -> pd.DataFrame:
    """The one cost pair per actor the summary leads with: the most direct kind of money
    (expenditure first), per person, the widest count of people, then the least doubted
    amounts (unflagged, then flagged by a check, then doubted by an annotator), largest amount."""
    pairs = pairs.copy()
    pairs["headline"] = False
    costs = pairs[pairs.measure == "cost per beneficiary"]
    order = costs.assign(kind_rank=costs.cost_kind.map(list(COST_KINDS).index),
                         per_rank=costs.per.map(PER_UNITS.index))
    order = order.sort_values(["kind_rank", "per_rank", "people_upper", "flag_level", "amount"],
                              ascending=[True, True, False, True, False])
    pairs.loc[order.groupby("actor").head(1).index, "headline"] = True
    return pairs


def cost_table(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """The output contract (cost_per_beneficiary.csv): cost pairs, value pairs, and one row
    for each chosen actor without cost data, in actor order."""
    costs = cost_pairs(inputs, settings)
    parts = [costs, value_pairs(inputs, settings), no_cost_rows(inputs, settings, costs)]
    table = mark_headlines(pd.concat([p for p in parts if len(p)], ignore_index=True)
                           if any(len(p) for p in parts) else _frame([]))
    table.loc[table.measure == "no cost data", "headline"] = True
    rank = {a: i for i, a in enumerate(vocab.ACTORS)}
    measure_rank = {"cost per beneficiary": 0, "no cost data": 1, "value per beneficiary": 2}
    return (table.assign(_a=table.actor.map(rank), _m=table.measure.map(measure_rank),
                         _h=~table.headline.astype(bool))
            .sort_values(["_a", "_m", "_h", "central"]).drop(columns=["_a", "_m", "_h"])
            .reset_index(drop=True))


# --- sensitivity ---------------------------------------------------------------------------


def _central(table: pd.DataFrame, row) -> float | None:
    hit = table[(table.cost_figure_ids == row.cost_figure_ids) & (table.group == row.group)
                & (table.per == row.per)]
    return float(hit.central.iloc[0]) if len(hit) else None


def _entry(h, factor: str, values: list, detail: str) -> dict:
    values = [v for v in values if v is not None] or [h.central]
    return dict(actor=h.actor, headline=describe(h), factor=factor, low=min(values),
                high=max(values), baseline=h.central, detail=detail)


def _by_rate_year(inputs: Inputs, settings: Settings, h) -> dict[int, float]:
    """The headline at each year's rates: the ratio scales with the conversion factor."""
    base = _factor(inputs, h.source_currency, settings)
    out = {}
    for year in sorted(int(y) for y in inputs.rates.year.unique()):
        try:
            out[year] = h.central * _factor(inputs, h.source_currency, replace(settings, rate_year=year)) / base
        except money.MissingRateError:
            continue
    return out


def _toggled_headline(inputs: Inputs, settings: Settings, actor: str):
    """The actor's headline with flagged figures switched the other way (None if it has none)."""
    toggled = cost_table(inputs, replace(settings, include_flagged=not settings.include_flagged))
    hit = toggled[toggled.headline.astype(bool) & (toggled.actor == actor)
                  & (toggled.measure == "cost per beneficiary")]
    return next(hit.itertuples(), None)


def flagged_pairs(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """Cost pairs that exist only with flagged figures (shown apart, never in the headline
    unless the reader includes flagged figures)."""
    pairs = cost_pairs(inputs, replace(settings, include_flagged=True))
    return pairs[pairs.flagged.astype(bool)].reset_index(drop=True)


def sensitivity(inputs: Inputs, settings: Settings, table: pd.DataFrame) -> pd.DataFrame:
    """How each actor's headline moves with one choice at a time: overlap of counts,
    household size, beneficiary definition, exchange-rate year, flagged figures."""
    rows = []
    for h in table[table.headline.astype(bool) & (table.measure == "cost per beneficiary")].itertuples():
        overlap = h.people_upper > h.people_lower
        rows.append(_entry(h, "overlap of counts", [h.amount / h.people_upper, h.amount / h.people_lower],
                           f"{h.people_lower:,.0f} to {h.people_upper:,.0f} unique {PLURAL[h.per]}"
                           if overlap else "a single count: no overlap"))
        sizes = sorted({*settings.household_sizes, settings.household_size})
        by_size = [_central(cost_pairs(inputs, replace(settings, household_size=s)), h) for s in sizes]
        moved = len({round(v, 9) for v in by_size if v is not None}) > 1
        rows.append(_entry(h, "household size", by_size,
                           f"{min(sizes):g} to {max(sizes):g} people per household"
                           if moved else "no households in this pair"))
        broad = tuple(dict.fromkeys([*settings.beneficiary_definitions, *BROAD_REACH]))
        wide = _central(cost_pairs(inputs, replace(settings, beneficiary_definitions=broad)), h)
        rows.append(_entry(h, "beneficiary definition", [h.central, wide],
                           "chosen definitions vs. also counting people trained and sensitised"))
        by_year = _by_rate_year(inputs, settings, h)
        rows.append(_entry(h, "exchange-rate year", list(by_year.values()),
                           f"rates of {min(by_year)} to {max(by_year)}"))
        other = _toggled_headline(inputs, settings, h.actor)
        switched = "with" if not settings.include_flagged else "without"
        same = other is not None and (other.cost_figure_ids, other.beneficiary_figure_ids) == (
            h.cost_figure_ids, h.beneficiary_figure_ids)
        rows.append(_entry(h, "flagged figures", [h.central, other.central if other is not None else None],
                           f"{switched} flagged figures the headline " + (
                               "stays the same pair" if other is None or same else
                               f"becomes {other.cost_figure_ids} ({describe(other)}, "
                               f"{fmt_number(other.central)})")))
    return pd.DataFrame(rows, columns=["actor", "headline", "factor", "low", "high", "baseline", "detail"])


# --- words ---------------------------------------------------------------------------------


def fmt_number(x: float) -> str:
    """Amounts as the report prints them (and tests compare them)."""
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:,.1f}" if abs(x) >= 10 else f"{x:,.2f}"


def fmt_value(row) -> str:
    """'CHF 32.0 (26.6 to 40.3)', 'more than XOF 55,556', or the plain words."""
    if row.measure == "no cost data":
        return NO_COST
    prefix = {"lower bound": "more than ", "upper bound": "at most ", "approximate": "about "}.get(row.bound, "")
    text = f"{prefix}{row.currency} {fmt_number(row.central)}"
    if fmt_number(row.low) != fmt_number(row.high):
        text += f" ({fmt_number(row.low)} to {fmt_number(row.high)})"
    return text


def describe(row) -> str:
    """'programme expenditure per person reached' for a cost or value row."""
    counted = GROUP_LABELS.get(row.group, "") or row.beneficiary_definition
    first, _, rest = counted.partition(" ")
    return f"{row.cost_definition} per {row.per} {rest if first in PLURAL.values() and rest else counted}"


def _why_and_needed(note: str) -> tuple[str, str]:
    """A no-cost note split into its reason and what would be needed."""
    if not note.startswith(NO_COST):
        return note, ""
    why, _, needed = note[len(NO_COST) + 2:].partition(" Needed: ")
    return why[:1].upper() + why[1:], needed.rstrip(".")


def actor_table(table: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: its headline value and range, or the plain words and what is needed."""
    heads = table[table.headline.astype(bool)]
    split = [_why_and_needed(n) for n in heads.note]
    return pd.DataFrame({
        "actor": heads.actor,
        "headline": ["" if r.measure == "no cost data" else describe(r) for r in heads.itertuples()],
        "value": [fmt_value(r) for r in heads.itertuples()],
        "periods": [("" if r.measure == "no cost data" else f"money {r.cost_period}; people {r.beneficiary_period}")
                    for r in heads.itertuples()],
        "figures": [" / ".join(x for x in (r.cost_figure_ids, r.beneficiary_figure_ids) if isinstance(x, str) and x)
                    for r in heads.itertuples()],
        "notes": [w for w, _ in split],
        "what would be needed": [n for _, n in split]}).reset_index(drop=True)


def pairs_for_reading(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs as a narrow table: what is divided by what, the value with its range, the counts."""
    return pd.DataFrame({
        "actor": pairs.actor,
        "pair": [describe(r) for r in pairs.itertuples()],
        "value": [f"{fmt_value(r)}; {BOUND_PHRASES[r.bound]}" for r in pairs.itertuples()],
        "money / counts": [f"{r.cost_figure_ids} / {r.beneficiary_figure_ids}" for r in pairs.itertuples()],
        "counted": [f"{r.people_lower:,.0f}" + (f" to {r.people_upper:,.0f}" if r.people_upper > r.people_lower else "")
                    + f" {PLURAL[r.per]}" for r in pairs.itertuples()],
        "periods": [f"money {r.cost_period}; people {r.beneficiary_period}" for r in pairs.itertuples()],
        "note": pairs.note}).reset_index(drop=True)


def records_for_reading(records: pd.DataFrame) -> pd.DataFrame:
    """Money records as a narrow table: what each amount is and whether it can be used."""
    state = [("supplementary" if r.source == "supplementary" else r.status)
             + (f"; doubted: {r.doubt.replace('_', ' ')}" if r.doubt else "") for r in records.itertuples()]
    rank = {a: i for i, a in enumerate(vocab.ACTORS)}
    table = pd.DataFrame({
        "id": records.record_id, "actor": records.actor, "what it is": records.definition,
        "role": records.role.map({"cost": "cost", "value": "value to beneficiaries"}).fillna(records.role),
        "printed": records.amount_raw, "currency": records.currency,
        "period": records.period.replace("", "not stated"), "programme": records.programme_text, "status": state})
    return table.iloc[table.actor.map(rank).argsort(kind="stable")].reset_index(drop=True)


def summary_sentences(table: pd.DataFrame, sens: pd.DataFrame, settings: Settings) -> list[str]:
    """Key findings in sentences generated from the output table and the sensitivity."""
    heads = table[table.headline.astype(bool)]
    with_cost = heads[heads.measure == "cost per beneficiary"]
    without = heads[heads.measure == "no cost data"]
    out = [f"{len(with_cost)} of {len(heads)} actors have money that can be matched to the people "
           f"it paid for ({', '.join(with_cost.actor) or 'none'})"
           + (f"; for {', '.join(without.actor)}: {NO_COST}." if len(without) else ".")]
    for r in with_cost.itertuples():
        others = table[(table.actor == r.actor) & (table.measure == "cost per beneficiary")
                       & ~table.headline.astype(bool) & (table.per == "person")]
        text = (f"{r.actor}: {describe(r)}, {r.programme} (money {r.cost_period}, people {r.beneficiary_period}): "
                f"{fmt_value(r)}, {BOUND_PHRASES[r.bound]}.")
        if len(others):
            text += " Other pairs: " + "; ".join(f"{describe(o)} {fmt_value(o)} ({o.cost_figure_ids})"
                                                 for o in others.itertuples()) + "."
        out.append(text)
    values = table[table.measure == "value per beneficiary"]
    for actor, rows in values.groupby("actor", sort=False):
        out.append(f"{actor} reports money its beneficiaries earned or raised, not what the programme "
                   "spent: " + "; ".join(f"{r.cost_definition} {fmt_value(r)} per person ({BOUND_PHRASES[r.bound]})"
                                         for r in rows.itertuples()) + ".")
    kinds = {(r.cost_kind, r.group) for r in with_cost.itertuples()}
    if len(with_cost) > 1:
        what = "; ".join(f"{r.actor} measures {describe(r)} ({r.cost_period})" for r in with_cost.itertuples())
        out.append(("These figures are not like for like: " if len(kinds) > 1 else
                    "These figures share a definition but not programmes or years: ") + what + ".")
    for actor, rows in sens.groupby("actor", sort=False):
        top = largest_factor(rows)
        if top is not None:
            out.append(f"For {actor}, the figure moves most with the {top.factor} "
                       f"({settings.target_currency} {fmt_number(top.low)} to {fmt_number(top.high)}: "
                       f"{top.detail}).")
    out.append(f"All amounts are in {settings.target_currency} at {settings.rate_year} exchange rates, "
               "with no inflation adjustment; whether costs are fully loaded or direct is not stated "
               "in any source.")
    return out


# --- report tables and charts ----------------------------------------------------------------


def supplementary_status(inputs: Inputs, settings: Settings, table: pd.DataFrame) -> pd.DataFrame:
    """Each supplementary amount: what it was paired with, or why it was not."""
    supp = inputs.records[(inputs.records.source == "supplementary") & inputs.records.actor.isin(settings.actors)]
    paired = {r.cost_figure_ids: r.beneficiary_figure_ids for r in table.itertuples()
              if isinstance(r.cost_figure_ids, str)}
    return pd.DataFrame({
        "id": supp.record_id, "actor": supp.actor,
        "amount": [f"{r.amount_raw} ({r.definition}, {r.period})" for r in supp.itertuples()],
        "used": [f"paired with {paired[r.record_id]}" if r.record_id in paired else
                 "not paired: " + ("not a programme cost" if r.role != "cost"
                                   else unmatched_reason(r, inputs, settings))
                 for r in supp.itertuples()],
        "source": supp.citation, "note (research assistant)": supp.notes}).reset_index(drop=True)

# One colour per actor in every chart (colour-blind safe: ColorBrewer Dark2).
ACTOR_COLOURS = dict(zip(vocab.ACTORS, ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]))


def comparison_frame(table: pd.DataFrame, flagged: pd.DataFrame, actors) -> pd.DataFrame:
    """Rows of the comparison chart: every cost per person with its range, flagged pairs
    marked (when they are not already in the table), and an empty row per actor without data."""
    shown = table[(table.measure == "cost per beneficiary") & (table.per == "person")]
    extra = flagged[(flagged.per == "person") & ~flagged.cost_figure_ids.isin(shown.cost_figure_ids)]
    rows = pd.concat([shown.assign(flagged_only=False), extra.assign(flagged_only=True)], ignore_index=True)
    rows["label"] = [f"{r.actor}: {describe(r)}\n({r.cost_figure_ids}" + (", flagged)" if r.flagged else ")")
                     for r in rows.itertuples()]
    missing = [a for a in actors if a not in set(rows.actor)]
    empty = pd.DataFrame({"actor": missing, "label": missing, "flagged_only": False})
    rows = pd.concat([rows, empty], ignore_index=True)
    rank = {a: i for i, a in enumerate(vocab.ACTORS)}
    kind = {k: i for i, k in enumerate(COST_KINDS)}
    return (rows.assign(_a=rows.actor.map(rank), _k=rows.cost_kind.map(kind)).sort_values(["_a", "_k", "central"])
            .drop(columns=["_a", "_k"]).reset_index(drop=True))


def comparison_title(rows: pd.DataFrame, settings: Settings) -> str:
    """The finding of the comparison chart, in words."""
    data = rows[rows.central.notna() & ~rows.flagged_only.astype(bool)]
    if data.empty:
        return "No actor has cost data that can be matched to the people it paid for"
    lo, hi = data.loc[data.central.idxmin()], data.loc[data.central.idxmax()]
    actors = data.actor.nunique()
    return (f"From {settings.target_currency} {fmt_number(lo.central)} ({describe(lo)}) to "
            f"{settings.target_currency} {fmt_number(hi.central)} ({describe(hi)}) per person; "
            f"{actors} of {rows.actor.nunique()} actors have cost data, and the definitions differ")


def largest_factor(rows: pd.DataFrame):
    """The sensitivity row with the widest relative range (high / low), or None if none moves."""
    ratio = rows.high / rows.low
    return rows.loc[ratio.idxmax()] if len(rows) and ratio.max() > 1 + 1e-9 else None


def tornado_title(sens: pd.DataFrame) -> str:
    """Which choice moves each actor's headline most, in words."""
    parts = []
    for actor, rows in sens.groupby("actor", sort=False):
        top = largest_factor(rows)
        parts.append(f"{actor}: the {top.factor}" if top is not None else f"{actor}: none of the choices")
    return "What moves each headline most - " + "; ".join(parts)


def caveats(table: pd.DataFrame, flagged: pd.DataFrame, records: pd.DataFrame,
            used_rates: pd.DataFrame, settings: Settings) -> list[str]:
    """What the numbers can and cannot support, generated from what the analysis used."""
    costs = table[table.measure == "cost per beneficiary"]
    out = []
    kinds = sorted(set(costs.cost_definition))
    groups = sorted({GROUP_LABELS[g] for g in costs.group if g})
    if len(kinds) > 1 or len(groups) > 1:
        out.append(f"Definitions differ: the pairs divide {', '.join(kinds)} by {', '.join(groups)}. "
                   "Money asked for or allocated is not money spent, and people targeted are not "
                   "people reached; only pairs with the same definitions can be compared.")
    overlapping = costs[costs.people_upper > costs.people_lower]
    if len(overlapping):
        out.append("Double counting: 'reached' counts contacts across activities, so one person reached "
                   "by several activities appears in several counts. Where a pair has several counts, "
                   "unique people lie between the largest count and their sum (pairs "
                   + ", ".join(overlapping.cost_figure_ids) + "); the central value uses the midpoint, "
                   "a convention rather than an estimate.")
    currencies = sorted(set(records.currency[records.record_id.isin(
        {i for ids in table.cost_figure_ids.dropna() for i in ids.split()})]) - {""})
    unverified = used_rates[~used_rates.verified]
    text = (f"Currencies: amounts in {', '.join(currencies) or 'no currency'} are shown in "
            f"{settings.target_currency} at {settings.rate_year} exchange rates (data/raw/exchange_rates.csv).")
    if len(unverified):
        text += (" These rates are marked 'not verified against a stored copy' in that table: "
                 + "; ".join(f"{r.base}/{r.quote} {r.year} = {r.rate:g} ({r.kind.replace('_', ' ')})"
                             for r in unverified.itertuples()) + ".")
    out.append(text)
    periods = sorted({f"{r.actor} {r.cost_period}" for r in costs.itertuples()})
    out.append("Years: the money refers to different years (" + "; ".join(periods) + "). No price "
               "index is in the project, so no inflation adjustment was made: the price year is "
               f"only the exchange-rate year, {settings.rate_year}.")
    out.append("Self-reported figures: every count and amount is the organisations' own report, not "
               "audited; amounts from outside the five reports are cited in the supplementary table.")
    out.append("Cost basis: no source says whether its amounts are fully loaded (shared and indirect "
               "costs included) or direct costs only.")
    bounds = table[table.bound.isin(["lower bound", "upper bound", "not a bound"])]
    if len(bounds):
        out.append("Bounds: amounts or counts printed with 'more than', 'over' or 'at least' make the "
                   "result a bound (rows " + ", ".join(dict.fromkeys(bounds.cost_figure_ids))
                   + "), stated in each row.")
    if len(flagged) and not settings.include_flagged:
        out.append(f"Flagged figures: {len(flagged)} more pair(s) would rest on figures the cleaning "
                   "flagged as inconsistent or the annotators doubt ("
                   + ", ".join(sorted(set(flagged.cost_figure_ids))) + "); they are shown apart (hollow in the "
                   "comparison chart) and left out of the headlines.")
    return out


def figures_used(table: pd.DataFrame, flagged: pd.DataFrame, records: pd.DataFrame,
                 counts: pd.DataFrame) -> pd.DataFrame:
    """Every money record and count behind a row of the report, with its printed value and quote."""
    pairs = pd.concat([table.assign(used="in the results"), flagged.assign(used="flagged pair only")])
    uses = {}
    for r in pairs.itertuples():
        ids = " ".join(x for x in (r.cost_figure_ids, r.beneficiary_figure_ids) if isinstance(x, str))
        for i in ids.split():
            uses.setdefault(i, r.used)
    money_rows = records[records.record_id.isin(uses)]
    count_rows = counts[counts.figure_id.isin(uses)]
    out = pd.concat([
        pd.DataFrame({"id": money_rows.record_id, "role": money_rows.definition, "printed": money_rows.amount_raw,
                      "status": money_rows.status.replace("", "supplementary"), "source": money_rows.citation,
                      "quote": money_rows.quote}),
        pd.DataFrame({"id": count_rows.figure_id, "role": count_rows.label, "printed": count_rows.value_raw,
                      "status": count_rows.status, "source": count_rows.doc, "quote": count_rows.quote}),
    ], ignore_index=True)
    out["used"] = out.id.map(uses)
    return out.sort_values("id", key=lambda ids: ids.map(_id_order)).reset_index(drop=True)


def _id_order(fid: str) -> tuple:
    prefix, _, number = fid.rpartition("-")
    return prefix, int(number) if number.isdigit() else 0


def check_household_size(size: float) -> None:
    """Parameter validator: a plausible number of people per household."""
    cited = load_household_sizes().mean_household_size
    if not 1 <= size <= 30:
        raise ValueError(f"{size:g} people per household is not plausible; the cited Mali sizes are "
                         f"{cited.min():g} to {cited.max():g} (household_size.csv)")


def settings_from(params: dict, household_sizes) -> Settings:
    """Settings from the notebook's checked parameters."""
    names = {f.name for f in dataclasses.fields(Settings)}
    chosen = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items() if k in names}
    return Settings(household_sizes=tuple(float(s) for s in household_sizes), **chosen)
