"""The manifest of source documents (data/raw/reports/sources.csv), the actors table
(data/raw/actors.csv) and the texts.

Documents, their actors and figure-id prefixes come from these two tables, not from
code: a new document is a manifest row (``python -m helpers add-source``), a new actor a
row of actors.csv. Every other module asks here."""
from __future__ import annotations

import functools
import re

import pandas as pd

from helpers import paths
from helpers.sources.tables import InputError, read_table

MANIFEST_COLUMNS = ("file", "actor", "prefix", "publisher", "title", "published", "period_covered",
                    "country", "language", "kind", "url", "notes")
ACTOR_COLUMNS = ("actor", "name", "kind", "note")
PREFIX = re.compile(r"^[A-Z]+$")


@functools.cache
def actor_table() -> pd.DataFrame:
    table = read_table(paths.ACTORS, required=ACTOR_COLUMNS)
    twice = table.actor[table.actor.duplicated()]
    if len(twice):
        i = int(twice.index[0])
        raise InputError(paths.ACTORS, table.attrs["lines"][i], f"actor {table.actor[i]!r} is listed twice")
    return table


@functools.cache
def manifest() -> pd.DataFrame:
    """The manifest, checked: one row per file, a known actor, an upper-case prefix of one actor."""
    path = paths.SOURCES_MANIFEST
    table = read_table(path, required=MANIFEST_COLUMNS)
    known = set(actor_table().actor)
    lines = table.attrs["lines"]
    for i, (file, actor, prefix) in enumerate(zip(table.file, table.actor, table.prefix)):
        if not file or "/" in file:
            raise InputError(path, lines[i], f"file {file!r} must be a file name in {paths.RAW_REPORTS.name}/")
        if actor not in known:
            raise InputError(path, lines[i], f"actor {actor!r} of {file} is not in {paths.ACTORS.name} "
                                             f"(known: {', '.join(sorted(known))})")
        if not PREFIX.match(prefix):
            raise InputError(path, lines[i], f"prefix {prefix!r} of {file} must be upper-case letters (e.g. UNW)")
    twice = table.file[table.file.duplicated()]
    if len(twice):
        raise InputError(path, lines[int(twice.index[0])], f"file {twice.iloc[0]!r} is listed twice")
    # documents of one actor may share a prefix (figure ids keep counting); two actors may not
    shared = table.drop_duplicates(["prefix", "actor"]).prefix
    if shared.duplicated().any():
        i = int(shared[shared.duplicated()].index[0])
        raise InputError(path, lines[i], f"prefix {table.prefix[i]!r} is used by two actors")
    return table


def docs() -> tuple[str, ...]:
    return tuple(manifest().file)


def doc_prefix() -> dict[str, str]:
    """Document file name -> the prefix of its figure ids ('UNW' in UNW-061)."""
    return dict(zip(manifest().file, manifest().prefix))


def doc_actor() -> dict[str, str]:
    return dict(zip(manifest().file, manifest().actor))


def report_periods() -> dict[str, str]:
    """Document -> the period its report covers ('' where the manifest states none)."""
    return dict(zip(manifest().file, manifest().period_covered))


def actors() -> tuple[str, ...]:
    """Every actor with a document, in the order of the actors table."""
    present = set(manifest().actor)
    return tuple(a for a in actor_table().actor if a in present)


def read_texts() -> dict[str, str]:
    """Every document listed in the manifest, decoded exactly as stored."""
    return {f: (paths.RAW_REPORTS / f).read_text(encoding="utf-8") for f in manifest()["file"]}
