"""Trust grades of the cost table, built end to end from hand-made figures: the grade a
reader sees follows from the definitions and the state of the figures, row by row."""
import pandas as pd
import pytest

from helpers.analysis.costs import grade
from helpers.analysis.costs.table import cost_table
from tests.test_costs import SETTINGS, clean, count, inputs_for, money_row


ACTOR = "IFRC network"  # the actor of the hand-made figures


def table_of(*rows):
    table = cost_table(inputs_for(clean(*rows)), SETTINGS)
    return table[table.actor == ACTOR]


def headline(*rows):
    table = table_of(*rows)
    return table[table.headline.astype(bool)].iloc[0]


def test_spent_money_over_people_reached_of_one_period_is_comparable():
    row = headline(money_row("M-1", 1000.0, "expenditure"), count("P-1", 100.0))
    assert (row.trust_grade, row.trust_issues) == ("comparable", "")
    assert row.central == pytest.approx(10.0)


@pytest.mark.parametrize("changed, issue", [
    (dict(money=dict(money_kind="funding"), people=dict(indicator="people_targeted", reach_kind="targeted")),
     "not_spent not_reached"),
    (dict(money=dict(value_raw="more than 1,000", qualifier="more_than")), "bound"),
    (dict(money=dict(disagrees_with="M-9")), "disputed"),
    (dict(people=dict(period="2022-2023")), "periods_differ"),
])
def test_each_issue_makes_the_figure_indicative(changed, issue):
    money = money_row("M-1", 1000.0, changed.get("money", {}).pop("money_kind", "expenditure"),
                      **changed.get("money", {}))
    row = headline(money, count("P-1", 100.0, **changed.get("people", {})))
    assert (row.trust_grade, row.trust_issues) == ("indicative", issue)


def test_households_converted_to_people_are_indicative():
    row = headline(money_row("M-1", 6000.0, "funding"),
                   count("H-1", 100.0, indicator="households_targeted", reach_kind="targeted"))
    assert row.trust_grade == "indicative"
    assert "households" in row.trust_issues.split()


def test_actors_without_a_pair_or_without_money():
    paired = table_of(money_row("M-1", 1000.0, "expenditure", programme="Other"), count("P-1", 100.0))
    assert paired.trust_grade.tolist() == ["not comparable"]
    nothing = table_of(count("P-1", 100.0))
    assert nothing.trust_grade.tolist() == ["no data"]


def test_every_grade_is_one_of_the_four():
    assert set(grade.GRADES) == {"comparable", "indicative", "not comparable", "no data"}


def test_one_organisations_money_over_people_another_counted_is_indicative():
    row = headline(money_row("M-1", 1000.0, "expenditure", implementer="Secretariat"),
                   count("P-1", 100.0, implementer="Local society"))
    assert (row.trust_grade, row.trust_issues) == ("indicative", "other_hands")
    same = headline(money_row("M-1", 1000.0, "expenditure", implementer="Secretariat"),
                    count("P-1", 100.0, implementer="Secretariat"))
    assert same.trust_grade == "comparable"


def test_comparison_chart_names_the_headlines_and_counts_every_other_mark():
    from helpers.analysis.costs.records import Settings
    from helpers.reporting.text import costs_summary as summary

    def pair(actor, ids, central, headline, flagged=False):
        return dict(actor=actor, measure="cost per beneficiary", per="person", cost_figure_ids=ids, currency="CHF",
                    central=central, low=central, high=central, bound="not a bound", headline=headline,
                    flagged=flagged, cost_definition="programme expenditure", group="reached",
                    beneficiary_definition="people reached", cost_kind="expenditure")
    table = pd.DataFrame([pair("A", "A-1", 32.0, True), pair("A", "A-2", 420.0, False), pair("B", "B-1", 90.0, True)])
    flagged = pd.DataFrame([pair("A", "A-3", 53.5, False, flagged=True)])
    rows = summary.comparison_frame(table, flagged, ["A", "B", "C"])
    heads = rows.set_index(rows.cost_figure_ids.fillna(rows.actor)).headline.to_dict()
    assert heads == {"A-1": True, "A-2": False, "A-3": False, "B-1": True, "C": False}  # C: no data
    assert "not a headline" in rows.set_index("cost_figure_ids").label["A-2"]
    assert summary.comparison_title(rows, Settings()) == (
        "A: CHF 32.0 programme expenditure per person reached; B: CHF 90.0 programme expenditure per person "
        "reached (headlines; 2 other pairs of money and people shown, not headlines, 1 of them resting on flagged "
        "figures); the definitions differ")
