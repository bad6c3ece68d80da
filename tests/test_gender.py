"""Gender-disaggregated reach on small hand-made figures: who is counted once, how sex is
read from parts, and the shares, parity, coverage, intervals and sentences built on them."""
import math

import pandas as pd
import pytest

from helpers.analysis.gender import groups as gender_groups
from helpers.analysis.gender import metrics, selection, trace
from helpers.analysis.gender import model as share_model
from helpers.analysis.gender import units as reach
from helpers.analysis.gender.selection import Selection
from helpers.parameters import ParameterError
from helpers.reporting import registry
from helpers.reporting.text import gender as words
from helpers.reporting.text import gender_tables as tables
from helpers.reporting.text.formats import fmt_share
from helpers.sources import manifest
from helpers.sources.figures import load_clean_figures

COLUMNS = ("figure_id", "actor", "unit", "indicator", "reach_kind", "theme", "programme", "implementer",
           "scope", "period", "report_period", "location", "region", "sex", "age_group", "parent_id", "part_kind", "same_as",
           "status", "qualifier", "disagrees_with", "value_raw", "value", "quote", "notes")


def fig(fid, value, sex="all", parent="", kind="", **over) -> dict:
    row = dict(figure_id=fid, actor="A", unit="people", indicator="people_trained", reach_kind="trained",
               theme="t1", programme="P", implementer="", scope="", period="2021", report_period="2021",
               location="", region="", sex=sex, age_group="all", parent_id=parent, part_kind=kind, same_as="", status="ok",
               qualifier="exact", disagrees_with="", value_raw=str(value), value=float(value),
               quote=f"quote of {fid}", notes=f"Group {fid}. More.")
    row.update(over)
    return row


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COLUMNS))


SEL = Selection(actors=("A", "B"))


def units_of(*rows, sel=SEL, **kw):
    units, roles = reach.reach_units(frame(*rows), sel, **kw)
    return units.set_index("unit_id"), roles.set_index("figure_id")


# --- counting people once, and their sex ---------------------------------------------------


def test_sex_parts_give_women_and_men_and_the_rest_stays_unknown():
    units, roles = units_of(fig("T", 100), fig("W", 40, "female", "T", "sex"), fig("M", 50, "male", "T", "sex"))
    assert list(units.index) == ["T"]
    assert units.loc["T", ["people", "female", "male", "sex_unknown"]].tolist() == [100, 40, 50, 10]
    assert roles.loc["W", "role"] == "part of (sex)" and roles.loc["W", "of"] == "T"


def test_a_figure_of_women_is_all_women_and_girls_are_women_of_child_age():
    units, _ = units_of(fig("W", 540, "female"), fig("G", 30, "female", age_group="children"),
                        fig("B", 20, "male", age_group="adolescents"))
    assert units.loc["W", ["female", "male", "sex_unknown", "girls"]].tolist() == [540, 0, 0, 0]
    assert units.loc["G", ["female", "girls"]].tolist() == [30, 30]
    assert units.loc["B", ["male", "boys"]].tolist() == [20, 20]


def test_partially_disaggregated_total_keeps_the_remainder_unknown_never_shared_out():
    units, _ = units_of(fig("T", 115), fig("W", 41, "female", "T", "sex"))
    assert units.loc["T", ["female", "male", "sex_unknown"]].tolist() == [41, 0, 74]


def test_listed_split_with_girls_boys_women_men_is_read_through_its_parts():
    units, _ = units_of(fig("T", 1000), fig("G", 100, "female", "T", "breakdown", age_group="children"),
                        fig("B", 200, "male", "T", "breakdown", age_group="children"),
                        fig("W", 300, "female", "T", "breakdown"), fig("M", 350, "male", "T", "breakdown"),
                        fig("X", 50, "all", "T", "breakdown"))
    t = units.loc["T"]
    assert (t.female, t.male, t.girls, t.boys, t.sex_unknown) == (400, 550, 100, 200, 50)


