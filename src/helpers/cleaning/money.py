"""Currency conversion with the cited exchange-rate table (data/raw/exchange_rates.csv)."""
from __future__ import annotations

import pandas as pd

from helpers import paths
from helpers.parameters import Rule
from helpers.sources import vocab
from helpers.sources.tables import InputError, numbers, read_table

PIVOT = "EUR"


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


def convert(values: pd.Series, currencies: pd.Series, target: str, year: int,
            rates: pd.DataFrame) -> pd.Series:
    """Each value converted from its currency to ``target`` at the ``year`` rate."""
    factors = {c: rate(rates, c, target, year) for c in currencies.dropna().unique() if c}
    return values * currencies.map(factors)


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


def rates_used(currencies, target: str, year: int, rates: pd.DataFrame) -> pd.DataFrame:
    """Every rate row behind converting ``currencies`` to ``target``, with whether its
    value was checked against a stored copy of the source."""
    rows = [rate_rows(rates, c, target, year) for c in sorted(set(currencies) - {"", target})]
    used = pd.concat(rows).drop_duplicates() if rows else rates.iloc[0:0]
    return used.assign(verified=~used.note.str.contains("not verified", na=False))


# What the parameters of money conversion may be (declared in the notebooks' parameters cells).
RULES = {
    "target_currency": Rule(choices=vocab.CURRENCIES),
    "rate_year": Rule(choices=range(2011, 2025)),
}
