"""A quasi-binomial model of women's share in mixed-sex reach units."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

MODEL_COLUMNS = ("term", "level", "reference", "units", "women", "men", "pooled_share", "share_min",
                 "share_max", "odds_ratio", "or_ci_low", "or_ci_high", "p_value")


@dataclass(frozen=True)
class ShareModel:
    """A quasi-binomial GLM of women's share (women vs men counted) in mixed-sex units.

    ``dispersion`` is Pearson chi-square / residual df: 1 if the units varied only as much as
    chance would make them, far above 1 when activities differ for reasons of their own; the
    intervals are widened by its square root. ``left_out`` lists the terms and levels with too
    few figures; ``reason`` says why no model was fitted ('' when one was)."""

    table: pd.DataFrame
    units: int
    dispersion: float
    left_out: str
    reason: str = ""

    @property
    def fitted(self) -> bool:
        return not self.table.empty


def fit_share_model(units: pd.DataFrame, terms: Sequence[str] = ("actor", "reach_kind"),
                    min_units: int = 2) -> ShareModel:
    """Odds of a counted person being a woman, by each term with at least two levels of
    ``min_units`` mixed-sex units; units in thinner levels are left out (said in ``note``)."""
    import numpy as np
    import statsmodels.api as sm

    data = units[(units.female > 0) & (units.male > 0)].copy()
    dropped, kept_terms = [], []
    for term in terms:
        sizes = data[term].value_counts()
        thick = sizes[sizes >= min_units].index
        if len(thick) >= 2:
            thin = data[~data[term].isin(thick)]
            dropped += [f"{term} {level!r} ({n} figure{'s' * (n > 1)})"
                        for level, n in thin[term].value_counts().items()]
            data = data[data[term].isin(thick)]
            kept_terms.append(term)
        elif len(sizes):
            dropped.append(f"term {term} (fewer than two levels with {min_units} mixed-sex figures)")
    empty = pd.DataFrame(columns=list(MODEL_COLUMNS))
    left_out = ", ".join(dropped)
    if not kept_terms:
        return ShareModel(empty, len(data), math.nan, left_out, "too few mixed-sex figures")
    design = pd.DataFrame(index=data.index)
    references = {}
    for term in kept_terms:
        order = data.groupby(term)[["female", "male"]].sum().sum(axis=1).sort_values(ascending=False).index
        references[term] = order[0]
        for level in order[1:]:
            design[f"{term}={level}"] = (data[term] == level).astype(float)
    design = sm.add_constant(design, has_constant="add")
    if len(data) <= design.shape[1]:
        return ShareModel(empty, len(data), math.nan, left_out, "no residual degrees of freedom")
    fit = sm.GLM(np.column_stack([data.female, data.male]), design,
                 family=sm.families.Binomial()).fit(scale="X2")
    ci = fit.conf_int()
    rows = []
    for term in kept_terms:
        for level, g in data.groupby(term, sort=False):
            col = f"{term}={level}"
            ref = level == references[term]
            shares = g.female / (g.female + g.male)
            rows.append(dict(term=term, level=level, reference=references[term], units=len(g),
                             women=g.female.sum(), men=g.male.sum(),
                             pooled_share=g.female.sum() / (g.female.sum() + g.male.sum()),
                             share_min=shares.min(), share_max=shares.max(),
                             odds_ratio=1.0 if ref else math.exp(fit.params[col]),
                             or_ci_low=math.nan if ref else math.exp(ci.loc[col, 0]),
                             or_ci_high=math.nan if ref else math.exp(ci.loc[col, 1]),
                             p_value=math.nan if ref else float(fit.pvalues[col])))
    table = pd.DataFrame(rows, columns=list(MODEL_COLUMNS))
    return ShareModel(table, len(data), float(fit.pearson_chi2 / fit.df_resid), left_out)
