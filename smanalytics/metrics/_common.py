"""Helpers shared by the metric modules: canonical input, safe ratios, UTC days."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.errors import SchemaError

ACCOUNT = ["platform", "account"]


def canonical(data: pd.DataFrame | None, table: str, *, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """``data`` as a canonical ``table`` (a new frame when it had to be cast).

    Missing optional columns are added as all-missing; ``required`` columns
    must be present. ``None`` gives an empty table. The input is never changed.
    """
    if data is None:
        return schema.empty(table)
    if not isinstance(data, pd.DataFrame):
        raise SchemaError(f"expected a {table} DataFrame, got {type(data).__name__}")
    missing = [c for c in required if c not in data.columns]
    if missing:
        raise SchemaError(
            f"the {table} table has no column {', '.join(repr(c) for c in missing)}; "
            f"expected the canonical {table} columns ({', '.join(schema.TABLES[table])})"
        )
    columns = schema.TABLES[table]
    if list(data.columns) == list(columns) and all(str(data[c].dtype) == t for c, t in columns.items()):
        return data
    return schema.conform(data, table)


def utc_day(stamps: pd.Series) -> pd.Series:
    """The UTC calendar day (naive midnight) of UTC timestamps."""
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    return stamps.dt.normalize()


def ratio(numerator, denominator) -> pd.Series:
    """numerator / denominator as Float64, NA where the denominator is missing or not positive.

    A numerator that is missing gives NA as well. Never 0 for unknown, never inf.
    """
    num = pd.Series(numerator).astype("Float64")
    den = pd.Series(denominator).astype("Float64")
    ok = den.notna() & (den > 0) & num.notna()
    out = pd.Series(pd.NA, index=num.index, dtype="Float64")
    ok = ok.fillna(False).astype(bool)
    out[ok] = num[ok] / den[ok]
    return out


def to_float(value) -> float | None:
    """A plain float, or None for a missing value (for JSON)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    value = float(value)
    return None if np.isnan(value) or np.isinf(value) else value


def account_codes(*frames: pd.DataFrame) -> list[np.ndarray]:
    """One integer per ``platform, account`` pair, consistent across ``frames``.

    Grouping and matching on one integer is much cheaper than on two text
    columns; -1 marks a missing platform or account.
    """
    both = pd.concat([f[ACCOUNT] for f in frames], ignore_index=True)
    platform, _ = pd.factorize(both["platform"], use_na_sentinel=True)
    account, _ = pd.factorize(both["account"], use_na_sentinel=True)
    code = platform.astype(np.int64) * (int(account.max(initial=0)) + 1) + account
    code[(platform < 0) | (account < 0)] = -1
    out, start = [], 0
    for f in frames:
        out.append(code[start : start + len(f)])
        start += len(f)
    return out


def day_number(days: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of naive midnights, as int64 (NaT gives a very small number)."""
    values = days.to_numpy(dtype="datetime64[ns]")
    out = values.astype("datetime64[D]").astype(np.int64)
    out[np.isnat(values)] = np.iinfo(np.int64).min // 4
    return out


def asof(left_code, left_day, right_code, right_day, right_order=None) -> np.ndarray:
    """For each left row, the position of the last right row of the same code on or before its day.

    ``right_*`` must be sorted by code, then day (then whatever decides ties:
    the last of equal days wins). -1 where there is none.
    """
    span = 1 << 32
    rkey = right_code.astype(np.int64) * span + (right_day + span // 2)
    lkey = left_code.astype(np.int64) * span + (left_day + span // 2)
    at = np.searchsorted(rkey, lkey, side="right") - 1
    ok = at >= 0
    ok[ok] &= right_code[at[ok]] == left_code[ok]
    ok &= left_code >= 0
    return np.where(ok, at, -1)
