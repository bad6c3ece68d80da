"""Each reconciliation rule on small hand-made cases."""
import pandas as pd
import pytest

from helpers.cleaning import statements, totals, values


def frame(*rows):
    """Parsed-figures frame from (id, value, extra fields) tuples."""
    base = dict(doc="d.txt", quote="", occurrence=1, qualifier="exact", value_raw="", unit="people", sex="all", age_group="all",
                parent_id="", part_kind="", same_as="", disagrees_with="", notes="", exact=True, malformed=False,
                precision=1.0, currency_printed="", quote_start=-1)
    records = []
    for fid, value, extra in rows:
        rec = {**base, "figure_id": fid, "value": value, "value_raw": f"{value:g}", **extra}
        rec.setdefault("candidates", (value,))
        records.append(rec)
    return pd.DataFrame(records).set_index("figure_id", drop=False)


def statuses(findings):
    out = {}
    for f in findings:
        out.update(f.statuses)
    return out


def repairs(findings):
    return {k: v for f in findings for k, v in f.repairs.items()}


SEX = dict(parent_id="T", part_kind="sex")


def test_parts_that_add_up_give_no_finding():
    f = frame(("T", 115, {}), ("F", 41, {**SEX, "sex": "female"}), ("M", 74, {**SEX, "sex": "male"}))
    assert totals.check_parts_total(f) == []


def test_parts_that_disagree_flag_total_and_parts():
    f = frame(("T", 749, {}), ("F", 578, {**SEX, "sex": "female"}), ("M", 211, {**SEX, "sex": "male"}))
    found = totals.check_parts_total(f)
    assert statuses(found) == {"T": "inconsistent", "F": "inconsistent", "M": "inconsistent"}
    assert "789" in found[0].message and "749" in found[0].message


def test_one_sex_only_is_not_summed():
    f = frame(("T", 115, {}), ("F", 41, {**SEX, "sex": "female"}))
    assert totals.check_parts_total(f) == []


def test_malformed_part_repaired_when_exactly_one_reading_fits():
    f = frame(("T", 26000, {}),
              ("A", 256140, {"parent_id": "T", "part_kind": "breakdown", "malformed": True,
                             "candidates": (256140, 25614)}),
              ("B", 386, {"parent_id": "T", "part_kind": "breakdown"}))
    found = totals.check_parts_total(f)
    assert repairs(found) == {"A": 25614}
    assert statuses(found) == {"A": "repaired"}


def test_malformed_part_ambiguous_when_two_readings_fit():
    f = frame(("T", 10, {"malformed": True, "candidates": (10, 20)}),
              ("A", 5, {"parent_id": "T", "part_kind": "breakdown", "malformed": True,
                        "candidates": (5, 15)}),
              ("B", 5, {"parent_id": "T", "part_kind": "breakdown"}))
    found = totals.check_parts_total(f)
    assert statuses(found) == {"T": "ambiguous", "A": "ambiguous"}
    assert repairs(found) == {}


def test_rounded_parts_within_printed_precision_are_fine():
    # 2.1M + 6M + 15.7M + 3.8M + 7.7M = 35.3M against a printed total of 35.4M
    prec = {"2.1": 1e5, "6": 1e6, "15.7": 1e5, "3.8": 1e5, "7.7": 1e5}
    rows = [("T", 35.4e6, {"unit": "money", "precision": 1e5})]
    rows += [(k, float(k) * 1e6, {"unit": "money", "parent_id": "T", "part_kind": "breakdown",
                                  "precision": p}) for k, p in prec.items()]
    assert totals.check_parts_total(frame(*rows)) == []


def test_bounds_are_not_summed():
    f = frame(("T", 100, {"exact": False}), ("A", 60, {"parent_id": "T", "part_kind": "breakdown"}),
              ("B", 60, {"parent_id": "T", "part_kind": "breakdown"}))
    assert totals.check_parts_total(f) == []


