"""Words of the cleaning report: its key facts as sentences, and the findings with their quotes."""
from __future__ import annotations

import pandas as pd

from helpers.cleaning.findings import STATUSES


def summary_sentences(clean: pd.DataFrame, log: pd.DataFrame) -> list[str]:
    """Key facts of the cleaning run, as sentences generated from the data."""
    counts = clean.status.value_counts()
    n = len(clean)
    parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES if counts.get(s, 0))
    out = [f"{n} figures were read from {clean.doc.nunique()} documents: {parts}."]
    flagged = clean.status.isin(("inconsistent", "ambiguous")).sum()
    out.append(f"{flagged} figure(s) ({flagged / n:.0%}) are inconsistent or ambiguous and are "
               "left out of the analyses unless a reader asks for them.")
    repaired = clean[clean.status == "repaired"]
    if len(repaired):
        out.append("Repaired: " + "; ".join(
            f"{r.figure_id} printed {r.value_raw!r}, read as {r.value:,.10g}"
            for r in repaired.itertuples()) + ".")
    warnings = log[log.severity == "warning"]
    if len(warnings):
        top = warnings.check.value_counts()
        out.append(f"{len(warnings)} warning(s) from the checks: "
                   + ", ".join(f"{k.replace('_', ' ')} ({v})" for k, v in top.items()) + ".")
    worst_doc = (clean.status.isin(("inconsistent", "ambiguous", "repaired"))
                 .groupby(clean.doc).mean().sort_values(ascending=False))
    if len(worst_doc) and worst_doc.iloc[0] > 0:
        out.append(f"The most damaged document is {worst_doc.index[0]}: {worst_doc.iloc[0]:.0%} "
                   "of its figures were repaired or flagged.")
    return out


def findings_with_quotes(log: pd.DataFrame, clean: pd.DataFrame) -> pd.DataFrame:
    """One row per (finding, figure) with the quote, for readers to check each finding."""
    quotes = clean.set_index("figure_id")
    rows = []
    for f in log.itertuples(index=False):
        for fid in f.figure_ids.split():
            q = quotes.loc[fid]
            rows.append(dict(check=f.check, severity=f.severity, message=f.message,
                             action=f.action, figure_id=fid, status=q.status,
                             printed=q.value_raw, quote=q.quote, doc=q.doc))
    return pd.DataFrame(rows)
