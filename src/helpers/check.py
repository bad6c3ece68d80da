"""``python -m helpers check``: everything a run depends on, checked at once.

The manifest against the files of data/raw/reports/ (a file without a manifest row is an
error, as is a row without a file), every checksum, every table read strictly, the glossary,
the schema of figures.csv, the coverage audit (after the schema: it reads the annotation),
the exclusions, the supplementary costs, the rates, and warnings: the annotation conventions
and the acronyms of a document that the glossary does not expand.
Every problem names its file, row and column; the exit code is 1 if there is any error.
``--doc FILE`` prints only the problems of one document's rows and those of whole files,
so that a newcomer sees the rows they annotated; the others are counted, not hidden."""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.sources import checksums, coverage, glossary, inputs, manifest, vocab
from helpers.sources.schema import FiguresSchemaError, validate_figures
from helpers.sources.tables import InputError, read_table

_ROW = re.compile(r"^row (\d+) \(figure ([A-Z]+-\d+)\): (?:column (\w+): )?(.*)$")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    column: str
    message: str
    level: str = "error"
    doc: str = ""  # the document whose rows the problem is about; '' for a whole file or table

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        return f"{where}: {self.level}: " + (f"column {self.column}: " if self.column else "") + self.message


def _rel(path) -> str:
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def _from_input_error(exc: InputError) -> Problem:
    return Problem(_rel(exc.path), exc.line, "", exc.problem)


def check_files() -> list[Problem]:
    """Manifest rows against the files, and the recorded checksums."""
    out = []
    listed = set(manifest.docs())
    present = {p.name for p in paths.RAW_REPORTS.iterdir() if p.is_file()} - {paths.SOURCES_MANIFEST.name}
    lines = dict(zip(manifest.manifest().file, manifest.manifest().attrs.get("lines", [])))
    for name in sorted(present - listed):
        out.append(Problem(_rel(paths.RAW_REPORTS / name), None, "", "not in the manifest (sources.csv): record it "
                           "with python -m helpers add-source, or remove it"))
    for name in sorted(listed - present):
        out.append(Problem(_rel(paths.SOURCES_MANIFEST), lines.get(name), "file", f"{name} is listed but not found"))
    recorded = checksums.recorded_checksums()
    folder = paths.RAW_REPORTS.name
    for name in sorted(listed | {paths.SOURCES_MANIFEST.name}):
        key = f"{folder}/{name}"
        if key not in recorded:
            out.append(Problem(_rel(paths.CHECKSUMS), None, "", f"no checksum recorded for {key}: documents are "
                               "recorded with python -m helpers add-source"))
    for key in sorted(checksums.modified_raw_files()):
        out.append(Problem(_rel(paths.RAW / key), None, "", "its bytes differ from the recorded checksum: raw "
                           "files are never edited (restore it from git, or add a new file with add-source)"))
    return out


def check_glossary() -> list[Problem]:
    """One warning per document whose acronyms have no glossary row (the reports could not
    expand them), with the long form the text gives where it defines one."""
    table = glossary.load()
    out = []
    for doc, text in manifest.read_texts().items():
        missing = glossary.undefined(text, table)
        if not missing:
            continue
        defined = {}
        for short, long in glossary.defined_in(text).items():
            for word in [short, *re.split(r"[\s/-]+", short)]:
                defined.setdefault(word.casefold(), (short, long))
        said = [f"{a} (the text: {defined[a.casefold()][1]} ({defined[a.casefold()][0]}))"
                if a.casefold() in defined else a for a in missing]
        out.append(Problem(_rel(paths.RAW_REPORTS / doc), None, "", f"{len(missing)} acronym(s) without a glossary row: "
                           f"{'; '.join(said)}. Add a row for each to {_rel(glossary.PATH)} (term, expansion, "
                           "meaning, kind, source) so that the reports can expand them", "warning"))
    return out


def check_figures() -> tuple[list[Problem], pd.DataFrame | None]:
    """The schema of figures.csv, every problem on its own line; the validated table if valid."""
    raw = read_table(paths.FIGURES)
    lines = raw.attrs["lines"]
    doc_of = dict(zip(raw.figure_id, raw.doc)) if "doc" in raw else {}
    raw["occurrence"] = raw["occurrence"].replace("", "1")
    try:
        return [], validate_figures(raw, source=_rel(paths.FIGURES))
    except FiguresSchemaError as err:
        out = []
        for text in str(err).splitlines()[1:]:
            text = text.strip()
            m = _ROW.match(text)
            if m:
                row = int(m.group(1))
                line = lines[row - 2] if 0 <= row - 2 < len(lines) else row
                out.append(Problem(_rel(paths.FIGURES), line, m.group(3) or "", f"figure {m.group(2)}: {m.group(4)}",
                                   doc=doc_of.get(m.group(2), "")))
            else:
                out.append(Problem(_rel(paths.FIGURES), None, "", text))
        return out, None


def check_coverage(figures: pd.DataFrame) -> list[Problem]:
    texts = manifest.read_texts()
    problems = coverage.audit(figures, coverage.load_exclusions(), texts)
    return [Problem(_rel(paths.RAW_REPORTS / p.doc), None, "", f"{p.where}: {p.message}", doc=p.doc)
            for p in problems]


