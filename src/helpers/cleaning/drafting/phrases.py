"""What a number counts, read from the noun phrase after it ("3 000 vulnerable households",
"462 vulnerable women and young women", "10 market gardening areas") or from a table label
("Number of coordination meetings held").

The head of a compound is its last counted noun ("village watch committees" are committees);
a possessive or hyphenated word only qualifies ("women's associations" are groups, not
women); coordinated nouns share the number ("57 midwives and nurses"). Sex and age come
from the words of the phrase, never from elsewhere in the sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.cleaning.drafting.lexicon import (
    AGE_MODIFIERS,
    AGE_NOUNS,
    CONJUNCTIONS,
    COUNT_LABELS,
    FEMALE,
    IRREGULAR_PARTICIPLES,
    MALE,
    STOP_WORDS,
    UNIT_NOUNS,
)

_ITEM_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w’'\-/]*|\d[\d.,]*%?|[(),;:.!?–—•\"“”]")
_MAX_WORDS = 12


@dataclass(frozen=True)
class Phrase:
    """The unit of a count and, for people, their sex and age ('' where the words say nothing)."""

    unit: str = ""
    heads: tuple[str, ...] = ()  # the counted noun of each coordinated part, lower case
    sex: str = ""
    age: str = ""
    end: int = 0  # characters of the text the phrase takes up


def _norm(word: str) -> str:
    return word.lower().strip("'’\"“”")


def _possessive(word: str) -> bool:
    return bool(re.search(r"(?:['’]s|s['’])$", word))


def unit_of(word: str) -> str:
    """The unit a counted noun stands for, or ''."""
    if _possessive(word):
        return ""
    low = _norm(word).split("/")[0]
    return UNIT_NOUNS.get(low) or UNIT_NOUNS.get(low.rsplit("-", 1)[-1], "") if "-" in low \
        else UNIT_NOUNS.get(low, "")


def _capital(items: list[str], i: int) -> bool:
    return 0 <= i < len(items) and items[i][:1].isupper()


def _in_name(items: list[str], i: int) -> bool:
    """A small word between two capitalised words: part of a name ("Savings and Loans")."""
    return _capital(items, i - 1) and _capital(items, i + 1)


def _noun_ahead(items: list[str], i: int) -> bool:
    for word in items[i:i + 4]:
        if unit_of(word):
            return True
        if not word[:1].isalpha() or _norm(word) in STOP_WORDS:
            return False
    return False


def _closing(items: list[str], i: int) -> int:
    """Index of the bracket closing the one at ``i``, if it closes within a few words, else -1."""
    depth = 0
    for j in range(i, min(len(items), i + _MAX_WORDS + 2)):
        depth += (items[j] == "(") - (items[j] == ")")
        if depth == 0:
            return j
    return -1


def _after_head(word: str) -> bool:
    """A word that ends the noun phrase once it has its noun: a verb form or an adverb."""
    low = _norm(word)
    return not unit_of(word) and (low in IRREGULAR_PARTICIPLES or low.endswith(("ed", "ing", "ly")))


def _conjuncts(items: list[str]) -> tuple[list[list[str]], int]:
    """The coordinated parts of the noun phrase at the start of ``items``, and where it ends."""
    parts: list[list[str]] = [[]]
    has_head = lambda: any(unit_of(w) for p in parts for w in p)  # noqa: E731
    i = 0
    while i < len(items) and i < _MAX_WORDS:
        word, low = items[i], _norm(items[i])
        if word == "(":
            j = _closing(items, i)
            if has_head() or j < 0:
                break
            i = j + 1
            continue
        if word == ",":
            if has_head() or i == 0:  # "By 2024, people live": the comma ends the number's phrase
                break
        elif word in "\"“”":
            pass
        elif not word[:1].isalpha():
            break
        elif low in CONJUNCTIONS:
            if not _in_name(items, i):
                if has_head() and not _noun_ahead(items, i + 1):
                    break
                parts.append([])
        elif low in STOP_WORDS:
            if has_head() or not _in_name(items, i):
                break
        elif has_head() and any(unit_of(w) for w in parts[-1]) and _after_head(word):
            break
        else:
            parts[-1].append(word)
        i += 1
    return parts, i


def _sex_age(part: list[str], head: str) -> tuple[str, str]:
    words = [_norm(w) for w in part if not _possessive(w) and "-" not in w]
    sexes = {"female" for w in words if w in FEMALE} | {"male" for w in words if w in MALE}
    sex = sexes.pop() if len(sexes) == 1 else "all"
    age = next((AGE_MODIFIERS[w] for w in words if w in AGE_MODIFIERS), "")
    age = age or next((AGE_NOUNS[w] for w in words if w in AGE_NOUNS), "") or "all"
    return sex, age


def read(text: str) -> Phrase:
    """The phrase at the start of ``text`` (the words just after a number)."""
    found = list(_ITEM_RE.finditer(text))
    skip = 0
    while skip < len(found) and found[skip].group() in ")\"”’":
        skip += 1
    if len(found) >= skip + 2 and _norm(found[skip].group()) == "of" \
            and _norm(found[skip + 1].group()) in ("them", "whom", "these", "which"):
        skip += 2 + (len(found) > skip + 2 and _norm(found[skip + 2].group()) in ("are", "were", "is", "was"))
    if len(found) > skip + 1 and _norm(found[skip].group()) in ("are", "were", "is", "was") \
            and _norm(found[skip + 1].group()) in FEMALE | MALE:
        skip += 1  # "of whom 410 were women"
    found = found[skip:]
    items = [m.group() for m in found]
    parts, end = _conjuncts(items)
    chars = found[end - 1].end() if end else 0
    heads, sexes, ages, unit = [], set(), set(), ""
    for part in parts:
        nouns = [w for w in part if unit_of(w)]
        if not nouns:
            continue
        head = nouns[-1]
        unit = unit or unit_of(head)
        heads.append(_norm(head).split("/")[0])
        if unit_of(head) == "people" and unit == "people":
            sex, age = _sex_age(part, head)
            sexes.add(sex)
            ages.add(age)
    if unit != "people":
        return Phrase(unit, tuple(heads), end=chars)
    sex = sexes.pop() if len(sexes) == 1 else "all"
    bracket = items[end:end + 3]
    if len(bracket) == 3 and bracket[0] == "(" and bracket[2] == ")" and _norm(bracket[1]) in FEMALE | MALE:
        sex = "female" if _norm(bracket[1]) in FEMALE else "male"   # "120 members (men)"
    return Phrase(unit, tuple(heads), sex, ages.pop() if len(ages) == 1 else "all", chars)


def read_label(label: str) -> Phrase:
    """The phrase of a table label, after an opening such as "Number of"."""
    low = label.lower().lstrip()
    for opening in COUNT_LABELS:
        if low.startswith(opening + " "):
            return read(label.lstrip()[len(opening) + 1:])
    return read(label)
