"""Project paths, built from the package location so notebooks and papermill
find the data whatever their working directory."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
RAW_REPORTS = RAW / "reports"
PROCESSED = DATA / "processed"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"

SOURCES_MANIFEST = RAW_REPORTS / "sources.csv"
FIGURES = RAW / "figures.csv"
COVERAGE_EXCLUSIONS = RAW / "coverage_exclusions.csv"
CHECKSUMS = RAW / "checksums.sha256"
EXCHANGE_RATES = RAW / "exchange_rates.csv"
COSTS_SUPPLEMENTARY = RAW / "costs_supplementary.csv"
