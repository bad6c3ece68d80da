"""Registry of the report notebooks: their parameters, dependencies and fan-outs.

The runner validates every value against this registry before any kernel starts,
and each notebook calls :func:`check_params` right after its parameters cell, so
``papermill`` users running one notebook by hand get the same checks.

Register a notebook by adding a :class:`Notebook` to ``NOTEBOOKS`` below; its
``.py`` file must declare the same names, types and defaults in its cell tagged
``parameters`` (the runner checks this).
"""
from __future__ import annotations

import math
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from helpers import beneficiaries, costs, gender, vocab

Choices = Iterable[Any] | Callable[[], Iterable[Any]] | None


class ParameterError(ValueError):
    """A parameter value is unknown, of the wrong type or not allowed."""

    def __init__(self, notebook: str | None, parameter: str, problem: str, choices: str = ""):
        self.notebook, self.parameter, self.problem, self.choices = notebook, parameter, problem, choices
        where = f"{notebook}: " if notebook else ""
        hint = f"; valid choices: {choices}" if choices else ""
        super().__init__(f"{where}parameter {parameter!r}: {problem}{hint}")


@dataclass(frozen=True)
class Param:
    """One declared parameter. ``type`` is str, int, float, bool or list[X];
    ``choices`` (values, a range, or a callable returning them) apply to each list item;
    ``validator`` raises ValueError with a reason for values choices cannot express."""

    type: Any
    default: Any
    choices: Choices = None
    help: str = ""
    validator: Callable[[Any], None] | None = None

    def allowed(self) -> Iterable[Any] | None:
        return self.choices() if callable(self.choices) else self.choices


@dataclass(frozen=True)
class FanOut:
    """One extra report per value of ``values()``: ``param`` is set to that value
    (``[value]`` for a list parameter) and ``output_dir`` to ``<output_dir>/<subdir>/<slug>``;
    a notebook that declares ``input_dir`` keeps reading its inputs from ``<output_dir>``."""

    param: str
    values: Callable[[], Iterable[Any]]
    subdir: str = "profiles"


@dataclass(frozen=True)
class Notebook:
    """``name`` is the file stem in notebooks/; ``title`` defaults to the notebook's ``# Title``."""

    name: str
    params: Mapping[str, Param]
    depends_on: tuple[str, ...] = ()
    title: str = ""
    fan_out: FanOut | None = None


OUTPUT_DIR = Param(str, "", help="where data outputs are written; empty = data/processed")
INPUT_DIR = Param(str, "", help="folder holding the clean figures of 01_clean_figures; empty = output_dir")


def non_empty(values: list) -> None:
    """Validator: an empty list would leave nothing to analyse."""
    if not values:
        raise ValueError("choose at least one value")


def register(*notebooks: Notebook) -> dict[str, Notebook]:
    """Name -> notebook, in dependency order; rejects unknown dependencies and cycles."""
    by_name = {nb.name: nb for nb in notebooks}
    ordered: dict[str, Notebook] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in chain:
            raise ValueError(f"dependency cycle: {' -> '.join((*chain, name))}")
        if name in ordered:
            return
        for dep in by_name[name].depends_on:
            if dep not in by_name:
                raise ValueError(f"{name} depends on unknown notebook {dep!r}")
            visit(dep, (*chain, name))
        ordered[name] = by_name[name]

    for nb in notebooks:
        visit(nb.name, ())
    return ordered


