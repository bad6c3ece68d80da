"""Where a quote sits in its document: the heading it is under, its table row, the words around it.

A quote is verbatim text, and many quotes say nothing alone (a bare ``240,612``, a table row
``\\tFunding\\t1.3M`` whose empty first cell means "the row label above"). A reader needs the
section it is under and the words next to it; :func:`locate` finds them in the plain text.

The document is read line by line (tabs kept). A line is

- a **table row** if it holds a tab; its row label is its first cell or, where that is empty,
  the first non-empty first cell above it in the same unbroken block of tab lines;
- a **bare number** if it is only a number (with a currency, qualifier, scale or %);
- a **heading** if it is a markdown heading (``# …``); or in capitals (every letter upper-case,
  at most 15 words); or *title-like* and standing alone. Title-like: at most 12 words, begins
  with a capital letter, does not end in sentence punctuation (``. , ; : ! ? …``), holds no
  colon (a ``Label: value`` line, a caption's credit), is not a bullet, does not start with a
  number (a key-figure line such as ``9 associations established``) and holds no value
  (``CHF 35.4M``, ``1,200``, ``15%``; a year or chapter number is fine). Standing alone: the
  lines right above and below are not title-like too (a run of short lines is an address, a
  list of labels or page furniture), its nearest non-blank neighbours are no bare number (it
  is then the *label* of that number, like ``Health and wellbeing`` above ``240,612``, and
  stays text, so the words next to the number include it), and the next line does not start
  in lower case (a sentence the extraction broke);
- text otherwise.

The heading of a quote is the nearest heading above it, preceded by the headings right above
that one (only blank lines between them, none of lower rank: markdown by level, then
capitals, then title-like): ``Key achievements › Climate and environment``. A heading printed
three times or more in a document (case and words of up to three letters aside) names a kind
of section, ``Progress against objectives`` under every chapter, not which one: when it has no
such parent it is preceded by the nearest heading above it that is printed fewer times.

The words before and after a quote stop at the headings around it and are trimmed to about 25
words, at a line start or sentence end where one is near (``…`` marks a cut elsewhere); line
breaks show as `` / ``, table cells as `` | ``; markdown links, emphasis and HTML tags are
dropped. No rule names a document: they were measured on every annotated figure and read
against what a reader needs to know what each figure counts."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.sources.coverage import find_occurrence

WORDS = 25  # about how many words of context on each side
TITLE_WORDS = 12  # the longest title-like heading
CAPS_WORDS = 15  # the longest heading in capitals
RECURRING = 3  # a heading printed this often names a kind of section
SEP = " › "
COLUMNS = ("context_line", "context_heading", "context_row", "context_before", "context_after")

_NUMBER = re.compile(r"^(?:[A-Z]{3}\s?|[$€£]\s?)?(?:about|over|at least|almost|[<>~≈+])?\s*\d[\d.,\u00a0\u202f ]*"
                     r"(?:\s?(?:%|[kKmMbB]n?|million|billion))?$")
_VALUE = re.compile(r"\d[.,]\d|\d\s?%|\d{5,}|\d\s?(?:[MKBmk]|bn|million|billion)\b")
_BULLET = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)])\s+")
_MARKDOWN = re.compile(r"^\s*(#{1,6})\s+\S")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


class QuoteNotFound(LookupError):
    """The quote, or its n-th occurrence, is not in the document."""


@dataclass(frozen=True)
class QuoteContext:
    line: int  # 1-based line where the quote starts
    heading: str  # the heading it is under, with its parents ('A › B'); '' if none
    row_label: str  # for a quote on a table row: the row's label; '' otherwise
    cells: tuple[str, ...]  # the quote's line split on tabs, when it is a table row
    before: str
    after: str


def _bare(line: str) -> str:
    return line.strip().strip("*_").strip()


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters) and len(line.split()) <= CAPS_WORDS
            and not _BULLET.match(line))


def _is_title_like(line: str) -> bool:
    text = _bare(line).lstrip("[")
    return (bool(text) and "\t" not in line and len(text.split()) <= TITLE_WORDS and text[0].isupper()
            and not text.endswith(tuple(".,;:!?…")) and ":" not in text and not _BULLET.match(line)
            and not _VALUE.search(text))


def _rank(line: str) -> int:
    """How high a heading is (lower is higher): markdown by level, then capitals, then title-like."""
    m = _MARKDOWN.match(line)
    return len(m.group(1)) if m else (7 if _is_caps(line) else 8)


def _headings(lines: list[str]) -> list[int]:
    """The indexes of the heading lines (the rules of the module docstring)."""
    blank = [not ln.strip() for ln in lines]
    number = [not b and bool(_NUMBER.match(_bare(ln))) for ln, b in zip(lines, blank)]
    title = [not b and _is_title_like(ln) for ln, b in zip(lines, blank)]

    def neighbour(i: int, step: int) -> int | None:
        j = i + step
        while 0 <= j < len(lines) and blank[j]:
            j += step
        return j if 0 <= j < len(lines) else None

    out = []
    for i, ln in enumerate(lines):
        if blank[i] or "\t" in ln or number[i]:
            continue
        if _MARKDOWN.match(ln) or _is_caps(ln):
            out.append(i)
        elif title[i]:
            above, below = neighbour(i, -1), neighbour(i, 1)
            in_run = (i > 0 and title[i - 1]) or (i + 1 < len(lines) and title[i + 1])
            label = any(j is not None and number[j] for j in (above, below))
            broken = below is not None and _bare(lines[below])[:1].islower()
            if not (in_run or label or broken):
                out.append(i)
    return out


def _key(heading: str) -> tuple[str, ...]:
    """A heading's words for comparing its copies: case and short words ('the', 'by') aside."""
    return tuple(w for w in re.findall(r"\w+", heading.casefold()) if len(w) > 3)


