"""The drafted annotation: hand-made sentences with the rows a careful annotator would write,
and the whole draft of the five documents checked against the schema and the audit."""
import pandas as pd
import pytest

from helpers.cleaning.drafting import command
from helpers.cleaning.drafting import draft as drafting
from helpers.cleaning.drafting.draft import DRAFT_COLUMNS, draft, rows
from helpers.cleaning.drafting.exclusion_rows import exclusion_rows
from helpers.cleaning.numbers import parse_number
from helpers.sources import coverage, manifest
from helpers.sources.coverage import load_exclusions
from helpers.sources.figures import COLUMNS, load_raw_figures

DOC = "fao-caisses-de-resilience-mali.txt"  # any document of the manifest: it gives the FAO prefix
NO_FIGURES = pd.DataFrame(columns=list(COLUMNS))
NO_EXCLUSIONS = pd.DataFrame(columns=["doc", "context", "tokens", "reason", "note"])


def drafted(text: str, figures=NO_FIGURES, exclusions=NO_EXCLUSIONS, everything=True) -> pd.DataFrame:
    return rows(draft(DOC, text, figures, exclusions, everything=everything), actor="FAO")


def one(frame: pd.DataFrame, value_raw: str, nth: int = 0) -> dict:
    found = frame[frame.value_raw == value_raw]
    assert len(found) > nth, f"no row {nth} with value_raw {value_raw!r} in {list(frame.value_raw)}"
    return found.iloc[nth].to_dict()


def fields(row: dict, *names: str) -> tuple:
    return tuple(row[n] for n in names)


@pytest.mark.parametrize("sentence, value_raw, unit, currency", [
    ("The programme reached at least 1,200 people in Mopti.", "at least 1,200", "people", ""),
    ("Some 300 households received seeds.", "Some 300", "households", ""),
    ("It spent over USD 2.5 million on cash transfers.", "over USD 2.5 million", "money", "USD"),
    ("Women's groups raised 225,376,950 CFA francs of savings.", "225,376,950 CFA francs", "money", "XOF"),
    ("An allocation of CHF 204,222 was approved.", "CHF 204,222", "money", "CHF"),
    ("Total funding reported **CHF 35.4M**", "CHF 35.4M", "money", "CHF"),
    ("A quarter of households are headed by women.", "A quarter", "percent", ""),
    ("Almost 60 per cent of the workforce relies on farming.", "Almost 60 per cent", "percent", ""),
    ("The NGO planted twenty-six thousand seedlings.", "twenty-six thousand", "items", ""),
    ("The committee trained 45 health workers and built 3 boreholes.", "3", "facilities", ""),
])
def test_value_raw_carries_qualifier_currency_scale_and_percent(sentence, value_raw, unit, currency):
    row = one(drafted(sentence), value_raw)
    assert fields(row, "unit", "currency") == (unit, currency)
    assert row["quote"] == sentence and value_raw in row["quote"]
    parse_number(row["value_raw"])  # every drafted value_raw parses


def test_money_has_its_kind_and_counts_of_people_their_sex_and_age():
    frame = drafted("In 2022 the project spent USD 3.1 million and trained 250 young women and 80 boys.")
    assert fields(one(frame, "USD 3.1 million"), "money_kind", "indicator", "reach_kind") == ("expenditure", "money", "none")
    assert fields(one(frame, "250"), "sex", "age_group", "indicator") == ("female", "youth", "people_trained")
    assert fields(one(frame, "80"), "sex", "age_group") == ("male", "children")


def test_a_share_of_women_hangs_under_the_total_it_is_a_share_of():
    frame = drafted("Of the 1,500 participants, 60% were women.")
    total, share = one(frame, "1,500"), one(frame, "60%")
    assert fields(share, "unit", "sex", "indicator", "parent_id", "part_kind") == (
        "percent", "female", "share", total["figure_id"], "subset")


def test_a_share_of_young_women_hangs_under_the_count_it_qualifies():
    frame = drafted("- 1,200 young people (40% of them young women) were trained in vocational skills.")
    total, share = one(frame, "1,200"), one(frame, "40%")
    assert fields(share, "sex", "age_group", "parent_id", "part_kind") == ("female", "youth", total["figure_id"],
                                                                           "subset")


def test_a_budget_is_a_budget_and_spending_under_it_a_part():
    frame = drafted("Our programme budget for 2023 was US$ 950,000, of which US$ 780,000 was spent by 31 December.")
    budget, spent = one(frame, "US$ 950,000"), one(frame, "US$ 780,000")
    assert fields(budget, "money_kind", "theme") == ("budget", "funding")
    assert fields(spent, "money_kind", "parent_id", "part_kind") == ("expenditure", budget["figure_id"], "subset")


