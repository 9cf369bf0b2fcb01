"""Reading the sheets of spreadsheet exports (``.xls`` and ``.xlsx``) as text.

Every family reads a spreadsheet as it reads a CSV: rows of text cells with
the row number each came from, so that the same parsers
(:mod:`smanalytics.io.parse`) and the same mapping
(:func:`smanalytics.io.mapping.to_canonical`) serve both, and a TikTok
``Overview.xlsx`` or a re-saved tweet activity CSV is read by the CSV family.
:func:`read_sheets` gives exactly that for a BIFF ``.xls`` (read with xlrd) and
for an ``.xlsx`` (read with openpyxl in read-only mode, cached formula values,
whatever size the sheet declares); :attr:`Source.sheets
<smanalytics.io.source.Source.sheets>` keeps the result and
:mod:`smanalytics.io.tables` makes each sheet a table.

Cells become text the parsers understand:

=============================  ==================================================
cell                           text
=============================  ==================================================
empty or blank                 ``""``
text                           as is (not stripped)
whole number (``593.0``)       ``"593"``
other number                   shortest round-trip form (``"0.2799325463743676"``)
date, date-time                ISO 8601 (``"2024-12-21"``, ``"2024-12-21T09:30:00"``)
boolean                        ``"TRUE"`` / ``"FALSE"``
error (``#DIV/0!``)            the error text, which parses as missing or bad
=============================  ==================================================

An ``.xlsx`` is a zip file, so before opening one the zip's directory is
checked: a file whose members would unpack to more than
:data:`MAX_UNPACKED_BYTES` or that compress more than :data:`MAX_RATIO` times
(a "zip bomb") is refused with :class:`SuspiciousZipError` (an
:class:`~smanalytics.errors.ExportError`) without unpacking anything.

Exports put a description row or two above a sheet's header, so
:func:`find_table` finds a table by the header names it must have, and
:class:`SheetTable` turns it into the DataFrame of strings with ``_line``
(the spreadsheet row) that :func:`~smanalytics.io.mapping.to_canonical` takes;
:class:`SheetProblems` names the sheet in each problem it records.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import warnings
import zipfile
from collections.abc import Iterable

import pandas as pd

from smanalytics.errors import ExportError
from smanalytics.io.source import LINE, Rows, Source

__all__ = [
    "Rows",
    "read_sheets",
    "find_table",
    "SheetTable",
    "SheetProblems",
    "is_xlsx",
    "cell_text",
    "SuspiciousZipError",
    "MAX_UNPACKED_BYTES",
    "MAX_RATIO",
]

#: Largest total uncompressed size of an ``.xlsx``'s members that is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Largest overall compression ratio (uncompressed / compressed) that is read.
MAX_RATIO = 100


class SuspiciousZipError(ExportError):
    """An ``.xlsx`` whose zip directory promises too much data (a possible zip bomb)."""


def cell_text(value: object) -> str:
    """The text form of one cell value as read from a workbook.

    Examples
    --------
    >>> [cell_text(v) for v in (None, 593.0, 0.25, dt.datetime(2024, 12, 21), True, " a ")]
    ['', '593', '0.25', '2024-12-21', 'TRUE', ' a ']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def is_xlsx(source: Source) -> bool:
    """True when ``source`` is a zip holding an Office Open XML workbook."""
    if source.kind != "zip":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_sheets(source: Source) -> dict[str, Rows]:
    """Every sheet of a ``.xls`` or ``.xlsx`` export as rows of text cells.

    Parameters
    ----------
    source
        The file; its ``kind`` must be ``ole2`` (BIFF ``.xls``) or ``zip``
        (``.xlsx``). :attr:`Source.sheets <smanalytics.io.source.Source.sheets>`
        calls this once and keeps the result, so sniffing and reading the
        same file parse it once.

    Returns
    -------
    dict
        Sheet name -> list of ``(row_number, cells)``, ``row_number`` 1-based
        as a spreadsheet shows it, ``cells`` the row's cells as text (see the
        module docstring). Rows whose cells are all empty are left out;
        trailing empty cells are kept so that every row of a sheet has the
        sheet's width.

    Raises
    ------
    ExportError
        When the file is not a readable workbook, or is a suspicious zip.

    Examples
    --------
    >>> import openpyxl, tempfile, pathlib
    >>> book = openpyxl.Workbook(); sheet = book.active; sheet.title = "New followers"
    >>> sheet.append(["Date", "Total followers"]); sheet.append(["12/21/2024", 5.0])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"; book.save(path)
    >>> read_sheets(Source(path))
    {'New followers': [(1, ['Date', 'Total followers']), (2, ['12/21/2024', '5'])]}
    """
    if source.kind == "ole2":
        return _read_xls(source)
    if source.kind == "zip":
        return _read_xlsx(source)
    raise ExportError(f"this is {source.kind} data; expected a spreadsheet (.xls or .xlsx)", path=source.path)


def _keep(rows: Rows, number: int, cells: list[str]) -> None:
    if any(c.strip() for c in cells):
        rows.append((number, cells))


def _read_xls(source: Source) -> dict[str, Rows]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=source.data, logfile=io.StringIO(), on_demand=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, ValueError, IndexError, KeyError, struct.error) as exc:
        raise ExportError(
            f"cannot read this .xls workbook ({exc}); expected an Excel 97-2003 (BIFF8) file",
            path=source.path,
        ) from None
    sheets: dict[str, Rows] = {}
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows: Rows = []
            for r in range(sheet.nrows):
                cells = [_xls_cell(cell, book.datemode) for cell in sheet.row(r)]
                cells += [""] * (sheet.ncols - len(cells))
                _keep(rows, r + 1, cells)
            sheets[sheet.name] = rows
            book.unload_sheet(index)
    except (xlrd.XLRDError, ValueError, IndexError, KeyError, struct.error) as exc:
        raise ExportError(f"cannot read a sheet of this .xls workbook ({exc})", path=source.path) from None
    finally:
        book.release_resources()
    return sheets


