"""The canonical tables: column names, dtypes and validation.

Every importer returns these tables, and every metric reads them. Counts are
nullable integers (``Int64``): a missing value means "the export did not say",
never zero.

Tables
------
posts
    One row per post. Key: ``platform, account, post_id``.
daily
    One row per account per day. Key: ``platform, account, date``.
comments
    One row per comment (optional). Key: ``platform, account, comment_id``.
effort
    The owner's time spent (optional). Key: ``date, platform``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from smanalytics.errors import SchemaError

__all__ = [
    "POSTS",
    "DAILY",
    "COMMENTS",
    "EFFORT",
    "TABLES",
    "KEYS",
    "COUNT_COLUMNS",
    "empty",
    "empty_of",
    "PROBLEM_COLUMNS",
    "empty_problems",
    "conform",
    "validate",
]

UTC_TIMESTAMP = "datetime64[ns, UTC]"
DAY = "datetime64[ns]"
TEXT = "string"
COUNT = "Int64"
FLAG = "boolean"
NUMBER = "Float64"

POSTS: dict[str, str] = {
    "platform": TEXT,
    "account": TEXT,
    "post_id": TEXT,
    "published_at": UTC_TIMESTAMP,
    "post_type": TEXT,
    "text": TEXT,
    "paid": FLAG,
    "impressions": COUNT,
    "reach": COUNT,
    "likes": COUNT,
    "comments": COUNT,
    "shares": COUNT,
    "saves": COUNT,
    "clicks": COUNT,
    "video_views": COUNT,
    "profile_visits": COUNT,
    "follows": COUNT,
    "followers": COUNT,
}

DAILY: dict[str, str] = {
    "platform": TEXT,
    "account": TEXT,
    "date": DAY,
    "followers": COUNT,
    "follows": COUNT,
    "unfollows": COUNT,
    "impressions": COUNT,
    "reach": COUNT,
    "engagements": COUNT,
    "likes": COUNT,
    "comments": COUNT,
    "shares": COUNT,
    "video_views": COUNT,
    "profile_visits": COUNT,
    "clicks": COUNT,
    "posts": COUNT,
}

COMMENTS: dict[str, str] = {
    "platform": TEXT,
    "account": TEXT,
    "post_id": TEXT,
    "comment_id": TEXT,
    "created_at": UTC_TIMESTAMP,
    "author": TEXT,
    "from_account": FLAG,
    "reply_to": TEXT,
}

EFFORT: dict[str, str] = {
    "date": DAY,
    "platform": TEXT,
    "hours": NUMBER,
}

TABLES: dict[str, dict[str, str]] = {
    "posts": POSTS,
    "daily": DAILY,
    "comments": COMMENTS,
    "effort": EFFORT,
}

KEYS: dict[str, tuple[str, ...]] = {
    "posts": ("platform", "account", "post_id"),
    "daily": ("platform", "account", "date"),
    "comments": ("platform", "account", "comment_id"),
    "effort": ("date", "platform"),
}

#: The record of rows that could not be read (see ``Dataset.problems``).
PROBLEM_COLUMNS: dict[str, str] = {"file": TEXT, "line": COUNT, "column": TEXT, "reason": TEXT}

#: Columns of each table that hold counts (never negative).
COUNT_COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(c for c, t in cols.items() if t == COUNT) for name, cols in TABLES.items()
}


def _columns(table: str) -> dict[str, str]:
    try:
        return TABLES[table]
    except KeyError:
        raise SchemaError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}") from None


def empty(table: str) -> pd.DataFrame:
    """Return an empty canonical table with every column at its dtype.

    Examples
    --------
    >>> list(empty("effort").columns)
    ['date', 'platform', 'hours']
    """
    return empty_of(_columns(table))


def empty_problems() -> pd.DataFrame:
    """An empty problems table: ``file, line, column, reason``."""
    return empty_of(PROBLEM_COLUMNS)


def empty_of(columns: Mapping[str, str]) -> pd.DataFrame:
    """An empty table of ``columns`` (name -> dtype), a fresh copy each time.

    The table is built once per set of columns: a copy costs a fortieth of
    building it, and reading a folder makes a few empty tables per file.
    """
    return _empty_frame(tuple(columns.items())).copy()


@functools.cache
def _empty_frame(columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns})


def conform(data: pd.DataFrame, table: str) -> pd.DataFrame:
    """Return ``data`` with the canonical columns of ``table``, in order, at their dtypes.

    Missing columns are added as all-missing; extra columns are dropped. Values
    must already be parsed (numbers as numbers, timestamps as timestamps): this
    only casts, it does not parse text. The input is not modified.

    Examples
    --------
    >>> df = conform(pd.DataFrame({"date": ["2026-01-01"], "platform": ["x"]}), "effort")
    >>> df.dtypes.astype(str).tolist()
    ['datetime64[ns]', 'string', 'Float64']
    """
    columns = _columns(table)
    if _is_conformed(data, columns):
        return data.copy(deep=False)  # copy-on-write: changing the result leaves the input as it was
    out = {}
    index = pd.RangeIndex(len(data))
    for name, dtype in columns.items():
        if name in data.columns:
            values = data[name]
            if _already(values, dtype):
                pass  # nothing to cast: no copy
            elif dtype == UTC_TIMESTAMP:
                values = pd.to_datetime(values, utc=True).astype(UTC_TIMESTAMP)
            elif dtype == DAY:
                values = pd.to_datetime(values).dt.tz_localize(None) if _is_tz(values) else values
                values = pd.to_datetime(values).astype(DAY).dt.normalize()
            else:
                values = values.astype(dtype)
            out[name] = values.set_axis(index)
        else:
            missing = pd.NaT if dtype in (UTC_TIMESTAMP, DAY) else pd.NA
            out[name] = pd.Series(missing, index=index, dtype=_dtype(dtype))
    # Series, not their arrays: copy-on-write then knows the result shares the input's
    # columns, so a change to either, even in place, leaves the other as it was
    return pd.DataFrame(out, index=index, copy=False)


def _is_conformed(data: pd.DataFrame, columns: Mapping[str, str]) -> bool:
    """Whether ``data`` is already what :func:`conform` would make of it (a table read, conformed again)."""
    if list(data.columns) != list(columns) or not isinstance(data.index, pd.RangeIndex):
        return False
    if data.index.start != 0 or data.index.step != 1:
        return False
    return all(_already(data[name], dtype) for name, dtype in columns.items())


def _already(values: pd.Series, dtype: str) -> bool:
    """Whether ``values`` is exactly what casting to ``dtype`` would give (days already midnights)."""
    target = _dtype(dtype)
    if values.dtype != target:
        return False
    if dtype == UTC_TIMESTAMP:
        return values.dtype.tz is target.tz
    if dtype == DAY:
        stamps = values.array.asi8
        return not (stamps[~values.isna().to_numpy()] % 86_400_000_000_000).any()
    return True


@functools.cache
def _dtype(name: str):
    """The pandas dtype called ``name`` (``"Int64"``, ``"datetime64[ns, UTC]"``)."""
    return pd.api.types.pandas_dtype(name)


def _is_tz(values: pd.Series) -> bool:
    return isinstance(getattr(values, "dtype", None), pd.DatetimeTZDtype)


def validate(data: pd.DataFrame, table: str) -> pd.DataFrame:
    """Check ``data`` against the canonical schema of ``table``; return it unchanged.

    All failures are gathered before raising (lazy validation): missing or
    wrongly typed columns, missing keys, duplicate keys and negative counts.

    Raises
    ------
    SchemaError
        With ``failures``, a DataFrame of ``column, check, rows``.

    Examples
    --------
    >>> validate(empty("daily"), "daily").shape
    (0, 16)
    """
    columns = _columns(table)
    failures: list[tuple[str, str, int]] = []
    for name, dtype in columns.items():
        if name not in data.columns:
            failures.append((name, "column is missing", len(data)))
        elif str(data[name].dtype) != dtype:
            failures.append((name, f"dtype is {data[name].dtype}, expected {dtype}", len(data)))
    for key in KEYS[table]:
        if key in data.columns and data[key].isna().any():
            failures.append((key, "key is missing", int(data[key].isna().sum())))
    keys = [k for k in KEYS[table] if k in data.columns]
    if keys and len(keys) == len(KEYS[table]):
        dup = int(data.duplicated(subset=keys).sum())
        if dup:
            failures.append((", ".join(keys), "duplicate key", dup))
    for name in COUNT_COLUMNS[table]:
        if name in data.columns and pd.api.types.is_numeric_dtype(data[name]):
            negative = int((data[name] < 0).sum())
            if negative:
                failures.append((name, "negative count", negative))
    if failures:
        report = pd.DataFrame(failures, columns=["column", "check", "rows"])
        lines = "; ".join(f"{c}: {k} ({r} rows)" for c, k, r in failures)
        raise SchemaError(f"{table} table does not follow the canonical schema: {lines}", report)
    return data
