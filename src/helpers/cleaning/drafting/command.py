"""``python -m helpers draft DOC``: write the draft of a document's annotation for review.

Two files in data/interim/: ``draft_<doc-stem>.csv``, the drafted figure rows (the columns of
figures.csv plus ``confidence``), and ``draft_<doc-stem>_exclusions.csv``, the numbers that
are not figures as rows of coverage_exclusions.csv. The researcher checks each row, fills
what the draft leaves to them (said at the end of the output) and moves the rows into the two
tables. Cells the text does not settle are left empty, so the schema check below fills them
with placeholders and reports only the problems that remain."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.cleaning.drafting.draft import doc_actor, doc_prefix, draft, rows
from helpers.cleaning.drafting.exclusion_rows import exclusion_rows
from helpers.files import write_outputs
from helpers.sources import manifest, vocab
from helpers.sources.coverage import load_exclusions
from helpers.sources.figures import COLUMNS, load_raw_figures
from helpers.sources.schema import FiguresSchemaError, validate_figures

INTERIM = paths.DATA / "interim"
FIGURE_DRAFT_COLUMNS = (*COLUMNS, "confidence")
# Cells a reviewer must fill where the draft leaves them empty, and what the draft never does.
TO_FILL = ("unit", "indicator", "reach_kind", "theme", "period")
NEVER_DONE = (
    "check every row against the text: value, unit, sex, age, indicator, reach kind, money kind",
    "link activities listed under a headline to it (parent_id, part_kind=subset); the draft links only "
    "parts a sentence names (including, of whom, brackets, 'X% women', 'Of these')",
    "set programme where the document has several (empty: the document's own), region where a figure has "
    "its own place, and mark shared programmes (scope=shared)",
    "mark population context and partners the wording did not reveal",
    "write notes: for group rows (bodies, trainings) a short label first, the report prints it as the group name",
    "review the exclusions' contexts and notes, then run: python -m helpers check --doc DOC",
)
# A valid value for each cell that may be left empty on purpose, for the schema check only.
_PLACEHOLDERS = {"unit": "items", "indicator": "outputs", "reach_kind": "none", "theme": "general",
                 "actor": ""}


def schema_problems(draft_rows: pd.DataFrame, figures: pd.DataFrame) -> list[str]:
    """Schema problems of the drafted figures (with the annotated ones, so links resolve),
    ignoring cells left empty on purpose."""
    filled = draft_rows[draft_rows.exclude_reason == ""].loc[:, list(COLUMNS)].copy()
    for column, value in _PLACEHOLDERS.items():
        filled.loc[filled[column] == "", column] = value
    money = filled.unit == "money"
    filled.loc[money & (filled.currency == ""), "currency"] = vocab.values("currency")[0]
    filled.loc[money & (filled.money_kind == ""), "money_kind"] = vocab.values("money_kind")[0]
    actors = manifest.doc_actor()
    filled.loc[filled.actor == "", "actor"] = filled.doc.map(actors).fillna("")
    people = filled.unit == "people"
    for column in ("sex", "age_group"):
        filled.loc[people & (filled[column] == ""), column] = "all"
    filled.loc[(filled.parent_id != "") & (filled.part_kind == ""), "part_kind"] = "subset"
    both = pd.concat([figures.astype({"occurrence": int}), filled], ignore_index=True)
    try:
        validate_figures(both, source="draft")
    except FiguresSchemaError as err:
        return str(err).splitlines()[1:]
    return []


def resolve(doc: str) -> Path:
    path = Path(doc)
    if not path.is_file():
        path = paths.RAW_REPORTS / doc
    if not path.is_file():
        raise SystemExit(f"draft: {doc}: no such file (give a file name in {paths.RAW_REPORTS} or a path)")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m helpers draft", description=__doc__.split("\n\n")[0])
    ap.add_argument("doc", help="a file name in data/raw/reports/ or a path to a text")
    ap.add_argument("--all", dest="everything", action="store_true",
                    help="draft every number, as if the document had no annotation yet")
    ap.add_argument("--prefix", help="figure-id prefix (default: the document's, from the manifest)")
    ap.add_argument("--actor", help="actor column (default: the actor of the document's annotated figures)")
    ap.add_argument("--out", type=Path, help=f"output file (default {INTERIM.relative_to(paths.ROOT)}/draft_<stem>.csv)")
    ap.add_argument("--figures", type=Path, default=paths.FIGURES)
    ap.add_argument("--exclusions", type=Path, default=paths.COVERAGE_EXCLUSIONS)
    args = ap.parse_args(argv)
    path = resolve(args.doc)
    text = path.read_text(encoding="utf-8")
    figures = load_raw_figures(args.figures, validate=False)
    exclusions = load_exclusions(args.exclusions)
    prefix = args.prefix or doc_prefix(path.name)
    if not prefix:
        raise SystemExit(f"draft: {path.name} has no figure-id prefix in the manifest; give one with --prefix")
    result = draft(path.name, text, figures, exclusions, everything=args.everything, prefix=prefix)
    table = rows(result, args.actor or doc_actor(path.name, figures))
    drafted = table[table.exclude_reason == ""]
    excluded = exclusion_rows(result.doc, result.text, result.items)
    out = args.out or INTERIM / f"draft_{path.stem}.csv"
    out_exclusions = out.with_name(f"{out.stem}_exclusions.csv")
    write_outputs({out.name: drafted.loc[:, list(FIGURE_DRAFT_COLUMNS)], out_exclusions.name: excluded}, out.parent)
    print(f"{out}: {len(drafted)} figure row(s) for figures.csv (drop the confidence column)")
    print(f"{out_exclusions}: {len(excluded)} exclusion row(s) for coverage_exclusions.csv "
          f"({int((table.exclude_reason != '').sum())} number(s))")
    for problem in result.problems:
        print(f"annotation: {problem}")
    problems = schema_problems(table, figures)
    print(f"schema of the cells the draft filled: {len(problems)} problem(s)")
    for line in problems[:20]:
        print(f"  {line}")
    empty = [f"{column} {n}" for column in TO_FILL if (n := int((drafted[column] == "").sum()))]
    print("not ready: the draft is a starting point. Left to you:")
    if empty:
        print(f"  - fill the empty cells (rows): {', '.join(empty)}")
    for step in NEVER_DONE:
        print(f"  - {step.replace('DOC', path.name)}")
    return 0
