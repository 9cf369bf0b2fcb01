"""The record of rows that could not be read, and of values left out of rows that were.

Importers never drop a row silently: a row they cannot read goes into a
:class:`Problems` record (file, line, column, reason), or, with
``strict=True``, raises :class:`~smanalytics.errors.RowError` at once. A value
that is left missing while its row loads (a negative net count) is not a
problem row but a note (:meth:`Problems.note`), which ends up in the file's
``sources.notes``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smanalytics.errors import RowError
from smanalytics.schema import PROBLEM_COLUMNS, empty_problems

__all__ = ["Problems"]


class Problems:
    """Collects unreadable rows of one file.

    Parameters
    ----------
    path
        The file the rows come from.
    strict
        Raise on the first problem instead of recording it.
    """

    def __init__(self, path: str | Path, *, strict: bool = False) -> None:
        self.path = str(path)
        self.strict = strict
        self._rows: list[tuple[str, int | None, str | None, str]] = []
        #: What the reader changed or left out without losing a row, said once per kind.
        self.notes: list[str] = []

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        """Record one unreadable row (or raise, when strict)."""
        if self.strict:
            raise RowError(reason, path=self.path, line=line, column=column)
        self._rows.append((self.path, line, column, reason))

    def note(self, text: str) -> None:
        """Say something about the file's values (kept in ``sources.notes``), once."""
        if text not in self.notes:
            self.notes.append(text)

    def take(self, frame: pd.DataFrame, bad: pd.Series, *, column: str | None, reason: str) -> pd.DataFrame:
        """Record the rows of ``frame`` where ``bad`` is true; return the others.

        ``frame`` must carry the ``_line`` column. ``reason`` may use
        ``{value}``, filled with the row's value of ``column``.
        """
        bad = bad.fillna(False).astype(bool)
        if not bad.any():
            return frame
        from smanalytics.io.source import LINE

        for index in frame.index[bad.to_numpy()]:
            value = frame.at[index, column] if column in frame.columns else None
            shown = repr(value if not isinstance(value, str) or len(value) < 60 else value[:57] + "...")
            self.add(int(frame.at[index, LINE]), column, reason.format(value=shown))
        return frame.loc[~bad.to_numpy()]

    def frame(self) -> pd.DataFrame:
        """The problems as a DataFrame with ``file, line, column, reason``."""
        if not self._rows:
            return empty_problems()
        out = pd.DataFrame(self._rows, columns=list(PROBLEM_COLUMNS))
        return out.astype(PROBLEM_COLUMNS)
