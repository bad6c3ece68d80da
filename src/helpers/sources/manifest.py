"""The manifest of source documents (data/raw/reports/sources.csv) and their texts."""
from __future__ import annotations

import pandas as pd

from helpers import paths


def manifest() -> pd.DataFrame:
    return pd.read_csv(paths.SOURCES_MANIFEST, dtype=str, keep_default_na=False)


def read_texts() -> dict[str, str]:
    """Every document listed in the manifest, decoded exactly as stored."""
    return {f: (paths.RAW_REPORTS / f).read_text(encoding="utf-8") for f in manifest()["file"]}
