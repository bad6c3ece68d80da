"""Numbers that are not quantities: dates, years, codes, phone numbers, addresses, list labels,
age ranges, law numbers. Each rule returns the coverage-exclusion reason and how sure it is.

The rules read only the characters around a number (glued letters, a month name, a leading
"+", "aged", "N°"), so they carry over to reports nobody here has seen."""
from __future__ import annotations

import re

from helpers.cleaning.drafting.lexicon import MONTHS
from helpers.cleaning.drafting.mentions import Mention

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PHONE_RE = re.compile(r"\+ ?\d[\d \u00a0().-]{5,}\d"
                       r"|\b(?:tel|tél|phone|fax|mobile|mob|t|p)\.?:? ?\(?\+?\d[\d \u00a0().-]{6,}\d",
                       re.IGNORECASE)
_STREET_RE = re.compile(r"(?:straat|street|strasse|straße|gasse|weg|laan|plein|gracht|kade|singel|allee"
                        r"|\b(?:str\.|road|avenue|ave\.|rue|boulevard|blvd|lane|via|calle|avenida|b\.?p\.?"
                        r"|p\.?o\.? box))$",
                        re.IGNORECASE)
_STREET_AFTER_RE = re.compile(r"\s+(?:[A-Z][\w'-]*\s+){1,3}(?i:street|st\.|road|rd\.|avenue|ave\.|lane|"
                              r"boulevard|blvd|place|square|drive)\b|\s+(?i:rue|avenue|boulevard)\s")
_CHILD_AGE_RE = re.compile(r"\b(?:children|girls|boys|infants|babies|aged)\s+(?:under|below|over|above)\s+$",
                           re.IGNORECASE)
_POSTCODE_LINE_RE = re.compile(r"\s*\d{4,5} ?(?:[A-Z]{2} )?[A-Z][\w'-]+(?: [A-Z][\w'-]+)*\s*")
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|ages|age|âgés?(?: de)?|between the ages of|from the age of)"
                            r"\s+(?:from\s+|between\s+|de\s+)?(?:\d+\s*(?:-|–|to|and|à)\s*)?$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"^(?:\s*(?:-|–|to|and)\s*\d+)?\s*(?:-?years?[- ]old|years? of age|-year-olds?)",
                           re.IGNORECASE)
_LAW_RE = re.compile(r"\b(?:law|loi|decree|décret|act|ordinance|ordonnance|order|arrêté)\s*"
                     r"(?:n°|no\.?|nº|number|#)\s*$", re.IGNORECASE)
_NUMBER_SIGN_RE = re.compile(r"(?:\bn°|\bno\.|\bnº|#)\s*$", re.IGNORECASE)
_RESOLUTION_RE = re.compile(r"\b(?:resolution|unscr|scr|iso|version|v\.?)\s*$", re.IGNORECASE)
_LABEL_WORD_RE = re.compile(r"^\s*(?:[-•*]\s*)?[A-Z][a-z]+ $")  # "Pillar 1:", "Step 2:"


def _around(text: str, m: Mention) -> tuple[str, str, str]:
    """The line's text before the number, the number's digits, the line's text after."""
    ls = text.rfind("\n", 0, m.digits_start) + 1
    le = text.find("\n", m.digits_end)
    le = len(text) if le < 0 else le
    return text[ls:m.digits_start], text[m.digits_start:m.digits_end], text[m.digits_end:le]


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


