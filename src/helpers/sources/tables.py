"""Reading the project's CSV tables strictly, so that damage is an error naming file and line.

pandas reads a damaged CSV in surprising ways: a row with an extra field shifts into the
index, an unclosed quote swallows the rest of the file, a Latin-1 byte fails without
naming the file. Every table under data/ is read through :func:`read_table`, which
checks the bytes first (UTF-8, no byte-order mark, LF line ends) and every record's
field count, and raises :class:`InputError` with the file, the line and what is wrong."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

BOM = b"\xef\xbb\xbf"


class Lines(tuple):
    """The line each record of a table starts on. pandas deep-copies a frame's ``attrs`` on
    every column or cell access; an immutable tuple can be shared instead, so that keeping
    the lines for error messages costs nothing however large the table."""

    def __deepcopy__(self, memo) -> Lines:
        return self


class InputError(ValueError):
    """An input file is damaged or breaks its contract; the message names file and line."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path, self.line, self.problem = Path(path), line, problem
        where = f"{path}: line {line}" if line else f"{path}"
        super().__init__(f"{where}: {problem}")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(path: Path, data: bytes) -> str:
    """The text of a table file: UTF-8 without a byte-order mark, lines ending in LF."""
    if data.startswith(BOM):
        raise InputError(path, 1, "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise InputError(path, _line_of(data, exc.start),
                         f"byte 0x{data[exc.start]:02x} at column {column} is not UTF-8; save the file as UTF-8") from None
    crlf = data.find(b"\r")
    if crlf >= 0:
        raise InputError(path, _line_of(data, crlf),
                         "Windows line ending (CR LF) or a stray carriage return; the project's tables end lines with LF")
    return text


def parse(path: Path, text: str, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """Records of a CSV text as a frame of strings; a wrong field count or an unclosed quote
    is an error naming the line where the record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, starts = [], []
    start = 1
    try:
        for record in reader:
            rows.append(record)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = ("a quoted field is never closed" if "end of data" in str(exc) or "EOF" in str(exc)
                   else f"malformed CSV ({exc})")
        raise InputError(path, start, problem) from None
    if not rows:
        raise InputError(path, None, "the file is empty; it needs at least a header line")
    header, body = rows[0], rows[1:]
    if len(set(header)) != len(header):
        twice = sorted({h for h in header if header.count(h) > 1})
        raise InputError(path, 1, f"column(s) named twice in the header: {', '.join(twice)}")
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(path, 1, f"missing column(s) {', '.join(missing)}")
    for record, line in zip(body, starts[1:]):
        if len(record) != len(header):
            raise InputError(path, line, f"{len(record)} fields where the header has {len(header)} "
                                         "(a comma inside a field that is not quoted?)")
    table = pd.DataFrame(body, columns=header, dtype=str) if body else pd.DataFrame(columns=header, dtype=str)
    table.attrs["lines"] = Lines(starts[1:])  # the line each record starts on, for messages
    return table


def read_table(path: Path | str, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV table of the project as text columns (empty cells are ''), read strictly."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, None, "file not found") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot be read ({exc.strerror})") from None
    return parse(path, decode(path, data), required)


def numbers(table: pd.DataFrame, column: str, path: Path | str, *, integer: bool = False) -> pd.Series:
    """A text column as numbers; a cell that is not one is an error naming its line."""
    values = pd.to_numeric(table[column], errors="coerce")
    bad = values.isna() | (integer and ~(values == values.round()))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        lines = table.attrs.get("lines") or []
        kind = "a whole number" if integer else "a number"
        raise InputError(path, lines[i] if len(lines) == len(table) else i + 2,
                         f"column {column}: {table[column].iloc[i]!r} is not {kind}")
    return values.astype(int) if integer else values
