"""Cost per beneficiary: conversion, households, overlap bounds and matching rules on small
hand-made cases, then a few pairs recomputed by hand from the real clean figures."""
import math
from dataclasses import replace

import pandas as pd
import pytest

from helpers.analysis import beneficiaries as ben
from helpers.analysis.costs import matching, records, sensitivity
from helpers.analysis.costs import table as output
from helpers.analysis.costs.table import cost_table
from helpers.cleaning import money
from helpers.parameters import ParameterError
from helpers.reporting import registry
from helpers.reporting.text import costs as words
from helpers.reporting.text import costs_summary as summary
from helpers.sources import manifest, periods
from helpers.sources.figures import load_clean_figures

# --- hand-made inputs --------------------------------------------------------------------

CLEAN_DEFAULTS = dict(
    doc="report.txt", quote="", value_raw="", value=float("nan"), unit="people", actor="IFRC network",
    indicator="people_reached", reach_kind="reached", status="ok", qualifier="exact",
    currency="", programme="Plan", implementer="", scope="", period="2023", report_period="2023", region="Mali",
    sex="all", parent_id="", part_kind="", money_kind="", same_as="", doubt="", disagrees_with="", notes="")


def clean(*rows: dict) -> pd.DataFrame:
    """Clean figures as 01_clean_figures writes them (text columns, numeric value)."""
    frame = pd.DataFrame([{**CLEAN_DEFAULTS, **r} for r in rows])
    frame["value_raw"] = [r or f"{v:g}" for r, v in zip(frame.value_raw, frame.value)]
    frame["quote"] = [q or f"quote of {i}" for q, i in zip(frame.quote, frame.figure_id)]
    return frame


def money_row(fid, value, kind, currency="CHF", **kw):
    return dict(figure_id=fid, value=value, unit="money", indicator="money", reach_kind="none",
                money_kind=kind, currency=currency, **kw)


def count(fid, value, indicator="people_reached", reach_kind="reached", **kw):
    unit = "households" if indicator == "households_targeted" else "people"
    return dict(figure_id=fid, value=value, indicator=indicator, reach_kind=reach_kind, unit=unit, **kw)


RATES = pd.DataFrame([
    dict(year=2023, base="EUR", quote="XOF", rate=655.957, kind="fixed_parity", source="BCEAO", url="",
         note="verified"),
    dict(year=2023, base="EUR", quote="CHF", rate=0.9718, kind="annual_average", source="ECB", url="",
         note="value as published by the ECB; not verified against a stored copy"),
    dict(year=2022, base="EUR", quote="XOF", rate=655.957, kind="fixed_parity", source="BCEAO", url="", note=""),
    dict(year=2022, base="EUR", quote="CHF", rate=1.0047, kind="annual_average", source="ECB", url="", note=""),
])
NO_SUPPLEMENT = pd.DataFrame(columns=["supp_id", "actor", "programme", "period", "amount_raw", "value",
                                      "currency", "money_kind", "source_title", "publisher", "published",
                                      "url", "quote", "note"])


def inputs_for(figures: pd.DataFrame, supplementary: pd.DataFrame = NO_SUPPLEMENT) -> records.Inputs:
    return records.build_inputs(figures, supplementary, RATES, ben.denominators(figures))


SETTINGS = records.Settings(household_sizes=(5.0, 8.0))


def noted_table(inputs, settings):
    """The cost table as the notebook writes it: with the note of every row."""
    return words.with_notes(cost_table(inputs, settings))


# --- denominators ------------------------------------------------------------------------


@pytest.mark.parametrize("text, years", [
    ("2023", (2023, 2023)), ("2015-2018", (2015, 2018)), ("2016-04-30 to 2021-10-30", (2016, 2021)),
    ("26 months, signed in or reported for 2023", (2023, 2023)), ("", None), ("26 months", None),
])
def test_period_years(text, years):
    assert periods.years(text) == years


def test_unstated_period_overlaps_nothing():
    assert periods.overlap((2015, 2017), (2017, 2018))
    assert not periods.overlap((2011, 2015), (2016, 2020))
    assert not periods.overlap((2011, 2015), None)


