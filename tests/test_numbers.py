"""Tests for helpers.numbers: every printed form found in the reports, errors, and properties."""
import math
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import paths
from helpers.cleaning.numbers import (
    FORMS,
    QUALIFIERS,
    NumberParseError,
    ParsedNumber,
    parse_number,
)
from helpers.sources import coverage, manifest


def check(raw, value, **fields):
    parsed = parse_number(raw)
    assert parsed.raw == raw
    assert parsed.value == pytest.approx(value, rel=1e-12)
    for name, expected in fields.items():
        assert getattr(parsed, name) == expected, name
    return parsed


# --- printed forms found in the five documents -------------------------------------------

@pytest.mark.parametrize("raw, value, fields", [
    ("2,029,052", 2029052, {"form": "grouped", "qualifier": "exact"}),
    ("1149", 1149, {"form": "digits"}),
    ("3 000", 3000, {"form": "grouped"}),
    ("(03)", 3, {"form": "leading_zero"}),
    ("05", 5, {"form": "leading_zero"}),
    ("50%", 50, {"is_percent": True}),
    ("94%", 94, {"is_percent": True}),
    ("37.5%", 37.5, {"is_percent": True, "form": "decimal"}),
    ("(63%)", 63, {"is_percent": True}),
    ("75.47%", 75.47, {"is_percent": True}),
    ("60 per cent", 60, {"is_percent": True}),
    ("at least 400", 400, {"qualifier": "at_least"}),
    ("At least 4505", 4505, {"qualifier": "at_least"}),
    ("More than 100", 100, {"qualifier": "more_than"}),
    ("over 300", 300, {"qualifier": "more_than"}),
    ("over 1,517", 1517, {"qualifier": "more_than"}),
    ("almost 400,000", 400000, {"qualifier": "almost"}),
    ("About 4,846", 4846, {"qualifier": "approximately"}),
    ("Around 100", 100, {"qualifier": "approximately"}),
    ("approximately 322,013", 322013, {"qualifier": "approximately"}),
    ("over XOF 26,000,000", 26_000_000, {"qualifier": "more_than", "currency": "XOF"}),
    ("over XOF 13,000,000", 13_000_000, {"qualifier": "more_than", "currency": "XOF"}),
    ("225,376,950 CFA francs", 225_376_950, {"currency": "XOF"}),
    ("more than 849,093,390 FCFA", 849_093_390, {"qualifier": "more_than", "currency": "XOF"}),
    ("589,741,927 FCFA", 589_741_927, {"currency": "XOF"}),
    ("CHF 204,222", 204_222, {"currency": "CHF"}),
    ("15.6M", 15_600_000, {"scale": 10**6, "currency": None}),
    ("5M", 5_000_000, {"scale": 10**6}),
    ("780,000", 780_000, {"scale": 1}),
    ("CHF 35.4M", 35_400_000, {"currency": "CHF", "scale": 10**6}),
    ("**CHF 35.4M**", 35_400_000, {"currency": "CHF", "scale": 10**6}),
    ("CHF 232.5 M", 232_500_000, {"currency": "CHF", "scale": 10**6}),
    ("CHF 8 M", 8_000_000, {"currency": "CHF", "scale": 10**6}),
    ("157 million", 157_000_000, {"scale": 10**6}),
    ("143m", 143_000_000, {"scale": 10**6}),
    ("1.8 million", 1_800_000, {"scale": 10**6, "form": "decimal"}),
    ("around 15 million", 15_000_000, {"scale": 10**6, "qualifier": "approximately"}),
    ("a quarter", 25, {"is_percent": True, "qualifier": "approximately", "form": "fraction"}),
    ("eight", 8, {"form": "words"}),
    ("nine", 9, {"form": "words"}),
    ("Five", 5, {"form": "words"}),
    ("ten", 10, {"form": "words"}),
    ("double", 2, {"form": "multiplier"}),
    ("269.82", 269.82, {"form": "decimal"}),
])
def test_forms_found_in_the_reports(raw, value, fields):
    check(raw, value, **fields)