def _vocab_column(table: pd.DataFrame, path, column: str, vocabulary: str, known=None) -> list[Problem]:
    allowed = set(known if known is not None else vocab.values(vocabulary))
    lines = table.attrs["lines"]
    # a row of an exclusion table belongs to its document, unless the document is what is wrong
    docs = list(table["doc"]) if "doc" in table and column != "doc" else [""] * len(table)
    return [Problem(_rel(path), lines[i], column, f"{value!r} is not one of {', '.join(sorted(allowed))}",
                    doc=docs[i]) for i, value in enumerate(table[column]) if value not in allowed]


def check_side_tables() -> list[Problem]:
    """Exclusions, supplementary costs and rates: their codes must be in the vocabularies."""
    out = []
    excl = read_table(paths.COVERAGE_EXCLUSIONS)
    out += _vocab_column(excl, paths.COVERAGE_EXCLUSIONS, "reason", "exclusion_reason")
    out += _vocab_column(excl, paths.COVERAGE_EXCLUSIONS, "doc", "", manifest.docs())
    supp = read_table(paths.COSTS_SUPPLEMENTARY)
    out += _vocab_column(supp, paths.COSTS_SUPPLEMENTARY, "actor", "", manifest.actor_table().actor)
    out += _vocab_column(supp, paths.COSTS_SUPPLEMENTARY, "currency", "currency")
    out += _vocab_column(supp, paths.COSTS_SUPPLEMENTARY, "money_kind", "money_kind")
    rates = read_table(paths.EXCHANGE_RATES)
    for column in ("base", "quote"):
        out += _vocab_column(rates, paths.EXCHANGE_RATES, column, "currency")
    from helpers.cleaning import (
        money,  # reads years and rates as numbers, names the line of a bad one
    )
    money.load_rates()
    return out


def check_numbers(figures: pd.DataFrame) -> list[Problem]:
    """Every printed value must parse: the cleaning step would stop at the first that does not."""
    from helpers.cleaning.numbers import NumberParseError, parse_number

    lines = figures.attrs.get("lines") or [None] * len(figures)
    out = []
    for line, fid, doc, raw in zip(lines, figures.figure_id, figures.doc, figures.value_raw):
        try:
            parse_number(raw, fid)
        except NumberParseError as exc:
            out.append(Problem(_rel(paths.FIGURES), line, "value_raw", f"{exc} (value_raw holds the number as "
                               "printed, with its qualifier, currency, scale or %, not its unit)", doc=doc))
    return out


def check_conventions(figures: pd.DataFrame) -> list[Problem]:
    from helpers.cleaning import conventions

    lines = dict(zip(figures.figure_id, figures.attrs.get("lines", []) or [None] * len(figures)))
    docs = dict(zip(figures.figure_id, figures.doc))
    return [Problem(_rel(paths.FIGURES), lines.get(w.figure_id), w.column, f"figure {w.figure_id}: {w.message}",
                    "warning", docs.get(w.figure_id, "")) for w in conventions.warnings(figures)]


def run() -> list[Problem]:
    """Every problem, in the order a run would meet them."""
    try:
        inputs.check_tables()
        vocab.table()
        manifest.manifest()
        glossary.load()
    except InputError as exc:
        return [_from_input_error(exc)]
    out = check_files() + check_glossary()
    try:
        out += check_side_tables()
        schema, figures = check_figures()
    except InputError as exc:
        return out + [_from_input_error(exc)]
    out += schema
    if figures is None:
        out.append(Problem(_rel(paths.FIGURES), None, "", "coverage audit not run: fix the schema problems first"))
        return out
    figures.attrs["lines"] = read_table(paths.FIGURES).attrs["lines"]
    return out + check_numbers(figures) + check_coverage(figures) + check_conventions(figures)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m helpers check", description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-warnings", action="store_true", help="print errors only")
    ap.add_argument("--doc", metavar="FILE", help="only the problems of this document's rows (a file name of "
                    "data/raw/reports/), and those of whole files")
    args = ap.parse_args(argv)
    doc = Path(args.doc).name if args.doc else ""
    if doc and not (paths.RAW_REPORTS / doc).is_file():
        print(f"error: {doc} is not in {_rel(paths.RAW_REPORTS)}/: record it with python -m helpers add-source",
              file=sys.stderr)
        return 2
    problems = run()
    errors = [p for p in problems if p.level == "error"]
    shown = [p for p in problems if not doc or p.doc in ("", doc)]
    for p in shown:
        if p.level == "error" or not args.no_warnings:
            print(p)
    shown_errors = sum(p.level == "error" for p in shown)
    scope = f" for {doc} and whole files" if doc else ""
    print(f"{shown_errors} error(s), {len(shown) - shown_errors} warning(s){scope}")
    if len(shown) < len(problems):
        hidden_errors = len(errors) - shown_errors
        print(f"other documents: {hidden_errors} error(s), {len(problems) - len(shown) - hidden_errors} warning(s) "
              "(run without --doc to see them)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
