"""The clean figures as an HXL-tagged CSV, so they drop into humanitarian data tools.

One row per figure; the value sits in the column whose hashtag says what it counts,
with sex and age as HXL attributes (``#reached +f +children``)."""
from __future__ import annotations

import io

import hxl
import pandas as pd

_PEOPLE_TAG = {"targeted": "#targeted", "in_need": "#inneed", "affected": "#affected",
               "displaced": "#affected +displaced"}
_SEX = {"female": "+f", "male": "+m", "all": "+total"}
_AGE = {"all": "", "children": " +children", "adolescents": " +adolescents",
        "youth": " +youth", "adults": " +adults", "elderly": " +elderly"}
META = [
    ("figure_id", "Figure id", "#meta +id"), ("doc", "Source document", "#meta +source"),
    ("quote", "Quote", "#description +quote"), ("actor", "Actor", "#org +prog"),
    ("implementer", "Implementer", "#org +impl"), ("region", "Region", "#adm1 +name"),
    ("theme", "Theme", "#sector"), ("indicator", "Indicator", "#indicator +code"),
    ("unit", "Unit", "#indicator +unit"), ("period", "Period", "#meta +period"),
    ("status", "Cleaning status", "#status"),
]


def value_tag(row) -> str:
    """The hashtag and attributes for one figure's value column."""
    if row.unit == "people":
        base = _PEOPLE_TAG.get(row.reach_kind, "#reached")
        return f"{base} {_SEX[row.sex]}{_AGE[row.age_group]}"
    if row.unit == "money":
        return f"#value +{row.money_kind} +{row.currency.lower()}"
    if row.unit == "percent":
        return "#indicator +pct"
    return f"#indicator +num +{row.unit}"


def to_hxl_rows(clean: pd.DataFrame) -> list[list[str]]:
    """Header row, hashtag row, then one row per figure (text, as HXL expects)."""
    tags = [value_tag(r) for r in clean.itertuples(index=False)]
    value_tags = list(dict.fromkeys(tags))
    header = [h for _, h, _ in META] + [f"Value ({t})" for t in value_tags]
    hashtags = [t for _, _, t in META] + value_tags
    rows = [header, hashtags]
    for (_, r), tag in zip(clean.iterrows(), tags):
        values = ["" if pd.isna(r[c]) else str(r[c]) for c, _, _ in META]
        cell = "" if pd.isna(r.value) else f"{r.value:.10g}"
        rows.append(values + [cell if t == tag else "" for t in value_tags])
    return rows


def to_hxl_csv(clean: pd.DataFrame) -> str:
    """HXL CSV text, checked by libhxl: it must parse and raise no validation error.

    (libhxl warns about the tabs inside quotes from flattened tables; quotes stay verbatim.)"""
    rows = to_hxl_rows(clean)
    dataset = hxl.data(rows).cache()
    errors = [i for i in hxl.validate(dataset).get("issues", []) if i["severity"] == "error"]
    if errors:
        raise ValueError("HXL export failed libhxl validation: " + "; ".join(
            f"{e['description']} in {e['tag_pattern']} ({e['location_count']} cells)" for e in errors))
    buf = io.StringIO()
    hxl.write_hxl(buf, dataset)
    return buf.getvalue()
