"""Every input file a run depends on, read strictly before anything runs, and one checksum
over all of them for report headers and run records."""
from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import paths
from helpers.sources import glossary
from helpers.sources.tables import InputError, read_table

# The tables of data/raw, each with the columns every reader of it needs.
TABLES = {
    paths.SOURCES_MANIFEST: ("file", "actor", "prefix"),
    paths.ACTORS: ("actor", "name"),
    paths.VOCABULARY: ("vocabulary", "value", "label", "group", "meaning"),
    paths.FIGURES: ("figure_id", "doc", "quote", "value_raw"),
    paths.COVERAGE_EXCLUSIONS: ("doc", "context", "tokens", "reason"),
    paths.EXCHANGE_RATES: ("year", "base", "quote", "rate"),
    paths.HOUSEHOLD_SIZES: ("mean_household_size", "source"),
    paths.COSTS_SUPPLEMENTARY: ("supp_id", "actor", "value", "currency", "money_kind", "period"),
    glossary.PATH: glossary.COLUMNS,
}


def documents() -> list[Path]:
    """The source texts the manifest lists (the manifest must be readable)."""
    manifest = read_table(paths.SOURCES_MANIFEST, TABLES[paths.SOURCES_MANIFEST])
    return [paths.RAW_REPORTS / name for name in manifest["file"]]


def input_files() -> list[Path]:
    """Every file a run reads: the tables, the checksum record and the documents."""
    return [*TABLES, paths.CHECKSUMS, *documents()]


def check_tables() -> None:
    """Read every table strictly and every document as UTF-8; raise the first InputError."""
    for path, required in TABLES.items():
        read_table(path, required)
    for doc in documents():
        try:
            doc.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise InputError(doc, None, f"listed in {paths.SOURCES_MANIFEST.name} but not found") from None
        except UnicodeDecodeError as exc:
            raise InputError(doc, None, f"not UTF-8 (byte {exc.start})") from None


def digest(files: list[Path] | None = None) -> str:
    """One SHA-256 over the names and bytes of every input file (12 hex digits): any changed
    byte of any input (a rate, an annotation, a document) gives another digest."""
    h = hashlib.sha256()
    for path in sorted(files if files is not None else input_files()):
        h.update(str(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path).encode())
        h.update(b"\0")
        h.update(path.read_bytes() if path.exists() else b"<missing>")
        h.update(b"\0")
    return h.hexdigest()[:12]
