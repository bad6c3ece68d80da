"""Where a number sits in a document: its line, its sentence or table row (the quote), the
table's headers, and the text with markdown blanked out for reading.

A quote never spans a line break: in the extracted reports a paragraph is a line, and the
data dictionary forbids quotes across paragraphs. A line with a tab is a table row and is
quoted whole, tabs kept, so the quote carries the row's label."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Markdown that changes how the text reads but not what it says; blanked, not removed, so that
# offsets in the plain text are offsets in the document.
_MARKDOWN_RE = re.compile(r"\]\([^)\s]*\)|\*\*|(?<!\w)\*|\*(?!\w)|\[|\\(?=[()\[\]])")
# Where a sentence ends: . ! ? (and closing quotes or brackets), then space and a capital,
# a digit or an opening mark; or a full stop glued to the next sentence's number ("waste.225").
_END_RE = re.compile(r"(?<=[.!?])[\"”’)\]]*(?P<gap>\s+)(?=[\"“‘(\[*-]*[A-Z0-9À-Ý])"
                     r"|(?<=[A-Za-z]{2}\.)(?=\d)")
_ABBREVIATIONS = frozenset("""no nos nr art fig figs vol p pp para e.g i.e etc vs approx dr mr mrs
    ms st inc ltd co al cf ref""".split())
_CAPS_RE = re.compile(r"[A-Z][A-Z &/,'’()-]{2,}")


def plain(text: str) -> str:
    """The text with markdown emphasis and link syntax replaced by spaces (same offsets)."""
    return _MARKDOWN_RE.sub(lambda m: " " * len(m.group()), text)


def line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def is_table_row(line: str) -> bool:
    return "\t" in line


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], within its line, without surrounding spaces."""
    ls, le = line_span(text, start)
    line = text[ls:le]
    s, e = 0, len(line)
    for m in _END_RE.finditer(line):
        cut = m.start("gap") if m.group("gap") else m.start()
        if _is_abbreviation(line, cut):
            continue
        if ls + m.end() <= start:
            s = m.end()
        elif ls + cut >= end:
            e = cut
            break
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return ls + s, ls + e


def _is_abbreviation(line: str, dot_end: int) -> bool:
    """Whether the full stop before ``dot_end`` closes an abbreviation ("No.", "e.g.") or an initial."""
    head = line[:dot_end].rstrip("\"”’)]")
    word = re.search(r"([A-Za-z.]+)\.$", head)
    return bool(word) and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)


def quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The quote for a number at text[start:end]: its table row, else its sentence."""
    ls, le = line_span(text, start)
    if is_table_row(text[ls:le]):
        return ls, le
    s, e = sentence_span(text, start, end)
    return min(s, start), max(e, end)


def occurrence(text: str, quote: str, start: int) -> int:
    """Which occurrence of ``quote`` (as ``coverage.find_occurrence`` counts them) starts at ``start``."""
    n, pos = 0, text.find(quote)
    while 0 <= pos < start:
        n += 1
        pos = text.find(quote, pos + 1)
    return n + 1


@dataclass(frozen=True)
class Cell:
    """A number's place in a table: the text of its cell, the cells before it on the row,
    the column header and the lines above the table."""

    cell: str
    label: str          # the last non-empty cell before the number's cell
    group: str          # the row's first cell, or that of the nearest row above that has one
    column: str         # the header row's cell above the number, if the table has a header
    heading: str        # up to two non-empty lines just above the table


def table_cell(text: str, pos: int) -> Cell | None:
    ls, le = line_span(text, pos)
    line = text[ls:le]
    if not is_table_row(line):
        return None
    cells = line.split("\t")
    index = line.count("\t", 0, pos - ls)
    before = [c.strip() for c in cells[:index] if c.strip()]
    block = _block_lines(text, ls)
    group = next((row.split("\t")[0].strip() for row in reversed(block) if row.split("\t")[0].strip()), "")
    header = block[0].split("\t") if block and not re.search(r"\d", block[0]) else []
    column = header[index].strip() if index < len(header) else ""
    return Cell(cells[index], before[-1] if before else "", group, column,
                " ".join(heading_lines(text, _block_start(text, ls), 2)))


def _block_start(text: str, ls: int) -> int:
    """Start of the first line of the run of table rows that contains the line at ``ls``."""
    while ls > 0:
        prev = text.rfind("\n", 0, ls - 1) + 1
        if not is_table_row(text[prev:ls - 1]):
            break
        ls = prev
    return ls


def _block_lines(text: str, ls: int) -> list[str]:
    """The table rows from the block's first row down to the line at ``ls``."""
    start = _block_start(text, ls)
    return text[start:line_span(text, ls)[1]].split("\n")


def heading_lines(text: str, ls: int, n: int) -> list[str]:
    """Up to ``n`` non-empty lines just above the line starting at ``ls``, nearest last."""
    out: list[str] = []
    for line in reversed(text[:max(ls - 1, 0)].split("\n")):
        if line.strip():
            out.insert(0, line.strip())
            if len(out) == n:
                break
    return out


def is_caps_heading(line: str) -> bool:
    """An all-capitals line such as "PEOPLE REACHED" or "FINANCIAL OVERVIEW"."""
    return bool(_CAPS_RE.fullmatch(line.strip())) and not any(ch.islower() for ch in line)


def next_line(text: str, le: int) -> str:
    """The next non-empty line after the line ending at ``le``."""
    for line in text[le + 1:].split("\n"):
        if line.strip():
            return line.strip()
    return ""
