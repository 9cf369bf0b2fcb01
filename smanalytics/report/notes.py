"""The analyst's note: a client's ``notes:`` (Markdown) as safe HTML, near the top of the report.

The note is rendered by markdown-it-py, a CommonMark parser, with raw HTML
off: a ``<script>`` or ``<img onerror=...>`` in a note is shown as the text
it is, never as markup. Only what a note needs is on: paragraphs, emphasis,
lists, block quotes, inline code and links; headings, images and rules are
off (a ``# x`` line stays text, and an image could make the PDF renderer
fetch a URL). A link must be ``http:``, ``https:`` or ``mailto:``; any other
(``javascript:``, ``data:``, ``file:``, a relative path) is not made a link
and stays text. The only markup in the result is markdown-it's own, with
every attribute value escaped by it.

A note may also come from a Markdown file (the ``notes_file`` option; in a
manifest, inside the manifest's folder): :func:`read_note_file` reads it as
UTF-8, at most :data:`MAX_NOTE_BYTES`, and it is rendered the same way.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from smanalytics.report import html

__all__ = ["note_html", "note_section", "read_note_file", "note_markdown", "SAFE_LINK", "MAX_NOTE_BYTES"]

#: The largest note file accepted: a note is a few paragraphs, not a document.
MAX_NOTE_BYTES = 100_000

#: The links a note may hold: to the web or to an e-mail address.
SAFE_LINK = re.compile(r"(https?://|mailto:)[^\s\x00-\x1f]+", re.IGNORECASE)

#: markdown-it rules that a note does not need and that are turned off.
_OFF = ["heading", "lheading", "image", "hr", "html_block", "html_inline", "code", "fence", "reference"]


@functools.lru_cache(maxsize=1)
def _renderer():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).disable(_OFF)
    md.validateLink = lambda url: bool(SAFE_LINK.fullmatch(url))
    return md


def note_html(markdown: str) -> str:
    """The note ``markdown`` as HTML, with raw HTML shown as text and only web and mail links.

    Examples
    --------
    >>> note_html("A *good* month: see [the plan](https://example.com/plan).")
    '<p>A <em>good</em> month: see <a href="https://example.com/plan">the plan</a>.</p>\\n'
    >>> note_html("<script>alert(1)</script> [x](javascript:alert(1))")
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>\\n'
    """
    return _renderer().render(markdown)


def note_section(notes: str, agency_name: str = "") -> html.Html:
    """The note under the heading "A note from <agency>" (empty when there is no note)."""
    if not notes.strip():
        return html.Html("")
    from smanalytics.i18n import _

    if agency_name:
        heading = _("A note from {agency}").format(agency=agency_name)
    else:
        heading = _("A note from your agency")
    return html.Html(f'<aside class="sm-note-box"><h2>{html.text(heading)}</h2>{note_html(notes)}</aside>')


def read_note_file(path: str | os.PathLike) -> str:
    """The Markdown text of the note file ``path`` (UTF-8, with or without a BOM).

    Raises
    ------
    ValueError
        Saying what is wrong (the caller names the option and file).
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValueError("does not exist; give the path of a Markdown file") from None
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_NOTE_BYTES:
        raise ValueError(f"is {len(data):,} bytes; a note may be at most {MAX_NOTE_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8") from None


def note_markdown(spec) -> str:
    """The note of ``spec`` (a :class:`~smanalytics.report.spec.ClientSpec`): notes, else its file."""
    return read_note_file(spec.notes_file) if spec.notes_file else spec.notes
