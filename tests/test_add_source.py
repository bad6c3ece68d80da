"""Prefixes add-source derives for a new actor's figure ids."""
import pytest

from helpers.sources.add import derive_prefix


@pytest.mark.parametrize("actor, prefix", [
    ("Women's Hope Network", "WHN"), ("Women’s Hope Network", "WHN"), ("Children's Fund", "CF"),
    ("Sahel Harvest Alliance", "SHA"), ("O'Neill Trust for Mali", "ONTFM"), ("Oxfam", "OXFA"),
    ("Friends of St. James's", "FOSJ"),
])
def test_prefix_is_the_initials_of_the_words_and_a_possessive_is_not_a_word(actor, prefix):
    assert derive_prefix(actor) == prefix