def test_households_next_to_people_restate_them_and_hang_where_they_hang():
    frame = drafted("In 2023 we reached 8,600 people, of whom 3,000 people in 500 households received food parcels, "
                    "for a total of 120 tonnes of food.")
    headline, people, households = one(frame, "8,600"), one(frame, "3,000"), one(frame, "500")
    assert people["parent_id"] == headline["figure_id"]
    assert fields(households, "same_as", "parent_id", "part_kind", "reach_kind") == (
        people["figure_id"], headline["figure_id"], people["part_kind"], "reached")
    assert fields(one(frame, "120"), "unit", "indicator") == ("tonnes", "outputs")
    alone = drafted("250 households (1,500 people) received cash. 40 households and 6 villages were visited.")
    assert one(alone, "250")["same_as"] == one(alone, "1,500")["figure_id"]
    assert one(alone, "40")["same_as"] == ""


def test_a_count_after_of_whom_without_a_noun_counts_what_its_total_counts():
    frame = drafted("The two regions have about 4.5 million inhabitants, of whom 1.2 million need humanitarian "
                    "assistance.")
    total, part = one(frame, "about 4.5 million"), one(frame, "1.2 million")
    assert fields(part, "unit", "parent_id", "part_kind") == ("people", total["figure_id"], "subset")
    assert fields(part, "indicator", "reach_kind") == ("population_context", "in_need")


def test_implementing_partners_are_partners_not_organisations_supported():
    frame = drafted("In 2023, the network and its 4 implementing partners reached 8,600 people; "
                    "it supported 12 local organisations.")
    assert fields(one(frame, "4"), "unit", "indicator", "reach_kind") == (
        "organisations", "partner_organisations", "partners")
    assert one(frame, "12")["indicator"] == "organisations_supported"


def test_a_share_of_households_headed_by_women_is_not_a_share_of_women():
    assert one(drafted("About 60% of the 3,400 beneficiaries were female-headed households."), "About 60%")["sex"] == ""


def test_a_share_printed_after_a_part_belongs_to_the_parts_total():
    frame = drafted("The capacities of 211 members were improved. This group was 132 men (63%) and 79 women (37%).")
    total = one(frame, "211")["figure_id"]
    assert fields(one(frame, "132"), "sex", "parent_id", "part_kind") == ("male", total, "sex")
    assert fields(one(frame, "63%"), "sex", "parent_id", "part_kind") == ("male", total, "subset")
    assert fields(one(frame, "37%"), "sex", "parent_id") == ("female", total)


@pytest.mark.parametrize("sentence, total, part, sex, kind", [
    ("A total of 850 farmers were trained, of whom 410 were women.", "850", "410", "female", "sex"),
    ("It raised awareness among 347 people, including 321 pregnant women and 26 husbands.", "347", "26", "male", "sex"),
    ("115 members (41 women) of the committee were trained.", "115", "41", "female", "sex"),
    ("150 police officers (45 of them women) attended.", "150", "45", "female", "sex"),
    ("A total of 312 community health workers (140 female) were deployed.", "312", "140", "female", "sex"),
    ("5391 displaced people, among them 5162 women, were assisted.", "5391", "5162", "female", "sex"),
])
def test_parts_of_a_total(sentence, total, part, sex, kind):
    frame = drafted(sentence)
    assert fields(one(frame, part), "sex", "parent_id", "part_kind") == (sex, one(frame, total)["figure_id"], kind)


def test_a_listed_split_by_sex_and_age_is_a_breakdown_and_of_which_matches_units():
    frame = drafted("2,000 people, including 700 girls, 600 boys and 700 women, were reached. "
                    "Thus 349.8 ha were acquired for 137 groups, of which 269.8 ha were secured for 125 groups.")
    total = one(frame, "2,000")["figure_id"]
    assert {one(frame, "700", n)["parent_id"] for n in (0, 1)} == {total}
    assert fields(one(frame, "600"), "part_kind", "sex", "age_group") == ("breakdown", "male", "children")
    assert one(frame, "269.8")["parent_id"] == one(frame, "349.8")["figure_id"]
    assert one(frame, "125")["parent_id"] == one(frame, "137")["figure_id"]


def test_table_rows_are_quoted_whole_with_their_label_and_sex_columns_are_parts():
    text = "Region\tPeople reached\tWomen\nMopti\t1,200\t700\nFINANCIAL OVERVIEW\n\tExpenditure\t9.7M\tin CHF\n"
    frame = drafted(text + "Amounts are in Swiss francs: CHF 5M.")
    total, women = one(frame, "1,200"), one(frame, "700")
    assert total["quote"] == "Mopti\t1,200\t700"
    assert fields(total, "unit", "sex") == ("people", "all")
    assert fields(women, "unit", "sex", "parent_id", "part_kind") == ("people", "female", total["figure_id"], "sex")
    money = one(frame, "9.7M")
    assert money["quote"] == "\tExpenditure\t9.7M\tin CHF"
    assert fields(money, "unit", "currency", "money_kind") == ("money", "CHF", "expenditure")


