"""Proof that the raw files are unchanged: recorded SHA-256 checksums and a digest for headers."""
from __future__ import annotations

import hashlib

from helpers import paths


def sha256(path) -> str:
    return sha256_of(path.read_bytes())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def recorded_checksums() -> dict[str, str]:
    """``{relative path: sha256}`` from data/raw/checksums.sha256 (sha256sum format)."""
    out = {}
    for line in paths.CHECKSUMS.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        out[name.lstrip("*")] = digest
    return out


def modified_raw_files() -> list[str]:
    """Raw files whose bytes no longer match the recorded checksum."""
    return [name for name, digest in recorded_checksums().items()
            if not (paths.RAW / name).exists() or sha256(paths.RAW / name) != digest]


def raw_data_digest() -> str:
    """One checksum over all recorded raw files, printed in report headers."""
    return hashlib.sha256(paths.CHECKSUMS.read_bytes()).hexdigest()[:12]
