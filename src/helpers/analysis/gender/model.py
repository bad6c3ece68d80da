"""A quasi-binomial model of women's share in mixed-sex reach units.

Reported counts vary between activities far more than chance alone would make them (the
women of an awareness campaign are not a random draw), so a binomial model's intervals are
far too narrow. The quasi-binomial model keeps the binomial estimates and multiplies their
variances by the Pearson dispersion (Pearson chi-square / residual degrees of freedom), and
tests with the t distribution on the residual degrees of freedom, as R's ``glm`` with
``family = quasibinomial`` does (McCullagh and Nelder 1989, section 4.5). A difference is
stated only when its interval excludes no difference."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# A model with fewer mixed-sex units than this in a compared level, or fewer residual degrees
# of freedom, is thin: its interval is reported, and so is how few figures it rests on.
THIN_UNITS = 5
THIN_DF = 5


@dataclass(frozen=True)
class QuasiBinomialFit:
    """Coefficients on the log-odds scale with binomial and quasi-binomial standard errors."""

    table: pd.DataFrame  # term, estimate, se_binomial, se, t, p_value, ci_low, ci_high
    dispersion: float
    pearson_chi2: float
    df_resid: int


def quasi_binomial(successes: Sequence[float], failures: Sequence[float], design: pd.DataFrame,
                   alpha: float = 0.05) -> QuasiBinomialFit:
    """Fit a logit model of ``successes`` out of ``successes + failures`` with the columns of
    ``design`` (which must hold a constant) and scale it by the Pearson dispersion."""
    import statsmodels.api as sm
    from scipy import stats

    fit = sm.GLM(np.column_stack([successes, failures]), design, family=sm.families.Binomial()).fit()
    df = int(fit.df_resid)
    dispersion = float(fit.pearson_chi2 / df)
    se = fit.bse * math.sqrt(dispersion)
    t = fit.params / se
    q = stats.t.ppf(1 - alpha / 2, df)
    table = pd.DataFrame({"term": fit.params.index, "estimate": fit.params.values, "se_binomial": fit.bse.values,
                          "se": se.values, "t": t.values, "p_value": 2 * stats.t.sf(np.abs(t.values), df),
                          "ci_low": (fit.params - q * se).values, "ci_high": (fit.params + q * se).values})
    return QuasiBinomialFit(table, dispersion, float(fit.pearson_chi2), df)


MODEL_COLUMNS = ("term", "level", "reference", "units", "women", "men", "pooled_share", "share_min",
                 "share_max", "odds_ratio", "or_ci_low", "or_ci_high", "p_value", "verdict")


@dataclass(frozen=True)
class ShareModel:
    """Women's share (women vs men counted) in mixed-sex units, by the kept terms.

    ``dispersion`` is the Pearson dispersion of the fit (1 if the units varied only as much as
    chance would make them). ``verdict`` per level: 'differs' when the 95% interval of its
    odds ratio excludes 1, else 'cannot tell'. ``thin`` when a compared level has fewer than
    ``THIN_UNITS`` figures or the fit fewer than ``THIN_DF`` residual degrees of freedom.
    ``left_out`` lists the terms and levels with too few figures; ``reason`` says why no model
    was fitted ('' when one was)."""

    table: pd.DataFrame
    units: int
    dispersion: float
    df_resid: int
    thin: bool
    left_out: str
    reason: str = ""

    @property
    def fitted(self) -> bool:
        return not self.table.empty


def fit_share_model(units: pd.DataFrame, terms: Sequence[str] = ("actor", "reach_kind"),
                    min_units: int = 2) -> ShareModel:
    """Odds of a counted person being a woman, by each term with at least two levels of
    ``min_units`` mixed-sex units (women and men both counted); units in thinner levels are
    left out (said in ``left_out``)."""
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
        return ShareModel(empty, len(data), math.nan, 0, True, left_out, "too few mixed-sex figures")
    design = pd.DataFrame({"const": 1.0}, index=data.index)
    references = {}
    for term in kept_terms:
        order = data.groupby(term)[["female", "male"]].sum().sum(axis=1).sort_values(ascending=False).index
        references[term] = order[0]
        for level in order[1:]:
            design[f"{term}={level}"] = (data[term] == level).astype(float)
    if len(data) <= design.shape[1]:
        return ShareModel(empty, len(data), math.nan, 0, True, left_out, "no residual degrees of freedom")
    fit = quasi_binomial(data.female, data.male, design)
    coef = fit.table.set_index("term")
    rows = []
    for term in kept_terms:
        for level, g in data.groupby(term, sort=False):
            col = f"{term}={level}"
            ref = level == references[term]
            shares = g.female / (g.female + g.male)
            low = math.nan if ref else math.exp(coef.at[col, "ci_low"])
            high = math.nan if ref else math.exp(coef.at[col, "ci_high"])
            rows.append(dict(term=term, level=level, reference=references[term], units=len(g),
                             women=g.female.sum(), men=g.male.sum(),
                             pooled_share=g.female.sum() / (g.female.sum() + g.male.sum()),
                             share_min=shares.min(), share_max=shares.max(),
                             odds_ratio=1.0 if ref else math.exp(coef.at[col, "estimate"]),
                             or_ci_low=low, or_ci_high=high,
                             p_value=math.nan if ref else float(coef.at[col, "p_value"]),
                             verdict="" if ref else ("differs" if high < 1 or low > 1 else "cannot tell")))
    table = pd.DataFrame(rows, columns=list(MODEL_COLUMNS))
    thin = bool((table.units < THIN_UNITS).any() or fit.df_resid < THIN_DF)
    return ShareModel(table, len(data), fit.dispersion, fit.df_resid, thin, left_out)
