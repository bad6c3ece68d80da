"""Draft the figures.csv rows of a document: one row per printed number that the annotation
does not yet account for (or per number, with ``everything``), in document order."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from helpers.cleaning.drafting import annotated, links
from helpers.cleaning.drafting.measure import Item, describe
from helpers.cleaning.drafting.mentions import mentions
from helpers.cleaning.drafting.text import occurrence, plain
from helpers.sources import coverage, manifest
from helpers.sources.figures import COLUMNS

DRAFT_COLUMNS = (*COLUMNS, "exclude_reason", "confidence")
_ORDINALS = {2: "2nd", 3: "3rd"}


def doc_prefix(doc: str) -> str | None:
    """The figure-id prefix of a document, from the manifest (None if it is not listed)."""
    return manifest.doc_prefix().get(doc)


def doc_actor(doc: str, figures: pd.DataFrame) -> str:
    """The actor of the document: the manifest's, else that of its annotated figures ('' if neither)."""
    listed = manifest.doc_actor().get(doc)
    if listed:
        return listed
    actors = Counter(figures.loc[figures.doc == doc, "actor"])
    return actors.most_common(1)[0][0] if actors else ""


def _doc_currency(found) -> str:
    """The currency the document prints most, for amounts whose table states it only once."""
    counts = Counter(m.number.currency for m in found if m.number is not None and m.number.currency)
    return counts.most_common(1)[0][0] if counts else ""


@dataclass
class Draft:
    doc: str
    text: str
    items: list[Item]     # the drafted rows, in document order
    problems: list        # the coverage audit's problems other than unaccounted tokens


def _annotated(item: Item, row: dict) -> Item:
    """An annotated figure as the links see it: the annotator's fields, never changed."""
    item.exclude, item.fixed, item.score = "", True, 1.0
    item.figure_id, item.parent_id, item.same_as = row["figure_id"], row["parent_id"], row["same_as"]
    item.unit, item.currency, item.sex, item.age = row["unit"], row["currency"], row["sex"], row["age_group"]
    item.indicator, item.reach_kind, item.money_kind = row["indicator"], row["reach_kind"], row["money_kind"]
    return item


def draft(doc: str, text: str, figures: pd.DataFrame, exclusions: pd.DataFrame, *,
          everything: bool = False, prefix: str | None = None) -> Draft:
    """The draft of ``doc``; with ``everything``, as if the document had no annotation."""
    found = mentions(text)
    plain_text, currency = plain(text), _doc_currency(found)
    todo, problems, at_figure = None, [], {}
    if not everything:
        todo, problems = annotated.unaccounted(doc, text, figures, exclusions)
        hand = figures[figures.doc == doc].set_index("figure_id", drop=False)
        at_figure = {start: hand.loc[fid].to_dict()
                     for fid, start in annotated.figure_tokens(doc, text, figures).items()}
    items = []
    for i, m in enumerate(found):
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        if todo is not None and not todo.intersection(m.token_starts):
            row = next((at_figure[s] for s in m.token_starts if s in at_figure), None)
            if row is not None:
                items.append(_annotated(describe(text, plain_text, m, next_start, currency), row))
            continue
        items.append(describe(text, plain_text, m, next_start, currency))
    prefix = prefix or doc_prefix(doc)
    if not prefix:
        raise ValueError(f"{doc}: no figure-id prefix in the manifest; pass one")
    _number(items, figures, prefix)
    links.link(items, text)
    return Draft(doc, text, [i for i in items if not i.fixed], problems)


def _number(items: list[Item], figures: pd.DataFrame, prefix: str) -> None:
    """Give the drafted figures the next free ids of the prefix (ids are never reused)."""
    used = [int(f.split("-")[1]) for f in figures.figure_id if f.startswith(prefix + "-")]
    n = max(used, default=0)
    for item in items:
        if not item.fixed and not item.exclude:
            n += 1
            item.figure_id = f"{prefix}-{n:03d}"


def _note(item: Item, quote: str, toks: dict) -> str:
    """What the reviewer must know that the other cells cannot say."""
    m = item.mention
    starts = annotated.printed_at(item.quote[0], quote, m.raw, toks)
    notes = []
    if len(starts) > 1 and m.digits_start in starts:
        k = starts.index(m.digits_start) + 1
        notes.append(f"the {_ORDINALS.get(k, f'{k}th') if k > 1 else 'first'} {m.raw!r} in the quote")
    if m.number is not None and m.number.malformed:
        notes.append("digits look damaged in extraction: check against other statements")
    return "; ".join(notes)


def rows(d: Draft, actor: str = "") -> pd.DataFrame:
    """The draft as a table with the columns of figures.csv plus exclude_reason and confidence."""
    out = []
    toks = {t.start: t for t in coverage.tokens(d.text)}
    for item in d.items:
        quote = d.text[item.quote[0]:item.quote[1]]
        row = dict.fromkeys(DRAFT_COLUMNS, "")
        row.update(doc=d.doc, quote=quote, occurrence=occurrence(d.text, quote, item.quote[0]),
                   value_raw=item.mention.raw, notes=_note(item, quote, toks), confidence=item.confidence)
        if item.exclude:
            row["exclude_reason"] = item.exclude
        else:
            row.update(figure_id=item.figure_id, unit=item.unit, currency=item.currency,
                       indicator=item.indicator, reach_kind=item.reach_kind, theme=item.theme,
                       actor=actor, location=item.location, region=item.region, sex=item.sex,
                       age_group=item.age, parent_id=item.parent_id, part_kind=item.part_kind,
                       money_kind=item.money_kind, same_as=item.same_as)
        out.append(row)
    return pd.DataFrame(out, columns=list(DRAFT_COLUMNS))
