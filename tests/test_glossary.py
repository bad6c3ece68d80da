"""The glossary (data/raw/glossary.csv, helpers.sources.glossary): strict loading, what looks
like an acronym, definitions found in a text, and check's warning for a document whose
acronyms have no row."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import check, paths
from helpers.sources import glossary, inputs, manifest
from helpers.sources.tables import InputError

HEADER = "term,expansion,meaning,kind,source\n"
GOOD = "NGO,non-governmental organisation,An organisation independent of government.,acronym,somewhere\n"


def write(tmp_path, body: str):
    path = tmp_path / "glossary.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_the_project_glossary_loads_and_is_a_checked_input():
    table = glossary.load()
    assert {"acronym", "name", "term"} == set(table.kind)
    assert glossary.PATH in inputs.TABLES and glossary.PATH in inputs.input_files()


@pytest.mark.parametrize("body, line, problem", [
    (GOOD + "ngo,other,Twice.,acronym,x\n", 3, "term 'ngo' is listed twice (also on line 2)"),
    (GOOD + "DRR,,A missing long form.,acronym,x\n", 3, "acronym 'DRR' has no expansion"),
    ("DRR,disaster risk reduction,Meaning.,abbreviation,x\n", 2, "kind 'abbreviation' is not one of"),
    (GOOD + "parity index,,,term,project definition\n", 3, "term 'parity index': column meaning is empty"),
    (GOOD + "DRR,disaster risk reduction,Meaning.,acronym,\n", 3, "term 'DRR': column source is empty"),
])
def test_a_bad_row_is_an_error_naming_file_and_line(tmp_path, body, line, problem):
    path = write(tmp_path, body)
    with pytest.raises(InputError) as err:
        glossary.load(path)
    assert err.value.path == path and err.value.line == line
    assert problem in str(err.value) and f"{path}: line {line}" in str(err.value)


TEXT = """The NGOs and CSOs met the WHO team. The results were good; the operation helped people.
KEY RESULTS IN THE NORTH
Outcome XM-DAC-41146-MLI_D_1.2, appeal MDRML018, decision 98/683/EC, COVID-19, HEA1, phase II.
IF the plan works THEN it works, BECAUSE it works.
The IFRC-DREF paid. The PfR programme and AgriFeD.
2514 JD The Hague

NAME OF OPERATION\tFlood response
DURATION\t3 months
PEOPLE TARGETED\t500

UNICEF\t5M
"""


def test_acronyms_are_capital_words_apart_from_identifiers_numerals_and_typography():
    # NGOs, CSOs: plural folded; XM-DAC…, MDRML018, 98/683/EC: identifiers; II: a numeral; KEY
    # RESULTS…: a line in capitals holding 'results'; IF/THEN/BECAUSE: function words; JD: a
    # postal code; DURATION: a capital row label among NAME OF OPERATION and PEOPLE TARGETED;
    # AgriFeD: more lower-case letters than capitals
    assert glossary.acronyms(TEXT) == ["NGO", "CSO", "WHO", "COVID", "HEA", "IFRC", "DREF", "PfR", "UNICEF"]


def test_a_single_word_in_capitals_on_its_own_line_is_an_acronym_unless_the_text_prints_it_as_a_word():
    assert glossary.acronyms("MALI\n\nThe Mali office.\n") == []
    assert glossary.acronyms("UNICEF\n\nThe Mali office.\n") == ["UNICEF"]


def test_definitions_in_both_orders():
    text = ("The [Mental health and psychosocial support](#) (MHPSS) team of the Red Cross and Red Crescent "
            "(RCRC) met partner GRAT (Groupe de Recherche et d'Application technique) at the humanitarian "
            "service points (HSPs) with the Aide au Développement Durable (ADD). In 2020 (COVID) it rained.")
    assert glossary.defined_in(text) == {
        "MHPSS": "Mental health and psychosocial support",  # a letter inside a word: Schwartz-Hearst
        "RCRC": "Red Cross and Red Crescent",  # the initials, not the shortest end 'Red Crescent'
        "GRAT": "Groupe de Recherche et d'Application technique",  # ACR (Long Form)
        "HSP": "humanitarian service points",  # plural folded
        "ADD": "Aide au Développement Durable",  # a long form does not start at 'au'
    }


def test_undefined_acronyms_ignore_case_and_take_each_word_of_a_name():
    table = pd.DataFrame({"term": ["PfR", "ADEL SAHEL", "NGO"], "kind": ["acronym", "acronym", "term"]})
    text = "PFR and PfR met ADEL SAHEL and ADEL-Sahel and the NGOs of the CSO."
    assert glossary.undefined(text, table) == ["NGO", "CSO"]  # a project term covers no acronym


@pytest.mark.parametrize("doc", manifest.docs())
def test_every_acronym_of_the_documents_has_a_glossary_row(doc):
    missing = glossary.undefined((paths.RAW_REPORTS / doc).read_text(encoding="utf-8"), glossary.load())
    assert not missing, (f"{doc}: add rows to data/raw/glossary.csv for {missing} "
                         "(python -m helpers check lists them with the long form the text gives)")


def test_check_warns_for_a_document_with_an_acronym_the_glossary_lacks(monkeypatch):
    text = ("The Zebra Quality Experts (ZQX) met the NGOs and the QQB in the field.\n")
    monkeypatch.setattr(manifest, "read_texts", lambda: {"brief.txt": text})
    problems = check.check_glossary()
    assert len(problems) == 1
    p = problems[0]
    assert (p.path, p.level, p.line) == ("data/raw/reports/brief.txt", "warning", None)
    assert "2 acronym(s) without a glossary row: ZQX (the text: Zebra Quality Experts (ZQX)); QQB." in p.message
    assert "data/raw/glossary.csv" in p.message and "NGO" not in p.message


def test_actor_names_join_the_glossary_unless_it_has_them():
    table = pd.DataFrame([dict(term="UN", expansion="United Nations", meaning="m", kind="acronym", source="s")])
    actors = pd.DataFrame([dict(actor="UN Women", name="UN Women (the entity)", kind="UN agency", note=""),
                           dict(actor="UN", name="x", kind="y", note="")])
    out = glossary.with_actors(table, actors)
    assert list(out.term) == ["UN", "UN Women"]
    assert out.meaning.iloc[1] == "UN Women (the entity): UN agency." and out.kind.iloc[1] == "name"
