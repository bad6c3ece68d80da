"""Gender metrics of groups of reach units: women's share, parity index, how much of the
reach is broken down by sex, one row per actor or finer group."""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.analysis.gender.selection import PARITY_BAND
from helpers.analysis.overlap import unique_people


def female_share(female: float, male: float, min_group_size: int = 1) -> float:
    """Women and girls among people of known sex, F / (F + M); NaN below ``min_group_size``."""
    known = female + male
    return female / known if known and known >= min_group_size else math.nan


def parity_index(female: float, male: float, min_group_size: int = 1) -> float:
    """Gender parity index F / M; NaN where no men are counted or the group is too small."""
    return female / male if male and female + male >= min_group_size else math.nan


def is_parity(index: float) -> bool:
    return PARITY_BAND[0] <= index <= PARITY_BAND[1]


SUMMARY_COLUMNS = (
    "figures", "figures_with_sex", "figures_both_sexes", "bound_figures", "repaired_figures", "disputed_figures",
    "shared_figures", "people_low", "low_figures", "people_high", "largest_figure", "largest_indicator",
    "largest_people", "people_female", "people_male", "people_sex_unknown", "people_women", "people_girls",
    "people_men", "people_boys", "women_only_people", "men_only_people", "both_sexes_people",
    "both_sexes_female", "both_sexes_male", "largest_both_figure", "largest_both_people", "female_share",
    "female_share_low", "female_share_high", "parity_index", "disaggregation_coverage", "figure_coverage")
TEXT_COLUMNS = ("low_figures", "largest_figure", "largest_indicator", "largest_both_figure")
# Counts of a sex nobody stated are missing, never 0 (see :func:`summarise`).
SEX_COLUMNS = ("people_female", "people_male", "people_women", "people_girls", "people_men", "people_boys")
COUNT_COLUMNS = [c for c in SUMMARY_COLUMNS if c.startswith(("figures", "bound", "repaired", "disputed", "shared"))
                 or c in ("people_low", "people_high", "largest_people", "people_sex_unknown", "women_only_people",
                          "men_only_people", "both_sexes_people", "both_sexes_female", "both_sexes_male",
                          "largest_both_people")]


def _both_sexes(g: pd.DataFrame) -> pd.Series:
    """Units of both sexes whose women and men are both stated: the only ones a share of women
    or a parity index can be computed on."""
    return (g.sex == "all") & g.female_stated & g.male_stated


def summarise(units: pd.DataFrame, by: Sequence[str], min_group_size: int) -> pd.DataFrame:
    """Reach by sex per group of units.

    ``people_low`` and ``people_high`` are the unique-people bounds of the overlap rule
    (``low_figures`` are the units added for the low end). Women and men are counted over
    every unit; a sex no unit states is missing (NaN), never 0. The women's share and the
    parity index are computed only on units of both sexes that state both (``both_sexes_*``):
    a count of women by design (a women-only activity) has no men to compare with, and a
    total with only its women stated says nothing about its men. Counts of one sex by design
    are ``women_only_people`` / ``men_only_people``."""
    rows = []
    for key, g in units.groupby(list(by), sort=False, dropna=False):
        f, m, u = g.female.sum(), g.male.sum(), g.sex_unknown.sum()
        high = g.people.sum()
        bounds = unique_people(list(g.unit_id), list(g.people), list(g.region), list(g.sex.where(g.sex != "all", "")))
        largest = g.loc[g.people.idxmax()]
        both = g[_both_sexes(g)]
        top_both = both.loc[both.people.idxmax()] if len(both) else None
        with_sex = int((g.female_stated | g.male_stated).sum())
        women_said, men_said = bool(g.female_stated.any()), bool(g.male_stated.any())
        bf, bm = both.female.sum(), both.male.sum()
        rows.append(dict(zip(by, key if isinstance(key, tuple) else (key,))) | dict(
            figures=len(g), figures_with_sex=with_sex, figures_both_sexes=len(both),
            bound_figures=int(g.bound.sum()), repaired_figures=int(g.statuses.str.contains("repaired").sum()),
            disputed_figures=int(g.disputed.sum()), shared_figures=int((g.scope == "shared").sum()),
            people_low=bounds.low, low_figures=" ".join(bounds.low_ids), people_high=high,
            largest_figure=largest.unit_id, largest_indicator=largest.indicator, largest_people=largest.people,
            people_female=f if women_said else math.nan, people_male=m if men_said else math.nan,
            people_sex_unknown=u,
            people_women=f - g.girls.sum() if women_said else math.nan,
            people_girls=g.girls.sum() if women_said else math.nan,
            people_men=m - g.boys.sum() if men_said else math.nan,
            people_boys=g.boys.sum() if men_said else math.nan,
            women_only_people=g.people[g.sex == "female"].sum(), men_only_people=g.people[g.sex == "male"].sum(),
            both_sexes_people=both.people.sum(), both_sexes_female=bf, both_sexes_male=bm,
            largest_both_figure=top_both.unit_id if top_both is not None else "",
            largest_both_people=top_both.people if top_both is not None else 0,
            female_share=female_share(bf, bm, min_group_size),
            female_share_low=f / high if high else math.nan,
            female_share_high=(f + u) / high if high else math.nan,
            parity_index=parity_index(bf, bm, min_group_size),
            disaggregation_coverage=(f + m) / high if high else math.nan,
            figure_coverage=with_sex / len(g)))
    table = pd.DataFrame(rows, columns=[*by, *SUMMARY_COLUMNS])
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].astype("int64")  # people are whole numbers
    table[list(SEX_COLUMNS)] = table[list(SEX_COLUMNS)].astype("Int64")  # missing where no one states the sex
    return table


def by_actor(units: pd.DataFrame, actors: Sequence[str], min_group_size: int,
             periods: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """One row per selected actor and report period (``periods``: actor -> its report periods,
    so actors and periods without any unit get a row of zero counts), in actor order."""
    periods = periods or {}
    keys = [(a, p) for a in actors for p in (periods.get(a) or sorted(set(units.report_period[units.actor == a]))
                                             or [""])]
    table = summarise(units, ["actor", "report_period"], min_group_size).set_index(["actor", "report_period"])
    table = table.reindex(pd.MultiIndex.from_tuples(keys, names=["actor", "report_period"]))
    table[list(TEXT_COLUMNS)] = table[list(TEXT_COLUMNS)].fillna("")
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].fillna(0).astype("int64")
    table[list(SEX_COLUMNS)] = table[list(SEX_COLUMNS)].astype("Int64")
    shares = [c for c in SUMMARY_COLUMNS if c not in (*TEXT_COLUMNS, *COUNT_COLUMNS, *SEX_COLUMNS)]
    table[shares] = table[shares].astype(float)
    return table.reset_index()


def sex_composition(table: pd.DataFrame, by: str = "actor") -> pd.DataFrame:
    """Long form for a stacked bar: one row per group and sex (female, male, unknown) with the
    people counted and their share of the group's counted people; groups without people dropped."""
    wide = table[table.people_high > 0].set_index(by)[["people_female", "people_male", "people_sex_unknown"]]
    wide = wide.astype(float).fillna(0.0)
    wide.columns = ["female", "male", "unknown"]
    long = wide.stack().rename("people").rename_axis([by, "sex"]).reset_index()
    long["share"] = long.people / long.groupby(by).people.transform("sum")
    return long