def test_a_total_row_under_a_table_is_the_sum_of_its_rows():
    frame = drafted("Partner\tFunding reported\nBelgian Red Cross\t2.1M\nDanish Red Cross\t15.7M\n\n"
                    "Total funding reported CHF 17.8M")
    total = one(frame, "CHF 17.8M")["figure_id"]
    assert fields(one(frame, "2.1M"), "parent_id", "part_kind", "unit") == (total, "breakdown", "money")
    assert one(frame, "15.7M")["parent_id"] == total


@pytest.mark.parametrize("sentence, value_raw, reason", [
    ("On 15 March 2023 the clinic opened.", "15", "date"),
    ("On 15 March 2023 the clinic opened.", "2023", "date"),
    ("The revision runs from October 1 to December 31.", "1", "date"),
    ("In 2021, the war went on.", "2021", "year"),
    ("The plan covers 2021–2025 in full.", "2025", "year"),
    ("Screening of children aged 6-59 months went on.", "59", "age_range"),
    ("Care for children from 0 to 5 years old improved.", "0", "age_range"),
    ("Call T +223 20 22 33 44 today.", "22", "phone"),
    ("The appeal MDRML018 was launched.", "018", "identifier"),
    ("Outcome XM-DAC-41146-MLI_D_1.2 was met.", "1.2", "identifier"),
    ("Masks against COVID-19 were given.", "19", "identifier"),
    ("The applications of law N°052 were explained.", "052", "law_number"),
    ("Two aims: (1) participation and (2) budgets.", "2", "list_label"),
    ("Pillar 3: Provision of water", "3", "list_label"),
    ("It was the 2nd session of the forum.", "2", "ordinal"),
    ("Drought is one of the main drivers of risk.", "one", "not_a_quantity"),
    ("Keizersgracht 19", "19", "address"),
    ("Write to 10 Downing Street, London.", "10", "address"),
    ("It treated 45,320 children under five for malnutrition.", "under five", "age_range"),
])
def test_numbers_that_are_not_quantities_are_excluded_with_a_reason(sentence, value_raw, reason):
    row = one(drafted(sentence), value_raw)
    assert (row["exclude_reason"], row["figure_id"], row["unit"]) == (reason, "", "")


@pytest.mark.parametrize("sentence, value_raw", [
    ("10 groups of 1962 women were formed.", "1962"),       # a year-like count of women
    ("The Sikasso region14668 women were trained.", "14668"),  # digits glued to a word by extraction
    ("The project lasted 3 months.", "3"),
    ("(03) training workshops were held.", "03"),
])
def test_counts_that_look_like_codes_or_years_stay_figures(sentence, value_raw):
    row = one(drafted(sentence), value_raw)
    assert row["exclude_reason"] == "" and row["unit"] != ""


def test_glued_digits_lower_the_confidence():
    clean, glued = drafted("In the region 14668 women were trained."), drafted("In the region14668 women were trained.")
    assert float(one(glued, "14668")["confidence"]) < float(one(clean, "14668")["confidence"])


def test_restatements_point_to_the_first_statement_and_coincidences_do_not():
    frame = drafted("The project trained 1,240 teachers in Kayes.\nBy the end, 1,240 teachers had been trained.\n"
                    "It built 12 latrines. It trained 12 nurses.")
    first, again = one(frame, "1,240", 0), one(frame, "1,240", 1)
    assert again["same_as"] == first["figure_id"] and first["same_as"] == ""
    assert one(frame, "12", 1)["same_as"] == ""


def test_only_unaccounted_numbers_are_drafted_and_links_reach_annotated_figures(make_figures):
    text = "In 2015, 3 000 households in 64 villages were supported. The 3 000 households received seeds."
    figures = make_figures(dict(figure_id="FAO-007", quote=text.split(". ")[0] + ".", value_raw="3 000"))
    exclusions = NO_EXCLUSIONS.assign()
    exclusions.loc[0] = [DOC, "In 2015,", "2015", "year", ""]
    frame = drafted(text, figures, exclusions, everything=False)
    assert list(frame.value_raw) == ["64", "3 000"]
    assert list(frame.figure_id) == ["FAO-008", "FAO-009"]  # the next free ids of the prefix
    assert one(frame, "3 000")["same_as"] == "FAO-007"
    assert list(drafted(text, figures, exclusions, everything=True).value_raw) == ["2015", "3 000", "64", "3 000"]


@pytest.fixture(scope="module")
def real():
    return manifest.read_texts(), load_raw_figures(), load_exclusions()


