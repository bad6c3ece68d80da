"""Words of the cost report: the summary, the caveats and the chart titles, generated from
the output table and the sensitivity.

Every value in the summary says what was divided by what (the amount, its figure and
period; the people, their figures and how the unique count was bounded) and what it rests
on: a disputed amount, a denominator one count dominates, a bound, an amount of one
programme only."""
from __future__ import annotations

import re

import pandas as pd

from helpers.analysis.beneficiaries import GROUP_LABELS
from helpers.analysis.costs.records import COST_KINDS, PLURAL, Settings
from helpers.analysis.costs.sensitivity import largest_factors
from helpers.analysis.costs.table import NO_COST_DATA, NOT_PAIRED
from helpers.cleaning import money
from helpers.reporting.text.costs import (
    BOUND_PHRASES,
    NO_COST,
    describe,
    fmt_number,
    fmt_value,
    sensitivity_detail,
    unique_range,
)
from helpers.reporting.text.formats import fmt_share, plural
from helpers.sources import manifest

# A printed amount that already says its currency ('CHF 5M', '540 121 000 FCFA', '€ 40 miljoen').
CURRENCY_WORDS = re.compile(r"chf|xof|f ?cfa|usd|eur|[$€£]|franc|dollar|euro", re.IGNORECASE)


def rate_phrase(settings: Settings) -> str:
    if settings.rate_year == money.OWN_YEAR:
        return "the exchange rates of each amount's own period"
    return f"{settings.rate_year} exchange rates"


def divided(r, records: pd.DataFrame) -> str:
    """What was divided by what: '9.7M CHF of programme expenditure (IFRC-022, 2023) ÷ between …
    people reached (7 counts: …)'."""
    f = r.facts
    record = records.set_index("record_id").loc[r.cost_figure_ids]
    amount = record.amount_raw if CURRENCY_WORDS.search(record.amount_raw) else f"{record.currency} {record.amount_raw}"
    counted = GROUP_LABELS.get(r.group, r.beneficiary_definition)
    paid = f", money of {r.paid_by}" if r.paid_by else ""
    return (f"{amount} of {r.cost_definition} ({r.cost_figure_ids}, {r.cost_period}, "
            f"{r.programme or 'programme not named'}{paid}) "
            f"÷ {unique_range(f)} {counted.partition(' ')[2] or counted} "
            f"({plural(f.counts, 'count')}: {r.beneficiary_figure_ids})")


def weight(r, sens: pd.DataFrame, records: pd.DataFrame) -> list[str]:
    """What a reader must not miss about one value."""
    f = r.facts
    out = []
    if f.disputed:
        moved = sens[(sens.actor == r.actor) & (sens.factor == "disputed amount")]
        alt = (f"; with the amount it disagrees with, the figure would be {r.currency} {fmt_number(moved.high.iloc[0])}"
               if len(moved) else "")
        others = records.set_index("record_id").reindex(list(f.disputed))
        shown = ", ".join(f"{i} ({o.amount_raw}" + (f", itself flagged {o.status} by the cleaning" if o.status in
                                                    ("inconsistent", "ambiguous") else "") + ")"
                          if isinstance(o.amount_raw, str) else i for i, o in others.iterrows())
        out.append(f"the amount is disputed: the annotators found it disagrees with {shown} of the same report{alt}")
    if f.dominant:
        fid, share, label = f.dominant
        out.append(f"one count, {fid} ({label}), carries {fmt_share(share)} of the {PLURAL[f.per]} in the "
                   f"{f.counts} counts paired with the money")
    if f.counts == 1 and r.group == "reached":
        out.append(f"it is the spending of one programme ({r.programme}) over the {PLURAL[f.per]} it counted")
    if r.bound in ("lower bound", "upper bound", "not a bound"):
        out.append(f"it is {BOUND_PHRASES[r.bound]} (an amount or a count is printed as a bound)")
    if f.upper > f.lower:
        out.append("the range shows only how much the counts may overlap, not the uncertainty of the amount")
    return out


