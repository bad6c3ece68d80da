"""Gender-disaggregated reach: whom each actor reached, how many were women and girls,
and how much the sources let us tell at all.

The clean figures are turned into *reach units*: the figures that count people without
being a part of another counted figure. A unit's women, men, girls and boys come from
its sex parts (or from a listed split whose pieces carry a sex); whatever the parts leave
over stays "sex not stated" and is never shared out. Units of one actor may count the same
people (the women trained are often the women sensitised), so unique people lie between
the largest unit and the sum of the units: both are kept, the sum is never called unique.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import vocab
from helpers.figures import load_raw_figures

# Indicators counting people a programme actually reached (the reach analysis).
REACH_INDICATORS = ("people_reached", "people_trained", "people_sensitized",
                    "people_covered_by_plans", "members", "leaders")
# People a programme plans to reach: reported beside reach, never added to it.
TARGET_INDICATOR = "people_targeted"
# People figures that are not programme reach at all.
NOT_REACH = {"population_context": "people in need, affected or displaced in the country (context)",
             "workforce": "staff and volunteers of the implementing organisations"}
# Bodies and trainings whose share of women the issue asks for.
LEADERSHIP_INDICATORS = ("members", "leaders", "people_trained")
ALWAYS_USED = ("ok", "repaired")
FLAGGED = ("inconsistent", "ambiguous", "bound")
CHILD_AGES = ("children", "adolescents")
# A gender parity index (women per man) in this band is usually read as parity,
# i.e. a share of women between PARITY_SHARES.
PARITY_BAND = (0.97, 1.03)
PARITY_SHARES = tuple(g / (1 + g) for g in PARITY_BAND)
# Parts of a total whose pieces do not overlap, so their sex counts can be added.
DISJOINT_PARTS = ("breakdown", "location", "age")
UNIT_COUNTS = ("people", "female", "male", "sex_unknown", "girls", "boys")


@dataclass(frozen=True)
class Selection:
    """Which figures an analysis uses; empty ``themes`` or ``period`` mean all."""

    actors: tuple[str, ...] = vocab.ACTORS
    indicators: tuple[str, ...] = REACH_INDICATORS
    themes: tuple[str, ...] = ()
    period: str = ""
    include_flagged: bool = False

    @classmethod
    def from_params(cls, params: dict) -> Selection:
        return cls(tuple(params["actors"]), tuple(params["indicators"]), tuple(params["themes"]),
                   params["period"], params["include_flagged"])


# --- inputs --------------------------------------------------------------------------------


def _gender_universe(figures: pd.DataFrame, indicators: Iterable[str]) -> pd.Series:
    """Rows this analysis can use at all: people counts of the indicators (and targets),
    and percentages of women or men; duplicates never."""
    people = (figures.unit == "people") & figures.indicator.isin([*indicators, TARGET_INDICATOR])
    shares = (figures.unit == "percent") & figures.sex.isin(("female", "male"))
    return (people | shares) & (figures.status != "duplicate")


def period_choices() -> list[str]:
    """'' (all periods) and every period with people or women's-share figures, from the
    annotated figures (present in a fresh clone, before any cleaning has run)."""
    raw = load_raw_figures(validate=False).assign(status="")
    periods = raw.period[_gender_universe(raw, REACH_INDICATORS)]
    return ["", *sorted(set(periods) - {""})]


def check_selection(figures: pd.DataFrame, sel: Selection, notebook: str = "02_gender_reach") -> None:
    """Stop with the valid choices when the parameters leave no figure to analyse; the filters
    are applied in turn so the message names the one that emptied the selection."""
    from helpers.catalog import ParameterError  # the catalog imports this module

    rows = figures[_gender_universe(figures, REACH_INDICATORS) & figures.actor.isin(sel.actors)]
    steps = (("period", "period", (sel.period,) if sel.period else ()),
             ("themes", "theme", sel.themes), ("indicators", "indicator", sel.indicators))
    for name, column, wanted in steps:
        if not wanted:
            continue
        keep = rows[column].isin(wanted)
        if name == "indicators":  # targets and printed shares do not depend on it
            keep |= (rows.unit == "percent") | (rows.indicator == TARGET_INDICATOR)
        if not keep.any():
            valid = [repr(v) for v in sorted(set(rows[column]) - {"", TARGET_INDICATOR, "share"})]
            if name == "period":
                valid.insert(0, "'' (all periods)")
            raise ParameterError(notebook, name, f"no figures of {', '.join(sel.actors)} for "
                                 f"{', '.join(map(repr, wanted))}", ", ".join(valid) or "none")
        rows = rows[keep]


def usable(figures: pd.DataFrame, sel: Selection, indicators: Sequence[str], unit: str = "people") -> pd.Series:
    """Figures of ``unit`` and ``indicators`` the selection keeps: duplicates never,
    flagged statuses only when asked for, and only with a usable value."""
    statuses = ALWAYS_USED + (FLAGGED if sel.include_flagged else ())
    mask = ((figures.unit == unit) & figures.indicator.isin(indicators) & figures.actor.isin(sel.actors)
            & figures.status.isin(statuses) & figures.value.notna())
    if sel.themes:
        mask &= figures.theme.isin(sel.themes)
    if sel.period:
        mask &= figures.period == sel.period
    return mask


# --- reach units ---------------------------------------------------------------------------


def _measures(figures: pd.DataFrame) -> dict[str, str]:
    """figure_id -> id of the first statement of its measure (``same_as`` chains joined)."""
    root = {fid: fid for fid in figures.figure_id}

    def find(fid: str) -> str:
        while root[fid] != fid:
            root[fid] = root[root[fid]]
            fid = root[fid]
        return fid

    order = {fid: i for i, fid in enumerate(figures.figure_id)}
    for fid, same in zip(figures.figure_id, figures.same_as):
        if same in root:
            a, b = sorted((find(fid), find(same)), key=order.get)
            root[b] = a
    return {fid: find(fid) for fid in figures.figure_id}


class _Links:
    """Parent links between the statements the analysis keeps.

    A kept figure stands for its whole measure: it inherits the parent link of a dropped
    restatement (the precise narrative 3,841 is the table's rounded 4,000, a subset of
    the headline), and a parent that was restated points to the kept statement."""

    def __init__(self, figures: pd.DataFrame, kept: Iterable[str]):
        self.rows = figures.set_index("figure_id")
        self.measure = _measures(figures)
        self.members: dict[str, list[str]] = defaultdict(list)
        for fid in figures.figure_id:
            self.members[self.measure[fid]].append(fid)
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
        """(parent id, part_kind) from the figure or, failing that, another statement of its measure."""
        own = [fid] + [f for f in self.members[self.measure[fid]] if f != fid]
        for f in own:
            parent = self.rows.at[f, "parent_id"]
            if parent and self.measure.get(parent) != self.measure[fid]:
                return parent, self.rows.at[f, "part_kind"]
        return "", ""

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
                memo: dict[str, tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """(female, male, girls, boys) known for a figure: all of it when the figure itself has a
    sex; else from its sex parts or from its disjoint parts (recursively), whichever states
    the sex of more people. The two are never added: they describe the same people."""
    if fid in memo:
        return memo[fid]
    row = rows.loc[fid]
    value, child = float(row.value), row.age_group in CHILD_AGES
    if row.sex == "female":
        counts = (value, 0.0, value if child else 0.0, 0.0)
    elif row.sex == "male":
        counts = (0.0, value, 0.0, value if child else 0.0)
    else:
        options = []
        for kinds in (("sex",), DISJOINT_PARTS):
            parts = [_sex_counts(c, rows, children, memo) for c, k in children.get(fid, ()) if k in kinds]
            options.append(tuple(map(sum, zip(*parts))) if parts else (0.0,) * 4)
        counts = max(options, key=lambda o: o[0] + o[1])
    memo[fid] = counts
    return counts


UNIT_COLUMNS = ("unit_id", "figure_ids", "actor", "indicator", "reach_kind", "theme", "programme",
                "implementer", "period", "region", "sex", "total_printed", "bound", *UNIT_COUNTS)


def reach_units(figures: pd.DataFrame, sel: Selection,
                indicators: Sequence[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """People counted once per statement: (units, roles).

    ``units`` has one row per figure that is not part of another kept figure (plus one per
    group of sex parts whose total was left out, e.g. flagged), with its people and their
    sex: ``female + male + sex_unknown == people``. ``roles`` says for every kept figure
    how it was used (counted, part of, restates), for the appendix."""
    indicators = sel.indicators if indicators is None else indicators
    kept_ids = figures.figure_id[usable(figures, sel, indicators)]
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
        female, male, girls, boys = _sex_counts(fid, rows, children, memo)
        people = max(float(rows.at[fid, "value"]), female + male)
        units.append(_unit(fid, [fid], rows, people, female, male, girls, boys, True))
    for parent, fids in orphans.items():
        counts = [_sex_counts(f, rows, children, memo) for f in fids]
        female, male, girls, boys = map(sum, zip(*counts))
        units.append(_unit(parent, fids, rows, female + male, female, male, girls, boys, False))
    order = {fid: i for i, fid in enumerate(figures.figure_id)}
    table = pd.DataFrame(units, columns=list(UNIT_COLUMNS))
    table = table.sort_values("unit_id", key=lambda s: s.map(order)).reset_index(drop=True)
    role_table = pd.DataFrame([(fid, role, ref) for fid, (role, ref) in roles.items()],
                              columns=["figure_id", "role", "of"])
    role_table = role_table.sort_values("figure_id", key=lambda s: s.map(order)).reset_index(drop=True)
    return table, role_table


def _unit(unit_id, fids, rows, people, female, male, girls, boys, total_printed) -> dict:
    first = rows.loc[fids[0]]
    return dict(unit_id=unit_id, figure_ids=" ".join(fids), actor=first.actor, indicator=first.indicator,
                reach_kind=first.reach_kind, theme=first.theme, programme=first.programme,
                implementer=first.implementer, period=first.period, region=first.region,
                sex=first.sex if total_printed else "all", total_printed=total_printed,
                bound=bool((rows.loc[fids, "status"] == "bound").any()),
                people=people, female=female, male=male, sex_unknown=people - female - male,
                girls=girls, boys=boys)


# --- metrics -------------------------------------------------------------------------------


def female_share(female: float, male: float, min_group_size: int = 1) -> float:
    """Women and girls among people of known sex, F / (F + M); NaN below ``min_group_size``."""
    known = female + male
    return female / known if known and known >= min_group_size else math.nan


def parity_index(female: float, male: float, min_group_size: int = 1) -> float:
    """Gender parity index F / M; NaN where no men are counted or the group is too small."""
    return female / male if male and female + male >= min_group_size else math.nan


def is_parity(index: float) -> bool:
    return PARITY_BAND[0] <= index <= PARITY_BAND[1]


def group_note(female: float, male: float, people: float, bounds: int, min_group_size: int) -> str:
    """What a reader must know before reading a group's share and parity index ('' if nothing)."""
    known = female + male
    notes = []
    if not known:
        notes.append("no sex-disaggregated data")
    elif known < min_group_size:
        notes.append(f"fewer than {min_group_size} people of known sex: no share shown")
    else:
        if not male:
            notes.append("no men counted: no parity index")
        if known / people < 0.5:
            notes.append(f"sex stated for only {fmt_share(known / people)} of the people counted")
    if bounds:
        notes.append(f"{bounds} figure(s) are lower bounds")
    return "; ".join(notes)


