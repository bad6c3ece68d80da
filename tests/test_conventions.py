"""The convention warnings of ``python -m helpers check``, on hand-made annotations: each
warns where the annotation would give wrong numbers, and is quiet where it is right."""
import pandas as pd

from helpers.cleaning import conventions
from helpers.sources.figures import COLUMNS

SENTENCE = "3,000 people in 500 households received food parcels."


def row(fid, value_raw, unit="people", **kw) -> dict:
    base = dict.fromkeys(COLUMNS, "")
    base.update(figure_id=fid, doc="brief.txt", quote=SENTENCE, occurrence=1, value_raw=value_raw, unit=unit,
                indicator="households_targeted" if unit == "households" else "people_reached",
                reach_kind="reached", actor="A")
    return {**base, **kw}


def annotation(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COLUMNS))


def household_warnings(*rows: dict) -> list[tuple[str, str]]:
    return [(w.figure_id, w.message.split(":")[0]) for w in
            conventions.people_and_households_of_one_group(annotation(*rows))]


HEADLINE = row("H", "8,600", quote="In 2023 we reached 8,600 people.")


def test_an_unlinked_household_count_is_warned_even_when_both_hang_under_a_headline():
    rows = (HEADLINE, row("P", "3,000", parent_id="H", part_kind="subset"),
            row("HH", "500", "households", parent_id="H", part_kind="subset"))
    assert household_warnings(*rows) == [("HH", "counts households in the quote where P counts people")]
    assert household_warnings(HEADLINE, row("P", "3,000"), row("HH", "500", "households")) == [
        ("HH", "counts households in the quote where P counts people")]


def test_a_linked_household_count_and_parts_of_the_people_count_are_quiet():
    linked = (HEADLINE, row("P", "3,000", parent_id="H", part_kind="subset"),
              row("W", "1,600", parent_id="P", part_kind="sex", sex="female"),
              row("HH", "500", "households", parent_id="H", part_kind="subset", same_as="P"))
    assert household_warnings(*linked) == []
    other_way = (row("P", "3,000", same_as="HH"), row("HH", "500", "households"))
    assert household_warnings(*other_way) == []


def test_two_people_counts_beside_a_household_count_are_not_guessed_at():
    rows = (row("P", "3,000"), row("Q", "200", quote=SENTENCE), row("HH", "500", "households"))
    assert household_warnings(*rows) == []
    # "We reached 8,600 people, of whom 3,000 people in 500 households ...": the activity is not its
    # headline's sex part, so which of the two the households restate is left to the annotator
    one_quote = (row("H", "8,600"), row("P", "3,000", parent_id="H", part_kind="subset"),
                 row("HH", "500", "households"))
    assert household_warnings(*one_quote) == []
