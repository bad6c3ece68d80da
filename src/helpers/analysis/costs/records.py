"""Money records: every amount of the clean figures and of the cited supplementary table,
classified as a cost of a programme or as value to its beneficiaries, with the settings
and inputs the cost analysis shares."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.beneficiaries import (
    DEFAULT_DEFINITIONS,
    DEFINITIONS,
    FLAGGED_STATUSES,
    load_household_sizes,
)
from helpers.cleaning import money
from helpers.parameters import Rule, non_empty
from helpers.sources import manifest, periods, vocab
from helpers.sources.tables import numbers, read_table

# Which kind of count each kind of money may be divided by, most direct kind of money first
# (the headline of an actor is its most direct pair). Kinds of money and their labels are
# vocabulary (data/raw/vocabulary.csv); this is the method.
MATCH_RULES = {
    "expenditure": ("reached", "organisations"),
    "allocation": ("targeted",),
    "funding_requirement": ("targeted",),
    "budget": ("targeted",),
    "funding": ("targeted", "organisations"),
    "funding_reported": ("targeted", "organisations"),
}
COST_KINDS = tuple(MATCH_RULES)
PER_UNITS = ("person", "household", "organisation")
# Two amounts of one actor, currency and kind are the same money when they differ by less than this.
SAME_AMOUNT = 0.005
PLURAL = {"person": "people", "household": "households", "organisation": "organisations"}
# None of the sources says whether its amounts include shared and indirect costs.
COST_BASIS = "not stated"
_LEADING_QUALIFIERS = [  # supplementary amounts are printed in French, Dutch and English
    ("more_than", r"plus d|more than|over|above|ruim|meer dan"),
    ("at_least", r"at least|au moins|minstens"),
    ("approximately", r"about|around|approximately|environ|ongeveer|circa"),
]


@dataclass(frozen=True)
class Settings:
    """The analysis choices (the notebook's parameters). ``household_sizes`` are the cited
    alternatives that give the low and high ends of household-based figures."""

    target_currency: str = "CHF"
    rate_year: int = money.OWN_YEAR
    household_size: float = 6.0  # settings_from resolves the parameter's 0 to the cited median
    household_sizes: tuple[float, ...] = ()
    cost_definitions: tuple[str, ...] = COST_KINDS
    beneficiary_definitions: tuple[str, ...] = DEFAULT_DEFINITIONS
    actors: tuple[str, ...] = field(default_factory=manifest.actors)
    include_flagged: bool = False


@dataclass(frozen=True)
class Unnamed:
    """The programme of a document that names none: an amount and the counts of one document
    that name no programme belong together (they are the document's own programme), and
    never with figures of another document."""

    doc: str


def programme_of(programme: str, doc: str) -> str | Unnamed:
    """The programme a figure belongs to, for pairing: the programme it names, else its
    document's unnamed programme ('' for an amount of no document that names none)."""
    return programme or (Unnamed(doc) if doc else "")


@dataclass(frozen=True)
class Inputs:
    records: pd.DataFrame  # cost_records()
    counts: pd.DataFrame   # beneficiaries.denominators()
    scopes: dict           # programme_scopes()
    rates: pd.DataFrame    # money.load_rates()


def load_supplementary(path: Path = paths.COSTS_SUPPLEMENTARY) -> pd.DataFrame:
    table = read_table(path, required=("supp_id", "actor", "value", "currency", "money_kind", "period"))
    table["value"] = numbers(table, "value", path)
    return table


def amount_qualifier(amount_raw: str) -> str:
    """'plus d'un milliard', 'ruim € 40 miljoen' -> more_than; a plain amount -> exact."""
    text = " ".join(amount_raw.lower().split())
    return next((q for q, words in _LEADING_QUALIFIERS if re.match(rf"(?:{words})\b", text)), "exact")


def _role(kind: str) -> str:
    """'cost' (what a programme spent, received or asked for), 'value' (what beneficiaries
    earned or raised) or 'other', from the money kind's group in the vocabulary."""
    return vocab.group("money_kind", kind) or "other"


def _same_money(records: pd.DataFrame) -> dict[str, str]:
    """Supplementary record id -> the report figure that states the same money (same actor,
    currency and kind, amounts within ``SAME_AMOUNT``): counted once, as the report's."""
    reports = records[records.source == "report"]
    out = {}
    for r in records[records.source == "supplementary"].itertuples():
        same = reports[(reports.actor == r.actor) & (reports.currency == r.currency)
                       & (reports.money_kind == r.money_kind)
                       & ((reports.value - r.value).abs() <= SAME_AMOUNT * max(abs(r.value), 1.0))]
        if len(same):
            out[r.record_id] = same.record_id.iloc[0]
    return out


def _link_programme(actor: str, text: str, figures: pd.DataFrame) -> tuple[str, str]:
    """(programme, region) of the report figures a supplementary row names in its programme
    text; ('', '') if it names none. The region is the programme's, if it has one."""
    own = figures[figures.actor == actor]
    named = [p for p in set(own.programme) - {""} if p.lower() in text.lower()]
    if not named:
        return "", ""
    programme = max(named, key=len)
    regions = set(own.region[own.programme == programme]) - {""}
    return programme, regions.pop() if len(regions) == 1 else ""


def cost_records(figures: pd.DataFrame, supplementary: pd.DataFrame) -> pd.DataFrame:
    """Every money figure of the clean data and of the supplementary table, classified:
    cost (what the programme spent, received, asked for) or value (what beneficiaries
    earned or raised), with currency, period, actor and citation."""
    fig = figures[figures.unit == "money"]
    from_reports = pd.DataFrame({
        "record_id": fig.figure_id, "source": "report", "actor": fig.actor,
        "money_kind": fig.money_kind, "amount_raw": fig.value_raw, "value": fig.value,
        "currency": fig.currency, "qualifier": fig.qualifier, "period": fig.period,
        "programme": fig.programme, "programme_text": fig.programme, "doc": fig.doc,
        "implementer": fig.implementer, "region": fig.region, "status": fig.status,
        "quote": fig.quote, "citation": fig.doc, "notes": fig.notes, "doubt": fig.doubt,
        "disagrees_with": fig.disagrees_with})
    links = [_link_programme(a, t, figures) for a, t in
             zip(supplementary.actor, supplementary.programme)]
    citation = [f"{r.publisher}: {r.source_title}" + (f" ({r.published})" if r.published else "")
                + (f", {r.url}" if r.url else "") for r in supplementary.itertuples()]
    from_supplement = pd.DataFrame({
        "record_id": supplementary.supp_id, "source": "supplementary", "actor": supplementary.actor,
        "money_kind": supplementary.money_kind, "amount_raw": supplementary.amount_raw,
        "value": supplementary.value, "currency": supplementary.currency,
        "qualifier": supplementary.amount_raw.map(amount_qualifier),
        "period": supplementary.period, "programme": [p for p, _ in links],
        "programme_text": supplementary.programme, "doc": "", "implementer": "",
        "region": [r for _, r in links], "status": "", "quote": supplementary.quote,
        "citation": citation, "notes": supplementary.note, "doubt": "", "disagrees_with": ""})
    records = pd.concat([from_reports, from_supplement], ignore_index=True)
    records["definition"] = [vocab.label("money_kind", k) for k in records.money_kind]
    records["role"] = records.money_kind.map(_role)
    records["years"] = records.period.map(periods.years)
    records["flagged"] = records.status.isin(FLAGGED_STATUSES)
    twins = _same_money(records)
    records["same_as"] = [twins.get(i, "") for i in records.record_id]
    records.loc[records.same_as != "", "status"] = "duplicate"
    return records


def programme_scopes(figures: pd.DataFrame) -> dict[tuple[str, str | Unnamed], set[str | Unnamed]]:
    """(actor, programme) -> the programme and its sub-programmes, read from parent links
    that cross programmes (an 'Emergency operations' requirement that is part of the
    'Mali country plan' requirement makes emergency operations part of the plan). A
    programme is ``programme_of`` a figure: figures that name none are their document's."""
    programme = [programme_of(p, d) for p, d in zip(figures.programme, figures.doc)]
    parent_programme = dict(zip(figures.figure_id, programme))
    links = {(a, c, parent_programme.get(p, "")) for a, c, p in zip(figures.actor, programme, figures.parent_id) if p}
    scopes = {(a, p): {p} for a, p in zip(figures.actor, programme)}
    changed = True
    while changed:
        changed = False
        for actor, child, parent in links:
            if parent and child != parent:
                before = len(scopes[(actor, parent)])
                scopes[(actor, parent)] |= scopes[(actor, child)]
                changed |= len(scopes[(actor, parent)]) > before
    return scopes


def build_inputs(figures: pd.DataFrame, supplementary: pd.DataFrame, rates: pd.DataFrame,
                 counts: pd.DataFrame) -> Inputs:
    return Inputs(cost_records(figures, supplementary), counts, programme_scopes(figures), rates)


def check_household_size(size: float) -> None:
    """Parameter validator: 0 (the cited median) or a plausible number of people per household."""
    cited = load_household_sizes().mean_household_size
    if size and not 1 <= size <= 30:
        raise ValueError(f"{size:g} people per household is not plausible; the cited sizes are "
                         f"{cited.min():g} to {cited.max():g} (household_size.csv)")


def settings_from(params: dict, household_sizes) -> Settings:
    """Settings from the notebook's checked parameters."""
    names = {f.name for f in dataclasses.fields(Settings)}
    chosen = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items() if k in names}
    chosen["actors"] = chosen.get("actors") or manifest.actors()  # empty = every actor in the data
    sizes = tuple(float(s) for s in household_sizes)
    if not chosen.get("household_size") and sizes:  # 0 = the median of the cited sizes
        chosen["household_size"] = float(pd.Series(sizes).median())
    return Settings(household_sizes=sizes, **chosen)


# What the cost notebook's parameters may be (declared in its parameters cell).
RULES = {
    **money.RULES,
    "household_size": Rule(validator=check_household_size),
    "cost_definitions": Rule(choices=COST_KINDS, validator=non_empty),
    "beneficiary_definitions": Rule(choices=DEFINITIONS, validator=non_empty),
    "actors": Rule(choices=manifest.actors),
}
