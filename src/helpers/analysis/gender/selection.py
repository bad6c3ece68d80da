"""Which figures the gender analysis uses: what counts as reach, the selection of actors,
themes and report period, and the statuses that count.

What a figure counts comes from the vocabulary (data/raw/vocabulary.csv): its indicator and
reach kind put it in a reach class. Only direct reach (reached, trained, sensitised,
members, leaders) enters the counts by default; population context (covered by plans, in
need, affected, at risk, displaced) is shown apart and enters only when a context indicator
is selected; targets are reported beside reach, never added to it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers.parameters import Rule, non_empty
from helpers.sources import manifest, vocab

# Bodies and trainings whose share of women readers ask for.
LEADERSHIP_INDICATORS = ("members", "leaders", "people_trained")
# Statuses used by default: bounds and estimates enter at their printed value, labelled.
ALWAYS_USED = ("ok", "repaired", "bound")
FLAGGED = ("inconsistent", "ambiguous")
# A gender parity index (women per man) in this band is usually read as parity,
# i.e. a share of women between PARITY_SHARES.
PARITY_BAND = (0.97, 1.03)
PARITY_SHARES = tuple(g / (1 + g) for g in PARITY_BAND)
# A share of women speaks for a group's reach only when the figures counting both sexes hold at
# least this share of the people it counts; below, it describes a few activities, not the reach.
REPRESENTS = 0.5


def reach_indicators() -> tuple[str, ...]:
    """Indicators of direct reach: the default of the ``indicators`` parameter."""
    return vocab.with_group("indicator", "direct")


def context_indicators() -> tuple[str, ...]:
    return vocab.with_group("indicator", "context")


def target_indicators() -> tuple[str, ...]:
    return vocab.with_group("indicator", "target")


def indicator_choices() -> tuple[str, ...]:
    return reach_indicators() + context_indicators()


@dataclass(frozen=True)
class Selection:
    """Which figures an analysis uses; empty ``actors`` means every actor in the data, empty
    ``themes`` or ``period`` all of them."""

    actors: tuple[str, ...] = field(default_factory=manifest.actors)
    indicators: tuple[str, ...] = field(default_factory=reach_indicators)
    themes: tuple[str, ...] = ()
    period: str = ""
    include_flagged: bool = False

    @classmethod
    def from_params(cls, params: dict) -> Selection:
        return cls(tuple(params["actors"]) or manifest.actors(), tuple(params["indicators"]),
                   tuple(params["themes"]), params["period"], params["include_flagged"])

    @property
    def classes(self) -> tuple[str, ...]:
        """Reach classes counted: direct, and context when a context indicator is selected."""
        with_context = any(i in context_indicators() for i in self.indicators)
        return ("direct", "context") if with_context else ("direct",)


def reach_classes(figures: pd.DataFrame) -> pd.Series:
    """The reach class of every figure (see helpers.sources.vocab.reach_class)."""
    return pd.Series([vocab.reach_class(i, k) for i, k in zip(figures.indicator, figures.reach_kind)],
                     index=figures.index)


def period_choices() -> list[str]:
    """'' (all) and every period a source report covers (sources.csv), the periods by which
    the tables are split."""
    return ["", *sorted(set(manifest.manifest().period_covered) - {""})]


def empty_selection(figures: pd.DataFrame, sel: Selection) -> str:
    """Why the selection leaves no people figure of the actors to analyse ('' if it leaves some):
    the filters are applied in turn, so the reason names the one that emptied it."""
    rows = figures[(figures.unit == "people") & figures.actor.isin(sel.actors) & (figures.status != "duplicate")]
    who = ", ".join(sel.actors)
    if rows.empty:
        return f"the sources give no counts of people for {who}"
    for name, column, wanted in (("period", "report_period", (sel.period,) if sel.period else ()),
                                 ("themes", "theme", sel.themes)):
        if wanted and not rows[column].isin(wanted).any():
            labels = ", ".join(vocab.label("theme", w) if name == "themes" else w for w in wanted)
            return f"no counts of people of {who} for the {name} chosen ({labels})"
        if wanted:
            rows = rows[rows[column].isin(wanted)]
    return ""


def usable(figures: pd.DataFrame, sel: Selection, indicators: Sequence[str], unit: str = "people",
           classes: Sequence[str] | None = None) -> pd.Series:
    """Figures of ``unit`` and ``indicators`` the selection keeps: duplicates never, flagged
    statuses only when asked for, only with a usable value, and (for people) only of the
    reach ``classes`` (the selection's by default)."""
    statuses = ALWAYS_USED + (FLAGGED if sel.include_flagged else ())
    mask = ((figures.unit == unit) & figures.indicator.isin(indicators) & figures.actor.isin(sel.actors)
            & figures.status.isin(statuses) & figures.value.notna())
    if unit == "people":
        mask &= reach_classes(figures).isin(sel.classes if classes is None else classes)
    if sel.themes:
        mask &= figures.theme.isin(sel.themes)
    if sel.period:
        mask &= figures.report_period == sel.period
    return mask


# What the gender notebook's parameters may be (declared in its parameters cell).
RULES = {
    "actors": Rule(choices=manifest.actors),
    "indicators": Rule(choices=indicator_choices, validator=non_empty),
    "themes": Rule(choices=lambda: vocab.values("theme")),
    "period": Rule(choices=period_choices),
    "min_group_size": Rule(choices=range(1, 1_000_001)),
}


def actor_periods(sel: Selection) -> dict[str, list[str]]:
    """Actor -> the periods its source reports cover (the rows of the per-actor tables),
    restricted to the selected period (an actor without a report of that period gets a row of
    that period, which says it has no figures)."""
    out: dict[str, list[str]] = {actor: [sel.period] if sel.period else [] for actor in sel.actors}
    for actor, period in zip(manifest.manifest().actor, manifest.manifest().period_covered):
        if actor in out and not sel.period and period not in out[actor]:
            out[actor].append(period)
    return {a: sorted(p) for a, p in out.items()}
