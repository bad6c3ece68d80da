"""The glossary (data/raw/glossary.csv): every acronym of the documents and every term of the
project, in words a non-specialist evaluator understands.

Reports expand acronyms from this table; ``check`` warns where a document uses an acronym that
has no row, with the expansion the text gives when :func:`defined_in` finds one.

What looks like an acronym (:func:`acronyms`): a word of two or more capitals, with digits or
fewer lower-case letters than capitals (``PfR``, ``CSOs``; a plural ``s`` is folded,
``CSOs`` → ``CSO``; parts joined by ``-`` or ``/`` are read apart, ``IFRC-DREF``), except

- identifiers: a word with ``_`` or ``.`` inside, or with a run of three digits or more
  (``XM-DAC-41146-MLI_D_1.2``, ``MDRML018``, ``98/683/EC``); one or two digits after the
  letters are a footnote mark or a phase (``HEA1`` → ``HEA``, ``COVID-19`` → ``COVID``);
- roman numerals (``II``, ``IV``);
- words set in capitals for typography: a line or table cell in capitals that holds a word of
  four letters or more that the text also prints in lower or title case (``PEOPLE REACHED``,
  ``MALI``), and every first cell in capitals of a table most of whose capital first cells
  are such (``DURATION`` among ``PEOPLE AFFECTED`` and ``FUNDING ALLOCATION``);
- English and French function words in capitals (``IF … THEN … BECAUSE``, ``AND``, ``ET``);
- the letters of a postal code at the start of an address line (``2514 JD``).

A row may be a name of several words (``ADEL SAHEL``): it covers each of its words. Terms are
matched without regard to case (``PFR`` and ``PfR``)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.sources.tables import InputError, read_table

PATH = paths.RAW / "glossary.csv"
COLUMNS = ("term", "expansion", "meaning", "kind", "source")
# acronym: has a long form; name: printed in capitals but stands for no long form the sources
# give (an organisation's own name); term: a word of the project's methods
KINDS = ("acronym", "name", "term")

_WORD = re.compile(r"\w(?:\w|[-_./](?=\w))*")
_PART = re.compile(r"[-/]")
_ROMAN = re.compile(r"^(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})$")
_POSTCODE = re.compile(r"^\s*\d{4,5}\s?([A-Z]{1,2})\s+\S")
# never read as acronyms; 'un', 'au', 'is', 'it', 'us', 'who' are left out (UN, AU, WHO…)
_FUNCTION_WORDS = frozenset("""a an and are as at be but by do for from if in not of on or so than that the then
    to was were with because while when where whether et ou de des du le la les une aux par pour sur avec
    dans""".split())
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PAREN = re.compile(r"\(([^()]{1,160})\)")
_STOP = _FUNCTION_WORDS | {"au", "un", "d", "l"}  # a long form starts at none of these (d'Appui)


def _plain(text: str) -> str:
    """Accents removed and case folded, to compare a word printed in capitals with its other copies."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _acronym_part(part: str) -> str | None:
    """The acronym a part of a word stands for ('CSOs' -> 'CSO', 'HEA1' -> 'HEA'), or None."""
    part = re.sub(r"(?<=[A-Z])\d{1,2}$", "", part)
    if part.endswith("s") and sum(c.isupper() for c in part[:-1]) >= 2:
        part = part[:-1]
    upper = sum(c.isupper() for c in part)
    lower = sum(c.islower() for c in part)
    if not part[:1].isupper() or upper < 2 or lower >= upper or not part.isalnum() or _ROMAN.match(part):
        return None
    return part


def _is_identifier(word: str) -> bool:
    return "_" in word or "." in word or bool(re.search(r"\d{3}", word))


