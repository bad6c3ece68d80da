"""The appendix every report ends with: one row per figure it mentions, with the quote in
its context, so that a reader goes from any number to the sentence it came from in one click.

Each row has the anchor ``fig-<id>`` (the render step turns every figure id of the page into
a link to it) and names its document, whose row (anchor ``doc-<file>``) gives title,
publisher, date and address. A table row quoted from a document shows its cells separated,
never a tab character."""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from urllib.parse import quote as url_quote

import pandas as pd
from IPython.display import HTML, display

from helpers.cleaning.findings import STATUS_MEANING
from helpers.reporting.display import CELL_SEPARATOR
from helpers.reporting.text.formats import fmt_count
from helpers.sources import vocab

CONTEXT_COLUMNS = ("context_heading", "context_row", "context_before", "context_after", "context_line")
# Where the figure register publishes each document's text, relative to the reports folder.
DOCUMENT_TEXTS = "data/documents"
SUPPLEMENTARY = "from a supplementary source (not one of the documents; cited)"


def figure_anchor(figure_id: str) -> str:
    return f"fig-{figure_id}"


def document_anchor(file: str) -> str:
    return "doc-" + re.sub(r"[^A-Za-z0-9]+", "-", file).strip("-")


def _text(value: str) -> str:
    """Document text as HTML: escaped, tabs between table cells shown as separators."""
    return html.escape(str(value).strip("\t")).replace("\t", CELL_SEPARATOR)


def _value(row) -> str:
    if pd.isna(row.value):
        return "no value"
    shown = fmt_count(row.value) if float(row.value).is_integer() else f"{row.value:,.2f}"
    unit = row.currency if getattr(row, "currency", "") else row.unit
    if row.value == 1 and not getattr(row, "currency", ""):  # '1 document', '1 locality', '1 person'
        unit = ("person" if unit == "people" else unit[:-3] + "y" if unit.endswith("ies")
                else unit.removesuffix("s"))
    return f"{shown} {unit}".strip()


def _where(row, doc) -> str:
    parts = [f'<a href="#{document_anchor(row.doc)}">{html.escape(doc.publisher)}: {html.escape(doc.title)}</a>']
    heading, label = getattr(row, "context_heading", ""), getattr(row, "context_row", "")
    if heading:
        parts.append(f"under “{_text(heading)}”")
    if label:
        parts.append(f"table row “{_text(label)}”")
    line = getattr(row, "context_line", "")
    if line not in ("", None) and not pd.isna(line):
        parts.append(f"line {int(float(line))}")
    return ", ".join(parts)


def _in_context(row) -> str:
    before, after = getattr(row, "context_before", ""), getattr(row, "context_after", "")
    return (("… " + _text(before) + " " if before else "") + f"<mark>{_text(row.quote)}</mark>"
            + (" " + _text(after) + " …" if after else ""))


def _row(series: pd.Series) -> SimpleNamespace:
    """A clean figure with its empty cells as '' (its value stays NaN when unusable)."""
    return SimpleNamespace(**{k: "" if k != "value" and isinstance(v, float) and pd.isna(v) else v
                              for k, v in series.items()})


def citation(s) -> str:
    """A supplementary amount's publication as HTML: publisher, title, date and a link to it."""
    date = f", {html.escape(s.published)}" if s.published else ", date not stated"
    link = f', <a href="{html.escape(s.url)}" rel="noreferrer">{html.escape(s.url)}</a>' if s.url else ""
    return f"{html.escape(s.publisher)}: {html.escape(s.source_title)}{date}{link}"


