import pandas as pd
import pytest

from helpers.sources.figures import COLUMNS


def figure_row(**overrides) -> dict:
    """A valid figures.csv row (FAO key facts) to modify in tests."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        figure_id="FAO-001", doc="fao-caisses-de-resilience-mali.txt",
        quote="Target group: 3 000 vulnerable households from 64 villages", occurrence=1,
        value_raw="3 000", unit="households", indicator="households_targeted",
        reach_kind="targeted", theme="food_nutrition", actor="FAO", sex="all", age_group="all",
    )
    row.update(overrides)
    return row


@pytest.fixture
def make_figures():
    def make(*rows: dict) -> pd.DataFrame:
        return pd.DataFrame([figure_row(**r) for r in rows], columns=list(COLUMNS))
    return make


@pytest.fixture(scope="session")
def processed_dir(tmp_path_factory):
    """The real figures cleaned into a temporary folder (CHF, 2023 rates), once per session."""
    from helpers.cleaning import clean, money
    from helpers.cleaning.hxl_export import to_hxl_csv
    from helpers.files import write_outputs
    from helpers.sources import manifest
    from helpers.sources.figures import load_raw_figures

    out = tmp_path_factory.mktemp("processed")
    figures, log = clean.clean_figures(load_raw_figures(), manifest.read_texts(), money.load_rates(),
                                       "CHF", 2023)
    write_outputs({"figures.csv": figures, "cleaning_log.csv": log,
                         "figures_hxl.csv": to_hxl_csv(figures)}, out)
    return out