@pytest.mark.parametrize("raw, value, readings", [
    ("25,6140", 256140, (256140, 25614)),        # IFRC; 25,614 in the summary table
    ("102,4517", 1024517, (1024517, 102451)),    # UN Women: 1,024,517 (the parts sum to it)
    ("1,36080", 136080, (136080, 1360)),
    ("1,26639", 126639, (126639, 1266)),
    ("4,495,41", 449541, (449541,)),
])
def test_misplaced_separators_keep_every_plausible_reading(raw, value, readings):
    parsed = check(raw, value, malformed=True, form="misplaced_separator")
    assert parsed.candidates == readings


def test_ambiguous_point_prefers_the_decimal_reading_and_keeps_the_other():
    parsed = check("349.822", 349.822, form="ambiguous_separator", malformed=False)
    assert parsed.candidates == (349.822, 349822)


def test_damaged_parts_of_a_report_total_reconcile_through_candidates():
    """UN Women: 102,4517 people = 1,36080 girls + 1,26639 boys + 4,495,41 women + 312,257 men."""
    total, *parts = (parse_number(s) for s in ("102,4517", "1,36080", "1,26639", "4,495,41", "312,257"))
    assert sum(p.value for p in parts) == total.value


def test_every_digit_token_in_the_documents_parses():
    forms = {}
    for doc, text in manifest.read_texts().items():
        for tok in coverage.tokens(text, doc):
            if tok.text[0].isdigit():
                forms[tok.text] = parse_number(tok.text, figure_id=doc).form
    assert {t for t, f in forms.items() if f == "misplaced_separator"} == {
        "25,6140", "102,4517", "1,36080", "1,26639", "4,495,41"}
    assert {t for t, f in forms.items() if f == "ambiguous_separator"} == {"349.822"}


def test_every_value_raw_in_figures_csv_parses():
    raw = pd.read_csv(paths.FIGURES, dtype=str, keep_default_na=False)
    for row in raw.itertuples(index=False):
        assert parse_number(row.value_raw, row.figure_id).candidates


# --- each rule -----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, value, form", [
    ("1,839", 1839, "grouped"),
    ("1.234.567", 1234567, "grouped"),
    ("3\u00a0000", 3000, "grouped"),
    ("3\u202f000", 3000, "grouped"),
    ("1 234 567", 1234567, "grouped"),
    ("1,234.56", 1234.56, "decimal"),
    ("1.234,56", 1234.56, "decimal"),
    ("1 234,5", 1234.5, "decimal"),
    ("0.5", 0.5, "decimal"),
    ("0", 0, "digits"),
    ("007", 7, "leading_zero"),
])
def test_separators(raw, value, form):
    check(raw, value, form=form, malformed=False)


def test_lone_comma_before_one_or_two_digits_may_be_a_decimal_comma():
    parsed = check("12,5", 125, malformed=True)
    assert parsed.candidates == (125, 12.5)


def test_misplaced_separator_with_a_decimal_part_keeps_the_decimal():
    parsed = check("12,3456.7", 123456.7, malformed=True)
    assert parsed.candidates == (123456.7, 12345.7)


@pytest.mark.parametrize("raw, value, scale", [
    ("15.6M", 15.6e6, 10**6), ("15.6 m", 15.6e6, 10**6), ("2 million", 2e6, 10**6),
    ("5k", 5e3, 10**3), ("5 K", 5e3, 10**3), ("12 thousand", 12e3, 10**3),
    ("1.2 billion", 1.2e9, 10**9), ("3bn", 3e9, 10**9),
])
def test_scale_suffixes(raw, value, scale):
    check(raw, value, scale=scale)


@pytest.mark.parametrize("raw, value", [
    ("one", 1), ("twelve", 12), ("twenty", 20), ("Twenty-six", 26), ("ninety nine", 99),
    ("two hundred", 200), ("one hundred and five", 105), ("a dozen", 12), ("two dozen", 24),
    ("a hundred", 100), ("two thousand five hundred", 2500), ("zero", 0),
])
def test_number_words(raw, value):
    check(raw, value, form="words", is_percent=False)


def test_words_with_a_scale_record_it_like_digits():
    assert parse_number("two million").scale == parse_number("2 million").scale == 10**6
    assert parse_number("two million").value == 2e6


@pytest.mark.parametrize("raw, value, qualifier", [
    ("half", 50, "approximately"), ("a half", 50, "approximately"),
    ("three quarters", 75, "approximately"), ("almost half", 50, "almost"),
    ("nearly a quarter", 25, "almost"),
])
def test_fractions_are_approximate_percentages(raw, value, qualifier):
    check(raw, value, form="fraction", is_percent=True, qualifier=qualifier)


