"""Registry of the report notebooks: their parameters, dependencies and fan-outs.

A parameter is declared once, in its notebook's cell tagged ``parameters``
(``rate_year: int = 2023  # help text``), which is what papermill users read. The
stage the notebook belongs to may add a :class:`~helpers.parameters.Rule` under the
same name (allowed values, a validator). The runner validates every value against the
joined declaration before any kernel starts, and each notebook calls
:func:`notebook_parameters` right after its parameters cell, so ``papermill`` users
running one notebook by hand get the same checks.
"""
from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.parameters import Param, ParameterError, Rule, check_value

TYPES = {"str": str, "int": int, "float": float, "bool": bool,
         "list[str]": list[str], "list[int]": list[int], "list[float]": list[float]}
_CELL = re.compile(r"^# %%.*\btags=\[[^\]]*[\"']parameters[\"']", re.MULTILINE)


class SetupError(ValueError):
    """The run cannot start: missing notebook, unknown --only name, a rule without a declaration."""


@dataclass(frozen=True)
class FanOut:
    """One extra report per value of ``values()``: ``param`` is set to that value
    (``[value]`` for a list parameter) and ``output_dir`` to ``<output_dir>/<subdir>/<slug>``;
    a notebook that declares ``input_dir`` keeps reading its inputs from ``<output_dir>``;
    with ``pages_only`` the notebook has no report of its own besides the fanned-out ones."""

    param: str
    values: Callable[[], Iterable[Any]]
    subdir: str = "profiles"
    pages_only: bool = False  # True: no report without a value (a profile needs its actor)


@dataclass(frozen=True)
class Notebook:
    """``name`` is the file stem in the notebooks folder; ``params`` come from its parameters
    cell joined with ``rules``; ``title`` defaults to the notebook's ``# Title``."""

    name: str
    params: Mapping[str, Param]
    depends_on: tuple[str, ...] = ()
    title: str = ""
    fan_out: FanOut | None = None
    assigned: frozenset[str] = field(default=frozenset(), repr=False)  # names the notebook's code assigns
    description: str = ""  # the first sentence under the notebook's title, for lists of reports
    headlines: Callable[[Path], Any] | None = field(default=None, repr=False)
    role: str = ""  # see Spec


@dataclass(frozen=True)
class Spec:
    """A notebook to register: its rules (one mapping per stage it draws on), dependencies,
    fan-out, and ``headlines``: given the folder of its data outputs, the rows a sweep lines
    up across parameter sets (a DataFrame; see ``reporting.headlines``). ``role`` marks the
    page every other page links to first (``landing``, also the folder's index.html) and the
    page with a row for every figure (``register``), which figure ids of other pages link to."""

    name: str
    rules: tuple[Mapping[str, Rule], ...] = ()
    depends_on: tuple[str, ...] = ()
    title: str = ""
    fan_out: FanOut | None = None
    headlines: Callable[[Path], Any] | None = None
    role: str = ""


ROLES = ("", "landing", "register")
INDEX = "index.html"  # the landing page is also the reports folder's index


# --- the parameters cell -------------------------------------------------------------------


def intro(text: str) -> tuple[str, str]:
    """The ``# Title`` of a jupytext percent file's first markdown cell and the first sentence under it."""
    found = re.search(r"^# %% \[markdown\]\n((?:#.*\n?)+)", text, flags=re.MULTILINE)
    lines = [line[2:] if line.startswith("# ") else "" for line in (found.group(1).splitlines() if found else [])]
    title = lines[0][2:].strip() if lines and lines[0].startswith("# ") else ""
    paragraph = []
    for line in lines[1:]:
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            break
    return title, re.split(r"(?<=[.?!])\s", " ".join(paragraph), maxsplit=1)[0]


def parameters_cell(text: str, where: str) -> str:
    """The source of the cell tagged ``parameters`` of a jupytext percent file."""
    found = _CELL.search(text)
    if not found:
        raise SetupError(f"{where}: no cell tagged 'parameters'")
    body = text[found.end():].split("\n", 1)[1] if "\n" in text[found.end():] else ""
    return re.split(r"^# %%", body, maxsplit=1, flags=re.MULTILINE)[0]


