"""The analyst's note: Markdown in, safe HTML out; a hostile note shows as the text it is."""

from __future__ import annotations

import pytest

from smanalytics.report.notes import note_html, note_section

HOSTILE_NOTE = (
    "<script>alert(1)</script>\n\n"
    '<img src=x onerror="alert(2)">\n\n'
    "[x](javascript:alert(3)) [y](data:text/html;base64,PHNjcmlwdD4=) [z](JavaScript:alert(4))\n\n"
    "![pixel](https://tracker.example/p.png) <a href='https://evil.example'>here</a>"
)


def test_a_note_gets_paragraphs_emphasis_lists_and_web_links():
    page = note_html(
        "A *good* month, **well done**.\n\n- one\n- two\n\n1. first\n\n[plan](https://example.com/p?a=1&b=2)"
    )
    assert page == (
        "<p>A <em>good</em> month, <strong>well done</strong>.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<ol>\n<li>first</li>\n</ol>\n"
        '<p><a href="https://example.com/p?a=1&amp;b=2">plan</a></p>\n'
    )


def test_a_hostile_note_is_shown_as_text():
    page = note_html(HOSTILE_NOTE)
    assert page == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        "<p>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>\n"
        "<p>[x](javascript:alert(3)) [y](data:text/html;base64,PHNjcmlwdD4=) [z](JavaScript:alert(4))</p>\n"
        '<p>!<a href="https://tracker.example/p.png">pixel</a> '  # a link to the image, never loaded
        "&lt;a href='https://evil.example'&gt;here&lt;/a&gt;</p>\n"
    )


@pytest.mark.parametrize("markdown", ["# Big title", "---", "    indented code", "```\nfence\n```"])
def test_headings_rules_and_code_blocks_stay_plain_text(markdown):
    assert note_html(markdown).startswith("<p>") and "<h1" not in note_html(markdown)


def test_the_section_names_the_agency_and_is_empty_without_a_note():
    section = str(note_section("Hi *you*", "Harbour <Social>"))
    assert section == (
        '<aside class="sm-note-box"><h2>A note from Harbour &lt;Social&gt;</h2>'
        "<p>Hi <em>you</em></p>\n</aside>"
    )
    assert str(note_section("  \n", "Harbour")) == ""
    assert "A note from your agency" in str(note_section("Hi"))
