"""Figure ids and glossary terms linked in a rendered page's text, never in its markup."""
import pandas as pd
from bs4 import BeautifulSoup

from helpers.reporting import links

GLOSSARY = pd.DataFrame([
    dict(term="DRR", expansion="disaster risk reduction", meaning="Reducing the damage disasters do.", kind="acronym",
         source="doc.txt"),
    dict(term="CSO", expansion="civil-society organisation", meaning="An association.", kind="acronym", source="x"),
    dict(term="parity index", expansion="", meaning="Women divided by men.", kind="term", source="project definition"),
    dict(term="at least (unique people)", expansion="", meaning="The lower bound.", kind="term", source="p"),
])
IDS = links.id_pattern(["AB", "ABC"])


def linked(body: str) -> BeautifulSoup:
    page = f'<html><head><title>DRR AB-1</title></head><body>{body}<section id="provenance">p</section></body></html>'
    return BeautifulSoup(links.link_page(page, IDS, "register.html", GLOSSARY), "html.parser")


def test_ids_link_to_the_row_on_the_page_or_to_the_register():
    soup = linked('<p>AB-1 and ABC-22, not XAB-1 or AB-1x.</p><table><tr id="fig-AB-1"><td>row</td></tr></table>')
    hrefs = [a["href"] for a in soup.select("a.figure-ref")]
    assert hrefs == ["#fig-AB-1", "register.html#fig-ABC-22"]
    assert "XAB-1 or AB-1x" in soup.p.get_text()


def test_first_use_of_each_term_links_to_a_glossary_of_the_terms_used():
    soup = linked("<h2>DRR</h2><p>DRR plans, more DRR; the Parity index of CSOs at least once; "
                  "at least (unique people).</p>")
    terms = [(a.get_text(), a["href"]) for a in soup.select("a.term")]
    assert terms == [("DRR", "#term-drr"), ("Parity index", "#term-parity-index"), ("CSOs", "#term-cso"),
                     ("at least (unique people)", "#term-at-least-unique-people")], "'at least once' is not the term"
    glossary = soup.select_one("section.glossary")
    assert [dt["id"] for dt in glossary.select("dt")] == ["term-at-least-unique-people", "term-cso", "term-drr",
                                                         "term-parity-index"]
    assert glossary.find_next_sibling(id="provenance") is not None, "the glossary comes before the provenance"
    assert "disaster risk reduction" in glossary.get_text()


def test_markup_code_links_and_attributes_are_left_alone():
    body = ('<p title="DRR AB-1"><a href="x">AB-1 DRR</a><code>AB-1</code> <img alt="DRR AB-1"> '
            "&lt;script&gt;AB-2&lt;/script&gt;</p>")
    soup = linked(body)
    assert soup.p["title"] == "DRR AB-1" and soup.img["alt"] == "DRR AB-1"
    assert soup.select_one("a[href=x]").get_text() == "AB-1 DRR" and soup.code.get_text() == "AB-1"
    assert "<script>" not in str(soup) and soup.select_one("a.figure-ref").get_text() == "AB-2"
    assert soup.title.get_text() == "DRR AB-1"


def test_a_page_without_terms_gets_no_glossary():
    assert linked("<p>nothing here</p>").select_one("section.glossary") is None
