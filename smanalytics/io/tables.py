"""Tables made from rows of cells, so that every family reads any container the same way.

A CSV family reads a :class:`~smanalytics.io.source.Source` through a few
questions: ``header_fields(i)``, ``head_lines``, ``delimiter``, ``records()``,
``table()``. A :class:`RowsSource` answers them from rows of text cells that
came from elsewhere: one sheet of an ``.xlsx``, ``.xls`` or SpreadsheetML
workbook, or a CSV seen anew (its title lines set aside, or each record
unwrapped from the one pair of quotes a mangled re-save put around it). The
rows keep their line numbers in the file (a sheet's row numbers), so
problems still point at the right place.

:func:`candidates` lists, in order, the tables one file can be read as:
the file itself (workbook-level families such as LinkedIn's), then each
sheet of a workbook, then those tables without title rows above their header
or with their records unwrapped. Recognition (:func:`smanalytics.io.recognise`)
takes the first table some family recognises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from smanalytics.io.source import Rows, Source, guess_delimiter, without_padding

__all__ = ["RowsSource", "candidates", "title_rows", "unwrapped"]

#: Most rows above a header that are taken for a title or a description.
MAX_TITLE_ROWS = 5
#: Rows of a table looked at to decide whether it is a title-row or wrapped-record case.
LOOK_AT = 12


def _render(cells: list[str], *, one_line: bool) -> str:
    out = io.StringIO()
    if one_line:
        cells = [c.replace("\r\n", " ").replace("\n", " ").replace("\r", " ") for c in cells]
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()[:-1]


class RowsSource(Source):
    """A table given as rows of text cells, asked the same questions as a CSV file.

    Parameters
    ----------
    origin
        The file the rows come from (its path and notes are shared).
    rows
        ``(line, cells)``: the line (a sheet's row number) and the cells as text.
    sheet
        The sheet's name, when the rows are a sheet of a workbook.
    """

    def __init__(self, origin: Source, rows: Rows, *, sheet: str | None = None) -> None:
        self.path = origin.path
        self.notes = origin.notes  # one list: notes said while reading any table of the file
        self.origin = origin
        self.rows = rows
        self.sheet = sheet

    def __repr__(self) -> str:
        where = f", sheet={self.sheet!r}" if self.sheet is not None else ""
        return f"RowsSource({str(self.path)!r}{where}, {len(self.rows)} rows)"

    is_whole_file = False
    pads_short_rows = True

    # -- what the file is: the origin's bytes, read as a table of text -----
    @property
    def head(self) -> bytes:
        return self.origin.head

    @property
    def data(self) -> bytes:
        return self.origin.data

    @property
    def head_is_whole(self) -> bool:
        return True

    @property
    def kind(self) -> str:
        """``text``: the rows are text cells, whatever container held them."""
        return "text"

    @property
    def container(self) -> str | None:
        return self.origin.container

    @property
    def encoding(self) -> str:
        return "utf-8"

    @property
    def sep_line(self) -> str | None:
        return None

    @property
    def delimiter(self) -> str:
        """``,``: the delimiter of :attr:`head_lines` and :meth:`text`."""
        return ","

    @property
    def line_offset(self) -> int:
        return 0

    @property
    def head_lines(self) -> list[str]:
        """The first 40 rows as CSV lines (``,``-delimited, line breaks in cells made spaces, no padding)."""
        return [_render(without_padding(cells), one_line=True) for _, cells in self.rows[:40]]

    @property
    def head_text(self) -> str:
        return "\n".join(self.head_lines)

    @property
    def sheets(self) -> dict[str, Rows]:
        return {self.sheet if self.sheet is not None else self.path.stem: self.rows}

    @property
    def sheet_heads(self) -> dict[str, Rows]:
        return {name: rows[:LOOK_AT] for name, rows in self.sheets.items()}

    def header_fields(self, line_index: int = 0) -> list[str]:
        if line_index >= len(self.rows):
            return []
        return without_padding([c.strip().strip("\ufeff") for c in self.rows[line_index][1]])

    def describe_head(self, n: int = 2) -> str:
        shown = super().describe_head(n)
        return f"sheet {self.sheet!r}: {shown}" if self.sheet is not None else shown

    # -- the whole table -------------------------------------------------------
    def text(self) -> str:
        """The rows as CSV text (``,``-delimited, line breaks in cells kept inside quotes)."""
        return "".join(_render(cells, one_line=False) + "\n" for _, cells in self.rows)

    def records(self, *, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
        """Every row with its line (a sheet's row number), without the sheet's padding.

        A sheet pads every row to its width, so a title row above the header
        reads as the one cell it is; :meth:`table` pads short rows back to the
        header's width (a sheet has no ragged rows). ``delimiter`` does not apply.
        """
        for line, cells in self.rows:
            if any(c.strip() for c in cells):
                yield line, without_padding(list(cells))


def title_rows(rows: Rows) -> int:
    """How many rows above a table's header are a title or a description (one filled cell each).

    A row counts when it has one filled cell and the table, below, has rows
    of two or more; at most :data:`MAX_TITLE_ROWS`.

    Examples
    --------
    >>> title_rows([(1, ["Overview"]), (2, ["Date", "Likes"]), (3, ["1/2/2026", "4"])])
    1
    >>> title_rows([(1, ["Date", "Likes"]), (2, ["1/2/2026", "4"])])
    0
    """
    count = 0
    for _, cells in rows[: MAX_TITLE_ROWS + 1]:
        if sum(1 for c in cells if c.strip()) != 1:
            break
        count += 1
    if count == 0 or count > MAX_TITLE_ROWS or count >= len(rows):
        return 0
    return count if sum(1 for c in rows[count][1] if c.strip()) >= 2 else 0


def unwrapped(rows: Rows) -> Rows | None:
    """The rows split again when every record was wrapped whole in one pair of quotes, else None.

    A re-save that quotes each line (``"Date,Primary"``) leaves one cell per
    row holding the real fields; the delimiter inside is guessed from them.

    Examples
    --------
    >>> unwrapped([(1, ["Date,Likes"]), (2, ['2026-01-02,"1,204"'])])
    [(1, ['Date', 'Likes']), (2, ['2026-01-02', '1,204'])]
    """
    looked = rows[:LOOK_AT]
    if len(looked) < 2 or any(len([c for c in cells if c.strip()]) != 1 for _, cells in looked):
        return None
    inner = [next(c for c in cells if c.strip()) for _, cells in rows]
    delimiter = guess_delimiter(inner[:LOOK_AT])
    if sum(1 for text in inner[:LOOK_AT] if delimiter in text) < 2:
        return None
    out = []
    for (line, _), text in zip(rows, inner, strict=True):
        out.append((line, next(csv.reader([text], delimiter=delimiter), [])))
    return out


def candidates(source: Source) -> Iterator[tuple[Source, str | None]]:
    """The tables ``source`` can be read as, in the order they are tried, each with a note.

    The note says how the table was made from the file (None for the file
    itself): ``read sheet 'results'``, ``set aside 1 title row above the
    header (line 1)``, ...
    """
    yield source, None
    firsts: list[tuple[Source, str | None]] = []
    if source.container in ("xlsx", "xls", "spreadsheetml"):
        for name, rows in source.sheets.items():
            if rows:
                table = RowsSource(source, rows, sheet=name)
                note = f"read sheet {name!r} of the workbook"
                firsts.append((table, note))
                yield table, note
    elif source.container == "csv":
        firsts.append((source, None))
    for table, note in firsts:
        head = next(iter(table.sheet_heads.values()), [])
        titles, wrapped = title_rows(head), unwrapped(head) is not None
        if not titles and not wrapped:
            continue
        sheet = table.sheet if isinstance(table, RowsSource) else None
        full = table.rows if isinstance(table, RowsSource) else list(table.records())
        for skip in range(1, titles + 1):  # a title line may belong to the layout: try each cut
            lines = ", ".join(str(line) for line, _ in full[:skip])
            said = f"set aside {skip} title row{'s' if skip > 1 else ''} above the header"
            said += f" (line{'s' if skip > 1 else ''} {lines})"
            yield RowsSource(source, full[skip:], sheet=sheet), "; ".join(n for n in (note, said) if n)
        if wrapped:
            said = "every line was wrapped whole in quotes; read the fields inside them"
            yield (
                RowsSource(source, unwrapped(full) or [], sheet=sheet),
                "; ".join(n for n in (note, said) if n),
            )
