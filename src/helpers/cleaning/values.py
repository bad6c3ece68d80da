"""Checks of single values: percentages against their counts, impossible values,
annotator doubts, and stated counts against the items listed below them."""
from __future__ import annotations

import re

import pandas as pd

from helpers.cleaning.findings import Finding
from helpers.cleaning.rows import Rows, fmt


def check_percentages(frame: pd.DataFrame) -> list[Finding]:
    """A printed share must match its count over the total it is a share of.

    The percentage's ``parent_id`` is the denominator; the numerator is the sibling
    count with the same sex and age. Truncation (64.516 printed 64.51) is accepted
    but noted."""
    rows = Rows(frame)
    out = []
    unit, parent_of = rows.col("unit"), rows.col("parent_id")
    sex_of, age_of = rows.col("sex"), rows.col("age_group")
    value_list, precision_list = rows.col("value").tolist(), rows.col("precision").tolist()
    for k, pid in enumerate(rows.ids):
        total = parent_of[k]
        if unit[k] != "percent" or total == "" or total not in rows:
            continue
        nums = [fid for fid in rows.children(total) if unit[rows.pos[fid]] != "percent"
                and sex_of[rows.pos[fid]] == sex_of[k] and age_of[rows.pos[fid]] == age_of[k]]
        value = value_list[k]
        if len(nums) != 1 or pd.isna(value) or not rows.get(total, "value"):
            continue
        nid = nums[0]
        actual = 100 * rows.get(nid, "value") / rows.get(total, "value")
        gap = abs(actual - value)
        unit_ = precision_list[k]
        msg = f"{pid} prints {value:g}% for {nid}/{total} = {actual:.4g}%"
        if gap <= unit_ / 2 + 1e-9:
            continue
        if gap <= unit_ + 1e-9:
            out.append(Finding("percent_vs_counts", "info", (pid, nid, total),
                               msg + ": truncated rather than rounded"))
        else:
            out.append(Finding("percent_vs_counts", "warning", (pid, nid, total), msg,
                               action="flagged inconsistent", statuses={pid: "inconsistent"}))
    return out


def check_plausibility(frame: pd.DataFrame) -> list[Finding]:
    """Impossible values: a part above its total, a share above 100%, money in a count."""
    rows = Rows(frame)
    out = []
    columns = [rows.col(c).tolist() for c in ("unit", "value", "currency_printed", "parent_id", "exact")]
    for fid, unit, value, currency_printed, parent, exact in zip(rows.ids, *columns):
        if unit == "percent" and pd.notna(value) and not 0 <= value <= 100:
            out.append(Finding("plausibility", "warning", (fid,), f"{fid} is a share of {value:g}%",
                               action="flagged inconsistent", statuses={fid: "inconsistent"}))
        if currency_printed and unit != "money":
            out.append(Finding("plausibility", "warning", (fid,),
                               f"{fid} prints a currency ({currency_printed}) but counts {unit}",
                               action="flagged inconsistent", statuses={fid: "inconsistent"}))
        if (parent in rows and unit != "percent" and rows.get(parent, "unit") == unit
                and pd.notna(value) and value > rows.get(parent, "value")
                and exact and rows.get(parent, "exact")):
            out.append(Finding("plausibility", "warning", (parent, fid),
                               f"part {fid} ({fmt(value)}) is larger than its total "
                               f"{parent} ({fmt(rows.get(parent, 'value'))})",
                               action="flagged inconsistent",
                               statuses={parent: "inconsistent", fid: "inconsistent"}))
    return out


def check_annotated_doubts(frame: pd.DataFrame) -> list[Finding]:
    """Doubts the annotator recorded where no arithmetic can test the figure (a table
    column that looks shifted, a value implausible as printed, an unclear unit)."""
    doubted = frame.loc[frame.doubt != "", ["doubt", "notes"]]
    return [Finding("annotator_doubt", "warning", (fid,),
                    f"{fid}: the annotator doubts this figure ({doubt.replace('_', ' ')}): {notes}",
                    action="flagged inconsistent; excluded from analyses by default",
                    statuses={fid: "inconsistent"})
            for fid, doubt, notes in zip(doubted.index, doubted.doubt, doubted.notes)]


_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")


def listed_items(text: str, after: int) -> list[str]:
    """The bullet items that directly follow offset ``after`` (blank lines skipped)."""
    items = []
    for line in text[after:].split("\n")[1:]:
        m = _BULLET.match(line)
        if m:
            items.append(m.group(1))
        elif line.strip() and items:
            break
        elif line.strip():
            return []
    return items


def check_listed_counts(frame: pd.DataFrame, texts: dict[str, str]) -> list[Finding]:
    """A stated count followed by a list must match the items listed."""
    if "quote_start" not in frame:
        return []
    out = []
    columns = [frame[c].tolist() for c in ("quote_start", "quote", "doc", "value")]
    for fid, start, quote, doc, value in zip(frame.index, *columns):
        if start < 0 or not quote.rstrip().endswith(":"):
            continue
        items = listed_items(texts.get(doc, ""), start + len(quote))
        if not items or len(items) == value:
            continue
        out.append(Finding("listed_count", "warning", (fid,),
                           f"{fid} states {fmt(value)} but the list below it has "
                           f"{len(items)} items (an organisation can appear more than once)",
                           action="flagged inconsistent", statuses={fid: "inconsistent"}))
    return out
