"""Project paths, built from the package location so notebooks and papermill
find the data whatever their working directory."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
RAW_REPORTS = RAW / "reports"
PROCESSED = DATA / "processed"
# Where a notebook run outside the runner (papermill, JupyterLab) writes when no output_dir
# is given: a folder of its own, never over the outputs the runner published.
SCRATCH = DATA / "scratch"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"

SOURCES_MANIFEST = RAW_REPORTS / "sources.csv"
FIGURES = RAW / "figures.csv"
COVERAGE_EXCLUSIONS = RAW / "coverage_exclusions.csv"
CHECKSUMS = RAW / "checksums.sha256"
EXCHANGE_RATES = RAW / "exchange_rates.csv"
COSTS_SUPPLEMENTARY = RAW / "costs_supplementary.csv"
HOUSEHOLD_SIZES = RAW / "household_size.csv"
VOCABULARY = RAW / "vocabulary.csv"
ACTORS = RAW / "actors.csv"
INTERIM = DATA / "interim"


def output_dir(params: dict, notebook: str) -> Path:
    """Where a notebook writes its data: its ``output_dir`` parameter, else its scratch folder."""
    return Path(params["output_dir"]) if params["output_dir"] else SCRATCH / notebook


def input_dir(params: dict) -> Path:
    """Where a notebook reads the clean figures: its ``input_dir`` parameter, else the published data."""
    return Path(params["input_dir"]) if params["input_dir"] else PROCESSED
