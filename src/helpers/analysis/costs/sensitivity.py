"""How far each actor's headline moves when one analysis choice changes and the others stay."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from helpers.analysis.beneficiaries import BROAD_REACH
from helpers.analysis.costs.matching import cost_pairs, factor
from helpers.analysis.costs.records import Inputs, Settings
from helpers.analysis.costs.table import cost_table
from helpers.cleaning import money

# ``facts`` says what the wording needs to explain each row (see helpers.reporting.text.costs).
COLUMNS = ["actor", "factor", "low", "high", "baseline", "cost_definition", "group", "beneficiary_definition",
           "per", "facts"]


def _central(table: pd.DataFrame, row) -> float | None:
    hit = table[(table.cost_figure_ids == row.cost_figure_ids) & (table.group == row.group)
                & (table.per == row.per)]
    return float(hit.central.iloc[0]) if len(hit) else None


def _entry(h, name: str, values: list, **facts) -> dict:
    values = [v for v in values if v is not None] or [h.central]
    return dict(actor=h.actor, factor=name, low=min(values), high=max(values), baseline=h.central,
                cost_definition=h.cost_definition, group=h.group, beneficiary_definition=h.beneficiary_definition,
                per=h.per, facts=facts)


def _record(inputs: Inputs, h):
    return next(inputs.records[inputs.records.record_id == h.cost_figure_ids].itertuples())


def _by_rate_year(inputs: Inputs, settings: Settings, h) -> dict[int, float]:
    """The headline at each year's rates (and at the rates of the money's own period): the
    ratio scales with the conversion factor."""
    record = _record(inputs, h)
    base = factor(inputs, record, settings)
    out = {}
    for year in [money.OWN_YEAR, *sorted(int(y) for y in inputs.rates.year.unique())]:
        try:
            out[year] = h.central * factor(inputs, record, replace(settings, rate_year=year)) / base
        except money.MissingRateError:
            continue
    return out


def _disputing_amounts(inputs: Inputs, h) -> list[tuple[str, float]]:
    """(id, central) of the headline if its amount were one of the statements it disagrees with
    (same currency, a cost): what the dispute could do to the figure."""
    record = _record(inputs, h)
    others = inputs.records[inputs.records.record_id.isin(record.disagrees_with.split())
                            & (inputs.records.currency == record.currency) & (inputs.records.role == "cost")
                            & inputs.records.value.notna()]
    return [(o.record_id, h.central * o.value / record.value) for o in others.itertuples()]


def _toggled_headline(inputs: Inputs, settings: Settings, actor: str):
    """The actor's headline with flagged figures switched the other way (None if it has none)."""
    toggled = cost_table(inputs, replace(settings, include_flagged=not settings.include_flagged))
    hit = toggled[toggled.headline.astype(bool) & (toggled.actor == actor)
                  & (toggled.measure == "cost per beneficiary")]
    return next(hit.itertuples(), None)


def sensitivity(inputs: Inputs, settings: Settings, table: pd.DataFrame) -> pd.DataFrame:
    """How each actor's headline moves with one choice at a time: overlap of counts,
    household size, beneficiary definition, exchange-rate year, flagged figures, and (when
    its amount is disputed) the statements it disagrees with."""
    rows = []
    for h in table[table.headline.astype(bool) & (table.measure == "cost per beneficiary")].itertuples():
        rows.append(_entry(h, "overlap of counts", [h.amount / h.people_upper, h.amount / h.people_lower],
                           overlap=h.people_upper > h.people_lower, lower=h.people_lower, upper=h.people_upper))
        sizes = sorted({*settings.household_sizes, settings.household_size})
        by_size = [_central(cost_pairs(inputs, replace(settings, household_size=s)), h) for s in sizes]
        moved = len({round(v, 9) for v in by_size if v is not None}) > 1
        rows.append(_entry(h, "household size", by_size, moved=moved, sizes=(min(sizes), max(sizes))))
        broad = tuple(dict.fromkeys([*settings.beneficiary_definitions, *BROAD_REACH]))
        wide = _central(cost_pairs(inputs, replace(settings, beneficiary_definitions=broad)), h)
        rows.append(_entry(h, "beneficiary definition", [h.central, wide]))
        by_year = _by_rate_year(inputs, settings, h)
        fixed = [y for y in by_year if y != money.OWN_YEAR]
        rows.append(_entry(h, "exchange-rate year", list(by_year.values()), years=(min(fixed), max(fixed))))
        disputing = _disputing_amounts(inputs, h)
        if disputing:
            rows.append(_entry(h, "disputed amount", [h.central, *(v for _, v in disputing)],
                               instead=tuple(i for i, _ in disputing)))
        other = _toggled_headline(inputs, settings, h.actor)
        same = other is not None and (other.cost_figure_ids, other.beneficiary_figure_ids) == (
            h.cost_figure_ids, h.beneficiary_figure_ids)
        rows.append(_entry(h, "flagged figures", [h.central, other.central if other is not None else None],
                           included=settings.include_flagged, other=None if other is None or same else other))
    return pd.DataFrame(rows, columns=COLUMNS)


# Two factors whose ranges (high / low) differ by less than this are said to move a figure as much.
TIE = 0.10


def largest_factors(rows: pd.DataFrame) -> pd.DataFrame:
    """The sensitivity rows that move the headline most (widest high / low), with every factor
    within ``TIE`` of the widest: empty if none moves it."""
    ratio = rows.high / rows.low
    if not len(rows) or ratio.max() <= 1 + 1e-9:
        return rows.iloc[0:0]
    widest = ratio.max()
    return rows[ratio >= 1 + (widest - 1) * (1 - TIE)].assign(_r=ratio).sort_values("_r", ascending=False).drop(
        columns="_r")
