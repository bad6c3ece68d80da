"""Parents and restatements between the numbers of one document.

A part is linked to its total where the sentence says so: "N people, including A girls and
B boys", "N ha, of which M ha", "115 members (41 women)", "132 men (63%)", "This group was
132 men and 79 women" after a sentence that gave the group's total; a household count next to
a people count ("3,000 people in 500 households") restates it. A restatement (same_as)
is a later number with the same value, unit, sex, age, counted noun and parent as an earlier
one in another sentence; the links point to annotated figures where those are the earlier ones."""
from __future__ import annotations

import re
from collections import defaultdict

from helpers.cleaning.drafting.measure import Item
from helpers.cleaning.drafting.text import is_table_row, line_span

_PARTS_RE = re.compile(r"\b(?:including|incl\.|comprising|of whom|of which|out of which|out of whom|"
                       r"among them|among whom|among which|dont|y compris|parmi lesquel(?:le)?s)\b",
                       re.IGNORECASE)
_LIST_WORDS = ("including", "incl.", "comprising", "dont", "y compris")
_ANAPHORA_RE = re.compile(r"\W*(?:this group|these|of these|of them|among them|of whom|ce groupe)\b",
                          re.IGNORECASE)
_SHARE_GAP_RE = re.compile(r"[^\d;]{0,60}?(?:\(|\bor\b|\s-|–|,)\s*")


def _sexed(item: Item) -> bool:
    return item.unit == "people" and item.sex in ("female", "male")


def _open_bracket(item: Item) -> int:
    """Offset (in the document) of the innermost bracket still open before the item, or -1."""
    stack = []
    for i, ch in enumerate(item.sentence[:item.at]):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            stack.pop()
    return item.quote[0] + stack[-1] if stack else -1


def _before_bracket(group: list[Item], item: Item) -> Item | None:
    """The number whose phrase the bracket around ``item`` follows ("115 members (41 women)")."""
    at = _open_bracket(item)
    if at < 0:
        return None
    total = next((t for t in reversed(group) if t.mention.end <= at and t is not item), None)
    if total is None:
        return None
    gap = total.sentence[total.mention.end - total.quote[0]:at - total.quote[0]]
    return None if re.search(r"[);:]", gap) or len(gap.split()) > 15 else total


def _link(part: Item, total: Item, kind: str) -> None:
    part.parent_id, part.part_kind = total.figure_id, kind


def _sex_split(part: Item, total: Item) -> bool:
    return _sexed(part) and total.sex in ("all", "") and part.age == (total.age or "all")


def _brackets(group: list[Item], inherit: bool) -> None:
    for part in group:
        if part.fixed or part.parent_id or part.is_share:
            continue
        total = _before_bracket(group, part)
        if total is None:
            continue
        if not inherit and part.unit and (part.unit == total.unit or part.unit == "people" and not total.unit):
            _link(part, total, "sex" if _sex_split(part, total) else "subset")
        elif inherit and not part.unit and total.unit:
            part.set_unit(total.unit, "inherited", total.sex, total.age)
            part.heads = total.heads
            _link(part, total, "subset")


def _lists(group: list[Item]) -> None:
    """Parts after "including", "of which", "of whom" … get the nearest earlier total of their unit;
    a part printed without a noun ("of whom 1.2 million need help") counts what that total counts."""
    for found in _PARTS_RE.finditer(group[0].sentence):
        at = group[0].quote[0] + found.start()
        depth = group[0].sentence[:found.start()].count("(") - group[0].sentence[:found.start()].count(")")
        before = [t for t in group if t.mention.end <= at]
        parts: dict[str, list[Item]] = defaultdict(list)
        for part in (p for p in group if p.mention.start > at):
            if depth > 0 and _closes(part.sentence[found.end():part.at]):
                break  # the bracket that held "including" is closed: the list is over
            if part.fixed or part.parent_id or part.is_share:
                continue
            nearest = before[-1] if before else None
            if nearest is not None and nearest.unit and not part.unit:
                part.set_unit(nearest.unit, "inherited", nearest.sex, nearest.age)
                part.heads, part.phrase_end = nearest.heads, part.mention.end  # the words after it are no noun
                part.classify()
            total = nearest if nearest is not None and nearest.unit in (part.unit, "") \
                else next((t for t in reversed(before) if t.unit == part.unit), None)
            if total is not None:
                parts[total.figure_id].append(part)
                part.parent_id = total.figure_id
        for members in parts.values():
            total = next(t for t in before if t.figure_id == members[0].parent_id)
            kind = ("sex" if all(_sex_split(p, total) for p in members)
                    else "breakdown" if len(members) > 1 and found.group().lower() in _LIST_WORDS
                    else "subset")
            for part in members:
                part.part_kind = kind


