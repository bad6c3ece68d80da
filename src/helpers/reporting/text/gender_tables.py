"""Words of the gender report's charts and tables: titles computed from the data they title,
and tables as text for readers (a sex nobody stated reads 'not stated', never 0)."""
from __future__ import annotations

import pandas as pd

from helpers.analysis.gender.metrics import SEX_COLUMNS
from helpers.analysis.gender.selection import PARITY_SHARES, REPRESENTS
from helpers.reporting.text.formats import fmt_count, fmt_share, plural
from helpers.sources import vocab


def row_name(row) -> str:
    return f"{row.actor} ({row.report_period})" if getattr(row, "report_period", "") else row.actor


def title_reach_by_sex(actors: pd.DataFrame) -> str:
    counted = actors[actors.people_high > 0].sort_values("disaggregation_coverage", ascending=False)
    if counted.empty:
        return "No counts of people reached for the selected actors"
    best = counted.iloc[0]
    title = f"Sex is stated for {fmt_share(best.disaggregation_coverage)} of the people {row_name(best)} counts"
    if len(counted) > 1:
        title += f", for at most {fmt_share(counted.disaggregation_coverage.iloc[1])} elsewhere"
    return title


def speaks_for_group(table: pd.DataFrame) -> pd.Series:
    """Whether each group's share of women speaks for it (``REPRESENTS``: the figures counting
    both sexes hold at least that share of its people)."""
    return table.female_share.notna() & (table.both_sexes_people >= REPRESENTS * table.people_high)


def title_share_vs_parity(table: pd.DataFrame) -> str:
    shown = table[speaks_for_group(table)]
    thin = int(table.female_share.notna().sum()) - len(shown)
    if shown.empty:
        return ("No group counts both women and men for at least half of its people, so no share speaks for a "
                f"group ({thin} shown hollow, for what they are worth)")
    above = int((shown.female_share > PARITY_SHARES[1]).sum())
    below = int((shown.female_share < PARITY_SHARES[0]).sum())
    at = len(shown) - above - below
    title = (f"Women outnumber men in {above} of the {plural(len(shown), 'group')} where both sexes are counted for "
             "at least half of the people" + (f"; men outnumber women in {below}" if below else "")
             + (f"; {at} at parity" if at else ""))
    if thin:
        title += f" ({plural(thin, 'more group')}, hollow, {'rests' if thin == 1 else 'rest'} on fewer)"
    return title


def title_coverage(table: pd.DataFrame) -> str:
    counted = table[table.people_high > 0]
    half = int((counted.disaggregation_coverage >= 0.5).sum())
    return f"Sex is stated for at least half of the people counted in {half} of {len(counted)} actor-theme groups"


def title_groups(groups: pd.DataFrame) -> str:
    """The same count as the summary's sentence (groups of counted women), then the printed shares."""
    shown = groups.dropna(subset=["women_share"])
    counted = shown[shown.basis.str.startswith("women")]
    printed = shown[shown.basis.str.startswith("printed")]
    title = (f"Women are fewer than half in {int((counted.women_share < 0.5).sum())} of the {len(counted)} groups "
             "whose women are counted (women ÷ group size)")
    if len(printed):
        title += f"; in {int((printed.women_share < 0.5).sum())} of the {len(printed)} groups with a printed share"
    return title


