"""Words of the gender report: key findings, chart titles, number formats and readable tables."""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.analysis.gender.metrics import is_parity
from helpers.analysis.gender.model import ShareModel
from helpers.analysis.gender.selection import PARITY_SHARES, TARGET_INDICATOR
from helpers.reporting.text.formats import fmt_count, fmt_share


def group_note(female: float, male: float, people: float, bounds: int, min_group_size: int) -> str:
    """What a reader must know before reading a group's share and parity index ('' if nothing)."""
    known = female + male
    notes = []
    if not known:
        notes.append("no sex-disaggregated data")
    elif known < min_group_size:
        notes.append(f"fewer than {min_group_size} people of known sex: no share shown")
    else:
        if not male:
            notes.append("no men counted: no parity index")
        if known / people < 0.5:
            notes.append(f"sex stated for only {fmt_share(known / people)} of the people counted")
    if bounds:
        notes.append(f"{bounds} figure(s) are lower bounds")
    return "; ".join(notes)


NO_FIGURES = "no figures in the sources for this selection, so no sex-disaggregated data"


def with_notes(table: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    """``table`` (of :func:`~helpers.analysis.gender.metrics.summarise` or ``by_actor``) with a
    last column ``note``: what a reader must know before reading each row's share and parity."""
    notes = [NO_FIGURES if not r.figures else
             group_note(r.people_female, r.people_male, r.people_high, r.bound_figures, min_group_size)
             for r in table.itertuples()]
    return table.assign(note=pd.Series(notes, index=table.index, dtype=object))


def fmt_range(low: float, high: float) -> str:
    if low == high:
        return f"{fmt_count(low)} people"
    return f"between {fmt_count(low)} and {fmt_count(high)} people"


INDICATOR_WORDS = {"people_reached": "people reached", "people_trained": "people trained",
                   "people_sensitized": "people sensitised", "people_covered_by_plans": "people covered by plans",
                   "members": "members", "leaders": "leaders", TARGET_INDICATOR: "people targeted"}


def _largest(row: pd.Series) -> str:
    """'(largest figure: CARE-003, people covered by plans)' for a range, '' for a single figure."""
    if row.figures < 2:
        return ""
    kind = INDICATOR_WORDS.get(row.largest_indicator, row.largest_indicator)
    return f" (largest figure: {row.largest_figure}, {kind})"


def parity_reading(index: float) -> str:
    if math.isnan(index):
        return "no parity index: no men counted"
    if is_parity(index):
        return "parity"
    return "more women than men" if index > 1 else "fewer women than men"


def actor_sentence(reach: pd.Series, targets: pd.Series | None = None, households: float = 0.0,
                   printed: Sequence[float] = ()) -> str:
    """What the sources let us say about one actor's reach by sex. ``reach`` and ``targets``
    are its rows of :func:`by_actor`; ``households`` and ``printed`` (shares of women) are
    mentioned when the actor gives no counts of people by sex."""
    name = reach.actor
    if not reach.figures_with_sex:
        if not reach.figures:
            text = f"{name}: no counts of people reached in the sources, so no sex-disaggregated data"
        else:
            text = (f"{name}: {fmt_range(reach.people_low, reach.people_high)}{_largest(reach)} counted in "
                    f"{int(reach.figures)} figure(s), with no sex-disaggregated data")
        if targets is not None and targets.figures:
            who = ("all of them women" if targets.people_female == targets.people_high
                   else f"sex stated for {fmt_share(targets.disaggregation_coverage)}")
            text += f"; targets only: {fmt_range(targets.people_low, targets.people_high)} ({who})"
        if households:
            text += f"; it counts households instead ({fmt_count(households)} households, not people)"
        if printed:
            shares = ", ".join(map(fmt_share, printed))
            text += f"; its only statement about sex is a printed share of women ({shares})"
        return text + "."
    text = (f"{name}: {fmt_range(reach.people_low, reach.people_high)}{_largest(reach)} counted in "
            f"{int(reach.figures)} figure(s); sex is stated for {'only ' * (reach.disaggregation_coverage < 0.5)}"
            f"{fmt_share(reach.disaggregation_coverage)} of them")
    known = reach.people_female + reach.people_male
    if reach.disaggregation_coverage < 0.5:
        sexes = ("all women and girls" if not reach.people_male
                 else f"{fmt_share(reach.people_female / known)} women and girls")
        return text + f" ({fmt_count(known)} people, {sexes}), too few to say whom the actor reached."
    if math.isnan(reach.female_share):
        return text + f" ({reach.note})."
    text += f", and women and girls are {fmt_share(reach.female_share)} of those"
    if not math.isnan(reach.parity_index):
        text += f" (parity index {reach.parity_index:.2f}: {parity_reading(reach.parity_index)})"
    return text + "."


def groups_sentence(groups: pd.DataFrame) -> str:
    """Women's share among the bodies and trainings of known size, as one sentence ('' if none)."""
    counted = groups[groups.basis.eq("counts") & groups.women_share.notna()].sort_values("women_share")
    if counted.empty:
        return ""
    lowest, highest = counted.iloc[0], counted.iloc[-1]
    minority = int((counted.women_share < 0.5).sum())
    return (f"Women are fewer than half in {minority} of the {len(counted)} bodies and trainings that "
            f"state how many women they had: from {fmt_share(lowest.women_share)} among "
            f"{_lower_first(lowest.group)} ({lowest.figure_ids}) to {fmt_share(highest.women_share)} among "
            f"{_lower_first(highest.group)} ({highest.figure_ids}).")


def _lower_first(text: str) -> str:
    """'Key actors of the National Police' -> 'key actors of the National Police' (not 'BNDA' -> 'bNDA')."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


REACH_KIND_WORDS = {"trained": "trainings", "sensitized": "awareness-raising", "reached": "other assistance",
                    "members": "bodies (members)", "leaders": "leadership roles",
                    "covered_by_plans": "coverage by plans"}


def _kind(level: str) -> str:
    return REACH_KIND_WORDS.get(level, level)


def model_sentence(model: ShareModel) -> str:
    """The GLM's comparison in words, or why it was not fitted."""
    if not model.fitted:
        return f"No model of women's share was fitted: {model.reason}."
    parts = []
    for row in model.table[model.table.level != model.table.reference].itertuples():
        ref = model.table[(model.table.term == row.term) & (model.table.level == row.reference)].iloc[0]
        parts.append(f"{_kind(row.level)} counted {fmt_share(row.pooled_share)} women (the {row.units} "
                     f"figures range from {fmt_share(row.share_min)} to {fmt_share(row.share_max)}) against "
                     f"{fmt_share(ref.pooled_share)} in {_kind(row.reference)} (odds ratio {row.odds_ratio:.2f}, "
                     f"95% interval {row.or_ci_low:.2f}-{row.or_ci_high:.2f})")
    return (f"In the {model.units} mixed-sex figures, " + "; ".join(parts)
            + f". The figures vary {model.dispersion:.0f} times more than chance alone would make them "
            "(the interval allows for this), and they are reported counts, not samples: read this as a "
            "description of what was reported, not as an effect.")


def summary_sentences(reach: pd.DataFrame, targets: pd.DataFrame, groups: pd.DataFrame,
                      model: ShareModel, households: dict[str, float]) -> list[str]:
    """The key findings, generated from the tables: coverage overall, one sentence per actor,
    women among leaders and trainees, and the model."""
    figures, with_sex = int(reach.figures.sum()), int(reach.figures_with_sex.sum())
    out = []
    if figures:
        out.append(f"Of the {figures} figures counting people reached, {with_sex} ({fmt_share(with_sex / figures)}) "
                   "say anything about the sex of the people counted.")
    printed = groups[groups.basis.str.startswith("printed")].groupby("actor").women_share.apply(list)
    tgt = targets.set_index("actor")
    for _, row in reach.iterrows():
        target = tgt.loc[row.actor] if row.actor in tgt.index else None
        out.append(actor_sentence(row, target, households.get(row.actor, 0.0), printed.get(row.actor, [])))
    out += [s for s in (groups_sentence(groups), model_sentence(model) if figures else "") if s]
    return out


def title_reach_by_sex(actors: pd.DataFrame) -> str:
    counted = actors[actors.people_high > 0].sort_values("disaggregation_coverage", ascending=False)
    if counted.empty:
        return "No counts of people reached for the selected actors"
    best = counted.iloc[0]
    title = f"Sex is stated for {fmt_share(best.disaggregation_coverage)} of the people {best.actor} counts"
    if len(counted) > 1:
        title += f", for at most {fmt_share(counted.disaggregation_coverage.iloc[1])} elsewhere"
    return title


def title_share_vs_parity(table: pd.DataFrame) -> str:
    shown = table.dropna(subset=["female_share"])
    if shown.empty:
        return "No group has enough people of known sex to show a share of women"
    above = int((shown.female_share > PARITY_SHARES[1]).sum())
    below = int((shown.female_share < PARITY_SHARES[0]).sum())
    women_only = int((shown.people_male == 0).sum())
    at = len(shown) - above - below
    return (f"Where sex is stated, women outnumber men in {above} of {len(shown)} groups"
            + (f" ({women_only} of them count no men at all)" if women_only else "")
            + (f"; men outnumber women in {below}" if below else "") + (f"; {at} at parity" if at else ""))


def title_coverage(table: pd.DataFrame) -> str:
    counted = table[table.people_high > 0]
    half = int((counted.disaggregation_coverage >= 0.5).sum())
    return f"Sex is stated for at least half of the people counted in {half} of {len(counted)} actor-theme groups"


def title_groups(groups: pd.DataFrame) -> str:
    shown = groups.dropna(subset=["women_share"])
    minority = int((shown.women_share < 0.5).sum())
    return f"Women are fewer than half in {minority} of the {len(shown)} groups whose share of women is stated"


# --- tables for readers -------------------------------------------------------------------


HEADERS = {
    "figures_with_sex": "figures with sex", "bound_figures": "lower bounds", "people_low": "people (low)",
    "people_high": "people (high)", "people_female": "women and girls", "people_male": "men and boys",
    "people_sex_unknown": "sex not stated", "people_women": "women", "people_girls": "girls",
    "people_men": "men", "people_boys": "boys", "female_share": "women's share",
    "female_share_low": "women's share if unknown are men", "female_share_high": "women's share if unknown are women",
    "parity_index": "parity index", "parity_index_mixed": "parity index (mixed figures)",
    "disaggregation_coverage": "sex stated (people)", "figure_coverage": "sex stated (figures)",
    "women_share": "women's share", "printed_share": "printed share", "sex_unknown": "sex not stated",
    "figure_ids": "figures", "unit_id": "figure", "or_ci_low": "odds ratio 95% low",
    "or_ci_high": "odds ratio 95% high", "pooled_share": "women's share (pooled)",
    "share_min": "lowest figure", "share_max": "highest figure", "p_value": "p", "units": "figures",
}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A table as text for readers: counts with thousands separators, shares as percentages,
    ratios with two decimals, '–' where there is no value, headers in words."""
    out = pd.DataFrame(index=table.index)
    for col in table.columns:
        values = table[col]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            out[col] = values
            continue
        if "share" in col or "coverage" in col:
            fmt = fmt_share
        elif col == "p_value":
            fmt = lambda x: "<0.001" if x < 0.001 else f"{x:.3f}"  # noqa: E731
        elif "parity" in col or col.startswith(("odds", "or_")):
            fmt = lambda x: f"{x:.2f}"  # noqa: E731
        else:
            fmt = fmt_count
        out[col] = [("–" if pd.isna(x) else fmt(float(x))) for x in values]
    return out.rename(columns=lambda c: HEADERS.get(c, c.replace("_", " ")))