def test_sex_parts_and_regional_parts_of_the_same_total_are_never_added():
    # 1149 = 322 men + 827 women; Bamako 749 = 211 men + 538 women (UN Women's electoral lists)
    units, _ = units_of(fig("T", 1149), fig("M", 322, "male", "T", "sex"), fig("W", 827, "female", "T", "sex"),
                        fig("BKO", 749, "all", "T", "location"), fig("BM", 211, "male", "BKO", "sex"),
                        fig("BW", 538, "female", "BKO", "sex"))
    assert units.loc["T", ["female", "male", "sex_unknown"]].tolist() == [827, 322, 0]


def test_regional_parts_give_the_sex_when_the_total_has_no_sex_parts():
    units, _ = units_of(fig("T", 300), fig("R1", 200, "all", "T", "location"), fig("R1W", 150, "female", "R1", "sex"),
                        fig("R2", 100, "all", "T", "location"), fig("R2M", 40, "male", "R2", "sex"))
    assert units.loc["T", ["female", "male", "sex_unknown"]].tolist() == [150, 40, 110]


def test_subsets_are_inside_their_total_and_their_women_are_a_lower_bound_of_its_women():
    # a headline total and the activities listed under it: 200 women trained among the 500 reached
    units, roles = units_of(fig("T", 500), fig("S", 200, "female", "T", "subset"),
                            fig("S2", 150, "female", "T", "subset"), fig("S3", 90, "all", "T", "subset"))
    assert list(units.index) == ["T"] and roles.loc["S", "role"] == "part of (subset)"
    assert units.loc["T", ["people", "female", "sex_unknown"]].tolist() == [500, 200, 300]
    assert units.loc["T", "female_stated"] and not units.loc["T", "male_stated"]


def test_parts_that_exceed_their_total_count_as_the_parts():
    units, _ = units_of(fig("T", 50), fig("W", 40, "female", "T", "sex"), fig("M", 30, "male", "T", "sex"))
    assert units.loc["T", ["people", "sex_unknown"]].tolist() == [70, 0]


def test_duplicates_are_dropped_and_restatements_counted_once():
    units, roles = units_of(fig("A1", 105), fig("A2", 105, same_as="A1", status="duplicate"),
                            fig("B1", 104, same_as="A1"))
    assert list(units.index) == ["A1"]
    assert roles.loc["B1", "role"] == "restates" and "A2" not in roles.index


def test_kept_statement_takes_over_the_parent_link_of_its_dropped_restatement():
    # the precise 3,841 restates the table's rounded 4,000, which is a subset of the headline 7,842
    units, roles = units_of(fig("H", 7842), fig("R", 4000, "all", "H", "subset", status="duplicate"),
                            fig("P", 3841, same_as="R"))
    assert list(units.index) == ["H"]
    assert roles.loc["P", "role"] == "part of (subset)" and roles.loc["P", "of"] == "H"


def test_flagged_total_left_out_keeps_its_sex_parts_as_one_group():
    rows = (fig("J", 49, status="inconsistent"), fig("JM", 33, "male", "J", "sex"),
            fig("JW", 16, "female", "J", "sex"), fig("P", 150, status="inconsistent"),
            fig("PW", 45, "female", "P", "sex"))
    units, roles = units_of(*rows)
    assert units.loc["J", ["people", "female", "male", "total_printed"]].tolist() == [49, 16, 33, False]
    assert units.loc["J", "figure_ids"] == "JM JW"
    assert units.loc["P", ["people", "female"]].tolist() == [45, 45]
    assert roles.loc["JM", "role"] == "counted: sex part of a total left out"
    flagged, _ = units_of(*rows, sel=Selection(actors=("A",), include_flagged=True))
    assert flagged.loc["J", ["people", "female", "male", "total_printed"]].tolist() == [49, 16, 33, True]
    assert flagged.loc["P", ["people", "female", "sex_unknown"]].tolist() == [150, 45, 105]


def test_part_of_a_left_out_part_of_a_kept_total_is_not_counted_again():
    units, roles = units_of(fig("T", 1246), fig("P", 150, "all", "T", "breakdown", status="inconsistent"),
                            fig("PW", 45, "female", "P", "sex"))
    # not a unit of its own; its 45 women are a lower bound of the total's women
    assert list(units.index) == ["T"] and units.loc["T", ["people", "female"]].tolist() == [1246, 45]
    assert roles.loc["PW", "of"] == "T"


