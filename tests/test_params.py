"""Parameter coercion, merging and validation: all before any kernel starts."""
from pathlib import Path

import jupytext
import pytest

from helpers import catalog
from helpers.catalog import (
    INPUT_DIR, OUTPUT_DIR, FanOut, Notebook, Param, ParameterError, check_params, coerce, register,
)
from helpers.params import Layer, load_file, parse_overrides, resolve
from helpers.reports import Project, SetupError, check_declarations, declared_params, load_notebook, main, plan
from report_fixtures import CATALOG, ITEMS, NOTEBOOKS


@pytest.mark.parametrize("value, tp, expected", [
    ("007", int, 7), ("007", str, "007"), ("true", str, "true"), ("yes", bool, True),
    ("off", bool, False), ("2.5", float, 2.5), (3, float, 3.0), ("CHF, XOF", list[str], ["CHF", "XOF"]),
    (["a"], list[str], ["a"]), ("", list[str], []), (" 12 ", int, 12),
])
def test_coerce_accepts_clear_values(value, tp, expected):
    assert coerce(value, tp) == expected


@pytest.mark.parametrize("value, tp", [
    ("nan", float), ("inf", float), ("2023.0", int), (True, int), ("maybe", bool), (7, str),
    ("1e3x", float), (2.5, int), ({"a": 1}, str),
])
def test_coerce_rejects_guesses(value, tp):
    with pytest.raises(TypeError):
        coerce(value, tp)


def test_str_parameter_given_a_number_explains_papermill_guessing():
    with pytest.raises(ParameterError, match=r"-r name value"):
        check_params("01_clean_figures", {"target_currency": 7})


def test_check_params_fills_defaults_and_coerces():
    assert check_params("01_clean_figures", {"rate_year": "2019"}) == {
        "target_currency": "CHF", "rate_year": 2019, "output_dir": ""}


@pytest.mark.parametrize("values, fragments", [
    ({"rate_year": 2030}, ["01_clean_figures", "'rate_year'", "2030 is not allowed", "2011 to 2024"]),
    ({"target_currency": "GBP"}, ["01_clean_figures", "'target_currency'", "'CHF', 'XOF', 'USD', 'EUR'"]),
    ({"rate_year": "twenty"}, ["01_clean_figures", "'rate_year'", "expected int", "2011 to 2024"]),
    ({"year": 2020}, ["01_clean_figures", "'year'", "unknown parameter", "rate_year"]),
])
def test_errors_name_notebook_parameter_and_choices(values, fragments):
    with pytest.raises(ParameterError) as err:
        check_params("01_clean_figures", values)
    for fragment in fragments:
        assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_list_items_are_checked_against_choices_and_validator_runs():
    def even(value):
        if value % 2:
            raise ValueError("must be even")
    cat = register(Notebook("nb", params={"who": Param(list[str], [], choices=lambda: ("A", "B")),
                                          "n": Param(int, 2, validator=even)}))
    assert check_params("nb", {"who": "A,B"}, cat)["who"] == ["A", "B"]
    with pytest.raises(ParameterError, match=r"'C' is not allowed; valid choices: 'A', 'B'"):
        check_params("nb", {"who": ["A", "C"]}, cat)
    with pytest.raises(ParameterError, match="nb: parameter 'n': must be even"):
        check_params("nb", {"n": 3}, cat)


def test_register_orders_by_dependency_and_rejects_cycles():
    a, b = Notebook("a", {}, depends_on=("b",)), Notebook("b", {})
    assert list(register(a, b)) == ["b", "a"]
    with pytest.raises(ValueError, match="cycle"):
        register(Notebook("a", {}, depends_on=("b",)), Notebook("b", {}, depends_on=("a",)))
    with pytest.raises(ValueError, match="unknown notebook 'c'"):
        register(Notebook("a", {}, depends_on=("c",)))


def test_yaml_is_read_as_text_then_coerced(tmp_path):
    f = tmp_path / "params.yaml"
    f.write_text("label: yes\nrepeat: 003\nwrites_data:\n  items: [Beta]\n")
    layer = load_file(f)
    assert layer.common == {"label": "yes", "repeat": "003"}
    with pytest.raises(ParameterError, match=r"writes_data: parameter 'label': 'yes' is not allowed"):
        resolve([layer], CATALOG)
    f.write_text("label: small\nrepeat: 003\nwrites_data:\n  items: [Beta]\n")
    assert resolve([load_file(f)], CATALOG)["writes_data"] == {
        "label": "small", "items": ["Beta"], "repeat": 3, "output_dir": ""}


def test_merge_order_file_then_p_and_notebook_sections_win_within_a_source(tmp_path):
    f = tmp_path / "params.yaml"
    f.write_text("repeat: 1\nwrites_data:\n  repeat: 2\n  label: small\n")
    layers = [load_file(f), parse_overrides(["repeat=3"])]
    assert resolve(layers, CATALOG)["writes_data"]["repeat"] == 3
    assert resolve(layers, CATALOG)["writes_data"]["label"] == "small"
    layers.append(parse_overrides(["writes_data.repeat=4", "repeat=1"]))
    assert resolve(layers, CATALOG)["writes_data"]["repeat"] == 4


