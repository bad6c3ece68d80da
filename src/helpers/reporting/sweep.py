"""Sweeps: ``--sweep FILE.yaml`` runs many parameter sets in one warm runner.

FILE is a list of sets, or a mapping with ``sets:`` (such a list) or ``grid:`` (every
combination of the listed values). A set is written like a ``-f`` params file (``name:
value`` for every notebook declaring it, ``notebook: {name: value}`` or ``notebook.name:
value`` for one), plus an optional ``name``. Each set is published into its own folder,
``<sweep dir>/<set>/`` (reports, ``run.json``, and ``data/``), with folders in its report
headers shown relative to it; a job whose parameters and upstream are the same in several
sets runs once. The sweep folder gets ``index.html`` (every set with its values and links)
and ``headlines.csv``: the headline rows of every set (``Spec.headlines``) side by side."""
from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

from helpers.files import write_atomic
from helpers.reporting.layers import Layer, read_yaml
from helpers.reporting.plan import Target
from helpers.reporting.registry import Notebook, SetupError, slug


def _layer(values: Mapping, origin: str) -> Layer:
    layer = Layer(origin)
    for key, value in values.items():
        if isinstance(value, Mapping):
            layer.per_notebook.setdefault(key, {}).update(value)
        elif "." in key:
            notebook, _, name = key.rpartition(".")
            layer.per_notebook.setdefault(notebook, {})[name] = value
        else:
            layer.common[key] = value
    return layer


def _flat(values: Mapping) -> dict[str, str]:
    out = {}
    for key, value in values.items():
        if isinstance(value, Mapping):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def read_sets(path: Path) -> list[dict]:
    """The parameter sets of a sweep file, each a mapping (with an optional ``name``)."""
    data = read_yaml(path)
    if isinstance(data, Mapping) and set(data) <= {"sets", "grid"} and data:
        if "sets" in data and "grid" in data:
            raise SetupError(f"{path}: give either sets: or grid:, not both")
        data = data.get("sets", data.get("grid"))
        if isinstance(data, Mapping):  # a grid: name -> list of values
            bad = [k for k, v in data.items() if not isinstance(v, list) or not v]
            if bad:
                raise SetupError(f"{path}: grid: {bad[0]} must list one or more values")
            keys = list(data)
            data = [dict(zip(keys, combo)) for combo in itertools.product(*(data[k] for k in keys))]
    if not isinstance(data, list) or not data or not all(isinstance(s, Mapping) for s in data):
        raise SetupError(f"{path}: a sweep file is a list of parameter sets, or sets: [...] or grid: {{...}}")
    return [dict(s) for s in data]


def targets(path: Path, folder: Path, catalog: Mapping[str, Notebook]) -> list[tuple[Target, Layer]]:
    """One target (folder ``<folder>/<set name>``) and parameter layer per set."""
    out, names = [], set()
    sets = read_sets(path)
    for i, values in enumerate(sets):
        name = slug(values.pop("name")) if "name" in values else f"set-{i + 1:0{len(str(len(sets)))}d}"
        if name in names:
            raise SetupError(f"{path}: two sets are named {name!r}")
        names.add(name)
        where = folder / name
        out.append((Target(where / "data", where, where, name, _flat(values)),
                    _layer(values, f"{path}, set {name}")))
    return out


def write_overview(folder: Path, outcomes: list, catalog: Mapping[str, Notebook]) -> None:
    """``index.html`` and ``headlines.csv`` of the sweep folder."""
    import jinja2
    import pandas as pd

    from helpers.reporting import render

    sets: dict[str, dict] = {}
    frames = []
    for o in outcomes:
        t = o.target
        entry = sets.setdefault(t.name, {"name": t.name, "params": list(t.params.items()), "reports": [],
                                         "ok": True})
        entry["ok"] &= o.published
        entry["reports"].append({"file": f"{t.name}/{o.job.name}.html", "title": o.job.title,
                                 "published": o.published})
        hook = catalog[o.job.notebook].headlines
        if hook and o.published and o.job.name == o.job.notebook:
            rows = hook(t.data_dir / o.job.subdir)
            frames.append(rows.assign(**{"set": t.name, **dict(t.params), "notebook": o.job.notebook})
                          [["set", *t.params, "notebook", *rows.columns]])
    if frames:
        write_atomic(folder / "headlines.csv", pd.concat(frames, ignore_index=True).to_csv(index=False,
                                                                                           lineterminator="\n"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(render.TEMPLATES), autoescape=True)
    css = (render.TEMPLATES / "report" / "report.css").read_text(encoding="utf-8")
    write_atomic(folder / "index.html", env.get_template("sweep.html.j2").render(
        sets=list(sets.values()), headlines=bool(frames), generated=render.now(), css=css))