def test_bounds_are_used_at_their_printed_value_and_labelled_flags_only_when_asked():
    rows = (fig("B", 300, "female", status="bound", qualifier="more_than"), fig("I", 80, status="inconsistent"),
            fig("O", 10))
    units, _ = units_of(*rows)
    assert list(units.index) == ["B", "O"]
    assert units.loc["B", ["people", "bound", "qualifier"]].tolist() == [300, True, "more_than"]
    flagged, _ = units_of(*rows, sel=Selection(actors=("A",), include_flagged=True))
    assert list(flagged.index) == ["B", "I", "O"]
    row = words.with_notes(metrics.summarise(units.reset_index(), ["actor"], 10)).iloc[0]
    assert row.bound_figures == 1 and "1 figure printed as a bound or estimate" in row.note


def test_selection_filters_actor_theme_report_period_indicator_and_targets_apart():
    rows = (fig("A1", 10), fig("A2", 20, theme="t2"), fig("A3", 30, report_period="2023"), fig("B1", 40, actor="B"),
            fig("A4", 50, indicator="population_context", reach_kind="in_need"),
            fig("A5", 60, indicator="people_targeted", reach_kind="targeted"))
    assert list(units_of(*rows, sel=Selection(actors=("A",), themes=("t1",), period="2021"))[0].index) == ["A1"]
    assert set(units_of(*rows)[0].index) == {"A1", "A2", "A3", "B1"}
    targets, _ = units_of(*rows, indicators=selection.target_indicators(), classes=("target",))
    assert list(targets.index) == ["A5"]


@pytest.mark.parametrize("indicator, kind, expected", [
    ("people_reached", "reached", "direct"), ("people_trained", "trained", "direct"), ("members", "members", "direct"),
    ("people_covered_by_plans", "covered_by_plans", "context"), ("people_reached", "affected", "context"),
    ("population_context", "in_need", "context"), ("people_reached", "at_risk", "context"),
    ("people_targeted", "targeted", "target"), ("people_reached", "targeted", "target"),
    ("workforce", "volunteers", "workforce"), ("population_context", "none", "context"),
    ("people_targeted", "none", "target"), ("people_reached", "none", ""), ("money", "none", ""),
])
def test_reach_classes_come_from_the_vocabulary(indicator, kind, expected):
    from helpers.sources import vocab
    assert vocab.reach_class(indicator, kind) == expected


def test_population_context_is_never_counted_as_reach_unless_selected_and_then_said():
    # CARE: 2 million people in the areas covered by plans beside a few thousand reached
    rows = (fig("PLANS", 2_029_052, indicator="people_covered_by_plans", reach_kind="covered_by_plans"),
            fig("T", 1839), fig("W", 540, "female"))
    units, _ = units_of(*rows)
    assert list(units.index) == ["T", "W"]
    row = metrics.summarise(units.reset_index(), ["actor"], 10).iloc[0]
    assert (row.people_low, row.people_high) == (1839, 2379)
    assert row.disaggregation_coverage == pytest.approx(540 / 2379)
    context = trace.context_figures(frame(*rows), SEL)
    assert list(context.figure_id) == ["PLANS"]
    with_context = Selection(actors=("A",), indicators=(*selection.reach_indicators(), "people_covered_by_plans"))
    assert with_context.classes == ("direct", "context")
    assert "PLANS" in units_of(*rows, sel=with_context)[0].index
    reasons = trace.left_out(frame(*rows), SEL, ["T", "W"]).set_index("figure_id").reason
    assert reasons["PLANS"] == "context"


def test_population_context_with_reach_kind_none_is_shown_as_context():
    # "The two regions have about 4.5 million inhabitants, of whom 1.2 million need assistance."
    rows = (fig("T", 8600, indicator="people_reached", reach_kind="reached"),
            fig("POP", 4_500_000, indicator="population_context", reach_kind="none", qualifier="approximately"),
            fig("NEED", 1_200_000, "all", "POP", "subset", indicator="population_context", reach_kind="in_need"))
    context = trace.context_figures(frame(*rows), SEL)
    assert context.set_index("figure_id").value.to_dict() == {"POP": 4_500_000, "NEED": 1_200_000}
    assert list(units_of(*rows)[0].index) == ["T"]
    reasons = trace.left_out(frame(*rows), SEL, ["T"]).set_index("figure_id").reason
    assert reasons.to_dict() == {"POP": "context", "NEED": "context"}


