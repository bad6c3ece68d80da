"""Words of the cost report: amounts, what was divided by what, the note of every row, and
the reader-facing tables. The summary and caveats are in ``costs_summary``."""
from __future__ import annotations

import pandas as pd

from helpers.analysis.beneficiaries import GROUP_LABELS
from helpers.analysis.costs.matching import PairFacts, Unpaired
from helpers.analysis.costs.records import PLURAL, Unnamed
from helpers.analysis.costs.sensitivity import COLUMNS as SENSITIVITY_COLUMNS
from helpers.analysis.costs.table import NO_COST_DATA, NO_HEADLINE, NoCostFacts
from helpers.cleaning.numbers import LOWER_BOUNDS
from helpers.reporting.text.formats import fmt_count, fmt_share
from helpers.sources import manifest

NO_COST = "no cost data in the sources"
NOT_PAIRED = "amounts found, none can be paired with the people they paid for"
BOUND_PHRASES = {
    "exact": "from exact figures",
    "range": "a range because the counts may overlap",
    "lower bound": "a lower bound",
    "upper bound": "an upper bound",
    "approximate": "approximate",
    "not a bound": "neither a lower nor an upper bound",
}
KIND_CAVEATS = {
    "allocation": "allocated, not necessarily spent",
    "funding_requirement": "what was asked for, not what was spent",
    "budget": "planned, not spent",
    "funding": "funding received, not expenditure",
    "funding_reported": "funding a partner reported, not expenditure",
}


def fmt_number(x: float) -> str:
    """Amounts as the report prints them (and tests compare them)."""
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:,.1f}" if abs(x) >= 10 else f"{x:,.2f}"


def fmt_value(row) -> str:
    """'CHF 32.0 (26.6 to 40.3)', 'more than XOF 55,556', or the plain words."""
    if row.measure in NO_HEADLINE:
        return NO_COST if row.measure == NO_COST_DATA else NOT_PAIRED
    prefix = {"lower bound": "more than ", "upper bound": "at most ", "approximate": "about "}.get(row.bound, "")
    text = f"{prefix}{row.currency} {fmt_number(row.central)}"
    if fmt_number(row.low) != fmt_number(row.high):  # a bound's range is of bounds too
        text += f" ({prefix}{fmt_number(row.low)} to {prefix}{fmt_number(row.high)})"
    return text


def describe(row) -> str:
    """'programme expenditure per person reached' for a cost or value row."""
    counted = GROUP_LABELS.get(row.group, "") or row.beneficiary_definition
    first, _, rest = counted.partition(" ")
    return f"{row.cost_definition} per {row.per} {rest if first in PLURAL.values() and rest else counted}"


# --- notes ---------------------------------------------------------------------------------


def unique_range(f: PairFacts) -> str:
    """'between 240,612 (IFRC-008, IFRC-010: counts that cannot overlap, added) and 381,883 (every count added)'."""
    unit = PLURAL[f.per]
    if f.upper <= f.lower:
        return f"{fmt_count(f.lower)} {unit}"
    low = ("the largest count, " + f.low_ids[0] if len(f.low_ids) == 1 else
           "counts that cannot be the same " + unit + " added: " + ", ".join(f.low_ids))
    return f"between {fmt_count(f.lower)} ({low}) and {fmt_count(f.upper)} (every count added) {unit}"


def pair_note(f: PairFacts) -> str:
    """What a reader must know about one pair, in one line."""
    parts = []
    if f.upper > f.lower:
        why = " ('reached' counts contacts across activities)" if f.group == "reached" else ""
        parts.append(f"the {f.counts} counts may overlap{why}: unique {unique_range(f)}; central uses the midpoint")
    if f.dominant:
        fid, share, label = f.dominant
        parts.append(f"one count, {fid} ({label}), carries {fmt_share(share)} of the {PLURAL[f.per]} in the "
                     f"{f.counts} counts paired with the money")
    if f.nested:
        kinds: dict[str, list[str]] = {}
        for fid, kind in f.nested:
            kinds.setdefault({"sex": "sex", "age": "age", "location": "place", "breakdown": "listed split"}.get(
                kind, "sub-activities"),
                             []).append(fid)
        listed = ", ".join(f"{', '.join(ids)} ({kind})" for kind, ids in kinds.items())
        parts.append(f"{len(f.nested)} count{'s' if len(f.nested) > 1 else ''} that "
                     f"{'are parts' if len(f.nested) > 1 else 'is a part'} of these not counted again: {listed}")
    if f.household_size is not None:
        parts.append(f"households converted at {f.household_size:g} people each "
                     f"(low/high with the cited sizes {f.sizes[0]:g} to {f.sizes[1]:g})")
    if f.implementer and f.counted_by and list(f.counted_by) != [f.implementer]:
        parts.append(f"money of {f.implementer}; people counted for {', '.join(f.counted_by)}")
    if f.money_kind in KIND_CAVEATS:
        parts.append(KIND_CAVEATS[f.money_kind])
    if f.amount_qualifier in LOWER_BOUNDS:
        parts.append(f"the amount is printed as a lower bound ({f.amount_raw})")
    for fid, printed in f.bound_counts:
        parts.append(f"the count {fid} is printed as '{printed}'")
    if f.citation:
        parts.append(f"amount from a supplementary source: {f.citation}")
    if f.cost_period not in ("", f.people_period):
        parts.append(f"money for {f.cost_period}, people for {f.people_period}")
    if f.doubtful:
        parts.append("uses figures flagged as inconsistent or doubted by the annotators: " + ", ".join(f.doubtful))
    if f.disputed:
        parts.append("the amount is disputed: it disagrees with " + ", ".join(f.disputed)
                     + " of the same report (see the appendix)")
    parts.append(f"converted at {f.rate_years} exchange rates")
    note = "; ".join(parts)
    if f.value_definition:
        note = (f"{f.value_definition}: what beneficiaries earned or raised, not what the "
                f"programme cost; the count is from the same sentence" + (f"; {note}" if note else ""))
    return note