def summary_sentences(table: pd.DataFrame, sens: pd.DataFrame, settings: Settings,
                      records: pd.DataFrame) -> list[str]:
    """Key findings in sentences generated from the output table and the sensitivity."""
    heads = table[table.headline.astype(bool)]
    with_cost = heads[heads.measure == "cost per beneficiary"]
    no_data = heads[heads.measure == NO_COST_DATA]
    unpaired = heads[heads.measure == NOT_PAIRED]
    text = (f"{len(with_cost)} of {len(heads)} actors have money that can be matched to the people it paid for "
            f"({', '.join(with_cost.actor) or 'none'})")
    if len(unpaired):
        text += f"; {', '.join(unpaired.actor)}: amounts found, but none can be paired with people (see Every actor)"
    if len(no_data):
        text += f"; {', '.join(no_data.actor)}: {NO_COST}"
    out = [text + "."]
    for r in with_cost.itertuples():
        line = (f"{r.actor}: {describe(r)}, {fmt_value(r)}, {BOUND_PHRASES[r.bound]}: {divided(r, records)}.")
        flags = weight(r, sens, records)
        if flags:
            line += " " + "; ".join(flags)[:1].upper() + "; ".join(flags)[1:] + "."
        others = table[(table.actor == r.actor) & (table.measure == "cost per beneficiary")
                       & ~table.headline.astype(bool) & (table.per == "person")]
        if len(others):
            line += f" {r.actor} has {plural(len(others), 'other pair')} of money and people: see All matched pairs."
        out.append(line)
    values = table[table.measure == "value per beneficiary"]
    for actor, rows in values.groupby("actor", sort=False):
        out.append(f"{actor} reports money its beneficiaries earned or raised, not what the programme "
                   "spent: " + "; ".join(f"{r.cost_definition} {fmt_value(r)} per person ({r.cost_figure_ids} ÷ "
                                         f"{r.beneficiary_figure_ids}, {BOUND_PHRASES[r.bound]})"
                                         for r in rows.itertuples()) + ".")
    kinds = {(r.cost_kind, r.group) for r in with_cost.itertuples()}
    if len(with_cost) > 1:
        what = "; ".join(f"{r.actor} measures {describe(r)} ({r.cost_period})" for r in with_cost.itertuples())
        out.append(("These figures are not like for like: " if len(kinds) > 1 else
                    "These figures share a definition but not programmes or years: ") + what + ".")
    for actor, rows in sens.groupby("actor", sort=False):
        top = largest_factors(rows)
        if len(top):
            first = top.iloc[0]
            names = " and the ".join(top.factor)
            out.append(f"For {actor}, the figure moves most with the {names} "
                       f"({settings.target_currency} {fmt_number(first.low)} to {fmt_number(first.high)} with the "
                       f"{first.factor}: {sensitivity_detail(first)}).")
    out.append(f"All amounts are in {settings.target_currency} at {rate_phrase(settings)}, with no inflation "
               "adjustment; whether costs are fully loaded or direct is not stated in any source.")
    return out


def comparison_frame(table: pd.DataFrame, flagged: pd.DataFrame, actors) -> pd.DataFrame:
    """Rows of the comparison chart: every cost per person with its range, flagged pairs
    marked (when they are not already in the table), and an empty row per actor without data."""
    shown = table[(table.measure == "cost per beneficiary") & (table.per == "person")]
    extra = flagged[(flagged.per == "person") & ~flagged.cost_figure_ids.isin(shown.cost_figure_ids)]
    rows = pd.concat([shown.assign(flagged_only=False), extra.assign(flagged_only=True)], ignore_index=True)
    rows["headline"] = rows.headline.astype("boolean").fillna(False).astype(bool) & ~rows.flagged_only
    rows["label"] = [f"{r.actor}: {describe(r)}\n({r.cost_figure_ids}" + (", flagged" if r.flagged else "")
                     + ("" if r.headline else ", not a headline") + ")" for r in rows.itertuples()]
    missing = [a for a in actors if a not in set(rows.actor)]
    empty = pd.DataFrame({"actor": missing, "label": missing, "flagged_only": False, "headline": False})
    rows = pd.concat([rows, empty], ignore_index=True)
    rank = {a: i for i, a in enumerate(manifest.actors())}
    kind = {k: i for i, k in enumerate(COST_KINDS)}
    return (rows.assign(_a=rows.actor.map(rank), _k=rows.cost_kind.map(kind)).sort_values(["_a", "_k", "central"])
            .drop(columns=["_a", "_k"]).reset_index(drop=True))


def comparison_title(rows: pd.DataFrame, settings: Settings) -> str:
    """The finding of the comparison chart, in words."""
    data = rows[rows.central.notna() & ~rows.flagged_only.astype(bool)]
    if data.empty:
        return "No actor has cost data that can be matched to the people it paid for"
    heads = data[data.headline]
    title = "; ".join(f"{r.actor}: {fmt_value(r)} {describe(r)}" for r in heads.itertuples())
    others = rows[rows.central.notna() & ~rows.headline]  # every other mark of the chart, flagged ones too
    if len(others):
        flagged = int(others.flagged_only.sum())
        title += (f" (headlines; {plural(len(others), 'other pair')} of money and people shown, not headlines"
                  + (f", {flagged} of them resting on flagged figures" if flagged else "") + ")")
    if heads.actor.nunique() > 1:
        title += "; the definitions differ"
    return title


