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
    columns; -1 marks a missing platform or account. Codes follow the sorted
    order of the pairs.
    """
    return account_codes_and_names(*frames)[0]


def account_codes_and_names(*frames: pd.DataFrame) -> tuple[list[np.ndarray], pd.DataFrame]:
    """:func:`account_codes`, and the ``platform, account`` of each code (one row per code, in order).

    Each frame's own codes are mapped onto the sorted union of their pairs,
    which has one entry per account however long the frames are: plain
    Python on a few pairs, where pandas' concatenation, sort and merge cost
    milliseconds a call on a small client's tables.
    """
    parts = [_sorted_codes(f) for f in frames]
    pairs = [list(zip(n["platform"].tolist(), n["account"].tolist(), strict=True)) for _, n in parts]
    distinct = sorted(set().union(*pairs))
    place = {pair: i for i, pair in enumerate(distinct)}
    out = [
        np.array([place[p] for p in mine] + [-1], dtype=np.int64)[codes]
        for (codes, _), mine in zip(parts, pairs, strict=True)
    ]
    names = pd.DataFrame(
        {
            "platform": pd.array([p for p, _ in distinct], dtype="string"),
            "account": pd.array([a for _, a in distinct], dtype="string"),
        }
    )
    return out, names


def account_index(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Codes of ``platform, account`` (0, 1, ... in sorted order, -1 when missing) and their names.

    The names table has one row per code, in code order, columns
    ``platform, account`` (string). Both are cached for unchanged columns of
    pyarrow-backed text (immutable arrays), so that the summaries of one
    dataset factorise its keys once; the codes are read-only.
    """
    return _sorted_codes(frame)


#: (platform array, account array) ids -> (weak references to them, codes, names); newest last.
_CODES_CACHE: dict[tuple[int, int], tuple] = {}


def _sorted_codes(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    platform, account = frame["platform"], frame["account"]
    arrays = [getattr(platform.array, "_pa_array", None), getattr(account.array, "_pa_array", None)]
    key = None
    if all(a is not None for a in arrays) and len(frame) >= 10_000:
        key = (id(arrays[0]), id(arrays[1]))
        hit = _CODES_CACHE.get(key)
        if hit is not None and hit[0]() is arrays[0] and hit[1]() is arrays[1]:
            return hit[2], hit[3]
    p_code, p_names = pd.factorize(platform.astype("string"), sort=True)
    a_code, a_names = pd.factorize(account.astype("string"), sort=True)
    pair = p_code.astype(np.int64) * (len(a_names) + 1) + a_code
    missing = (p_code < 0) | (a_code < 0)
    used, codes = np.unique(pair[~missing], return_inverse=True)
    out = np.full(len(frame), -1, dtype=np.int64)
    out[~missing] = codes.reshape(-1)
    out.flags.writeable = False
    p_at, a_at = np.divmod(used, len(a_names) + 1)
    names = pd.DataFrame(
        {
            "platform": pd.array(np.asarray(p_names, dtype=object)[p_at], dtype="string"),
            "account": pd.array(np.asarray(a_names, dtype=object)[a_at], dtype="string"),
        }
    )
    if key is not None:
        import weakref

        while len(_CODES_CACHE) >= 8:
            _CODES_CACHE.pop(next(iter(_CODES_CACHE)))
        _CODES_CACHE[key] = (weakref.ref(arrays[0]), weakref.ref(arrays[1]), out, names)
    return out, names


def conversation_sums(comments: np.ndarray, audience: np.ndarray, key: np.ndarray) -> pd.DataFrame:
    """Per distinct ``key``, the sums behind comments per post and the conversation rate.

    ``comments`` and ``audience`` (followers when posted) are each post's, as
    float64 with NaN where missing (see
    :func:`~smanalytics.metrics.rates.rate_terms`). Returns :func:`group_sums`
    with ``comments`` (missing counted as 0), ``known`` (posts whose comments
    are known: the per-post denominator), and ``num`` / ``den``: comments and
    audience over the posts that have both, with an audience above 0 (the
    conversation rate's numerator and denominator).
    """
    known = ~np.isnan(comments)
    both = known & (np.nan_to_num(audience) > 0)
    return group_sums(
        key,
        comments=np.nan_to_num(comments),
        known=known.astype(float),
        num=np.where(both, comments, 0.0),
        den=np.where(both, audience, 0.0),
    )


def group_sums(key: np.ndarray, **columns: np.ndarray) -> pd.DataFrame:
    """Per distinct ``key`` (sorted; negative keys left out): ``size`` and the sum of each column.

    The sums are plain float64 additions, exact for counts (whole numbers
    below 2**53), which is all the summaries add up.
    """
    distinct, slot = _slots(key)
    n = len(distinct)  # slot n gathers the rows left out
    out = {"key": distinct, "size": np.bincount(slot, minlength=n + 1)[:n]}
    for name, values in columns.items():
        out[name] = np.bincount(slot, weights=values, minlength=n + 1)[:n]
    return pd.DataFrame(out)


def _slots(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys of 0 and above, sorted, and each row's place among them (their count if below 0)."""
    keep = key >= 0
    group = key[keep]
    slot = np.empty(len(key), dtype=np.int64)
    if len(group) and group.max() < max(4 * len(group), 1 << 20):
        # small keys (accounts, account-months): count into a dense array, no sort
        present = np.bincount(group) > 0
        distinct = np.flatnonzero(present)
        slot[keep] = (np.cumsum(present) - 1)[group]
    else:
        distinct, inverse = np.unique(group, return_inverse=True)
        slot[keep] = inverse.reshape(-1)
    slot[~keep] = len(distinct)
    return distinct, slot


def day_number(days: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of naive midnights, as int64 (NaT gives a very small number).

    Of timestamps, the number of their UTC day: ``day_number(stamps)`` equals
    ``day_number(utc_day(stamps))`` (the instants floored to the day), without
    making the days first (a tenth of the time).
    """
    values = days.to_numpy(dtype="datetime64[ns]")
    out = values.astype("datetime64[D]").astype(np.int64)
    out[np.isnat(values)] = np.iinfo(np.int64).min // 4
    return out


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted: ``np.unique(values)``, found by sorting.

    numpy's ``unique`` hashes, which is slow for many distinct values (0.75 s
    for a million); a stable sort (timsort) is nearly free on values already
    in order, as those of a loaded table's account and day are.
    """
    ordered = np.sort(values, kind="stable")
    if not len(ordered):
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def order_by(major: np.ndarray, minor: np.ndarray) -> np.ndarray:
    """Positions that sort integer arrays by ``major``, then ``minor``, ties kept in order.

    The same as ``np.lexsort((minor, major))``, but cheap for rows that come
    in runs already in order (a loaded table is sorted by account and time):
    a stable sort of ``major`` alone (timsort merges such runs) is the answer
    when ``minor`` is already in order within each of its ties; only
    otherwise does ``lexsort`` run.
    """
    at = np.argsort(major, kind="stable")
    by, then = major[at], minor[at]
    tie = by[1:] == by[:-1]
    if (then[1:][tie] >= then[:-1][tie]).all():
        return at
    return np.lexsort((minor, major))


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