@pytest.mark.parametrize("cost, counted, fits", [
    ("Mali", "Mopti", True), ("Mali", "multiple", True), ("Mali", "", True), ("Mopti", "Mopti", True),
    ("Mopti", "Gao", False), ("", "Mali", False), ("Mopti", "Mali", False), ("Mali", "outside Mali", False),
])
def test_region_fits(cost, counted, fits):
    assert ben.region_fits(cost, counted) is fits


def test_households_are_reached_or_targeted_by_reach_kind():
    assert ben.definition_of("households_targeted", "targeted") == "households_targeted"
    assert ben.definition_of("households_targeted", "reached") == "households_reached"
    assert ben.definition_of("population_context", "affected") is None


def test_restated_part_is_nested_in_the_parent_of_what_it_restates():
    figures = clean(count("T", 100), count("P", 40, parent_id="T", status="duplicate"),
                    count("N", 41, same_as="P"))
    assert ben.denominators(figures).set_index("figure_id").nested_in.to_dict() == {"T": "", "N": "T"}


def test_denominators_drop_duplicates_and_flag_doubts():
    figures = clean(count("A", 10), count("B", 10, status="duplicate", same_as="A"),
                    count("C", 5, status="inconsistent"), count("D", 7, status="inconsistent", doubt="shifted_column"),
                    money_row("M", 100, "expenditure"), count("E", 3, indicator="members", reach_kind="members"))
    counts = ben.denominators(figures).set_index("figure_id")
    assert list(counts.index) == ["A", "C", "D"]
    assert counts.flagged.to_dict() == {"A": False, "C": True, "D": True}
    assert counts.loc["D", "doubt"] == "shifted_column"


def test_household_conversion():
    values = pd.Series([3000.0, 10.0])
    units = pd.Series(["household", "person"])
    assert ben.to_people(values, units, 6.0).tolist() == [18000.0, 10.0]


def test_overlap_bounds_skip_parts_and_convert_households():
    figures = clean(count("A", 100), count("B", 60), count("A1", 70, parent_id="A"),
                    count("H", 10, indicator="households_targeted", reach_kind="reached"))
    members = ben.denominators(figures)
    bounds = ben.people_bounds(members, 5.0)
    assert (bounds.low, bounds.high) == (100.0, 100 + 60 + 50)
    # a part whose total is not among the members counts on its own
    bounds = ben.people_bounds(members[members.figure_id != "A"], 5.0)
    assert (bounds.low, bounds.high) == (70.0, 60 + 70 + 50)
    # counts of different regions cannot be the same people: they are added for the low end
    regional = ben.denominators(clean(count("K", 100, region="Kayes"), count("M", 60, region="Mopti")))
    assert ben.people_bounds(regional, 1.0).low == 160


# --- money -------------------------------------------------------------------------------


@pytest.mark.parametrize("printed, qualifier", [
    ("plus d’un milliard de Fcfa", "more_than"), ("ruim € 40 miljoen", "more_than"),
    ("over XOF 26,000,000", "more_than"), ("540 121 000 FCFA, soit environ 867 620 USD", "exact"),
    ("about 1.2M", "approximately"), ("€ 1092154", "exact"),
])
def test_amount_qualifier(printed, qualifier):
    assert records.amount_qualifier(printed) == qualifier


def test_rate_rows_name_both_legs_through_the_pivot_and_their_verification():
    used = money.rates_used([("XOF", "2023"), ("CHF", "2023")], "CHF", 2023, RATES)
    assert set(zip(used.base, used.quote)) == {("EUR", "XOF"), ("EUR", "CHF")}
    assert used.set_index("quote").verified.to_dict() == {"XOF": True, "CHF": False}
    assert money.rate_rows(RATES, "CHF", "CHF", 2023).empty


def test_conversion_uses_the_chosen_currency_and_year():
    figures = clean(money_row("M", 655_957.0, "expenditure", currency="XOF"), count("R", 100))
    pair = matching.cost_pairs(inputs_for(figures), SETTINGS).iloc[0]
    assert pair.central == pytest.approx(1000 * 0.9718 / 100)  # its own year, 2023
    assert pair.currency == "CHF" and pair.rate_year == 0 and pair.rate_years == "2023"
    in_2022 = matching.cost_pairs(inputs_for(figures), replace(SETTINGS, rate_year=2022)).iloc[0]
    assert in_2022.central == pytest.approx(1000 * 1.0047 / 100)
    in_xof = matching.cost_pairs(inputs_for(figures), replace(SETTINGS, target_currency="XOF")).iloc[0]
    assert in_xof.central == pytest.approx(6559.57)
    with pytest.raises(money.MissingRateError):
        matching.cost_pairs(inputs_for(figures), replace(SETTINGS, rate_year=2011))


