"""``python -m helpers add-source PATH``: record a new source document.

Copies the text into data/raw/reports/ byte for byte, adds its manifest row (and a row of
actors.csv for a new actor) and records its checksum, together or not at all. Documents
already recorded stay immutable: a file of the same name is an error, whatever its bytes."""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from helpers import paths
from helpers.files import write_atomic, write_bytes_atomic
from helpers.sources import checksums, manifest
from helpers.sources.tables import InputError


class AddSourceError(ValueError):
    """The document cannot be added; the message says why and what to do."""


def _csv_row(values: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def derive_prefix(actor: str) -> str:
    """A figure-id prefix for a new actor: the initials of its words, or its first letters.
    A possessive 's is not a word ("Women's Hope Network" -> WHN)."""
    words = re.findall(r"[A-Za-z]+", re.sub(r"(?<=[A-Za-z])['’]s\b", "", actor))
    initials = "".join(w[0] for w in words).upper()
    return initials if len(initials) >= 2 else re.sub(r"[^A-Z]", "", actor.upper())[:4]


def choose_prefix(actor: str, wanted: str) -> str:
    """The given prefix, or the actor's existing one, or one derived from its name; a prefix
    another actor uses is an error (figure ids must say whose report they come from)."""
    table = manifest.manifest()
    own = sorted(set(table.prefix[table.actor == actor]))
    prefix = wanted or (own[0] if own else derive_prefix(actor))
    if not manifest.PREFIX.match(prefix):
        raise AddSourceError(f"prefix {prefix!r} must be upper-case letters (give one with --prefix)")
    others = set(table.prefix[table.actor != actor])
    if prefix in others:
        raise AddSourceError(f"prefix {prefix!r} is another actor's; give one with --prefix")
    return prefix


def add_source(path: Path, *, actor: str, title: str, publisher: str, published: str = "", url: str = "",
               period: str = "", country: str = "", language: str = "en", kind: str = "", notes: str = "",
               prefix: str = "", actor_name: str = "", actor_kind: str = "") -> dict[str, str]:
    """Record ``path`` as a source document; returns the manifest row written."""
    if not path.is_file():
        raise AddSourceError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AddSourceError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 first") from None
    target = paths.RAW_REPORTS / path.name
    recorded = checksums.recorded_checksums()
    relative = f"{paths.RAW_REPORTS.name}/{path.name}"
    if target.exists() or relative in recorded:
        same = target.exists() and target.read_bytes() == data
        raise AddSourceError(f"{relative} is already recorded" + (" with these bytes: nothing to do" if same else
                             "; raw documents are never changed: add the new text under another file name"))
    known = set(manifest.actor_table().actor)
    if actor not in known and not actor_name:
        raise AddSourceError(f"actor {actor!r} is not in {paths.ACTORS.name} (known: {', '.join(sorted(known))}); "
                             "add it with --actor-name (its full name) and --actor-kind")
    row = {"file": path.name, "actor": actor, "prefix": choose_prefix(actor, prefix), "publisher": publisher,
           "title": title, "published": published, "period_covered": period, "country": country,
           "language": language, "kind": kind, "url": url, "notes": notes}
    manifest_text = paths.SOURCES_MANIFEST.read_text(encoding="utf-8")
    manifest_text += ("" if manifest_text.endswith("\n") else "\n") + _csv_row([row[c] for c in manifest.MANIFEST_COLUMNS])
    checksum_lines = [line for line in paths.CHECKSUMS.read_text().splitlines()
                      if not line.endswith(f"  {paths.RAW_REPORTS.name}/{paths.SOURCES_MANIFEST.name}")]
    digest_of_manifest = checksums.sha256_of(manifest_text.encode("utf-8"))
    checksum_lines += [f"{checksums.sha256_of(data)}  {relative}",
                       f"{digest_of_manifest}  {paths.RAW_REPORTS.name}/{paths.SOURCES_MANIFEST.name}"]
    write_bytes_atomic(target, data)
    try:
        if actor not in known:
            actors_text = paths.ACTORS.read_text(encoding="utf-8")
            write_atomic(paths.ACTORS, actors_text + _csv_row([actor, actor_name, actor_kind, ""]))
        write_atomic(paths.SOURCES_MANIFEST, manifest_text)
        write_atomic(paths.CHECKSUMS, "\n".join(checksum_lines) + "\n")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    manifest.manifest.cache_clear()
    manifest.actor_table.cache_clear()
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m helpers add-source", description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path, help="the text file to add (UTF-8)")
    ap.add_argument("--actor", required=True, help="the actor's short name, used in every table and report "
                    "heading (as in actors.csv, e.g. 'IFRC network'); a new one needs --actor-name")
    ap.add_argument("--title", required=True)
    ap.add_argument("--publisher", required=True)
    ap.add_argument("--published", default="", help="publication date (YYYY-MM-DD), if known")
    ap.add_argument("--url", default="", help="where the document was published, if known (optional)")
    ap.add_argument("--period", default="", help="the period the report covers (e.g. 2023, 2015-2018)")
    ap.add_argument("--country", default="", help="the country the report is about (e.g. Mali)")
    ap.add_argument("--language", default="en")
    ap.add_argument("--kind", default="", help="e.g. annual report, results brief")
    ap.add_argument("--notes", default="")
    ap.add_argument("--prefix", default="", help="figure-id prefix (default: the actor's, or its initials)")
    ap.add_argument("--actor-name", default="", help="full name, to add a new actor to actors.csv")
    ap.add_argument("--actor-kind", default="", help="kind of a new actor (UN agency, NGO, donor …)")
    args = ap.parse_args(argv)
    options = {k: v for k, v in vars(args).items() if k != "path"}
    try:
        row = add_source(args.path, **options)
    except (AddSourceError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"added {paths.RAW_REPORTS.name}/{row['file']} ({row['actor']}, prefix {row['prefix']}): manifest row "
          f"and checksum recorded.\nNext: python -m helpers draft {row['file']}, review the draft into "
          "data/raw/figures.csv and coverage_exclusions.csv, then python -m helpers check.")
    return 0
