"""The HTML reports: offline, no code for readers, header, table of contents, print styles."""
import base64
import re
from html.parser import HTMLParser

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from report_fixtures import shared_run

from helpers.reporting import render
from helpers.reporting.display import escape_markdown

PNG = base64.b64encode(
    bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")).decode()
ATTRS_WITH_URLS = ("src", "href", "srcset", "action", "formaction", "data", "poster", "background", "cite")
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class Page(HTMLParser):
    """Tags with attributes, the text of <style> elements, and the visible text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def external_references(html: str) -> list[str]:
    """Every URL in an attribute or CSS url()/@import that points to another host."""
    page = Page(html)
    found = [f"{tag} {name}={value}" for tag, attrs in page.tags for name, value in attrs.items()
             if name in ATTRS_WITH_URLS and value and EXTERNAL.match(value)]
    css = "\n".join(page.styles) + "\n".join(a.get("style") or "" for _, a in page.tags)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)  # licence comments name their project pages
    found += [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) if EXTERNAL.match(u)]
    found += re.findall(r"@import\s+[^;]+", css)
    return found


def test_external_reference_check_catches_what_it_must():
    bad = ('<script src="https://cdn.example/require.js"></script><link href="//fonts.example/x.css">'
           '<style>@font-face { src: url("https://fonts.example/f.woff"); }</style><a href="http://x.org">x</a>')
    assert len(external_references(bad)) == 4
    assert external_references('<a href="#top">top</a><img src="data:image/png;base64,AAAA">') == []


def sample_notebook():
    nb = new_notebook(cells=[
        new_markdown_cell("# Sample report\n\nIntro paragraph."),
        new_code_cell("secret_code_line = 1", metadata={"tags": ["parameters"]}),
        new_markdown_cell("## Figures\n### Reach"),
        new_code_cell("plot_the_chart()", outputs=[
            new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]),
        new_code_cell("hidden_cell()", metadata={"tags": ["remove_cell"]}, outputs=[
            new_output("stream", name="stdout", text="HIDDEN-OUTPUT")]),
        new_code_cell("hidden_input()", metadata={"tags": ["remove_input"]}, outputs=[
            new_output("stream", name="stdout", text="VISIBLE-OUTPUT")]),
        new_code_cell("widget()", outputs=[new_output("display_data", data={
            "application/javascript": "alert('js')", "text/plain": "JS-FALLBACK-TEXT"})]),
        new_markdown_cell("## Costs"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


INFO = render.ReportInfo(title="Sample report", notebook="99_sample", params={"rate_year": 2023, "actors": ["CARE"]},
                         generated="2025-01-02T03:04:05+00:00", commit="abc1234", input_digest="0123456789ab")


@pytest.fixture(scope="module")
def reader():
    return render.render_report(sample_notebook(), INFO)


def test_reader_version_has_no_code_and_respects_tags(reader):
    for code in ("secret_code_line", "plot_the_chart", "hidden_cell", "hidden_input"):
        assert code not in reader
    assert "HIDDEN-OUTPUT" not in reader and "VISIBLE-OUTPUT" in reader
    assert not Page(reader).find("div", **{"class": "jp-InputArea-editor"})
    with_code = render.render_report(sample_notebook(), INFO, with_code=True)
    assert "plot_the_chart" in with_code and "hidden_input" not in with_code and "hidden_cell" not in with_code


def test_report_loads_nothing_from_another_host_and_runs_no_script(reader):
    assert external_references(reader) == []
    page = Page(reader)
    assert not page.find("script") and not page.find("link")
    assert "alert('js')" not in reader and "JS-FALLBACK-TEXT" in reader
    csp = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_header_shows_title_parameters_date_commit_and_data_checksum(reader):
    page = Page(reader)
    text = " ".join(" ".join(page.text).split())
    assert [t for t, a in page.tags if t == "h1"] == ["h1"], "the title appears once"
    for expected in ("Sample report", "2025-01-02T03:04:05+00:00", "abc1234", "0123456789ab",
                     "rate_year 2023", 'actors ["CARE"]'):
        assert expected in text
    assert page.find("title") and "<title>Sample report</title>" in reader
    assert render.read_report_meta(reader)["params"] == '{"actors": ["CARE"], "rate_year": 2023}'


def test_table_of_contents_links_to_every_section(reader):
    page = Page(reader)
    toc = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")
           and "anchor-link" not in (a.get("class") or "")]
    ids = {a.get("id") for _, a in page.tags}
    assert toc == ["#provenance", "#Figures", "#Reach", "#Costs", "#Provenance"], "the note, then the contents"
    assert all(h[1:] in ids for h in toc)


def test_images_are_embedded_and_print_styles_present(reader):
    imgs = [a["src"] for t, a in Page(reader).tags if t == "img"]
    assert imgs and all(s.startswith("data:image/png;base64,") for s in imgs)
    assert base64.b64decode(imgs[0].split(",", 1)[1]).startswith(b"\x89PNG")
    assert "@media print" in reader and "break-inside: avoid" in reader


def test_markdown_escaping_survives_nbconvert():
    hostile = "<b>x</b> *y* _z_ [l](u) $1 and $2 `c` # h \\ 100. {a}"
    nb = new_notebook(cells=[new_code_cell("", outputs=[new_output(
        "display_data", data={"text/markdown": f"Said: {escape_markdown(hostile)}"})])])
    body = render.render_report(nb, INFO)
    assert "Said: " + hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in body


# --- the reports the fixture pipeline produced ---------------------------------------------


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    run = shared_run(tmp_path_factory)
    return {p.name: p.read_text(encoding="utf-8") for p in run.project.reports_dir.glob("*.html")
            if p.name != "fails.html"}


@pytest.mark.slow
def test_pipeline_reports_are_offline_and_complete(reports):
    assert {"index.html", "quote.html", "quote.code.html", "writes_data--beta.html"} <= set(reports)
    for name, html in reports.items():
        assert external_references(html) == [], name
        assert not Page(html).find("script"), name
        if name == "index.html":
            continue
        page = Page(html)
        assert page.find("header", **{"class": "report-header"}) and page.find("nav", **{"class": "toc"}), name
        code = "plt.subplots" if name.startswith("quote") else "out.mkdir"
        assert (code in "".join(page.text)) == name.endswith(".code.html"), name
    assert "data:image/png;base64," in reports["quote.html"]
