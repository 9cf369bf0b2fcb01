"""Account summaries and the ``smanalytics metrics`` command, worked out by hand."""

import json

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from smanalytics import schema
from smanalytics.cli import main
from smanalytics.metrics import account_summary

POSTS_CSV = """\
platform,account,post_id,published_at,paid,likes,comments,shares,saves,reach,impressions,followers
x,cafe,1,2026-03-01T09:00:00Z,false,20,4,2,,200,400,1000
x,cafe,2,2026-03-03T10:00:00Z,true,60,2,6,3,900,1500,
x,cafe,3,2026-03-10T18:00:00Z,,10,5,,1,,300,
x,cafe,4,2026-03-11T07:30:00Z,false,8,,1,,100,,1040
instagram,salon,a,2026-03-05T12:00:00Z,false,30,9,0,5,250,,300
instagram,salon,b,2026-03-06T12:00:00Z,false,25,3,1,,0,,
"""

DAILY_CSV = """platform,account,date,followers,follows
x,cafe,2026-02-27,990,2
x,cafe,2026-03-03,1010,3
x,cafe,2026-03-09,1030,1
x,cafe,2026-03-14,1050,1
instagram,salon,2026-03-06,,1
"""

# By hand, x/cafe:
#   audience: post 1 own 1000; post 2 (Mar 3) daily same day 1010; post 3 (Mar 10) last
#   known before, Mar 9 = 1030; post 4 own 1040.
#   conversation: comments known for posts 1-3: (4 + 2 + 5) / (1000 + 1010 + 1030) = 11 / 3040
#   amplification: shares known for 1, 2, 4: (2 + 6 + 1) / (1000 + 1010 + 1040) = 9 / 3050
#   applause: (20 + 60 + 10 + 8) / (1000 + 1010 + 1030 + 1040) = 98 / 4080
#   engagements (missing as 0): p1 26, p2 71, p3 16, p4 9
#   by reach (p1, p2, p4): (26 + 71 + 9) / (200 + 900 + 100) = 106 / 1200
#   by impressions (p1, p2, p3): (26 + 71 + 16) / (400 + 1500 + 300) = 113 / 2200
#   conversation share (comments known: p1, p2, p3): (4 + 2 + 5) / (26 + 68 + 15) = 11 / 109
#   organic = posts 1, 3 (paid missing), 4:
#     conversation (4 + 5) / (1000 + 1030); amplification (2 + 1) / (1000 + 1040);
#     applause (20 + 10 + 8) / (1000 + 1030 + 1040); reach (26 + 9) / (200 + 100);
#     impressions (26 + 16) / (400 + 300); share (4 + 5) / (26 + 15)
#   period Feb 27 (daily) .. Mar 14 (daily) = 16 days; 4 posts -> 4 / 16 * 7 = 1.75 a week
#   gaps Mar 1 -> 3 -> 10 -> 11: 2, 7, 1 -> longest 7; last post Mar 11, 3 days before Mar 14
#   followers: latest known is the daily Mar 14 = 1050
# instagram/salon:
#   audience: a own 300; b none (its daily row has no followers) -> rates of b missing
#   conversation 9 / 300, amplification 0 / 300, applause 30 / 300
#   reach: a 44 / 250 (b has reach 0 -> left out); impressions: none -> null
#   share: (9 + 3) / ((30 + 9 + 0) + (25 + 3 + 1)) = 12 / 68
#   period Mar 5 .. Mar 6 = 2 days; 2 posts -> 7 a week; gap 1; followers 300 (post a)
#   conversation per reached: a 9 / 250 (b's reach 0 left out); per impression: none
#   followers are "exported" for both: the daily totals (cafe) and the posts' own (salon)
# x/cafe per reached: p1, p2 (p3 no reach, p4 no comments) (4 + 2) / (200 + 900);
#   per impression p1-p3 (4 + 2 + 5) / (400 + 1500 + 300); organic: 4 / 200, (4 + 5) / (400 + 300)
CAFE = {
    "platform": "x",
    "account": "cafe",
    "start": "2026-02-27",
    "end": "2026-03-14",
    "days": 16,
    "posts": 4,
    "paid_posts": 1,
    "followers": 1050,
    "conversation_rate": 11 / 3040,
    "amplification_rate": 9 / 3050,
    "applause_rate": 98 / 4080,
    "engagement_rate_reach": 106 / 1200,
    "engagement_rate_impressions": 113 / 2200,
    "conversation_share": 11 / 109,
    "conversation_rate_reach": 6 / 1100,
    "conversation_rate_impressions": 11 / 2200,
    "followers_basis": "exported",
    "conversation_basis": "followers",
    "headline_conversation_rate": 11 / 3040,
    "posts_per_week": 1.75,
    "longest_gap_days": 7,
    "last_post": "2026-03-11",
    "days_since_last_post": 3,
    "organic": {
        "posts": 3,
        "conversation_rate": 9 / 2030,
        "amplification_rate": 3 / 2040,
        "applause_rate": 38 / 3070,
        "engagement_rate_reach": 35 / 300,
        "engagement_rate_impressions": 42 / 700,
        "conversation_share": 9 / 41,
        "conversation_rate_reach": 4 / 200,
        "conversation_rate_impressions": 9 / 700,
    },
}
SALON = {
    "platform": "instagram",
    "account": "salon",
    "start": "2026-03-05",
    "end": "2026-03-06",
    "days": 2,
    "posts": 2,
    "paid_posts": 0,
    "followers": 300,
    "conversation_rate": 9 / 300,
    "amplification_rate": 0.0,
    "applause_rate": 30 / 300,
    "engagement_rate_reach": 44 / 250,
    "engagement_rate_impressions": None,
    "conversation_share": 12 / 68,
    "conversation_rate_reach": 9 / 250,
    "conversation_rate_impressions": None,
    "followers_basis": "exported",
    "conversation_basis": "followers",
    "headline_conversation_rate": 9 / 300,
    "posts_per_week": 7.0,
    "longest_gap_days": 1,
    "last_post": "2026-03-06",
    "days_since_last_post": 0,
    "organic": {
        "posts": 2,
        "conversation_rate": 9 / 300,
        "amplification_rate": 0.0,
        "applause_rate": 30 / 300,
        "engagement_rate_reach": 44 / 250,
        "engagement_rate_impressions": None,
        "conversation_share": 12 / 68,
        "conversation_rate_reach": 9 / 250,
        "conversation_rate_impressions": None,
    },
}


