"""Escaping helpers: text from exports (post texts, names) reaches HTML only through these.

Everything that is not written by this package (a client's name, a post's
text, an account name, a file name) must go through :func:`text` or
:func:`attr` before it is put into HTML.
"""

from __future__ import annotations

import html as _html
import re

__all__ = ["Html", "text", "attr", "table", "shorten", "COLOR"]

#: What an accent colour must look like to be put into CSS.
COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class Html:
    """Prepared HTML that displays in a notebook; build it only from escaped parts."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def text(value: object) -> str:
    """``value`` as HTML text: ``<``, ``>``, ``&`` and quotes escaped; None as empty.

    Examples
    --------
    >>> text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    if value is None:
        return ""
    return _html.escape(str(value), quote=True)


def attr(value: object) -> str:
    """``value`` for a double-quoted HTML attribute (same escaping as :func:`text`)."""
    return text(value)


def shorten(value: object, width: int = 80) -> str:
    """``value`` as one line of at most ``width`` characters (not escaped).

    Examples
    --------
    >>> shorten("Fresh lemonade\\ntoday at the market, come early", 20)
    'Fresh lemonade…'
    """
    one_line = " ".join(str(value if value is not None else "").split())
    if len(one_line) <= width:
        return one_line
    cut = one_line[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def table(rows: list[list[object]], *, header: list[str], numeric: set[int] | None = None) -> str:
    """An HTML table; every cell escaped, columns in ``numeric`` right-aligned.

    Examples
    --------
    >>> markup = table([["<b>", 1]], header=["name", "n"], numeric={1})
    >>> markup[markup.index("<tbody>"):]
    '<tbody><tr><td>&lt;b&gt;</td><td class="num">1</td></tr></tbody></table>'
    """
    numeric = numeric or set()

    def cell(tag: str, i: int, value: object) -> str:
        cls = ' class="num"' if i in numeric else ""
        return f"<{tag}{cls}>{text(value)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="sm-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
