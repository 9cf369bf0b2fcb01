"""The events table as JSON-ready records (``smanalytics spikes --json``)."""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["spikes_json"]


def spikes_json(events: pd.DataFrame) -> list[dict]:
    """Return one dict per event: dates as ``YYYY-MM-DD``, unknowns as None.

    Every value is a str, int, float, bool or None, so the result passes
    ``json.dumps(..., allow_nan=False)``.

    Examples
    --------
    >>> from smanalytics.growth import empty_events
    >>> e = empty_events().astype(object)
    >>> e.loc[0] = ["x", "cafe", pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-02"),
    ...     pd.Timestamp("2026-03-03"), 1010, 10, 1000, 20, 0.98, 200.0, 2.0, 1.0, pd.NA, None,
    ...     None, float("nan"), "suspected_bought", 0.9, "..."]
    >>> r = spikes_json(e)[0]
    >>> r["start"], r["end"], r["excess_follows"], r["visits_lift"], r["retention_30d"]
    ('2026-03-02', '2026-03-03', 1000, None, None)
    """
    records = []
    for row in events.to_dict("records"):
        records.append({key: _plain(value) for key, value in row.items()})
    return records


def _plain(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (bool, int, str)):
        return value
    return str(value)
