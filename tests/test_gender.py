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
from helpers.reporting.text.formats import fmt_share
from helpers.sources.figures import load_clean_figures

COLUMNS = ("figure_id", "actor", "unit", "indicator", "reach_kind", "theme", "programme", "implementer",
           "period", "region", "sex", "age_group", "parent_id", "part_kind", "same_as", "status",
           "value_raw", "value", "quote", "notes")


def fig(fid, value, sex="all", parent="", kind="", **over) -> dict:
    row = dict(figure_id=fid, actor="A", unit="people", indicator="people_trained", reach_kind="trained",
               theme="t1", programme="P", implementer="", period="2021", region="", sex=sex,
               age_group="all", parent_id=parent, part_kind=kind, same_as="", status="ok",
               value_raw=str(value), value=float(value), quote=f"quote of {fid}", notes=f"Group {fid}. More.")
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


def test_subsets_are_inside_their_total_and_carry_no_sex():
    units, roles = units_of(fig("T", 500), fig("S", 200, "female", "T", "subset"))
    assert list(units.index) == ["T"]
    assert units.loc["T", "female"] == 0 and roles.loc["S", "role"] == "part of (subset)"


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
    assert list(units.index) == ["T"] and units.loc["T", "female"] == 0
    assert roles.loc["PW", "of"] == "T"


def test_bounds_and_other_flags_only_when_asked_and_bounds_at_printed_value():
    rows = (fig("B", 300, "female", status="bound"), fig("I", 80, status="inconsistent"), fig("O", 10))
    assert list(units_of(*rows)[0].index) == ["O"]
    units, _ = units_of(*rows, sel=Selection(actors=("A",), include_flagged=True))
    assert units.loc["B", ["people", "bound"]].tolist() == [300, True]


def test_selection_filters_actor_theme_period_indicator_and_targets_apart():
    rows = (fig("A1", 10), fig("A2", 20, theme="t2"), fig("A3", 30, period="2023"), fig("B1", 40, actor="B"),
            fig("A4", 50, indicator="population_context"), fig("A5", 60, indicator="people_targeted"))
    assert list(units_of(*rows, sel=Selection(actors=("A",), themes=("t1",), period="2021"))[0].index) == ["A1"]
    assert set(units_of(*rows)[0].index) == {"A1", "A2", "A3", "B1"}
    targets, _ = units_of(*rows, indicators=[selection.TARGET_INDICATOR])
    assert list(targets.index) == ["A5"]


# --- metrics -------------------------------------------------------------------------------


def test_share_and_parity_need_people_of_both_known_sexes_and_a_minimum_group():
    assert metrics.female_share(30, 70) == 0.3
    assert math.isnan(metrics.female_share(3, 4, min_group_size=10))
    assert math.isnan(metrics.female_share(0, 0))
    assert metrics.parity_index(50, 50) == 1.0
    assert math.isnan(metrics.parity_index(40, 0))
    assert metrics.is_parity(0.97) and metrics.is_parity(1.03) and not metrics.is_parity(1.1)


def test_summarise_gives_a_range_not_a_sum_of_overlapping_figures():
    units, _ = units_of(fig("W", 540, "female"), fig("T", 1839), fig("M", 13), fig("MW", 6, "female", "M", "sex"))
    row = words.with_notes(metrics.summarise(units.reset_index(), ["actor"], 10), 10).iloc[0]
    assert (row.people_low, row.people_high) == (1839, 2392)
    assert row.largest_figure == "T"
    assert (row.people_female, row.people_male, row.people_sex_unknown) == (546, 0, 1846)
    assert row.female_share == 1.0 and math.isnan(row.parity_index)
    assert row.disaggregation_coverage == pytest.approx(546 / 2392)
    assert row.figure_coverage == pytest.approx(2 / 3)
    assert row.female_share_low == pytest.approx(546 / 2392) and row.female_share_high == 1.0
    assert "no men counted" in row.note and "sex stated for only" in row.note


def test_parity_mixed_uses_only_figures_counting_both_sexes():
    units, _ = units_of(fig("W", 500, "female"), fig("T", 100), fig("TW", 40, "female", "T", "sex"),
                        fig("TM", 60, "male", "T", "sex"))
    row = words.with_notes(metrics.summarise(units.reset_index(), ["actor"], 10), 10).iloc[0]
    assert row.parity_index == pytest.approx(540 / 60)
    assert row.parity_index_mixed == pytest.approx(40 / 60)


def test_small_groups_show_no_share():
    units, _ = units_of(fig("T", 8), fig("TW", 3, "female", "T", "sex"), fig("TM", 5, "male", "T", "sex"))
    row = words.with_notes(metrics.summarise(units.reset_index(), ["actor"], 10), 10).iloc[0]
    assert math.isnan(row.female_share) and math.isnan(row.parity_index)
    assert row.note == "fewer than 10 people of known sex: no share shown"