def _comments(source: str) -> dict[int, str]:
    """Line number -> the text of the comment on that line."""
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def declarations(source: str, where: str) -> dict[str, tuple[Any, Any, str]]:
    """``{name: (type, default, help)}`` from a parameters cell: one ``name: type = literal``
    per line, the help in its trailing comment. Anything else is an error naming the line."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise SetupError(f"{where}: parameters cell line {exc.lineno}: {exc.msg}") from None
    comments = _comments(source)
    out = {}
    for node in tree.body:
        line = f"{where}: parameters cell line {node.lineno}"
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value):
            raise SetupError(f"{line}: write each parameter as 'name: type = value  # help'")
        annotation = ast.unparse(node.annotation)
        if annotation not in TYPES:
            raise SetupError(f"{line}: type {annotation!r} of {node.target.id!r} is not one of {', '.join(TYPES)}")
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise SetupError(f"{line}: the default of {node.target.id!r} must be a literal") from None
        out[node.target.id] = (TYPES[annotation], default, comments.get(node.lineno, ""))
    return out


def assigned_names(text: str) -> frozenset[str]:
    """Every name the notebook's code binds at top level (assignments, imports, defs, loops)."""
    names = set()
    for cell in re.split(r"^# %%.*$", text, flags=re.MULTILINE):
        try:
            tree = ast.parse(cell)
        except SyntaxError:
            continue  # markdown cells are comments; a broken code cell fails when it runs
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
    return frozenset(names)


def load(spec: Spec, notebooks_dir: Path) -> Notebook:
    """The notebook's declared parameters joined with its rules; a rule for a parameter the
    cell does not declare is an error (a renamed parameter must not lose its check)."""
    path = notebooks_dir / f"{spec.name}.py"
    if not path.exists():
        raise SetupError(f"notebook file not found: {path}")
    if spec.role not in ROLES:
        raise SetupError(f"{spec.name}: role {spec.role!r} is not one of {', '.join(map(repr, ROLES))}")
    text = path.read_text(encoding="utf-8")
    declared = declarations(parameters_cell(text, str(path)), str(path))
    rules = {name: rule for stage in spec.rules for name, rule in stage.items()}
    unused = [name for name in rules if name not in declared]
    if unused:
        raise SetupError(f"{path}: rules for {', '.join(unused)}, which the parameters cell does not declare")
    params = {name: Param(tp, default, help=help_,
                          choices=rules[name].choices if name in rules else None,
                          validator=rules[name].validator if name in rules else None)
              for name, (tp, default, help_) in declared.items()}
    title, description = intro(text)
    return Notebook(spec.name, params, spec.depends_on, spec.title or title, spec.fan_out, assigned_names(text),
                    description, spec.headlines, spec.role)


def register(notebooks_dir: Path, *specs: Spec) -> dict[str, Notebook]:
    """Name -> notebook, in dependency order; rejects unknown dependencies and cycles."""
    by_name = {spec.name: spec for spec in specs}
    ordered: dict[str, Notebook] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in chain:
            raise SetupError(f"dependency cycle: {' -> '.join((*chain, name))}")
        if name in ordered:
            return
        for dep in by_name[name].depends_on:
            if dep not in by_name:
                raise SetupError(f"{name} depends on unknown notebook {dep!r}")
            visit(dep, (*chain, name))
        ordered[name] = load(by_name[name], notebooks_dir)

    for spec in specs:
        visit(spec.name, ())
    return ordered


