"""The real X account-overview exports through ``smanalytics spikes --json``."""

from __future__ import annotations

import json

import pytest

from smanalytics.cli import main

pytestmark = pytest.mark.real_exports


def test_x_overviews_run_and_the_bok_campaign_is_flagged(real_exports, capsys):
    files = sorted(str(p) for p in (real_exports / "x").glob("*overview*.csv"))
    assert len(files) == 4
    assert main(["spikes", *files, "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["account"] for r in records} >= {"kaiadevdash_bok-analytics", "wormholebr"}
    assert all(r["label"] in {"suspected_bought", "organic", "unclear"} for r in records)
    assert all(0 <= r["confidence"] <= 1 for r in records)
    (bok,) = [
        r for r in records if r["account"] == "kaiadevdash_bok-analytics" and r["start"] == "2024-10-27"
    ]
    # The export's "New follows" for Oct 27-30, 2024: 475 + 799 + 663 + 765 = 2,702, while
    # profile visits were 0, 43, 33 and 6 and impressions 678, 7,150, 7,105 and 3,317.
    assert (bok["end"], bok["observed_follows"], bok["label"]) == ("2024-10-30", 2702, "suspected_bought")
    # X has no follower totals in this export: retention comes from unfollows (0-4 a day afterwards).
    assert bok["retention_30d"] == 1.0