def _closes(text: str) -> bool:
    """Whether ``text`` closes a bracket it did not open."""
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return False


def _table_totals(figures: list[Item], text: str) -> None:
    """A "Total …" row under a table is the sum of the table's rows: one part per row, the
    row's first number of the total's unit."""
    rows: dict[int, list[Item]] = defaultdict(list)
    for item in figures:
        rows[line_span(text, item.mention.start)[0]].append(item)
    for total in figures:
        ls, le = line_span(text, total.mention.start)
        if not total.unit or not re.match(r"\W*total\b", text[ls:le], re.IGNORECASE):
            continue
        start = ls
        if not is_table_row(text[ls:le]):
            above = text[:ls].rstrip("\n")
            start = above.rfind("\n") + 1
            if not is_table_row(above[start:]):
                continue
        parts = []
        while start > 0 and is_table_row(text[start:line_span(text, start)[1]]):
            row = [i for i in rows.get(start, []) if i.unit == total.unit and i.currency == total.currency]
            if row and not row[0].parent_id and not row[0].fixed:
                parts.append(row[0])
            start = text.rfind("\n", 0, start - 1) + 1
        if len(parts) >= 2:
            for part in parts:
                _link(part, total, "breakdown")


def _sex_columns(group: list[Item]) -> None:
    """In a table row, a count under a "Women" or "Men" column is a part of the row's count of
    all people."""
    total = next((t for t in group if t.unit == "people" and t.sex == "all" and t.labels), None)
    for part in group:
        if total is not None and not part.fixed and not part.parent_id and _sexed(part) \
                and part.evidence == "column":
            _link(part, total, "sex")


def _units_from_parts(group: list[Item], by_id: dict[str, Item]) -> None:
    """A total printed without a noun ("106 (80 men … and 26 women …) key actors") counts what its parts count."""
    children = defaultdict(list)
    for item in group:
        if item.parent_id:
            children[item.parent_id].append(item)
    for fid, parts in children.items():
        total = by_id.get(fid)
        if total is not None and not total.fixed and not total.unit and {p.unit for p in parts} == {"people"}:
            total.set_unit("people", "parts")
            total.classify()


def _anaphora(group: list[Item], previous: list[Item]) -> None:
    """"This group was 132 men and 79 women": parts of the last total of the sentence before."""
    if not previous or not _ANAPHORA_RE.match(group[0].sentence):
        return
    total = next((t for t in reversed(previous) if t.unit == "people" and t.sex == "all" and not t.parent_id), None)
    for part in group:
        if total is not None and not part.fixed and not part.parent_id and _sexed(part):
            _link(part, total, "sex")


def _shares(group: list[Item]) -> None:
    """A share is a part of the total its numerator belongs to: "132 men (63%)" -> the 211 members."""
    for share in group:
        if share.fixed or share.parent_id or not share.is_share:
            continue
        count = next((c for c in reversed(group) if c.mention.end <= share.mention.start and not c.is_share), None)
        gap = share.sentence[count.mention.end - share.quote[0]:share.at] if count else ""
        if count is not None and count.unit == "people" and _SHARE_GAP_RE.fullmatch(gap):
            share.reach_kind = count.reach_kind or share.reach_kind
            if share.sex and count.sex == "all":   # "2,000 beneficiaries (55% women)"
                _link(share, count, "subset")
                continue
            share.sex, share.age, share.heads = count.sex, count.age, count.heads  # "132 men (63%)"
            if count.parent_id:
                share.parent_id, share.part_kind = count.parent_id, "subset"
        elif share.sex:
            total = next((t for t in group if t.unit == "people" and t.sex == "all"), None)
            if total is not None:
                _link(share, total, "subset")