def electoral_lists(places_have_totals: bool):
    """The UN Women table of 1,149 people sensitised, with the Bamako women misprinted 578.

    Ségou and Mopti cells hang under their place totals, or under the sex totals where the
    text prints no place total (as in the real document)."""
    rows = [("T", 1149, {}), ("TM", 322, {**SEX, "sex": "male"}), ("TF", 827, {**SEX, "sex": "female"}),
            ("B", 749, dict(parent_id="T", part_kind="location"))]
    if places_have_totals:
        rows += [(p, 200, dict(parent_id="T", part_kind="location")) for p in ("S", "O")]
    for place, code, value in (("B", "M", 211), ("B", "F", 578), ("S", "M", 80), ("S", "F", 120),
                               ("O", "M", 31), ("O", "F", 169)):
        sex = {"M": "male", "F": "female"}[code]
        if place == "B" or places_have_totals:
            rows.append((place + code, value, dict(parent_id=place, part_kind="sex", sex=sex)))
        else:
            rows.append((place + code, value, dict(parent_id="T" + code, part_kind="location", sex=sex)))
    return frame(*rows)


def test_cross_totals_pin_the_one_wrong_cell():
    assert repairs(totals.check_cross_totals(electoral_lists(places_have_totals=True))) == {"BF": 538}


def test_cross_totals_leave_two_broken_cells_alone():
    loc = dict(parent_id="T", part_kind="location")
    f = frame(("T", 20, {}), ("TF", 10, {**SEX, "sex": "female"}), ("TM", 10, {**SEX, "sex": "male"}),
              ("A", 10, loc), ("B", 10, loc),
              ("AF", 6, dict(parent_id="A", part_kind="sex", sex="female")),
              ("AM", 5, dict(parent_id="A", part_kind="sex", sex="male")),
              ("BF", 6, dict(parent_id="B", part_kind="sex", sex="female")),
              ("BM", 5, dict(parent_id="B", part_kind="sex", sex="male")))
    assert repairs(totals.check_cross_totals(f)) == {}


def test_same_measure_equal_marks_later_duplicate():
    f = frame(("A", 9, {}), ("B", 9, {"same_as": "A"}))
    assert statuses(statements.check_same_measure(f)) == {"B": "duplicate"}


def test_same_measure_rounded_version_is_the_duplicate():
    f = frame(("TABLE", 4000, {}), ("TEXT", 3841, {"same_as": "TABLE"}))
    found = statements.check_same_measure(f)
    assert statuses(found) == {"TABLE": "duplicate"}
    assert "rounded" in found[0].message


def test_same_measure_malformed_repaired_from_restatement():
    f = frame(("A", 25614, {}),
              ("B", 256140, {"same_as": "A", "malformed": True, "candidates": (256140, 25614)}))
    found = statements.check_same_measure(f)
    assert repairs(found) == {"B": 25614}
    assert statuses(found) == {"B": "duplicate"} or set(statuses(found).values()) <= {"repaired", "duplicate"}


def test_same_measure_bound_consistent_with_a_close_exact_value():
    f = frame(("TABLE", 2000, {}), ("TEXT", 1517, {"same_as": "TABLE", "qualifier": "more_than"}))
    found = statements.check_same_measure(f)
    assert statuses(found) == {"TEXT": "duplicate"} and "bound" in found[0].message
    f = frame(("TABLE", 1000, {}), ("TEXT", 1517, {"same_as": "TABLE", "qualifier": "more_than"}))
    assert statuses(statements.check_same_measure(f)) == {"TABLE": "inconsistent", "TEXT": "inconsistent"}


def test_a_bound_far_from_the_exact_value_is_a_disagreement_of_scope_not_a_confirmation():
    # "over 1,517 people" against a table's 34,000: the right direction, 22 times off
    f = frame(("TABLE", 34000, {}), ("TEXT", 1517, {"same_as": "TABLE", "qualifier": "more_than"}))
    found = statements.check_same_measure(f)
    assert statuses(found) == {"TABLE": "inconsistent", "TEXT": "inconsistent"}
    assert "22.4 times off" in found[0].message and "disagreement of scope" in found[0].message
    f = frame(("CAP", 100, {}), ("TEXT", 150, {"same_as": "CAP", "qualifier": "at_most"}))
    assert statuses(statements.check_same_measure(f)) == {"TEXT": "duplicate"}
    f = frame(("CAP", 100, {}), ("TEXT", 300, {"same_as": "CAP", "qualifier": "at_most"}))
    assert statuses(statements.check_same_measure(f)) == {"CAP": "inconsistent", "TEXT": "inconsistent"}


