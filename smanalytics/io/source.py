"""One export file as the importers see it: bytes, encoding, kind, container, lines and rows.

A :class:`Source` reads a file once and answers the questions every importer
asks: is it text, XML, a BIFF ``.xls`` or a zip; which container holds its
tables (CSV, ``.xlsx``, ``.xls``, SpreadsheetML); which encoding; is there a
``sep=`` line; which delimiter; what are its first lines; and its rows with the
1-based line number each starts on (quoted fields may span lines). A
workbook's sheets are :attr:`Source.sheets`; :mod:`smanalytics.io.tables`
turns each into a table that answers the same questions as a CSV, so that no
family needs code of its own for spreadsheets.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from smanalytics.errors import ExportError

__all__ = ["Source", "LINE", "Rows", "CONTAINERS", "without_padding", "guess_delimiter", "detect_encoding"]

#: Name of the column that carries each row's 1-based line number in the file.
LINE = "_line"

#: Rows of a table: ``(line, cells)``, the 1-based line (a sheet's row number) and the cells as text.
Rows = list[tuple[int, list[str]]]

#: The containers a table can come in, as :attr:`Source.container` names them.
CONTAINERS = {
    "csv": "delimited text (CSV, TSV), any encoding",
    "xlsx": "Excel workbook (Office Open XML)",
    "xls": "Excel 97-2003 workbook (BIFF)",
    "spreadsheetml": "Excel 2003 XML workbook (often named .xls)",
}
SPREADSHEETML_NAMESPACE = "urn:schemas-microsoft-com:office:spreadsheet"
#: Rows of each sheet that :attr:`Source.sheet_heads` holds.
SHEET_HEAD_ROWS = 12

HEAD_BYTES = 64 * 1024
MAX_FIELD = 16 * 1024 * 1024  # a 5 MB text field is legal; 16 MB is not an export
_SEP_LINE = re.compile(r"^\s*\"?sep=(.)\"?\s*$", re.IGNORECASE)
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"\x1f\x8b", "gzip"),
)
#: Control characters that never belong in an export's text (tab, CR and LF do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@contextlib.contextmanager
def _field_size_limit(limit: int):
    """Let the csv module read fields up to ``limit`` characters while the block runs."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def detect_encoding(data: bytes) -> str:
    """Return the text encoding of ``data`` (a file's first bytes).

    BOMs decide first (UTF-8, UTF-16); UTF-16 without a BOM is recognised by
    its NUL bytes; then UTF-8 if it decodes, else cp1252, else latin-1.

    Examples
    --------
    >>> detect_encoding("Date,Reach".encode("utf-16"))
    'utf-16'
    >>> detect_encoding("Café au lait".encode("cp1252"))
    'cp1252'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 2 * even:
            return "utf-16-le"
        if even > 2 * odd:
            return "utf-16-be"
    for encoding in ("utf-8", "cp1252"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(data, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


@dataclass
class Source:
    """An export file, read lazily and at most once.

    Parameters
    ----------
    path
        The file. It is only read, never modified.
    """

    path: Path
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.path = Path(self.path)

    # -- what the file is -------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def head(self) -> bytes:
        """The first 64 KiB of the file, or more when its first line is longer (up to 16 MiB).

        Facebook's page-level export has a header of 1,995 columns (over 64 KiB):
        the head holds at least one whole line whenever the file has one.
        """
        with self._opened() as fh:
            head = fh.read(HEAD_BYTES)
            while len(head) < MAX_FIELD and b"\n" not in head[:-1]:
                more = fh.read(HEAD_BYTES)
                if not more:
                    break
                head += more
            self._head_is_whole = not fh.read(1)
            return head

    @property
    def head_is_whole(self) -> bool:
        """Whether :attr:`head` is the whole file."""
        self.head  # noqa: B018 - reading the head finds it out
        return self._head_is_whole

    @cached_property
    def data(self) -> bytes:
        """The whole file."""
        with self._opened() as fh:
            return fh.read()

    @contextlib.contextmanager
    def _opened(self):
        """The file open for reading; an ExportError (not an OSError) when it cannot be read."""
        try:
            with open(self.path, "rb") as fh:
                yield fh
        except FileNotFoundError:
            raise ExportError("no such file", path=self.path) from None
        except IsADirectoryError:
            raise ExportError("is a folder; expected an export file", path=self.path) from None
        except OSError as exc:
            raise ExportError(
                f"cannot read the file ({exc.strerror or type(exc).__name__})", path=self.path
            ) from None

    @cached_property
    def kind(self) -> str:
        """``text``, ``xml``, ``ole2`` (BIFF .xls), ``zip`` (.xlsx), ``empty`` or a binary kind."""
        head = self.head
        if not head.strip():
            return "empty"
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                return kind
        text = self.head_text
        if text is None:
            return "binary"
        stripped = text.lstrip("\ufeff \t\r\n")
        if stripped.startswith("<?xml") or stripped.startswith("<Workbook"):
            return "xml"
        return "text"

    #: Whether this table is the file as it is on disk, so a reader may parse the file's bytes itself
    #: (a table made from a sheet, or from a CSV without its title rows, is not).
    is_whole_file = True
    #: Whether :meth:`table` pads a row shorter than the header with blanks (a sheet's rows have
    #: no length of their own) rather than recording it as a problem (a CSV's ragged row).
    pads_short_rows = False

    @cached_property
    def container(self) -> str | None:
        """What holds the file's tables (see :data:`CONTAINERS`), or None when it holds none."""
        kind = self.kind
        if kind == "text":
            return "csv"
        if kind == "ole2":
            return "xls"
        if kind == "zip":
            from smanalytics.io.excel import is_xlsx

            return "xlsx" if is_xlsx(self) else None
        if kind == "xml":
            return "spreadsheetml" if SPREADSHEETML_NAMESPACE in (self.head_text or "") else None
        return None

    @cached_property
    def sheets(self) -> dict[str, Rows]:
        """Every table of the file by name: a workbook's sheets, or a CSV as one sheet named after the file.

        Raises
        ------
        ExportError
            When the file holds no tables, or its workbook cannot be read.
        """
        container = self.container
        if container in ("xlsx", "xls"):
            from smanalytics.io.excel import read_sheets

            return read_sheets(self)
        if container == "spreadsheetml":
            from smanalytics.io.spreadsheetml import read_spreadsheetml

            return read_spreadsheetml(self)
        if container == "csv":
            return {self.path.stem: list(self.records())}
        raise ExportError(
            f"this is {self.kind} data; expected a table (CSV, .xlsx, .xls or SpreadsheetML)", path=self.path
        )

    @cached_property
    def sheet_heads(self) -> dict[str, Rows]:
        """The first rows of every table (see :attr:`sheets`); cheap for a CSV, whose head is enough."""
        if self.container == "csv":
            rows = []
            reader = csv.reader(io.StringIO("\n".join(self.head_lines)), delimiter=self.delimiter)
            for number, fields in enumerate(reader, start=1 + self.line_offset):
                if fields and any(f.strip() for f in fields):
                    rows.append((number, fields))
                if len(rows) >= SHEET_HEAD_ROWS:
                    break
            return {self.path.stem: rows}
        return {name: rows[:SHEET_HEAD_ROWS] for name, rows in self.sheets.items()}

    @cached_property
    def encoding(self) -> str:
        return detect_encoding(self.head)

    @cached_property
    def head_text(self) -> str | None:
        """The first 64 KiB decoded, or None when it is not text."""
        try:
            text = codecs.getincrementaldecoder(self.encoding)().decode(self.head, final=False)
        except UnicodeDecodeError:
            return None
        text = text.lstrip("\ufeff")
        # control characters (NUL too) turn up in a post's text pasted from
        # elsewhere, but not as a tenth of a text file
        sample = text[:4096]
        controls = len(_CONTROL.findall(sample))
        if controls > len(sample) // 10 + 8:
            return None
        return text

    @cached_property
    def sep_line(self) -> str | None:
        """The delimiter named by an Excel ``sep=`` first line, if any."""
        first = (self.head_text or "").split("\n", 1)[0]
        match = _SEP_LINE.match(first)
        return match.group(1) if match else None

    @cached_property
    def head_lines(self) -> list[str]:
        """Up to 40 first lines of the decoded head, without a ``sep=`` line.

        The last, possibly cut, line of the head is dropped unless the head is
        the whole file.
        """
        text = self.head_text or ""
        lines = text.splitlines()
        if not self.head_is_whole and lines:
            lines = lines[:-1]
        if self.sep_line is not None:
            lines = lines[1:]
        return lines[:40]

    @cached_property
    def delimiter(self) -> str:
        """The field delimiter: the ``sep=`` line's, else the most consistent of , ; tab."""
        if self.sep_line is not None:
            return self.sep_line
        return guess_delimiter(self.head_lines)

    def header_fields(self, line_index: int = 0) -> list[str]:
        """The fields of head line ``line_index`` (0 = first line after ``sep=``), stripped.

        Empty fields at the end are left out: a spreadsheet re-save pads every
        line to the width of the widest (``Date,Primary,,``).
        """
        lines = self.head_lines
        if line_index >= len(lines):
            return []
        row = next(csv.reader([lines[line_index]], delimiter=self.delimiter), [])
        return without_padding([f.strip().strip("\ufeff") for f in row])

    def describe_head(self, n: int = 2) -> str:
        """A short, printable picture of the first lines, for error messages."""
        if self.kind != "text":
            return f"{self.kind} data"
        shown = [ln[:80] + ("..." if len(ln) > 80 else "") for ln in self.head_lines[:n]]
        return " / ".join(repr(s) for s in shown) or "no text"

    # -- the whole text ---------------------------------------------------
    def text(self) -> str:
        """The whole file decoded, without BOM and without a ``sep=`` line.

        Falls back to cp1252, then latin-1, when the detected encoding fails
        later in the file than the first 64 KiB, and says so in ``notes``.
        """
        data = self.data
        encoding = self.encoding
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding.startswith("utf-16"):
                raise ExportError(
                    f"the file is UTF-16 but breaks off mid-character at byte {exc.start}"
                    " (a truncated download?); expected complete UTF-16 text",
                    path=self.path,
                ) from None
            fallback = "cp1252"
            try:
                text = data.decode(fallback)
            except UnicodeDecodeError:
                fallback = "latin-1"
                text = data.decode(fallback)
            self.notes.append(f"not valid {encoding}; read as {fallback}")
        text = text.lstrip("\ufeff")
        if self.sep_line is not None:
            text = text.split("\n", 1)[1] if "\n" in text else ""
        return self._without_controls(text)

    def _without_controls(self, text: str) -> str:
        """``text`` with NUL and other control characters removed; ``notes`` say how many and where."""
        found = _CONTROL.search(text)
        if found is None:
            return text
        lines = []
        for match in itertools.islice(_CONTROL.finditer(text), 5):
            lines.append(text.count("\n", 0, match.start()) + 1 + self.line_offset)
        count = len(_CONTROL.findall(text))
        where = ", ".join(str(n) for n in dict.fromkeys(lines)) + (", ..." if count > 5 else "")
        note = (
            f"removed {count} control character{'s' if count > 1 else ''} (NUL and the like, which"
            f" no text holds on purpose) from the text (line{'s' if count > 1 else ''} {where})"
        )
        if note not in self.notes:
            self.notes.append(note)
        return _CONTROL.sub("", text)

    @cached_property
    def line_offset(self) -> int:
        """Lines before ``text()`` begins in the file (1 when a ``sep=`` line was removed)."""
        return 1 if self.sep_line is not None else 0

    def records(self, *, delimiter: str | None = None):
        """Yield ``(line, fields)`` for every record of the text, line 1-based in the file.

        Blank lines are skipped. A quoted field may span lines; ``line`` is
        where the record starts.
        """
        text = self.text()
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or self.delimiter)
        start = 1
        try:
            with _field_size_limit(MAX_FIELD):
                for fields in reader:
                    line = start + self.line_offset
                    start = reader.line_num + 1
                    if not fields or (len(fields) == 1 and not fields[0].strip()):
                        continue
                    yield line, fields
        except csv.Error as exc:
            raise ExportError(
                f"cannot split the file into fields ({exc})", path=self.path, line=start
            ) from None

    def counted_table(self, *, problems, **kwargs) -> tuple[pd.DataFrame, int]:
        """:meth:`table`, and how many data rows the file has.

        Rows with the wrong number of fields go to ``problems`` rather than the
        frame; they are data rows all the same, so they are counted, and
        ``len(loaded) + len(problems) == data rows`` can hold.
        """
        before = len(problems)
        frame = self.table(problems=problems, **kwargs)
        return frame, len(frame) + len(problems) - before

    def table(
        self,
        *,
        header: int = 0,
        skip: int = 0,
        delimiter: str | None = None,
        problems=None,
    ) -> pd.DataFrame:
        """Read a delimited table into a DataFrame of stripped strings.

        Parameters
        ----------
        header
            Index of the header record (0 = first record after ``sep=``).
        skip
            Records to skip right after the header (e.g. a description row).
        problems
            A :class:`~smanalytics.io.problems.Problems`; rows whose field count
            differs from the header's are recorded there instead of loaded.

        Returns
        -------
        DataFrame
            Fields as written (not stripped: parsers strip what they parse).
            One column per header name (padded names stripped, duplicates
            suffixed ``.1``, ``.2``) plus ``_line``, the row's line in the file.
        """
        names: list[str] | None = None
        rows: list[list[str]] = []
        lines: list[int] = []
        for index, (line, fields) in enumerate(self.records(delimiter=delimiter)):
            if index < header:
                continue
            if names is None:
                names = _unique(without_padding([f.strip().strip("\ufeff") for f in fields]))
                continue
            if index <= header + skip:
                continue
            if len(fields) < len(names) and self.pads_short_rows:
                fields = fields + [""] * (len(names) - len(fields))
            if len(fields) != len(names):
                if len(fields) > len(names) and not any(f.strip() for f in fields[len(names) :]):
                    fields = fields[: len(names)]
                else:
                    if problems is None:
                        raise ExportError(
                            f"row has {len(fields)} fields, the header has {len(names)}",
                            path=self.path,
                            line=line,
                        )
                    problems.add(line, None, f"row has {len(fields)} fields, the header has {len(names)}")
                    continue
            rows.append(fields)
            lines.append(line)
        if names is None:
            raise ExportError("the file has no header line; expected a table", path=self.path)
        frame = (
            pd.DataFrame(rows, columns=names, dtype=object)
            if rows
            else pd.DataFrame(columns=names, dtype=object)
        )
        frame[LINE] = pd.Series(lines, dtype="int64")
        return frame