def _typography(text: str, ordinary: set[str]) -> set[tuple[int, int]]:
    """(line, cell) of every line or cell set in capitals for typography (module docstring)."""

    def capitals(cell: str) -> bool:
        letters = [c for c in cell if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def shouted(cell: str) -> bool:
        return capitals(cell) and any(len(w) >= 4 and _plain(w) in ordinary for w in re.findall(r"[^\W\d_]+", cell))

    out: set[tuple[int, int]] = set()
    block: list[tuple[int, str]] = []  # first cells of the current block of tab lines
    lines = text.split("\n")
    for i, line in enumerate([*lines, ""]):
        cells = line.split("\t")
        out |= {(i, j) for j, cell in enumerate(cells) if shouted(cell)}
        if "\t" in line:
            block.append((i, cells[0]))
            continue
        caps = [(k, cell) for k, cell in block if cell.strip() and capitals(cell)]
        if caps and 2 * sum(shouted(cell) for _, cell in caps) > len(caps):
            out |= {(k, 0) for k, _ in caps}
        block = []
    return out


def acronyms(text: str) -> list[str]:
    """The acronyms of a text (the rules of the module docstring), each once, in order of appearance."""
    ordinary = {_plain(w) for w in re.findall(r"[^\W\d_]+", text) if not w.isupper()}
    typography = _typography(text, ordinary)
    seen: dict[str, None] = {}
    for i, line in enumerate(text.split("\n")):
        postcode = _POSTCODE.match(line)
        for j, cell in enumerate(line.split("\t")):
            if (i, j) in typography:
                continue
            for m in _WORD.finditer(cell):
                word = m.group()
                if _is_identifier(word) or (postcode and j == 0 and m.start() == postcode.start(1)):
                    continue
                for part in _PART.split(word):
                    found = _acronym_part(part)
                    if found and found.casefold() not in _FUNCTION_WORDS:
                        seen.setdefault(found, None)
    return list(seen)


def _short_form(text: str) -> str | None:
    """``text`` if it is only an acronym (up to three words of one, ``IFRC-DREF``, ``ADEL SAHEL``),
    a plural folded ('HSPs' -> 'HSP'); otherwise None."""
    words = text.split()
    if not 1 <= len(words) <= 3 or not all(_WORD.fullmatch(w) and not _is_identifier(w) for w in words):
        return None
    parts = [_acronym_part(p) for w in words for p in _PART.split(w)]
    if not all(parts):
        return None
    return " ".join(words[:-1] + [re.sub(r"(?<=[A-Z])s$", "", words[-1])])


def _long_form(short: str, candidate: str, max_words: int) -> str | None:
    """The end of ``candidate`` that spells ``short``, within its last ``max_words`` words that
    are not function words: the words whose initials are its letters (``Red Cross and Red
    Crescent`` for RCRC) or else the shortest end holding its letters in order, the first at
    the start of a word (the algorithm of Schwartz and Hearst, 2003: ``Mental health and
    psychosocial support`` for MHPSS)."""
    words = [m for m in re.finditer(r"[^\W_]+", candidate) if _plain(m.group()) not in _STOP]
    if not words:
        return None
    text = candidate[words[max(0, len(words) - max_words)].start():]
    letters = [c.casefold() for c in short if c.isalnum()]
    initials = [m for m in re.finditer(r"[^\W_]+", text) if _plain(m.group()) not in _STOP][-len(letters):]
    if len(initials) == len(letters) and all(m.group()[0].casefold() == c for m, c in zip(initials, letters)):
        long = text[initials[0].start():]
    else:
        long = _in_order(letters, text)
    long = long.strip(" ,;:-") if long else ""
    return long if len(long) > len(short) + 2 else None


def _in_order(letters: list[str], text: str) -> str | None:
    low, pos = text.casefold(), len(text)
    for n, letter in enumerate(reversed(letters)):
        while True:
            pos = low.rfind(letter, 0, pos)
            if pos < 0:
                return None
            if n < len(letters) - 1:
                break
            word = re.match(r"[^\W_]+", text[pos:])
            if (pos == 0 or not text[pos - 1].isalnum()) and word and _plain(word.group()) not in _STOP:
                break
    return text[pos:]


def defined_in(text: str) -> dict[str, str]:
    """Acronyms the text defines, ``Long Form (ACR)`` or ``ACR (Long Form)``, each with its long
    form (the first definition wins): for proposing glossary rows for a new document."""
    plain = _LINK.sub(r"\1", text).replace("\\(", "(").replace("\\)", ")")
    found: dict[str, str] = {}
    for m in _PAREN.finditer(plain):
        inside = m.group(1).strip()
        before = plain[:m.start()].rsplit("\n", 1)[-1].rstrip()
        short = _short_form(inside)
        if short:  # Long Form (ACR)
            long = _long_form(short, before, min(len(short) + 5, 2 * len(short)))
            if long:
                found.setdefault(short, long)
            continue
        last = _WORD.findall(before)[-1:] if before else []
        short = _short_form(last[0]) if last and before.endswith(last[0]) else None
        if short and len(inside.split()) <= 2 * len(short) + 2:  # ACR (Long Form)
            if _long_form(short, inside, len(inside.split()) + 5) == inside.strip(" ,;:-"):
                found.setdefault(short, inside)
    return found


def load(path: Path = PATH) -> pd.DataFrame:
    """The glossary, checked: one row per term, a known kind, an expansion for every acronym,
    a meaning and a source for every row."""
    table = read_table(path, required=COLUMNS)
    lines = table.attrs["lines"]
    seen: dict[str, int] = {}
    for i, row in enumerate(table.itertuples(index=False)):
        where = lines[i]
        if not row.term.strip():
            raise InputError(path, where, "column term is empty")
        key = row.term.casefold()
        if key in seen:
            raise InputError(path, where, f"term {row.term!r} is listed twice (also on line {seen[key]})")
        seen[key] = where
        if row.kind not in KINDS:
            raise InputError(path, where, f"term {row.term!r}: kind {row.kind!r} is not one of {', '.join(KINDS)}")
        if row.kind == "acronym" and not row.expansion.strip():
            raise InputError(path, where, f"acronym {row.term!r} has no expansion")
        for column in ("meaning", "source"):
            if not getattr(row, column).strip():
                raise InputError(path, where, f"term {row.term!r}: column {column} is empty")
    return table


def undefined(text: str, glossary: pd.DataFrame) -> list[str]:
    """The acronyms of the text that no acronym or name row covers (a row of several words
    covers each of its words: ``ADEL SAHEL``)."""
    names = glossary.loc[glossary["kind"] != "term", "term"]
    covered = {word.casefold() for term in names for word in term.split()}
    return [a for a in acronyms(text) if a.casefold() not in covered]


def with_actors(table: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The glossary with a row for every actor of the actors table it lacks ('UN Women', 'IFRC
    network'), so that an actor's name reads as one name, not as the acronym inside it."""
    extra = actors[~actors.actor.isin(set(table.term))]
    rows = pd.DataFrame({
        "term": extra.actor, "expansion": "",
        "meaning": [f"{r.name}: {r.kind}." + (f" {r.note.rstrip('.')}." if r.note else "") for r in extra.itertuples()],
        "kind": "name", "source": str(paths.ACTORS.relative_to(paths.ROOT))})
    return pd.concat([table, rows], ignore_index=True)