def _xls_cell(cell, datemode: int) -> str:
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_NUMBER:
        return cell_text(float(cell.value))
    if kind == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell_text(float(cell.value))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return str(cell.value)


def _check_zip(source: Source, archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise SuspiciousZipError(
            f"the workbook would unpack to {unpacked / 2**20:.0f} MB (more than "
            f"{MAX_UNPACKED_BYTES // 2**20} MB); refusing it as a possible zip bomb",
            path=source.path,
        )
    if unpacked > 1024 * 1024 and unpacked > MAX_RATIO * max(packed, 1):
        raise SuspiciousZipError(
            f"the workbook's contents compress {unpacked / max(packed, 1):.0f} times (more than "
            f"{MAX_RATIO}); refusing it as a possible zip bomb",
            path=source.path,
        )


def _read_xlsx(source: Source) -> dict[str, Rows]:
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExportError(
            f"cannot open this zip file ({exc}); expected an .xlsx workbook", path=source.path
        ) from None
    with archive:
        _check_zip(source, archive)
        if "xl/workbook.xml" not in archive.namelist():
            raise ExportError("this zip file holds no Excel workbook; expected an .xlsx", path=source.path)
    try:
        with warnings.catch_warnings():  # "Workbook contains no default style": true of most exports
            warnings.filterwarnings("ignore", message="Workbook contains no default style", module="openpyxl")
            book = openpyxl.load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ExportError(
            f"cannot read this .xlsx workbook ({type(exc).__name__}: {exc})", path=source.path
        ) from None
    sheets: dict[str, Rows] = {}
    try:
        for sheet in book.worksheets:
            rows: Rows = []
            width = 0
            # the sheet's declared size (<dimension ref="A1">) may be wrong: a lazy
            # reader sees one row of a sheet of six; read what is there instead
            sheet.reset_dimensions()
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [cell_text(v) for v in values]
                width = max(width, len(cells))
                _keep(rows, number, cells)
            sheets[sheet.title] = [(n, c + [""] * (width - len(c))) for n, c in rows]
    except Exception as exc:
        raise ExportError(
            f"cannot read a sheet of this .xlsx workbook ({type(exc).__name__}: {exc})", path=source.path
        ) from None
    finally:
        book.close()
    return sheets


# -- tables inside sheets ---------------------------------------------------

#: Rows at the top of a sheet in which :func:`find_table` looks for the header.
HEADER_SEARCH_ROWS = 5


class SheetTable:
    """One table of a sheet: its header, its data rows and how many rows above it were skipped.

    Attributes
    ----------
    sheet
        The sheet's name.
    header
        The header cells.
    rows
        ``(row_number, cells)`` of every non-blank row below the header.
    skipped
        Rows above the header (descriptions), not data.
    """

    def __init__(self, sheet: str, header: list[str], rows: Rows, skipped: int) -> None:
        self.sheet = sheet
        self.header = header
        self.rows = rows
        self.skipped = skipped

    def frame(self) -> pd.DataFrame:
        """The data rows as a DataFrame of stripped strings, plus ``_line`` (the row number).

        Header names are stripped; a repeated name gets ``.1``, ``.2``. Short
        rows are padded with blanks, cells beyond the header are dropped.
        """
        names = _unique([h.strip() for h in self.header])
        width = len(names)
        data = [[c.strip() for c in (cells + [""] * width)[:width]] for _, cells in self.rows]
        frame = pd.DataFrame(data, columns=names, dtype=object)
        frame[LINE] = pd.Series([n for n, _ in self.rows], dtype="int64")
        return frame


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, -1) + 1
        out.append(f"{name}.{seen[name]}" if seen[name] else name)
    return out


def find_table(sheets: dict[str, Rows], required: Iterable[str]) -> SheetTable | None:
    """The first table in ``sheets`` whose header row holds every name in ``required``.

    The header is looked for in each sheet's first :data:`HEADER_SEARCH_ROWS`
    non-blank rows; rows above it are counted in ``skipped``.

    Examples
    --------
    >>> sheets = {"Metrics": [(1, ["About this sheet", ""]), (2, ["Date", "Clicks"]), (3, ["1/2/2026", "4"])]}
    >>> table = find_table(sheets, ["Date", "Clicks"])
    >>> table.sheet, table.skipped, table.frame().to_dict("records")
    ('Metrics', 1, [{'Date': '1/2/2026', 'Clicks': '4', '_line': 3}])
    """
    required = set(required)
    for name, rows in sheets.items():
        for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if required <= {c.strip() for c in cells}:
                return SheetTable(name, cells, rows[index + 1 :], skipped=index)
    return None


class SheetProblems:
    """Records a sheet's unreadable rows in a file's problems, naming the sheet.

    Parameters
    ----------
    problems
        The file's :class:`~smanalytics.io.problems.Problems`.
    sheet
        The sheet's name, put in front of each reason.
    """

    def __init__(self, problems, sheet: str) -> None:
        self._problems = problems
        self._sheet = sheet

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        """Record one unreadable row (raises at once when the problems are strict)."""
        self._problems.add(line, column, f"sheet {self._sheet!r}: {reason}")

    def note(self, text: str) -> None:
        """Say something about the sheet's values (kept in the file's notes)."""
        self._problems.note(f"sheet {self._sheet!r}: {text}")
