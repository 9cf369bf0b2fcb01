"""The PDF: the report page laid out on paper by its print styles (one small render)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from smanalytics.report.branding import Agency, masthead, page_header
from smanalytics.report.notes import note_section
from smanalytics.report.pdf import html_to_pdf
from smanalytics.report.render import page_css

pypdf = pytest.importorskip("pypdf")

LOGO = Path(__file__).resolve().parents[2] / "data" / "samples" / "agency-logo.png"


def _text(page) -> str:
    return "".join(page.extract_text().split())  # pypdf spaces out some glyphs: compare without spaces


def test_pages_have_the_agency_the_client_and_numbers_and_a_table_is_never_split():
    agency = Agency(name="Harbour Social", logo=str(LOGO), footer="hello@harbour.example")
    filler = "".join(f"<p>Paragraph {i} of the first page.</p>" for i in range(26))
    rows = "".join(f"<tr><td>row{i}</td><td class='num'>{i}</td></tr>" for i in range(12))
    page = (
        f"<!DOCTYPE html><html><head><style>{page_css(accent_color='#0b6e4f', paper='letter')}</style></head>"
        f"<body><main>{masthead(agency)}{page_header(agency)}<h1>Café</h1>"
        "<div class='sm-page-footer'>Café · September 2026<br>hello@harbour.example</div>"
        f"{note_section('<script>alert(1)</script> *hi* [x](javascript:alert(1))', agency.name)}"
        f"{filler}<table class='sm-table'><thead><tr><th>Name</th><th>N</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        '<img src="file:///etc/hostname"><img src="https://example.com/x.png"></main></body></html>'
    )
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(page)))
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox] == [0, 0, 612, 792]  # letter, in points
    first, second = (_text(p) for p in reader.pages)
    assert "Café·September2026hello@harbour.examplePage1of2" in first
    assert "Café·September2026hello@harbour.examplePage2of2" in second
    # the note's markup is text; the whole table moved to page 2, its rows together
    assert "<script>alert(1)</script>hi[x](javascript:alert(1))" in first
    assert "row0" not in first and all(f"row{i}" in second for i in range(12))
    # the logo is embedded (top of page 1, and small in page 2's header); nothing else was fetched
    images = {(i.image.width, i.image.height) for p in reader.pages for i in p.images}
    assert images == {(360, 96)}
    assert reader.pages[0].get("/Annots") is None  # no link: javascript: was not made one


def test_a_line_that_introduces_a_table_goes_to_the_next_page_with_it():
    filler = "".join(f"<p>Paragraph {i} of the first page.</p>" for i in range(25))
    rows = "".join(f"<tr><td>row{i}</td><td class='num'>{i}</td></tr>" for i in range(12))
    page = (
        f"<!DOCTYPE html><html><head><style>{page_css()}</style></head><body><main>{filler}"
        "<div class='sm-output'><p>Posts that got no comment:</p><table class='sm-table'>"
        f"<thead><tr><th>Name</th><th>N</th></tr></thead><tbody>{rows}</tbody></table></div></main></body></html>"
    )
    first, second = (_text(p) for p in pypdf.PdfReader(io.BytesIO(html_to_pdf(page))).pages)
    assert "Paragraph24" in first and "row0" not in first
    assert second.startswith("Poststhatgotnocomment:NameNrow0")


def test_a_note_under_a_table_does_not_go_to_the_next_page_with_the_section_after_it():
    filler = "".join(f"<p>Paragraph {i} of the first page.</p>" for i in range(20))
    rows = "".join(f"<tr><td>row{i}</td><td class='num'>{i}</td></tr>" for i in range(12))
    table = f"<table class='sm-table'><thead><tr><th>Name</th><th>N</th></tr></thead><tbody>{rows}</tbody>"
    page = (
        f"<!DOCTYPE html><html><head><style>{page_css()}</style></head><body><main>{filler}"
        "<div class='sm-output'><p class='sm-note'>Rates are per 1,000 followers.</p></div>"
        "<div class='sm-output'><div class='sm-text'><h2>Conversation</h2>"
        "<p>Small accounts talk more.</p></div></div>"
        f"<div class='sm-output'><p>The posts that started the most conversation:</p>{table}</table></div>"
        "</main></body></html>"
    )
    first, second = (_text(p) for p in pypdf.PdfReader(io.BytesIO(html_to_pdf(page))).pages)
    assert first.endswith("Ratesareper1,000followers.Page1of2")  # the note stays under what it explains
    assert second.startswith("ConversationSmallaccountstalkmore.Thepoststhatstartedthemost")