def _wanted(groups) -> str:
    return " or ".join(GROUP_LABELS[g] for g in groups)


def _programme(programme) -> str:
    """A programme in words; a document's unnamed programme says which document."""
    if isinstance(programme, Unnamed):
        return f"the programme of {programme.doc}, which names none"
    return programme or "no programme named"


def unpaired_reason(u: Unpaired) -> str:
    """Why a money record has no pair, in words: every rule that rules out the counts."""
    wanted = _wanted(u.groups)
    words = {
        "not_cost": lambda: f"{u.definition} is not a programme cost",
        "not_chosen": lambda: f"{u.definition} is not among the chosen cost definitions",
        "flagged": lambda: f"flagged ({u.flag}) and left out unless flagged figures are included",
        "no_counts": lambda: f"{u.actor} reports no {wanted} to set against {u.definition}",
        "no_programme": lambda: (f"no {wanted} in the same programme (money: {_programme(u.programme)}; "
                                 f"counts: {', '.join(map(_programme, u.programmes)) or 'none'})"),
        "no_period": lambda: (f"no {wanted} for an overlapping period (money: {u.period or 'not stated'}; "
                              f"counts: {', '.join(u.periods) or 'period not stated'})"),
        "no_place": lambda: f"no {wanted} for the same place (money: {u.region or 'several countries'})",
    }
    return "; and ".join(words[code]() for code in (u.codes or (u.code,)))


def no_cost_why(f: NoCostFacts) -> str:
    why = []
    if f.no_amount:
        why.append("neither its source report nor the supplementary table gives any amount of money")
    if f.value_only:
        why.append("its report gives only money that beneficiaries earned or raised (shown as "
                   "value per beneficiary), not what the programme cost")
    if f.unpaired:
        why.append("the amounts found cannot be paired: " + "; ".join(
            f"{', '.join(ids)} ({kind}, {period}): {unpaired_reason(reason)}" for ids, kind, period, reason in f.unpaired))
    return "; ".join(why)


def no_cost_needed(f: NoCostFacts) -> str:
    if not f.counted:
        return "beneficiary counts and programme expenditure for the same programme and period"
    return (f"programme expenditure (or a budget) for the programme, place and period of its counts "
            f"of {', '.join(f.counted)} (period of the counts: {f.counted_period})")


def note(row) -> str:
    if isinstance(row.facts, NoCostFacts):
        return f"{fmt_value(row)}: {no_cost_why(row.facts)}. Needed: {no_cost_needed(row.facts)}."
    return pair_note(row.facts)


def with_notes(table: pd.DataFrame) -> pd.DataFrame:
    """The cost table with its ``note`` column written."""
    return table.assign(note=[note(r) for r in table.itertuples()])


# --- tables for readers --------------------------------------------------------------------


