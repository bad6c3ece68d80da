"""Which figures the gender analysis uses: the reach indicators, the selection of actors,
themes and period, and the statuses that count."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.parameters import ParameterError, Rule, non_empty
from helpers.sources import vocab
from helpers.sources.figures import load_raw_figures

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
# A gender parity index (women per man) in this band is usually read as parity,
# i.e. a share of women between PARITY_SHARES.
PARITY_BAND = (0.97, 1.03)
PARITY_SHARES = tuple(g / (1 + g) for g in PARITY_BAND)


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


# What the gender notebook's parameters may be (declared in its parameters cell).
RULES = {
    "actors": vocab.ACTORS_RULE,
    "indicators": Rule(choices=REACH_INDICATORS, validator=non_empty),
    "themes": Rule(choices=vocab.THEMES),
    "period": Rule(choices=period_choices),
    "min_group_size": Rule(choices=range(1, 1_000_001)),
}
