"""The agency's branding: its name, logo, accent colour and footer on every report, PDF and index.

A manifest gives it once for every client::

    agency:
      name: Harbour Social
      logo: branding/logo.png      # PNG or JPEG, inside the manifest's folder
      accent_color: "#0b6e4f"
      footer: "Harbour Social · hello@harbour.example · 01632 960 000"

:class:`Agency` is the value of the ``agency`` option of
:class:`~smanalytics.report.spec.ClientSpec`. The logo is checked before any
kernel starts (:func:`read_logo`): a PNG or JPEG by its first bytes *and*
decoded whole by Pillow, at most :data:`MAX_LOGO_BYTES` and
:data:`MAX_LOGO_SIDE` pixels a side; SVG is refused (it can carry scripts and
links). A manifest's logo must also lie inside the manifest's folder
(:func:`inside_folder`): no ``..``, and symbolic links are resolved first, so
a manifest cannot pull a file from elsewhere on the machine into a report.
The report embeds the logo as a ``data:`` URI, so the page and the PDF need
nothing beside them.
"""

from __future__ import annotations

import base64
import io
import os
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePath

from smanalytics.report import html

__all__ = [
    "Agency",
    "Logo",
    "read_logo",
    "inside_folder",
    "masthead",
    "page_header",
    "MAX_LOGO_BYTES",
    "MAX_LOGO_SIDE",
]

#: The largest logo file accepted: a logo is embedded in every report and index page.
MAX_LOGO_BYTES = 1_000_000

#: The largest width or height of a logo, in pixels (a report shows it about 200 px wide).
MAX_LOGO_SIDE = 4000

#: The image kinds accepted, by the bytes a file of that kind starts with.
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": ("PNG", "image/png"), b"\xff\xd8\xff": ("JPEG", "image/jpeg")}

_KEYS = ("name", "logo", "accent_color", "footer")


@dataclass(frozen=True)
class Agency:
    """The agency that sends the reports: shown at the top of each report and in every page's footer.

    Attributes
    ----------
    name
        The agency's name (``A note from <name>`` heads the analyst's note).
    logo
        Path of a PNG or JPEG logo (None: no logo).
    accent_color
        ``#rrggbb``: the reports' accent colour unless a client has its own.
    footer
        One line for the foot of every page (contact details, say).
    """

    name: str = ""
    logo: str | None = None
    accent_color: str | None = None
    footer: str = ""

    @classmethod
    def parse(cls, value: object) -> Agency | None:
        """An Agency from a mapping (manifest, template), ``key:value`` texts (command line) or itself.

        Raises ValueError saying what the value must be; None, ``{}`` and ``""`` give None.

        Examples
        --------
        >>> Agency.parse({"name": "Harbour Social", "accent_color": "#0b6e4f"})
        Agency(name='Harbour Social', logo=None, accent_color='#0b6e4f', footer='')
        >>> Agency.parse(["name:Harbour Social", "logo=logo.png"]).logo
        'logo.png'
        >>> Agency.parse({"name": "H", "logo": "logo.svg"})
        Traceback (most recent call last):
        ...
        ValueError: logo must be a PNG or JPEG file (SVG is refused: it can carry scripts)
        """
        if value is None or value == "" or (isinstance(value, (dict, list, tuple)) and not value):
            return None
        if isinstance(value, Agency):
            return value
        if isinstance(value, (list, tuple)) and all(
            isinstance(i, str) and re.search("[:=]", i) for i in value
        ):
            value = dict(re.split("[:=]", i, maxsplit=1) for i in value)
        if not isinstance(value, dict):
            raise ValueError(
                f"must be a mapping of {', '.join(_KEYS)} (name:... logo:... on the command line)"
            )
        unknown = sorted(set(map(str, value)) - set(_KEYS))
        if unknown:
            raise ValueError(
                f"has unknown key {', '.join(map(repr, unknown))}; expected some of {', '.join(_KEYS)}"
            )
        return cls(
            name=_text("name", value.get("name")),
            logo=_logo_path(value.get("logo")),
            accent_color=_color(value.get("accent_color")),
            footer=_text("footer", value.get("footer")),
        )

    def with_paths_from(self, base: str | os.PathLike) -> Agency:
        """This agency with a relative logo path taken from ``base``."""
        if not self.logo:
            return self
        return replace(self, logo=os.path.join(os.fspath(base), os.path.expanduser(self.logo)))

    def input_paths(self) -> list[str]:
        """The files the branding reads: the logo."""
        return [self.logo] if self.logo else []

    def to_parameter(self) -> dict[str, str | None]:
        """The agency as the template's ``agency`` parameter: a plain dict."""
        return asdict(self)


def _text(key: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"{key} must be text")
    return " ".join(str(value).split())


