"""Turning an export's table of strings into a canonical table.

Every importer ends the same way: pick the export's columns that hold each
canonical figure, parse them by the canonical dtype, move the rows with an
unreadable value or a missing key into the problems record, and conform.
:func:`to_canonical` does that once for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.io import parse
from smanalytics.io.problems import Problems
from smanalytics.io.source import LINE

__all__ = ["to_canonical", "pick_column", "to_flag"]

_TRUE = {"true", "yes", "y", "1", "paid", "promoted", "boosted", "sponsored"}
_FALSE = {"false", "no", "n", "0", "organic", "unpaid", "not boosted"}


def to_flag(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse yes/no cells (``1``/``0``, ``true``, ``Paid``/``Organic``) into booleans.

    Examples
    --------
    >>> to_flag(pd.Series(["1", "Organic", "-"]))[0].tolist()
    [True, False, <NA>]
    """
    text = values.astype("string").str.strip().str.lower()
    missing = parse.is_missing(values)
    out = pd.Series(pd.NA, index=values.index, dtype="boolean")
    out[text.isin(_TRUE).fillna(False)] = True
    out[text.isin(_FALSE).fillna(False)] = False
    bad = out.isna() & ~missing
    return out, bad.astype(bool)


def pick_column(frame: pd.DataFrame, candidates: str | Sequence[str]) -> str | None:
    """The first of ``candidates`` that ``frame`` has, compared case-insensitively."""
    if isinstance(candidates, str):
        candidates = (candidates,)
    lower = {str(c).lower(): c for c in frame.columns}
    for name in candidates:
        if name in frame.columns:
            return name
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def _negative_note(column: str, frame: pd.DataFrame, negative: pd.Series) -> str:
    """``3 negative values in 'Likes' (a net count: ...) left missing, rows kept (lines 36, 77, 144)``."""
    count = int(negative.sum())
    where = ""
    if LINE in frame.columns:
        lines = frame.loc[negative.to_numpy(), LINE].tolist()
        where = " (line" + ("s " if count > 1 else " ") + ", ".join(str(n) for n in lines[:10])
        where += ", ...)" if count > 10 else ")"
    return (
        f"{count} negative value{'s' if count > 1 else ''} in {column!r} (a net figure: the platform"
        f" subtracts what was undone, such as deleted comments or unfollows) left missing,"
        f" {'their rows' if count > 1 else 'its row'} kept{where}"
    )


def _counts_at_once(
    frame: pd.DataFrame, sources: Mapping[str, str]
) -> dict[str, tuple[pd.Series, pd.Series, pd.Series]]:
    """:func:`~smanalytics.io.parse.to_count_or_negative` of every count column, parsed as one.

    ``sources``: canonical column -> export column. An export has many count
    columns of a few rows each, where parsing costs per call, not per cell: the
    columns are stacked into one Series, parsed once and cut back apart.

    Examples
    --------
    >>> frame = pd.DataFrame({"Likes": ["3", "-1"], "Replies": ["x", "1,204"]})
    >>> parts = _counts_at_once(frame, {"likes": "Likes", "comments": "Replies"})
    >>> [[s.tolist() for s in parts[name]] for name in ("likes", "comments")]
    [[[3, <NA>], [False, False], [False, True]], [[<NA>, 1204], [True, False], [False, False]]]
    """
    if not sources:
        return {}
    stacked = pd.Series(np.concatenate([frame[source].to_numpy(dtype=object) for source in sources.values()]))
    counts, bad, negative = (whole.array for whole in parse.to_count_or_negative(stacked))
    size = len(frame)
    return {
        name: tuple(
            pd.Series(whole[i * size : (i + 1) * size], index=frame.index, copy=False)
            for whole in (counts, bad, negative)
        )
        for i, name in enumerate(sources)
    }


