"""Words of the cleaning report: its key facts as sentences, and the findings with their quotes."""
from __future__ import annotations

import pandas as pd

from helpers.cleaning.findings import STATUSES
from helpers.reporting.text.formats import plural


def summary_sentences(clean: pd.DataFrame, log: pd.DataFrame, titles: dict[str, str] | None = None) -> list[str]:
    """Key facts of the cleaning run, as sentences generated from the data (``titles``:
    document file -> its title, for naming documents)."""
    titles = titles or {}
    counts = clean.status.value_counts()
    n = len(clean)
    parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES if counts.get(s, 0))
    out = [f"{n} figures were read from {clean.doc.nunique()} documents: {parts}."]
    flagged = clean.status.isin(("inconsistent", "ambiguous")).sum()
    out.append(f"{plural(flagged, 'figure')} ({flagged / n:.0%}) are inconsistent or ambiguous and are "
               "left out of the analyses unless a reader asks for them.")
    repaired = clean[clean.status == "repaired"]
    if len(repaired):
        out.append("Repaired: " + "; ".join(
            f"{r.figure_id} printed {r.value_raw!r}, read as {r.value:,.10g}"
            for r in repaired.itertuples()) + ".")
    warnings = log[log.severity == "warning"]
    if len(warnings):
        top = warnings.check.value_counts()
        out.append(f"{plural(len(warnings), 'warning')} from the checks: "
                   + ", ".join(f"{k.replace('_', ' ')} ({v})" for k, v in top.items()) + ".")
    worst_doc = (clean.status.isin(("inconsistent", "ambiguous", "repaired"))
                 .groupby(clean.doc).mean().sort_values(ascending=False))
    if len(worst_doc) and worst_doc.iloc[0] > 0:
        out.append(f"The most damaged document is {titles.get(worst_doc.index[0], worst_doc.index[0])}: "
                   f"{worst_doc.iloc[0]:.0%} "
                   "of its figures were repaired or flagged.")
    return out


def findings_for_reading(log: pd.DataFrame, clean: pd.DataFrame) -> pd.DataFrame:
    """One row per finding, its figures with their printed values and statuses (each figure
    id links to its quote in context in the appendix), warnings first."""
    figures = clean.set_index("figure_id")
    order = {"error": 0, "warning": 1, "info": 2}
    rows = [dict(severity=f.severity, check=f.check.replace("_", " "),
                 figures="; ".join(f"{fid} printed “{figures.value_raw[fid]}” ({figures.status[fid]})"
                                   for fid in f.figure_ids.split()),
                 message=f.message, action=f.action)
            for f in sorted(log.itertuples(index=False), key=lambda f: order.get(f.severity, 3))]
    return pd.DataFrame(rows, columns=["severity", "check", "figures", "message", "action"])


def read_first(clean: pd.DataFrame) -> list[str]:
    """What a reader must know before using any figure of the register."""
    counts = clean.status.value_counts()
    out = ["A figure is what a document printed, quoted verbatim; the cleaning checks it against the document's own "
           "arithmetic but cannot check it against the world: every figure is the organisation's own report."]
    if counts.get("repaired", 0):
        out.append(f"{plural(counts['repaired'], 'figure')} repaired: the printed form was malformed or "
                   "contradicted by the arithmetic and exactly one reading fits; the printed form is kept beside it.")
    flagged = counts.get("inconsistent", 0) + counts.get("ambiguous", 0)
    if flagged:
        out.append(f"{plural(flagged, 'figure')} flagged inconsistent or ambiguous: the analyses leave them "
                   "out unless a reader asks for them.")
    if counts.get("bound", 0):
        out.append(plural(counts["bound"], "figure printed as a bound or estimate",
                          "figures printed as bounds or estimates") + " ('at least', 'over', 'about'): "
                   "used at their printed value and labelled wherever they enter a result.")
    return out


def status_title(clean: pd.DataFrame) -> str:
    usable = clean.status.isin(("ok", "bound")).mean()
    return (f"{usable:.0%} of the figures are usable as printed; the rest are repaired, restatements counted once, "
            "or flagged")


def status_alt(counts: pd.DataFrame) -> str:
    parts = [f"{doc}: " + ", ".join(f"{n} {status}" for status, n in row.items() if n) for doc, row in counts.iterrows()]
    return "Horizontal stacked bars, one per document, of its figures by cleaning status. " + "; ".join(parts) + "."


def register_sentences(clean: pd.DataFrame, supplementary: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """What the register holds, in a few sentences."""
    counts = clean.status.value_counts()
    parts = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts.get(s, 0))
    used = clean.doc.nunique()
    docs = f"all {len(documents)} documents" if used == len(documents) else f"{used} of the {len(documents)} documents"
    return [f"{len(clean)} figures from {docs} ({parts}), and "
            f"{len(supplementary)} amounts published elsewhere that the cost analysis may use.",
            "Each row gives the sentence or table row the figure comes from, the heading it sits under and the "
            "words around it, the number as printed and as used, and the cleaning status."]


def info_sentence(log: pd.DataFrame) -> str:
    """The informational findings in one sentence: how many of each check, what they did."""
    info = log[(log.severity == "info") & (log.check != "qualifier")]
    if info.empty:
        return "No informational findings."
    counts = info.check.value_counts()
    return ("Informational findings (checks that passed, and restatements counted once): "
            + "; ".join(f"{n} {check.replace('_', ' ')}" for check, n in counts.items())
            + ". Each is a row of cleaning_log.csv, with the figures it names.")