def tornado_title(sens: pd.DataFrame) -> str:
    """Which choice moves each actor's headline most, in words (the same measure as the chart:
    high / low; factors within a tenth of the widest are named together)."""
    parts = []
    for actor, rows in sens.groupby("actor", sort=False):
        top = largest_factors(rows)
        parts.append(f"{actor}: the {' and the '.join(top.factor)}" if len(top) else f"{actor}: none of the choices")
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
                   "by several activities appears in several counts. Where a pair has several counts, unique "
                   "people lie between the counts that cannot be the same people added (different places, or "
                   "women-only and men-only counts) and the sum of all counts (pairs "
                   + ", ".join(overlapping.cost_figure_ids) + "); the central value uses the midpoint, "
                   "a convention rather than an estimate.")
    currencies = sorted(set(records.currency[records.record_id.isin(
        {i for ids in table.cost_figure_ids.dropna() for i in ids.split()})]) - {""})
    unverified = used_rates[~used_rates.verified]
    text = (f"Currencies: amounts in {', '.join(currencies) or 'no currency'} are shown in "
            f"{settings.target_currency} at {rate_phrase(settings)} (data/raw/exchange_rates.csv).")
    if len(unverified):
        text += (" These rates are marked 'not verified against a stored copy' in that table: "
                 + "; ".join(f"{r.base}/{r.quote} {r.year} = {r.rate:g} ({r.kind.replace('_', ' ')})"
                             for r in unverified.itertuples()) + ".")
    out.append(text)
    periods = sorted({f"{r.actor} {r.cost_period}" for r in costs.itertuples()})
    out.append("Years: the money refers to different years (" + "; ".join(periods) + "). No price "
               "index is in the project, so no inflation adjustment was made: amounts are nominal, "
               f"converted at {rate_phrase(settings)}.")
    out.append("Self-reported figures: every count and amount is the organisations' own report, not "
               "audited; amounts from outside the source reports are cited in the supplementary table.")
    out.append("Cost basis: no source says whether its amounts are fully loaded (shared and indirect "
               "costs included) or direct costs only.")
    bounds = table[table.bound.isin(["lower bound", "upper bound", "not a bound"])]
    if len(bounds):
        out.append("Bounds: amounts or counts printed with 'more than', 'over' or 'at least' make the "
                   "result a bound (rows " + ", ".join(dict.fromkeys(bounds.cost_figure_ids))
                   + "), stated in each row.")
    if len(flagged) and not settings.include_flagged:
        out.append(f"Flagged figures: {plural(len(flagged), 'more pair')} would rest on figures the cleaning "
                   "flagged as inconsistent or the annotators doubt ("
                   + ", ".join(sorted({i for f in flagged.facts for i in f.doubtful})) + "); they are shown apart (hollow in the "
                   "comparison chart) and left out of the headlines.")
    return out


def read_first(table: pd.DataFrame, settings: Settings) -> list[str]:
    """The caveats a reader must not miss, for the box at the top of the report."""
    heads = table[table.headline.astype(bool)]
    out = ["Each cost per beneficiary carries a trust grade: comparable (money spent ÷ people reached, one period, "
           "exact undisputed figures), indicative (something keeps it from being compared, named), not comparable "
           "(money that cannot be paired with the people it paid for), no data. "
           + "; ".join(f"{r.actor}: {r.trust_grade}" for r in heads.itertuples()) + ".",
           "Money asked for, allocated or received is not money spent, and people targeted are not people "
           "reached: only pairs with the same definitions can be compared.",
           f"Amounts are nominal, in {settings.target_currency} at {rate_phrase(settings)}; no source says whether "
           "they include shared and indirect costs; every amount and count is the organisation's own report."]
    if (table.people_upper > table.people_lower).any():
        out.append("Where several counts may include the same people, the range shows only that overlap, not the "
                   "uncertainty of the amount.")
    return out


def comparison_sentence(rows: pd.DataFrame, settings: Settings) -> str:
    """The comparison in words when fewer than two pairs can be charted."""
    priced = rows[rows.central.notna()]
    if priced.empty:
        return "No actor has money that can be divided by the people it paid for, so there is nothing to compare."
    r = priced.iloc[0]
    return (f"Only one pair can be shown: {r.actor}, {describe(r)}, {fmt_value(r)} ({r.cost_figure_ids}); "
            "nothing to compare it with.")


def comparison_alt(priced: pd.DataFrame, settings: Settings) -> str:
    parts = [f"{r.actor}, {describe(r)}: {fmt_value(r)}" + (" (flagged, not in the results)" if r.flagged_only else "")
             for r in priced.itertuples()]
    return (f"Dots with ranges on a logarithmic scale of {settings.target_currency} per person, one per pair of "
            "money and people. " + "; ".join(parts) + ".")


def tornado_alt(sens: pd.DataFrame) -> str:
    parts = [f"{r.actor}, {r.factor}: {fmt_number(r.low)} to {fmt_number(r.high)} (headline {fmt_number(r.baseline)})"
             for r in sens.itertuples()]
    return "Horizontal bars, one per choice and actor, of how far each headline moves. " + "; ".join(parts) + "."
