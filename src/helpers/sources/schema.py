"""Declared schema of the hand-annotated figures table.

Validation is lazy (all problems at once) and the error names each failing
figure id and column, so an annotator can fix a file in one pass."""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa

from helpers.sources import manifest, vocab


class FiguresSchemaError(ValueError):
    """figures.csv breaks the schema; the message lists row, figure id and problem."""


def _vocab(values, *, optional: bool = False) -> pa.Column:
    allowed = list(values) + ([""] if optional else [])
    shown = ", ".join(repr(v) for v in allowed)
    return pa.Column(str, pa.Check.isin(allowed, error=f"not one of {shown}"), nullable=False)


def _optional_id() -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(r"^(|[A-Z]+-\d{3})$"))


def _id_list() -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(r"^(|[A-Z]+-\d{3}( [A-Z]+-\d{3})*)$",
                                              error="figure ids separated by single spaces"))


# Columns whose values come from a vocabulary of data/raw/vocabulary.csv ('' allowed where optional).
VOCAB_COLUMNS = {
    "unit": ("unit", False), "currency": ("currency", True), "indicator": ("indicator", False),
    "reach_kind": ("reach_kind", False), "theme": ("theme", False), "region": ("region", True),
    "sex": ("sex", True), "age_group": ("age_group", True), "part_kind": ("part_kind", True),
    "money_kind": ("money_kind", True), "doubt": ("doubt", True), "scope": ("scope", True),
}


def figures_schema(documents: Mapping[str, tuple[str, str]]) -> pa.DataFrameSchema:
    """The schema for ``documents`` (file -> (prefix, actor)); vocabularies from the data."""
    columns = {
        "figure_id": pa.Column(str, [pa.Check.str_matches(r"^[A-Z]+-\d{3}$")], unique=True),
        "doc": _vocab(documents),
        "quote": pa.Column(str, pa.Check(lambda s: s.str.strip() != "", error="empty quote")),
        "occurrence": pa.Column(int, pa.Check.ge(1), coerce=True),
        "value_raw": pa.Column(str, pa.Check(lambda s: s.str.strip() != "", error="empty value_raw")),
        "actor": _vocab(sorted({actor for _, actor in documents.values()})),
        "parent_id": _optional_id(),
        "same_as": _optional_id(),
        "disagrees_with": _id_list(),
    }
    columns |= {col: _vocab(vocab.values(name), optional=optional) for col, (name, optional) in VOCAB_COLUMNS.items()}
    return pa.DataFrameSchema(columns, strict=False)


def _documents() -> dict[str, tuple[str, str]]:
    return {file: (prefix, actor) for file, prefix, actor in
            zip(manifest.manifest().file, manifest.manifest().prefix, manifest.manifest().actor)}


# Rules across columns, checked row by row so each failure names its row; ``docs`` maps a
# document to its (prefix, actor).
ROW_RULES = (
    (lambda r, docs: r.value_raw in r.quote, "value_raw is not part of quote"),
    (lambda r, docs: (r.unit == "money") == (r.currency != ""), "currency is given exactly for unit=money"),
    (lambda r, docs: (r.unit == "money") == (r.money_kind != ""), "money_kind is given exactly for unit=money"),
    (lambda r, docs: (r.parent_id == "") == (r.part_kind == ""), "parent_id and part_kind go together"),
    (lambda r, docs: r.figure_id.split("-")[0] == docs.get(r.doc, ("", ""))[0],
     "figure_id prefix matches the document (its prefix in sources.csv)"),
    (lambda r, docs: r.doc not in docs or r.actor == docs[r.doc][1], "actor is the document's actor in sources.csv"),
    (lambda r, docs: r.parent_id != r.figure_id, "a figure is not its own parent"),
    (lambda r, docs: r.unit != "people" or (r.sex != "" and r.age_group != ""),
     "sex and age_group are given for every people figure"),
    (lambda r, docs: r.doubt == "" or r.notes.strip() != "", "a doubt is explained in notes"),
    (lambda r, docs: r.disagrees_with == "" or r.notes.strip() != "", "a disagreement is explained in notes"),
    (lambda r, docs: r.figure_id not in r.disagrees_with.split(), "a figure does not disagree with itself"),
)


def _row_problems(df: pd.DataFrame, docs: Mapping[str, tuple[str, str]]) -> list[str]:
    # The rows itertuples(index=False) would give, built from column lists (much faster on text columns).
    Row = namedtuple("Pandas", df.columns, rename=True)
    out = []
    for i, row in enumerate(map(Row._make, zip(*(df[c].tolist() for c in df.columns)))):
        out += [f"row {i + 2} (figure {row.figure_id}): rule broken: {msg}"
                for rule, msg in ROW_RULES if not rule(row, docs)]
    return out


def _dangling_links(df: pd.DataFrame) -> list[str]:
    ids = set(df.figure_id)
    out = []
    for col in ("parent_id", "same_as"):
        for fid, ref in df.loc[(df[col] != "") & ~df[col].isin(ids), ["figure_id", col]].values:
            out.append(f"figure {fid}: {col} {ref!r} does not exist")
    for fid, refs in zip(df.figure_id, df.disagrees_with):
        out += [f"figure {fid}: disagrees_with {ref!r} does not exist" for ref in refs.split() if ref not in ids]
    return out


def _describe(err: pa.errors.SchemaErrors, df: pd.DataFrame) -> list[str]:
    lines = []
    for case in err.failure_cases.itertuples(index=False):
        idx = case.index
        if idx is not None and not pd.isna(idx) and int(idx) in df.index:
            fid = df.at[int(idx), "figure_id"]
            where = f"row {int(idx) + 2} (figure {fid})"  # +2: header line, 1-based
        else:
            where = "table"
        col = case.column if isinstance(case.column, str) else ""
        lines.append(f"{where}: column {col or '?'}: value {case.failure_case!r}: {case.check}")
    return lines


def validate_figures(df: pd.DataFrame, source: str = "figures.csv",
                     documents: Mapping[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """Return the validated table or raise FiguresSchemaError listing every problem.
    ``documents`` (file -> (prefix, actor)) defaults to the manifest's."""
    df = df.reset_index(drop=True)
    documents = _documents() if documents is None else documents
    problems: list[str] = []
    try:
        validated = figures_schema(documents).validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        problems += _describe(err, df)
        validated = df
    problems += _row_problems(df, documents) + _dangling_links(df)
    if problems:
        raise FiguresSchemaError(f"{source}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return validated
