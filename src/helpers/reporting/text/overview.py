"""Words of the landing page: one row per actor across both analyses, the answer in a few
sentences, and what a reader must know before using any of it.

Everything is read from the published outputs (``reporting.results``): the page says what
the analyses said, in fewer words, with the weight of each number (bounds, repaired,
disputed or shared figures; what a cost divides by what) kept."""
from __future__ import annotations

import pandas as pd

from helpers.analysis.costs.grade import COMPARABLE, GRADES, INDICATIVE, NO_DATA, NOT_COMPARABLE
from helpers.analysis.costs.matching import COST, NO_HEADLINE, household_conversion
from helpers.analysis.costs.records import PLURAL
from helpers.analysis.gender.selection import REPRESENTS
from helpers.reporting.registry import page
from helpers.reporting.text import gender as gender_words
from helpers.reporting.text.costs import describe, fmt_value
from helpers.reporting.text.formats import fmt_count, fmt_share, plural
from helpers.sources import periods as period_words

GRADE_MEANINGS = {
    COMPARABLE: "money spent divided by people reached in the same period, from exact figures that "
                "nothing disputes, counted by the organisation that spent the money, all from the documents: "
                "it may be set beside another actor's comparable figure",
    INDICATIVE: "a cost per beneficiary exists, but its definition or its figures (named) keep it from "
                "being set beside another actor's: read it as an order of magnitude",
    NOT_COMPARABLE: "the sources give money, but none of it can be divided by the people it paid for "
                    "(or only money the beneficiaries earned)",
    NO_DATA: "the sources give no amount of money",
}
ISSUE_WORDS = {
    "not_spent": "money asked for, allocated or received, not money spent",
    "not_reached": "people targeted, not people reached",
    "households": "households converted to people",
    "bound": "a bound, not a value",
    "disputed": "the amount disagrees with another statement of the same report",
    "flagged": "rests on figures flagged by the cleaning",
    "periods_differ": "money and people of different periods",
    "other_hands": "one organisation's money over people another counted",
    "outside_source": "the amount is from a publication outside the documents (cited)",
}
NO_REACH = "no counts of people reached"
NO_DATA_CELL = "no data"  # a cell with nothing to show says so


def _periods(rows: pd.DataFrame) -> bool:
    return len(rows) > 1


def _per_period(rows: pd.DataFrame, cell) -> str:
    """One line per report period when an actor has several (never added across periods)."""
    if not _periods(rows):
        return cell(rows.iloc[0])
    return "; ".join(f"{period_words.label(r.report_period)}: {cell(r)}" for r in rows.itertuples())


def reach_range(r) -> str:
    if not r.figures:
        return NO_REACH
    low, high = fmt_count(r.people_low), fmt_count(r.people_high)
    return f"{low} people" if low == high else f"{low} to {high} people"


def represents(r) -> bool:
    """Whether the actor's share of women speaks for its reach (``REPRESENTS``)."""
    return pd.notna(r.female_share) and r.both_sexes_people >= REPRESENTS * r.people_high


def women(r) -> str:
    if not r.figures:
        return NO_DATA_CELL
    if pd.isna(r.people_female):
        return "not stated"
    text = f"{fmt_count(r.people_female)} women and girls"
    if represents(r):
        return text + (f" in all figures; {fmt_share(r.female_share)} women and girls in the "
                       f"{plural(r.figures_both_sexes, 'figure')} counting both sexes "
                       f"({fmt_count(r.both_sexes_people)} people)")
    if pd.notna(r.female_share):
        return text + (f"; no share for the reach: the figures counting both sexes ({fmt_count(r.both_sexes_people)} "
                       f"people) are {fmt_share(r.both_sexes_people / r.people_high)} of it")
    return text + "; no share (no figure counts both women and men)"


def sex_stated(r) -> str:
    return NO_DATA_CELL if not r.figures else f"{fmt_share(r.disaggregation_coverage)} of the people counted"


def weight(r, units: pd.DataFrame) -> str:
    """What the actor's reach rests on that a reader must not miss: its figures, those that are
    bounds, repaired, disputed or of a shared programme, and the one figure carrying most of it."""
    if not r.figures:
        return NO_DATA_CELL
    parts = [f"{n} {what}" for n, what in ((r.bound_figures, "bound or estimate"),
                                           (r.repaired_figures, "repaired"),
                                           (r.disputed_figures, "disputed"),
                                           (r.shared_figures, "of a shared programme")) if n]
    text = f"{plural(r.figures, 'figure')}" + (f", of which {', '.join(parts)}" if parts else "")
    if r.figures > 1 and r.largest_people >= 0.5 * r.people_high:
        top = units[units.unit_id == r.largest_figure]
        flags = gender_words.unit_flags(top.iloc[0]) if len(top) else []
        text += (f"; {fmt_share(r.largest_people / r.people_high)} of it (at most) in one figure, {r.largest_figure}"
                 + (f" ({', '.join(flags)})" if flags else ""))
    return text