def actor_table(table: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: its headline value and range, or the plain words and what is needed."""
    heads = table[table.headline.astype(bool)]
    no_cost = [isinstance(r.facts, NoCostFacts) for r in heads.itertuples()]
    return pd.DataFrame({
        "actor": heads.actor,
        "headline": ["" if r.measure in NO_HEADLINE else describe(r) for r in heads.itertuples()],
        "value": [fmt_value(r) for r in heads.itertuples()],
        "periods": [("" if r.measure in NO_HEADLINE else f"money {r.cost_period}; people {r.beneficiary_period}")
                    for r in heads.itertuples()],
        "figures": [" / ".join(x for x in (r.cost_figure_ids, r.beneficiary_figure_ids) if isinstance(x, str) and x)
                    for r in heads.itertuples()],
        "notes": [_capital(no_cost_why(r.facts)) + "." if n else r.note for r, n in zip(heads.itertuples(), no_cost)],
        "what would be needed": [no_cost_needed(r.facts) if n else ""
                                 for r, n in zip(heads.itertuples(), no_cost)]}).reset_index(drop=True)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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
        "note": [note(r) for r in pairs.itertuples()]}).reset_index(drop=True)


def records_for_reading(records: pd.DataFrame) -> pd.DataFrame:
    """Money records as a narrow table: what each amount is and whether it can be used."""
    state = [("supplementary" if r.source == "supplementary" else r.status)
             + (f"; doubted: {r.doubt.replace('_', ' ')}" if r.doubt else "") for r in records.itertuples()]
    rank = {a: i for i, a in enumerate(manifest.actors())}
    table = pd.DataFrame({
        "id": records.record_id, "actor": records.actor, "what it is": records.definition,
        "role": records.role.map({"cost": "cost", "value": "value to beneficiaries"}).fillna(records.role),
        "printed": records.amount_raw, "currency": records.currency,
        "period": records.period.replace("", "not stated"), "programme": records.programme.replace("", "not named"),
        "status": state})
    return table.iloc[table.actor.map(rank).argsort(kind="stable")].reset_index(drop=True)


def supplementary_status(supplementary: pd.DataFrame, reasons: dict, table: pd.DataFrame) -> pd.DataFrame:
    """Each supplementary amount: what it was paired with, or why it was not (``reasons``:
    record id -> :class:`Unpaired` for the amounts of a cost kind that have no pair)."""
    paired = {r.cost_figure_ids: r.beneficiary_figure_ids for r in table.itertuples()
              if isinstance(r.cost_figure_ids, str)}
    return pd.DataFrame({
        "id": supplementary.record_id, "actor": supplementary.actor,
        "amount": [f"{r.amount_raw} ({r.definition}, {r.period})" for r in supplementary.itertuples()],
        "used": [f"the same money as {r.same_as} of a source report: counted once, as the report's"
                 if r.status == "duplicate" else f"paired with {paired[r.record_id]}" if r.record_id in paired else
                 "not paired: " + ("not a programme cost" if r.role != "cost" else unpaired_reason(reasons[r.record_id]))
                 for r in supplementary.itertuples()],
        "source": supplementary.citation, "note (research assistant)": supplementary.notes}).reset_index(drop=True)


def sensitivity_detail(row) -> str:
    f = row.facts
    if row.factor == "overlap of counts":
        return (f"{f['lower']:,.0f} to {f['upper']:,.0f} unique {PLURAL[row.per]}" if f["overlap"]
                else "a single count: no overlap")
    if row.factor == "household size":
        return (f"{f['sizes'][1]:g} to {f['sizes'][0]:g} people per household (larger households, lower cost "
                "per person)" if f["moved"]
                else "no households in this pair")
    if row.factor == "beneficiary definition":
        return "chosen definitions vs. also counting people trained and sensitised"
    if row.factor == "exchange-rate year":
        return f"the rates of its own period, or of any one year from {f['years'][0]} to {f['years'][1]}"
    if row.factor == "disputed amount":
        return "the amount as stated, or the amount of " + ", ".join(f["instead"]) + ", which it disagrees with"
    switched = "without" if f["included"] else "with"
    other = f["other"]
    return f"{switched} flagged figures the headline " + (
        "stays the same pair" if other is None else
        f"becomes {other.cost_figure_ids} ({describe(other)}, {fmt_number(other.central)})")


def sensitivity_table(sens: pd.DataFrame) -> pd.DataFrame:
    """The sensitivity as written to cost_sensitivity.csv: each headline and factor in words."""
    assert list(sens.columns) == SENSITIVITY_COLUMNS, sens.columns
    return pd.DataFrame({
        "actor": sens.actor, "headline": [describe(r) for r in sens.itertuples()], "factor": sens.factor,
        "low": sens.low, "high": sens.high, "baseline": sens.baseline,
        "detail": [sensitivity_detail(r) for r in sens.itertuples()]})


def denominators_for_reading(summary: pd.DataFrame) -> pd.DataFrame:
    """The denominator summary with its bounds printed as counts ('' where there are none)."""
    out = summary.copy()
    for column in ("at_least", "at_most"):
        out[column] = out[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    return out.rename(columns={"at_least": "unique (at least)", "at_most": "unique (at most)",
                               "parts_of_others": "parts of other counts"})


def rates_for_reading(rates: pd.DataFrame) -> pd.DataFrame:
    """The exchange rates used, in words: '1 EUR = 0.9718 CHF', its kind, whether checked."""
    return pd.DataFrame({
        "year": rates.year, "rate": [f"1 {r.base} = {r.rate:g} {r.quote}" for r in rates.itertuples()],
        "kind": rates.kind.str.replace("_", " "),
        "checked against a stored copy": rates.verified.map({True: "yes", False: "no"}),
        "source": rates.source}).reset_index(drop=True)
