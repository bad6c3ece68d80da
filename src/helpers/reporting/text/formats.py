"""Number formats shared by every report."""
from __future__ import annotations

import math


def fmt_count(x: float) -> str:
    return f"{x:,.0f}"


def fmt_share(x: float) -> str:
    """A share as a percentage: two significant digits near 0% or 100%, never rounded to either."""
    if math.isnan(x):
        return "n/a"
    if not 0 < x < 1:
        return f"{x * 100:.0f}%"
    near = round(min(x, 1 - x), 12)  # 1 - 0.9 is 0.0999...: not a near-100% share
    decimals = 0 if near >= 0.1 else 1 if near >= 0.01 else 2
    text = f"{x * 100:.{decimals}f}"
    while float(text) in (0, 100):
        decimals += 1
        text = f"{x * 100:.{decimals}f}"
    return f"{text}%"


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 figure', '3 figures' ('people' and other irregular plurals given as ``words``)."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
