"""Show text from the source documents in notebooks as text, never as markup.

Quotes and table cells come from documents we do not control: a quote containing
``<script>`` or ``<img onerror=...>`` must reach the HTML report as visible text.
Use these instead of ``display(HTML(...))`` / ``Markdown(f"...")`` with such text."""
from __future__ import annotations

import html
import re

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


def show_quote(text: str, source: str | None = None) -> None:
    """Display a quote from a source document, line breaks kept."""
    footer = f"\n<footer>{html.escape(source)}</footer>" if source else ""
    display(HTML(f'<blockquote class="source-quote">{html.escape(text)}{footer}</blockquote>'))


def show_table(df: pd.DataFrame, caption: str | None = None, index: bool = False) -> None:
    """Display a table with every header and cell escaped (pandas' default, made explicit)."""
    table = df.to_html(index=index, escape=True, border=0, classes="report-table")
    if caption:
        start, _, rest = table.partition(">")
        table = f"{start}>\n<caption>{html.escape(caption)}</caption>{rest}"
    display(HTML(table))
