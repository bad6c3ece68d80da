"""One click from any number to its source, and from any unfamiliar word to its meaning.

A pass over a rendered page's text (never its markup, attributes, code or existing links):
every figure id becomes a link to its row in the page's appendix, or to the register of
every figure (the cleaning report) when the page has no row for it; the first use of each
glossary term or acronym becomes a link to the page's glossary, which is appended with the
terms the page uses and nothing else."""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd
from bs4 import BeautifulSoup, NavigableString

# Text inside these is left alone: markup, code, links, the page furniture.
SKIP = frozenset({"script", "style", "title", "head", "a", "code", "pre", "textarea", "nav", "svg"})
# Figure ids are linked here too; glossary terms only in running text, not in headings.
NO_TERMS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "th", "dt", "figcaption"})


def term_anchor(term: str) -> str:
    return "term-" + (re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "x")


def _term_pattern(glossary: pd.DataFrame) -> tuple[re.Pattern | None, dict[str, str]]:
    """One pattern for every term (longest first); acronyms match case and a plural 's',
    other terms any case. A term qualified in brackets ('at least (unique people)') is matched
    only as written: its plain words have other senses ('at least half'). Returns the pattern
    with a map from matched text (folded) to the term."""
    by_key, parts = {}, []
    for row in sorted(glossary.itertuples(), key=lambda r: -len(r.term)):
        phrase = row.term
        if row.kind == "term":
            by_key[phrase.lower()] = row.term
            parts.append(f"(?i:{re.escape(phrase)})")
        else:
            by_key[phrase] = row.term
            parts.append(re.escape(phrase) + "(?:s\\b)?")
    if not parts:
        return None, by_key
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"), by_key


def _key(text: str, by_key: dict[str, str]) -> str | None:
    if text in by_key:
        return by_key[text]
    if text.endswith("s") and text[:-1] in by_key:
        return by_key[text[:-1]]
    return by_key.get(text.lower())


def _skipped(node, names: frozenset[str]) -> bool:
    return any(parent.name in names for parent in node.parents)


def link_page(page: str, id_pattern: re.Pattern, register: str, glossary: pd.DataFrame) -> str:
    """``page`` with figure ids and first uses of glossary terms linked and the glossary appended
    before the element ``#provenance`` (or at the end of the body). ``register`` is the page
    holding a row for every figure (links to it are made only for ids this page lacks)."""
    soup = BeautifulSoup(page, "html.parser")
    anchors = {el["id"] for el in soup.find_all(id=True)}
    terms, by_key = _term_pattern(glossary)
    used: list[str] = []
    body = soup.body or soup
    for node in list(body.find_all(string=True)):
        if type(node) is not NavigableString:
            continue  # comments, doctype, CDATA
        if not node.strip() or _skipped(node, SKIP):
            continue
        in_terms = terms is not None and not _skipped(node, NO_TERMS)
        pieces = _pieces(str(node), id_pattern, terms if in_terms else None, by_key, anchors, register, used)
        if pieces is not None:
            node.replace_with(BeautifulSoup(pieces, "html.parser"))
    if used:
        section = BeautifulSoup(glossary_section(glossary[glossary.term.isin(used)]), "html.parser")
        target = soup.find(id="provenance")
        (target.insert_before(section) if target is not None else body.append(section))
    return str(soup)


def _pieces(text: str, id_pattern: re.Pattern, terms: re.Pattern | None, by_key: dict[str, str],
            anchors: set[str], register: str, used: list[str]) -> str | None:
    """The text as HTML with its links, or None when nothing in it is linked."""
    found = [(m.start(), m.end(), "id", m.group(0)) for m in id_pattern.finditer(text)]
    if terms is not None:
        taken = [(s, e) for s, e, _, _ in found]
        for m in terms.finditer(text):
            term = _key(m.group(0), by_key)
            if term and term not in used and not any(s < m.end() and m.start() < e for s, e in taken):
                used.append(term)
                found.append((m.start(), m.end(), "term", term))
    if not found:
        return None
    out, at = [], 0
    for start, end, kind, value in sorted(found):
        out.append(html.escape(text[at:start], quote=False))
        shown = html.escape(text[start:end], quote=False)
        if kind == "id":
            anchor = f"fig-{value}"
            href = f"#{anchor}" if anchor in anchors else f"{register}#{anchor}"
            out.append(f'<a class="figure-ref" href="{html.escape(href)}">{shown}</a>')
        else:
            out.append(f'<a class="term" href="#{term_anchor(value)}">{shown}</a>')
        at = end
    out.append(html.escape(text[at:], quote=False))
    return "".join(out)


def glossary_section(rows: pd.DataFrame) -> str:
    """The glossary of a page: its terms in alphabetical order, each an anchor."""
    items = []
    for r in sorted(rows.itertuples(), key=lambda r: r.term.lower()):
        expansion = f" <span class=\"expansion\">({html.escape(r.expansion)})</span>" if r.expansion else ""
        items.append(f'<dt id="{term_anchor(r.term)}">{html.escape(r.term)}{expansion}</dt>'
                     f"<dd>{html.escape(r.meaning)}</dd>")
    return ('<section class="glossary"><h2 id="Glossary">Glossary</h2><p>Words and acronyms of this page, '
            "linked from their first use.</p><dl>" + "".join(items) + "</dl></section>")


def id_pattern(prefixes: Iterable[str]) -> re.Pattern:
    """Figure ids of the given prefixes (``UNW-061``) and supplementary ids (``FAO-1``)."""
    alternatives = "|".join(sorted(map(re.escape, set(prefixes)), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})-\d+(?![\w-])")
