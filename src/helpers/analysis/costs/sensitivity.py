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


def _by_rate_year(inputs: Inputs, settings: Settings, h) -> dict[int, float]:
    """The headline at each year's rates: the ratio scales with the conversion factor."""
    base = factor(inputs, h.source_currency, settings)
    out = {}
    for year in sorted(int(y) for y in inputs.rates.year.unique()):
        try:
            out[year] = h.central * factor(inputs, h.source_currency, replace(settings, rate_year=year)) / base
        except money.MissingRateError:
            continue
    return out


def _toggled_headline(inputs: Inputs, settings: Settings, actor: str):
    """The actor's headline with flagged figures switched the other way (None if it has none)."""
    toggled = cost_table(inputs, replace(settings, include_flagged=not settings.include_flagged))
    hit = toggled[toggled.headline.astype(bool) & (toggled.actor == actor)
                  & (toggled.measure == "cost per beneficiary")]
    return next(hit.itertuples(), None)


def sensitivity(inputs: Inputs, settings: Settings, table: pd.DataFrame) -> pd.DataFrame:
    """How each actor's headline moves with one choice at a time: overlap of counts,
    household size, beneficiary definition, exchange-rate year, flagged figures."""
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
        rows.append(_entry(h, "exchange-rate year", list(by_year.values()), years=(min(by_year), max(by_year))))
        other = _toggled_headline(inputs, settings, h.actor)
        same = other is not None and (other.cost_figure_ids, other.beneficiary_figure_ids) == (
            h.cost_figure_ids, h.beneficiary_figure_ids)
        rows.append(_entry(h, "flagged figures", [h.central, other.central if other is not None else None],
                           included=settings.include_flagged, other=None if other is None or same else other))
    return pd.DataFrame(rows, columns=COLUMNS)


def largest_factor(rows: pd.DataFrame):
    """The sensitivity row with the widest relative range (high / low), or None if none moves."""
    ratio = rows.high / rows.low
    return rows.loc[ratio.idxmax()] if len(rows) and ratio.max() > 1 + 1e-9 else None
