"""Numbers as printed: the coverage audit's numeric tokens, joined where several tokens spell
one number ("1.8 million", "twenty-six") and widened to the qualifier, currency, scale and
percent sign that belong to them ("over XOF 26,000,000", "CHF 232.5 M", "60 per cent").

The number parser decides what belongs to a number: a wider span is kept only if
``parse_number`` reads it and reads more from it, so value_raw always parses and the parser
stays the one definition of what a printed figure may carry."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from helpers.cleaning.numbers import NumberParseError, ParsedNumber, parse_number
from helpers.sources.coverage import Token, tokens

_SCALE_WORDS = frozenset({"thousand", "million", "billion"})
_JOIN_GAPS = frozenset({" ", "-", " and "})
_WRAP = " *()[]\"'“”‘’"
_TRAILING = ",.;:!?)]*\"'”’-•"
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Mention:
    """One printed number: ``text[start:end]`` is its value_raw."""

    start: int
    end: int
    raw: str
    tokens: tuple[Token, ...]
    number: ParsedNumber | None  # None if the parser cannot read even the bare token

    @property
    def token_starts(self) -> tuple[int, ...]:
        return tuple(t.start for t in self.tokens)

    @property
    def digits_start(self) -> int:
        return self.tokens[0].start

    @property
    def digits_end(self) -> int:
        return self.tokens[-1].end


def _parse(raw: str) -> ParsedNumber | None:
    try:
        return parse_number(raw)
    except NumberParseError:
        return None


def _joins(text: str, group: list[Token], tok: Token) -> bool:
    """Whether ``tok`` continues the number of ``group`` ("157 million", "twenty-six")."""
    last = group[-1]
    if text[last.end:tok.start] not in _JOIN_GAPS or not tok.text.isalpha():
        return False
    if not last.text.isalpha() and tok.text.lower() not in _SCALE_WORDS:
        return False
    return _parse(text[group[0].start:tok.end]) is not None


def _groups(text: str, toks: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = []
    for tok in toks:
        if groups and _joins(text, groups[-1], tok):
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return groups


def _lefts(text: str, lo: int, start: int) -> list[int]:
    """Candidate starts before a number: up to three words back, and a glued prefix ("US$5")."""
    seg = text[lo:start]
    starts = [lo + m.start() for m in _WORD_RE.finditer(seg)][-3:]
    glued = re.search(r"\S{1,4}$", seg)
    if glued:
        starts.append(lo + glued.start())
    return sorted(set(starts))


def _rights(text: str, end: int, hi: int) -> list[int]:
    """Candidate ends after a number: a glued suffix ("15.6M", "63%") and up to two words."""
    seg = text[end:hi]
    ends = [end + m.end() for m in _WORD_RE.finditer(seg)][:2]
    glued = re.match(r"\S{1,3}", seg)
    if glued:
        ends.append(end + glued.end())
    return sorted(set(ends))


def _trim(text: str, s: int, e: int, core: tuple[int, int]) -> tuple[int, int]:
    """Drop wrapping and trailing punctuation outside the digits."""
    while s < core[0] and text[s] in _WRAP + "-–":
        s += 1
    while e > core[1] and text[e - 1] in _TRAILING + _WRAP:
        e -= 1
    return s, e


def _gain(base: ParsedNumber, wider: ParsedNumber) -> int:
    """How much more a wider reading says than the bare number; 0 if it reads another number."""
    if wider.form != "fraction" and not math.isclose(wider.value / wider.scale, base.value / base.scale):
        return 0
    return sum((wider.qualifier != base.qualifier, wider.currency != base.currency,
                wider.is_percent != base.is_percent, wider.scale != base.scale,
                base.form in ("words", "fraction")))  # "a quarter", "three quarters"


def _widen(text: str, group: list[Token], lo: int, hi: int) -> Mention:
    core = (group[0].start, group[-1].end)
    base = _parse(text[core[0]:core[1]])
    best, best_key = core, (0, 0)
    if base is not None:
        ls = text.rfind("\n", 0, core[0]) + 1
        le = text.find("\n", core[1])
        lo, hi = max(lo, ls), min(hi, len(text) if le < 0 else le)
        for s0 in [core[0], *_lefts(text, lo, core[0])]:
            for e0 in [core[1], *_rights(text, core[1], hi)]:
                s, e = _trim(text, s0, e0, core)
                if text[s:core[0]].lower().startswith("and "):  # "five and two" is two numbers
                    continue
                wider = _parse(text[s:e]) if (s, e) != core else None
                key = (_gain(base, wider), e - s) if wider else (0, 0)
                if key[0] and key > best_key:
                    best, best_key = (s, e), key
    raw = text[best[0]:best[1]]
    return Mention(best[0], best[1], raw, tuple(group), _parse(raw))


def mentions(text: str) -> list[Mention]:
    """Every printed number of ``text``, in order; each numeric token is in exactly one."""
    groups = _groups(text, tokens(text))
    out = []
    for i, group in enumerate(groups):
        lo = groups[i - 1][-1].end if i else 0
        hi = groups[i + 1][0].start if i + 1 < len(groups) else len(text)
        out.append(_widen(text, group, lo, hi))
    return out