def test_by_actor_keeps_every_selected_actor_and_says_when_there_is_nothing():
    units, _ = units_of(fig("T", 100))
    table = words.with_notes(metrics.by_actor(units.reset_index(), ["B", "A"], 10), 10)
    assert list(table.actor) == ["B", "A"]
    b = table.set_index("actor").loc["B"]
    assert b.figures == 0 and b.people_high == 0 and "no sex-disaggregated data" in b.note
    assert table.set_index("actor").loc["A", "note"] == "no sex-disaggregated data"
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
    assert "trainings counted 31% women" in words.model_sentence(model)


def test_share_model_is_not_fitted_without_mixed_sex_figures():
    model = share_model.fit_share_model(mixed_units([("A", "trained", 30, 0), ("A", "trained", 0, 10)]))
    assert not model.fitted and model.reason == "too few mixed-sex figures"
    assert words.model_sentence(model) == "No model of women's share was fitted: too few mixed-sex figures."


# --- traceability --------------------------------------------------------------------------


def test_appendix_lists_each_used_figure_with_quote_and_left_out_says_why():
    figures = frame(fig("T", 100), fig("TW", 40, "female", "T", "sex"), fig("D", 100, same_as="T", status="duplicate"),
                    fig("F", 7, status="inconsistent"), fig("C", 9, indicator="population_context"),
                    fig("V", 5, indicator="workforce"), fig("G", 50, indicator="people_targeted"))
    _, roles = reach.reach_units(figures, SEL)
    _, targets = reach.reach_units(figures, SEL, [selection.TARGET_INDICATOR])
    used = trace.appendix(figures, {"reach": roles, "targets": targets})
    assert list(used.figure_id) == ["T", "TW", "G"]
    assert used.set_index("figure_id").loc["TW", "quote"] == "quote of TW"
    reasons = trace.left_out(figures, SEL, used.figure_id).set_index("figure_id").reason
    assert reasons["D"] == "restates another figure"
    assert reasons["F"] == "flagged (inconsistent); include_flagged is off"
    assert reasons["C"].startswith("not reach") and reasons["V"].startswith("not reach")


# --- parameters and inputs -----------------------------------------------------------------


def test_check_selection_names_the_parameter_and_the_valid_choices():
    figures = frame(fig("A1", 10), fig("A2", 20, theme="t2", period="2023"))
    selection.check_selection(figures, Selection(actors=("A",), period="2021"))
    with pytest.raises(ParameterError, match=r"'period'.*valid choices: '' \(all periods\), '2021', '2023'"):
        selection.check_selection(figures, Selection(actors=("A",), period="2015-2018"))
    with pytest.raises(ParameterError, match=r"'themes'.*valid choices: 't1'$"):
        selection.check_selection(figures, Selection(actors=("A",), period="2021", themes=("t9",)))
    with pytest.raises(ParameterError, match=r"'indicators'.*'people_trained'"):
        selection.check_selection(figures, Selection(actors=("A",), indicators=("members",)))


def test_catalog_rejects_unknown_actor_period_and_empty_lists_with_choices():
    with pytest.raises(ParameterError, match=r"'Oxfam' is not allowed; valid choices: 'CARE'"):
        registry.check_params("02_gender_reach", {"actors": "Oxfam"})
    with pytest.raises(ParameterError, match=r"'1999' is not allowed; valid choices: '', .*'2021'"):
        registry.check_params("02_gender_reach", {"period": "1999"})
    with pytest.raises(ParameterError, match="choose at least one"):
        registry.check_params("02_gender_reach", {"actors": []})
    assert registry.check_params("02_gender_reach", {"actors": "UN Women"})["actors"] == ["UN Women"]


def test_period_choices_come_from_the_annotated_figures():
    choices = selection.period_choices()
    assert choices[0] == "" and {"2021", "2023"} <= set(choices)


def test_missing_clean_figures_say_which_notebook_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="01_clean_figures"):
        load_clean_figures(tmp_path)


# --- words ---------------------------------------------------------------------------------


@pytest.mark.parametrize("share, text", [(0.000269, "0.03%"), (0.5, "50%"), (0.0055, "0.55%"), (0.988, "98.8%"),
                                         (0.99993, "99.99%"), (1.0, "100%"), (0.0, "0%"), (math.nan, "n/a")])
def test_fmt_share_never_rounds_a_partial_share_to_0_or_100(share, text):
    assert fmt_share(share) == text


def actor_row(**kw):
    base = dict(actor="X", figures=0, figures_with_sex=0, people_low=0, people_high=0, people_female=0,
                people_male=0, largest_figure="", largest_indicator="", disaggregation_coverage=math.nan,
                female_share=math.nan, parity_index=math.nan, note="")
    return pd.Series(base | kw)


def test_actor_sentences_say_plainly_what_is_missing():
    assert words.actor_sentence(actor_row()) == \
        "X: no counts of people reached in the sources, so no sex-disaggregated data."
    targets = actor_row(figures=2, people_low=462, people_high=1042, people_female=1042,
                        disaggregation_coverage=1.0)
    text = words.actor_sentence(actor_row(), targets)
    assert "targets only: between 462 and 1,042 people (all of them women)" in text
    assert "3,000 households" in words.actor_sentence(actor_row(), households=3000)
    assert "printed share of women (50%)" in words.actor_sentence(actor_row(), printed=[0.5])
    no_sex = actor_row(figures=3, people_low=10, people_high=25, largest_figure="F1",
                       largest_indicator="people_trained")
    assert words.actor_sentence(no_sex) == ("X: between 10 and 25 people (largest figure: F1, people trained) "
                                             "counted in 3 figure(s), with no sex-disaggregated data.")