# --- metrics -------------------------------------------------------------------------------


def test_share_and_parity_need_people_of_both_known_sexes_and_a_minimum_group():
    assert metrics.female_share(30, 70) == 0.3
    assert math.isnan(metrics.female_share(3, 4, min_group_size=10))
    assert math.isnan(metrics.female_share(0, 0))
    assert metrics.parity_index(50, 50) == 1.0
    assert math.isnan(metrics.parity_index(40, 0))
    assert metrics.is_parity(0.97) and metrics.is_parity(1.03) and not metrics.is_parity(1.1)


def test_summarise_gives_a_range_and_a_sex_nobody_states_is_missing_not_zero():
    # women-only training, a total without sex, a body with only its women stated (CARE's pattern)
    units, _ = units_of(fig("W", 540, "female"), fig("T", 1839), fig("M", 13), fig("MW", 6, "female", "M", "sex"))
    row = words.with_notes(metrics.summarise(units.reset_index(), ["actor"], 10)).iloc[0]
    assert (row.people_low, row.people_high) == (1839, 2392)
    assert row.largest_figure == "T"
    assert row.people_female == 546 and pd.isna(row.people_male) and row.people_sex_unknown == 1846
    assert row.women_only_people == 540 and row.figures_both_sexes == 0
    assert math.isnan(row.female_share) and math.isnan(row.parity_index)
    assert row.disaggregation_coverage == pytest.approx(546 / 2392)
    assert row.figure_coverage == pytest.approx(2 / 3)
    assert "no figure counts both women and men" in row.note and "sex stated for only" in row.note
    shown = tables.readable(metrics.summarise(units.reset_index(), ["actor"], 10)[["people_male"]])
    assert shown.iloc[0, 0] == "not stated"


def test_share_and_parity_only_on_figures_counting_both_sexes():
    # 321 pregnant women and 26 husbands, beside 1,739 pregnant women and nursing mothers screened
    units, _ = units_of(fig("S1", 972, "female"), fig("S2", 767, "female"), fig("C", 347),
                        fig("CW", 321, "female", "C", "sex"), fig("CM", 26, "male", "C", "sex"))
    row = metrics.summarise(units.reset_index(), ["actor"], 10).iloc[0]
    assert row.parity_index == pytest.approx(321 / 26)  # not (972 + 767 + 321) / 26 = 79
    assert row.female_share == pytest.approx(321 / 347)
    assert (row.figures_both_sexes, row.both_sexes_people, row.women_only_people) == (1, 347, 1739)
    assert row.people_female == 2060 and row.people_male == 26


def test_a_total_with_only_its_women_stated_gives_no_share():
    units, _ = units_of(fig("T", 115), fig("TW", 41, "female", "T", "sex"))
    row = metrics.summarise(units.reset_index(), ["actor"], 10).iloc[0]
    assert math.isnan(row.female_share) and pd.isna(row.people_male) and row.people_sex_unknown == 74


def test_small_groups_show_no_share():
    units, _ = units_of(fig("T", 8), fig("TW", 3, "female", "T", "sex"), fig("TM", 5, "male", "T", "sex"))
    row = words.with_notes(metrics.summarise(units.reset_index(), ["actor"], 10)).iloc[0]
    assert math.isnan(row.female_share) and math.isnan(row.parity_index)
    assert "fewer people of known sex than the minimum group size" in row.note


def test_by_actor_keeps_every_selected_actor_and_period_and_says_when_there_is_nothing():
    units, _ = units_of(fig("T", 100), fig("T2", 50, report_period="2023"))
    table = words.with_notes(metrics.by_actor(units.reset_index(), ["B", "A"], 10, {"B": ["2020"]}))
    assert list(zip(table.actor, table.report_period)) == [("B", "2020"), ("A", "2021"), ("A", "2023")]
    b = table.iloc[0]
    assert b.figures == 0 and b.people_high == 0 and b.note == words.NO_FIGURES
    assert table.iloc[1].note == "no sex-disaggregated data"
    assert {"people_female", "people_male", "people_sex_unknown", "female_share", "parity_index",
            "disaggregation_coverage"} <= set(table.columns)


