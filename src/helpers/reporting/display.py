"""Show text from the source documents in notebooks as text, never as markup.

Quotes and table cells come from documents we do not control: a quote containing
``<script>`` or ``<img onerror=...>`` must reach the HTML report as visible text.
Use these instead of ``display(HTML(...))`` / ``Markdown(f"...")`` with such text."""
from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd
from IPython.display import HTML, Markdown, display

# Every ASCII punctuation a Markdown renderer may act on ('$' starts math in nbconvert).
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|~=$:])")


def escape_markdown(value: object) -> str:
    """``value`` as literal text inside Markdown: HTML-escaped, then Markdown punctuation backslashed."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", html.escape(str(value), quote=False))


def md(template: str, **untrusted: object) -> Markdown:
    """Markdown from a trusted ``str.format`` template and untrusted values shown literally:
    ``md("**{actor}** reports: {quote}", actor=row.actor, quote=row.quote)``.
    Without values the template is shown as is (no formatting, so braces need no doubling)."""
    if untrusted:
        template = template.format(**{k: escape_markdown(v) for k, v in untrusted.items()})
    return Markdown(template)


def show_bullets(items: Sequence[str]) -> None:
    """Sentences generated from the data as a bulleted list, each shown literally."""
    if items:
        display(md("\n".join(f"- {{s{i}}}" for i in range(len(items))), **{f"s{i}": s for i, s in enumerate(items)}))


def show_quote(text: str, source: str | None = None) -> None:
    """Display a quote from a source document, line breaks kept."""
    footer = f"\n<footer>{html.escape(source)}</footer>" if source else ""
    display(HTML(f'<blockquote class="source-quote">{html.escape(text)}{footer}</blockquote>'))


# Table cells of a source document are joined by tabs in its quotes; pandas would print '\\t'.
TAB = "\t"
_CELL_MARK = "\x00cell\x00"
# A word longer than this in a cell (an address, an identifier) may break after its punctuation,
# so that it never makes a printed table wider than the page.
_LONG_TOKEN = re.compile(r"[^\s<>]{25,}")
_TEXT = re.compile(r"(?<=>)[^<]+(?=<)")  # the text between two tags, never a tag
CELL_SEPARATOR = '<span class="cell-sep"> | </span>'


def show_table(df: pd.DataFrame, caption: str | None = None, index: bool = False,
               links: Mapping[str, Sequence[str]] | None = None) -> None:
    """Display a table with every header and cell escaped (pandas' default, made explicit);
    tabs inside cells (table rows quoted from a document) shown as cell separators; the cells
    of each column in ``links`` made links to the given addresses (one per row, '' for none)."""
    shown = df.copy()
    for col in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[col]):
            shown[col] = [v.strip(TAB).replace(TAB, _CELL_MARK) if isinstance(v, str) else v for v in shown[col]]
    marks = {}
    for col, hrefs in (links or {}).items():
        for i, (text, href) in enumerate(zip(shown[col], hrefs)):
            if href:
                marks[key := f"\x00link{len(marks)}\x00"] = (str(text), href)
                shown.iloc[i, shown.columns.get_loc(col)] = key
    table = shown.to_html(index=index, escape=True, border=0, classes="report-table")
    table = table.replace(html.escape(_CELL_MARK), CELL_SEPARATOR).replace(_CELL_MARK, CELL_SEPARATOR)
    for key, (text, href) in marks.items():
        link = f'<a href="{html.escape(href)}">{html.escape(text).replace(_CELL_MARK, CELL_SEPARATOR)}</a>'
        table = table.replace(html.escape(key), link).replace(key, link)
    table = _TEXT.sub(lambda text: _LONG_TOKEN.sub(
        lambda m: re.sub(r"([/_.\-=&?])", r"\1<wbr>", m.group(0)), text.group(0)), table)
    if caption:
        start, _, rest = table.partition(">")
        table = f"{start}>\n<caption>{html.escape(caption)}</caption>{rest}"
    display(HTML(table))


def show_callout(title: str, items: Sequence[str]) -> None:
    """The box a reader must read before using the numbers: a title and plain sentences."""
    body = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    display(HTML(f'<aside class="read-first"><p class="read-first-title">{html.escape(title)}</p>'
                 f'<ul>{body}</ul></aside>'))
