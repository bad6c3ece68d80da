"""The cost output table: cost and value pairs, one "no cost data" row per actor without a
pair (with why and what would be needed), the headline of each actor, and the figures used."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from helpers.analysis.costs.grade import with_grades
from helpers.analysis.costs.matching import (
    NO_COST_DATA,
    NO_HEADLINE,
    NOT_PAIRED,
    Unpaired,
    chosen_counts,
    cost_pairs,
    frame,
    periods,
    unmatched_reason,
    value_pairs,
)
from helpers.analysis.costs.records import COST_KINDS, PER_UNITS, Inputs, Settings
from helpers.sources import manifest



@dataclass(frozen=True)
class NoCostFacts:
    """Why an actor has no cost per beneficiary, and what would be needed for one."""

    no_amount: bool  # no amount of money at all
    value_only: bool  # only money beneficiaries earned or raised
    unpaired: tuple[tuple[tuple[str, ...], str, str, Unpaired], ...]  # (ids, definition, period, reason)
    counted: tuple[str, ...]  # labels of the actor's usable beneficiary counts ('' if none)
    counted_period: str


def no_cost_rows(inputs: Inputs, settings: Settings, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per chosen actor without any cost pair, with the facts its note states."""
    rows = []
    counts = chosen_counts(inputs, settings)
    for actor in settings.actors:
        if actor in set(pairs.actor):
            continue
        own = inputs.records[(inputs.records.actor == actor) & (inputs.records.status != "duplicate")]
        grouped: dict[tuple, list[str]] = {}
        for r in own[own.role == "cost"].itertuples():
            key = (r.definition, r.period or "period not stated", unmatched_reason(r, inputs, settings))
            grouped.setdefault(key, []).append(r.record_id)
        own_counts = counts[counts.actor == actor]
        facts = NoCostFacts(
            no_amount=own.empty, value_only=bool((own.role == "value").any()),
            unpaired=tuple((tuple(ids), *key) for key, ids in grouped.items()),
            counted=tuple(sorted(set(own_counts.label))), counted_period=periods(own_counts))
        rows.append(dict(actor=actor, measure=NO_COST_DATA if own.empty else NOT_PAIRED,
                         currency=settings.target_currency, rate_year=settings.rate_year, flagged=False,
                         headline=True, facts=facts))
    return frame(rows)


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
    """The output contract (cost_per_beneficiary.csv, with the note the wording adds): cost
    pairs, value pairs, and one row for each chosen actor without cost data, in actor order."""
    costs = cost_pairs(inputs, settings)
    parts = [costs, value_pairs(inputs, settings), no_cost_rows(inputs, settings, costs)]
    table = mark_headlines(pd.concat([p for p in parts if len(p)], ignore_index=True)
                           if any(len(p) for p in parts) else frame([]))
    table.loc[table.measure.isin(NO_HEADLINE), "headline"] = True
    rank = {a: i for i, a in enumerate(manifest.actors())}
    measure_rank = {"cost per beneficiary": 0, NOT_PAIRED: 1, NO_COST_DATA: 1, "value per beneficiary": 2}
    return (with_grades(table).assign(_a=table.actor.map(rank), _m=table.measure.map(measure_rank),
                                      _h=~table.headline.astype(bool))
            .sort_values(["_a", "_m", "_h", "central"]).drop(columns=["_a", "_m", "_h"])
            .reset_index(drop=True))


def flagged_pairs(inputs: Inputs, settings: Settings) -> pd.DataFrame:
    """Cost pairs that exist only with flagged figures (shown apart, never in the headline
    unless the reader includes flagged figures)."""
    pairs = cost_pairs(inputs, replace(settings, include_flagged=True))
    return pairs[pairs.flagged.astype(bool)].reset_index(drop=True)


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


def supplementary(inputs: Inputs, settings: Settings) -> tuple[pd.DataFrame, dict[str, Unpaired]]:
    """The supplementary amounts of the chosen actors, and why each cost among them would
    have no pair (used for those that have none)."""
    records = inputs.records
    supp = records[(records.source == "supplementary") & records.actor.isin(settings.actors)]
    return supp, {r.record_id: unmatched_reason(r, inputs, settings) for r in supp.itertuples() if r.role == "cost"}
