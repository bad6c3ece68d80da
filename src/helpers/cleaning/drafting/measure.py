"""One drafted row in the making: a printed number with its quote, the exclusion reason or what
it measures, and the evidence each field rests on (which sets the row's confidence)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.cleaning.drafting import classify, phrases
from helpers.cleaning.drafting.exclusions import exclusion
from helpers.cleaning.drafting.lexicon import AGE_MODIFIERS
from helpers.cleaning.drafting.mentions import Mention
from helpers.cleaning.drafting.text import (
    Cell,
    is_caps_heading,
    line_span,
    next_line,
    quote_span,
    table_cell,
)

# How much a unit found this way can be trusted (see ``Item.confidence``).
EVIDENCE = {"percent": 0.9, "currency": 0.9, "phrase": 0.9, "duration": 0.85, "label": 0.85, "column": 0.8,
            "number of": 0.7, "next line": 0.7, "parts": 0.65, "heading": 0.6, "inherited": 0.6,
            "money label": 0.6, "": 0.3}
_SEX = (r"(?:(?P<age>young|adolescent|elderly|older|adult)\s+)?"
        r"(?P<sex>women|men|girls|boys|female|male|femmes|hommes|filles|garçons)(?![-\w])")
_SHARE_AFTER_RE = re.compile(r"\s*(?:of\s+[^.;]{0,80}?\s+(?:are|were|is|was)\s+|of them |of whom |are |were |sont des )?"
                             + _SEX, re.IGNORECASE)
_SHARE_BEFORE_RE = re.compile(_SEX + r"\s+(?:represent(?:ed)?|ma(?:k|d)e up|account(?:ed)? for|constitut\w*|"
                              r"are|were|form(?:ed)?)\s*$", re.IGNORECASE)
_NUMBER_OF_RE = re.compile(r"\bnumber of (?:the )?", re.IGNORECASE)


@dataclass
class Item:
    """A number of the document and everything the draft says about it."""

    mention: Mention
    quote: tuple[int, int]
    sentence: str                 # the quote with markdown blanked (same offsets)
    labels: list[str] = field(default_factory=list)  # table label, column, group, heading
    exclude: str = ""
    unit: str = ""
    currency: str = ""
    sex: str = ""
    age: str = ""
    heads: tuple[str, ...] = ()
    indicator: str = ""
    reach_kind: str = ""
    money_kind: str = ""
    theme: str = ""
    location: str = ""
    region: str = ""
    figure_id: str = ""
    parent_id: str = ""
    part_kind: str = ""
    same_as: str = ""
    evidence: str = ""
    phrase_end: int = 0           # offset in the document where the number's noun phrase ends
    fixed: bool = False           # an annotated figure: read, never changed
    score: float = 0.0            # exclusion rules give their own confidence

    @property
    def at(self) -> int:
        return self.mention.start - self.quote[0]

    @property
    def is_share(self) -> bool:
        return self.unit == "percent"

    def set_unit(self, unit: str, evidence: str, sex: str = "", age: str = "") -> None:
        self.unit, self.evidence = unit, evidence
        if unit == "people":
            self.sex, self.age = sex or "all", age or "all"

    def classify(self) -> None:
        """Indicator, reach kind, money kind and theme from the unit and the words around."""
        skip = (self.at, self.phrase_end - self.quote[0])
        if self.unit == "people":
            self.indicator, self.reach_kind = classify.people_kind(self.heads, self.sentence, self.at,
                                                                   skip, self.labels)
        elif self.unit:
            self.indicator, self.reach_kind = classify.thing_kind(self.unit, self.heads, self.sentence, self.at,
                                                                  skip, self.labels)
        if self.unit == "money":
            self.money_kind = classify.money_kind(self.sentence, self.at, self.labels)
        self.theme = classify.theme([self.sentence, *self.labels], self.indicator, self.money_kind)

    @property
    def confidence(self) -> float:
        """0–1: how directly the text states the row (documented in README)."""
        if self.exclude or self.fixed:
            return self.score
        score = EVIDENCE[self.evidence]
        number = self.mention.number
        if number is None or number.form in ("misplaced_separator", "ambiguous_separator"):
            score -= 0.2
        if self.unit == "money" and not self.currency:
            score -= 0.1
        if not self.indicator:
            score -= 0.1
        glued = self.mention.digits_start - self.quote[0] - 1
        if glued >= 0 and self.sentence[glued].isalpha():
            score -= 0.2  # digits glued to a word: extraction damage
        return round(min(max(score, 0.05), 0.99), 2)


def describe(text: str, plain: str, m: Mention, next_start: int, doc_currency: str) -> Item:
    """The draft of one printed number: an exclusion, or a figure with what it measures."""
    qs, qe = quote_span(text, m.start, m.end)
    cell = table_cell(text, m.start)
    labels = [cell.label, cell.column, cell.group, cell.heading] if cell else []
    item = Item(m, (qs, qe), plain[qs:qe], labels)
    cell_end = text.find("\t", m.end) if cell else -1
    limit = min(next_start, qe, cell_end if 0 <= cell_end else qe)
    phrase = phrases.read(plain[m.end:limit])
    item.phrase_end = m.end + phrase.end
    duration = re.match(r"-(year|month|day)s?\b", text[m.digits_end:])
    reason = exclusion(text, m, bool(phrase.unit or duration))
    if reason:
        item.exclude, item.score = reason
        return item
    number = m.number
    if number is not None and number.is_percent:
        item.set_unit("percent", "percent")
        _share_sex(item, plain)
    elif number is not None and number.currency:
        item.set_unit("money", "currency")
        item.currency = number.currency
    elif phrase.unit:
        item.set_unit(phrase.unit, "phrase", phrase.sex, phrase.age)
        item.heads = phrase.heads
    elif duration:
        item.set_unit(duration.group(1) + "s", "duration")
    else:
        _unit_from_context(item, text, cell, doc_currency)
    item.location, item.region = classify.regions(text[qs:qe])
    item.classify()
    return item


def _share_sex(item: Item, plain: str) -> None:
    """Sex of a share: "50% of the champions are women", "women represent 50%"."""
    qs, qe = item.quote
    after = _SHARE_AFTER_RE.match(plain[item.mention.end:qe])
    before = _SHARE_BEFORE_RE.search(plain[qs:item.mention.start])
    found = after or before
    if found:
        word = found.group("sex").lower()
        item.sex = "female" if word.startswith(("wom", "fem", "fil", "gir")) else "male"
        modifier = (found.group("age") or "").lower()
        item.age = (AGE_MODIFIERS[modifier] if modifier else
                    "children" if word in ("girls", "boys", "filles", "garçons") else "all")
    of = re.match(r"\s*of\s+(?:the\s+)?", plain[item.mention.end:qe])
    if of:
        item.heads = phrases.read(plain[item.mention.end + of.end():qe]).heads


def _unit_from_context(item: Item, text: str, cell: Cell | None, doc_currency: str) -> None:
    """Unit of a number with no noun after it: its table label or column, the line after a
    bare number, the heading above, or "the number of <noun>" earlier in the sentence."""
    if cell:
        label = phrases.read_label(cell.label) if cell.label else phrases.Phrase()
        scaled = item.mention.number is not None and item.mention.number.scale > 1
        if classify.is_money_label([cell.label, cell.column, cell.heading]) and (scaled or not label.unit):
            item.set_unit("money", "money label")
            item.currency = doc_currency
        elif label.unit:
            item.set_unit(label.unit, "label", label.sex, label.age)
            item.heads = label.heads
        else:
            column = phrases.read_label(cell.column) if cell.column else phrases.Phrase()
            if column.unit:
                item.set_unit(column.unit, "column", column.sex, column.age)
                item.heads = column.heads
        return
    ls, le = line_span(text, item.mention.start)
    if text[ls:le].strip() == item.mention.raw:
        label = phrases.read_label(next_line(text, le))
        if label.unit:
            item.set_unit(label.unit, "next line", label.sex, label.age)
            item.heads = label.heads
            return
        above = [line for line in text[:ls].split("\n") if line.strip()][-12:]
        heading = next((line for line in reversed(above) if is_caps_heading(line)), "")
        label = phrases.read_label(heading)
        if label.unit:
            item.set_unit(label.unit, "heading", label.sex, label.age)
            item.heads, item.labels = label.heads, [heading]
        return
    before = item.sentence[:item.at]
    found = list(_NUMBER_OF_RE.finditer(before))
    if found:
        label = phrases.read(before[found[-1].end():])
        if label.unit:
            item.set_unit(label.unit, "number of", label.sex, label.age)
            item.heads = label.heads