def test_money_is_converted_at_the_rates_of_its_own_period_by_default():
    # 2022-2023 money at the mean of the 2022 and 2023 EUR/CHF rates; 2022 money at 2022 rates
    figures = clean(money_row("M2", 655_957.0, "expenditure", currency="XOF", period="2022-2023"),
                    money_row("M1", 655_957.0, "expenditure", currency="XOF", period="2022",
                              programme="Old"), count("R", 100, period="2022-2023"),
                    count("O", 100, period="2022", programme="Old"))
    pairs = matching.cost_pairs(inputs_for(figures), SETTINGS).set_index("cost_figure_ids")
    assert pairs.loc["M2", "central"] == pytest.approx(1000 * (0.9718 + 1.0047) / 2 / 100)
    assert pairs.loc["M1", "central"] == pytest.approx(1000 * 1.0047 / 100)
    assert (pairs.loc["M2", "rate_years"], pairs.loc["M1", "rate_years"]) == ("2022-2023 (mean)", "2022")
    forced = matching.cost_pairs(inputs_for(figures), replace(SETTINGS, rate_year=2023)).set_index("cost_figure_ids")
    assert forced.loc["M1", "central"] == pytest.approx(1000 * 0.9718 / 100)


# --- matching rules ----------------------------------------------------------------------


def test_expenditure_fits_reach_and_requirement_fits_targets():
    figures = clean(money_row("E", 1000, "expenditure"), money_row("Q", 5000, "funding_requirement"),
                    count("R", 100), count("T", 1000, indicator="people_targeted", reach_kind="targeted"))
    pairs = matching.cost_pairs(inputs_for(figures), SETTINGS).set_index("cost_figure_ids")
    assert pairs.beneficiary_figure_ids.to_dict() == {"E": "R", "Q": "T"}
    assert pairs.central.to_dict() == {"E": 10.0, "Q": 5.0}


def test_money_beneficiaries_earned_is_never_a_cost():
    figures = clean(money_row("I", 2400, "beneficiary_income", qualifier="more_than", quote="s"),
                    count("W", 24, quote="s"), count("X", 99))
    assert matching.cost_pairs(inputs_for(figures), SETTINGS).empty
    value = matching.value_pairs(inputs_for(figures), SETTINGS).iloc[0]
    assert (value.measure, value.beneficiary_figure_ids, value.central, value.bound) == (
        "value per beneficiary", "W", 100.0, "lower bound")


def test_no_pair_across_periods_places_or_programmes():
    figures = clean(money_row("OLD", 1000, "expenditure", period="2021"),
                    money_row("WORLD", 1000, "expenditure", region=""),
                    money_row("OTHER", 1000, "expenditure", programme="Other"),
                    count("R", 100))
    inputs = inputs_for(figures)
    assert matching.cost_pairs(inputs, SETTINGS).empty
    reasons = {r.record_id: words.unpaired_reason(matching.unmatched_reason(r, inputs, SETTINGS))
               for r in inputs.records.itertuples()}
    assert "overlapping period" in reasons["OLD"]
    assert "same place" in reasons["WORLD"]
    assert "same programme" in reasons["OTHER"]


def test_figures_naming_no_programme_are_their_documents_programme():
    figures = clean(money_row("SPENT", 1000, "expenditure", programme=""), money_row("BUDGET", 1200, "budget", programme=""),
                    count("R", 100, programme=""), count("W", 60, programme="", sex="female", parent_id="R",
                                                             part_kind="sex"))
    inputs = inputs_for(figures)
    pair = matching.cost_pairs(inputs, SETTINGS).set_index("cost_figure_ids").loc["SPENT"]
    assert (pair.beneficiary_figure_ids, pair.central) == ("R", 10.0)
    table = noted_table(inputs, replace(SETTINGS, actors=("IFRC network",)))
    assert "same programme" not in " ".join(table.note)  # the budget has no targets, not another programme
    budget = inputs.records.set_index("record_id").loc["BUDGET"]
    assert matching.unmatched_reason(budget, inputs, SETTINGS).code == "no_counts"