def test_actor_sentence_with_sex_data_reports_coverage_share_and_parity():
    low = actor_row(figures=2, figures_with_sex=1, people_low=1000, people_high=1010, people_female=10,
                    largest_figure="F", largest_indicator="people_reached", disaggregation_coverage=10 / 1010)
    assert "sex is stated for only 0.99% of them (10 people, all women and girls)" in words.actor_sentence(low)
    full = actor_row(figures=1, figures_with_sex=1, people_low=200, people_high=200, people_female=98,
                     people_male=102, disaggregation_coverage=1.0, female_share=0.49, parity_index=98 / 102)
    assert words.actor_sentence(full) == ("X: 200 people counted in 1 figure(s); sex is stated for 100% of them, "
                                           "and women and girls are 49% of those (parity index 0.96: fewer women "
                                           "than men).")


def test_summary_sentences_follow_the_data():
    units, _ = units_of(fig("T", 100), fig("TW", 60, "female", "T", "sex"), fig("TM", 40, "male", "T", "sex"),
                        fig("U", 300, actor="B"))
    reach = words.with_notes(metrics.by_actor(units.reset_index(), ["A", "B"], 10), 10)
    targets = words.with_notes(metrics.by_actor(units.iloc[:0].reset_index(), ["A", "B"], 10), 10)
    groups = pd.DataFrame(columns=list(gender_groups.GROUP_COLUMNS))
    model = share_model.fit_share_model(units.reset_index())
    text = words.summary_sentences(reach, targets, groups, model, {})
    assert text[0] == ("Of the 2 figures counting people reached, 1 (50%) say anything about the sex of "
                       "the people counted.")
    assert "women and girls are 60% of those (parity index 1.50: more women than men)" in text[1]
    assert text[2] == "B: 300 people counted in 1 figure(s), with no sex-disaggregated data."


def test_chart_titles_state_the_finding():
    table = pd.DataFrame(dict(actor=["A", "B", "C"], people_high=[100, 50, 0],
                              disaggregation_coverage=[0.9, 0.1, math.nan],
                              female_share=[0.5, 1.0, math.nan], people_male=[45, 0, 0],
                              parity_index=[1.0, math.nan, math.nan]))
    assert words.title_reach_by_sex(table) == "Sex is stated for 90% of the people A counts, for at most 10% elsewhere"
    assert words.title_share_vs_parity(table) == ("Where sex is stated, women outnumber men in 1 of 2 groups "
                                                   "(1 of them count no men at all); 1 at parity")
    assert words.title_coverage(table) == \
        "Sex is stated for at least half of the people counted in 1 of 2 actor-theme groups"


def test_sex_composition_and_readable_tables():
    table = pd.DataFrame(dict(actor=["A", "B"], people_high=[100, 0], people_female=[30, 0], people_male=[20, 0],
                              people_sex_unknown=[50, 0]))
    long = metrics.sex_composition(table)
    assert list(long.sex) == ["female", "male", "unknown"] and long.share.sum() == pytest.approx(1)
    shown = words.readable(pd.DataFrame(dict(people_high=[1234567.0], female_share=[0.581], parity_index=[1.3877],
                                              p_value=[1e-9], note=["x"], people_male=[math.nan])))
    assert shown.iloc[0].tolist() == ["1,234,567", "58%", "1.39", "<0.001", "x", "–"]
    assert list(shown.columns) == ["people (high)", "women's share", "parity index", "p", "note", "men and boys"]


def test_groups_sentence_and_title_name_the_extremes():
    groups = pd.DataFrame(dict(group=["Key actors of the Police", "BNDA officials", "Tiny", "Champions"],
                               figure_ids=["P", "B", "T", "C"], women_share=[0.25, 0.75, math.nan, 0.5],
                               basis=["counts", "counts", "counts; fewer than 10 people",
                                      "printed percentage; number of people not stated"]))
    assert words.groups_sentence(groups) == (
        "Women are fewer than half in 1 of the 2 bodies and trainings that state how many women they had: "
        "from 25% among key actors of the Police (P) to 75% among BNDA officials (B).")
    assert words.title_groups(groups) == \
        "Women are fewer than half in 1 of the 3 groups whose share of women is stated"
    assert words.groups_sentence(groups.iloc[2:]) == ""


def test_largest_households_per_actor_follows_the_selection():
    figures = frame(fig("H1", 3000, unit="households", indicator="households_targeted"),
                    fig("H2", 631, unit="households", indicator="households_targeted", actor="B"),
                    fig("H3", 9999, unit="households", indicator="households_targeted", status="duplicate"))
    assert reach.largest_households(figures, SEL) == {"A": 3000, "B": 631}
    assert reach.largest_households(figures, Selection(actors=("B",))) == {"B": 631}
