"""The manifest of source documents (data/raw/reports/sources.csv) and their texts."""
from __future__ import annotations

import pandas as pd

from helpers import paths
from helpers.sources.tables import read_table


def manifest() -> pd.DataFrame:
    return read_table(paths.SOURCES_MANIFEST, required=("file",))


def read_texts() -> dict[str, str]:
    """Every document listed in the manifest, decoded exactly as stored."""
    return {f: (paths.RAW_REPORTS / f).read_text(encoding="utf-8") for f in manifest()["file"]}
