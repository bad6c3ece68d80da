"""What is measured: indicator, reach kind, money kind, theme and region, from cue words near
the number (the nearest cue in its clause, then in its sentence, then in the table's labels).

Where no cue is found the field stays empty: a reviewer fills a blank faster than they
notice a confident wrong value."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from helpers.cleaning.drafting.lexicon import (
    FUNDING_KINDS,
    MONEY_CUES,
    PEOPLE_CUES,
    PEOPLE_NOUN_KINDS,
    THEME_CUES,
    THING_CUES,
    THING_INDICATORS,
    THING_NOUN_KINDS,
)
from helpers.sources import vocab

_CLAUSE_RE = re.compile(r"(?<!\d),|,(?!\d)|[;()]|\b(?:while|whereas|but)\b")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def clause(sentence: str, at: int) -> tuple[int, int]:
    """The clause of ``sentence`` around offset ``at``: between commas, brackets, "while"…"""
    starts = [0] + [m.end() for m in _CLAUSE_RE.finditer(sentence) if m.end() <= at]
    ends = [m.start() for m in _CLAUSE_RE.finditer(sentence) if m.start() >= at] + [len(sentence)]
    return max(starts), min(ends)


def nearest(cues, text: str, at: int, skip: tuple[int, int] = (0, 0), rank=lambda value: 0):
    """The value of the best cue in ``text``: lowest ``rank``, then nearest to offset ``at``
    (cues inside ``skip``, the number's own noun phrase, do not count); None if there is none."""
    low = text.lower()
    best = None
    for cue, *value in cues:
        for m in re.finditer(r"(?<![a-z])" + re.escape(cue), low):
            if skip[0] <= m.start() < skip[1]:
                continue
            key = (rank(value), abs(m.start() - at))
            if best is None or key < best[0]:
                best = (key, value)
    return None if best is None else (best[1][0] if len(best[1]) == 1 else tuple(best[1]))


def in_context(cues, sentence: str, at: int, skip: tuple[int, int], labels: list[str],
               rank=lambda value: 0, clause_only=lambda value: False):
    """The best cue in the clause, else in the sentence, else in each table label in turn
    (a label's cue nearest its start: "People reached with …"). Cues for which
    ``clause_only`` is true count only in the number's own clause."""
    cs, ce = clause(sentence, at)
    found = nearest(cues, sentence[cs:ce], at - cs, (skip[0] - cs, skip[1] - cs), rank)
    if found is None:
        found = nearest([c for c in cues if not clause_only(c[1:])], sentence, at, skip, rank)
    for label in labels:
        if found is None and label:
            found = nearest(cues, label, 0, rank=rank)
    return found


# Specific verbs (trained, sensitised, targeted) say more than "reached", which says more than
# the wider population's plight ("affected", "in need"); that one must describe the counted
# people, so it counts only in their clause.
def _people_rank(value) -> int:
    return {"people_reached": 1, "population_context": 2}.get(value[0], 0)


def _context(value) -> bool:
    return value[0] == "population_context"


def people_kind(heads: tuple[str, ...], sentence: str, at: int, skip, labels) -> tuple[str, str]:
    """(indicator, reach_kind) of a count of people: the verb near it, else the noun itself."""
    found = in_context(PEOPLE_CUES, sentence, at, skip, labels, _people_rank, _context)
    noun = next((PEOPLE_NOUN_KINDS[h] for h in heads if h in PEOPLE_NOUN_KINDS), None)
    if noun and (found is None or found[0] in ("people_reached", "population_context")):
        return noun
    return found or ("", "")


def thing_kind(unit: str, heads: tuple[str, ...], sentence: str, at: int, skip, labels) -> tuple[str, str]:
    """(indicator, reach_kind) of a count of things, an amount, a share or a duration: the noun
    itself where it says ("4 implementing partners"), else the unit and the verb near it."""
    noun = next((THING_NOUN_KINDS[h] for h in heads if h in THING_NOUN_KINDS), None)
    if noun and unit == "organisations":
        return noun
    indicator = THING_INDICATORS.get(unit, "")
    if unit in ("money", "percent", "days", "months", "years", "events"):
        return indicator, "none"
    return indicator, in_context(THING_CUES, sentence, at, skip, labels) or ""


def money_kind(sentence: str, at: int, labels: list[str]) -> str:
    return in_context(MONEY_CUES, sentence, at, (0, 0), labels) or ""


def is_money_label(labels: list[str]) -> bool:
    return any(nearest(MONEY_CUES, label, 0) for label in labels if label)


def theme(texts: list[str], indicator: str, money: str) -> str:
    """The theme with the most cue words in the sentence and labels; '' if none."""
    if money in FUNDING_KINDS:
        return "funding"
    if indicator == "population_context":
        return "context"
    hits: Counter[str] = Counter()
    for text in texts:
        low = text.lower()
        for name, cues in THEME_CUES.items():
            hits[name] += sum(len(re.findall(r"(?<![a-z])" + re.escape(c), low)) for c in cues)
    best = hits.most_common(1)
    return best[0][0] if best and best[0][1] else ""


def regions(text: str) -> tuple[str, str]:
    """(location, region): the regions (of data/raw/vocabulary.csv) the quote names, as printed and normalised."""
    folded = _fold(text)
    regions_ = [r for r in vocab.values("region") if vocab.country_of(r) and not vocab.is_national(r)]
    aliases = {_fold(a): vocab.group("place_alias", a) for a in vocab.values("place_alias")}
    names = {_fold(r): r for r in regions_} | aliases
    found: dict[int, tuple[str, str]] = {}
    for key, region in names.items():
        for m in re.finditer(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", folded):
            found[m.start()] = (text[m.start():m.end()], region)
    if not found:
        return "", ""
    printed = list(dict.fromkeys(found[k][0] for k in sorted(found)))
    normalised = {r for _, r in found.values()}
    return ", ".join(printed), normalised.pop() if len(normalised) == 1 else "multiple"
