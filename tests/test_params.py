"""Parameter coercion, merging and validation: all before any kernel starts."""
from pathlib import Path

import jupytext
import pytest
from report_fixtures import CATALOG, ITEMS, NOTEBOOKS

from helpers.parameters import ParameterError, Rule, coerce
from helpers.reporting import registry
from helpers.reporting.layers import load_file, parse_overrides, resolve
from helpers.reporting.registry import (
    FanOut,
    SetupError,
    Spec,
    check_params,
    notebook_parameters,
    register,
)
from helpers.reporting.runner import Project, list_params, main, plan


def write_notebook(folder: Path, name: str, cell: str, code: str = "print('ran')") -> Path:
    """A jupytext percent notebook with a title, the given parameters cell and one code cell."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(f'# %% [markdown]\n# # {name}\n\n# %% tags=["parameters"]\n{cell}\n# %%\n{code}\n',
                    encoding="utf-8")
    return path


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
    ({"rate_year": 2030}, ["01_clean_figures", "'rate_year'", "2030 is not allowed", "0, 2011, 2012", "2024"]),
    ({"target_currency": "GBP"}, ["01_clean_figures", "'target_currency'", "'CHF', 'XOF', 'USD', 'EUR'"]),
    ({"rate_year": "twenty"}, ["01_clean_figures", "'rate_year'", "expected int", "0, 2011"]),
    ({"year": 2020}, ["01_clean_figures", "'year'", "unknown parameter", "rate_year"]),
])
def test_errors_name_notebook_parameter_and_choices(values, fragments):
    with pytest.raises(ParameterError) as err:
        check_params("01_clean_figures", values)
    for fragment in fragments:
        assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_list_items_are_checked_against_choices_and_validator_runs(tmp_path):
    def even(value):
        if value % 2:
            raise ValueError("must be even")
    write_notebook(tmp_path, "nb", "who: list[str] = []\nn: int = 2")
    cat = register(tmp_path, Spec("nb", rules=({"who": Rule(choices=lambda: ("A", "B")), "n": Rule(validator=even)},)))
    assert check_params("nb", {"who": "A,B"}, cat)["who"] == ["A", "B"]
    with pytest.raises(ParameterError, match=r"'C' is not allowed; valid choices: 'A', 'B'"):
        check_params("nb", {"who": ["A", "C"]}, cat)
    with pytest.raises(ParameterError, match="nb: parameter 'n': must be even"):
        check_params("nb", {"n": 3}, cat)


def test_register_orders_by_dependency_and_rejects_cycles(tmp_path):
    for name in ("a", "b"):
        write_notebook(tmp_path, name, "")
    assert list(register(tmp_path, Spec("a", depends_on=("b",)), Spec("b"))) == ["b", "a"]
    with pytest.raises(SetupError, match="cycle"):
        register(tmp_path, Spec("a", depends_on=("b",)), Spec("b", depends_on=("a",)))
    with pytest.raises(SetupError, match="unknown notebook 'c'"):
        register(tmp_path, Spec("a", depends_on=("c",)))


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
    assert "01_clean_figures" in err and "rate_year" in err and "0, 2011" in err
    assert not (tmp_path / "reports").exists()


def test_unknown_only_name_is_exit_2(tmp_path, capsys):
    p = Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=tmp_path, reports_dir=tmp_path / "r")
    assert main(["--only", "nope"], p) == 2
    assert "--only nope" in capsys.readouterr().err


def test_list_params_shows_types_defaults_and_choices(capsys):
    assert main(["--list-params"]) == 0
    assert "rate_year: int = 0" in capsys.readouterr().out


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
    write_notebook(tmp_path, "reads", 'who: list[str] = []\noutput_dir: str = ""\ninput_dir: str = ""')
    cat = register(tmp_path, Spec("reads", rules=({"who": Rule(choices=("a", "b"))},),
                                  fan_out=FanOut("who", lambda: ("a", "b"))))
    p = Project(catalog=cat, notebooks_dir=NOTEBOOKS, root=tmp_path, processed=tmp_path / "out")
    jobs = {j.name: j for j in plan(p, resolve([], cat), {})}
    assert jobs["reads"].params["input_dir"] == jobs["reads"].params["output_dir"] == "out"
    assert jobs["reads--a"].params["input_dir"] == "out"
    assert jobs["reads--a"].params["output_dir"] == str(Path("out") / "profiles" / "a")


def test_only_keeps_named_reports_and_treats_upstream_as_done(tmp_path):
    p = Project(catalog=CATALOG, notebooks_dir=NOTEBOOKS, root=tmp_path)
    jobs = plan(p, resolve([], CATALOG), {}, only=["after_fails", "writes_data--beta"])
    assert [(j.name, j.after) for j in jobs] == [("writes_data--beta", ()), ("after_fails", ())]


def test_declarations_come_from_the_parameters_cell_with_type_default_and_help():
    declared = CATALOG["writes_data"].params
    assert list(declared) == ["label", "items", "repeat", "output_dir"]
    assert (declared["repeat"].type, declared["repeat"].default, declared["repeat"].help) == (int, 2, "rows per word")
    assert declared["items"].type == list[str] and declared["items"].allowed() == ITEMS


def test_a_parameter_added_to_the_cell_is_listed_and_validated_with_no_second_declaration(tmp_path, capsys):
    """The one declaration: a new line in the parameters cell is a parameter everywhere."""
    cell = (NOTEBOOKS / "writes_data.py").read_text(encoding="utf-8").replace(
        'repeat: int = 2  # rows per word', 'repeat: int = 2  # rows per word\nwidth: float = 1.5  # new: column width')
    (tmp_path / "writes_data.py").write_text(cell, encoding="utf-8")
    cat = register(tmp_path, Spec("writes_data"))
    list_params(cat, out := __import__("io").StringIO())
    assert "width: float = 1.5  new: column width" in out.getvalue()
    assert check_params("writes_data", {"width": "2.5"}, cat)["width"] == 2.5
    with pytest.raises(ParameterError, match=r"writes_data: parameter 'width': expected float"):
        check_params("writes_data", {"width": "wide"}, cat)
    with pytest.raises(ParameterError, match="width"):
        resolve([parse_overrides(["width=wide"])], cat)


@pytest.mark.parametrize("cell, message", [
    ("n = 2", "write each parameter as 'name: type = value"),
    ("n: dict = {}", "type 'dict' of 'n' is not one of"),
    ("n: int = 1 + 1", "the default of 'n' must be a literal"),
    ("n: int = (", "parameters cell line 1"),
])
def test_a_malformed_parameters_cell_is_an_error_naming_file_and_line(tmp_path, cell, message):
    path = write_notebook(tmp_path, "nb", cell)
    with pytest.raises(SetupError) as err:
        register(tmp_path, Spec("nb"))
    assert str(path) in str(err.value) and message in str(err.value)


def test_a_rule_for_a_parameter_the_cell_does_not_declare_is_an_error(tmp_path):
    write_notebook(tmp_path, "nb", "n: int = 2")
    with pytest.raises(SetupError, match="rules for m, which the parameters cell does not declare"):
        register(tmp_path, Spec("nb", rules=({"m": Rule(choices=(1, 2))},)))


def test_notebook_parameters_reads_globals_and_rejects_a_misspelled_injected_name(tmp_path):
    write_notebook(tmp_path, "nb", "household_size: float = 6.0  # people per household",
                   code="from pathlib import Path\nout = Path('.')\nrows = [1, 2]")
    cat = register(tmp_path, Spec("nb"))
    namespace = {"household_size": 6.0, "In": [], "_": None, "Path": Path, "rows": [1], "__name__": "__main__"}
    assert notebook_parameters("nb", {**namespace, "household_size": "7.8"}, cat) == {"household_size": 7.8}
    with pytest.raises(ParameterError, match=r"nb: parameter 'houshold_size': unknown parameter; "
                                             r"valid choices: household_size"):
        notebook_parameters("nb", {**namespace, "houshold_size": 7.8}, cat)


@pytest.mark.parametrize("name", ["01_clean_figures", "02_gender_reach", "03_cost_per_beneficiary"])
def test_project_notebooks_declare_their_parameters_once(name):
    spec = registry.notebooks()[name]
    assert spec.params and all(p.help for p in spec.params.values()), "every parameter has a help comment"
    path = Project().notebooks_dir / f"{name}.py"
    assert jupytext.read(path).cells[0].source.startswith("# "), "notebooks begin with a '# Title' cell"
    assert f'notebook_parameters("{name}", globals())' in path.read_text(encoding="utf-8")


def test_fan_out_values_must_give_distinct_file_names(tmp_path):
    write_notebook(tmp_path, "nb", 'who: str = "A B"')
    cat = register(tmp_path, Spec("nb", fan_out=FanOut("who", lambda: ("A B", "a-b"))))
    with pytest.raises(SetupError, match="same file name"):
        plan(Project(catalog=cat, root=tmp_path), {"nb": {"who": "A B"}}, {})
