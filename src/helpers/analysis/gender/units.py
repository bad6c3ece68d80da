"""Reach units: the people counted once per statement, with their sex.

The clean figures are turned into *reach units*: the figures that count people without
being a part of another counted figure. A unit's women, men, girls and boys come from
its sex parts (or from a listed split whose pieces carry a sex); whatever the parts leave
over stays "sex not stated" and is never shared out. Units of one actor may count the same
people (the women trained are often the women sensitised): how many unique people they add
up to is the business of ``helpers.analysis.overlap``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.analysis.gender.selection import Selection, usable
from helpers.analysis.restatements import Restatements
from helpers.sources import vocab

CHILD_AGES = ("children", "adolescents")
# Parts of a total whose pieces do not overlap, so their sex counts can be added.
DISJOINT_PARTS = ("breakdown", "location", "age")
UNIT_COUNTS = ("people", "female", "male", "sex_unknown", "girls", "boys")


class _Links:
    """Parent links between the statements the analysis keeps.

    A kept figure stands for its whole measure: it inherits the parent link of a dropped
    restatement (the precise narrative 3,841 is the table's rounded 4,000, a subset of
    the headline), and a parent that was restated points to the kept statement."""

    def __init__(self, figures: pd.DataFrame, kept: Iterable[str]):
        self.rows = figures.set_index("figure_id")
        self.restatements = Restatements(figures)
        self.measure, self.members = self.restatements.measure, self.restatements.members
        kept = set(kept)
        self.rep: dict[str, str] = {}
        self.restated: dict[str, str] = {}  # kept but same measure as an earlier kept statement
        for m, fids in self.members.items():
            chosen = [f for f in fids if f in kept]
            if chosen:
                self.rep[m] = chosen[0]
                self.restated.update({f: chosen[0] for f in chosen[1:]})

    def kept(self) -> list[str]:
        return list(self.rep.values())

    def kept_statement(self, fid: str) -> str | None:
        return self.rep.get(self.measure.get(fid, ""))

    def parent(self, fid: str) -> tuple[str, str]:
        return self.restatements.parent(fid)

    def place(self, fid: str) -> tuple[str, str, str]:
        """Where a kept figure goes: ("child", kept parent, part_kind) when its parent is kept;
        ("inside", kept ancestor, "subset") when only an earlier ancestor is (its sex split is
        then not used: it could repeat the ancestor's own); ("orphan", parent, "sex") for a sex
        part of a total that was left out; ("top", "", "") otherwise."""
        parent, kind = self.parent(fid)
        if not parent:
            return "top", "", ""
        if self.kept_statement(parent):
            return "child", self.kept_statement(parent), kind
        seen, up = {fid}, self.parent(parent)[0]
        while up and up not in seen:
            seen.add(up)
            if self.kept_statement(up):
                return "inside", self.kept_statement(up), "subset"
            up = self.parent(up)[0]
        return ("orphan", parent, "sex") if kind == "sex" else ("top", "", "")


def _sex_counts(fid: str, rows: pd.DataFrame, children: dict[str, list[tuple[str, str]]],
                memo: dict[str, tuple[float, ...]]) -> tuple[float, ...]:
    """(female, male, girls, boys, women stated, men stated) known for a figure: all of it when
    the figure itself has a sex; else from its sex parts, from its disjoint parts
    (recursively), or from its subsets (the activities listed under a headline total: the total
    has at least as many women as its largest count of women, and as many men), whichever
    states the sex of more people. They are never added: they describe the same people. The
    last two are 1.0 when that sex is stated at all (a count of 0 men is a statement; no count
    of men is none)."""
    if fid in memo:
        return memo[fid]
    row = rows.loc[fid]
    value, child = float(row.value), row.age_group in CHILD_AGES
    if row.sex == "female":
        counts = (value, 0.0, value if child else 0.0, 0.0, 1.0, 0.0)
    elif row.sex == "male":
        counts = (0.0, value, 0.0, value if child else 0.0, 0.0, 1.0)
    else:
        options = []
        for kinds in (("sex",), DISJOINT_PARTS):
            parts = [_sex_counts(c, rows, children, memo) for c, k in children.get(fid, ()) if k in kinds]
            options.append(_add(parts) if parts else (0.0,) * 6)
        subsets = [_sex_counts(c, rows, children, memo) for c, k in children.get(fid, ()) if k == "subset"]
        if subsets:  # subsets may overlap: each sex at least its largest count
            options.append(tuple(max(p[i] for p in subsets) for i in range(6)))
        counts = max(options, key=lambda o: o[0] + o[1])
    memo[fid] = counts
    return counts


def _add(parts: list[tuple[float, ...]]) -> tuple[float, ...]:
    """Counts of disjoint parts added; a sex is stated if any part states it."""
    sums = tuple(map(sum, zip(*parts)))
    return (*sums[:4], max(p[4] for p in parts), max(p[5] for p in parts))


def _members(fid: str, children: dict[str, list[tuple[str, str]]]) -> list[str]:
    """The figure and every figure counted inside it (its parts, their parts …)."""
    out, todo = [], [fid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += [c for c, _ in children.get(current, ())]
    return out


UNIT_COLUMNS = ("unit_id", "figure_ids", "actor", "report_period", "indicator", "reach_kind", "reach_class",
                "theme", "programme", "implementer", "scope", "period", "region", "sex", "total_printed",
                "bound", "qualifier", "statuses", "flagged_members", "disputed", "members", "female_stated",
                "male_stated",
                *UNIT_COUNTS)


def reach_units(figures: pd.DataFrame, sel: Selection, indicators: Sequence[str] | None = None,
                classes: Sequence[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """People counted once per statement: (units, roles).

    ``units`` has one row per figure that is not part of another kept figure (plus one per
    group of sex parts whose total was left out, e.g. flagged), with its people and their
    sex: ``female + male + sex_unknown == people``; ``sex`` is the figure's own sex (a count
    of women or men by design) or 'all'; ``members`` lists every figure counted inside it.
    ``roles`` says for every kept figure how it was used (counted, part of, restates)."""
    indicators = sel.indicators if indicators is None else indicators
    kept_ids = figures.figure_id[usable(figures, sel, indicators, classes=classes)]
    links = _Links(figures, kept_ids)
    rows = links.rows
    children: dict[str, list[tuple[str, str]]] = defaultdict(list)
    tops, orphans = [], defaultdict(list)
    roles = {fid: ("restates", rep) for fid, rep in links.restated.items()}
    for fid in links.kept():
        where, ref, kind = links.place(fid)
        if where in ("child", "inside"):
            children[ref].append((fid, kind))
            roles[fid] = (f"part of ({kind})", ref)
        elif where == "orphan":
            orphans[ref].append(fid)
            roles[fid] = ("counted: sex part of a total left out", ref)
        else:
            tops.append(fid)
            roles[fid] = ("counted", "")
    memo: dict = {}
    units = []
    for fid in tops:
        counts = _sex_counts(fid, rows, children, memo)
        people = max(float(rows.at[fid, "value"]), counts[0] + counts[1])
        units.append(_unit(fid, [fid], _members(fid, children), rows, people, counts, True))
    for parent, fids in orphans.items():
        counts = _add([_sex_counts(f, rows, children, memo) for f in fids])
        members = [m for f in fids for m in _members(f, children)]
        units.append(_unit(parent, fids, members, rows, counts[0] + counts[1], counts, False))
    order = {fid: i for i, fid in enumerate(figures.figure_id)}
    table = pd.DataFrame(units, columns=list(UNIT_COLUMNS))
    table = table.sort_values("unit_id", key=lambda s: s.map(order)).reset_index(drop=True)
    role_table = pd.DataFrame([(fid, role, ref) for fid, (role, ref) in roles.items()],
                              columns=["figure_id", "role", "of"])
    role_table = role_table.sort_values("figure_id", key=lambda s: s.map(order)).reset_index(drop=True)
    return table, role_table


def _unit(unit_id, fids, members, rows, people, counts, total_printed) -> dict:
    first = rows.loc[fids[0]]
    female, male, girls, boys, female_stated, male_stated = counts
    status = rows.loc[members, "status"]
    statuses = sorted(set(status) - {"ok"})
    disputed = rows.loc[members, "disagrees_with"] != ""
    return dict(unit_id=unit_id, figure_ids=" ".join(fids), actor=first.actor, report_period=first.report_period,
                indicator=first.indicator, reach_kind=first.reach_kind,
                reach_class=vocab.reach_class(first.indicator, first.reach_kind), theme=first.theme,
                programme=first.programme, implementer=first.implementer, scope=first.scope, period=first.period,
                region=first.region, sex=first.sex if total_printed and first.sex in ("female", "male") else "all",
                total_printed=total_printed, bound="bound" in statuses,
                qualifier=first.qualifier if total_printed else "exact", statuses=" ".join(statuses),
                flagged_members=" ".join(f"{fid}:{s}" for fid, s in zip(members, status) if s != "ok")
                + "".join(f" {fid}:disputed" for fid, d in zip(members, disputed) if d),
                disputed=bool(disputed.any()), members=" ".join(members),
                female_stated=bool(female_stated), male_stated=bool(male_stated),
                people=people, female=female, male=male, sex_unknown=people - female - male,
                girls=girls, boys=boys)


def largest_households(figures: pd.DataFrame, sel: Selection) -> dict[str, float]:
    """Actor -> its largest household figure kept by the selection (households are not people)."""
    rows = figures[usable(figures, sel, figures.indicator.unique(), unit="households")]
    return rows.groupby("actor").value.max().to_dict()
