"""Parameters of a run: a YAML file, then ``-p`` overrides, merged in papermill's order.

YAML is read with every scalar kept as text (BaseLoader): the catalog coerces each
value to its declared type, instead of YAML 1.1 guessing ('yes' -> True, '007' -> 7)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.parameters import ParameterError
from helpers.reporting.registry import Notebook, SetupError, check_params, notebooks


@dataclass
class Layer:
    """Values from one source: ``common`` apply to every notebook declaring them,
    ``per_notebook[name]`` to that notebook only."""

    origin: str
    common: dict[str, Any] = field(default_factory=dict)
    per_notebook: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_file(path: str | Path) -> Layer:
    """A params YAML file: top-level keys for all notebooks, a mapping under a notebook name for that one."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ParameterError(None, str(path), "a params file must be a mapping of name: value")
    layer = Layer(origin=str(path))
    for key, value in data.items():
        if isinstance(value, dict):
            layer.per_notebook[key] = value
        else:
            layer.common[key] = value
    return layer


def read_yaml(path: str | Path):
    """A YAML file with every scalar as text; any problem is an error naming the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return yaml.load(text, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        raise SetupError(f"{path}: not valid YAML: {exc}") from None


def parse_overrides(items: list[str]) -> Layer:
    """``-p name=value`` (all notebooks declaring it) or ``-p notebook.name=value``."""
    layer = Layer(origin="-p")
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(None, item, "-p expects name=value or notebook.name=value")
        notebook, dot, name = key.strip().rpartition(".")
        if dot:
            layer.per_notebook.setdefault(notebook, {})[name] = value
        else:
            layer.common[name] = value
    return layer


def resolve(layers: list[Layer], catalog: Mapping[str, Notebook] | None = None) -> dict[str, dict[str, Any]]:
    """Validated parameters of every notebook: defaults, then each layer in order (later wins)."""
    catalog = notebooks() if catalog is None else catalog
    declared = sorted({name for nb in catalog.values() for name in nb.params})
    for layer in layers:
        for name in layer.common:
            if name not in declared:
                raise ParameterError(None, name, f"no notebook declares it (from {layer.origin})",
                                     ", ".join(declared))
        for notebook in layer.per_notebook:
            if notebook not in catalog:
                raise ParameterError(None, notebook, f"unknown notebook (from {layer.origin})",
                                     ", ".join(catalog))
    resolved = {}
    for nb in catalog.values():
        merged: dict[str, Any] = {}
        for layer in layers:
            merged.update({k: v for k, v in layer.common.items() if k in nb.params})
            merged.update(layer.per_notebook.get(nb.name, {}))
        resolved[nb.name] = check_params(nb.name, merged, catalog)
    return resolved