@functools.cache
def notebooks() -> dict[str, Notebook]:
    """The project's report notebooks."""
    from helpers.analysis.costs.records import RULES as COSTS
    from helpers.analysis.gender.selection import RULES as GENDER
    from helpers.cleaning.money import RULES as MONEY
    from helpers.reporting import headlines
    from helpers.sources import manifest

    analyses = ("01_clean_figures", "02_gender_reach", "03_cost_per_beneficiary")  # summaries read all three
    return register(
        paths.NOTEBOOKS,
        Spec("01_clean_figures", rules=(MONEY,)),
        Spec("02_gender_reach", rules=(GENDER,), depends_on=("01_clean_figures",), headlines=headlines.gender_reach),
        Spec("03_cost_per_beneficiary", rules=(COSTS,), depends_on=("01_clean_figures",),
             headlines=headlines.cost_per_beneficiary),
        # '' is the declared default, which the runner replaces with each actor in turn
        Spec("04_actor_profile", rules=({"actor": Rule(choices=lambda: ("", *manifest.actors()))},),
             depends_on=analyses,
             fan_out=FanOut("actor", manifest.actors, pages_only=True)),
        Spec("05_overview", depends_on=analyses, role="landing"),
        Spec("06_figure_register", depends_on=("01_clean_figures",), role="register"),
    )



# --- checking values -----------------------------------------------------------------------


def check_params(notebook_name: str, values: Mapping[str, Any],
                 catalog: Mapping[str, Notebook] | None = None) -> dict[str, Any]:
    """All parameters of a notebook, coerced and validated, defaults filled in."""
    catalog = notebooks() if catalog is None else catalog
    if notebook_name not in catalog:
        raise ParameterError(None, "notebook", f"unknown notebook {notebook_name!r}", ", ".join(catalog))
    declared = catalog[notebook_name].params
    for name in values:
        if name not in declared:
            raise ParameterError(notebook_name, name, "unknown parameter", ", ".join(declared))
    return {name: check_value(notebook_name, name, p, values.get(name, p.default))
            for name, p in declared.items()}


# Names IPython puts in every namespace; anything else a run did not assign was injected.
_IPYTHON_NAMES = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open", "display"})
_VALUE_TYPES = (str, int, float, bool, list, dict, type(None))


def notebook_parameters(notebook_name: str, namespace: Mapping[str, Any],
                        catalog: Mapping[str, Notebook] | None = None) -> dict[str, Any]:
    """What a notebook calls right after its parameters cell, with ``globals()``: its declared
    parameters as set (by the cell or by papermill), checked. A value papermill injected
    under a name the notebook does not declare (a misspelled ``-p houshold_size 7.8``) is an
    error naming it and the valid names, not a silent run with the default."""
    catalog = notebooks() if catalog is None else catalog
    spec = catalog[notebook_name]
    extra = sorted(name for name, value in namespace.items()
                   if not name.startswith("_") and name not in spec.params and name not in spec.assigned
                   and name not in _IPYTHON_NAMES and isinstance(value, _VALUE_TYPES))
    if extra:
        raise ParameterError(notebook_name, extra[0], "unknown parameter", ", ".join(spec.params))
    return check_params(notebook_name, {n: namespace[n] for n in spec.params if n in namespace}, catalog)


def page_of(catalog: Mapping[str, Notebook], role: str) -> str:
    """The page of the notebook with ``role`` ('' when the catalog has none)."""
    return next((page(n.name) for n in catalog.values() if n.role == role), "")


def navigation(catalog: Mapping[str, Notebook]) -> tuple[tuple[str, str], ...]:
    """(label, page) of every report, the landing page first, fan-out pages by their value."""
    landing = [("Overview", INDEX) for n in catalog.values() if n.role == "landing"]
    single = [(n.title, page(n.name)) for n in catalog.values() if n.role != "landing" and not n.fan_out]
    fanned = [(f"{n.title}: {value}", page(n.name, value)) for n in catalog.values() if n.fan_out
              for value in n.fan_out.values()]
    return tuple(landing + single + fanned)


def page(name: str, value: Any = None) -> str:
    """The file name of a report: ``<notebook>.html``, ``<notebook>--<slug>.html`` for a fan-out value."""
    return f"{name}.html" if value is None else f"{name}--{slug(value)}.html"


def slug(value: Any) -> str:
    """File-name-safe form of a fan-out value: 'UN Women' -> 'un-women'."""
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"