def without_padding(fields: list[str]) -> list[str]:
    """``fields`` without the empty ones at the end (a re-save's padding).

    Examples
    --------
    >>> without_padding(["Date", "Primary", "", ""])
    ['Date', 'Primary']
    """
    end = len(fields)
    while end and not fields[end - 1]:
        end -= 1
    return fields[:end]


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        if name in seen:
            seen[name] += 1
            out.append(f"{name}.{seen[name]}")
        else:
            seen[name] = 0
            out.append(name)
    return out


def guess_delimiter(lines: list[str]) -> str:
    """The delimiter among ``,`` ``;`` and tab that splits ``lines`` most consistently.

    The lines are read as CSV records, so a quoted field that spans lines
    (a post text with line breaks) counts once.

    Examples
    --------
    >>> guess_delimiter(["a;b;c", "1;2,5;3"])
    ';'
    >>> guess_delimiter(['id,text,likes', '1,"line one', 'line two; still text",3'])
    ','
    """
    best, best_score = ",", -1.0
    text = "\n".join(lines)
    for candidate in (",", ";", "\t"):
        try:
            records = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=candidate), 12))
        except csv.Error:
            continue
        counts = [len(r) - 1 for r in records if r and any(f.strip() for f in r)]
        counts = [c for c in counts if c > 0]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * (1 + min(common, 50) / 100)
        if score > best_score:
            best, best_score = candidate, score
    return best
