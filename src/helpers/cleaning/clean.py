"""The cleaning step: parse every printed figure, reconcile, repair, normalise.

``clean_figures`` is pure (frames in, frames out); ``helpers.files.write_outputs``
writes all files or none."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from helpers.cleaning import money, statements, totals, values
from helpers.cleaning.findings import SEVERITIES, Finding, worst
from helpers.cleaning.numbers import parse_number
from helpers.sources import coverage, manifest, vocab

MAX_ROUNDS = 4


def parse_figures(raw: pd.DataFrame) -> pd.DataFrame:
    """Raw figures indexed by figure_id, plus what the parser read from ``value_raw``."""
    # Columns as lists: iterating rows of a frame (itertuples) costs more than the parsing.
    parsed = [parse_number(text, fid) for text, fid in zip(raw["value_raw"].tolist(), raw["figure_id"].tolist())]
    frame = raw.set_index("figure_id", drop=False)
    frame["value_parsed"] = [p.value for p in parsed]
    frame["qualifier"] = [p.qualifier for p in parsed]
    frame["exact"] = [p.qualifier == "exact" for p in parsed]
    frame["malformed"] = [p.malformed or len(p.candidates) > 1 for p in parsed]
    frame["candidates"] = [tuple(p.candidates) or (p.value,) for p in parsed]
    frame["precision"] = [_precision(p.value, p.scale) for p in parsed]
    frame["currency_printed"] = [p.currency or "" for p in parsed]
    frame["form"] = [p.form for p in parsed]
    frame["value"] = frame.value_parsed
    return frame


def _precision(value: float, scale: float) -> float:
    """Unit of the last printed digit: 15.6M -> 100,000; 3,841 -> 1."""
    base = value / (scale or 1)
    decimals = next((d for d in range(7) if abs(round(base, d) - base) < 1e-9), 6)
    return (scale or 1) * 10.0 ** -decimals


def locate_quotes(frame: pd.DataFrame, texts: dict[str, str]) -> pd.Series:
    columns = (frame[c].tolist() for c in ("doc", "quote", "occurrence"))
    return pd.Series([coverage.find_occurrence(texts[doc], quote, int(occurrence))
                      for doc, quote, occurrence in zip(*columns)], index=frame.index)


def check_links(frame: pd.DataFrame) -> None:
    """Stop on a link to a figure that does not exist (the schema checks this too)."""
    for col in ("parent_id", "same_as"):
        bad = frame[(frame[col] != "") & ~frame[col].isin(frame.index)]
        if len(bad):
            fid = bad.index[0]
            raise ValueError(f"figures.csv: figure {fid}: {col} {bad.at[fid, col]!r} does not exist")


def run_checks(frame: pd.DataFrame, texts: dict[str, str],
               repeated: list[Finding] | None = None) -> list[Finding]:
    """Every check, in a fixed order. ``repeated``: the findings of check_repeated_statements,
    if already known (they depend only on quotes and links, which repairs never change)."""
    if repeated is None:
        repeated = statements.check_repeated_statements(frame)
    return (totals.check_cross_totals(frame) + totals.check_parts_total(frame)
            + statements.check_same_measure(frame) + repeated
            + values.check_percentages(frame) + values.check_plausibility(frame)
            + values.check_listed_counts(frame, texts))


def _propagate(frame: pd.DataFrame, repairs: dict[str, float]) -> dict[str, float]:
    """A repair also holds for every other copy of the same statement (same_as, same print)."""
    labels = frame.index.tolist()
    position = {label: k for k, label in enumerate(labels)}
    same_as, printed_all = frame["same_as"].tolist(), frame["value_raw"].tolist()
    by_same_as, by_id = defaultdict(list), defaultdict(list)
    for k, (link, fid) in enumerate(zip(same_as, frame["figure_id"].tolist())):
        by_same_as[link].append(k)
        by_id[fid].append(k)
    extra = {}
    for fid, value in repairs.items():
        printed = printed_all[position[fid]]
        rows = sorted(set(by_same_as.get(fid, [])) | set(by_id.get(same_as[position[fid]], [])))
        twins = [labels[k] for k in rows if printed_all[k] == printed]
        extra.update({t: value for t in twins if t not in repairs})
    return extra


def reconcile_until_stable(frame: pd.DataFrame, texts) -> tuple[pd.DataFrame, list[Finding]]:
    """Apply repairs and re-run the checks until no new repair appears.

    A repair can make another one possible (a repaired cell lets the next cell of a
    table be pinned), so findings are taken from the last round, repairs from all."""
    frame = frame.copy()
    repair_log: list[Finding] = []
    repeated = statements.check_repeated_statements(frame)
    for _ in range(MAX_ROUNDS):
        findings = run_checks(frame, texts, repeated)
        new = {k: v for f in findings for k, v in f.repairs.items()}
        if not new:
            break
        repair_log += [f for f in findings if f.repairs]
        twins = _propagate(frame, new)
        if twins:
            repair_log.append(Finding(
                "same_statement_repair", "info", tuple(twins),
                "the same printed number in another copy of the statement takes the same repair: "
                + ", ".join(f"{t} = {v:,.0f}" for t, v in twins.items()),
                action="repaired " + ", ".join(twins), statuses={t: "repaired" for t in twins},
                repairs=twins))
        for fid, value in {**new, **twins}.items():
            frame.at[fid, "value"] = value
            frame.at[fid, "malformed"] = False
            frame.at[fid, "candidates"] = (value,)
    final = [f for f in findings if not f.repairs]
    return frame, repair_log + final


def _leftover_malformed(frame: pd.DataFrame, findings: list[Finding]) -> list[Finding]:
    """Malformed numbers that no check could test stay ambiguous, with a log entry."""
    seen = {i for f in findings for i in f.figure_ids}
    out = []
    for fid in frame.index[frame.malformed]:
        if fid in seen:
            continue
        readings = ", ".join(f"{c:,.10g}" for c in frame.at[fid, "candidates"])
        out.append(Finding("malformed_number", "warning", (fid,),
                           f"{fid} prints {frame.at[fid, 'value_raw']!r} ({frame.at[fid, 'form'].replace('_', ' ')}); "
                           f"possible readings {readings}, and no total or restatement decides",
                           action="flagged ambiguous; excluded from analyses by default",
                           statuses={fid: "ambiguous"}))
    return out


def _bounds(frame: pd.DataFrame) -> list[Finding]:
    bounds = frame.loc[~frame.exact, ["value_raw", "qualifier"]]
    return [Finding("qualifier", "info", (fid,),
                    f"{fid} is printed as {value_raw!r}: a "
                    f"{qualifier.replace('_', ' ')} figure, not an exact count",
                    action="marked bound", statuses={fid: "bound"})
            for fid, value_raw, qualifier in zip(bounds.index.tolist(), bounds["value_raw"].tolist(),
                                                 bounds["qualifier"].tolist())]


def assign_status(frame: pd.DataFrame, findings: list[Finding]) -> pd.Series:
    proposed: dict[str, list[str]] = {}
    for f in findings:
        for fid, status in f.statuses.items():
            proposed.setdefault(fid, []).append(status)
    return pd.Series([worst(proposed.get(fid, [])) for fid in frame.index], index=frame.index)


def clean_figures(raw: pd.DataFrame, texts: dict[str, str], rates: pd.DataFrame, target_currency: str,
                  rate_year: int, report_periods: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(clean figures, cleaning log) from validated raw figures. ``report_periods`` (document ->
    the period its report covers, from the manifest by default) gives every figure the
    ``report_period`` the analyses split their tables by."""
    frame = parse_figures(raw)
    periods = manifest.report_periods() if report_periods is None else report_periods
    frame["report_period"] = frame.doc.map(periods).fillna("")
    check_links(frame)
    frame["quote_start"] = locate_quotes(frame, texts)
    frame, findings = reconcile_until_stable(frame, texts)
    findings += (_leftover_malformed(frame, findings) + values.check_annotated_doubts(frame)
                 + statements.check_disagreements(frame) + _bounds(frame))
    frame["status"] = assign_status(frame, findings)
    frame.loc[frame.status == "ambiguous", "value"] = np.nan
    frame["unit_group"] = [vocab.group("unit", u) for u in frame.unit]
    target = f"value_{target_currency.lower()}"
    is_money = frame.unit == "money"
    frame[target] = money.convert(frame.value.where(is_money), frame.currency.where(is_money), frame.period,
                                  target_currency, rate_year, rates)
    frame["rate_years"] = [money.describe_years(money.rate_years_for(p, rate_year, rates)) if m else ""
                           for p, m in zip(frame.period, is_money)]
    frame["candidates"] = frame.candidates.map(lambda c: "|".join(f"{x:.10g}" for x in c))
    return _public_columns(frame, target), findings_frame(findings)


def _public_columns(frame: pd.DataFrame, target: str) -> pd.DataFrame:
    first = ["figure_id", "doc", "quote", "value_raw", "value", "unit", "unit_group", "sex",
             "age_group", "actor", "indicator", "status"]
    extra = ["qualifier", "candidates", target, "rate_years", "currency", "reach_kind", "theme", "implementer",
             "programme", "scope", "period", "report_period", "location", "region", "parent_id", "part_kind", "money_kind",
             "same_as", "doubt", "disagrees_with", "occurrence", "value_parsed", "notes"]
    return frame[first + extra].reset_index(drop=True)


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The cleaning log: one row per finding, most severe first."""
    rows = [dict(figure_ids=" ".join(f.figure_ids), check=f.check, severity=f.severity,
                 message=f.message, action=f.action) for f in findings]
    log = pd.DataFrame(rows, columns=["figure_ids", "check", "severity", "message", "action"])
    rank = log.severity.map({s: -i for i, s in enumerate(SEVERITIES)})
    return log.assign(_rank=rank).sort_values(["_rank", "check", "figure_ids"], kind="stable") \
        .drop(columns="_rank").reset_index(drop=True)