def test_an_unnamed_programme_pairs_with_no_other_document_and_no_named_programme():
    figures = clean(money_row("A-1", 1000, "expenditure", programme="", doc="a.txt"),
                    money_row("A-2", 1000, "expenditure", programme="Plan", doc="a.txt"),
                    count("B-1", 100, programme="", doc="b.txt"), count("A-3", 50, programme="", doc="a.txt",
                                                                      period="2021"))
    inputs = inputs_for(figures)
    assert matching.cost_pairs(inputs, SETTINGS).empty
    money_rows = inputs.records.set_index("record_id")
    other_doc = matching.unmatched_reason(money_rows.loc["A-1"], inputs, SETTINGS)
    assert (other_doc.code, other_doc.period) == ("no_period", "2023")  # A-3 is its programme, of 2021
    named = matching.unmatched_reason(money_rows.loc["A-2"], inputs, SETTINGS)
    assert (named.code, named.programme) == ("no_programme", "Plan")
    assert named.programmes == (records.Unnamed("a.txt"), records.Unnamed("b.txt"))


def test_sub_programmes_come_from_parent_links_between_money_figures():
    figures = clean(money_row("PLAN", 15.6, "funding_requirement"),
                    money_row("EMERG", 5, "funding_requirement", programme="Emergency", parent_id="PLAN"),
                    money_row("SPENT", 1000, "expenditure"),
                    count("R1", 100), count("R2", 40, programme="Emergency"))
    scopes = records.programme_scopes(figures)
    assert scopes[("IFRC network", "Plan")] == {"Plan", "Emergency"}
    assert scopes[("IFRC network", "Emergency")] == {"Emergency"}
    pair = matching.cost_pairs(inputs_for(figures), SETTINGS).set_index("cost_figure_ids").loc["SPENT"]
    assert pair.beneficiary_figure_ids == "R1 R2"


def test_overlapping_reach_gives_low_central_high():
    figures = clean(money_row("E", 3000, "expenditure"), count("A", 100), count("B", 50),
                    count("A1", 80, parent_id="A"))
    pair = matching.cost_pairs(inputs_for(figures), SETTINGS).iloc[0]
    assert (pair.people_lower, pair.people_upper) == (100, 150)
    assert (pair.low, pair.central, pair.high) == pytest.approx((3000 / 150, 3000 / 125, 3000 / 100))
    assert pair.bound == "range"
    assert pair.beneficiary_figure_ids == "A B"


def test_the_note_names_the_parts_not_counted_again():
    figures = clean(money_row("E", 8600, "expenditure"), count("H", 8600),
                    count("W", 5100, sex="female", parent_id="H", part_kind="sex"),
                    count("M", 3500, sex="male", parent_id="H", part_kind="sex"),
                    count("S", 2400, sex="female", parent_id="H", part_kind="subset"),
                    count("F", 3000, parent_id="H", part_kind="subset"),
                    count("K", 1000, region="Kayes", parent_id="F", part_kind="location"))
    pair = words.with_notes(matching.cost_pairs(inputs_for(figures), SETTINGS)).iloc[0]
    assert (pair.beneficiary_figure_ids, pair.central) == ("H", 1.0)
    assert ("5 counts that are parts of these not counted again: W, M (sex), S, F (sub-activities), K (place)"
            in pair.note)
    one = words.with_notes(matching.cost_pairs(inputs_for(figures.iloc[:3]), SETTINGS)).iloc[0]
    assert "1 count that is a part of these not counted again: W (sex)" in one.note