@pytest.mark.parametrize("items, message", [
    (["colour=red"], "parameter 'colour': no notebook declares it (from -p)"),
    (["nope.repeat=1"], "parameter 'nope': unknown notebook (from -p); valid choices: fails, after_fails"),
    (["quote.repeat=1"], "quote: parameter 'repeat': unknown parameter; valid choices: quote"),
    (["repeat"], "-p expects name=value"),
])
def test_unknown_names_are_errors(items, message):
    with pytest.raises(ParameterError) as err:
        resolve([parse_overrides(items)], CATALOG)
    assert message.split("; valid")[0] in str(err.value)


def test_bad_parameter_stops_the_cli_with_exit_2_before_any_kernel(tmp_path, capsys):
    code = main(["-p", "rate_year=2030"], Project(reports_dir=tmp_path / "reports"))
    err = capsys.readouterr().err
    assert code == 2
    assert "01_clean_figures" in err and "rate_year" in err and "2011 to 2024" in err
    assert not (tmp_path / "reports").exists()


def test_unknown_only_name_is_exit_2(tmp_path, capsys):
    p = Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=tmp_path, reports_dir=tmp_path / "r")
    assert main(["--only", "nope"], p) == 2
    assert "--only nope" in capsys.readouterr().err


def test_list_params_shows_types_defaults_and_choices(capsys):
    assert main(["--list-params"]) == 0
    assert "rate_year: int = 2023" in capsys.readouterr().out


def test_fan_out_plans_one_report_per_value(tmp_path):
    p = Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=tmp_path, processed=tmp_path / "out")
    jobs = {j.name: j for j in plan(p, resolve([], CATALOG), {})}
    assert list(jobs) == ["writes_data", "writes_data--alpha-one", "writes_data--beta",
                          "quote", "fails", "after_fails"]
    assert jobs["writes_data--alpha-one"].params["items"] == ["Alpha One"]
    assert jobs["writes_data--beta"].params["output_dir"] == str(Path("out") / "profiles" / "beta")
    assert jobs["writes_data--beta"].title.endswith(ITEMS[1])
    assert jobs["after_fails"].after == ("fails",)


def test_fan_out_keeps_reading_inputs_from_the_main_output_dir(tmp_path):
    cat = register(Notebook("reads", params={
        "who": Param(list[str], [], choices=("a", "b")), "output_dir": OUTPUT_DIR, "input_dir": INPUT_DIR,
    }, fan_out=FanOut("who", lambda: ("a", "b"))))
    p = Project(catalog=cat, notebooks_dir=NOTEBOOKS, root=tmp_path, processed=tmp_path / "out")
    jobs = {j.name: j for j in plan(p, resolve([], cat), {})}
    assert jobs["reads"].params["input_dir"] == ""
    assert jobs["reads--a"].params["input_dir"] == "out"
    assert jobs["reads--a"].params["output_dir"] == str(Path("out") / "profiles" / "a")


def test_only_keeps_named_reports_and_treats_upstream_as_done(tmp_path):
    p = Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=tmp_path)
    jobs = plan(p, resolve([], CATALOG), {}, only=["after_fails", "writes_data--beta"])
    assert [(j.name, j.after) for j in jobs] == [("writes_data--beta", ()), ("after_fails", ())]


def test_fixture_notebooks_declare_what_the_catalog_says():
    for name, spec in CATALOG.items():
        check_declarations(spec, load_notebook(NOTEBOOKS / f"{name}.py"))


def test_declaration_drift_is_reported():
    nb = load_notebook(NOTEBOOKS / "writes_data.py")
    assert declared_params(nb)["repeat"] == ("int", 2)
    drifted = register(Notebook("writes_data", params={**CATALOG["writes_data"].params,
                                                       "repeat": Param(int, 3)}))
    with pytest.raises(SetupError, match=r"'repeat': the parameters cell has int = 2, .* int = 3"):
        check_declarations(drifted["writes_data"], nb)


@pytest.mark.parametrize("name", list(catalog.NOTEBOOKS))
def test_project_notebooks_declare_what_the_catalog_says(name):
    path = Project().notebooks_dir / f"{name}.py"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    check_declarations(catalog.NOTEBOOKS[name], load_notebook(path))
    assert jupytext.read(path).cells[0].source.startswith("# "), "notebooks begin with a '# Title' cell"


def test_fan_out_values_must_give_distinct_file_names(tmp_path):
    cat = register(Notebook("nb", params={"who": Param(str, "A B")},
                            fan_out=FanOut("who", lambda: ("A B", "a-b"))))
    with pytest.raises(SetupError, match="same file name"):
        plan(Project(catalog=cat, root=tmp_path), {"nb": {"who": "A B"}}, {})
