"""Words of an actor profile: both analyses for one actor, from the published outputs, with
every section that has nothing to show reduced to one sentence saying so."""
from __future__ import annotations

import pandas as pd

from helpers.analysis.costs.matching import COST, NO_HEADLINE, VALUE
from helpers.reporting.results import Results
from helpers.reporting.text import gender as gender_words
from helpers.reporting.text.costs import BOUND_PHRASES, describe, fmt_value
from helpers.reporting.text.formats import fmt_count, fmt_share, plural
from helpers.reporting.text.overview import ISSUE_WORDS, documents
from helpers.sources import periods as period_words, vocab


def _key_rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[frame.report_period == period] if "report_period" in frame else frame


def reach_sentences(res: Results) -> list[str]:
    """One sentence per report period: reach, sex, share and what it rests on."""
    out = []
    for r in res.reach.itertuples():
        units = _key_rows(res.units, r.report_period).reset_index(drop=True)
        targets = next(_key_rows(res.targets, r.report_period).itertuples(), None)
        printed = list(res.groups.women_share[res.groups.basis.str.startswith("printed")])
        out.append(gender_words.actor_sentence(r, units, targets, _key_rows(res.context, r.report_period),
                                               printed=printed))
    return out


def targets_sentence(actor: str, res: Results) -> str:
    """Targets in words when none is a count of people: the households or organisations counted."""
    other = res.denominators[(res.denominators.group == "targeted") & (res.denominators.count_unit != "person")
                             & (res.denominators.nested_in == "")]
    if other.empty:
        return f"{actor}'s documents give no targets."
    listed = "; ".join(f"{fmt_count(r.value)} {r.label} ({r.figure_id})" for r in other.itertuples())
    return f"{actor}'s documents give no targets in numbers of people, only: {listed}."


def organisations_sentence(actor: str, res: Results) -> str:
    """Organisations the actor supported (beneficiaries that are not people), with their state."""
    own = res.denominators[(res.denominators.group == "organisations") & (res.denominators.nested_in == "")]
    if own.empty:
        return ""
    listed = "; ".join(f"{fmt_count(r.value)} {r.label} ({r.figure_id}" + (f", {r.status}" if r.status != "ok" else "")
                       + ")" for r in own.itertuples())
    return f"{actor} also counts organisations it supported, which are not people: {listed}."


def headline(res: Results):
    heads = res.costs[res.costs.headline.astype(bool)]
    return heads.iloc[0] if len(heads) else None


def cost_sentence(res: Results, short: bool = False) -> str:
    """The cost headline: the value, what was divided by what, its grade and why (``short``:
    without the note, for the summary)."""
    row = headline(res)
    if row is None:
        return "The cost analysis of this run did not include this actor."
    if row.measure in NO_HEADLINE:
        return f"Cost per beneficiary: {fmt_value(row)} (see Cost per beneficiary)." if short else \
            f"Cost per beneficiary: {row.note}"
    counted = (f"{fmt_count(row.people_lower)}" + (f" to {fmt_count(row.people_upper)}"
                                                   if row.people_upper > row.people_lower else ""))
    return (f"Cost per beneficiary: {fmt_value(row)} {describe(row)}, {BOUND_PHRASES[row.bound]}: "
            f"{row.cost_definition} {row.cost_figure_ids} ({period_words.label(row.cost_period)}"
            f"{', money of ' + row.paid_by if row.paid_by else ''}) ÷ {counted} "
            f"({row.beneficiary_figure_ids}, {period_words.label(row.beneficiary_period)}). Trust grade "
            f"{grade_words(row)}." + ("" if short else f" {row.note[:1].upper()}{row.note[1:]}."))


def grade_words(row) -> str:
    issues = [ISSUE_WORDS[i] for i in row.trust_issues.split()]
    return row.trust_grade + (f" ({'; '.join(issues)})" if issues else "")


def summary(actor: str, res: Results, docs: pd.DataFrame) -> list[str]:
    """The answer first: the documents, reach by sex per period, the cost headline."""
    return [*reach_sentences(res), cost_sentence(res, short=True),
            f"Documents: {documents(docs)}."]


def read_first(res: Results) -> list[str]:
    """What a reader must not miss about this actor's numbers."""
    out = [f"{gender_words.who(r)}: {r.note}." for r in res.reach.itertuples() if r.note]
    row = headline(res)
    if row is not None and row.measure == COST and row.trust_issues:
        out.append(f"The cost per beneficiary is {grade_words(row)}.")
    if len(res.context):
        out.append(f"{plural(len(res.context), 'population-context figure')} (people in need, covered by plans, "
                   "at risk…) shown apart and never counted as reach.")
    out.append("Every number is the organisation's own report, not audited; figures that may count the same "
               "people give reach as a range (at least to at most).")
    return out


def pairs_table(res: Results) -> pd.DataFrame:
    """Every cost and value pair of the actor, as a narrow table for readers."""
    pairs = res.costs[res.costs.measure.isin([COST, VALUE])]
    return pd.DataFrame({
        "pair": [describe(r) if r.measure == COST else f"{r.cost_definition} per person (value to beneficiaries, "
                 "not a cost)" for r in pairs.itertuples()],
        "value": [f"{fmt_value(r)}; {BOUND_PHRASES[r.bound]}" for r in pairs.itertuples()],
        "money ÷ counts": [f"{r.cost_figure_ids} ÷ {r.beneficiary_figure_ids}" for r in pairs.itertuples()],
        "headline": ["yes" if r.headline else "" for r in pairs.itertuples()],
        "trust grade": [grade_words(r) for r in pairs.itertuples()],
        "note": list(pairs.note)}).reset_index(drop=True)


def figures_used(res: Results) -> dict[str, str]:
    """Figure id -> how this profile's analyses used it ('reach: counted; cost: people reached')."""
    uses: dict[str, list[str]] = {}
    for r in res.gender_used.itertuples():
        uses.setdefault(r.figure_id, []).append(f"{r.analysis}: {r.role}")
    for r in res.cost_used.itertuples():
        uses.setdefault(r.id, []).append(f"cost: {r.role} ({r.used})")
    return {fid: "; ".join(dict.fromkeys(parts)) for fid, parts in uses.items()}


def theme_title(actor: str, themes: pd.DataFrame) -> str:
    """The finding of the profile's chart: where the actor states sex, and how much it counts there."""
    stated = themes[(themes.people_female.fillna(0) + themes.people_male.fillna(0)) > 0]
    top = themes.iloc[0]
    if stated.empty:
        return (f"{actor} states the sex of nobody it counts; most people are under "
                f"{vocab.label('theme', top.theme)} ({fmt_count(top.people_high)})")
    return (f"{actor} states sex under {len(stated)} of its {len(themes)} themes; most people are under "
            f"{vocab.label('theme', top.theme)} ({fmt_count(top.people_high)}, "
            f"{fmt_share(top.disaggregation_coverage)} of them of stated sex)")


def theme_alt(themes: pd.DataFrame, labels: list[str]) -> str:
    parts = [f"{label}: {fmt_count(r.people_high)} people, {_count(r.people_female)} women and girls, "
             f"{_count(r.people_male)} men and boys, {fmt_count(r.people_sex_unknown)} sex not stated"
             for label, r in zip(labels, themes.itertuples())]
    return "Dots on a logarithmic scale, one row per theme, of the people counted by sex. " + "; ".join(parts) + "."


def _count(value) -> str:
    return "not stated" if pd.isna(value) else fmt_count(value)
