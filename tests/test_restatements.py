"""The one helper both analyses use for restatements (same_as) and their parent links."""
import pandas as pd

from helpers.analysis.restatements import Restatements, measures


def figures(*rows):
    """rows: (figure_id, same_as, parent_id, part_kind)."""
    return pd.DataFrame(rows, columns=["figure_id", "same_as", "parent_id", "part_kind"])


def test_same_as_chains_are_one_measure_named_by_its_first_statement():
    table = figures(("A", "", "", ""), ("B", "A", "", ""), ("C", "B", "", ""), ("D", "", "", ""))
    assert measures(table) == {"A": "A", "B": "A", "C": "A", "D": "D"}


def test_a_link_to_a_later_statement_still_names_the_first():
    table = figures(("A", "C", "", ""), ("B", "", "", ""), ("C", "", "", ""))
    assert measures(table) == {"A": "A", "B": "B", "C": "A"}


def test_parent_comes_from_the_figure_or_from_any_statement_of_its_measure():
    # the narrative N restates the table row P, which is a subset of the total T: in both directions
    forward = Restatements(figures(("T", "", "", ""), ("P", "", "T", "subset"), ("N", "P", "", "")))
    assert forward.parent("N") == ("T", "subset") and forward.parent("P") == ("T", "subset")
    backward = Restatements(figures(("T", "", "", ""), ("P", "", "", ""), ("N", "P", "T", "sex")))
    assert backward.parent("P") == ("T", "sex")
    assert forward.parent("T") == ("", "")


def test_a_parent_inside_the_same_measure_is_not_a_parent():
    table = Restatements(figures(("A", "", "B", "subset"), ("B", "A", "", "")))
    assert table.parent("A") == ("", "") and table.parent("B") == ("", "")