SUMMARY_COLUMNS = (
    "figures", "figures_with_sex", "bound_figures", "people_low", "largest_figure", "largest_indicator",
    "people_high", "people_female", "people_male", "people_sex_unknown", "people_women", "people_girls",
    "people_men", "people_boys", "female_share", "female_share_low", "female_share_high", "parity_index",
    "parity_index_mixed", "disaggregation_coverage", "figure_coverage", "note")
COUNT_COLUMNS = [c for c in SUMMARY_COLUMNS if c.startswith(("figures", "bound", "people_"))]


def summarise(units: pd.DataFrame, by: Sequence[str], min_group_size: int) -> pd.DataFrame:
    """Reach by sex per group of units (see the module docstring for the definitions).

    ``people_low`` is the largest unit (unique people are at least that many) and
    ``people_high`` the sum of units (at most that many, unless the sources' own figures
    overlap with parts they do not state); the sex columns add up to ``people_high``."""
    rows = []
    for key, g in units.groupby(list(by), sort=False, dropna=False):
        f, m, u = g.female.sum(), g.male.sum(), g.sex_unknown.sum()
        high = g.people.sum()
        largest = g.loc[g.people.idxmax()]
        mixed = g[(g.female > 0) & (g.male > 0)]
        with_sex = int(((g.female + g.male) > 0).sum())
        rows.append(dict(zip(by, key if isinstance(key, tuple) else (key,))) | dict(
            figures=len(g), figures_with_sex=with_sex, bound_figures=int(g.bound.sum()),
            people_low=largest.people, largest_figure=largest.unit_id, largest_indicator=largest.indicator,
            people_high=high, people_female=f, people_male=m,
            people_sex_unknown=u, people_women=f - g.girls.sum(), people_girls=g.girls.sum(),
            people_men=m - g.boys.sum(), people_boys=g.boys.sum(),
            female_share=female_share(f, m, min_group_size),
            female_share_low=f / high if high else math.nan,
            female_share_high=(f + u) / high if high else math.nan,
            parity_index=parity_index(f, m, min_group_size),
            parity_index_mixed=parity_index(mixed.female.sum(), mixed.male.sum(), min_group_size),
            disaggregation_coverage=(f + m) / high if high else math.nan,
            figure_coverage=with_sex / len(g),
            note=group_note(f, m, high, int(g.bound.sum()), min_group_size)))
    table = pd.DataFrame(rows, columns=[*by, *SUMMARY_COLUMNS])
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].astype("int64")  # people are whole numbers
    return table


