"""Currency conversion with the cited exchange-rate table (data/raw/exchange_rates.csv).

By default an amount is converted at the rates of its own period: the mean of the annual
rates of the years its period spans (money of 2015-2017 at the 2015-2017 rates, money of
2023 at 2023 rates), as for any flow reported over several years. A rate year can be
forced for every amount instead. There is no price index: amounts stay nominal."""
from __future__ import annotations

import pandas as pd

from helpers import paths
from helpers.parameters import Rule
from helpers.sources import periods, vocab
from helpers.sources.tables import InputError, numbers, read_table

PIVOT = "EUR"
OWN_YEAR = 0  # rate_year meaning "each amount at the rates of its own period"


class MissingRateError(LookupError):
    """The rate table has no rate for a currency pair and year the data needs."""


def load_rates(path=paths.EXCHANGE_RATES) -> pd.DataFrame:
    rates = read_table(path, required=("year", "base", "quote", "rate"))
    rates["year"] = numbers(rates, "year", path, integer=True)
    rates["rate"] = numbers(rates, "rate", path)
    bad = rates[~(rates.rate > 0)]
    if not bad.empty:
        raise InputError(path, rates.attrs["lines"][rates.index.get_loc(bad.index[0])],
                         "column rate: a rate must be a positive number")
    return rates


def _direct(rates: pd.DataFrame, base: str, quote: str, year: int) -> float | None:
    hit = rates[(rates.year == year) & (rates.base == base) & (rates.quote == quote)]
    if len(hit):
        return float(hit.rate.iloc[0])
    hit = rates[(rates.year == year) & (rates.base == quote) & (rates.quote == base)]
    return 1 / float(hit.rate.iloc[0]) if len(hit) else None


def rate(rates: pd.DataFrame, base: str, quote: str, year: int) -> float:
    """Units of ``quote`` per unit of ``base`` in ``year``: direct, inverse, or through EUR."""
    if base == quote:
        return 1.0
    direct = _direct(rates, base, quote, year)
    if direct is not None:
        return direct
    legs = _direct(rates, base, PIVOT, year), _direct(rates, PIVOT, quote, year)
    if None in legs:
        raise MissingRateError(
            f"{paths.EXCHANGE_RATES.name}: no {base}->{quote} rate for {year} "
            f"(nor {base}->{PIVOT} and {PIVOT}->{quote}); years available: "
            f"{sorted(rates.year.unique().tolist())}")
    return legs[0] * legs[1]


def rate_years_for(period: str, year: int, rates: pd.DataFrame) -> tuple[int, ...]:
    """The years whose rates convert an amount of ``period``: ``year`` when one is forced;
    else the years of the period that the rate table has; a period without a year (or
    outside the table) takes the latest year of the table, and the reports say so."""
    if year != OWN_YEAR:
        return (year,)
    known = sorted(set(int(y) for y in rates.year))
    span = periods.years(period)
    inside = [y for y in known if span and span[0] <= y <= span[1]]
    return tuple(inside) or (known[-1],)


def period_rate(rates: pd.DataFrame, base: str, quote: str, period: str, year: int) -> float:
    """Units of ``quote`` per unit of ``base`` for an amount of ``period`` (see the module docstring)."""
    used = rate_years_for(period, year, rates)
    return sum(rate(rates, base, quote, y) for y in used) / len(used)


def convert(values: pd.Series, currencies: pd.Series, periods_: pd.Series, target: str, year: int,
            rates: pd.DataFrame) -> pd.Series:
    """Each value converted from its currency to ``target``, at its own period's rates or at ``year``'s."""
    factors = {}
    out = []
    for value, currency, period in zip(values, currencies, periods_):
        if pd.isna(value) or not isinstance(currency, str) or not currency:
            out.append(float("nan"))
            continue
        key = (currency, period)
        if key not in factors:
            factors[key] = period_rate(rates, currency, target, period, year)
        out.append(value * factors[key])
    return pd.Series(out, index=values.index, dtype=float)


def describe_years(used: tuple[int, ...]) -> str:
    """'2023' or '2015-2017 (mean)' for the years whose rates converted an amount."""
    return str(used[0]) if len(used) == 1 else f"{used[0]}-{used[-1]} (mean)"


def rate_rows(rates: pd.DataFrame, base: str, quote: str, year: int) -> pd.DataFrame:
    """The rows of the rate table that :func:`rate` uses for base -> quote in ``year``
    (direct, inverse, or both legs through the pivot), to cite them and their caveats."""
    if base == quote:
        return rates.iloc[0:0]
    in_year = rates[rates.year == year]

    def leg(a: str, b: str) -> pd.DataFrame:
        return in_year[((in_year.base == a) & (in_year.quote == b))
                       | ((in_year.base == b) & (in_year.quote == a))].head(1)

    direct = leg(base, quote)
    return direct if len(direct) else pd.concat([leg(base, PIVOT), leg(PIVOT, quote)])


def rates_used(amounts, target: str, year: int, rates: pd.DataFrame) -> pd.DataFrame:
    """Every rate row behind converting ``amounts`` ((currency, period) pairs) to ``target``,
    with whether its value was checked against a stored copy of the source."""
    rows = [rate_rows(rates, c, target, y) for c, period in sorted(set(amounts)) if c and c != target
            for y in rate_years_for(period, year, rates)]
    used = pd.concat(rows).drop_duplicates() if rows else rates.iloc[0:0]
    return used.assign(verified=~used.note.str.contains("not verified", na=False))


def rate_years(path=paths.EXCHANGE_RATES) -> list[int]:
    """0 (each amount at the rates of its own period) and every year of the rate table."""
    return [OWN_YEAR, *sorted(int(y) for y in set(load_rates(path).year))]


# What the parameters of money conversion may be (declared in the notebooks' parameters cells).
RULES = {
    "target_currency": Rule(choices=lambda: vocab.values("currency")),
    "rate_year": Rule(choices=rate_years),
}
