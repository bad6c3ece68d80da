"""The statistics of the gender report checked against independent computations: a
hand-worked quasi-binomial example, a published overdispersed dataset, the property that
overdispersion widens intervals, and the Wilson interval by its formula."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.analysis.gender import model as share_model
from helpers.analysis.gender.groups import wilson_interval


def design(groups):
    return pd.DataFrame({"const": 1.0, "A": [1.0 if g == "A" else 0.0 for g in groups]})


def test_hand_worked_two_group_example():
    """Two groups of two figures: women/men (2, 8), (6, 4) in A and (5, 5), (7, 3) in B.

    Worked by hand: pooled shares 8/20 = 0.4 and 12/20 = 0.6, so the odds ratio is
    (0.4/0.6) / (0.6/0.4) = 0.4444 and its binomial standard error (Woolf) is
    sqrt(1/8 + 1/12 + 1/12 + 1/8) = 0.645497. Pearson X2 = sum (y - n p)^2 / (n p (1 - p))
    = 4/2.4 + 4/2.4 + 1/2.4 + 1/2.4 = 4.166667 on 4 - 2 = 2 df: dispersion 2.083333.
    Quasi SE = 0.645497 * sqrt(2.083333) = 0.931695; t = ln(0.4444) / 0.931695 = -0.870383;
    with t(2), 0.975 quantile 4.302653: interval exp(-0.810930 -/+ 4.008750) = 0.008071 to
    24.48; p = 2 * 0.5 * (1 - 0.870383 / sqrt(0.870383^2 + 2)) = 0.475855."""
    fit = share_model.quasi_binomial([2, 6, 5, 7], [8, 4, 5, 3], design("AABB"))
    a = fit.table.set_index("term").loc["A"]
    assert fit.pearson_chi2 == pytest.approx(4.166667, rel=1e-5) and fit.df_resid == 2
    assert fit.dispersion == pytest.approx(2.083333, rel=1e-5)
    assert math.exp(a.estimate) == pytest.approx(0.444444, rel=1e-5)
    assert a.se_binomial == pytest.approx(0.645497, rel=1e-5)
    assert a.se == pytest.approx(0.931695, rel=1e-5)
    assert (math.exp(a.ci_low), math.exp(a.ci_high)) == pytest.approx((0.008071, 24.48), rel=1e-3)
    assert a.p_value == pytest.approx(0.475855, rel=1e-4)


# Manly (1978) trout eggs surviving, by location (1-5) and weeks buried (4, 7, 8, 11), as printed
# in Faraway, Extending the Linear Model with R (2006), section 2.11. Faraway reports for the
# binomial logit model location + period a residual deviance of 64.5 on 12 degrees of freedom
# and a Pearson dispersion estimate of 5.33.
SURVIVE = [89, 94, 77, 141, 106, 91, 87, 104, 119, 100, 88, 91, 104, 80, 67, 111, 49, 11, 18, 0]
TOTAL = [94, 98, 86, 155, 108, 106, 96, 122, 123, 130, 119, 125, 104, 97, 99, 132, 93, 113, 88, 138]


def trout_design():
    location = np.repeat([1, 2, 3, 4, 5], 4)
    period = np.tile([4, 7, 8, 11], 5)
    out = pd.DataFrame({"const": 1.0}, index=range(20))
    for level in (2, 3, 4, 5):
        out[f"location={level}"] = (location == level).astype(float)
    for level in (7, 8, 11):
        out[f"period={level}"] = (period == level).astype(float)
    return out


def test_published_overdispersed_dataset_gives_the_published_dispersion():
    fit = share_model.quasi_binomial(SURVIVE, np.subtract(TOTAL, SURVIVE), trout_design())
    assert fit.df_resid == 12
    assert round(fit.dispersion, 2) == 5.33
    # the quasi standard errors are the binomial ones times the square root of that dispersion
    assert (fit.table.se / fit.table.se_binomial).to_list() == pytest.approx([math.sqrt(fit.dispersion)] * 8)


def test_overdispersion_widens_the_interval_against_the_binomial_fit():
    fit = share_model.quasi_binomial(SURVIVE, np.subtract(TOTAL, SURVIVE), trout_design())
    z = stats.norm.ppf(0.975)
    binomial_width = 2 * z * fit.table.se_binomial
    assert fit.dispersion > 1
    assert (fit.table.ci_high - fit.table.ci_low > binomial_width).all()


def test_the_reports_comparison_is_no_detectable_difference():
    """The units of the gender report that count both sexes (women, men as cleaned): the old
    code reported an interval of 0.38 to 0.44 from a scale of 0.22; with the dispersion of 41
    the interval spans 1, so the report must say the data cannot tell."""
    units = pd.DataFrame({
        "actor": ["IFRC network"] + ["UN Women"] * 9,
        "reach_kind": ["sensitized", "sensitized", "sensitized"] + ["trained"] * 7,
        "female": [321, 827, 585621, 16, 20, 79, 26, 38, 20, 27],
        "male": [26, 322, 438896, 33, 40, 132, 80, 110, 11, 9]})
    model = share_model.fit_share_model(units)
    trained = model.table.set_index("level").loc["trained"]
    assert model.dispersion == pytest.approx(41.0, abs=0.1)
    assert trained.or_ci_low < 1 < trained.or_ci_high
    assert trained.verdict == "cannot tell" and model.thin


def test_a_clear_difference_is_called_one():
    units = pd.DataFrame({"actor": "A", "reach_kind": ["trained"] * 6 + ["sensitized"] * 6,
                          "female": [20, 22, 19, 21, 20, 18, 80, 78, 82, 79, 81, 80],
                          "male": [80, 78, 81, 79, 80, 82, 20, 22, 18, 21, 19, 20]})
    model = share_model.fit_share_model(units)
    row = model.table.set_index("level").loc["trained"]
    assert row.or_ci_high < 1 and row.verdict == "differs" and not model.thin


@pytest.mark.parametrize("women, n", [(6, 13), (45, 106), (1, 10)])
def test_wilson_interval_matches_its_formula(women, n):
    p, z = women / n, stats.norm.ppf(0.975)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert wilson_interval(women, n) == pytest.approx((centre - half, centre + half), rel=1e-9)