NOTEBOOKS = register(
    Notebook("01_clean_figures", params={
        "target_currency": Param(str, "CHF", choices=vocab.CURRENCIES,
                                 help="currency all money is converted to"),
        "rate_year": Param(int, 2023, choices=range(2011, 2025),
                           help="year of the exchange rates used for conversion"),
        "output_dir": OUTPUT_DIR,
    }),
    Notebook("02_gender_reach", params={
        "actors": Param(list[str], list(vocab.ACTORS), choices=vocab.ACTORS, validator=non_empty,
                        help="actors to analyse; a single actor gives a focused profile"),
        "indicators": Param(list[str], list(gender.REACH_INDICATORS), choices=gender.REACH_INDICATORS,
                            validator=non_empty,
                            help="kinds of reach counted; targets are always reported apart"),
        "themes": Param(list[str], [], choices=vocab.THEMES, help="themes to keep; empty = all"),
        "period": Param(str, "", choices=gender.period_choices,
                        help="period as annotated (e.g. 2021, 2023); empty = all, with figures of no stated period"),
        "include_flagged": Param(bool, False,
                                 help="also use inconsistent, ambiguous and bound figures (bounds at their printed value)"),
        "min_group_size": Param(int, 10, choices=range(1, 1_000_001),
                                help="fewest people behind a share or parity index for it to be shown"),
        "output_dir": OUTPUT_DIR,
        "input_dir": INPUT_DIR,
    }, depends_on=("01_clean_figures",), fan_out=FanOut("actors", lambda: vocab.ACTORS)),
    Notebook("03_cost_per_beneficiary", params={
        "target_currency": Param(str, "CHF", choices=vocab.CURRENCIES,
                                 help="currency every amount is shown in"),
        "rate_year": Param(int, 2023, choices=range(2011, 2025),
                           help="year of the exchange rates, also the price year (no inflation adjustment)"),
        "household_size": Param(float, 6.0, validator=costs.check_household_size,
                                help="people per household (default: the FAO project's 18,000 people in 3,000 households)"),
        "cost_definitions": Param(list[str], list(costs.COST_KINDS), choices=costs.COST_KINDS,
                                  validator=non_empty, help="kinds of money divided by beneficiaries"),
        "beneficiary_definitions": Param(list[str], list(beneficiaries.DEFAULT_DEFINITIONS),
                                         choices=beneficiaries.DEFINITIONS, validator=non_empty,
                                         help="kinds of count used as denominators"),
        "actors": Param(list[str], list(vocab.ACTORS), choices=vocab.ACTORS, validator=non_empty,
                        help="actors in the report"),
        "include_flagged": Param(bool, False,
                                 help="also use figures flagged inconsistent or ambiguous (including those an annotator doubts)"),
        "output_dir": OUTPUT_DIR,
        "input_dir": INPUT_DIR,
    }, depends_on=("01_clean_figures",)),
)


def type_name(tp: Any) -> str:
    return str(tp) if typing.get_origin(tp) else tp.__name__


def describe_choices(choices: Iterable[Any] | None) -> str:
    if choices is None:
        return ""
    if isinstance(choices, range) and choices.step == 1 and len(choices):
        return f"{choices.start} to {choices.stop - 1}"
    return ", ".join(repr(c) for c in choices)


_BOOLS = {"true": True, "yes": True, "on": True, "1": True,
          "false": False, "no": False, "off": False, "0": False}


def coerce(value: Any, tp: Any) -> Any:
    """``value`` (a string from YAML or -p, or a Python value) as type ``tp``.

    Strict on purpose: papermill and YAML guess types ('007' -> 7, 'yes' -> True),
    so a value that is not clearly of the declared type is rejected, not converted."""
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected {type_name(tp)}, got {value!r}")
        return [coerce(v, item) for v in value]
    if tp is str:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__} {value!r} "
                            "(papermill guesses types: pass text with -r name value)")
        return value
    if tp is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _BOOLS:
            return _BOOLS[value.strip().lower()]
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
    elif tp is float:
        number = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*", value):
            number = float(value)
        if number is not None and math.isfinite(number):
            return number
    else:
        raise TypeError(f"unsupported parameter type {tp!r}")
    raise TypeError(f"expected {type_name(tp)}, got {value!r}")


def check_value(notebook: str, name: str, param: Param, value: Any) -> Any:
    """The coerced value, or ParameterError naming notebook, parameter and valid choices."""
    allowed = param.allowed()
    try:
        value = coerce(value, param.type)
    except TypeError as exc:
        raise ParameterError(notebook, name, str(exc), describe_choices(allowed)) from None
    if allowed is not None:
        allowed = allowed if isinstance(allowed, range) else list(allowed)
        for item in value if isinstance(value, list) else [value]:
            if item not in allowed:
                raise ParameterError(notebook, name, f"{item!r} is not allowed",
                                     describe_choices(allowed))
    if param.validator:
        try:
            param.validator(value)
        except ValueError as exc:
            raise ParameterError(notebook, name, str(exc)) from None
    return value


def check_params(notebook_name: str, values: Mapping[str, Any],
                 catalog: Mapping[str, Notebook] = NOTEBOOKS) -> dict[str, Any]:
    """All parameters of a notebook, coerced and validated, defaults filled in.

    Notebooks call it in the cell after their parameters cell:
    ``params = check_params("01_clean_figures", dict(target_currency=target_currency, ...))``."""
    if notebook_name not in catalog:
        raise ParameterError(None, "notebook", f"unknown notebook {notebook_name!r}",
                             ", ".join(catalog))
    declared = catalog[notebook_name].params
    for name in values:
        if name not in declared:
            raise ParameterError(notebook_name, name, "unknown parameter", ", ".join(declared))
    return {name: check_value(notebook_name, name, p, values.get(name, p.default))
            for name, p in declared.items()}


def slug(value: Any) -> str:
    """File-name-safe form of a fan-out value: 'UN Women' -> 'un-women'."""
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"