def test_households_give_a_per_household_and_a_per_person_row():
    figures = clean(money_row("F", 1_000_000, "funding", period="2015-2017", qualifier="more_than"),
                    count("H", 100, indicator="households_targeted", reach_kind="targeted", period="2015-2018"))
    pairs = words.with_notes(matching.cost_pairs(inputs_for(figures), replace(SETTINGS, household_size=6.0)))
    pairs = pairs.set_index("per")
    assert pairs.loc["household", "central"] == 10_000
    assert pairs.loc["person", ["low", "central", "high"]].tolist() == pytest.approx(
        [1_000_000 / 800, 1_000_000 / 600, 1_000_000 / 500])
    assert set(pairs.bound) == {"lower bound"}
    assert "funding received, not expenditure" in pairs.loc["person", "note"]


def test_a_disputed_amount_is_said_from_the_structured_field_not_from_words_in_notes():
    disputed = clean(money_row("E", 1000, "expenditure", disagrees_with="X", notes="see the table rows"),
                     money_row("X", 1600, "expenditure", programme="Other"), count("R", 100))
    keyword_only = clean(money_row("E", 1000, "expenditure", notes="DISAGREEMENT: below the rows"), count("R", 100))
    noted = words.with_notes(matching.cost_pairs(inputs_for(disputed), SETTINGS)).set_index("cost_figure_ids")
    assert "the amount is disputed: it disagrees with X of the same report" in noted.loc["E", "note"]
    assert noted.loc["E", "disputed_by"] == "X"
    assert "disagrees" not in words.with_notes(matching.cost_pairs(inputs_for(keyword_only), SETTINGS)).note.iloc[0]


def test_flagged_and_duplicate_figures():
    figures = clean(money_row("E", 1000, "expenditure", status="inconsistent"),
                    money_row("D", 1000, "expenditure", status="duplicate", same_as="E"),
                    count("R", 100))
    inputs = inputs_for(figures)
    assert matching.cost_pairs(inputs, SETTINGS).empty
    with_flagged = matching.cost_pairs(inputs, replace(SETTINGS, include_flagged=True))
    assert with_flagged.cost_figure_ids.tolist() == ["E"] and with_flagged.flagged.all()
    assert output.flagged_pairs(inputs, SETTINGS).cost_figure_ids.tolist() == ["E"]


def test_chosen_definitions_limit_the_pairs():
    figures = clean(money_row("E", 1000, "expenditure"), count("R", 100),
                    count("S", 400, indicator="people_sensitized", reach_kind="sensitized"))
    narrow = matching.cost_pairs(inputs_for(figures), SETTINGS).iloc[0]
    broad = matching.cost_pairs(inputs_for(figures), replace(SETTINGS, beneficiary_definitions=ben.BROAD_REACH)).iloc[0]
    assert narrow.beneficiary_figure_ids == "R"
    assert (broad.people_lower, broad.people_upper) == (400, 500)
    assert matching.cost_pairs(inputs_for(figures), replace(SETTINGS, cost_definitions=("funding",))).empty


@pytest.mark.parametrize("num, dens, bound", [
    ("exact", ["exact"], "exact"), ("more_than", ["exact"], "lower bound"),
    ("exact", ["at_least"], "upper bound"), ("more_than", ["at_least"], "not a bound"),
    ("approximately", ["exact"], "approximate"), ("exact", ["at_most"], "lower bound"),
])
def test_ratio_bound(num, dens, bound):
    assert matching.ratio_bound(num, dens) == bound


# --- supplementary amounts and the output table --------------------------------------------


def supplement(**kw) -> pd.DataFrame:
    row = dict(supp_id="S-1", actor="FAO", programme="Projet (Caisses de résilience, Bandiagara)",
               period="2015-2017", amount_raw="plus d’un milliard de Fcfa", value=1e9, currency="XOF",
               money_kind="funding", source_title="Article", publisher="News", published="", url="http://x",
               quote="plus d’un milliard", note="")
    return pd.DataFrame([{**row, **kw}])


def fao_figures() -> pd.DataFrame:
    return clean(count("FAO-1", 3000, actor="FAO", indicator="households_targeted", reach_kind="targeted",
                       programme="Caisses de résilience", region="Mopti", period="2015-2018"))


def test_supplementary_amount_joins_the_programme_it_names():
    found = records.cost_records(fao_figures(), supplement()).set_index("record_id")
    assert (found.loc["S-1", "programme"], found.loc["S-1", "region"]) == ("Caisses de résilience", "Mopti")
    assert found.loc["S-1", "qualifier"] == "more_than"
    pairs = matching.cost_pairs(inputs_for(fao_figures(), supplement()), SETTINGS)
    assert set(pairs.per) == {"person", "household"} and set(pairs.cost_figure_ids) == {"S-1"}


