"""Exceptions raised by smanalytics.

Every error the library raises on purpose is a :class:`SmanalyticsError`. The
subclasses carry the structured fields a caller needs to point at the problem
(``path``, ``line``, ``column``, ``client``) and their message says what was
found, what was expected and what to do.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "SmanalyticsError",
    "ExportError",
    "UnknownFormatError",
    "NotATimeSeriesError",
    "RowError",
    "SchemaError",
    "SpecError",
    "ManifestError",
    "ReportError",
]


class SmanalyticsError(Exception):
    """Base class of every error smanalytics raises on purpose."""


class ExportError(SmanalyticsError):
    """A problem with an exported file.

    Parameters
    ----------
    message
        What was found and what was expected.
    path
        The file the problem is in.
    line
        1-based line (or spreadsheet row) of the problem, when known.
    column
        Column name of the problem, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.reason = message
        super().__init__(self._format(message))

    def _format(self, message: str) -> str:
        where = []
        if self.path is not None:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {message}" if where else message


class UnknownFormatError(ExportError):
    """No known export family recognises the file."""


class NotATimeSeriesError(ExportError):
    """A recognised file that holds no posts or daily figures (e.g. demographics)."""


class RowError(ExportError):
    """A data row that cannot be read (raised only with ``strict=True``)."""


class SchemaError(SmanalyticsError):
    """A table that does not follow the canonical schema.

    ``failures`` is a DataFrame with one row per failed check (``column``,
    ``check``, ``rows``), gathered lazily so that all problems show at once.
    """

    def __init__(self, message: str, failures=None) -> None:
        self.failures = failures
        super().__init__(message)


class SpecError(SmanalyticsError):
    """A client option (:class:`~smanalytics.report.spec.ClientSpec`) given a value it cannot take.

    ``option`` is the option's name, ``client`` the client's id when known.
    """

    def __init__(self, message: str, *, option: str | None = None, client: str | None = None):
        self.option = option
        self.client = client
        self.reason = message
        super().__init__(f"client {client!r}: {message}" if client else message)


class ManifestError(SmanalyticsError):
    """A batch manifest (``clients.yaml``) that cannot be used."""

    def __init__(self, message: str, *, path: str | Path | None = None, client: str | None = None):
        self.path = str(path) if path is not None else None
        self.client = client
        where = [w for w in (self.path, f"client {client!r}" if client else None) if w]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class ReportError(SmanalyticsError):
    """A client report that could not be produced.

    ``cell_index`` and ``ename`` are set when a notebook cell failed.
    """

    def __init__(
        self,
        message: str,
        *,
        client: str | None = None,
        cell_index: int | None = None,
        ename: str | None = None,
    ) -> None:
        self.client = client
        self.cell_index = cell_index
        self.ename = ename
        super().__init__(f"client {client!r}: {message}" if client else message)
