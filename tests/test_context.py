"""Where a quote sits: headings, table rows, the words around it (helpers.sources.context),
on small documents worked by hand and on the annotated reports."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.sources.context import COLUMNS, QuoteNotFound, contexts, locate
from helpers.sources.figures import load_raw_figures

REPORT = """# Annual results

An introduction without figures.

Health services

The programme reached 1,200 people in the year. Of them, 700 were women.
"""

TABLE = """FUNDING

in US dollars

Partner A\tBudget\t5M
\tSpent\t1.3M
\tReceived\t2M
Partner B\tSpent\t3M

\tSpent\t4M
"""

BARE = """PEOPLE REACHED

Health

1,200

Water

3,400
"""

TWICE = """Summary

5 wells were built.

Details

The team worked hard. 5 wells were built.
"""


def test_a_quote_under_a_heading():
    c = locate(REPORT, "700 were women.")
    assert c.line == 7
    assert c.heading == "Health services"  # the nearer heading; the markdown one is further up
    assert c.before == "The programme reached 1,200 people in the year. Of them,"
    assert c.after == ""
    assert (c.row_label, c.cells) == ("", ())


def test_headings_right_above_each_other_are_a_path_unless_a_lower_one_is_above_a_higher():
    text = "KEY RESULTS\n\nWater and sanitation\n\nWe built 12 wells.\n"
    assert locate(text, "12 wells").heading == "KEY RESULTS › Water and sanitation"
    text = "Water and sanitation\n\nKEY RESULTS\n\nWe built 12 wells.\n"
    assert locate(text, "12 wells").heading == "KEY RESULTS"


def test_a_heading_printed_three_times_gets_the_section_it_recurs_in():
    aim = "is a statement of more than twelve words that ends without any full stop"
    sections = "".join(f"{topic}\n\nThe aim for {topic.lower()} {aim}\n\nProgress made\n\n"
                       f"In {topic.lower()} we reached {n} people.\n\n"
                       for topic, n in (("Nutrition", 10), ("Shelter", 20), ("Water", 30)))
    assert locate(sections, "we reached 20 people").heading == "Shelter › Progress made"


def test_a_table_row_and_the_rows_that_continue_it():
    c = locate(TABLE, "\tSpent\t1.3M")
    assert c.line == 6
    assert c.heading == "FUNDING"
    assert c.row_label == "Partner A"
    assert c.cells == ("", "Spent", "1.3M")
    assert c.before == "in US dollars / Partner A | Budget | 5M"
    assert c.after == "Received | 2M / Partner B | Spent | 3M / Spent | 4M"
    assert locate(TABLE, "\tReceived\t2M").row_label == "Partner A"
    assert locate(TABLE, "Partner B\tSpent").row_label == "Partner B"
    # after a blank line the block is broken: nothing above to continue
    assert locate(TABLE, "\tSpent\t4M").row_label == ""


def test_a_bare_number_has_its_label_lines_as_context():
    c = locate(BARE, "1,200")
    assert c.line == 5
    assert c.heading == "PEOPLE REACHED"  # 'Health' is the number's label, not a heading
    assert c.before == "Health"
    assert c.after == "Water / 3,400"
    assert locate(BARE, "3,400").before == "Health / 1,200 / Water"


def test_the_second_occurrence_is_found_under_its_own_heading():
    first, second = locate(TWICE, "5 wells were built."), locate(TWICE, "5 wells were built.", 2)
    assert (first.line, first.heading, first.before) == (3, "Summary", "")
    assert (second.line, second.heading, second.before) == (7, "Details", "The team worked hard.")


def test_a_missing_quote_or_occurrence_is_an_error_saying_what_is_missing():
    with pytest.raises(QuoteNotFound, match="quote '99 wells' not found"):
        locate(TWICE, "99 wells")
    with pytest.raises(QuoteNotFound, match="occurrence 3 of quote '5 wells were built.' not found: the text has 2"):
        locate(TWICE, "5 wells were built.", 3)


@pytest.mark.parametrize("line, heading", [
    ("Results by sector", True),
    ("PARTNERS AND DONORS", True),
    ("## Shelter", True),
    ("Location: the northern districts", False),  # a label and its value
    ("9 associations established", False),  # a key figure
    ("Total funding USD 35.4M", False),  # holds a value
    ("- Trained volunteers", False),  # a bullet
    ("The project was a success.", False),  # a sentence
    ("Secretary General\nRegional Office", False),  # a run of short lines (an address)
    ("The Federation of Societies (FS)\n\nis the largest network", False),  # a broken sentence
])
def test_what_counts_as_a_heading(line, heading):
    text = f"First section\n\nSome words.\n\n{line}\n\nWe counted 5 wells.\n"
    expected = line.lstrip("# ") if heading else "First section"
    assert locate(text, "We counted 5 wells.").heading == expected


def test_context_is_trimmed_to_about_25_words_at_a_sentence_or_line():
    one = "Alpha " + " ".join(f"w{i}" for i in range(12)) + "."  # 13 words
    two = "Beta " + " ".join(f"v{i}" for i in range(14)) + "."  # 15 words
    c = locate(f"{one} {two} We counted 5 wells. {two} {one}", "We counted 5 wells.")
    assert c.before == two and c.after == two
    run = " ".join(f"x{i}" for i in range(40))
    c = locate(f"{run} 5 wells {run}", "5 wells")
    assert c.before == "… " + " ".join(f"x{i}" for i in range(15, 40))
    assert c.after == " ".join(f"x{i}" for i in range(25)) + " …"


def test_a_quote_that_starts_or_ends_inside_a_word_says_so():
    c = locate("in the region14668 women were trained", "14668 women were train")
    assert (c.before, c.after) == ("in the region…", "…ed")


def test_contexts_reads_each_document_once_and_names_the_figure_of_a_missing_quote(tmp_path):
    (tmp_path / "a.txt").write_text(TABLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TWICE, encoding="utf-8")
    figures = pd.DataFrame({"figure_id": ["A-1", "B-1", "B-2"], "doc": ["a.txt", "b.txt", "b.txt"],
                            "quote": ["\tSpent\t1.3M", "5 wells were built.", "5 wells were built."],
                            "occurrence": ["1", "1", "2"]})
    out = contexts(figures, tmp_path)
    assert list(out.columns) == list(COLUMNS) and list(out.index) == ["A-1", "B-1", "B-2"]
    assert out.loc["A-1", "context_row"] == "Partner A"
    assert out.context_line.tolist() == [6, 3, 7]
    figures.loc[2, "occurrence"] = "4"
    with pytest.raises(QuoteNotFound, match=r"figure B-2 \(b.txt\): occurrence 4"):
        contexts(figures, tmp_path)


# --- the annotated reports ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    figures = load_raw_figures(validate=False)
    return figures.set_index("figure_id"), contexts(figures, paths.RAW_REPORTS)


def test_every_annotated_figure_is_located_on_the_line_that_holds_its_quote(real):
    figures, out = real
    assert len(out) == len(figures)
    texts = {doc: (paths.RAW_REPORTS / doc).read_text(encoding="utf-8") for doc in set(figures.doc)}
    for fid, row in out.iterrows():
        line = texts[figures.doc[fid]].split("\n")[row.context_line - 1]
        assert figures.quote[fid].split("\n")[0] in line, fid


@pytest.mark.parametrize("fid, column, expected", [
    # bare numbers of the key-figures page: the section, and the label printed above the number
    ("IFRC-008", "context_line", 61),
    ("IFRC-008", "context_heading", "PEOPLE REACHED"),
    ("IFRC-008", "context_before", "Emergency Operations / 1,856 / Climate and environment / 7,842 / "
                                   "Disasters and crises / 71,936 / Health and wellbeing"),
    ("IFRC-001", "context_after", "National Society branches / 154 / National Society local units / 8,998 / "
                                  "National Society volunteers / 272 / National Society staff"),
    # a continuation row of the financial overview: the row label two lines up
    ("IFRC-013", "context_row", "IFRC Secretariat"),
    ("IFRC-013", "context_heading", "FINANCIAL OVERVIEW"),
    ("IFRC-032", "context_row", "Disasters and crises"),
    ("IFRC-021", "context_heading", "Mali Red Cross › Overview"),
    # a recurring sub-heading names the section it is in
    ("IFRC-241", "context_heading", "Health and wellbeing › Progress by the National Society against objectives"),
    ("CARE-012", "context_heading", "Main achievements › Disaster Risk Reduction and Ecosystem Management"),
    ("CARE-004", "context_heading", "CARE's Partners for Resilience (PFR) programme in Mali"),
    ("FAO-001", "context_before", "Location: Mali, Mopti region (district of Bandiagara)"),
    ("WPHF-001", "context_heading", "Our Partners"),
    ("UNW-013", "context_heading", "OUTCOME XM-DAC-41146-MLI_D_1.1"),
    # the repeated paragraph: the second copy is two lines further down
    ("UNW-041", "context_line", 25),
])
def test_spot_checks_read_from_the_documents(real, fid, column, expected):
    assert real[1].loc[fid, column] == expected