# --- women among leaders and trainees ------------------------------------------------------


def test_women_share_groups_from_counts_and_printed_percentages():
    rows = (fig("C", 13, indicator="members"), fig("CW", 6, "female", "C", "sex", indicator="members"),
            fig("S", 9, indicator="members"), fig("SW", 4, "female", "S", "sex", indicator="members"),
            fig("J", 49, status="inconsistent"), fig("JM", 33, "male", "J", "sex"), fig("JW", 16, "female", "J", "sex"),
            fig("P", 150, status="inconsistent"), fig("PW", 45, "female", "P", "sex"),
            fig("W", 540, "female"), fig("R", 200, indicator="people_reached"),
            fig("RW", 120, "female", "R", "sex", indicator="people_reached"),
            fig("Q", 50, "female", unit="percent", indicator="share", notes="Share of women among champions"),
            fig("T", 100), fig("TW", 25, "female", "T", "sex"),
            fig("TP", 25, "female", "T", "subset", unit="percent", indicator="share"))
    figures = frame(*rows)
    units, _ = reach.reach_units(figures, SEL)
    groups = gender_groups.women_share_groups(units, gender_groups.printed_shares(figures, SEL), figures, 10).set_index("figure_ids")
    assert groups.loc["C", "women_share"] == pytest.approx(6 / 13)
    assert groups.loc["C", ["share_ci_low", "share_ci_high"]].tolist() == pytest.approx([0.232, 0.709], abs=1e-3)
    assert pd.isna(groups.loc["C", "men"]) and groups.loc["C", "basis"] == "women counted, men not stated"
    assert groups.loc["JM JW", "basis"] == "women and men counted" and groups.loc["JM JW", "men"] == 33
    assert math.isnan(groups.loc["S", "women_share"]) and "fewer than 10" in groups.loc["S", "basis"]
    assert groups.loc["JM JW", "women_share"] == pytest.approx(16 / 49)
    assert groups.loc["T", ["women_share", "printed_share"]].tolist() == [0.25, 0.25]
    assert groups.loc["Q", "women_share"] == 0.5
    assert groups.loc["Q", "basis"] == "printed percentage; number of people not stated"
    assert groups.loc["Q", "group"] == "Champions"
    # single-sex figures say nothing about a group's make-up; reach that is not leadership is elsewhere
    assert not {"PW", "W", "R", "TP"} & set(groups.index)


def test_printed_men_share_becomes_women_share_only_without_a_women_share_beside_it():
    figures = frame(fig("T", 100), fig("M1", 63, "male", "T", "subset", unit="percent", indicator="share"),
                    fig("W1", 37, "female", "T", "subset", unit="percent", indicator="share"),
                    fig("M2", 80, "male", unit="percent", indicator="share"))
    shares = gender_groups.printed_shares(figures, SEL).set_index("figure_id")
    assert sorted(shares.index) == ["M2", "W1"]
    assert shares.loc["M2", "women_share"] == pytest.approx(0.2)


def test_wilson_interval_of_a_share():
    low, high = gender_groups.wilson_interval(6, 13)
    assert (round(low, 3), round(high, 3)) == (0.232, 0.709)
    assert all(math.isnan(x) for x in gender_groups.wilson_interval(0, 0))


def test_label_is_the_first_clause_of_the_note():
    assert gender_groups.label("Key actors of the National Police trained (80 + 26 = 106). More") == \
        "Key actors of the National Police trained"
    assert gender_groups.label("share of programme participants who are women; number not stated") == \
        "Programme participants"
    assert gender_groups.label("x" * 120, width=10) == "X" + "x" * 8 + "…"


# --- statistics ----------------------------------------------------------------------------


def mixed_units(rows):
    return pd.DataFrame([dict(unit_id=f"U{i}", actor=a, reach_kind=k, female=f, male=m)
                         for i, (a, k, f, m) in enumerate(rows)])


