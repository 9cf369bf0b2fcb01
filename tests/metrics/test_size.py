"""Conversation rate versus follower count, by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from smanalytics.metrics import account_summary, fit_size_line, size_benchmark
from smanalytics.metrics.reference import MAX_SPREAD
from smanalytics.metrics.size import _t_quantile


def _portfolio(rates, followers, platform="x"):
    n = len(rates)
    return pd.DataFrame(
        {
            "platform": [platform] * n,
            "account": [f"a{i}" for i in range(n)],
            "followers": followers,
            "conversation_rate": rates,
        }
    )


def _reference(rows, spread=0.25):
    """A hand-made reference: (platform, followers, conversation rate) rows and one spread row."""
    table = pd.DataFrame(rows, columns=["platform", "followers", "value"]).assign(metric="conversation_rate")
    return pd.concat(
        [table, pd.DataFrame({"platform": ["any"], "metric": ["spread_log10"], "value": [spread]})],
        ignore_index=True,
    )


def test_an_exact_power_law_of_peers_is_recovered_with_a_zero_width_interval():
    # rate = 0.5 * followers ** -0.5 over nine accounts; each is compared with the eight others
    followers = [100, 200, 400, 800, 1600, 3200, 10000, 20000, 40000]
    rates = [0.5 * f**-0.5 for f in followers]
    line = fit_size_line(_portfolio(rates, followers))
    assert line["method"] == "fit" and line["points"] == 9
    assert line["slope"] == pytest.approx(-0.5)
    assert line["intercept"] == pytest.approx(math.log10(0.5))
    out = size_benchmark(_portfolio(rates, followers))
    assert out["basis"].tolist() == ["peers"] * 9 and out["points"].tolist() == [8] * 9
    assert out["expected_conversation_rate"].tolist() == pytest.approx(rates)
    assert out["ratio"].tolist() == pytest.approx([1.0] * 9)
    assert (out["expected_high"] - out["expected_low"]).astype(float).tolist() == pytest.approx(
        [0] * 9, abs=1e-9
    )


def test_peer_interval_and_ratio_by_hand():
    # peers of account 0: x = log10 followers = 2, 3, 4, 2, 3, 4, 2, 3, 4 (nine others), y on a line
    # of slope -0.5 through (3, -1.5) with residuals +-0.1 (three +, three -, three 0 at each size)
    followers = [1000] + [100, 1000, 10000] * 3
    logs = [-1.5 + 0.05] + [-1.0 + 0.1, -1.5 - 0.1, -2.0 + 0.1, -1.0 - 0.1, -1.5 + 0.1, -2.0 - 0.1,
                            -1.0, -1.5, -2.0]  # fmt: skip
    out = size_benchmark(_portfolio([10**y for y in logs], followers), min_points=8)
    row = out.iloc[0]
    # slope -0.5, intercept 0: SSR = 6 * 0.01 = 0.06 over n - 2 = 7, Sxx = 3 * 2 = 6; at x0 = 3
    # half = t(0.95, 7) * s * sqrt(1 + 1/9), t(0.95, 7) = 1.894579
    s = math.sqrt(0.06 / 7)
    half = 1.894579 * s * math.sqrt(1 + 1 / 9)
    assert row["basis"] == "peers" and int(row["points"]) == 9
    assert float(row["slope"]) == pytest.approx(-0.5)
    assert float(row["expected_conversation_rate"]) == pytest.approx(10**-1.5)
    assert float(row["expected_low"]) == pytest.approx(10 ** (-1.5 - half), rel=1e-3)
    assert float(row["expected_high"]) == pytest.approx(10 ** (-1.5 + half), rel=1e-3)
    # observed 10 ** -1.45 against 10 ** -1.5: 10 ** 0.05 = 1.12
    assert float(row["ratio"]) == pytest.approx(10**0.05)
    assert row["explanation"] == (
        "1.1x the conversation usual for an account of 1,000 followers on X "
        "(21 to 48 per 1,000 usual, from 9 other X accounts of the portfolio)."  # 10 ** (-1.5 -+ 0.185)
    )


def test_too_few_peers_fall_back_to_the_reference_within_four_times_either_way():
    # three Instagram peers: no fit; the reference line through two published figures (slope -0.5)
    reference = _reference([("instagram", 100, 0.01), ("instagram", 10000, 0.001)], spread=0.25)
    out = size_benchmark(
        _portfolio([0.01, 0.004, 0.002], [100, 1000, 5000], "instagram"), reference=reference
    )
    assert out["basis"].tolist() == ["reference"] * 3 and out["points"].tolist() == [2] * 3
    # at 1,000 followers: 10 ** (-2 - 0.5 * 1) = 0.00316; 0.004 / 0.00316 = 1.26
    assert float(out.loc[1, "expected_conversation_rate"]) == pytest.approx(10**-2.5)
    assert float(out.loc[1, "ratio"]) == pytest.approx(0.004 / 10**-2.5)
    # two points on the line: s = 0, so the half-width is z(0.95) * 0.25 = 0.411 (2.6x either way)
    assert float(out.loc[1, "expected_high"] / out.loc[1, "expected_conversation_rate"]) == pytest.approx(
        10 ** (1.644854 * 0.25), rel=1e-4
    )
    assert out["usable"].all()


def test_the_reference_interval_never_spans_more_than_four_times_either_way():
    # a spread of 0.6 would give z * 0.6 = 0.99 (9.7x): capped at log10(4)
    reference = _reference([("x", 100, 0.01), ("x", 10000, 0.001)], spread=0.6)
    row = size_benchmark(_portfolio([0.003], [1000]), reference=reference).iloc[0]
    assert float(row["expected_high"] / row["expected_conversation_rate"]) == pytest.approx(MAX_SPREAD)
    assert float(row["expected_conversation_rate"] / row["expected_low"]) == pytest.approx(MAX_SPREAD)


def test_the_shipped_reference_answers_for_every_platform_within_four_times():
    platforms = ["instagram", "facebook", "x", "tiktok", "youtube", "linkedin"]
    accounts = {"platform": platforms, "account": platforms, "followers": [300] * 6}
    out = size_benchmark(pd.DataFrame({**accounts, "conversation_rate": [0.001] * 6}))
    assert out["basis"].tolist() == ["reference"] * 6
    spread = (out["expected_high"] / out["expected_conversation_rate"]).astype(float)
    assert (spread <= MAX_SPREAD + 1e-9).all() and (spread > 1.5).all()


def test_without_peers_or_reference_the_own_months_are_used():
    posts = pd.DataFrame(
        {
            "platform": ["threads"] * 5,
            "account": ["cafe"] * 5,
            "post_id": list("abcde"),
            "published_at": pd.to_datetime([f"2026-0{m}-10T10:00Z" for m in range(1, 6)]),
            "followers": [100, 400, 1600, 10000, 40000],
            "comments": [5, 10, 20, 50, 100],  # 0.05, 0.025, 0.0125, 0.005, 0.0025: slope -0.5, no scatter
        }
    )
    out = size_benchmark(account_summary(posts), history=account_summary(posts, freq="M"))
    # latest followers 40,000; rate over all posts 185 / 52,100; expected 0.5 / 200 = 0.0025
    assert out.loc[0, "basis"] == "own_history" and int(out.loc[0, "points"]) == 5
    assert float(out.loc[0, "expected_conversation_rate"]) == pytest.approx(0.0025)
    assert float(out.loc[0, "ratio"]) == pytest.approx((185 / 52100) / 0.0025)


def test_a_wide_own_history_is_too_few_comparable_accounts():
    # five months of about the same size with scattered rates: the interval is far wider than 4x
    posts = pd.DataFrame(
        {
            "platform": ["threads"] * 5,
            "account": ["cafe"] * 5,
            "post_id": list("abcde"),
            "published_at": pd.to_datetime([f"2026-0{m}-10T10:00Z" for m in range(1, 6)]),
            "followers": [1000, 1010, 1020, 1030, 1040],
            "comments": [1, 30, 2, 25, 3],
        }
    )
    row = size_benchmark(account_summary(posts), history=account_summary(posts, freq="M")).iloc[0]
    assert row["basis"] == "own_history" and not row["usable"]
    assert row["explanation"].startswith(
        "Too few comparable accounts to say what is usual for an account of 1,040 followers on Threads"
    )


def test_nothing_to_compare_with_says_so():
    out = size_benchmark(_portfolio([0.02, 0.0, None], [100, 200, None], "threads"))
    assert out["basis"].tolist() == ["none"] * 3
    assert out["ratio"].isna().all() and not out["usable"].any()
    assert out.loc[0, "explanation"] == (
        "Too few comparable accounts to say what is usual for an account of 100 followers on Threads."
    )
    assert out.loc[2, "explanation"] == "The follower count is unknown, so no size comparison is possible."


def test_peers_of_other_platforms_do_not_count():
    # eight Instagram accounts on a clean line, one X account: X is compared with the reference
    followers = [100, 200, 400, 800, 1600, 3200, 6400, 12800]
    table = pd.concat(
        [_portfolio([0.5 * f**-0.5 for f in followers], followers, "instagram"), _portfolio([0.001], [500])],
        ignore_index=True,
    ).assign(account=[f"a{i}" for i in range(9)])
    out = size_benchmark(table, min_points=7)
    assert out["basis"].tolist() == ["peers"] * 8 + ["reference"]


@pytest.mark.parametrize("df", [3, 4, 5, 7, 10, 30, 100])
def test_t_quantile_matches_published_values(df):
    published = {
        3: 2.353363,
        4: 2.131847,
        5: 2.015048,
        7: 1.894579,
        10: 1.812461,
        30: 1.697261,
        100: 1.660234,
    }
    assert _t_quantile(0.95, df) == pytest.approx(published[df], abs=2e-3)


def test_missing_columns_are_named():
    import smanalytics

    with pytest.raises(smanalytics.SchemaError, match="conversation_rate"):
        size_benchmark(pd.DataFrame({"platform": ["x"], "account": ["a"], "followers": [1]}))


def test_scale_of_random_portfolio_does_not_change_the_ratio(rng):
    followers = np.round(10 ** rng.uniform(2, 5, 30))
    rates = 10 ** (-0.4 * np.log10(followers) + rng.normal(0, 0.1, 30))
    base = size_benchmark(_portfolio(rates, followers))
    scaled = size_benchmark(_portfolio(rates * 3, followers))
    # tripling every rate triples every expectation: the ratios stay
    assert (base["basis"] == "peers").all()
    assert scaled["ratio"].astype(float).tolist() == pytest.approx(base["ratio"].astype(float).tolist())
