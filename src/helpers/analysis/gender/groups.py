"""Women among leaders, members and trainees: counted groups with Wilson intervals, and the
shares of women the reports print without a count."""
from __future__ import annotations

import math
import re

import pandas as pd

from helpers.analysis.gender.selection import LEADERSHIP_INDICATORS, Selection, usable


def label(note: str, width: int = 100) -> str:
    """A short name for a group: the first clause of the figure's annotation note, without
    the 'share of women among ...' wording of percentages."""
    first = note.split(". ")[0].split("; ")[0].split(" (")[0].strip().rstrip(".")
    first = re.sub(r"^[Ss]hare of (women among )?(the )?|,? who are women$", "", first)
    first = first[:1].upper() + first[1:]
    return first if len(first) <= width else first[:width - 1].rstrip() + "…"


def wilson_interval(successes: float, n: float, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval of a share: how far chance alone could move a share of so few people."""
    from statsmodels.stats.proportion import (
        proportion_confint,  # heavy: only where a share is shown
    )

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
    (women ÷ group size: the share of the group the report says are women), plus the shares
    the reports print without a count. Groups of one sex by design (a women's committee) are
    not here: their share is not a finding. Men are missing where the report does not state
    them. Shares of groups smaller than ``min_group_size`` are blank."""
    notes = figures.set_index("figure_id").notes
    groups = units[units.indicator.isin(LEADERSHIP_INDICATORS) & (units.sex == "all") & units.female_stated
                   & (units.total_printed | units.male_stated)]
    printed = shares.drop_duplicates("parent_id").set_index("parent_id").women_share
    rows = []
    for u in groups.itertuples():
        shown = u.people >= min_group_size
        low, high = wilson_interval(u.female, u.people) if shown else (math.nan, math.nan)
        counted = "women and men counted" if u.male_stated else "women counted, men not stated"
        rows.append(dict(actor=u.actor, group=label(notes[u.unit_id]), figure_ids=u.figure_ids,
                         indicator=u.indicator, theme=u.theme, people=u.people, women=u.female,
                         men=u.male if u.male_stated else math.nan, sex_unknown=u.sex_unknown,
                         women_share=u.female / u.people if shown else math.nan,
                         share_ci_low=low, share_ci_high=high, printed_share=printed.get(u.unit_id, math.nan),
                         basis=counted if shown else f"{counted}; fewer than {min_group_size} people"))
    for s in shares[~shares.parent_id.isin(set(groups.unit_id))].itertuples():
        rows.append(dict(actor=s.actor, group=label(s.note), figure_ids=s.figure_id, indicator=s.indicator,
                         theme=s.theme, people=math.nan, women=math.nan, men=math.nan,
                         sex_unknown=math.nan, women_share=s.women_share, share_ci_low=math.nan,
                         share_ci_high=math.nan, printed_share=s.women_share,
                         basis="printed percentage; number of people not stated"))
    return pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