def test_share_model_recovers_the_odds_ratio_between_kinds_of_activity():
    units = mixed_units([("A", "trained", 30, 70), ("A", "trained", 32, 68), ("A", "sensitized", 600, 400),
                         ("A", "sensitized", 590, 410), ("B", "reached", 5, 5)])
    model = share_model.fit_share_model(units)
    row = model.table.set_index("level").loc["trained"]
    assert row.reference == "sensitized"
    assert row.odds_ratio == pytest.approx((62 / 138) / (1190 / 810), rel=1e-6)
    assert row.or_ci_low < row.odds_ratio < row.or_ci_high
    assert model.units == 4 and model.dispersion > 0
    assert "term actor" in model.left_out and "reach_kind 'reached' (1 figure)" in model.left_out
    assert "trainings counted 31% women (2 figures, from 30% to 32%) against 60% in awareness-raising" in \
        words.model_sentence(model)


def test_share_model_is_not_fitted_without_mixed_sex_figures():
    model = share_model.fit_share_model(mixed_units([("A", "trained", 30, 0), ("A", "trained", 0, 10)]))
    assert not model.fitted and model.reason == "too few mixed-sex figures"
    assert words.model_sentence(model) == "No model of women's share was fitted: too few mixed-sex figures."


# --- traceability --------------------------------------------------------------------------


def test_appendix_lists_each_used_figure_with_quote_and_left_out_says_why():
    figures = frame(fig("T", 100), fig("TW", 40, "female", "T", "sex"), fig("D", 100, same_as="T", status="duplicate"),
                    fig("F", 7, status="inconsistent"), fig("C", 9, indicator="population_context", reach_kind="affected"),
                    fig("V", 5, indicator="workforce", reach_kind="volunteers"),
                    fig("G", 50, indicator="people_targeted", reach_kind="targeted"))
    _, roles = reach.reach_units(figures, SEL)
    _, targets = reach.reach_units(figures, SEL, selection.target_indicators(), classes=("target",))
    used = trace.appendix(figures, {"reach": roles, "targets": targets})
    assert list(used.figure_id) == ["T", "TW", "G"]
    assert used.set_index("figure_id").loc["TW", "quote"] == "quote of TW"
    reasons = trace.left_out(figures, SEL, used.figure_id).set_index("figure_id").reason
    assert reasons.to_dict() == {"D": "restates", "F": "flagged", "C": "context", "V": "workforce"}
    words_for = tables.left_out_words(trace.left_out(figures, SEL, used.figure_id)).set_index("figure_id").reason
    assert words_for["C"].startswith("population context") and "not beneficiaries" in words_for["V"]


# --- parameters and inputs -----------------------------------------------------------------


def test_an_empty_selection_is_a_reason_not_an_error():
    figures = frame(fig("A1", 10), fig("A2", 20, theme="t2", report_period="2023"))
    assert selection.empty_selection(figures, Selection(actors=("A",), period="2021")) == ""
    assert "for the period chosen (2015-2018)" in selection.empty_selection(
        figures, Selection(actors=("A",), period="2015-2018"))
    assert "for the themes chosen" in selection.empty_selection(
        figures, Selection(actors=("A",), period="2021", themes=("t9",)))
    assert selection.empty_selection(figures, Selection(actors=("Z",))) == "the sources give no counts of people for Z"


def test_catalog_rejects_unknown_actor_and_period_and_empty_actors_mean_all():
    with pytest.raises(ParameterError, match=r"'Oxfam' is not allowed; valid choices: 'CARE'"):
        registry.check_params("02_gender_reach", {"actors": "Oxfam"})
    with pytest.raises(ParameterError, match=r"'1999' is not allowed; valid choices: '', .*'2021'"):
        registry.check_params("02_gender_reach", {"period": "1999"})
    with pytest.raises(ParameterError, match="choose at least one"):
        registry.check_params("02_gender_reach", {"indicators": []})
    assert registry.check_params("02_gender_reach", {"actors": "UN Women"})["actors"] == ["UN Women"]
    assert Selection.from_params(registry.check_params("02_gender_reach", {})).actors == manifest.actors()