def _heading_texts(lines: list[str], headings: list[int]) -> dict[int, str]:
    """Each heading line as a reader should see it: with its parents, and a recurring one with
    the section it recurs in."""
    own = {i: _clean(lines[i]) for i in headings}
    printed: dict[tuple[str, ...], int] = {}
    for text in own.values():
        printed[_key(text)] = printed.get(_key(text), 0) + 1
    shown, section = {}, None  # section: the last heading printed fewer than RECURRING times
    for n, i in enumerate(headings):
        path, top = [own[i]], i
        for h in reversed(headings[:n]):
            if any(lines[k].strip() for k in range(h + 1, top)) or _rank(lines[h]) > _rank(lines[top]):
                break
            path.insert(0, own[h])
            top = h
        if printed[_key(own[i])] < RECURRING:
            section = i
        elif len(path) == 1 and section is not None:
            path.insert(0, own[section])
        shown[i] = SEP.join(path)
    return shown


@dataclass(frozen=True)
class _Document:
    lines: tuple[str, ...]
    starts: tuple[int, ...]  # offset of each line in the text
    headings: tuple[int, ...]  # indexes of the heading lines, in order
    shown: dict[int, str]  # heading line -> the heading as a reader sees it


@functools.lru_cache(maxsize=16)
def _document(text: str) -> _Document:
    raw = text.split("\n")
    starts = [0]
    for ln in raw[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    lines = [ln.rstrip("\r") for ln in raw]
    headings = _headings(lines)
    return _Document(tuple(lines), tuple(starts), tuple(headings), _heading_texts(lines, headings))


def _clean(line: str) -> str:
    """A line as a reader should see it: markdown links, emphasis and tags dropped, cells apart."""
    line = _TAG.sub(" ", _LINK.sub(r"\1", line)).replace("**", "").replace("\\(", "(").replace("\\)", ")")
    line = _BULLET.sub("", line, count=1)
    m = _MARKDOWN.match(line)
    line = line[m.end(1):] if m else line
    cells = (" ".join(c.split()) for c in line.split("\t"))
    return " | ".join(c for c in cells if c)


def _join(lines: list[str]) -> str:
    return " / ".join(c for c in map(_clean, lines) if c)


def _boundary(words: list[str], k: int) -> bool:
    """Whether text may be cut after words[k]: a line break, or a sentence end outside a table row."""
    nxt = words[k + 1] if k + 1 < len(words) else ""
    return words[k] == "/" or (bool(_SENTENCE_END.search(words[k])) and nxt != "|")


def _trim_before(text: str) -> str:
    words = text.split()
    if len(words) <= WORDS:
        return text
    window = words[-WORDS - 1:]  # with the word before it, to see whether a sentence starts
    for k in range(len(window) - 6):
        if _boundary(window, k):
            return " ".join(window[k + 1:]).lstrip("/| ")
    return "… " + " ".join(window[1:])


def _trim_after(text: str) -> str:
    words = text.split()
    if len(words) <= WORDS:
        return text
    window = words[:WORDS]
    for k in range(len(window) - 1, 4, -1):
        if _boundary(window, k):
            return " ".join(window[:k + 1]).rstrip("/| ")
    return " ".join(window) + " …"


def _row_label(lines: tuple[str, ...], i: int) -> str:
    """The first non-empty first cell of row i or, walking up its block of tab lines, above it."""
    while i >= 0 and "\t" in lines[i]:
        first = _clean(lines[i].split("\t")[0])
        if first:
            return first
        i -= 1
    return ""


def locate(text: str, quote: str, occurrence: int = 1) -> QuoteContext:
    """The context of the ``occurrence``-th (1-based) copy of ``quote`` in ``text``."""
    if not quote:
        raise QuoteNotFound("the quote is empty")
    start = find_occurrence(text, quote, occurrence)
    if start < 0:
        found = len(re.findall(f"(?={re.escape(quote)})", text))
        raise QuoteNotFound(f"quote {quote[:80]!r} not found in the text" if not found else
                            f"occurrence {occurrence} of quote {quote[:80]!r} not found: the text has "
                            f"{found}")
    doc = _document(text)
    end = start + len(quote)
    first = bisect.bisect_right(doc.starts, start) - 1
    last = bisect.bisect_right(doc.starts, max(start, end - 1)) - 1
    k = bisect.bisect_left(doc.headings, first)  # headings[:k] are above the quote
    top = doc.headings[k - 1] + 1 if k else 0
    below = bisect.bisect_right(doc.headings, last)
    bottom = doc.headings[below] if below < len(doc.headings) else len(doc.lines)
    head = doc.lines[first][:start - doc.starts[first]]
    tail = doc.lines[last][end - doc.starts[last]:]
    before = _join([*doc.lines[top:first], head]) + ("…" if head[-1:].isalnum() else "")
    after = ("…" if tail[:1].isalnum() else "") + _join([tail, *doc.lines[last + 1:bottom]])
    table = "\t" in doc.lines[first]
    return QuoteContext(
        line=first + 1,
        heading=doc.shown[doc.headings[k - 1]] if k else "",
        row_label=_row_label(doc.lines, first) if table else "",
        cells=tuple(doc.lines[first].split("\t")) if table else (),
        before=_trim_before(before),
        after=_trim_after(after),
    )


def contexts(figures: pd.DataFrame, docs_dir: Path) -> pd.DataFrame:
    """One row per figure (indexed by figure_id): where its quote sits, each document read once."""
    rows, texts = [], {}
    occurrences = figures["occurrence"] if "occurrence" in figures else [1] * len(figures)
    for fid, doc, quote, occ in zip(figures["figure_id"], figures["doc"], figures["quote"], occurrences):
        if doc not in texts:
            path = Path(docs_dir) / doc
            try:
                texts[doc] = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise QuoteNotFound(f"figure {fid}: document {path} not found") from None
        try:
            c = locate(texts[doc], quote, int(occ) if str(occ).strip() else 1)
        except QuoteNotFound as exc:
            raise QuoteNotFound(f"figure {fid} ({doc}): {exc}") from None
        rows.append((fid, c.line, c.heading, c.row_label, c.before, c.after))
    return pd.DataFrame(rows, columns=["figure_id", *COLUMNS]).set_index("figure_id")