HEADERS = {
    "report_period": "period", "figures_with_sex": "figures with sex", "figures_both_sexes": "figures with both sexes",
    "bound_figures": "bounds or estimates", "repaired_figures": "repaired", "disputed_figures": "disputed",
    "shared_figures": "shared programme", "people_low": "people (at least)", "people_high": "people (at most)",
    "low_figures": "figures added for 'at least'", "people_female": "women and girls", "people_male": "men and boys",
    "people_sex_unknown": "sex not stated", "people_women": "women", "people_girls": "of whom girls", "people_men": "men",
    "people_boys": "of whom boys", "women_only_people": "in women-only figures", "men_only_people": "in men-only figures",
    "both_sexes_people": "people in figures with both sexes", "female_share": "women's share (both sexes counted)",
    "female_share_low": "women's share if unknown are men", "female_share_high": "women's share if unknown are women",
    "parity_index": "parity index (both sexes counted)", "disaggregation_coverage": "sex stated (people)",
    "figure_coverage": "sex stated (figures)", "women_share": "women's share", "printed_share": "printed share",
    "sex_unknown": "sex not stated", "figure_ids": "figures", "unit_id": "figure", "or_ci_low": "odds ratio 95% low",
    "or_ci_high": "odds ratio 95% high", "pooled_share": "women's share (pooled)", "share_min": "lowest figure",
    "share_max": "highest figure", "p_value": "p", "units": "figures", "theme": "theme", "region": "region",
    "indicator": "indicator", "reach_kind": "kind of reach",
}
# Columns holding vocabulary codes, shown with their labels.
CODED = {"theme": "theme", "indicator": "indicator", "reach_kind": "reach_kind", "level": "reach_kind",
         "reference": "reach_kind", "sex": "sex"}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A table as text for readers: counts with thousands separators, shares as percentages,
    ratios with two decimals, vocabulary codes as words, 'not stated' for a sex no figure
    states, '–' where there is no value, headers in words."""
    out = pd.DataFrame(index=table.index)
    for col in table.columns:
        values = table[col]
        if col in CODED and not pd.api.types.is_numeric_dtype(values):
            out[col] = [vocab.label(CODED[col], v) for v in values]
            continue
        if col == "report_period":  # a document that states no period says so, as everywhere else
            out[col] = [v if isinstance(v, str) and v else "not stated" for v in values]
            continue
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
        missing = "not stated" if col in SEX_COLUMNS or col in ("men", "women") else "–"
        out[col] = [(missing if pd.isna(x) else fmt(float(x))) for x in values]
    if "figures" in table.columns:  # a group without figures has counts of nothing, not zeros
        empty = (table.figures == 0).to_numpy()
        for col in table.columns:
            if col != "figures" and pd.api.types.is_numeric_dtype(table[col]) and not pd.api.types.is_bool_dtype(table[col]):
                out.loc[empty, col] = "no counts"
    return out.rename(columns=lambda c: HEADERS.get(c, c.replace("_", " ")))


LEFT_OUT_WORDS = {
    "restates": "restates another figure (counted once)",
    "context": "population context (covered by plans, in need, affected, at risk or displaced): shown apart, not reach",
    "workforce": "staff and volunteers of the organisations, not beneficiaries",
    "not_selected": "indicator not selected",
    "flagged": ("flagged by the cleaning (inconsistent or ambiguous); left out unless the report is run "
                "with flagged figures included"),
    "no_value": "no usable value",
}


def left_out_words(dropped: pd.DataFrame) -> pd.DataFrame:
    """The left-out figures with their reasons in words."""
    return dropped.assign(reason=dropped.reason.map(LEFT_OUT_WORDS))


def units_for_reading(units: pd.DataFrame) -> pd.DataFrame:
    """Figures of people reached as a narrow table: a sex no figure states reads 'not stated'
    (never 0), a bound is said with its count, codes are words."""
    def sex(values, stated):
        return [fmt_count(v) if s else "not stated" for v, s in zip(values, stated)]

    return pd.DataFrame({
        "figures": units.figure_ids,
        "period": units.report_period.replace("", "not stated"),
        "what is counted": [vocab.label("indicator", i) for i in units.indicator],
        "theme": [vocab.label("theme", t) for t in units.theme],
        "place": units.region.replace("", "not stated"),
        "people": [fmt_count(p) + (" (a bound or estimate)" if b else "") for p, b in zip(units.people, units.bound)],
        "women and girls": sex(units.female, units.female_stated),
        "men and boys": sex(units.male, units.male_stated),
        "sex not stated": [fmt_count(v) for v in units.sex_unknown],
    }).reset_index(drop=True)


# --- charts in words: alt texts, and the sentence that replaces a chart of fewer than two marks ---


def _stated(value) -> str:
    return "not stated" if pd.isna(value) else fmt_count(value)


def alt_reach_by_sex(rows: pd.DataFrame) -> str:
    parts = [f"{r.row}: {fmt_count(r.people_high)} people counted, of whom {_stated(r.people_female)} women and "
             f"girls, {_stated(r.people_male)} men and boys, {fmt_count(r.people_sex_unknown)} of unstated sex"
             for r in rows.itertuples() if r.people_high]
    return "Horizontal stacked bars, one per actor and period, of the people counted by sex. " + "; ".join(parts) + "."


def sentence_reach_by_sex(reach: pd.DataFrame) -> str:
    counted = reach[reach.people_high > 0]
    if counted.empty:
        return "None of the selected actors reports counts of people reached: nothing to show by sex."
    return " ".join(f"{row_name(r)}: {fmt_count(r.people_high)} people counted, {_stated(r.people_female)} women and "
                    f"girls, {_stated(r.people_male)} men and boys, {fmt_count(r.people_sex_unknown)} of unstated sex "
                    f"(sex stated for {fmt_share(r.disaggregation_coverage)})." for r in counted.itertuples())


def alt_share_vs_parity(shown: pd.DataFrame) -> str:
    parts = [f"{r.actor}, {vocab.label('theme', r.theme)}: {fmt_share(r.female_share)} women "
             f"(sex stated for {fmt_share(r.disaggregation_coverage)} of its people)" for r in shown.itertuples()]
    return ("Dots of the share of women per actor and theme, against a band marking parity. "
            + "; ".join(parts) + ".")


def sentence_share_vs_parity(shown: pd.DataFrame, min_n: int) -> str:
    if shown.empty:
        return (f"No actor-theme group has figures counting both women and men ({min_n} people or more), so no "
                "share of women is shown.")
    r = shown.iloc[0]
    return (f"Only one actor-theme group has figures counting both women and men: {r.actor}, "
            f"{vocab.label('theme', r.theme)}, where women and girls are {fmt_share(r.female_share)} of "
            f"{fmt_count(r.both_sexes_people)} people.")


def alt_coverage(table: pd.DataFrame) -> str:
    parts = [f"{r.actor}, {vocab.label('theme', r.theme)}: {fmt_share(r.disaggregation_coverage)} "
             f"({r.figures_with_sex} of {r.figures} figures give sex)"
             for r in table.itertuples() if pd.notna(r.disaggregation_coverage)]
    return "Grid of themes by actor, shaded by the share of people whose sex is stated. " + "; ".join(parts) + "."


def sentence_coverage(table: pd.DataFrame) -> str:
    shown = table[table.disaggregation_coverage.notna()]
    if shown.empty:
        return "No figures counting people reached for this selection."
    return " ".join(f"{r.actor}, {vocab.label('theme', r.theme)}: sex stated for {fmt_share(r.disaggregation_coverage)} "
                    f"of the people counted ({r.figures_with_sex} of {r.figures} figures)." for r in shown.itertuples())


def alt_groups(shown: pd.DataFrame) -> str:
    parts = [f"{r.actor}, {r.group}: {fmt_share(r.women_share)} women" for r in shown.itertuples()]
    return "Dots of the share of women in each group, with 95% intervals where counted. " + "; ".join(parts) + "."


def detail_for_reading(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """A per-group table narrow enough to print: the unique-people range in one column."""
    shown = readable(table[keys + ["figures", "people_female", "people_male", "people_sex_unknown", "female_share",
                                   "disaggregation_coverage"]])
    people = [fmt_count(lo) if lo == hi else f"{fmt_count(lo)} to {fmt_count(hi)}"
              for lo, hi in zip(table.people_low, table.people_high)]
    shown.insert(len(keys) + 1, "people (at least to at most)", people)
    return shown


def model_for_reading(model: pd.DataFrame) -> pd.DataFrame:
    """The share model's table narrow enough to print: ranges and intervals in one column each."""
    def interval(lo, hi):
        return "–" if pd.isna(lo) else f"{lo:.2f} to {hi:.2f}"

    return pd.DataFrame({
        "kind of reach": [vocab.label("reach_kind", v) for v in model.level],
        "against": [vocab.label("reach_kind", v) for v in model.reference],
        "figures": model.units,
        "women's share (pooled)": model.pooled_share.map(fmt_share),
        "lowest to highest figure": [f"{fmt_share(a)} to {fmt_share(b)}" for a, b in zip(model.share_min, model.share_max)],
        "odds ratio (95% interval)": [("reference" if pd.isna(lo) else f"{r:.2f} ({interval(lo, hi)})")
                                      for r, lo, hi in zip(model.odds_ratio, model.or_ci_low, model.or_ci_high)],
        "p": ["–" if pd.isna(p) else ("<0.001" if p < 0.001 else f"{p:.3f}") for p in model.p_value],
        "verdict": model.verdict.fillna("").replace("", "–"),
    })


def ages_stated(table: pd.DataFrame) -> pd.DataFrame:
    """Girls and boys as 'not stated' (NaN) where no figure gives them: a 0 of a subset nobody
    counted is not a count."""
    return table.assign(people_girls=table.people_girls.where(table.people_girls > 0),
                        people_boys=table.people_boys.where(table.people_boys > 0))