def test_period_choices_are_the_periods_the_reports_cover():
    choices = selection.period_choices()
    assert choices[0] == "" and set(choices[1:]) == set(manifest.manifest().period_covered) - {""}


def test_missing_clean_figures_say_which_notebook_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="01_clean_figures"):
        load_clean_figures(tmp_path)


# --- words ---------------------------------------------------------------------------------


@pytest.mark.parametrize("share, text", [(0.000269, "0.03%"), (0.5, "50%"), (0.0055, "0.55%"), (0.988, "98.8%"),
                                         (0.99993, "99.99%"), (1.0, "100%"), (0.0, "0%"), (math.nan, "n/a")])
def test_fmt_share_never_rounds_a_partial_share_to_0_or_100(share, text):
    assert fmt_share(share) == text


def actor_table(*rows, periods=None):
    units, _ = units_of(*rows)
    units = units.reset_index()
    return words.with_notes(metrics.by_actor(units, ["A"], 10, periods)).iloc[0], units


def test_actor_sentences_say_plainly_what_is_missing():
    empty, units = actor_table(fig("X", 1, actor="B"), periods={"A": ["2021"]})
    assert words.actor_sentence(empty, units) == \
        "A (2021): no counts of people reached in the sources for this selection, so no sex-disaggregated data."
    targets = pd.Series(dict(figures=2, people_low=462, people_high=1042))
    assert "targets only: between 462 and 1,042 people" in words.actor_sentence(empty, units, targets)
    assert "3,000 households" in words.actor_sentence(empty, units, households=3000)
    assert "printed share of women (50%)" in words.actor_sentence(empty, units, printed=[0.5])
    no_sex, units = actor_table(fig("F1", 10, region="Mopti"), fig("F2", 15, region="Kayes"), fig("F3", 12))
    assert words.actor_sentence(no_sex, units).startswith(
        "A (2021): between 25 and 37 people reached directly, in 3 figures (at least 25: figures that cannot "
        "count the same people added (F1, F2); at most 37: every figure added). None of them states the sex")


def test_actor_sentence_names_what_its_share_rests_on_and_its_flags():
    row, units = actor_table(fig("BIG", 1000, status="repaired", scope="shared", implementer="Ministry"),
                             fig("BW", 600, "female", "BIG", "sex"), fig("BM", 400, "male", "BIG", "sex"),
                             fig("S", 40), fig("SW", 10, "female", "S", "sex"), fig("SM", 30, "male", "S", "sex"),
                             fig("B2", 20, status="bound", qualifier="at_least"))
    text = words.actor_sentence(row, units)
    # women 600 + 10 of 1,040 in the two figures counting both; BIG carries 1,000 of them
    assert "women and girls are 59%" in text and "(parity index 1.42: more women than men)" in text
    assert ("This share rests 96.2% on one figure, BIG (1,000 people trained, repaired from a damaged print, "
            "counting a shared programme, led by Ministry, not the actor's work alone).") in text
    assert "B2 (20 people trained, printed as a bound or estimate)" in text


def test_actor_sentence_says_when_sex_is_stated_for_too_few():
    row, units = actor_table(fig("T", 1000), fig("C", 20), fig("CW", 10, "female", "C", "sex"),
                             fig("CM", 10, "male", "C", "sex"))
    text = words.actor_sentence(row, units)
    assert "Sex is stated for only 2.0% of the people counted (10 women and girls, 10 men and boys)" in text
    assert ("Only 1 figure (C: 20 people, 2.0% of the reach) counts both women and men; women and girls are 50% "
            "there, which says nothing about the rest of the reach, so no share of women is given") in text