def by_actor(units: pd.DataFrame, actors: Sequence[str], min_group_size: int) -> pd.DataFrame:
    """One row per selected actor, in the given order, including actors without any unit
    (zero counts, and a ``note`` saying so)."""
    table = summarise(units, ["actor"], min_group_size).set_index("actor").reindex(list(actors))
    empty = table.figures.isna()
    text = ["largest_figure", "largest_indicator", "note"]
    table[text] = table[text].fillna("")
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].fillna(0).astype("int64")
    shares = [c for c in SUMMARY_COLUMNS if c not in (*text, *COUNT_COLUMNS)]
    table[shares] = table[shares].astype(float)
    table.loc[empty, "note"] = "no figures in the sources for this selection, so no sex-disaggregated data"
    return table.reset_index()


# --- women among leaders and trainees ------------------------------------------------------


def label(note: str, width: int = 100) -> str:
    """A short name for a group: the first clause of the figure's annotation note, without
    the 'share of women among ...' wording of percentages."""
    first = note.split(". ")[0].split("; ")[0].split(" (")[0].strip().rstrip(".")
    first = re.sub(r"^[Ss]hare of (women among )?(the )?|,? who are women$", "", first)
    first = first[:1].upper() + first[1:]
    return first if len(first) <= width else first[:width - 1].rstrip() + "…"