def test_supplementary_amount_for_other_years_is_not_divided():
    inputs = inputs_for(fao_figures(), supplement(period="2022-2024"))
    table = noted_table(inputs, replace(SETTINGS, actors=("FAO",)))
    assert table.measure.tolist() == ["amounts not paired"]  # an amount exists: not "no cost data"
    assert table.note.iloc[0].startswith(words.NOT_PAIRED)
    assert "overlapping period" in table.note.iloc[0]


def test_the_same_money_in_a_report_and_the_supplementary_table_counts_once():
    figures = pd.concat([fao_figures(), clean(money_row("FAO-9", 1e9, "funding", currency="XOF", actor="FAO",
                                                        programme="Caisses de résilience", period="2015-2017"))])
    found = records.cost_records(figures, supplement(amount_raw="1 000 000 000 FCFA")).set_index("record_id")
    assert found.loc["S-1", ["status", "same_as"]].tolist() == ["duplicate", "FAO-9"]
    pairs = matching.cost_pairs(inputs_for(figures, supplement()), SETTINGS)
    assert set(pairs.cost_figure_ids) == {"FAO-9"}


def test_every_chosen_actor_gets_a_row_and_the_plain_words():
    figures = pd.concat([fao_figures(), clean(count("W-1", 200, actor="WPHF", indicator="people_targeted",
                                                    reach_kind="targeted", period=""))])
    table = noted_table(inputs_for(figures, supplement()), SETTINGS)
    assert set(table.actor) == set(manifest.actors())
    heads = words.actor_table(table).set_index("actor")
    assert heads.loc["WPHF", "value"] == words.NO_COST
    assert heads.loc["WPHF", "what would be needed"].startswith("programme expenditure")
    assert "any amount of money" in heads.loc["WPHF", "notes"]
    assert heads.loc["FAO", "value"].startswith("more than CHF")
    assert table.headline.sum() == len(manifest.actors())


def test_headline_prefers_expenditure_then_widest_count_then_unflagged():
    figures = clean(money_row("SMALL", 100, "expenditure", programme="Emergency"),
                    money_row("BIG", 1000, "expenditure", status="inconsistent"),
                    money_row("DOUBT", 2000, "expenditure", status="inconsistent", doubt="implausible"),
                    money_row("ALLOC", 50, "allocation"),
                    count("E1", 10, programme="Emergency"), count("R", 500),
                    count("T", 100, indicator="people_targeted", reach_kind="targeted"))
    inputs = inputs_for(figures)
    heads = noted_table(inputs, replace(SETTINGS, actors=("IFRC network",)))
    assert heads[heads.headline].cost_figure_ids.tolist() == ["SMALL"]
    flagged = noted_table(inputs, replace(SETTINGS, actors=("IFRC network",), include_flagged=True))
    assert flagged[flagged.headline].cost_figure_ids.tolist() == ["BIG"]


def test_sensitivity_ranges_and_summary_agree_with_the_table():
    figures = clean(money_row("F", 600_000, "funding", currency="XOF", actor="FAO", programme="P",
                              region="Mopti", period="2015-2017", qualifier="more_than"),
                    count("H", 100, actor="FAO", indicator="households_targeted", reach_kind="targeted",
                          programme="P", region="Mopti", period="2015-2018"))
    inputs = inputs_for(figures)
    settings = replace(SETTINGS, household_size=6.0, actors=("FAO",))
    table = noted_table(inputs, settings)
    sens = sensitivity.sensitivity(inputs, settings, table).set_index("factor")
    chf = 600_000 / 655.957 * 0.9718  # 2015-2017 is not in the test rates: the latest year, 2023
    assert sens.loc["household size", ["low", "high"]].tolist() == pytest.approx([chf / 800, chf / 500])
    assert sens.loc["exchange-rate year", ["low", "high"]].tolist() == pytest.approx(
        sorted([600_000 / 655.957 * r / 600 for r in (0.9718, 1.0047)]))
    assert sens.loc["overlap of counts", "low"] == sens.loc["overlap of counts", "high"]
    head = table[table.headline].iloc[0]
    text = " ".join(summary.summary_sentences(table, sens.reset_index(), settings, inputs.records))
    assert f"more than CHF {words.fmt_number(head.central)}" in text
    assert "household size" in text