def _color(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not html.COLOR.fullmatch(value):
        raise ValueError("accent_color must be written #rrggbb")
    return value


def _logo_path(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError("logo must be the path of a PNG or JPEG file")
    path = os.fspath(value)
    if path.lower().endswith((".svg", ".svgz")):
        raise ValueError("logo must be a PNG or JPEG file (SVG is refused: it can carry scripts)")
    return path


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes, MIME type and size in pixels."""

    data: bytes
    mime: str
    width: int
    height: int

    def data_uri(self) -> str:
        """The logo as a ``data:`` URI, for an ``<img src>``."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(path: str | os.PathLike) -> Logo:
    """The logo at ``path``, once checked to be a whole PNG or JPEG of a sensible size.

    The first bytes must be a PNG's or a JPEG's, and the image must decode
    whole (a file merely named ``.png``, or cut short, is refused).

    Raises
    ------
    ValueError
        Saying what is wrong and what to do (the caller names the option and file).
    """
    from PIL import Image

    try:
        size = os.path.getsize(path)
        if size > MAX_LOGO_BYTES:
            raise ValueError(
                f"is {size:,} bytes; a logo may be at most {MAX_LOGO_BYTES:,} bytes: save it smaller"
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValueError("does not exist; give the path of a PNG or JPEG file") from None
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    kind = next((k for signature, k in _SIGNATURES.items() if data.startswith(signature)), None)
    if kind is None:
        what = "an SVG drawing" if b"<svg" in data[:1000].lower() else "not a PNG or JPEG image"
        raise ValueError(f"is {what}; the logo must be a PNG or JPEG file")
    name, mime = kind
    damaged = f"is not a whole {name} image ({{}}); export the logo again"
    try:  # Pillow's errors for a file that is not a whole image vary by format: any is "damaged"
        image = Image.open(io.BytesIO(data), formats=[name])
    except Exception as exc:
        raise ValueError(damaged.format(exc)) from None
    with image:
        width, height = image.size
        if max(width, height) > MAX_LOGO_SIDE:
            raise ValueError(
                f"is {width} x {height} pixels; a logo may be at most {MAX_LOGO_SIDE} pixels a side: "
                "save it smaller"
            )
        try:
            _decode_whole(image)
        except Exception as exc:
            raise ValueError(damaged.format(exc)) from None
    return Logo(data, mime, width, height)


def _decode_whole(image) -> None:
    """Decode every pixel of ``image``: a truncated or corrupt file raises here.

    WeasyPrint, once imported, tells Pillow to accept truncated images
    (``ImageFile.LOAD_TRUNCATED_IMAGES``, process-wide); that is turned off
    while the logo is checked.
    """
    from PIL import ImageFile

    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def inside_folder(path: str | os.PathLike, folder: str | os.PathLike) -> Path:
    """``path`` (relative to ``folder``, or absolute) resolved, once checked to lie inside ``folder``.

    A manifest's logo and note files must lie inside the manifest's folder, so
    that a manifest cannot pull a file from elsewhere on the machine into a report.

    A path with a ``..`` part is refused as written; then symbolic links are
    resolved, and the file they lead to must be inside ``folder`` too.

    Raises
    ------
    ValueError
        For a path that leaves ``folder``.

    Examples
    --------
    >>> inside_folder("../secret.png", "/data")
    Traceback (most recent call last):
    ...
    ValueError: must be inside the manifest's folder /data (no '..')
    """
    folder = Path(folder).resolve()
    if ".." in PurePath(path).parts:
        raise ValueError(f"must be inside the manifest's folder {folder} (no '..')")
    resolved = (folder / path).resolve()
    if not resolved.is_relative_to(folder):
        raise ValueError(f"must be inside the manifest's folder {folder}; it leads to {resolved}")
    return resolved


def masthead(agency: Agency | None) -> str:
    """The agency's logo (else its name) and footer line, as HTML for the top of a page.

    The name is shown only without a logo: a logo carries the agency's name
    (it is the image's ``alt`` text). Empty without an agency.

    Examples
    --------
    >>> masthead(Agency(name="<b>Harbour</b>"))
    '<div class="sm-agency"><span class="sm-agency-name">&lt;b&gt;Harbour&lt;/b&gt;</span></div>'
    """
    if agency is None:
        return ""
    parts = [_mark(agency)] if agency.logo or agency.name else []
    if agency.footer:
        parts.append(f'<span class="sm-agency-footer">{html.text(agency.footer)}</span>')
    return f'<div class="sm-agency">{"".join(parts)}</div>' if parts else ""


def page_header(agency: Agency | None) -> str:
    """The agency's logo (else its name) for the top of every printed page but the first.

    A running element: the print styles (:data:`~smanalytics.report.render.PRINT_CSS`)
    take it out of the page and into the page's top margin; a screen does not show it.

    Examples
    --------
    >>> page_header(Agency(name="Harbour & Co"))
    '<div class="sm-page-header"><span class="sm-agency-name">Harbour &amp; Co</span></div>'
    >>> page_header(None)
    ''
    """
    if agency is None or not (agency.logo or agency.name):
        return ""
    return f'<div class="sm-page-header">{_mark(agency)}</div>'


def _mark(agency: Agency) -> str:
    """The agency's logo as an embedded image, else its name."""
    if agency.logo:
        alt = html.attr(agency.name or "logo")
        return f'<img class="sm-logo" src="{read_logo(agency.logo).data_uri()}" alt="{alt}">'
    return f'<span class="sm-agency-name">{html.text(agency.name)}</span>'
