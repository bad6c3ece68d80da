"""The overlap rule both analyses use for unique people: counts that cannot be the same
people are added, counts that can overlap are not."""
import pytest

from helpers.analysis.overlap import Place, disjoint, unique_people


def test_a_single_count_is_both_bounds():
    b = unique_people(["A"], [100], [""])
    assert (b.low, b.high, b.low_ids) == (100, 100, ("A",))


def test_counts_of_one_place_or_of_no_stated_place_can_overlap():
    b = unique_people(["A", "B", "C"], [100, 40, 30], ["Mopti", "Mopti", ""])
    assert (b.low, b.high, b.low_ids) == (100, 170, ("A",))


def test_counts_in_different_regions_cannot_be_the_same_people():
    # five grantees in four regions: two share Ségou, two share Gao
    b = unique_people(["K", "C", "O", "D", "H", "N"], [462, 200, 200, 300, 80, 100],
                      ["Mopti", "Ségou", "Ségou", "Gao", "Gao", "Ménaka"])
    assert (b.low, b.high) == (462 + 200 + 300 + 100, 1342)
    assert b.low_ids == ("K", "C", "D", "N")


def test_a_national_count_can_overlap_with_every_region_of_its_country():
    b = unique_people(["NAT", "R1", "R2"], [1000, 600, 500], ["Mali", "Kayes", "Mopti"])
    assert (b.low, b.low_ids) == (1100, ("R1", "R2"))
    b = unique_people(["NAT", "R1", "R2"], [2000, 600, 500], ["Mali", "Kayes", "Mopti"])
    assert (b.low, b.low_ids) == (2000, ("NAT",))


def test_women_only_and_men_only_counts_cannot_be_the_same_people():
    b = unique_people(["W", "M", "T"], [1962, 521, 1500], ["", "", ""], ["female", "male", ""])
    assert (b.low, b.low_ids) == (2483, ("W", "M"))


@pytest.mark.parametrize("a, b, expected", [
    (("Mali", ""), ("Niger", ""), True), (("Mali", "Kayes"), ("Mali", "Mopti"), True),
    (("Mali", "Kayes"), ("Mali", ""), False), (("", ""), ("Mali", "Kayes"), False),
])
def test_places_are_disjoint_only_when_the_figures_say_so(a, b, expected):
    assert disjoint(Place(*a), "", Place(*b), "") is expected


def test_place_of_a_region_uses_the_vocabulary():
    assert Place.of("Mopti") == Place("Mali", "Mopti")
    assert Place.of("Mali") == Place("Mali", "")
    assert Place.of("multiple") == Place() and Place.of("") == Place()
