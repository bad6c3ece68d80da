"""The headline rows of each notebook's outputs, for lining up the sets of a sweep.

One small function per notebook, declared on its ``Spec`` (``headlines=``): given the folder
holding a job's data outputs, the rows and columns a reader compares across parameter sets.
Adapt them here when an output's columns change."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def cost_per_beneficiary(folder: Path) -> pd.DataFrame:
    """Each actor's headline cost (or 'no cost data') with its range, currency and rate year."""
    table = _read(folder / "cost_per_beneficiary.csv")
    heads = table[table.headline == "True"]
    return heads[["actor", "measure", "central", "low", "high", "currency", "rate_year", "trust_grade"]]


def gender_reach(folder: Path) -> pd.DataFrame:
    """People counted per actor and report period (low and high) and the share of women and girls."""
    return _read(folder / "gender_reach_by_actor.csv")[["actor", "report_period", "people_low", "people_high",
                                                         "female_share"]]
