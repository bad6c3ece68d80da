"""Periods as the annotation states them ('2023', '2015-2018', '2016-04-30 to 2021-10-30',
'reported for 2023'): the years they span, and whether two periods share a year."""
from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def years(text: str) -> tuple[int, int] | None:
    """First and last year named in a period; None when no year is stated."""
    found = [int(y) for y in _YEAR.findall(text or "")]
    return (min(found), max(found)) if found else None


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Both periods known and sharing at least one year; an unstated period matches nothing."""
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def label(text: str) -> str:
    """A period for readers: as annotated, or 'period not stated'."""
    return text or "period not stated"
