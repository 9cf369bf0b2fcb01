"""The analyst's note: Markdown in, safe HTML out; a hostile note shows as the text it is."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from smanalytics.errors import ManifestError, SpecError
from smanalytics.report.manifest import load_manifest
from smanalytics.report.notes import note_html, note_markdown, note_section, read_note_file
from smanalytics.report.runner import check_notes_file
from smanalytics.report.spec import ClientSpec
from tests.report._exports import write_client

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


def test_a_note_file_inside_the_manifests_folder_is_read_and_rendered_the_same_way(tmp_path: Path):
    write_client(tmp_path / "cafe")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "cafe.md").write_bytes(codecs.BOM_UTF8 + HOSTILE_NOTE.encode("utf-8"))
    manifest = tmp_path / "clients.yaml"
    manifest.write_text(
        "clients:\n  - {id: cafe, exports: [cafe/*.csv], notes_file: notes/cafe.md}\n", "utf-8"
    )
    (client,) = load_manifest(manifest).clients
    assert client.notes_file == str(tmp_path / "notes" / "cafe.md")
    assert client.notes_file in client.input_paths()  # an edited note makes the report stale
    assert note_markdown(client) == HOSTILE_NOTE
    check_notes_file(client)  # before any kernel starts


@pytest.mark.parametrize(
    ("entry", "error", "message"),
    [
        (
            "notes_file: ../notes.md",
            ManifestError,
            r"'notes_file' '\.\./notes\.md' must be inside the manifest's",
        ),
        ('notes: "hi", notes_file: a.md', ManifestError, r"give 'notes' or 'notes_file', not both"),
    ],
)
def test_a_note_file_outside_the_folder_or_beside_a_note_is_refused(tmp_path: Path, entry, error, message):
    manifest = tmp_path / "clients.yaml"
    manifest.write_text(f"clients:\n  - {{id: cafe, exports: [cafe/*.csv], {entry}}}\n", "utf-8")
    with pytest.raises(error, match=message):
        load_manifest(manifest)


def test_a_note_file_that_is_not_utf8_text_is_refused_before_any_kernel_starts(tmp_path: Path):
    (tmp_path / "note.md").write_bytes("Caf\xe9 au lait".encode("cp1252"))
    spec = ClientSpec("cafe", exports=["x.csv"], notes_file=str(tmp_path / "note.md"))
    with pytest.raises(
        SpecError, match=r"'notes_file' .*note\.md is not UTF-8 text \(byte 4\); save it as UTF-8"
    ):
        check_notes_file(spec)
    with pytest.raises(ValueError, match="does not exist"):
        read_note_file(tmp_path / "nowhere.md")
