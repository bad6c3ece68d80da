"""Executed notebook -> self-contained HTML report, and the reports index page.

One HTMLExporter per flavour (reader / with code) is built once and reused: a
conversion then takes milliseconds. The output loads nothing from another host:
CDN scripts are removed from the template, images are embedded, and a
Content-Security-Policy forbids scripts and remote requests as a safety net. nbconvert is
imported only when a page is rendered: the runner's own process never pays for it."""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2

from helpers import paths

TEMPLATES = Path(__file__).with_name("templates")
TOC_MARKER = "<!--report-toc-->"
# nbconvert's default order minus the types that need JavaScript (widgets, JS, mermaid):
# such outputs fall back to their HTML, image or text form.
DISPLAY_PRIORITY = ["text/html", "text/markdown", "image/svg+xml", "text/latex",
                    "image/png", "image/jpeg", "text/plain"]


@dataclass(frozen=True)
class ReportInfo:
    """What the report header says about how the report was made; ``input_digest`` covers
    every input file (``sources.inputs.digest``), ``data_files`` are links (relative to the
    page) to the data the report's notebook wrote; ``nav`` (label, address) the other reports;
    ``register`` the page with a row for every figure, where figure ids this page has no row
    for link to."""

    title: str
    notebook: str
    params: Mapping[str, Any]
    generated: str
    commit: str
    input_digest: str
    data_files: tuple[str, ...] = ()
    nav: tuple[tuple[str, str], ...] = ()
    register: str = ""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@functools.cache
def exporter(with_code: bool):
    """Built once per flavour: loading the template costs far more than a conversion."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.HTMLExporter.template_name = "report"
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.HTMLExporter.exclude_input = not with_code
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.embed_images = True
    c.NbConvertBase.display_data_priority = DISPLAY_PRIORITY
    c.CSSHTMLHeaderPreprocessor.enabled = with_code  # code highlighting styles
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove_cell"}
    c.TagRemovePreprocessor.remove_input_tags = {"remove_input"}
    c.CoalesceStreamsPreprocessor.enabled = True  # one block per stream, however the kernel flushed it
    return HTMLExporter(config=c)


def notebook_title(nb) -> str:
    """The text of the first markdown cell's leading '# ' heading, or ''."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            first = cell.source.lstrip().split("\n", 1)[0]
            return first[2:].strip() if first.startswith("# ") else ""
    return ""


def _without_title(nb):
    """A shallow copy of ``nb`` without its '# Title' line, which the header already shows."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            first, _, rest = cell.source.lstrip().partition("\n")
            if first.startswith("# "):
                import nbformat

                nb = nbformat.NotebookNode({**nb, "cells": list(nb.cells)})
                nb.cells[i] = nbformat.NotebookNode({**cell, "source": rest})
            break
    return nb


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (the running title of printed pages), safe inside <style>."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ") + '"'


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def render_report(nb, info: ReportInfo, *, with_code: bool = False,
                  resources_path: Path = paths.NOTEBOOKS) -> str:
    """HTML of an executed notebook: title and links to the other reports first, its figure ids
    and terms linked, its glossary and provenance at the end."""
    nb = _without_title(nb)
    report = {
        "title": info.title, "notebook": info.notebook, "generated": info.generated,
        "commit": info.commit, "input_digest": info.input_digest, "data_files": [(href, unquote(href)) for href in info.data_files],
        "params_json": json.dumps(dict(info.params), ensure_ascii=False, sort_keys=True),
        "params_shown": [(k, _shown(v)) for k, v in info.params.items()], "nav": list(info.nav),
        "title_css": css_string(info.title),
    }
    resources = {"report": report, "metadata": {"name": info.title, "path": str(resources_path)}}
    body, _ = exporter(with_code).from_notebook_node(nb, resources=resources)
    return insert_toc(_linked(body, info.register))


@functools.cache
def _link_data():
    from helpers.reporting import links
    from helpers.sources import glossary, manifest

    terms = glossary.with_actors(glossary.load(), manifest.actor_table())
    return links.id_pattern(manifest.manifest().prefix), terms


def _linked(page: str, register: str) -> str:
    """Figure ids and glossary terms of the page linked, its glossary appended."""
    from helpers.reporting import links

    ids, terms = _link_data()
    return links.link_page(page, ids, register, terms)


class _Headings(HTMLParser):
    """Collects (level, id, text) of h1-h4 having an id, ignoring nbconvert's '¶' anchor links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-4]", tag) and attrs.get("id"):
            self._current, self._text = (int(tag[1]), attrs["id"]), []
        elif tag == "a" and "anchor-link" in (attrs.get("class") or "") and self._current:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif self._current and tag == f"h{self._current[0]}":
            self.found.append((*self._current, " ".join("".join(self._text).split())))
            self._current = None

    def handle_data(self, data):
        if self._current and not self._skip:
            self._text.append(data)


def insert_toc(page: str) -> str:
    """Replace the TOC marker by links to the headings that follow it (nothing if none)."""
    head, marker, body = page.partition(TOC_MARKER)
    if not marker:
        return page
    parser = _Headings()
    parser.feed(body)
    if not parser.found:
        return head + body
    items = "\n".join(
        f'<li class="toc-h{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>'
        for level, anchor, text in parser.found
    )
    return f'{head}<p class="toc-title">Contents</p>\n<ul>\n{items}\n</ul>{body}'


class _Meta(HTMLParser):
    """Collects the ``report:*`` meta tags, whatever the attribute order or quoting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or "").startswith("report:"):
            self.found[attrs["name"].removeprefix("report:")] = attrs.get("content") or ""


def read_report_meta(page: str) -> dict[str, str]:
    """The ``report:*`` meta values written in a report's head."""
    parser = _Meta()
    parser.feed(page.partition("</head>")[0])
    return parser.found


def render_index(reports_dir: Path) -> str:
    """Index page linking every report in ``reports_dir`` with title, parameters and generation time."""
    rows = []
    for path in sorted(reports_dir.glob("*.html"), key=lambda p: (p.stem.split("--")[0], p.stem)):
        if path.name == "index.html" or path.name.endswith(".code.html"):
            continue
        meta = read_report_meta(path.read_text(encoding="utf-8"))
        if "title" not in meta:
            continue
        code = path.with_name(path.stem + ".code.html")
        params = json.loads(meta.get("params") or "{}")
        rows.append({
            "file": quote(path.name), "code_file": quote(code.name) if code.exists() else "",
            "title": meta["title"], "generated": meta.get("generated", ""), "commit": meta.get("commit", ""),
            "params": [(k, _shown(v)) for k, v in params.items()],
        })
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    css = (TEMPLATES / "report" / "report.css").read_text(encoding="utf-8")
    return env.get_template("index.html.j2").render(reports=rows, generated=now(), css=css)
