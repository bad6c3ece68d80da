"""The published outputs of the analyses, read back by the pages that summarise them (the
landing page and the actor profiles), so that those pages show exactly what the analyses of
the same run wrote, never a recomputation that could drift from them."""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from helpers.sources.figures import load_clean_figures

# Attribute -> (file, the notebook that writes it).
FILES = {
    "reach": ("gender_reach_by_actor.csv", "02_gender_reach"),
    "targets": ("gender_targets_by_actor.csv", "02_gender_reach"),
    "themes": ("gender_reach_by_theme.csv", "02_gender_reach"),
    "units": ("gender_reach_units.csv", "02_gender_reach"),
    "groups": ("gender_women_share_groups.csv", "02_gender_reach"),
    "context": ("gender_population_context.csv", "02_gender_reach"),
    "gender_used": ("gender_figures_used.csv", "02_gender_reach"),
    "costs": ("cost_per_beneficiary.csv", "03_cost_per_beneficiary"),
    "sensitivity": ("cost_sensitivity.csv", "03_cost_per_beneficiary"),
    "cost_used": ("cost_figures_used.csv", "03_cost_per_beneficiary"),
    "records": ("cost_records.csv", "03_cost_per_beneficiary"),
    "denominators": ("cost_denominators.csv", "03_cost_per_beneficiary"),
}
# Columns that hold text even where pandas would guess numbers or leave NaN.
_TEXT = ("report_period", "period", "low_figures", "flagged_members", "note", "cost_figure_ids",
         "beneficiary_figure_ids", "disputed_by", "trust_issues", "programme", "implementer", "region",
         "figure_ids", "of", "group", "basis", "quote", "value_raw", "printed", "used", "nested_in", "label", "paid_by")


@dataclass(frozen=True)
class Results:
    """One run's analysis outputs and the clean figures they rest on."""

    figures: pd.DataFrame
    reach: pd.DataFrame
    targets: pd.DataFrame
    themes: pd.DataFrame
    units: pd.DataFrame
    groups: pd.DataFrame
    context: pd.DataFrame
    gender_used: pd.DataFrame
    costs: pd.DataFrame
    sensitivity: pd.DataFrame
    cost_used: pd.DataFrame
    records: pd.DataFrame
    denominators: pd.DataFrame

    def for_actor(self, actor: str) -> Results:
        """The same results restricted to one actor (the cost figures used by its pairs)."""
        own = set(self.figures.figure_id[self.figures.actor == actor]) | set(self.records.record_id[
            self.records.actor == actor])
        parts = {f.name: getattr(self, f.name) for f in fields(self)}
        return Results(**{name: (frame[frame.id.isin(own)] if name == "cost_used" else frame[frame.actor == actor])
                          .reset_index(drop=True) for name, frame in parts.items()})


def _read(folder: Path, name: str, notebook: str) -> pd.DataFrame:
    path = folder / name
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run {notebook} first "
                                f"(python -m helpers reports --only {notebook})")
    frame = pd.read_csv(path, dtype={c: str for c in _TEXT})
    for column in set(_TEXT) & set(frame.columns):
        frame[column] = frame[column].fillna("")
    return frame


def load(folder: Path) -> Results:
    """Every output of the gender and cost analyses in ``folder`` (usually data/processed)."""
    folder = Path(folder)
    return Results(figures=load_clean_figures(folder),
                   **{attr: _read(folder, name, notebook) for attr, (name, notebook) in FILES.items()})
