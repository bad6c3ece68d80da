"""The coverage audit: every numeric token is a figure or a reasoned exclusion."""
import pandas as pd
import pytest

from helpers.sources import coverage, manifest
from helpers.sources.coverage import audit, tokens
from helpers.sources.figures import load_raw_figures

DOC = "fao-caisses-de-resilience-mali.txt"


@pytest.mark.parametrize("text, expected", [
    ("3 000 vulnerable households from 64 villages", ["3 000", "64"]),
    ("plant 25,6140 seedlings", ["25,6140"]),
    ("349.822 ha and 15.6M", ["349.822", "15.6"]),
    ("The three-year programme, a quarter of them", ["three", "quarter"]),
    ("XM-DAC-41146-MLI_D_1.2", ["41146", "1.2"]),
    ("the first and eighth", []),
    ("(749 including 21) men", ["749", "21"]),
    ("in 2021 100 women", ["2021", "100"]),
])
def test_tokens(text, expected):
    assert [t.text for t in tokens(text)] == expected


def _excl(*rows):
    return pd.DataFrame(rows, columns=["doc", "context", "tokens", "reason", "note"])


TEXT = {DOC: "In 2015, 3 000 households in 64 villages. Phone 22 44."}


def test_audit_accepts_full_coverage(make_figures):
    figs = make_figures(
        dict(quote="3 000 households in 64 villages", value_raw="3 000"),
        dict(figure_id="FAO-002", quote="3 000 households in 64 villages", value_raw="64"),
    )
    excl = _excl((DOC, "In 2015,", "2015", "year", ""), (DOC, "Phone 22 44", "22|44", "phone", ""))
    assert audit(figs, excl, TEXT) == []


def test_audit_reports_an_uncovered_token(make_figures):
    figs = make_figures(dict(quote="3 000 households in 64 villages", value_raw="3 000"))
    excl = _excl((DOC, "In 2015,", "2015", "year", ""), (DOC, "Phone 22 44", "22|44", "phone", ""))
    problems = [str(p) for p in audit(figs, excl, TEXT)]
    assert len(problems) == 1 and "'64' unaccounted for" in problems[0]


def test_audit_rejects_a_quote_that_is_not_verbatim(make_figures):
    figs = make_figures(dict(quote="3,000 households", value_raw="3,000"))
    problems = [str(p) for p in audit(figs, _excl(), TEXT)]
    assert any("FAO-001" in p and "not found verbatim" in p for p in problems)


def test_audit_rejects_value_not_in_quote(make_figures):
    figs = make_figures(dict(quote="3 000 households", value_raw="64"))
    problems = [str(p) for p in audit(figs, _excl(), TEXT)]
    assert any("FAO-001" in p and "not part of the quote" in p for p in problems)


def test_occurrence_selects_the_repeated_copy(make_figures):
    text = {DOC: "Seen 5 times. Seen 5 times."}
    first = make_figures(dict(quote="Seen 5 times.", value_raw="5"))
    assert len(audit(first, _excl(), text)) == 1
    both = make_figures(dict(quote="Seen 5 times.", value_raw="5"),
                        dict(figure_id="FAO-002", quote="Seen 5 times.", value_raw="5", occurrence=2))
    assert audit(both, _excl(), text) == []
    missing = make_figures(dict(quote="Seen 5 times.", value_raw="5", occurrence=3))
    assert any("occurrence 3" in str(p) for p in audit(missing, _excl(), text))


def test_exclusion_must_name_tokens_in_its_context():
    problems = [str(p) for p in audit(pd.DataFrame(columns=["figure_id", "doc", "quote",
                                                           "occurrence", "value_raw"]),
                                      _excl((DOC, "In 2015,", "2016", "year", "")), TEXT)]
    assert any("tokens ['2016'] not in context" in p for p in problems)


def test_real_documents_are_fully_accounted_for():
    problems = audit(load_raw_figures(), coverage.load_exclusions(), manifest.read_texts())
    assert [str(p) for p in problems] == []
