"""A report page as a PDF, made in-process by WeasyPrint.

The PDF is the HTML report laid out on paper by its own print styles
(:data:`~smanalytics.report.render.PRINT_CSS`): the same content, the
paper size the client asked for, the client, period and page number in the
footer. WeasyPrint is a CSS paged-media engine in Python (pango for the
text), so a PDF costs no browser process and no temporary file.

Nothing is fetched while rendering: the page embeds its images as ``data:``
URIs, and any other address (``http:``, ``file:``) is refused, so a report
renders the same offline and can never read a local file into the PDF.
"""

from __future__ import annotations

import functools
import logging

__all__ = ["html_to_pdf"]


@functools.lru_cache(maxsize=1)
def _fetcher():
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


@functools.lru_cache(maxsize=1)
def _fonts():
    """One font configuration for every PDF a process makes: the fonts it has found and shaped stay
    loaded (an eighth of a report's PDF time). The report's styles add no ``@font-face``, so
    nothing of one client's document is kept for the next."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(page: str) -> bytes:
    """The HTML ``page`` (a whole document, styles inline) as PDF bytes.

    Only ``data:`` URIs are loaded; an image at any other address is left
    out, as a browser with no network would.

    Examples
    --------
    >>> html_to_pdf("<!DOCTYPE html><p>Hello</p>")[:5]
    b'%PDF-'
    """
    import weasyprint

    # WeasyPrint warns about each CSS property it does not lay out (screen-only ones among them)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=page, url_fetcher=_fetcher()).write_pdf(font_config=_fonts())