def test_caveats_name_unverified_rates_and_the_price_year():
    figures = clean(money_row("E", 1000, "expenditure", currency="XOF"), count("R", 100))
    inputs = inputs_for(figures)
    table = noted_table(inputs, replace(SETTINGS, actors=("IFRC network",)))
    used = money.rates_used([("XOF", "2023")], "CHF", 2023, RATES)
    text = " ".join(summary.caveats(table, table.iloc[0:0], inputs.records, used, SETTINGS))
    assert "EUR/CHF 2023 = 0.9718" in text and "EUR/XOF" not in text
    assert "no inflation adjustment" in text


def test_figures_used_lists_money_and_counts_with_quotes():
    figures = clean(money_row("E", 1000, "expenditure", quote="We spent 1000."), count("R", 100, quote="100 reached."))
    inputs = inputs_for(figures)
    table = noted_table(inputs, replace(SETTINGS, actors=("IFRC network",)))
    used = output.figures_used(table, table.iloc[0:0], inputs.records, inputs.counts).set_index("id")
    assert used.quote.to_dict() == {"E": "We spent 1000.", "R": "100 reached."}


# --- parameters --------------------------------------------------------------------------


def test_catalog_entry_matches_the_vocabularies_and_rejects_bad_values():
    spec = registry.notebooks()["03_cost_per_beneficiary"].params
    assert list(spec["cost_definitions"].allowed()) == list(records.MATCH_RULES)
    assert set(spec["beneficiary_definitions"].default) <= set(ben.DEFINITIONS)
    for bad, hint in [(dict(target_currency="GBP"), "'CHF', 'XOF', 'USD', 'EUR'"),
                      (dict(beneficiary_definitions=["people_fed"]), "people_reached"),
                      (dict(household_size=0.2), "cited sizes"), (dict(cost_definitions=[]), "at least one"),
                      (dict(actors=["Oxfam"]), "'Oxfam' is not allowed"), (dict(rate_year=1999), "0, 2011")]:
        with pytest.raises(ParameterError, match=hint):
            registry.check_params("03_cost_per_beneficiary", bad)


def test_settings_from_checked_parameters():
    params = registry.check_params("03_cost_per_beneficiary", {"actors": "FAO,CARE", "household_size": "7.8"})
    settings = records.settings_from(params, [5.811, 6.0, 7.8])
    assert settings.actors == ("FAO", "CARE") and settings.household_size == 7.8
    assert settings.household_sizes == (5.811, 6.0, 7.8)
    defaults = records.settings_from(registry.check_params("03_cost_per_beneficiary", {}), [5.811, 6.2, 7.8])
    assert defaults.actors == manifest.actors() and defaults.household_size == 6.2  # the cited median
    assert defaults.rate_year == money.OWN_YEAR


# --- the real data, recomputed by hand ----------------------------------------------------


@pytest.fixture(scope="module")
def real(processed_dir):
    figures = load_clean_figures(processed_dir)
    sizes = ben.load_household_sizes().mean_household_size
    rates = money.load_rates()
    inputs = records.build_inputs(figures, records.load_supplementary(), rates, ben.denominators(figures))
    settings = records.Settings(household_size=float(sizes.median()), household_sizes=tuple(sizes))
    by_id = figures.set_index("figure_id")
    return inputs, settings, noted_table(inputs, settings), by_id, rates


def _pair(table, cost_id, per="person"):
    hit = table[(table.cost_figure_ids == cost_id) & (table.per == per)]
    assert len(hit) == 1, f"no single {per} pair for {cost_id}"
    return hit.iloc[0]


def test_real_dref_allocation_per_person_targeted(real):
    _, _, table, fig, _ = real
    pair = _pair(table, "IFRC-220")
    assert pair.beneficiary_figure_ids == "IFRC-221"
    assert pair.central == pytest.approx(fig.loc["IFRC-220", "value"] / fig.loc["IFRC-221", "value"])
    assert pair.central == pytest.approx(204_222 / 322_013)