def _households(group: list[Item]) -> None:
    """"3,000 people in 500 households", "250 households (1,500 people)": a household count next
    to a count of people (no number between them) counts the same group (the data dictionary's
    convention): it restates the people count (same_as) and hangs where that one hangs."""
    households = [i for i, item in enumerate(group) if item.unit == "households"]
    if len(households) != 1 or group[households[0]].fixed or group[households[0]].same_as:
        return
    at = households[0]
    household = group[at]
    person = next((group[j] for j in (at - 1, at + 1) if 0 <= j < len(group)
                   and group[j].unit == "people" and group[j].sex == "all"), None)
    if person is None:
        return
    household.same_as = person.figure_id
    household.parent_id, household.part_kind = person.parent_id, person.part_kind
    if not household.reach_kind and person.reach_kind:
        household.reach_kind = "targeted" if person.reach_kind == "targeted" else "reached"


def _inherit(items: list[Item], by_id: dict[str, Item]) -> None:
    """Parts measure what their total measures (the data dictionary's convention)."""
    for item in items:
        total = by_id.get(item.parent_id)
        if item.fixed or total is None or item.is_share or total.unit != item.unit:
            continue
        item.indicator = total.indicator or item.indicator
        item.reach_kind = total.reach_kind or item.reach_kind
        item.theme = total.theme or item.theme


def _keys(item: Item) -> list[tuple]:
    """What must agree for a restatement, once per reading of the printed number (a damaged
    "25,6140" may restate "25,614"; the parser lists both readings)."""
    number = item.mention.number
    if number is None or not item.unit:
        return []
    people = item.unit in ("people", "percent")  # annotators write sex=all on other units, or nothing
    rest = (number.is_percent, item.currency, item.unit, item.sex if people else "", item.age if people else "",
            item.money_kind if item.unit == "money" else item.heads)
    return [(round(v, 6), *rest) for v in number.candidates or (number.value,)]


def _distinctive(item: Item) -> bool:
    """A large number that is not round ("322,013") is not repeated by chance."""
    value = item.mention.number.value
    return value >= 1000 and value % 100 != 0


def _restates(later: Item, earlier: Item, canonical) -> bool:
    if earlier.quote == later.quote or canonical(earlier.parent_id) != canonical(later.parent_id):
        return False
    if earlier.labels and later.labels and earlier.labels[3:] == later.labels[3:] \
            and earlier.labels[0] != later.labels[0]:
        return False  # two rows of one table are two measures
    return _distinctive(later) or bool(later.indicator) and later.indicator == earlier.indicator


def _restatements(items: list[Item]) -> None:
    root: dict[str, str] = {}

    def canonical(fid: str) -> str:
        return root.get(fid, fid)

    seen: dict[tuple, list[Item]] = defaultdict(list)
    for item in items:
        keys = _keys(item)
        if item.fixed and item.same_as:
            root[item.figure_id] = canonical(item.same_as)
        elif not item.fixed and not item.same_as:
            earlier = next((e for k in keys for e in seen[k] if _restates(item, e, canonical)), None)
            if earlier is not None:
                item.same_as = root[item.figure_id] = canonical(earlier.figure_id)
        if keys:
            seen[keys[0]].append(item)


def link(items: list[Item], text: str) -> None:
    """Set parent_id, part_kind and same_as on the drafted figures among ``items`` (in document order)."""
    figures = [i for i in items if not i.exclude]
    by_id = {i.figure_id: i for i in figures}
    sentences: dict[tuple[int, int], list[Item]] = defaultdict(list)
    for item in figures:
        sentences[item.quote].append(item)
    previous: list[Item] = []
    for quote, group in sentences.items():
        _brackets(group, inherit=False)
        _lists(group)
        _sex_columns(group)
        _units_from_parts(group, by_id)
        _brackets(group, inherit=True)
        same_line = bool(previous) and "\n" not in text[previous[0].quote[1]:quote[0]]
        _anaphora(group, previous if same_line else [])
        _shares(group)
        previous = group
    _table_totals(figures, text)
    for group in sentences.values():
        _households(group)
    _inherit(figures, by_id)
    _restatements(figures)
