"""Adding a document, an actor and a year without touching code, in a temporary copy of the
project: ``add-source`` records it, ``check`` catches every silent failure, and both
analyses show the new actor and the new year with numbers recomputed here by hand."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
NEW = Path(__file__).parent / "fixtures" / "new_sources"
UNW = "unwomen-mali-2023-progress-notes.txt"
SHA = "sahel-harvest-alliance-mali-2024.txt"
HOPE = "womens-hope-network-mali-2023.txt"


class Copy:
    """A copy of the project's code, notebooks and raw data under git, run by subprocess."""

    def __init__(self, root: Path):
        self.root = root
        for part in ("src", "notebooks", "docs"):
            shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
        shutil.copy(REPO / "pyproject.toml", root)
        self.git("init", "-q")
        self.git("add", "-A")
        self.git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "copy")

    def git(self, *args) -> str:
        return subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, check=True).stdout

    def run(self, *args, timeout=600) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(self.root / "src")}
        return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=self.root, env=env,
                              capture_output=True, text=True, timeout=timeout)

    def raw(self, *parts) -> Path:
        return self.root.joinpath("data", "raw", *parts)

    def append(self, table: str, rows_file: Path) -> None:
        """Append the rows of a CSV fixture (same header) to a raw table."""
        with open(rows_file, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))[1:]
        with open(self.raw(table), "a", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.fixture
def copy(tmp_path):
    return Copy(tmp_path / "project")


def add_unwomen(copy: Copy) -> subprocess.CompletedProcess:
    return copy.run("add-source", str(NEW / UNW), "--actor", "UN Women", "--period", "2023", "--country", "Mali",
                    "--title", "UN Women Transparency Portal: Mali, progress notes, 2023 (first page of the list)",
                    "--publisher", "UN Women", "--kind", "results report",
                    "--url", "https://open.unwomen.org/en/our-reach/ML/progress-notes?year=2023")


def add_brief(copy: Copy) -> subprocess.CompletedProcess:
    return copy.run("add-source", str(NEW / SHA), "--actor", "Sahel Harvest Alliance", "--period", "2024",
                    "--actor-name", "Sahel Harvest Alliance (a synthetic NGO for tests)", "--actor-kind", "NGO",
                    "--title", "Mali results brief 2024", "--publisher", "Sahel Harvest Alliance",
                    "--country", "Mali", "--kind", "results brief")


def add_hope(copy: Copy) -> subprocess.CompletedProcess:
    """The walkthrough's brief, recorded with the command a colleague used from the docs alone."""
    return copy.run("add-source", str(NEW / HOPE), "--actor", "Women's Hope Network",
                    "--actor-name", "Women's Hope Network", "--actor-kind", "NGO",
                    "--title", "Women's Hope Network – Mali: 2023 in brief", "--publisher", "Women's Hope Network",
                    "--published", "2024-03-15", "--period", "2023", "--country", "Mali", "--language", "en",
                    "--kind", "results brief")


# --- check catches what used to pass silently ---------------------------------------------


def test_check_passes_on_the_project_as_it_is(copy):
    result = copy.run("check", "--no-warnings")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 error(s), 14 warning(s)")


def test_a_file_without_a_manifest_row_is_an_error(copy):
    copy.raw("reports", "stray.txt").write_text("12 people", encoding="utf-8")
    result = copy.run("check")
    assert result.returncode == 1
    assert "data/raw/reports/stray.txt: error: not in the manifest (sources.csv)" in result.stdout


def test_an_invalid_figures_table_names_file_line_and_column(copy):
    text = copy.raw("figures.csv").read_text(encoding="utf-8")
    copy.raw("figures.csv").write_text(text.replace(",1,ten,years,", ",1,ten,sheep,", 1), encoding="utf-8")
    result = copy.run("check")
    assert result.returncode == 1
    assert "data/raw/figures.csv:2: error: column unit: figure CARE-001: value 'sheep'" in result.stdout
    assert "coverage audit not run: fix the schema problems first" in result.stdout
    coverage = copy.run("coverage")
    assert coverage.returncode == 1 and "coverage audit not run" in coverage.stdout


def test_a_value_that_does_not_parse_is_an_error_before_any_run(copy):
    text = copy.raw("figures.csv").read_text(encoding="utf-8")
    copy.raw("figures.csv").write_text(text.replace(",1,8,villages,", ",1,8 villages,villages,", 1), encoding="utf-8")
    result = copy.run("check")
    assert result.returncode == 1
    assert "data/raw/figures.csv:3: error: column value_raw: figure CARE-002: cannot parse number" in result.stdout


def test_an_unrecorded_checksum_and_a_changed_byte_are_errors_naming_the_file(copy):
    lines = copy.raw("checksums.sha256").read_text().splitlines()
    copy.raw("checksums.sha256").write_text("\n".join(line for line in lines if "wphf" not in line) + "\n")
    doc = copy.raw("reports", "fao-caisses-de-resilience-mali.txt")
    doc.write_bytes(doc.read_bytes().replace(b"3 000", b"3 001", 1))
    result = copy.run("check")
    assert result.returncode == 1
    assert "no checksum recorded for reports/wphf-mali.txt" in result.stdout
    assert "data/raw/reports/fao-caisses-de-resilience-mali.txt: error: its bytes differ" in result.stdout


def test_add_source_records_the_document_and_refuses_to_change_a_recorded_one(copy):
    result = add_unwomen(copy)
    assert result.returncode == 0, result.stderr
    assert (copy.raw("reports", UNW).read_bytes() == (NEW / UNW).read_bytes())
    manifest = pd.read_csv(copy.raw("reports", "sources.csv"), dtype=str, keep_default_na=False).set_index("file")
    assert manifest.loc[UNW, ["actor", "prefix", "period_covered"]].tolist() == ["UN Women", "UNW", "2023"]
    assert f"reports/{UNW}" in copy.raw("checksums.sha256").read_text()
    again = add_unwomen(copy)
    assert again.returncode == 2 and "already recorded" in again.stderr
    unknown = copy.run("add-source", str(NEW / SHA), "--actor", "Nobody", "--title", "t", "--publisher", "p")
    assert unknown.returncode == 2 and "--actor-name" in unknown.stderr
    # recorded but not yet annotated: the audit lists the document's numbers
    check = copy.run("check")
    assert check.returncode == 1 and "numeric token '100' unaccounted for" in check.stdout


def test_check_doc_shows_the_rows_of_one_document_and_counts_the_rest(copy):
    assert add_hope(copy).returncode == 0
    result = copy.run("check", "--doc", HOPE)
    assert result.returncode == 1  # its numbers are not yet accounted for
    lines = result.stdout.splitlines()
    assert f"data/raw/reports/{HOPE}: error: offset" in lines[0] and "'8,600' unaccounted for" in result.stdout
    assert not [line for line in lines if "IFRC-" in line or "WPHF-" in line]
    assert lines[-2] == f"24 error(s), 0 warning(s) for {HOPE} and whole files"  # its 24 numeric tokens
    assert lines[-1] == "other documents: 0 error(s), 14 warning(s) (run without --doc to see them)"
    unknown = copy.run("check", "--doc", "nowhere.txt")
    assert unknown.returncode == 2 and "nowhere.txt is not in data/raw/reports/" in unknown.stderr


# --- the whole way: a later year of an actor, and a new actor --------------------------------


@pytest.mark.slow
def test_a_new_year_and_a_new_actor_need_no_code_change(copy):
    assert add_unwomen(copy).returncode == 0
    assert add_brief(copy).returncode == 0
    copy.append("figures.csv", NEW / "unwomen-2023-figures.csv")
    copy.append("figures.csv", NEW / "sahel-harvest-alliance-figures.csv")
    copy.append("coverage_exclusions.csv", NEW / "exclusions.csv")
    check = copy.run("check", "--no-warnings")
    assert check.returncode == 0, check.stdout

    reports = copy.run("reports", timeout=900)
    assert reports.returncode == 0, reports.stdout + reports.stderr
    data = copy.root / "data" / "processed"
    reach = pd.read_csv(data / "gender_reach_by_actor.csv", dtype={"report_period": str}).set_index(
        ["actor", "report_period"])
    # two years of one actor are two rows
    assert {("UN Women", "2021"), ("UN Women", "2023"), ("Sahel Harvest Alliance", "2024")} <= set(reach.index)
    unw = reach.loc[("UN Women", "2023")]
    # 100 women and girls, 180 girls, 42 women: all women by design, in places that may overlap
    assert (unw.people_low, unw.people_high, unw.people_female) == (180, 322, 322)
    assert unw.women_only_people == 322 and pd.isna(unw.female_share) and pd.isna(unw.people_male)
    sha = reach.loc[("Sahel Harvest Alliance", "2024")]
    # the headline 12,400 with its 7,300 women; the activities listed under it are inside it
    assert (sha.people_low, sha.people_high, sha.people_female) == (12_400, 12_400, 7_300)
    assert pd.isna(sha.people_male) and sha.people_sex_unknown == 5_100

    costs = pd.read_csv(data / "cost_per_beneficiary.csv")
    own = costs[costs.actor == "Sahel Harvest Alliance"]
    pair = own[(own.measure == "cost per beneficiary") & (own.per == "person")].iloc[0]
    rates = pd.read_csv(copy.raw("exchange_rates.csv"))
    in_2024 = rates[rates.year == 2024].set_index("quote").rate
    usd_to_chf = in_2024["CHF"] / in_2024["USD"]  # both legs through EUR, as printed in the table
    # spending divided by the headline's people only: the 250 households are the 1,500 people
    assert pair.central == pytest.approx(1_860_000 * usd_to_chf / 12_400)
    assert pair.beneficiary_figure_ids == "SHA-001" and pair.rate_years == "2024"
    assert not (own.per == "organisation").any(), "implementing partners are not beneficiaries"
    shown = (copy.root / "reports" / "04_actor_profile--sahel-harvest-alliance.html").read_text(encoding="utf-8")
    assert "Sahel Harvest Alliance (2024)" in shown
    landing = (copy.root / "reports" / "05_overview.html").read_text(encoding="utf-8")
    assert "04_actor_profile--sahel-harvest-alliance.html" in landing
    assert copy.git("status", "--porcelain", "--", "src", "notebooks") == "", "no code change"


@pytest.mark.slow
def test_the_walkthrough_brief_annotated_from_the_docs_alone_gives_the_right_numbers(copy):
    """The colleague's first annotation of the brief, made from the docs alone: no programme
    named on any row. Expected: 8,600 reached (5,100 women, 3,500 men); 4.5 million inhabitants
    and 1.2 million in need as context; the spending over the people reached; the budget, which
    pairs only with targets, unpaired; the implementing partners and the households no denominator."""
    added = add_hope(copy)
    assert added.returncode == 0 and "prefix WHN" in added.stdout, added.stdout + added.stderr
    copy.append("figures.csv", NEW / "womens-hope-network-figures.csv")
    copy.append("coverage_exclusions.csv", NEW / "womens-hope-network-exclusions.csv")
    check = copy.run("check", "--doc", HOPE)
    assert check.returncode == 0, check.stdout
    assert f"0 error(s), 0 warning(s) for {HOPE}" in check.stdout

    reports = copy.run("reports", "--only", "01_clean_figures", "--only", "02_gender_reach",
                       "--only", "03_cost_per_beneficiary", timeout=900)
    assert reports.returncode == 0, reports.stdout + reports.stderr
    data = copy.root / "data" / "processed"
    reach = pd.read_csv(data / "gender_reach_by_actor.csv", dtype={"report_period": str}).set_index(
        ["actor", "report_period"]).loc[("Women's Hope Network", "2023")]
    assert (reach.people_low, reach.people_high, reach.people_female, reach.people_male) == (8_600, 8_600, 5_100, 3_500)
    assert reach.female_share == pytest.approx(5_100 / 8_600) and round(reach.female_share, 3) == 0.593
    assert reach.parity_index == pytest.approx(5_100 / 3_500) and round(reach.parity_index, 2) == 1.46
    context = pd.read_csv(data / "gender_population_context.csv")
    assert context[context.actor == "Women's Hope Network"].set_index("figure_id").value.to_dict() == {
        "WHN-013": 4_500_000, "WHN-014": 1_200_000}
    groups = pd.read_csv(data / "gender_women_share_groups.csv").set_index("figure_ids")
    assert groups.loc["WHN-008", ["group", "printed_share"]].tolist() == [
        "Young women among the 1,200 young people trained", 0.4]

    costs = pd.read_csv(data / "cost_per_beneficiary.csv")
    mine = costs[costs.actor == "Women's Hope Network"]
    assert mine.measure.tolist() == ["cost per beneficiary"]  # one pair, per person: no "amounts not paired"
    pair = mine.iloc[0]
    rates = pd.read_csv(copy.raw("exchange_rates.csv"))
    in_2023 = rates[rates.year == 2023].set_index("quote").rate
    usd_to_chf = in_2023["CHF"] / in_2023["USD"]  # both legs through EUR: 0.9718 / 1.0813
    assert pair.central == pytest.approx(780_000 * usd_to_chf / 8_600) and round(pair.central, 1) == 81.5
    assert (pair.cost_figure_ids, pair.beneficiary_figure_ids, pair.per) == ("WHN-016", "WHN-002", "person")
    assert (pair.people_lower, pair.people_upper, pair.low, pair.high) == (8_600, 8_600, pair.central, pair.central)
    assert pair.headline and pair.trust_grade == "comparable" and pair.rate_years == "2023"
    assert "WHN-015" not in set(costs.cost_figure_ids), "a budget pairs only with targets, and there are none"
    assert "4 counts that are parts of these not counted again: WHN-003, WHN-004 (sex), WHN-005, WHN-009 " \
           "(sub-activities)" in pair.note
    assert "same programme" not in pair.note
    used = pd.read_csv(data / "cost_figures_used.csv")
    assert not used.id.isin(["WHN-001", "WHN-010"]).any(), "partners and the households are no denominator"
