"""Excel 2003 XML workbooks (SpreadsheetML), often named ``.xls``, read into rows of text cells.

Classic Facebook Insights offered "Excel" downloads that are not BIFF ``.xls``
files but Excel 2003 XML workbooks (``<Workbook xmlns=
"urn:schemas-microsoft-com:office:spreadsheet">``), and other tools write
them too. :func:`read_spreadsheetml` reads any such workbook into
``{sheet: [(row number, cells), ...]}``, as :mod:`smanalytics.io.excel` does
for ``.xlsx`` and ``.xls``; :attr:`Source.sheets
<smanalytics.io.source.Source.sheets>` calls it, and every family reads the
sheets as tables.

Quirks handled
--------------
* Parsed only with defusedxml: a workbook with a DTD, entities or external
  references is refused as unsafe (an :class:`~smanalytics.errors.ExportError`),
  never expanded.
* ``ss:Index`` (skipped rows and cells) and ``ss:MergeAcross`` (a cell
  spanning columns) keep every value in its spreadsheet column.
* A workbook that declares UTF-8 but has an invalid byte (Facebook's
  page-level download, in a city name) has it replaced (U+FFFD), and the
  notes say where.
"""

from __future__ import annotations

import re

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from smanalytics.errors import ExportError
from smanalytics.io.source import SPREADSHEETML_NAMESPACE, Source

__all__ = ["read_spreadsheetml"]

_NS = SPREADSHEETML_NAMESPACE
_SS = "{" + _NS + "}"
Row = tuple[int, list[str]]


def read_spreadsheetml(source: Source) -> dict[str, list[Row]]:
    """Read a SpreadsheetML 2003 workbook into ``{sheet name: [(row number, cells), ...]}``.

    Row numbers are 1-based spreadsheet rows; cells are text ('' for an empty
    or skipped cell), numbers and dates as written in the XML
    (``221231``, ``2017-07-22T05:30:00.000``). ``ss:Index`` on a row or cell
    jumps to that row or column; ``ss:MergeAcross="n"`` makes a cell span
    ``n`` more columns, which are filled with ''. Empty rows are left out.

    Raises
    ------
    ExportError
        When the XML is not well formed or is unsafe (a DTD, entities or
        external references), or is not a SpreadsheetML workbook.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "book.xls"
    >>> ns = "urn:schemas-microsoft-com:office:spreadsheet"
    >>> _ = path.write_text(f'<?xml version="1.0"?><Workbook xmlns="{ns}"'
    ...     f' xmlns:ss="{ns}"><Worksheet ss:Name="S"><Table>'
    ...     '<Row><Cell><Data ss:Type="String">a</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">2'
    ...     '</Data></Cell></Row></Table></Worksheet></Workbook>')
    >>> read_spreadsheetml(Source(path))
    {'S': [(1, ['a', '', '2'])]}
    """
    root = _parse(source)
    if root.tag != _SS + "Workbook":
        raise ExportError(
            f"the XML's root is {root.tag!r}; expected a SpreadsheetML <Workbook>", path=source.path
        )
    sheets: dict[str, list[Row]] = {}
    for number, sheet in enumerate(root.iter(_SS + "Worksheet"), start=1):
        name = sheet.get(_SS + "Name") or f"Sheet{number}"
        rows: list[Row] = []
        row_number = 0
        for table in sheet.iter(_SS + "Table"):
            for row in table.iter(_SS + "Row"):
                row_number = int(row.get(_SS + "Index") or row_number + 1)
                cells = _cells(row, source, row_number)
                if any(c.strip() for c in cells):
                    rows.append((row_number, cells))
        sheets[name] = rows
    return sheets


def _parse(source: Source):
    data = source.data
    encoding = "utf-16" if source.encoding.startswith("utf-16") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        source.notes.append(f"invalid {encoding.upper()} at byte {exc.start} replaced by U+FFFD")
    text = re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", text)  # the text is decoded already
    try:
        return SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise ExportError(
            f"unsafe XML refused ({type(exc).__name__}: the file declares a DTD, entities or external"
            " references, which a SpreadsheetML export never has); expected a plain SpreadsheetML workbook",
            path=source.path,
        ) from None
    except SafeET.ParseError as exc:
        line, column = exc.position
        raise ExportError(
            f"the XML is not well formed at column {column} ({exc}); expected a SpreadsheetML workbook",
            path=source.path,
            line=line,
        ) from None


def _cells(row, source: Source, row_number: int) -> list[str]:
    cells: list[str] = []
    for cell in row.findall(_SS + "Cell"):
        index = cell.get(_SS + "Index")
        if index is not None:
            position = int(index) - 1
            if position < len(cells):
                raise ExportError(
                    f"cell ss:Index={index} points backwards; expected increasing cell positions",
                    path=source.path,
                    line=row_number,
                )
            cells.extend([""] * (position - len(cells)))
        data = cell.find(_SS + "Data")
        cells.append("".join(data.itertext()) if data is not None else "")
        cells.extend([""] * int(cell.get(_SS + "MergeAcross") or 0))
    return cells