def figure_rows(ids: Iterable[str], figures: pd.DataFrame, documents: pd.DataFrame,
                supplementary: pd.DataFrame | None = None, uses: Mapping[str, str] | None = None) -> list[str]:
    """One HTML table row per id, in the order given (each id once): document figures from
    the clean figures, amounts published elsewhere from the supplementary table
    (data/raw/costs_supplementary.csv). Two columns, so that the quote gets the page's width."""
    by_id = figures.set_index("figure_id")
    docs = documents.set_index("file")
    supplementary = supplementary.set_index("supp_id") if supplementary is not None else pd.DataFrame()
    uses = uses or {}
    out, seen = [], {}
    for fid in dict.fromkeys(ids):
        use = [html.escape(uses[fid])] if uses.get(fid) else []
        if fid in by_id.index:
            row = _row(by_id.loc[fid])
            status, where = row.status, _where(row, docs.loc[row.doc])
            key = (row.doc, row.quote, row.occurrence)
            quote = (f'the same sentence as <a href="#{figure_anchor(seen[key])}">{html.escape(seen[key])}</a>'
                     if key in seen else _in_context(row))
            seen.setdefault(key, fid)
            printed = f"printed “{html.escape(str(row.value_raw))}”, used as {html.escape(_value(row))}"
            use = [f"counts: {html.escape(vocab.label('indicator', row.indicator))}", *use]
            note = row.notes
        elif fid in supplementary.index:
            s = supplementary.loc[fid]
            status, where, quote = "supplementary", citation(s), f"<mark>{_text(s.quote)}</mark>"
            printed = f"printed “{html.escape(s.amount_raw)}”, used as {fmt_count(s.value)} {html.escape(s.currency)}"
            note = s.note
        else:
            raise KeyError(f"figure {fid} is neither in the clean figures nor a supplementary amount")
        note = f'<p class="note">Annotator’s note: {html.escape(note)}</p>' if note else ""
        out.append(f'<tr id="{figure_anchor(fid)}"><th scope="row">{html.escape(fid)}'
                   f'<span class="status">{html.escape(status)}</span></th><td><p class="where">{where}</p>'
                   f'<p class="in-context">{quote}</p><p class="use">{" · ".join([printed, *use])}</p>{note}</td></tr>')
    return out


def statuses(ids: Iterable[str], figures: pd.DataFrame) -> str:
    """What the statuses of these figures mean, once for the table."""
    present = set(figures.status[figures.figure_id.isin(set(ids))])
    meanings = [f"<em>{s}</em>: {html.escape(m.replace('`', ''))}" for s, m in STATUS_MEANING.items() if s in present]
    return "; ".join(meanings + [f"<em>supplementary</em>: {html.escape(SUPPLEMENTARY)}"])


def document_rows(files: Iterable[str], documents: pd.DataFrame) -> list[str]:
    """One row per document: title, kind, publisher, dates, its address and its text as stored."""
    out = []
    for d in documents[documents.file.isin(set(files))].itertuples():
        url = (f'<a href="{html.escape(d.url)}" rel="noreferrer">{html.escape(d.url)}</a>' if d.url
               else "no address recorded for this document")
        text = f'<a href="{DOCUMENT_TEXTS}/{url_quote(d.file)}">{html.escape(d.file)}</a>'
        out.append(f'<tr id="{document_anchor(d.file)}"><th scope="row">{html.escape(d.title)}</th>'
                   f"<td>{html.escape(d.kind or 'not stated')}</td><td>{html.escape(d.publisher)}</td>"
                   f"<td>{html.escape(d.published or 'not stated')}</td>"
                   f"<td>{html.escape(d.period_covered or 'not stated')}</td><td>{url}</td><td>{text}</td></tr>")
    return out


def show_appendix(ids: Iterable[str], figures: pd.DataFrame, documents: pd.DataFrame,
                  supplementary: pd.DataFrame | None = None, uses: Mapping[str, str] | None = None) -> None:
    """The documents and the figures behind a report, each row an anchor, with the annotators'
    notes in full (a cut note can drop the caveat that matters)."""
    ids = list(dict.fromkeys(ids))
    files = set(figures.doc[figures.figure_id.isin(ids)])
    display(HTML(
        '<table class="report-table appendix-documents"><caption>Documents (each text as stored: the line numbers '
        "below refer to it)</caption><thead><tr><th>title</th><th>kind</th><th>publisher</th><th>published</th>"
        "<th>period covered</th><th>address</th><th>text</th></tr></thead><tbody>"
        + "".join(document_rows(files, documents)) + "</tbody></table>"))
    display(HTML(
        '<table class="report-table appendix-figures"><caption>Figures, each with its quote in context (the quoted '
        "words highlighted), where it is, its printed and used value and how this report uses it</caption>"
        "<thead><tr><th>figure and status</th><th>where, the quote in context, printed and used value, use</th></tr>"
        f"</thead><tbody>{''.join(figure_rows(ids, figures, documents, supplementary, uses))}</tbody></table>"
        f'<p class="appendix-statuses">Statuses: {statuses(ids, figures)}.</p>'))


def uses_of(used: pd.DataFrame) -> dict[str, str]:
    """Figure id -> how the report used it ('reach: counted; women's share: printed share of women (of X)')."""
    out: dict[str, list[str]] = {}
    for r in used.itertuples():
        role = f"{getattr(r, 'analysis', '')}: {r.role}".lstrip(": ")
        of = getattr(r, "of", "")
        out.setdefault(r.figure_id, []).append(role + (f" (of {of})" if of else ""))
    return {fid: "; ".join(dict.fromkeys(parts)) for fid, parts in out.items()}
