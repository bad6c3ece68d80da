"""What a notebook parameter is and how a value is checked, shared by every stage.

A parameter's name, type, default and help are declared once, in its notebook's cell
tagged ``parameters``; the stage it belongs to may add a :class:`Rule` (allowed values,
a validator) under the same name. The registry (``helpers.reporting.registry``) joins
the two; the runner and the notebooks themselves check values with :func:`check_value`."""
from __future__ import annotations

import math
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Choices = Iterable[Any] | Callable[[], Iterable[Any]] | None


class ParameterError(ValueError):
    """A parameter value is unknown, of the wrong type or not allowed."""

    def __init__(self, notebook: str | None, parameter: str, problem: str, choices: str = ""):
        self.notebook, self.parameter, self.problem, self.choices = notebook, parameter, problem, choices
        where = f"{notebook}: " if notebook else ""
        hint = f"; valid choices: {choices}" if choices else ""
        super().__init__(f"{where}parameter {parameter!r}: {problem}{hint}")


@dataclass(frozen=True)
class Rule:
    """What a stage allows for one parameter: ``choices`` (values, a range, or a callable
    returning them; they apply to each item of a list) and a ``validator`` raising ValueError
    with a reason for what choices cannot express."""

    choices: Choices = None
    validator: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class Param:
    """One parameter as the runner and the notebooks check it: the declaration from the
    notebook's parameters cell (type, default, help) with its stage's rule."""

    type: Any
    default: Any
    choices: Choices = None
    help: str = ""
    validator: Callable[[Any], None] | None = None

    def allowed(self) -> Iterable[Any] | None:
        return self.choices() if callable(self.choices) else self.choices


def non_empty(values: list) -> None:
    """Validator: an empty list would leave nothing to analyse."""
    if not values:
        raise ValueError("choose at least one value")


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
