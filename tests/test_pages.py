"""The project's pages as a reader gets them: every report of a full run opened in headless
Chromium with the network cut off, then laid out as printed.

On screen: every internal link and anchor resolves, nothing is requested from another host,
every image says what it shows, no tab character or raw vocabulary code reaches the reader,
the first section is the summary, the landing page has one complete row per actor. In print
(the print stylesheet at the width of an A4 page less its margins): no table is wider than the
page and nothing scrolls; and each page prints to a PDF."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from report_fixtures import run_pipeline
from test_browser import CHROMIUM, chromium, console_messages

from helpers.reporting import registry
from helpers.reporting.runner import Project
from helpers.sources import manifest, vocab

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (CI: apt-get install chromium)"),
]
PRINT_WIDTH = 680  # CSS pixels: 210 mm less two 15 mm margins (the stylesheet's @page)
DEFAULT_ALT = "No description has been provided for this image"
# Reader text: everything but code, the page furniture and the provenance (parameters are code).
NOT_READER_TEXT = ("code", "pre", "script", "style", "head", "#provenance")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    run = run_pipeline(Project(reports_dir=tmp / "reports"), "--output-dir", str(tmp / "data"))
    assert run.code == 0, run.out
    return tmp / "reports"


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    return {p.name: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in sorted(site.glob("*.html"))}


def reader_text(soup: BeautifulSoup) -> str:
    copy = BeautifulSoup(str(soup), "html.parser")
    for selector in NOT_READER_TEXT:
        for el in copy.select(selector):
            el.decompose()
    return copy.get_text(" ")


def test_every_report_of_the_catalog_is_published(pages):
    expected = {"index.html"}
    for name, nb in registry.notebooks().items():
        fan = nb.fan_out
        expected |= ({registry.page(name, v) for v in fan.values()} if fan and fan.pages_only
                     else {registry.page(name)})
    assert expected <= set(pages)


def test_pages_open_offline_without_any_request_or_console_message(site, pages, tmp_path):
    for name in pages:
        result = chromium((site / name).as_uri(), tmp_path, "--dump-dom")
        assert result.returncode == 0, (name, result.stderr[-2000:])
        assert console_messages(result.stderr) == [], name
        dom = BeautifulSoup(result.stdout, "html.parser")
        loaded = [el.get("src") or el.get("href") for el in dom.select("[src], link[href]")]
        assert all(u.startswith("data:") for u in loaded), (name, loaded)


def test_every_internal_link_and_anchor_resolves(site, pages):
    ids = {name: {el["id"] for el in soup.find_all(id=True)} for name, soup in pages.items()}
    broken = []
    for name, soup in pages.items():
        for a in soup.find_all("a", href=True):
            url = urlsplit(a["href"])
            if url.scheme in ("http", "https", "mailto"):
                continue
            target = unquote(url.path) or name
            if not (site / target).is_file():
                broken.append((name, a["href"]))
            elif url.fragment and target.endswith(".html") and url.fragment not in ids.get(target, ()):
                broken.append((name, a["href"]))
    assert broken == []


def test_every_figure_id_is_a_link(pages):
    ids = re.compile(r"(?<![\w-])(?:" + "|".join(manifest.manifest().prefix) + r")-\d+(?![\w-])")
    for name, soup in pages.items():
        copy = BeautifulSoup(str(soup), "html.parser")
        for el in copy.select("a, code, pre, head, #provenance"):
            el.decompose()
        assert ids.findall(copy.get_text(" ")) == [], name


def test_images_say_what_they_show_and_charts_have_two_marks_or_more(pages):
    for name, soup in pages.items():
        for img in soup.find_all("img"):
            assert img.get("alt") and img["alt"] != DEFAULT_ALT, name
        for figure in soup.select("figure.chart"):
            assert int(figure["data-marks"]) >= 2, name
            assert figure.select_one("figcaption").get_text(strip=True), name
            assert figure.select_one(".chart-source").get_text(strip=True).startswith("Sources:"), name


def test_no_tab_or_raw_vocabulary_code_reaches_the_reader(pages):
    codes = sorted({v for name in ("theme", "indicator", "reach_kind", "money_kind", "unit")
                    for v in vocab.values(name) if "_" in v})
    pattern = re.compile(r"(?<![\w./-])(?:" + "|".join(map(re.escape, codes)) + r")(?![\w.-])")
    for name, soup in pages.items():
        text = reader_text(soup)
        assert "\\t" not in text and "\t" not in text, name
        assert pattern.findall(text) == [], name


def test_the_first_section_after_the_title_is_the_summary(pages):
    for name, soup in pages.items():
        first = soup.find("h2")
        assert first is not None and first.get_text(strip=True).rstrip("¶") == "Summary", name
        assert soup.select_one("header.report-header + nav.toc") is not None, name
        assert soup.find(id="provenance").find_previous("h2") is not None, "provenance is at the end"


def test_the_landing_page_has_a_complete_row_per_actor(pages):
    table = next(t for t in pages["index.html"].find_all("table") if "every actor" in t.caption.get_text().lower())
    rows = table.tbody.find_all("tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == list(manifest.actors())
    for row in rows:
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert all(cells) and "–" not in cells, cells
        assert row.find("a")["href"].startswith("04_actor_profile--")
    grades = [r.find_all("td")[-1].get_text(" ", strip=True) for r in rows]
    assert all(g.split(":")[0] in ("comparable", "indicative", "not comparable", "no data") for g in grades)


def print_layout(page: Path, out: Path, tmp_path: Path) -> dict:
    """The page laid out with its print stylesheet at the printed width, measured by a script
    added to a copy (the report itself runs none)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta[^>]*Content-Security-Policy[^>]*>', "", text).replace("@media print", "@media all")
    probe = """<script>
const width = document.documentElement.clientWidth, wide = [], scrolls = [];
for (const t of document.querySelectorAll('table, figure, img')) {
  const r = t.getBoundingClientRect(); if (r.right > width + 1) wide.push(t.tagName + ':' + (t.querySelector('caption') || t).textContent.slice(0, 60)); }
for (const e of document.querySelectorAll('*')) {
  const s = getComputedStyle(e); if (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1) scrolls.push(e.className); }
document.body.insertAdjacentHTML('beforeend', '<pre id="layout">' + JSON.stringify({width, wide, scrolls}) + '</pre>');
</script>"""
    out.write_text(text.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = chromium(out.as_uri(), tmp_path, f"--window-size={PRINT_WIDTH},1000", "--virtual-time-budget=5000",
                   "--dump-dom").stdout
    found = BeautifulSoup(dom, "html.parser").find(id="layout")
    assert found is not None, page.name
    return json.loads(found.get_text())


def test_printed_tables_fit_the_page_and_nothing_scrolls(site, pages, tmp_path):
    for name in pages:
        layout = print_layout(site / name, tmp_path / f"print-{name}", tmp_path)
        assert layout["width"] <= PRINT_WIDTH
        assert layout["wide"] == [] and layout["scrolls"] == [], (name, layout)


def test_every_page_prints_to_a_pdf(site, pages, tmp_path):
    for name in pages:
        pdf = tmp_path / f"{name}.pdf"
        result = chromium((site / name).as_uri(), tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        assert result.returncode == 0 and pdf.exists(), name
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) >= 1, name


def section_text(soup: BeautifulSoup, heading: str) -> str:
    """The text between a heading and the next h2."""
    h2 = next(h for h in soup.find_all("h2") if h.get_text(strip=True).rstrip("¶") == heading)
    parts = []
    for el in h2.find_all_next():
        if el.name == "h2":
            break
        if el.name in ("p", "td", "li", "figcaption"):
            parts.append(" ".join(el.get_text().split()))
    return " ".join(parts)


def test_landing_and_profiles_show_the_numbers_the_analyses_computed(pages):
    """The values recomputed by hand (IFRC: 9.7M CHF ÷ 240,612 = 40.3, ÷ 365,295 = 26.6, ÷ the
    midpoint 302,953.5 = 32.0; CARE: 1,839 trained, 3,577 at most), as the landing page and the
    profiles print them."""
    rows = {r.find("td").get_text(strip=True): [td.get_text(" ", strip=True) for td in r.find_all("td")]
            for r in pages["index.html"].find("table").tbody.find_all("tr")}
    assert rows["CARE"][2] == "1,839 to 3,577 people" and "546 women and girls" in rows["CARE"][3]
    assert rows["IFRC network"][6].startswith("CHF 32.0 (26.6 to 40.3) programme expenditure per person reached")
    assert rows["IFRC network"][7].startswith("indicative: the amount disagrees")
    assert rows["WPHF"][6] == "no cost data in the sources" and rows["WPHF"][7] == "no data"
    ifrc = section_text(pages["04_actor_profile--ifrc-network.html"], "Summary")
    assert "between 240,612 and 381,780 people reached directly" in ifrc and "CHF 32.0 (26.6 to 40.3)" in ifrc
    fao = pages["04_actor_profile--fao.html"]
    assert "only: 3,000 households targeted (FAO-001)" in section_text(fao, "Targets (not reach)")


def test_sections_of_a_profile_with_little_data_are_one_sentence(pages):
    wphf = pages["04_actor_profile--wphf.html"]
    for heading in ("Reach by sex", "Women in the groups the documents describe", "Population context (not reach)"):
        shown = BeautifulSoup(str(wphf), "html.parser")
        text = section_text(shown, heading)
        assert text.count(".") <= 3 and "table" not in text.lower(), (heading, text)
