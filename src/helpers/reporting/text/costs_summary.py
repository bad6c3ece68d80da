"""Words of the cost report: the summary, the caveats and the chart titles, generated from
the output table and the sensitivity."""
from __future__ import annotations

import pandas as pd

from helpers.analysis.beneficiaries import GROUP_LABELS
from helpers.analysis.costs.records import COST_KINDS, Settings
from helpers.analysis.costs.sensitivity import largest_factor
from helpers.reporting.text.costs import (
    BOUND_PHRASES,
    NO_COST,
    describe,
    fmt_number,
    fmt_value,
    sensitivity_detail,
)
from helpers.sources import vocab


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
                       f"{sensitivity_detail(top)}).")
    out.append(f"All amounts are in {settings.target_currency} at {settings.rate_year} exchange rates, "
               "with no inflation adjustment; whether costs are fully loaded or direct is not stated "
               "in any source.")
    return out


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
