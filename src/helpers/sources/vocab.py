"""Controlled vocabularies of the figures dataset, read from data/raw/vocabulary.csv.

One table for every allowed value, with a label for readers, a group (the unit group of
a unit, the reach class of an indicator or reach kind, the role of a money kind, the
country of a region) and its meaning (documented in docs/data_dictionary.md). A new
unit, indicator or place is a row of data: the schema, the cleaning, the analyses and
the reports all read it from here, so they cannot drift apart."""
from __future__ import annotations

import functools

import pandas as pd

from helpers import paths
from helpers.sources.tables import InputError, read_table

VOCABULARIES = ("unit", "indicator", "reach_kind", "theme", "sex", "age_group", "part_kind", "money_kind",
                "currency", "region", "place_alias", "doubt", "scope", "exclusion_reason")
# What an indicator or a reach kind says about the people it counts (its group in the table).
REACH_CLASSES = {
    "direct": "people the programme reached directly (reached, trained, sensitised, members, leaders)",
    "target": "people the programme plans to reach",
    "context": "population of the areas covered, in need, affected, at risk or displaced: context, not reach",
    "workforce": "staff and volunteers of the organisations",
}
MONEY_ROLES = ("cost", "value")


@functools.cache
def table() -> pd.DataFrame:
    """The vocabulary table, checked: known vocabularies, no value twice, known groups."""
    path = paths.VOCABULARY
    vocab = read_table(path, required=("vocabulary", "value", "label", "group", "meaning"))
    lines = vocab.attrs["lines"]
    allowed_groups = {"indicator": set(REACH_CLASSES), "reach_kind": set(REACH_CLASSES),
                      "money_kind": set(MONEY_ROLES)}
    seen = set()
    for i, (name, value, group) in enumerate(zip(vocab.vocabulary, vocab.value, vocab.group)):
        if name not in VOCABULARIES:
            raise InputError(path, lines[i], f"unknown vocabulary {name!r}; one of {', '.join(VOCABULARIES)}")
        if not value.strip():
            raise InputError(path, lines[i], f"empty value in vocabulary {name!r}")
        if (name, value) in seen:
            raise InputError(path, lines[i], f"{name} {value!r} is listed twice")
        seen.add((name, value))
        if name in allowed_groups and group and group not in allowed_groups[name]:
            raise InputError(path, lines[i], f"group {group!r} of {name} {value!r} is not one of "
                                             f"{', '.join(sorted(allowed_groups[name]))}")
    return vocab


@functools.cache
def _by(name: str) -> dict[str, tuple[str, str, str]]:
    rows = table()[table().vocabulary == name]
    return {v: (label, group, meaning) for v, label, group, meaning in
            zip(rows.value, rows.label, rows.group, rows.meaning)}


def values(name: str) -> tuple[str, ...]:
    """The allowed values of a vocabulary, in table order."""
    return tuple(_by(name))


def label(name: str, value: str) -> str:
    """A value in words for readers ('drr_climate' -> 'disaster risk reduction and climate');
    the value itself when the vocabulary does not know it."""
    return _by(name).get(value, (value, "", ""))[0]


def group(name: str, value: str) -> str:
    return _by(name).get(value, ("", "", ""))[1]


def meaning(name: str, value: str) -> str:
    return _by(name).get(value, ("", "", ""))[2]


def with_group(name: str, wanted: str) -> tuple[str, ...]:
    """The values of a vocabulary whose group is ``wanted`` (e.g. indicators of direct reach)."""
    return tuple(v for v, (_, g, _) in _by(name).items() if g == wanted)


def reach_class(indicator: str, reach_kind: str) -> str:
    """What a people figure counts: 'direct', 'target', 'context', 'workforce' or '' (not people
    reached at all). Context or target on either column wins: 'people reached' that are
    'affected' are context, 'people reached' that are 'targeted' a target, and population
    context whose reach kind is 'none' (nobody reached) stays context; otherwise a reach kind
    of 'none' means the figure is not about reaching anyone."""
    classes = {group("indicator", indicator), group("reach_kind", reach_kind)}
    for wanted in ("context", "target", "workforce"):
        if wanted in classes:
            return wanted
    return "direct" if "direct" in classes and reach_kind != "none" else ""


def country_of(region: str) -> str:
    """The country a region belongs to ('' for 'multiple', 'outside …' and unknown places)."""
    return group("region", region)


def is_national(region: str) -> bool:
    """A region value that names a whole country ('Mali')."""
    return bool(region) and country_of(region) == region