def to_canonical(
    frame: pd.DataFrame,
    table: str,
    *,
    columns: Mapping[str, str | Sequence[str]],
    problems: Problems,
    constants: Mapping[str, object] | None = None,
    derived: Mapping[str, pd.Series] | None = None,
    timestamp_formats: tuple[str, ...] = (),
    date_formats: tuple[str, ...] = (),
    utc_offset: str | None = None,
) -> pd.DataFrame:
    """Build a canonical ``table`` from ``frame``, a table of strings with ``_line``.

    Parameters
    ----------
    columns
        Canonical column -> export column name (or names, the first present wins).
        Export columns that are absent leave the canonical column missing.
    constants
        Canonical column -> one value for every row (``platform``, ``account``).
    derived
        Canonical column -> an already parsed Series aligned with ``frame``
        (e.g. dates given a year by the reader); missing values stay missing.
    timestamp_formats, date_formats, utc_offset
        Passed to :func:`smanalytics.io.parse.to_timestamp` / ``to_date``.

    Returns
    -------
    DataFrame
        The canonical table. Rows with an unreadable value (text in a count,
        a date that does not parse) or a missing key are recorded in
        ``problems`` and left out, one problem per row. A negative whole
        number in a count (platforms net out deleted comments, unlikes and
        unsubscribes) leaves that value missing and keeps the row; a note in
        ``problems.notes`` says how many, in which column, and where.
    """
    dtypes = schema.TABLES[table]
    parsed: dict[str, pd.Series] = {}
    bad_any = pd.Series(False, index=frame.index)
    reasons = pd.Series(pd.NA, index=frame.index, dtype="string")
    bad_column = pd.Series(pd.NA, index=frame.index, dtype="string")

    def flag(bad: pd.Series, column: str, reason: pd.Series | str) -> None:
        nonlocal bad_any
        new = bad & ~bad_any
        if new.any():
            reasons[new] = reason if isinstance(reason, str) else reason[new]
            bad_column[new] = column
        bad_any = bad_any | bad

    picked = {name: pick_column(frame, sources) for name, sources in columns.items()}
    counts = _counts_at_once(
        frame, {n: s for n, s in picked.items() if s is not None and dtypes[n] == schema.COUNT}
    )
    for name, source in picked.items():
        if source is None:
            continue
        values = frame[source]
        dtype = dtypes[name]
        if dtype == schema.COUNT:
            result, bad, negative = counts[name]
            what = "a whole number of 0 or more"
            if negative.any():
                problems.note(_negative_note(source, frame, negative))
        elif dtype == schema.NUMBER:
            result, bad = parse.to_number(values)
            what = "a number"
        elif dtype == schema.FLAG:
            result, bad = to_flag(values)
            what = "yes/no (true/false, 1/0, paid/organic)"
        elif dtype == schema.UTC_TIMESTAMP:
            result, bad = parse.to_timestamp(values, formats=timestamp_formats, utc_offset=utc_offset)
            what = "a date and time"
        elif dtype == schema.DAY:
            result, bad = parse.to_date(values, formats=date_formats)
            what = "a date"
        else:
            text = values.astype("string")
            if name != "text":  # names and ids are trimmed; a post's text is kept as written
                text = text.str.strip()
            result = text.mask(text.str.strip() == "")
            bad = pd.Series(False, index=frame.index)
            what = ""
        if bad.any():
            shown = values.astype("string").str.slice(0, 40)
            flag(bad, source, f"column {source!r}: expected {what}, found " + ("'" + shown + "'"))
        parsed[name] = result
    for name, series in (derived or {}).items():
        parsed[name] = series
    for name, value in (constants or {}).items():
        parsed[name] = pd.Series(value, index=frame.index, dtype=dtypes[name])
    for key in schema.KEYS[table]:
        if key not in parsed:
            continue
        missing = parsed[key].isna()
        flag(missing & ~bad_any, key, f"{key} is missing")
    if bad_any.any():
        for index in frame.index[bad_any.to_numpy()]:
            line = int(frame.at[index, LINE]) if LINE in frame.columns else None
            problems.add(line, bad_column[index], str(reasons[index]))
    keep = ~bad_any.to_numpy()
    out = pd.DataFrame({name: series[keep] for name, series in parsed.items()})
    return schema.conform(out, table)