def cost(row) -> str:
    """The headline in words: value, what it divides, and its figures."""
    if row.measure in NO_HEADLINE:
        return fmt_value(row)
    counted = fmt_count(row.people_lower) + (f" to {fmt_count(row.people_upper)}"
                                             if row.people_upper > row.people_lower else "")
    counted += f" {PLURAL[row.per]}"
    label, size = household_conversion(row.beneficiary_definition)
    if size:  # households converted to people: say so where the number is read
        counted += f" ({fmt_count(row.people_lower / size)} {label} × {size:g})"
    if len(row.beneficiary_figure_ids.split()) > 1:
        counted += f" in {len(row.beneficiary_figure_ids.split())} counts"
    paid = f", money of {row.paid_by}" if row.paid_by else ""
    return (f"{fmt_value(row)} {describe(row)} ({row.cost_figure_ids}{paid}, {period_words.label(row.cost_period)}"
            f" ÷ {counted}: {row.beneficiary_figure_ids}, "
            f"{period_words.label(row.beneficiary_period)})")


def grade(row) -> str:
    issues = [ISSUE_WORDS[i] for i in row.trust_issues.split()]
    return row.trust_grade + (f": {'; '.join(issues)}" if issues else "")


def documents(docs: pd.DataFrame) -> str:
    if docs.empty:
        return NO_DATA_CELL
    return "; ".join(f"{d.title} ({d.publisher}, {period_words.label(d.period_covered)})" for d in docs.itertuples())


def actor_table(reach: pd.DataFrame, costs: pd.DataFrame, manifest: pd.DataFrame, actors,
                units: pd.DataFrame) -> pd.DataFrame:
    """The landing table: one row per actor, every cell a value or plain words saying why not."""
    heads = costs[costs.headline.astype(bool)].drop_duplicates("actor").set_index("actor")
    rows = []
    for actor in actors:
        own = reach[reach.actor == actor]
        docs = manifest[manifest.actor == actor]
        head = heads.loc[actor] if actor in heads.index else None
        not_run = "no data: not in this run's selection"
        rows.append({
            "actor": actor,
            "documents (period covered)": documents(docs),
            "direct reach (at least to at most)": _per_period(own, reach_range) if len(own) else not_run,
            "women and girls reached": _per_period(own, women) if len(own) else not_run,
            "sex stated for": _per_period(own, sex_stated) if len(own) else not_run,
            "reach rests on": _per_period(own, lambda r: weight(r, units)) if len(own) else not_run,
            "cost per beneficiary": cost(head) if head is not None else not_run,
            "trust grade": grade(head) if head is not None else not_run,
        })
    return pd.DataFrame(rows)


def _described(r, units: pd.DataFrame) -> str:
    top = units[units.unit_id == r.largest_figure]
    return gender_words.describe_unit(top.iloc[0]) if len(top) else r.largest_figure


def answer(reach: pd.DataFrame, costs: pd.DataFrame, manifest: pd.DataFrame, units: pd.DataFrame) -> list[str]:
    """The answer first, in sentences generated from the outputs."""
    counted = reach[reach.figures > 0]
    years = [y for p in manifest.period_covered for y in (period_words.years(p) or ())]
    span = f", covering {min(years)} to {max(years)}" if years else ""
    out = [f"{manifest.actor.nunique()} actors, {len(manifest)} documents{span}."]
    if len(counted):
        most = counted.loc[counted.people_high.idxmax()]
        out.append(f"{len(counted.actor.unique())} of them count people reached directly, from "
                   + "; ".join(f"{r.actor}{_period_of(r, reach)} {reach_range(r)}" for r in counted.itertuples())
                   + f". The actors count different things, so the figures are set side by side, never added; "
                     f"the largest, {most.actor}, counts {fmt_count(most.people_high)} people at most"
                   + (f", {fmt_share(most.largest_people / most.people_high)} of them in one figure, "
                      f"{_described(most, units)}; without it, at most {fmt_count(most.people_high - most.largest_people)}"
                      if most.figures > 1 and most.largest_people >= 0.5 * most.people_high else "") + ".")
    stated = counted[counted.disaggregation_coverage >= 0.5]
    shares = [r for r in counted.itertuples() if represents(r)]
    thin = [r for r in counted.itertuples() if pd.notna(r.female_share) and not represents(r)]
    text = (f"Sex is stated for at least half of the people counted by {len(stated)} of {len(counted)} "
            f"({', '.join(stated.actor) or 'none'}). A share of women is given for an actor only where its figures "
            "that count both women and men hold at least half of the people it reached: " + ("; ".join(
                f"{r.actor}, {fmt_share(r.female_share)} women and girls (of {fmt_count(r.both_sexes_people)} people)"
                for r in shares) or "no actor") + ".")
    if thin:
        text += " " + "; ".join(f"{r.actor}: its figures counting both sexes are {fmt_share(r.both_sexes_people / r.people_high)} "
                                f"of its reach, too few for a share" for r in thin) + "."
    out.append(text)
    heads = costs[costs.headline.astype(bool)].drop_duplicates("actor")
    by_grade = {g: heads[heads.trust_grade == g] for g in GRADES}
    priced = heads[heads.measure == COST]
    text = f"{len(priced)} of {len(heads)} actors have a cost per beneficiary"
    if len(priced):
        text += ": " + "; ".join(f"{r.actor} {fmt_value(r)} {describe(r)} ({r.trust_grade})" for r in priced.itertuples())
    if not len(by_grade[COMPARABLE]):
        text += ". None is comparable with another actor's"
    rest = [f"{', '.join(by_grade[g].actor)}: {g}" for g in (NOT_COMPARABLE, NO_DATA) if len(by_grade[g])]
    out.append(text + (f" ({'; '.join(rest)})" if rest else "") + ".")
    return out


