"""The shared numeric helpers of the metrics: the same answers as numpy's, cheaper on ordered input."""

import numpy as np
import pandas as pd
import pytest

from smanalytics.metrics._common import day_number, distinct, order_by, utc_day


@pytest.mark.parametrize("ordered", [False, True])
def test_order_by_is_lexsort(rng, ordered):
    major = rng.integers(0, 20, 5000)
    minor = rng.integers(0, 50, 5000)
    if ordered:  # runs already in order, as in a loaded table, and ties in both keys
        at = np.lexsort((minor, major))
        major, minor = major[at], minor[at]
        major, minor = np.concatenate([major, major[:100]]), np.concatenate([minor, minor[:100]])
    np.testing.assert_array_equal(order_by(major, minor), np.lexsort((minor, major)))


def test_order_by_of_nothing():
    assert order_by(np.zeros(0, np.int64), np.zeros(0, np.int64)).tolist() == []


@pytest.mark.parametrize("ordered", [False, True])
def test_distinct_is_unique(rng, ordered):
    values = rng.integers(-(1 << 40), 1 << 40, 3000)
    values = np.concatenate([values, values[:500]])
    if ordered:
        values = np.sort(values)
    np.testing.assert_array_equal(distinct(values), np.unique(values))
    assert distinct(np.zeros(0, np.int64)).tolist() == []


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", None])
def test_day_number_of_timestamps_is_that_of_their_utc_day(zone):
    given = ["2026-03-01T23:30:00Z", "1969-12-31T23:59:59Z", None, "2026-03-02T00:00:00Z"]
    stamps = pd.Series(pd.to_datetime(given, utc=True))
    stamps = stamps.dt.tz_convert(zone) if zone else stamps.dt.tz_localize(None)
    np.testing.assert_array_equal(day_number(stamps), day_number(utc_day(stamps)))
    assert day_number(stamps)[[0, 1, 3]].tolist() == [20513, -1, 20514]