def test_summary_sentences_follow_the_data():
    units, _ = units_of(fig("T", 100), fig("TW", 60, "female", "T", "sex"), fig("TM", 40, "male", "T", "sex"),
                        fig("U", 300, actor="B"))
    units = units.reset_index()
    reach = words.with_notes(metrics.by_actor(units, ["A", "B"], 10))
    targets = words.with_notes(metrics.by_actor(units.iloc[:0], ["A", "B"], 10))
    groups = pd.DataFrame(columns=list(gender_groups.GROUP_COLUMNS))
    model = share_model.fit_share_model(units)
    context = trace.context_figures(frame(fig("X", 1)), SEL)
    text = words.summary_sentences(reach, units, targets, groups, model, context, {})
    assert text[0] == ("Of the 2 figures counting people reached directly, 1 (50%) say anything about the sex of "
                       "the people counted.")
    assert "women and girls are 60% (parity index 1.50: more women than men)" in text[1]
    assert text[2].startswith("B (2021): 300 people reached directly, in 1 figure. None of them states the sex")


def test_chart_titles_state_the_finding():
    table = pd.DataFrame(dict(actor=["A", "B", "C", "D"], people_high=[100, 50, 0, 100],
                              disaggregation_coverage=[0.9, 0.8, math.nan, 0.1], both_sexes_people=[90, 40, 0, 10],
                              female_share=[0.5, 0.8, math.nan, 0.3], parity_index=[1.0, 4.0, math.nan, 0.4]))
    assert tables.title_reach_by_sex(table) == "Sex is stated for 90% of the people A counts, for at most 80% elsewhere"
    # D's share rests on a tenth of its people: shown hollow, not counted as men outnumbering women
    assert tables.title_share_vs_parity(table) == (
        "Women outnumber men in 1 of the 2 groups where both sexes are counted for at least half of the people; "
        "1 at parity (1 more group, hollow, rests on fewer)")
    assert tables.title_share_vs_parity(table.iloc[2:]) == (
        "No group counts both women and men for at least half of its people, so no share speaks for a group "
        "(1 shown hollow, for what they are worth)")
    assert tables.title_coverage(table) == \
        "Sex is stated for at least half of the people counted in 2 of 3 actor-theme groups"


def test_sex_composition_and_readable_tables():
    table = pd.DataFrame(dict(actor=["A", "B"], people_high=[100, 0], people_female=[30, 0], people_male=[20, 0],
                              people_sex_unknown=[50, 0]))
    long = metrics.sex_composition(table)
    assert list(long.sex) == ["female", "male", "unknown"] and long.share.sum() == pytest.approx(1)
    shown = tables.readable(pd.DataFrame(dict(people_high=[1234567.0], female_share=[0.581], parity_index=[1.3877],
                                              p_value=[1e-9], note=["x"], people_male=[math.nan],
                                              theme=["drr_climate"], or_ci_low=[math.nan])))
    assert shown.iloc[0].tolist() == ["1,234,567", "58%", "1.39", "<0.001", "x", "not stated",
                                      "disaster risk reduction and climate", "–"]
    assert list(shown.columns)[:5] == ["people (at most)", "women's share (both sexes counted)",
                                       "parity index (both sexes counted)", "p", "note"]


def test_groups_sentence_and_title_name_the_extremes():
    groups = pd.DataFrame(dict(group=["Key actors of the Police", "BNDA officials", "Tiny", "Champions"],
                               figure_ids=["P", "B", "T", "C"], women_share=[0.25, 0.75, math.nan, 0.5],
                               basis=["women and men counted", "women counted, men not stated",
                                      "women and men counted; fewer than 10 people",
                                      "printed percentage; number of people not stated"]))
    assert words.groups_sentence(groups) == (
        "Women are fewer than half in 1 of the 2 bodies and trainings that state how many women they had "
        "(women ÷ group size): from 25% among key actors of the Police (P) to 75% among BNDA officials (B).")
    assert tables.title_groups(groups) == ("Women are fewer than half in 1 of the 2 groups whose women are counted "
                                           "(women ÷ group size); in 0 of the 1 groups with a printed share")
    assert words.groups_sentence(groups.iloc[2:]) == ""


def test_largest_households_per_actor_follows_the_selection():
    figures = frame(fig("H1", 3000, unit="households", indicator="households_targeted"),
                    fig("H2", 631, unit="households", indicator="households_targeted", actor="B"),
                    fig("H3", 9999, unit="households", indicator="households_targeted", status="duplicate"))
    assert reach.largest_households(figures, SEL) == {"A": 3000, "B": 631}
    assert reach.largest_households(figures, Selection(actors=("B",))) == {"B": 631}