def wilson_interval(successes: float, n: float, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval of a share: how far chance alone could move a share of so few people."""
    # statsmodels is imported where used: the catalog imports this module before any analysis
    from statsmodels.stats.proportion import proportion_confint

    if not n:
        return math.nan, math.nan
    low, high = proportion_confint(successes, n, alpha=alpha, method="wilson")
    return float(low), float(high)


def printed_shares(figures: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """Percentages of women (or of men, turned into women's share where the report prints no
    women's share beside it) kept by the selection: figure_id, actor, parent_id, women_share."""
    rows = figures[usable(figures, sel, figures.indicator.unique(), unit="percent")
                   & figures.sex.isin(("female", "male"))]
    women_parents = set(rows.parent_id[(rows.sex == "female") & (rows.parent_id != "")])
    rows = rows[(rows.sex == "female") | ~rows.parent_id.isin(women_parents) | (rows.parent_id == "")]
    share = rows.value / 100
    return pd.DataFrame(dict(
        figure_id=rows.figure_id, actor=rows.actor, theme=rows.theme, indicator=rows.indicator,
        parent_id=rows.parent_id, women_share=share.where(rows.sex == "female", 1 - share),
        note=rows.notes)).reset_index(drop=True)


GROUP_COLUMNS = ("actor", "group", "figure_ids", "indicator", "theme", "people", "women", "men",
                 "sex_unknown", "women_share", "share_ci_low", "share_ci_high", "printed_share", "basis")


def women_share_groups(units: pd.DataFrame, shares: pd.DataFrame, figures: pd.DataFrame,
                       min_group_size: int) -> pd.DataFrame:
    """Women's share in each body or training of known size that states how many women it had
    (women ÷ group size; the rest of the group is not stated to be women), plus the shares the
    reports print without a count. Shares of groups smaller than ``min_group_size`` are blank."""
    notes = figures.set_index("figure_id").notes
    groups = units[units.indicator.isin(LEADERSHIP_INDICATORS) & (units.sex == "all")
                   & ((units.female + units.male) > 0)
                   & (units.total_printed | ((units.female > 0) & (units.male > 0)))]
    printed = shares.drop_duplicates("parent_id").set_index("parent_id").women_share
    rows = []
    for u in groups.itertuples():
        shown = u.people >= min_group_size
        low, high = wilson_interval(u.female, u.people) if shown else (math.nan, math.nan)
        rows.append(dict(actor=u.actor, group=label(notes[u.unit_id]), figure_ids=u.figure_ids,
                         indicator=u.indicator, theme=u.theme, people=u.people, women=u.female,
                         men=u.male, sex_unknown=u.sex_unknown,
                         women_share=u.female / u.people if shown else math.nan,
                         share_ci_low=low, share_ci_high=high, printed_share=printed.get(u.unit_id, math.nan),
                         basis="counts" if shown else f"counts; fewer than {min_group_size} people"))
    counted = set(groups.unit_id)
    for s in shares[~shares.parent_id.isin(counted)].itertuples():
        rows.append(dict(actor=s.actor, group=label(s.note), figure_ids=s.figure_id, indicator=s.indicator,
                         theme=s.theme, people=math.nan, women=math.nan, men=math.nan,
                         sex_unknown=math.nan, women_share=s.women_share, share_ci_low=math.nan,
                         share_ci_high=math.nan, printed_share=s.women_share,
                         basis="printed percentage; number of people not stated"))
    return pd.DataFrame(rows, columns=list(GROUP_COLUMNS))


# --- statistics ----------------------------------------------------------------------------


MODEL_COLUMNS = ("term", "level", "reference", "units", "women", "men", "pooled_share", "share_min",
                 "share_max", "odds_ratio", "or_ci_low", "or_ci_high", "p_value")


@dataclass(frozen=True)
class ShareModel:
    """A quasi-binomial GLM of women's share (women vs men counted) in mixed-sex units.

    ``dispersion`` is Pearson chi-square / residual df: 1 if the units varied only as much as
    chance would make them, far above 1 when activities differ for reasons of their own; the
    intervals are widened by its square root. ``left_out`` lists the terms and levels with too
    few figures; ``reason`` says why no model was fitted ('' when one was)."""

    table: pd.DataFrame
    units: int
    dispersion: float
    left_out: str
    reason: str = ""

    @property
    def fitted(self) -> bool:
        return not self.table.empty


def fit_share_model(units: pd.DataFrame, terms: Sequence[str] = ("actor", "reach_kind"),
                    min_units: int = 2) -> ShareModel:
    """Odds of a counted person being a woman, by each term with at least two levels of
    ``min_units`` mixed-sex units; units in thinner levels are left out (said in ``note``)."""
    import numpy as np
    import statsmodels.api as sm

    data = units[(units.female > 0) & (units.male > 0)].copy()
    dropped, kept_terms = [], []
    for term in terms:
        sizes = data[term].value_counts()
        thick = sizes[sizes >= min_units].index
        if len(thick) >= 2:
            thin = data[~data[term].isin(thick)]
            dropped += [f"{term} {level!r} ({n} figure{'s' * (n > 1)})"
                        for level, n in thin[term].value_counts().items()]
            data = data[data[term].isin(thick)]
            kept_terms.append(term)
        elif len(sizes):
            dropped.append(f"term {term} (fewer than two levels with {min_units} mixed-sex figures)")
    empty = pd.DataFrame(columns=list(MODEL_COLUMNS))
    left_out = ", ".join(dropped)
    if not kept_terms:
        return ShareModel(empty, len(data), math.nan, left_out, "too few mixed-sex figures")
    design = pd.DataFrame(index=data.index)
    references = {}
    for term in kept_terms:
        order = data.groupby(term)[["female", "male"]].sum().sum(axis=1).sort_values(ascending=False).index
        references[term] = order[0]
        for level in order[1:]:
            design[f"{term}={level}"] = (data[term] == level).astype(float)
    design = sm.add_constant(design, has_constant="add")
    if len(data) <= design.shape[1]:
        return ShareModel(empty, len(data), math.nan, left_out, "no residual degrees of freedom")
    fit = sm.GLM(np.column_stack([data.female, data.male]), design,
                 family=sm.families.Binomial()).fit(scale="X2")
    ci = fit.conf_int()
    rows = []
    for term in kept_terms:
        for level, g in data.groupby(term, sort=False):
            col = f"{term}={level}"
            ref = level == references[term]
            shares = g.female / (g.female + g.male)
            rows.append(dict(term=term, level=level, reference=references[term], units=len(g),
                             women=g.female.sum(), men=g.male.sum(),
                             pooled_share=g.female.sum() / (g.female.sum() + g.male.sum()),
                             share_min=shares.min(), share_max=shares.max(),
                             odds_ratio=1.0 if ref else math.exp(fit.params[col]),
                             or_ci_low=math.nan if ref else math.exp(ci.loc[col, 0]),
                             or_ci_high=math.nan if ref else math.exp(ci.loc[col, 1]),
                             p_value=math.nan if ref else float(fit.pvalues[col])))
    table = pd.DataFrame(rows, columns=list(MODEL_COLUMNS))
    return ShareModel(table, len(data), float(fit.pearson_chi2 / fit.df_resid), left_out)


# --- traceability --------------------------------------------------------------------------


def appendix(figures: pd.DataFrame, uses: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure used, with its printed value and verbatim quote. ``uses`` maps an analysis
    name ('reach', 'targets', "women's share") to a table of figure_id, role and of."""
    used = pd.concat([t.assign(analysis=name) for name, t in uses.items()], ignore_index=True)
    cols = ["figure_id", "actor", "value_raw", "value", "status", "quote"]
    table = used.merge(figures[cols], on="figure_id", how="left")
    order = {fid: i for i, fid in enumerate(figures.figure_id)}
    table = table.sort_values("figure_id", key=lambda s: s.map(order), kind="stable")
    return table[["figure_id", "actor", "analysis", "role", "of", "status", "value_raw", "value", "quote"]
                 ].reset_index(drop=True)


def left_out(figures: pd.DataFrame, sel: Selection, used_ids: Iterable[str]) -> pd.DataFrame:
    """People figures of the selected actors, themes and period that no analysis used, and why."""
    used = set(used_ids)
    rows = figures[(figures.unit == "people") & figures.actor.isin(sel.actors)
                   & ~figures.figure_id.isin(used)]
    if sel.themes:
        rows = rows[rows.theme.isin(sel.themes)]
    if sel.period:
        rows = rows[rows.period == sel.period]

    def reason(r) -> str:
        if r.status == "duplicate":
            return "restates another figure"
        if r.indicator in NOT_REACH:
            return f"not reach: {NOT_REACH[r.indicator]}"
        if r.indicator not in (*sel.indicators, TARGET_INDICATOR):
            return "indicator not selected"
        if r.status in FLAGGED and not sel.include_flagged:
            return f"flagged ({r.status}); include_flagged is off"
        return "no usable value"

    reasons = [reason(r) for r in rows.itertuples()]
    return rows.assign(reason=reasons)[["figure_id", "actor", "indicator", "status", "value_raw",
                                        "reason", "quote"]].reset_index(drop=True)


# --- sentences -----------------------------------------------------------------------------


def fmt_count(x: float) -> str:
    return f"{x:,.0f}"


def fmt_share(x: float) -> str:
    """A share as a percentage: two significant digits near 0% or 100%, never rounded to either."""
    if math.isnan(x):
        return "n/a"
    if not 0 < x < 1:
        return f"{x * 100:.0f}%"
    near = round(min(x, 1 - x), 12)  # 1 - 0.9 is 0.0999...: not a near-100% share
    decimals = 0 if near >= 0.1 else 1 if near >= 0.01 else 2
    text = f"{x * 100:.{decimals}f}"
    while float(text) in (0, 100):
        decimals += 1
        text = f"{x * 100:.{decimals}f}"
    return f"{text}%"


def fmt_range(low: float, high: float) -> str:
    if low == high:
        return f"{fmt_count(low)} people"
    return f"between {fmt_count(low)} and {fmt_count(high)} people"


INDICATOR_WORDS = {"people_reached": "people reached", "people_trained": "people trained",
                   "people_sensitized": "people sensitised", "people_covered_by_plans": "people covered by plans",
                   "members": "members", "leaders": "leaders", TARGET_INDICATOR: "people targeted"}


def _largest(row: pd.Series) -> str:
    """'(largest figure: CARE-003, people covered by plans)' for a range, '' for a single figure."""
    if row.figures < 2:
        return ""
    kind = INDICATOR_WORDS.get(row.largest_indicator, row.largest_indicator)
    return f" (largest figure: {row.largest_figure}, {kind})"


def parity_reading(index: float) -> str:
    if math.isnan(index):
        return "no parity index: no men counted"
    if is_parity(index):
        return "parity"
    return "more women than men" if index > 1 else "fewer women than men"


def actor_sentence(reach: pd.Series, targets: pd.Series | None = None, households: float = 0.0,
                   printed: Sequence[float] = ()) -> str:
    """What the sources let us say about one actor's reach by sex. ``reach`` and ``targets``
    are its rows of :func:`by_actor`; ``households`` and ``printed`` (shares of women) are
    mentioned when the actor gives no counts of people by sex."""
    name = reach.actor
    if not reach.figures_with_sex:
        if not reach.figures:
            text = f"{name}: no counts of people reached in the sources, so no sex-disaggregated data"
        else:
            text = (f"{name}: {fmt_range(reach.people_low, reach.people_high)}{_largest(reach)} counted in "
                    f"{int(reach.figures)} figure(s), with no sex-disaggregated data")
        if targets is not None and targets.figures:
            who = ("all of them women" if targets.people_female == targets.people_high
                   else f"sex stated for {fmt_share(targets.disaggregation_coverage)}")
            text += f"; targets only: {fmt_range(targets.people_low, targets.people_high)} ({who})"
        if households:
            text += f"; it counts households instead ({fmt_count(households)} households, not people)"
        if printed:
            shares = ", ".join(map(fmt_share, printed))
            text += f"; its only statement about sex is a printed share of women ({shares})"
        return text + "."
    text = (f"{name}: {fmt_range(reach.people_low, reach.people_high)}{_largest(reach)} counted in "
            f"{int(reach.figures)} figure(s); sex is stated for {'only ' * (reach.disaggregation_coverage < 0.5)}"
            f"{fmt_share(reach.disaggregation_coverage)} of them")
    known = reach.people_female + reach.people_male
    if reach.disaggregation_coverage < 0.5:
        sexes = ("all women and girls" if not reach.people_male
                 else f"{fmt_share(reach.people_female / known)} women and girls")
        return text + f" ({fmt_count(known)} people, {sexes}), too few to say whom the actor reached."
    if math.isnan(reach.female_share):
        return text + f" ({reach.note})."
    text += f", and women and girls are {fmt_share(reach.female_share)} of those"
    if not math.isnan(reach.parity_index):
        text += f" (parity index {reach.parity_index:.2f}: {parity_reading(reach.parity_index)})"
    return text + "."


def largest_households(figures: pd.DataFrame, sel: Selection) -> dict[str, float]:
    """Actor -> its largest household figure kept by the selection (households are not people)."""
    rows = figures[usable(figures, sel, figures.indicator.unique(), unit="households")]
    return rows.groupby("actor").value.max().to_dict()


def groups_sentence(groups: pd.DataFrame) -> str:
    """Women's share among the bodies and trainings of known size, as one sentence ('' if none)."""
    counted = groups[groups.basis.eq("counts") & groups.women_share.notna()].sort_values("women_share")
    if counted.empty:
        return ""
    lowest, highest = counted.iloc[0], counted.iloc[-1]
    minority = int((counted.women_share < 0.5).sum())
    return (f"Women are fewer than half in {minority} of the {len(counted)} bodies and trainings that "
            f"state how many women they had: from {fmt_share(lowest.women_share)} among "
            f"{_lower_first(lowest.group)} ({lowest.figure_ids}) to {fmt_share(highest.women_share)} among "
            f"{_lower_first(highest.group)} ({highest.figure_ids}).")


def _lower_first(text: str) -> str:
    """'Key actors of the National Police' -> 'key actors of the National Police' (not 'BNDA' -> 'bNDA')."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


REACH_KIND_WORDS = {"trained": "trainings", "sensitized": "awareness-raising", "reached": "other assistance",
                    "members": "bodies (members)", "leaders": "leadership roles",
                    "covered_by_plans": "coverage by plans"}


def _kind(level: str) -> str:
    return REACH_KIND_WORDS.get(level, level)


def model_sentence(model: ShareModel) -> str:
    """The GLM's comparison in words, or why it was not fitted."""
    if not model.fitted:
        return f"No model of women's share was fitted: {model.reason}."
    parts = []
    for row in model.table[model.table.level != model.table.reference].itertuples():
        ref = model.table[(model.table.term == row.term) & (model.table.level == row.reference)].iloc[0]
        parts.append(f"{_kind(row.level)} counted {fmt_share(row.pooled_share)} women (the {row.units} "
                     f"figures range from {fmt_share(row.share_min)} to {fmt_share(row.share_max)}) against "
                     f"{fmt_share(ref.pooled_share)} in {_kind(row.reference)} (odds ratio {row.odds_ratio:.2f}, "
                     f"95% interval {row.or_ci_low:.2f}-{row.or_ci_high:.2f})")
    return (f"In the {model.units} mixed-sex figures, " + "; ".join(parts)
            + f". The figures vary {model.dispersion:.0f} times more than chance alone would make them "
            "(the interval allows for this), and they are reported counts, not samples: read this as a "
            "description of what was reported, not as an effect.")


def summary_sentences(reach: pd.DataFrame, targets: pd.DataFrame, groups: pd.DataFrame,
                      model: ShareModel, households: dict[str, float]) -> list[str]:
    """The key findings, generated from the tables: coverage overall, one sentence per actor,
    women among leaders and trainees, and the model."""
    figures, with_sex = int(reach.figures.sum()), int(reach.figures_with_sex.sum())
    out = []
    if figures:
        out.append(f"Of the {figures} figures counting people reached, {with_sex} ({fmt_share(with_sex / figures)}) "
                   "say anything about the sex of the people counted.")
    printed = groups[groups.basis.str.startswith("printed")].groupby("actor").women_share.apply(list)
    tgt = targets.set_index("actor")
    for _, row in reach.iterrows():
        target = tgt.loc[row.actor] if row.actor in tgt.index else None
        out.append(actor_sentence(row, target, households.get(row.actor, 0.0), printed.get(row.actor, [])))
    out += [s for s in (groups_sentence(groups), model_sentence(model) if figures else "") if s]
    return out


# --- chart data and titles -----------------------------------------------------------------


def sex_composition(table: pd.DataFrame, by: str = "actor") -> pd.DataFrame:
    """Long form for a stacked bar: one row per group and sex (female, male, unknown) with the
    people counted and their share of the group's counted people; groups without people dropped."""
    wide = table[table.people_high > 0].set_index(by)[["people_female", "people_male", "people_sex_unknown"]]
    wide.columns = ["female", "male", "unknown"]
    long = wide.stack().rename("people").rename_axis([by, "sex"]).reset_index()
    long["share"] = long.people / long.groupby(by).people.transform("sum")
    return long


def title_reach_by_sex(actors: pd.DataFrame) -> str:
    counted = actors[actors.people_high > 0].sort_values("disaggregation_coverage", ascending=False)
    if counted.empty:
        return "No counts of people reached for the selected actors"
    best = counted.iloc[0]
    title = f"Sex is stated for {fmt_share(best.disaggregation_coverage)} of the people {best.actor} counts"
    if len(counted) > 1:
        title += f", for at most {fmt_share(counted.disaggregation_coverage.iloc[1])} elsewhere"
    return title


def title_share_vs_parity(table: pd.DataFrame) -> str:
    shown = table.dropna(subset=["female_share"])
    if shown.empty:
        return "No group has enough people of known sex to show a share of women"
    above = int((shown.female_share > PARITY_SHARES[1]).sum())
    below = int((shown.female_share < PARITY_SHARES[0]).sum())
    women_only = int((shown.people_male == 0).sum())
    at = len(shown) - above - below
    return (f"Where sex is stated, women outnumber men in {above} of {len(shown)} groups"
            + (f" ({women_only} of them count no men at all)" if women_only else "")
            + (f"; men outnumber women in {below}" if below else "") + (f"; {at} at parity" if at else ""))


def title_coverage(table: pd.DataFrame) -> str:
    counted = table[table.people_high > 0]
    half = int((counted.disaggregation_coverage >= 0.5).sum())
    return f"Sex is stated for at least half of the people counted in {half} of {len(counted)} actor-theme groups"


def title_groups(groups: pd.DataFrame) -> str:
    shown = groups.dropna(subset=["women_share"])
    minority = int((shown.women_share < 0.5).sum())
    return f"Women are fewer than half in {minority} of the {len(shown)} groups whose share of women is stated"


# --- tables for readers -------------------------------------------------------------------


HEADERS = {
    "figures_with_sex": "figures with sex", "bound_figures": "lower bounds", "people_low": "people (low)",
    "people_high": "people (high)", "people_female": "women and girls", "people_male": "men and boys",
    "people_sex_unknown": "sex not stated", "people_women": "women", "people_girls": "girls",
    "people_men": "men", "people_boys": "boys", "female_share": "women's share",
    "female_share_low": "women's share if unknown are men", "female_share_high": "women's share if unknown are women",
    "parity_index": "parity index", "parity_index_mixed": "parity index (mixed figures)",
    "disaggregation_coverage": "sex stated (people)", "figure_coverage": "sex stated (figures)",
    "women_share": "women's share", "printed_share": "printed share", "sex_unknown": "sex not stated",
    "figure_ids": "figures", "unit_id": "figure", "or_ci_low": "odds ratio 95% low",
    "or_ci_high": "odds ratio 95% high", "pooled_share": "women's share (pooled)",
    "share_min": "lowest figure", "share_max": "highest figure", "p_value": "p", "units": "figures",
}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A table as text for readers: counts with thousands separators, shares as percentages,
    ratios with two decimals, '–' where there is no value, headers in words."""
    out = pd.DataFrame(index=table.index)
    for col in table.columns:
        values = table[col]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            out[col] = values
            continue
        if "share" in col or "coverage" in col:
            fmt = fmt_share
        elif col == "p_value":
            fmt = lambda x: "<0.001" if x < 0.001 else f"{x:.3f}"  # noqa: E731
        elif "parity" in col or col.startswith(("odds", "or_")):
            fmt = lambda x: f"{x:.2f}"  # noqa: E731
        else:
            fmt = fmt_count
        out[col] = [("–" if pd.isna(x) else fmt(float(x))) for x in values]
    return out.rename(columns=lambda c: HEADERS.get(c, c.replace("_", " ")))