def exclusion(text: str, m: Mention, counts_a_noun: bool) -> tuple[str, float] | None:
    """(reason, confidence) if the number at ``m`` is not a quantity, else None.

    ``counts_a_noun``: a unit noun follows the number ("1962 women"), so a year-like or glued
    number is still a count."""
    before, digits, after = _around(text, m)
    line = before + digits + after
    at = len(before)
    if any(p.start() <= at < p.end() for p in _PHONE_RE.finditer(line)):
        return "phone", 0.95
    if _is_date(before, digits, after, line, at):
        return "date", 0.9
    if _AGE_BEFORE_RE.search(before) or _AGE_AFTER_RE.match(after) or _CHILD_AGE_RE.search(before):
        return "age_range", 0.85
    if m.number is not None and (m.number.currency or m.number.is_percent or m.number.scale > 1
                                 or not m.number.is_exact):
        return None  # an amount, a share, "1.8 million", "at least 400": a quantity
    if _is_year(digits) and not counts_a_noun:
        return "year", 0.85
    if _STREET_RE.search(before.rstrip()) and before.endswith(" ") or _STREET_AFTER_RE.match(after) \
            or _POSTCODE_LINE_RE.fullmatch(line) and not counts_a_noun:
        return "address", 0.8
    if _LAW_RE.search(before):
        return "law_number", 0.9
    if _NUMBER_SIGN_RE.search(before) or _RESOLUTION_RE.search(before) \
            or re.fullmatch(r"\d+\.0", digits) and re.search(r"[A-Z]\w* $", before):
        return "identifier", 0.8
    glued = _glued(before, digits, after)
    if glued == "footnote":
        return "page_furniture", 0.5
    if glued and not counts_a_noun:
        return "identifier", 0.9
    if re.match(r"(?:st|nd|rd|th|er|ème|e)\b", after):
        return "ordinal", 0.95
    if _is_list_label(before, digits, after):
        return "list_label", 0.8
    if re.fullmatch(r"\s*(?:page|p\.)\s*", before, re.IGNORECASE) \
            and re.fullmatch(r"(?:\s*(?:/|of)\s*\d+)?\s*", after):
        return "page_furniture", 0.8
    return _not_a_quantity(before, digits, after)


def _is_date(before: str, digits: str, after: str, line: str, at: int) -> bool:
    if any(d.start() <= at < d.end() for d in _NUMERIC_DATE_RE.finditer(line)):
        return True
    if not digits.isdigit():
        return False
    value = int(digits)
    month_after = re.match(rf"(?:\s*(?:-|–|to)\s*\d{{1,2}})?\s+{_MONTH}\b", after, re.IGNORECASE)
    month_before = re.search(rf"\b{_MONTH},?\s+(?:\d{{1,2}}\s*(?:-|–)\s*)?$", before, re.IGNORECASE)
    if value <= 31 and month_after:
        return True
    if month_before and (value <= 31 or _is_year(digits)):
        return True
    # "13 December 2023": the year after a day and month
    return _is_year(digits) and bool(re.search(rf"\b\d{{1,2}}\s+{_MONTH}\s+$", before, re.IGNORECASE))


def _glued(before: str, digits: str, after: str) -> str:
    """'footnote' for one digit glued to the end of a word ("HEA1)"); 'code' for digits glued to
    letters or joined to them by - _ / . ("MGR60001", "COVID-19", "MLI_D_1.2"); else ''."""
    if re.search(r"[A-Za-z]$", before):
        if re.search(r"[A-Za-z]{3}$", before) and len(digits) == 1 and re.match(r"[)\].,;:\s]|$", after):
            return "footnote"
        return "code"
    if re.search(r"[A-Za-z][A-Za-z0-9]*(?:[-_/]|(?<![a-z]{2})\.)$", before):
        return "code"  # but "waste.225": a full stop that lost its space ends a sentence
    if re.match(r"[A-Za-z]", after) and not re.match(r"(?:st|nd|rd|th|er|ème|e|m|M|k|bn|ha|km)\b", after):
        return "code"
    return ""


def _is_list_label(before: str, digits: str, after: str) -> bool:
    if not digits.isdigit() or digits.startswith("0") or int(digits) > 20:
        return False
    if before.endswith("(") and re.match(r"\)\s*[a-z]", after):                # "; (2) monitoring"
        return True
    if re.match(r"[.)]\s+\S", after) and not before.strip(" -•*\t"):           # "1. Training" at line start
        return True
    return bool(_LABEL_WORD_RE.match(before) and after.startswith(":"))      # "Pillar 1:"


def _not_a_quantity(before: str, digits: str, after: str) -> tuple[str, float] | None:
    word = digits.lower()
    if word == "one" and re.match(r"\s+(?:of (?:the|its|their|our|his|her|many|several|these|those)"
                                  r"|another)\b", after):
        return "not_a_quantity", 0.75
    if word == "one" and re.search(r"\bno\s+$", before, re.IGNORECASE):
        return "not_a_quantity", 0.8
    if word == "double" and not re.match(r"\s+(?:the|that|its|their|in)\b", after):
        return "not_a_quantity", 0.6
    if digits[0].isupper() and digits.isalpha() and re.search(r"\w[\s-]$", before) \
            and re.match(r"[\s-][A-Z]", after):  # a number word inside a name: "Zero Hunger"
        return "not_a_quantity", 0.7
    return None