def _period_of(r, reach: pd.DataFrame) -> str:
    return f" ({period_words.label(r.report_period)})" if (reach.actor == r.actor).sum() > 1 else ""


def read_first(costs: pd.DataFrame) -> list[str]:
    """What a reader must not miss before using any number of the page."""
    out = ["Every number is an organisation's own report, not audited, and each counts a different thing as "
           "'reached' (trained, sensitised, covered by a plan, member of a body): set actors side by side, "
           "never add them.",
           "Unique people are unknown where figures may count the same people, so reach is a range: at least "
           "(figures that cannot overlap, added) to at most (every figure added).",
           "A share of women is computed only from figures that count both women and men; where sex is stated "
           "for a small part of the reach, that share says nothing about the rest.",
           "Population context (people in need, covered by plans, at risk) and targets are never counted as reach."]
    if (costs.trust_grade == INDICATIVE).any():
        out.append("An indicative cost per beneficiary is an order of magnitude: its grade says why (money "
                   "asked for rather than spent, people targeted rather than reached, a disputed amount...).")
    return out


# --- the chart and the list of reports -------------------------------------------------------


def row_label(r, reach: pd.DataFrame) -> str:
    return f"{r.actor}{_period_of(r, reach)}"


def coverage_sentence(reach: pd.DataFrame) -> str:
    """The chart's content in words, when there are too few actors to chart."""
    counted = reach[reach.people_high > 0]
    if counted.empty:
        return "No actor reports counts of people reached, so nothing can be said about their sex."
    return " ".join(f"{row_label(r, reach)}: sex is stated for {fmt_share(r.disaggregation_coverage)} of the "
                    f"{fmt_count(r.people_high)} people counted." for r in counted.itertuples())


def coverage_title(rows: pd.DataFrame) -> str:
    most = rows.loc[rows.disaggregation_coverage.idxmax()]
    low = int((rows.disaggregation_coverage < 0.5).sum())
    return (f"{low} of {len(rows)} actors state the sex of fewer than half of the people they count; "
            f"{most.row} states it for {fmt_share(most.disaggregation_coverage)}")


def coverage_alt(rows: pd.DataFrame) -> str:
    parts = []
    for r in rows.itertuples():
        total = float(r.people_high)
        women = 0.0 if pd.isna(r.people_female) else float(r.people_female)
        men = 0.0 if pd.isna(r.people_male) else float(r.people_male)
        parts.append(f"{r.row}: {fmt_count(total)} people counted, {fmt_share(women / total)} women and girls, "
                     f"{fmt_share(men / total)} men and boys, {fmt_share(r.people_sex_unknown / total)} sex not stated")
    return "Horizontal bars, one per actor, splitting the people counted by sex. " + "; ".join(parts) + "."


def _span(periods) -> str:
    years = [y for p in periods for y in (period_words.years(p) or ())]
    if not years:
        return "period not stated"
    return f"{min(years)}" if min(years) == max(years) else f"{min(years)}-{max(years)}"


def report_list(catalog, manifest: pd.DataFrame, this: str) -> pd.DataFrame:
    """Every report of the run but this page: title, the question it answers, the period of the
    documents it draws on, and its file (fan-out pages: one per value, e.g. per actor)."""
    rows = []
    for name, nb in catalog.items():
        if name == this:
            continue
        if nb.fan_out is None:
            rows.append((nb.title, nb.description, _span(manifest.period_covered), page(name)))
            continue
        for i, value in enumerate(nb.fan_out.values()):
            docs = manifest[manifest.actor == value] if value in set(manifest.actor) else manifest
            said = nb.description if i == 0 else f"The same, for {value}."  # the question once, not per page
            rows.append((f"{nb.title}: {value}", said, _span(docs.period_covered), page(name, value)))
    return pd.DataFrame(rows, columns=["report", "what it answers", "period of the documents", "href"])