@pytest.fixture
def files(tmp_path):
    (tmp_path / "posts.csv").write_text(POSTS_CSV)
    (tmp_path / "daily.csv").write_text(DAILY_CSV)
    return [str(tmp_path / "posts.csv"), str(tmp_path / "daily.csv")]


def _approx(expected):
    if isinstance(expected, dict):
        return {k: _approx(v) for k, v in expected.items()}
    return pytest.approx(expected, rel=1e-12) if isinstance(expected, float) else expected


def test_metrics_json_gives_the_figures_worked_out_by_hand(files, capsys):
    assert main(["metrics", *files, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["problems"] == []
    # accounts come sorted by platform, then account
    assert [a["account"] for a in out["accounts"]] == ["salon", "cafe"]
    assert out["accounts"][0] == _approx(SALON)
    assert out["accounts"][1] == _approx(CAFE)


def test_metrics_json_lists_unreadable_rows_as_problems(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text(
        "platform,account,post_id,published_at,comments,followers\n"
        "x,cafe,1,2026-03-01T09:00:00Z,4,1000\n"
        "x,cafe,2,2026-03-02T09:00:00Z,lots,1000\n"
    )
    assert main(["metrics", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["column"]) for p in out["problems"]] == [(3, "comments")]
    # only post 1 remains: 4 / 1000
    assert out["accounts"][0]["conversation_rate"] == pytest.approx(0.004)
    assert out["accounts"][0]["posts"] == 1


def test_metrics_table_shows_rates_per_thousand_followers(files, capsys):
    assert main(["metrics", *files]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert "conversation /1k followers" in lines[0]
    cafe = next(line for line in lines if " cafe " in line)
    # 11 / 3040 * 1000 = 3.618...; 9 / 2030 * 1000 = 4.433...; 106 / 1200 = 8.8 %
    assert "3.62" in cafe and "4.43" in cafe and "8.8%" in cafe and "2026-02-27..2026-03-14" in cafe
    salon = next(line for line in lines if " salon " in line)
    assert "30.00" in salon  # 9 / 300 per 1,000


def test_metrics_on_a_missing_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["metrics", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("smanalytics: error:") and "no such file" in err


def test_monthly_summary_splits_the_period_and_keeps_silent_months():
    posts = schema.conform(
        pd.DataFrame(
            {
                "platform": ["x"] * 3,
                "account": ["cafe"] * 3,
                "post_id": ["1", "2", "3"],
                "published_at": pd.to_datetime(
                    ["2026-01-20T10:00Z", "2026-01-30T10:00Z", "2026-03-02T10:00Z"]
                ),
                "paid": [False, True, False],
                "comments": [2, 6, 3],
                "followers": [100, 200, 300],
            }
        ),
        "posts",
    )
    got = account_summary(posts, freq="M")
    # Jan: 20th..31st = 12 days, 2 posts -> 2 / 12 * 7; conversation (2 + 6) / (100 + 200);
    #      organic 2 / 100; gap 10 days; days since last post 31 - 30 = 1
    # Feb: whole month, no post: 0 a week, rates missing; followers still 200 (latest so far)
    # Mar: 1st..2nd = 2 days, 1 post -> 3.5 a week; 3 / 300
    expected = pd.DataFrame(
        {
            "period": pd.PeriodIndex(["2026-01", "2026-02", "2026-03"], freq="M"),
            "start": pd.to_datetime(["2026-01-20", "2026-02-01", "2026-03-01"]).astype("datetime64[ns]"),
            "end": pd.to_datetime(["2026-01-31", "2026-02-28", "2026-03-02"]).astype("datetime64[ns]"),
            "days": pd.array([12, 28, 2], dtype="Int64"),
            "posts": pd.array([2, 0, 1], dtype="Int64"),
            "paid_posts": pd.array([1, 0, 0], dtype="Int64"),
            "followers": pd.array([200, 200, 300], dtype="Int64"),
            "conversation_rate": pd.array([8 / 300, pd.NA, 3 / 300], dtype="Float64"),
            "organic_conversation_rate": pd.array([2 / 100, pd.NA, 3 / 300], dtype="Float64"),
            "posts_per_week": pd.array([2 / 12 * 7, 0.0, 3.5], dtype="Float64"),
            "longest_gap_days": pd.array([10, pd.NA, pd.NA], dtype="Int64"),
            "days_since_last_post": pd.array([1, pd.NA, 0], dtype="Int64"),
        }
    )
    assert_frame_equal(got[list(expected.columns)], expected)


def test_weekly_summary_runs_monday_to_sunday():
    posts = pd.DataFrame(
        {
            "platform": ["x", "x"],
            "account": ["cafe", "cafe"],
            "post_id": ["1", "2"],
            # Sunday 2026-03-01 and Monday 2026-03-02 fall in different weeks
            "published_at": pd.to_datetime(["2026-03-01T10:00Z", "2026-03-02T10:00Z"]),
            "comments": [1, 1],
            "followers": [10, 10],
        }
    )
    got = account_summary(posts, freq="W")
    assert got["posts"].tolist() == [1, 1]
    assert got["start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-01", "2026-03-02"]


def test_unknown_freq_is_a_clear_error():
    import smanalytics

    with pytest.raises(smanalytics.SmanalyticsError, match="freq='Y'"):
        account_summary(pd.DataFrame({"platform": [], "account": [], "published_at": []}), freq="Y")