def test_recorded_disagreements_are_logged_and_keep_the_status():
    f = frame(("TOTAL", 9.7, {"disagrees_with": "ROW", "notes": "below the row's 16.3"}), ("ROW", 16.3, {}))
    found = statements.check_disagreements(f)
    assert len(found) == 1 and found[0].figure_ids == ("TOTAL", "ROW") and not found[0].statuses
    assert "TOTAL (9.7) disagrees with ROW (16.3)" in found[0].message


def test_same_measure_disagreeing_values_are_inconsistent():
    f = frame(("A", 21, {}), ("B", 211, {"same_as": "A"}))
    assert statuses(statements.check_same_measure(f)) == {"A": "inconsistent", "B": "inconsistent"}


def test_near_verbatim_repeat_without_link_is_duplicate():
    f = frame(("A", 250, {"quote": "So, 250 new registrations and requests for modifications were made"}),
              ("B", 250, {"quote": "250 new registrations and requests for changes were made"}),
              ("C", 250, {"quote": "250 hectares of land were acquired by 12 groups in the region"}))
    found = statements.check_repeated_statements(f, threshold=0.8)
    assert statuses(found) == {"B": "duplicate"}


def test_two_equal_numbers_in_one_sentence_are_not_a_repeat():
    q = {"quote": "4 committees, 83 village committees and 83 women's groups"}
    f = frame(("A", 83, q), ("B", 83, q))
    assert statements.check_repeated_statements(f) == []


@pytest.mark.parametrize("printed, status", [(63, None), (64.51, None), (70, "inconsistent")])
def test_percentages_against_counts(printed, status):
    prec = 0.01 if printed == 64.51 else 1
    num, total = (20, 31) if printed == 64.51 else (132, 211)
    f = frame(("T", total, {}), ("N", num, {"parent_id": "T", "part_kind": "sex", "sex": "male"}),
              ("P", printed, {"unit": "percent", "parent_id": "T", "part_kind": "sex", "sex": "male",
                              "precision": prec}))
    found = values.check_percentages(f)
    assert statuses(found).get("P") == status
    if printed == 64.51:
        assert found and "truncated" in found[0].message


def test_plausibility():
    f = frame(("T", 100, {}), ("A", 150, {"parent_id": "T", "part_kind": "subset"}),
              ("P", 120, {"unit": "percent"}), ("M", 5, {"currency_printed": "XOF"}))
    assert statuses(values.check_plausibility(f)) == {
        "T": "inconsistent", "A": "inconsistent", "P": "inconsistent", "M": "inconsistent"}


def test_annotated_doubt_flags_the_figure_with_its_reason():
    f = frame(("A", 16.3e6, {"doubt": "shifted_column", "notes": "row label shifted"}), ("B", 9.7e6, {"doubt": ""}))
    (finding,) = values.check_annotated_doubts(f)
    assert finding.statuses == {"A": "inconsistent"}
    assert "shifted column" in finding.message and "row label shifted" in finding.message


def test_listed_items_are_counted():
    text = "It supports 3 groups:\n- Alpha on a project to x\n- Beta on a project\n- ALPHA on a project y\n\nNext."
    assert values.listed_items(text, len("It supports 3 groups:")) == [
        "Alpha on a project to x", "Beta on a project", "ALPHA on a project y"]
    three = frame(("C", 3, {"quote": "It supports 3 groups:", "quote_start": 0}))
    assert values.check_listed_counts(three, {"d.txt": text}) == []
    two = frame(("C", 2, {"quote": "It supports 3 groups:", "quote_start": 0}))
    (finding,) = values.check_listed_counts(two, {"d.txt": text})
    assert "states 2 but the list below it has 3 items" in finding.message


def test_cross_totals_with_cells_under_the_sex_total():
    f = electoral_lists(places_have_totals=False)
    assert repairs(totals.check_cross_totals(f)) == {"BF": 538}
    # the place parts of a sex total inside the table are not summed on their own
    assert all(f_.figure_ids[0] != "TM" for f_ in totals.check_parts_total(f))
