"""The real elitravel Instagram files (Meta Business Suite, per-metric daily exports)."""

from __future__ import annotations

import pytest

import smanalytics
from smanalytics.growth import detect_spikes

pytestmark = pytest.mark.real_exports


def test_elitravel_follows_with_flat_exposure_are_suspected_bought_with_that_evidence(real_exports):
    files = sorted((real_exports / "meta-business-suite").glob("elitravel_*.csv"))
    daily = smanalytics.load(files).daily
    (event,) = detect_spikes(daily).itertuples()
    # Follows.csv: 227, 1,147, 207 and 188 follows on 5-8 Jun 2026 (1,769) against 49-84 a day;
    # Views, Reach, Visits and Interactions stay near their usual levels those days.
    assert (event.platform, str(event.peak.date()), event.label) == (
        "instagram",
        "2026-06-06",
        "suspected_bought",
    )
    assert event.observed_follows == 1769 and event.excess_follows == 1529
    assert 0.9 <= event.reach_lift <= 1.2 and 0.9 <= event.visits_lift <= 1.2 and event.engagement_lift < 1.2
    assert event.explanation.startswith(
        "+1,529 follows above the usual in 4 days while impressions stayed flat (x1.1): "
        "16 follows per 1,000 impressions against a usual 2.5 (x6.6)"
    )