@pytest.mark.parametrize("raw", ["94%", "50 %", "50\u00a0%", "50 per cent", "50 percent", "50 Percent"])
def test_percent_forms(raw):
    assert parse_number(raw).is_percent


@pytest.mark.parametrize("raw, code", [
    ("CHF 5", "CHF"), ("5 Swiss francs", "CHF"), ("XOF 5", "XOF"), ("5 FCFA", "XOF"),
    ("5 F CFA", "XOF"), ("5 CFA francs", "XOF"), ("5 francs CFA", "XOF"), ("CFAF 5", "XOF"),
    ("USD 5", "USD"), ("US$5", "USD"), ("$5", "USD"), ("5 US dollars", "USD"),
    ("EUR 5", "EUR"), ("€5", "EUR"), ("5 €", "EUR"), ("5 euros", "EUR"),
])
def test_currencies_before_or_after(raw, code):
    check(raw, 5, currency=code, is_percent=False)


@pytest.mark.parametrize("raw, qualifier, exact, lower, upper, estimate", [
    ("5", "exact", True, False, False, False),
    ("at least 5", "at_least", False, True, False, False),
    ("over 5", "more_than", False, True, False, False),
    ("more than 5", "more_than", False, True, False, False),
    ("above 5", "more_than", False, True, False, False),
    ("up to 5", "at_most", False, False, True, False),
    ("under 5", "less_than", False, False, True, False),
    ("less than 5", "less_than", False, False, True, False),
    ("no more than 5", "at_most", False, False, True, False),
    ("about 5", "approximately", False, False, False, True),
    ("around 5", "approximately", False, False, False, True),
    ("approximately 5", "approximately", False, False, False, True),
    ("some 5", "approximately", False, False, False, True),
    ("an estimated 5", "approximately", False, False, False, True),
    ("almost 5", "almost", False, False, False, True),
    ("nearly 5", "almost", False, False, False, True),
])
def test_qualifiers(raw, qualifier, exact, lower, upper, estimate):
    parsed = check(raw, 5, qualifier=qualifier)
    assert (parsed.is_exact, parsed.is_lower_bound, parsed.is_upper_bound, parsed.is_estimate) == (
        exact, lower, upper, estimate)


def test_parsed_number_is_frozen():
    with pytest.raises(AttributeError):
        parse_number("5").value = 6


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, reason", [
    ("", "no number"),
    ("CHF", "no number"),
    ("over", "not a number"),
    ("five people", "not a number"),
    ("six twenty", "not a number"),
    ("one one", "not a number"),
    ("2nd", "not a number"),
    ("-64.51%-", "not a number"),
    ("CHF 5 CHF", "both before and after"),
    ("50% CHF", "percentage cannot carry a currency"),
    ("1" * 19, "more than 18 digits"),
])
def test_errors_name_the_figure_the_text_and_the_problem(raw, reason):
    with pytest.raises(NumberParseError) as err:
        parse_number(raw, figure_id="UNW-042")
    message = str(err.value)
    assert "UNW-042" in message and repr(raw) in message and reason in message
    assert isinstance(err.value, ValueError)


def test_error_without_figure_id_names_the_text():
    with pytest.raises(NumberParseError, match="'many'"):
        parse_number("many")


@pytest.mark.parametrize("bad", [None, 5, b"5"])
def test_non_text_input_is_a_parse_error(bad):
    with pytest.raises(NumberParseError, match="expected text"):
        parse_number(bad, figure_id="X-1")


# --- properties -------------------------------------------------------------------------------

FRAGMENTS = ["0", "1", "25", "349", "6140", ",", ".", " ", "\u00a0", "\u202f", "-", "%", "m", "M",
             "k", "million", "billion", "per cent", "at least ", "over ", "about ", "some ", "CHF",
             "XOF", "FCFA", "F CFA", "CFA francs", "$", "US$", "€", "euros", "a ", "an ", "and ",
             "twenty", "six", "zero", "hundred", "thousand", "dozen", "half", "quarter", "double",
             "(", ")", "*", "e", "1e400", "\u0663", "İ"]


