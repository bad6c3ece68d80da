"""The appendix row's value in words: singular for one, currency before unit."""
from types import SimpleNamespace

import pytest

from helpers.reporting import appendix


@pytest.mark.parametrize("value, unit, currency, expected", [
    (1, "documents", "", "1 document"), (1, "localities", "", "1 locality"), (1, "people", "", "1 person"),
    (2, "documents", "", "2 documents"), (1, "money", "CHF", "1 CHF"), (1540, "people", "", "1,540 people"),
    (float("nan"), "people", "", "no value")])
def test_value_reads_as_a_quantity(value, unit, currency, expected):
    assert appendix._value(SimpleNamespace(value=value, unit=unit, currency=currency)) == expected
