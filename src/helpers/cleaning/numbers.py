"""Parse a number exactly as the reports print it (``value_raw``) into a traceable value.

The printed text is kept as evidence; what we read from it is made explicit: the
qualifier ("at least", "almost"), the currency, a scale suffix, a percent sign, and
whether the digits look damaged by PDF extraction. Where the digits admit several
readings, all of them are kept in ``candidates`` so that a later reconciliation step
can pick the one that the report's own arithmetic admits.

``parse_number`` raises only ``NumberParseError`` (a ``ValueError``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "approximately", "almost")
LOWER_BOUNDS = frozenset({"at_least", "more_than"})
UPPER_BOUNDS = frozenset({"at_most", "less_than"})
ESTIMATES = frozenset({"approximately", "almost"})

FORMS = (
    "digits",               # 1149
    "leading_zero",         # 05, (03)
    "grouped",              # 2,029,052  3 000
    "decimal",              # 37.5  1,234.5  1 234,5
    "ambiguous_separator",  # 349.822: a decimal point or a '.' thousands separator
    "misplaced_separator",  # 25,6140  4,495,41: extraction damage
    "words",                # eight, twenty-six, two hundred, a dozen
    "fraction",             # half, a quarter: a share, in percent
    "multiplier",           # double
)

_QUALIFIER_WORDS = {
    "at least": "at_least", "no less than": "at_least", "not less than": "at_least",
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "up to": "at_most", "at most": "at_most", "no more than": "at_most",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than",
    "about": "approximately", "around": "approximately", "approximately": "approximately",
    "roughly": "approximately", "some": "approximately",
    "an estimated": "approximately", "estimated": "approximately",
    "almost": "almost", "nearly": "almost",
}
# Longest first, so that "no more than" wins over "more than".
_QUALIFIER_RE = re.compile(
    "^(" + "|".join(sorted(_QUALIFIER_WORDS, key=len, reverse=True)) + ") "
)

# Each currency is a named group, so a match tells its ISO code (``match.lastgroup``).
_CURRENCIES = "|".join(f"(?P<{code}>{pattern})" for code, pattern in {
    "XOF": r"xof|f ?cfa|cfa ?francs?|francs? ?cfa|cfaf|cfa",
    "CHF": r"chf|swiss francs?",
    "USD": r"usd|us ?\$|us dollars?|dollars?|\$",
    "EUR": r"eur(?:os?)?|€",
}.items())
# A currency in letters must stand apart from other words ("eur" is not "europe").
_CURRENCY_BEFORE_RE = re.compile(rf"^(?:{_CURRENCIES})(?![a-z]) ?")
_CURRENCY_AFTER_RE = re.compile(rf" ?(?<![a-z])(?:{_CURRENCIES})$")
_PERCENT_RE = re.compile(r" ?(?:%|per ?cent)$")
_SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}
# A scale suffix follows digits ("15.6M", "232.5 M"); "two million" is read as words.
_SCALE_RE = re.compile(r"(?<=[0-9]) ?(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + ")$")

_DIGITS_RE = re.compile(r"[0-9]+(?:[., ][0-9]+)*")
_SEPARATOR_RE = re.compile(r"[., ]")
_MAX_DIGITS = 18  # no figure in a report comes near this; a longer run is not one number
_WRAPPING = " *()[]\"'"  # brackets and markdown emphasis around a figure: "(03)", "**CHF 35.4M**"

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in
         enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_TIMES_BEFORE = {"dozen": 12, "hundred": 100}
_BLOCKS = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_FRACTIONS = {"half": 50, "halves": 50, "quarter": 25, "quarters": 25}
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_MULTIPLIERS = {"double": 2, "triple": 3}


class NumberParseError(ValueError):
    """A printed figure that cannot be read as a number; the message names figure and text."""

    def __init__(self, text: object, reason: str, figure_id: str | None = None):
        where = f"figure {figure_id}: " if figure_id else ""
        super().__init__(f"{where}cannot parse number {text!r}: {reason}")
        self.text, self.reason, self.figure_id = text, reason, figure_id


@dataclass(frozen=True)
class ParsedNumber:
    """A printed figure and what we read from it.

    ``value`` is the printed number times ``scale``; a percentage stays in percent
    ("94%" -> 94). ``candidates`` holds every plausible reading, ``value`` first; it has
    more than one entry only for the forms ``ambiguous_separator`` and ``misplaced_separator``.
    """

    raw: str
    value: float
    qualifier: str = "exact"
    currency: str | None = None
    is_percent: bool = False
    scale: int = 1
    malformed: bool = False
    candidates: tuple[float, ...] = ()
    form: str = "digits"

    @property
    def is_exact(self) -> bool:
        """True for a figure printed as an exact count, False for a bound or an estimate."""
        return self.qualifier == "exact"

    @property
    def is_lower_bound(self) -> bool:
        """"at least 400" (inclusive), "over 300" (exclusive): the true figure is not below."""
        return self.qualifier in LOWER_BOUNDS

    @property
    def is_upper_bound(self) -> bool:
        """"up to" (inclusive), "less than" (exclusive): the true figure is not above."""
        return self.qualifier in UPPER_BOUNDS

    @property
    def is_estimate(self) -> bool:
        """"about", "almost", "a quarter": a rounded figure, neither exact nor a bound."""
        return self.qualifier in ESTIMATES


@dataclass(frozen=True)
class _Reading:
    numbers: tuple[Decimal, ...]  # most likely first, before scaling
    form: str
    scale: int = 1


def parse_number(text: str, figure_id: str | None = None) -> ParsedNumber:
    """Read one printed figure: [qualifier] [currency] number [scale] [%] [currency].

    Any whitespace (incl. no-break spaces) counts as one space and case is ignored;
    brackets and markdown emphasis around the figure are dropped. ``figure_id`` only
    serves to name the figure in an error message.
    """
    if not isinstance(text, str):
        raise NumberParseError(text, f"expected text, got {type(text).__name__}", figure_id)
    rest = " ".join(text.split()).lower().strip(_WRAPPING)

    qualifier, rest = _cut(_QUALIFIER_RE, rest)
    currency_before, rest = _cut(_CURRENCY_BEFORE_RE, rest)
    currency_after, rest = _cut(_CURRENCY_AFTER_RE, rest)
    percent, rest = _cut(_PERCENT_RE, rest)
    scale, rest = _cut(_SCALE_RE, rest)

    if currency_before and currency_after:
        raise NumberParseError(text, "a currency both before and after the number", figure_id)
    if not rest:
        raise NumberParseError(text, "no number found", figure_id)

    if _DIGITS_RE.fullmatch(rest):
        reading = _read_digits(rest, text, figure_id)
        if scale:
            reading = _Reading(reading.numbers, reading.form, _SCALES[scale.group(1)])
    else:
        reading = _read_words(rest, text, figure_id)

    currency = currency_before or currency_after
    is_fraction = reading.form == "fraction"
    if currency and (percent or is_fraction):
        raise NumberParseError(text, "a percentage cannot carry a currency", figure_id)
    candidates = tuple(dict.fromkeys(float(n * reading.scale) for n in reading.numbers))
    if not all(math.isfinite(c) for c in candidates):
        raise NumberParseError(text, "number too large", figure_id)
    return ParsedNumber(
        raw=text,
        value=candidates[0],
        qualifier=(_QUALIFIER_WORDS[qualifier.group(1)] if qualifier
                   else "approximately" if is_fraction else "exact"),
        currency=currency.lastgroup if currency else None,
        is_percent=bool(percent) or is_fraction,
        scale=reading.scale,
        malformed=reading.form == "misplaced_separator",
        candidates=candidates,
        form=reading.form,
    )


def _cut(pattern: re.Pattern, text: str) -> tuple[re.Match | None, str]:
    """Cut the prefix or suffix that ``pattern`` matches off ``text``: (match, the rest)."""
    m = pattern.search(text)
    if not m:
        return None, text
    return m, (text[:m.start()] + text[m.end():]).strip()


def _read_digits(digits: str, text: str, figure_id: str | None) -> _Reading:
    """Read a run of digits and separators ("2,029,052", "3 000", "1,234.5", "25,6140").

    - No separator: an integer; a leading zero ("05", "(03)") is recorded as the form.
    - The last separator is '.' or ',', occurs once and differs from the separators
      before it: it is the decimal mark ("37.5", "1,234.56", "1 234,5", "1.234,5").
      A lone separator is read differently in three cases: "1,839" (',' then three
      digits) is a thousands separator, as in English; any other lone ',' ("25,6140",
      "12,5") is a misplaced separator; "349.822" ('.' then three digits) is ambiguous,
      read as a decimal point because these English reports use '.' for decimals
      ("269.82 ha"), with the thousands reading as second candidate.
    - Otherwise every separator is a thousands separator ("2,029,052", "3 000").
    Thousands groups must have exactly three digits (the first one to three, without a
    leading zero); anything else ("25,6140", "1,36080", "4,495,41") is a misplaced
    separator, see ``_misplaced``.
    """
    if sum(ch.isdigit() for ch in digits) > _MAX_DIGITS:
        raise NumberParseError(text, f"more than {_MAX_DIGITS} digits", figure_id)
    groups = _SEPARATOR_RE.split(digits)
    seps = _SEPARATOR_RE.findall(digits)
    if not seps:
        leading_zero = len(digits) > 1 and digits[0] == "0"
        return _Reading((Decimal(digits),), "leading_zero" if leading_zero else "digits")

    last, thousands = seps[-1], set(seps[:-1])
    if last in ".," and last not in thousands and len(thousands) <= 1:
        if not thousands and _is_grouped(groups):
            if last == ",":
                return _Reading((Decimal("".join(groups)),), "grouped")
            return _Reading((Decimal(digits), Decimal("".join(groups))), "ambiguous_separator")
        if last == "," and not thousands:
            return _misplaced(groups, decimal_comma=True)
        integer, fraction = groups[:-1], groups[-1]
        if thousands and not _is_grouped(integer):
            return _misplaced(integer, fraction)
        return _Reading((Decimal("".join(integer) + "." + fraction),), "decimal")

    if len(set(seps)) == 1 and _is_grouped(groups):
        return _Reading((Decimal("".join(groups)),), "grouped")
    return _misplaced(groups)


def _is_grouped(groups: list[str]) -> bool:
    """Correct thousands grouping: "1", "12" or "123" first, then groups of exactly three."""
    first, rest = groups[0], groups[1:]
    return len(first) <= 3 and first[0] != "0" and all(len(g) == 3 for g in rest)


def _misplaced(groups: list[str], fraction: str = "", decimal_comma: bool = False) -> _Reading:
    """Readings of digits whose thousands separators sit in the wrong place.

    PDF extraction shifts separators ("102,4517" for 1,024,517) and adds stray digits
    ("25,6140" for 25,614, printed correctly elsewhere in the same report). The text
    alone cannot tell which, so the candidates are: the separators removed (the value);
    every over-long group trimmed to its first three digits; and, for a lone comma
    followed by one or two digits ("12,5"), a decimal comma as in French.
    """
    tail = "." + fraction if fraction else ""
    numbers = [Decimal("".join(groups) + tail),
               Decimal(groups[0] + "".join(g[:3] for g in groups[1:]) + tail)]
    if decimal_comma and len(groups[1]) <= 2:
        numbers.append(Decimal(groups[0] + "." + groups[1]))
    return _Reading(tuple(dict.fromkeys(numbers)), "misplaced_separator")


def _read_words(words: str, text: str, figure_id: str | None) -> _Reading:
    """Read a number written in words.

    "twenty-six", "two hundred", "a dozen" are counts; a trailing "thousand",
    "million" or "billion" is recorded as the scale, as for digits ("two million").
    "half", "a quarter", "three quarters" are shares, in percent. "double" is a factor.
    """
    if words in _MULTIPLIERS:
        return _Reading((Decimal(_MULTIPLIERS[words]),), "multiplier")
    tokens = [t for t in re.split(r"[ -]+", words) if t not in ("", "and")]
    if tokens and tokens[-1] in _FRACTIONS and len(tokens) <= 2:
        count = _FRACTION_COUNTS.get(tokens[0]) if len(tokens) == 2 else 1
        if count:
            return _Reading((Decimal(count * _FRACTIONS[tokens[-1]]),), "fraction")
    value = _count_from_words(tokens) if tokens else None
    if value is None:
        raise NumberParseError(text, f"{words!r} is not a number", figure_id)
    scale = _BLOCKS.get(tokens[-1], 1)
    return _Reading((Decimal(value) / scale,), "words", scale)


def _count_from_words(tokens: list[str]) -> int | None:
    """English number words to an integer, or None if they do not spell a number.

    Small numbers and tens add up ("twenty six"); "dozen" and "hundred" multiply what
    precedes them ("twelve hundred"); "thousand", "million", "billion" close a block,
    in decreasing order ("two thousand five hundred"). "a"/"an" is one before a
    multiplier ("a dozen").
    Words out of order ("six twenty", "one one", "twenty zero") are rejected.
    """
    total, current, previous, last_block = 0, 0, None, math.inf
    for tok, following in zip(tokens, [*tokens[1:], None]):
        if tok in ("a", "an") and previous is None and following in (*_TIMES_BEFORE, *_BLOCKS):
            current, previous = 1, "small"
        elif tok in _TENS and previous in (None, "block", "hundred"):
            current, previous = current + _TENS[tok], "tens"
        elif tok in _SMALL and (_SMALL[tok] or len(tokens) == 1) and (
                previous in (None, "block", "hundred") or (previous == "tens" and _SMALL[tok] < 10)):
            current, previous = current + _SMALL[tok], "small"
        elif tok in _TIMES_BEFORE and previous in ("small", "tens") and current < 100:
            current, previous = current * _TIMES_BEFORE[tok], "hundred"
        elif tok in _BLOCKS and previous in ("small", "tens", "hundred") and _BLOCKS[tok] < last_block:
            total, current, last_block = total + current * _BLOCKS[tok], 0, _BLOCKS[tok]
            previous = "block"
        else:
            return None
    return total + current if previous else None
