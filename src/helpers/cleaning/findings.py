"""Findings: what a reconciliation check concluded, and what it did about it.

Checks never change data themselves; they return findings, and the cleaning step
applies them, so every change or doubt ends up in the cleaning log with its reason."""
from __future__ import annotations

from dataclasses import dataclass, field

# Status of a figure after cleaning, most serious first; a figure gets the most
# serious status any finding proposes for it.
STATUSES = ("ambiguous", "inconsistent", "duplicate", "repaired", "bound", "ok")
STATUS_MEANING = {
    "ok": "parsed as printed and consistent with every check that applies",
    "repaired": "printed form was malformed or contradicted by the arithmetic, and exactly "
                "one reading satisfies the checks; the cleaned value is that reading",
    "inconsistent": "contradicts a total, its parts, a percentage or another statement of "
                    "the same measure, and no single reading resolves it",
    "duplicate": "restates a measure already counted (a repeated paragraph, a summary table "
                 "or a rounded version); only the other statement counts toward totals",
    "ambiguous": "the printed form admits several readings and the checks do not pick one; "
                 "it has no cleaned value",
    "bound": "a bound or an estimate (at least, over, about, almost ...), not an exact count",
}
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    figure_ids: tuple[str, ...]
    message: str
    action: str = "none"
    statuses: dict[str, str] = field(default_factory=dict)   # figure_id -> proposed status
    repairs: dict[str, float] = field(default_factory=dict)  # figure_id -> repaired value

    def __post_init__(self):
        assert self.severity in SEVERITIES, self.severity
        assert set(self.statuses.values()) <= set(STATUSES), self.statuses


def worst(statuses) -> str:
    """The most serious of several proposed statuses ('ok' if none)."""
    return min(statuses, key=STATUSES.index, default="ok")
