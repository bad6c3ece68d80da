"""The gender reach notebook run on the real cleaned figures, with its defaults and as a
single-actor profile laid out the way the report runner does it; its outputs are checked
against numbers recomputed here straight from figures.csv."""
import shutil

import jupytext
import pandas as pd
import papermill
import pytest

from helpers import paths
from helpers.sources import manifest

pytestmark = pytest.mark.slow

# Written out rather than imported, so the checks do not share the code they check: direct
# reach only (population covered by plans, in need or affected is context, not reach); bounds
# and estimates are used at their printed value.
REACH = ("people_reached", "people_trained", "people_sensitized", "members", "leaders")
CONTEXT_KINDS = ("covered_by_plans", "in_need", "affected", "at_risk", "displaced")
USED = ("ok", "repaired", "bound")


def execute(folder, **params):
    nb = jupytext.read(paths.NOTEBOOKS / "02_gender_reach.py", fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    return papermill.execute_notebook(nb, str(folder / "executed.ipynb"), kernel_name="python3", cwd=str(folder),
                                      parameters=dict(output_dir=str(folder), **{"input_dir": str(folder), **params}), progress_bar=False)


@pytest.fixture(scope="module")
def default_run(processed_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("gender")
    shutil.copy(processed_dir / "figures.csv", out)
    return out, execute(out)


@pytest.fixture(scope="module")
def profile(processed_dir, tmp_path_factory):
    """As the runner fans out: outputs go to <output_dir>/profiles/<actor>, inputs come from <output_dir>."""
    base = tmp_path_factory.mktemp("gender-profiles")
    shutil.copy(processed_dir / "figures.csv", base)
    out = base / "profiles" / "ifrc-network"
    execute(out, actors=["IFRC network"], input_dir=str(base))
    return out


@pytest.fixture(scope="module")
def figures(processed_dir):
    f = pd.read_csv(processed_dir / "figures.csv", dtype=str, keep_default_na=False)
    f["value"] = pd.to_numeric(f.value, errors="coerce")
    return f


def kept(figures, actor, indicators=REACH):
    return figures[(figures.actor == actor) & (figures.unit == "people") & figures.indicator.isin(indicators)
                   & ~figures.reach_kind.isin(CONTEXT_KINDS) & figures.status.isin(USED)]


def both_sexes(figures, ids):
    """Women and men of the figures among ``ids`` that state both, read from their parts."""
    children = figures.groupby("parent_id")

    def sexes(fid):
        if fid not in children.groups:
            return {}
        out = {}
        for c in children.get_group(fid).itertuples():
            if c.part_kind in ("sex", "breakdown") and c.sex in ("female", "male") and c.status in USED:
                out[c.sex] = out.get(c.sex, 0) + c.value
        return out

    found = [sexes(fid) for fid in ids]
    both = [f for f in found if {"female", "male"} <= set(f)]
    return sum(f["female"] for f in both), sum(f["male"] for f in both)


def read(folder, name):
    return pd.read_csv(folder / name, keep_default_na=False, na_values=[""], dtype={"report_period": str})


def test_notebook_runs_without_errors_and_writes_every_output(default_run):
    folder, executed = default_run
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert not errors
    for name in ("gender_reach_by_actor.csv", "gender_reach_by_theme.csv", "gender_reach_by_programme.csv",
                 "gender_reach_by_region.csv", "gender_reach_units.csv", "gender_targets_by_actor.csv",
                 "gender_women_share_groups.csv", "gender_share_model.csv", "gender_figures_used.csv"):
        assert (folder / name).exists(), name
    summary = next(o for c in executed.cells if "words.summary_sentences" in c.source for o in c.outputs)
    assert "FAO (2015-2018): no counts of people reached" in summary["data"]["text/markdown"].replace("\\", "")


def test_every_actor_appears_and_missing_data_is_said_in_words(default_run):
    table = read(default_run[0], "gender_reach_by_actor.csv").set_index("actor")
    assert list(table.index) == list(manifest.actors())
    assert {"people_female", "people_male", "people_sex_unknown", "female_share", "parity_index",
            "disaggregation_coverage", "people_low", "people_high"} <= set(table.columns)
    for actor in ("FAO", "WPHF"):
        assert table.loc[actor, "figures"] == 0
        assert "no counts of people reached" in table.loc[actor, "note"]
    sexes = table.people_female.fillna(0) + table.people_male.fillna(0) + table.people_sex_unknown
    assert (sexes == table.people_high).all()


def test_care_counts_agree_with_figures_csv(default_run, figures):
    care = read(default_run[0], "gender_reach_by_actor.csv").set_index("actor").loc["CARE"]
    rows = kept(figures, "CARE")
    top = rows[rows.parent_id == ""]
    # the population of the areas the plans cover is context, not reach
    assert 2_029_052 not in set(top.value)
    context = read(default_run[0], "gender_population_context.csv")
    assert 2_029_052 in set(context.value)
    # no two CARE counts name different regions, so they may all overlap: at least the largest
    assert care.people_low == top.value.max() == 1_839
    assert care.people_high == top.value.sum() == 3_577
    assert care.people_female == rows[rows.sex == "female"].value.sum() == 546
    assert pd.isna(care.people_male) and pd.isna(care.parity_index) and pd.isna(care.female_share)


def test_ifrc_range_counts_each_measure_once(default_run, figures):
    ifrc = read(default_run[0], "gender_reach_by_actor.csv").set_index("actor").loc["IFRC network"]
    rows = kept(figures, "IFRC network")
    parent_of = figures.set_index("figure_id").parent_id
    top = rows[(rows.parent_id == "") & rows.same_as.map(lambda s: not s or parent_of[s] == "")]
    assert ifrc.people_high == top.value.sum()
    assert set(top.region) <= {"", "Mali", "multiple"}  # no two counts of different places: low is the largest
    assert ifrc.people_low == top.value.max()
    assert ifrc.people_female == rows[(rows.sex == "female")].value.sum()
    assert ifrc.people_male == rows[(rows.sex == "male")].value.sum()
    # women against men only where one figure counts both: 321 pregnant women and 26 husbands
    female, male = both_sexes(figures, top.figure_id)
    assert (female, male) == (321, 26) and ifrc.parity_index == pytest.approx(321 / 26)


def test_un_women_girls_boys_and_shares(default_run, figures):
    unw = read(default_run[0], "gender_reach_by_actor.csv").set_index("actor").loc["UN Women"]
    value = figures.set_index("figure_id").value
    assert unw.people_girls == value["UNW-062"] and unw.people_boys == value["UNW-063"]
    # every figure with no usable figure above it, flagged or not: the usable sex parts of a
    # flagged total (the breakdown of UNW-066 does not add up) still count
    parent, status = figures.set_index("figure_id").parent_id, figures.set_index("figure_id").status

    def free(fid):
        up = parent[fid]
        while up:
            if status[up] in USED:
                return False
            up = parent[up]
        return True

    people = figures[(figures.actor == "UN Women") & (figures.unit == "people") & figures.indicator.isin(REACH)
                     & (figures.status != "duplicate")]
    female, male = both_sexes(figures, [f for f in people.figure_id if free(f)])
    assert unw.female_share == pytest.approx(female / (female + male))
    assert unw.parity_index == pytest.approx(female / male)
    groups = read(default_run[0], "gender_women_share_groups.csv").set_index("figure_ids")
    assert groups.loc["UNW-090", "women_share"] == pytest.approx(value["UNW-093"] / value["UNW-090"])
    assert groups.loc["UNW-090", "printed_share"] == pytest.approx(value["UNW-094"] / 100)
    assert groups.loc["CARE-019", "women_share"] == pytest.approx(value["CARE-020"] / value["CARE-019"])


def test_wphf_targets_are_reported_apart_from_reach(default_run, figures):
    targets = read(default_run[0], "gender_targets_by_actor.csv").set_index("actor").loc["WPHF"]
    rows = kept(figures, "WPHF", ("people_targeted",))
    assert targets.people_high == rows.value.sum()
    # grantees in different regions cannot be the same people: the largest target of each region, added
    assert targets.people_low == rows.groupby("region").value.max().sum()


def test_appendix_quotes_every_counted_figure_verbatim(default_run, figures):
    used = read(default_run[0], "gender_figures_used.csv").set_index("figure_id")
    units = read(default_run[0], "gender_reach_units.csv")
    quotes = figures.set_index("figure_id").quote
    for fid in " ".join(units.figure_ids).split():
        assert used.loc[fid, "quote"] == quotes[fid]


def test_single_actor_profile_matches_the_full_report(default_run, profile):
    alone = read(profile, "gender_reach_by_actor.csv")
    assert list(alone.actor) == ["IFRC network"]
    full = read(default_run[0], "gender_reach_by_actor.csv").set_index("actor").loc[["IFRC network"]].reset_index()
    pd.testing.assert_frame_equal(alone, full, check_dtype=False)  # a column with gaps in the full table reads as float
    assert not (profile / "figures.csv").exists()


def test_a_selection_without_figures_renders_a_short_report_instead_of_failing(processed_dir, tmp_path):
    """A per-year profile of an actor with no figures that year (CARE has none for 2023)."""
    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(processed_dir / "figures.csv", base)
    executed = execute(tmp_path / "care-2023", actors=["CARE"], period="2023", input_dir=str(base))
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert not errors
    summary = next(o for c in executed.cells if "words.summary_sentences" in c.source for o in c.outputs)
    assert "No figures for this selection" in summary["data"]["text/markdown"].replace("\\", "")
    row = read(tmp_path / "care-2023", "gender_reach_by_actor.csv").iloc[0]
    assert (row.actor, row.report_period, row.figures) == ("CARE", "2023", 0)
