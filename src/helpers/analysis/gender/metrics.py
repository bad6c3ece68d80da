"""Gender metrics of groups of reach units: women's share, parity index, how much of the
reach is broken down by sex, one row per actor or finer group."""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.analysis.gender.selection import PARITY_BAND


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
    "figures", "figures_with_sex", "bound_figures", "people_low", "largest_figure", "largest_indicator",
    "people_high", "people_female", "people_male", "people_sex_unknown", "people_women", "people_girls",
    "people_men", "people_boys", "female_share", "female_share_low", "female_share_high", "parity_index",
    "parity_index_mixed", "disaggregation_coverage", "figure_coverage")
COUNT_COLUMNS = [c for c in SUMMARY_COLUMNS if c.startswith(("figures", "bound", "people_"))]


def summarise(units: pd.DataFrame, by: Sequence[str], min_group_size: int) -> pd.DataFrame:
    """Reach by sex per group of units (see the module docstring for the definitions).

    ``people_low`` is the largest unit (unique people are at least that many) and
    ``people_high`` the sum of units (at most that many, unless the sources' own figures
    overlap with parts they do not state); the sex columns add up to ``people_high``."""
    rows = []
    for key, g in units.groupby(list(by), sort=False, dropna=False):
        f, m, u = g.female.sum(), g.male.sum(), g.sex_unknown.sum()
        high = g.people.sum()
        largest = g.loc[g.people.idxmax()]
        mixed = g[(g.female > 0) & (g.male > 0)]
        with_sex = int(((g.female + g.male) > 0).sum())
        rows.append(dict(zip(by, key if isinstance(key, tuple) else (key,))) | dict(
            figures=len(g), figures_with_sex=with_sex, bound_figures=int(g.bound.sum()),
            people_low=largest.people, largest_figure=largest.unit_id, largest_indicator=largest.indicator,
            people_high=high, people_female=f, people_male=m,
            people_sex_unknown=u, people_women=f - g.girls.sum(), people_girls=g.girls.sum(),
            people_men=m - g.boys.sum(), people_boys=g.boys.sum(),
            female_share=female_share(f, m, min_group_size),
            female_share_low=f / high if high else math.nan,
            female_share_high=(f + u) / high if high else math.nan,
            parity_index=parity_index(f, m, min_group_size),
            parity_index_mixed=parity_index(mixed.female.sum(), mixed.male.sum(), min_group_size),
            disaggregation_coverage=(f + m) / high if high else math.nan,
            figure_coverage=with_sex / len(g)))
    table = pd.DataFrame(rows, columns=[*by, *SUMMARY_COLUMNS])
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].astype("int64")  # people are whole numbers
    return table


def by_actor(units: pd.DataFrame, actors: Sequence[str], min_group_size: int) -> pd.DataFrame:
    """One row per selected actor, in the given order, including actors without any unit
    (zero counts)."""
    table = summarise(units, ["actor"], min_group_size).set_index("actor").reindex(list(actors))
    text = ["largest_figure", "largest_indicator"]
    table[text] = table[text].fillna("")
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].fillna(0).astype("int64")
    shares = [c for c in SUMMARY_COLUMNS if c not in (*text, *COUNT_COLUMNS)]
    table[shares] = table[shares].astype(float)
    return table.reset_index()


def sex_composition(table: pd.DataFrame, by: str = "actor") -> pd.DataFrame:
    """Long form for a stacked bar: one row per group and sex (female, male, unknown) with the
    people counted and their share of the group's counted people; groups without people dropped."""
    wide = table[table.people_high > 0].set_index(by)[["people_female", "people_male", "people_sex_unknown"]]
    wide.columns = ["female", "male", "unknown"]
    long = wide.stack().rename("people").rename_axis([by, "sex"]).reset_index()
    long["share"] = long.people / long.groupby(by).people.transform("sum")
    return long