@pytest.mark.parametrize("doc", sorted(manifest.read_texts()))
def test_every_drafted_row_is_traceable_and_valid_where_filled(real, doc):
    texts, figures, exclusions = real
    frame = rows(draft(doc, texts[doc], figures, exclusions, everything=True), drafting.doc_actor(doc, figures))
    assert tuple(frame.columns) == DRAFT_COLUMNS
    for r in frame.itertuples():
        start = coverage.find_occurrence(texts[doc], r.quote, r.occurrence)
        assert start >= 0 and r.value_raw in r.quote and "\n" not in r.quote
        parse_number(r.value_raw)
        assert 0 <= r.confidence <= 1
        assert (r.figure_id == "") == (r.exclude_reason != "")
    assert command.schema_problems(frame, figures) == []
    # every numeric token of the document is in exactly one drafted row
    covered = [t for m in draft(doc, texts[doc], figures, exclusions, everything=True).items for t in m.mention.tokens]
    assert [t.start for t in covered] == [t.start for t in coverage.tokens(texts[doc])]


def test_a_fully_annotated_document_drafts_nothing(real):
    texts, figures, exclusions = real
    assert draft(DOC, texts[DOC], figures, exclusions).items == []


def test_the_command_writes_figure_rows_and_exclusion_rows_in_the_shape_of_their_tables(tmp_path, capsys):
    doc = tmp_path / "new-brief.txt"
    doc.write_text("Published 15 March 2024.\nIn 2023, 4,200 farmers (1,900 women) received USD 150,000 in grants.\n",
                   encoding="utf-8")
    out = tmp_path / "draft.csv"
    assert command.main([str(doc), "--prefix", "NEW", "--actor", "FAO", "--out", str(out)]) == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == (*COLUMNS, "confidence")
    assert list(frame.value_raw) == ["4,200", "1,900", "USD 150,000"]
    assert list(frame.figure_id) == ["NEW-001", "NEW-002", "NEW-003"]
    assert frame.loc[1, "parent_id"] == "NEW-001" and frame.loc[2, "money_kind"] == "funding"
    excluded = pd.read_csv(tmp_path / "draft_exclusions.csv", dtype=str, keep_default_na=False)
    assert tuple(excluded.columns) == tuple(NO_EXCLUSIONS.columns)
    assert excluded[["context", "tokens", "reason"]].values.tolist() == [
        ["Published 15 March 2024", "15|2024", "date"], ["In 2023, 4,200 farmers", "2023", "year"]]
    said = capsys.readouterr().out
    assert "3 figure row(s) for figures.csv" in said and "2 exclusion row(s) for coverage_exclusions.csv" in said
    assert "not ready" in said and "period 3" in said and "parent_id, part_kind=subset" in said
    with pytest.raises(SystemExit, match="--prefix"):
        command.main([str(doc), "--out", str(out)])


@pytest.mark.parametrize("doc", sorted(manifest.read_texts()))
def test_drafted_exclusion_rows_account_for_exactly_the_numbers_they_exclude(real, doc):
    texts, figures, exclusions = real
    d = draft(doc, texts[doc], figures, exclusions, everything=True)
    excluded = exclusion_rows(doc, texts[doc], d.items)
    problems = coverage.audit(NO_FIGURES, excluded, {doc: texts[doc]})
    assert [p for p in problems if "unaccounted" not in p.message] == []  # contexts verbatim, tokens in them
    left = {int(p.where.split()[1]) for p in problems}
    covered = {t.start for t in coverage.tokens(texts[doc])} - left
    assert covered == {t.start for i in d.items if i.exclude for t in i.mention.tokens}


def test_an_exclusion_context_grows_until_it_is_specific_and_hides_no_figure_printed_the_same_way():
    text = "Reports are due by 2025. In 2025, 2025 households were reached. Funds are due by 2025."
    d = draft(DOC, text, NO_FIGURES, NO_EXCLUSIONS, everything=True, prefix="FAO")
    assert [(i.mention.raw, i.exclude) for i in d.items] == [("2025", "year"), ("2025", "year"), ("2025", ""),
                                                             ("2025", "year")]
    contexts = exclusion_rows(DOC, text, d.items).context.tolist()
    assert contexts == ["Reports are due by 2025", "In 2025", "Funds are due by 2025"]  # not "In 2025, 2025 households"


def test_the_prefix_is_read_from_the_manifest(monkeypatch):
    table = manifest.manifest().copy()
    table.loc[table.file == DOC, "prefix"] = "FAOX"
    monkeypatch.setattr(manifest, "manifest", lambda: table)
    assert drafting.doc_prefix(DOC) == "FAOX"
    assert drafting.doc_prefix("wphf-mali.txt") == "WPHF"