def test_real_appeal_requirement_per_person_to_be_assisted(real):
    _, _, table, fig, _ = real
    for cost_id in ("IFRC-206", "IFRC-207"):
        pair = _pair(table, cost_id)
        assert pair.beneficiary_figure_ids == "IFRC-210"
        assert pair.central == pytest.approx(fig.loc[cost_id, "value"] / 350_000)
    assert not table.cost_figure_ids.isin(["IFRC-204", "IFRC-205"]).any()  # all countries, not Mali


def test_real_fao_funding_per_targeted_household_and_person(real):
    _, settings, table, fig, rates = real
    # 2015-2017 money at the mean of its years' rates
    to_chf = sum(money.rate(rates, "XOF", "CHF", y) for y in (2015, 2016, 2017)) / 3
    households = fig.loc["FAO-001", "value"]
    assert _pair(table, "FAO-1", "household").central == pytest.approx(1e9 * to_chf / households)
    person = _pair(table, "FAO-1")
    assert person.central == pytest.approx(1e9 * to_chf / (households * 6.0))
    assert person.low == pytest.approx(1e9 * to_chf / (households * max(settings.household_sizes)))
    assert person.bound == "lower bound" and person.headline


def test_real_network_expenditure_bounds_from_the_headline_reach(real):
    inputs, settings, _, fig, _ = real
    pairs = matching.cost_pairs(inputs, replace(settings, include_flagged=True))
    pair = _pair(pairs, "IFRC-022")
    headline_reach = fig.loc[["IFRC-005", "IFRC-006", "IFRC-007", "IFRC-008", "IFRC-009", "IFRC-010"], "value"]
    assert pair.people_lower == headline_reach.max()
    counted = pair.beneficiary_figure_ids.split()
    assert set(headline_reach.index) <= set(counted)
    people = sum(fig.loc[i, "value"] * (6.0 if fig.loc[i, "unit"] == "households" else 1) for i in counted)
    assert pair.people_upper == pytest.approx(people)
    assert pair.central == pytest.approx(9_700_000 / ((pair.people_lower + pair.people_upper) / 2))


def test_real_every_actor_and_no_unsupported_number(real):
    _, _, table, _, _ = real
    heads = words.actor_table(table).set_index("actor")
    assert list(heads.index) == list(manifest.actors())
    # amounts exist for CARE (a nine-country grant) and UN Women (2022-2024 money): not "no cost data"
    for actor in ("CARE", "UN Women"):
        assert heads.loc[actor, "value"] == words.NOT_PAIRED
    assert heads.loc["WPHF", "value"] == words.NO_COST
    assert not table[table.actor == "CARE"].central.notna().any()
    assert not ((table.actor == "UN Women") & (table.measure == "cost per beneficiary")).any()
    values = table[table.measure == "value per beneficiary"]
    assert set(values.actor) == {"UN Women"}
    assert all(math.isfinite(v) for v in table.central.dropna())


def test_chart_title_names_every_factor_that_moves_the_figure_about_as_much():
    rows = pd.DataFrame({"actor": "A", "factor": ["household size", "exchange-rate year", "overlap of counts"],
                         "low": [71.0, 72.0, 90.0], "high": [95.3, 95.5, 91.0], "baseline": 92.0})
    assert list(sensitivity.largest_factors(rows).factor) == ["household size", "exchange-rate year"]
    assert summary.tornado_title(rows) == ("What moves each headline most - A: the household size and the "
                                           "exchange-rate year")
    apart = rows.assign(low=[71.0, 85.0, 90.0])
    assert summary.tornado_title(apart) == "What moves each headline most - A: the household size"
    still = rows.assign(low=rows.high)
    assert summary.tornado_title(still) == "What moves each headline most - A: none of the choices"


def test_household_conversion_reads_back_what_the_definition_says():
    from helpers.analysis.costs.matching import PER_HOUSEHOLD, household_conversion
    assert household_conversion("households targeted" + PER_HOUSEHOLD.format(size=5.811)) == ("households targeted", 5.811)
    assert household_conversion("people reached") == ("people reached", None)