def assert_consistent(parsed: ParsedNumber):
    assert parsed.value == parsed.candidates[0]
    assert all(math.isfinite(c) for c in parsed.candidates)
    assert len(set(parsed.candidates)) == len(parsed.candidates)
    assert parsed.qualifier in QUALIFIERS and parsed.form in FORMS
    assert parsed.malformed == (parsed.form == "misplaced_separator")
    assert not (parsed.currency and parsed.is_percent)


@settings(deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)))
def test_never_raises_anything_but_a_parse_error(text):
    try:
        parsed = parse_number(text, figure_id="F-1")
    except NumberParseError as err:
        assert "F-1" in str(err)
    else:
        assert_consistent(parsed)


DECIMAL_MARKS = {",": ["."], ".": [","], " ": [",", "."], "\u00a0": [","], "\u202f": [","], "": ["."]}
QUALIFIER_TEXTS = [("", "exact"), ("at least ", "at_least"), ("over ", "more_than"),
                   ("More than ", "more_than"), ("up to ", "at_most"), ("under ", "less_than"),
                   ("about ", "approximately"), ("nearly ", "almost"), ("an estimated ", "approximately")]
SCALE_TEXTS = [("", 1), ("M", 10**6), (" M", 10**6), ("m", 10**6), (" million", 10**6),
               ("k", 10**3), (" thousand", 10**3), (" billion", 10**9)]
CURRENCY_BEFORE = [("CHF ", "CHF"), ("XOF ", "XOF"), ("CFAF ", "XOF"), ("US$", "USD"), ("$", "USD"),
                   ("€", "EUR")]
CURRENCY_AFTER = [(" FCFA", "XOF"), (" F CFA", "XOF"), (" CFA francs", "XOF"), (" francs CFA", "XOF"),
                  (" Swiss francs", "CHF"), (" USD", "USD"), (" EUR", "EUR"), (" €", "EUR")]
PERCENT_TEXTS = ["%", " %", "\u00a0%", " per cent", " percent"]


def group(integer: int, sep: str) -> str:
    return f"{integer:,}".replace(",", sep)


@st.composite
def printed_figures(draw):
    """A well-formed figure in a random style, with the value it stands for."""
    integer = draw(st.integers(0, 10**12))
    sep = draw(st.sampled_from(sorted(DECIMAL_MARKS)))
    fraction = draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{1,2}", fullmatch=True)))
    mark = draw(st.sampled_from(DECIMAL_MARKS[sep]))
    number = group(integer, sep) + (mark + fraction if fraction else "")
    qualifier, expected_qualifier = draw(st.sampled_from(QUALIFIER_TEXTS))
    scale_text, scale = draw(st.sampled_from(SCALE_TEXTS))
    before = after = percent = ""
    currency = None
    kind = draw(st.sampled_from(["plain", "percent", "currency_before", "currency_after"]))
    if kind == "percent":
        percent = draw(st.sampled_from(PERCENT_TEXTS))
    elif kind == "currency_before":
        before, currency = draw(st.sampled_from(CURRENCY_BEFORE))
    elif kind == "currency_after":
        after, currency = draw(st.sampled_from(CURRENCY_AFTER))
    text = qualifier + before + number + scale_text + percent + after
    value = float(Decimal(f"{integer}.{fraction or 0}") * scale)
    # Two styles cannot be told apart from a misreading: "1.234" (read as a decimal
    # point) and a decimal comma without thousands ("12,5", read as damage).
    ambiguous = (not fraction and sep == "." and 1000 <= integer < 10**6) or (
        fraction and mark == "," and integer < 1000)
    return text, value, expected_qualifier, currency, bool(percent), scale, ambiguous


@settings(deadline=None)
@given(printed_figures())
def test_well_formed_figures_round_trip(figure):
    text, value, qualifier, currency, is_percent, scale, ambiguous = figure
    parsed = parse_number(text)
    assert_consistent(parsed)
    assert (parsed.qualifier, parsed.currency, parsed.is_percent, parsed.scale) == (
        qualifier, currency, is_percent, scale)
    if ambiguous:
        assert any(math.isclose(c, value, rel_tol=1e-12) for c in parsed.candidates)
    else:
        assert math.isclose(parsed.value, value, rel_tol=1e-12)
        assert not parsed.malformed
