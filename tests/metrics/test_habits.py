"""Consistency, responsiveness, content mix and channel focus, by hand."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from smanalytics import schema
from smanalytics.metrics import (
    channel_focus,
    classify_posts,
    consistency,
    content_mix,
    responsiveness,
    silences,
    weekly_posts,
)


def _posts(rows):
    frame = pd.DataFrame(rows, columns=["platform", "account", "post_id", "published_at", "comments"])
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    return schema.conform(frame, "posts")


POSTS = _posts(
    [
        ("x", "cafe", "1", "2026-01-05T10:00Z", 1),  # Monday
        ("x", "cafe", "2", "2026-01-07T10:00Z", 2),
        ("x", "cafe", "3", "2026-01-28T10:00Z", 0),  # 21 days later
        ("instagram", "cafe", "4", "2026-03-20T10:00Z", 6),
        ("instagram", "cafe", "5", "2026-03-30T10:00Z", 4),
    ]
)
DAILY = schema.conform(
    pd.DataFrame(
        {
            "platform": ["facebook", "facebook"],
            "account": ["cafe", "cafe"],
            "date": pd.to_datetime(["2026-02-01", "2026-03-31"]),
            "followers": [50, 52],
        }
    ),
    "daily",
)


def test_weekly_posts_lists_silent_weeks_as_zero():
    got = weekly_posts(POSTS.iloc[:3])
    # weeks starting Mon Jan 5, 12, 19, 26: 2, 0, 0, 1
    expected = pd.DataFrame(
        {
            "platform": pd.array(["x"] * 4, dtype="string"),
            "account": pd.array(["cafe"] * 4, dtype="string"),
            "week_start": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]).astype(
                "datetime64[ns]"
            ),
            "posts": pd.array([2, 0, 0, 1], dtype="Int64"),
        }
    )
    assert_frame_equal(got, expected)


def test_silences_between_posts_and_the_ongoing_one():
    got = silences(POSTS, min_days=14, today="2026-04-01")
    # x: Jan 7 -> Jan 28 = 21 days; Jan 28 -> Apr 1 = 63 days (ongoing); Jan 5 -> 7 is 2 (short)
    # instagram: Mar 20 -> 30 = 10 (short); Mar 30 -> Apr 1 = 2 (short)
    assert got[["platform", "days", "ongoing"]].values.tolist() == [["x", 63, True], ["x", 21, False]]


def test_consistency_by_hand_with_a_never_used_channel():
    got = consistency(POSTS, DAILY)  # today = last day in the data = Mar 31 (facebook daily)
    got = got.set_index("platform")
    # x: last post Jan 28 -> 62 days before Mar 31 -> abandoned (>= 60)
    # weeks: Jan 5 .. Mar 31 = 85 days -> 85 // 7 + 1 = 13 weeks; active weeks 2 (Jan 5, Jan 26)
    # longest gap: the ongoing 62 days; silences > 14 days: 21 and 62 -> 2
    x = got.loc["x"]
    assert (x.status, x.days_since_last_post, x.weeks, x.active_weeks, x.longest_gap_days, x.silences) == (
        "abandoned", 62, 13, 2, 62, 2,
    )  # fmt: skip
    assert float(x.posts_per_week) == pytest.approx(3 / 13)
    # instagram: Mar 20 .. Mar 31: 11 // 7 + 1 = 2 weeks, both with a post; last post 1 day ago
    ig = got.loc["instagram"]
    assert (ig.status, ig.days_since_last_post, ig.weeks, ig.active_weeks, ig.longest_gap_days) == (
        "active", 1, 2, 2, 10,
    )  # fmt: skip
    # facebook: daily rows but no post
    fb = got.loc["facebook"]
    assert fb.status == "never posted" and fb.posts == 0 and fb.days_since_last_post is pd.NA


def test_abandoned_threshold_is_inclusive():
    # 60 days since the last post: no post in the last 60 days -> abandoned; 59 -> active
    assert consistency(POSTS.iloc[:3], today="2026-03-29")["status"].tolist() == ["abandoned"]
    assert consistency(POSTS.iloc[:3], today="2026-03-28")["status"].tolist() == ["active"]


def test_responsiveness_by_hand():
    comments = schema.conform(
        pd.DataFrame(
            {
                "platform": ["x"] * 7 + ["instagram"],
                "account": ["cafe"] * 8,
                "post_id": ["1"] * 8,
                "comment_id": ["c1", "c2", "c3", "c4", "r1", "r1b", "r3", "i1"],
                "created_at": pd.to_datetime(
                    [
                        "2026-03-01T10:00Z",
                        "2026-03-01T11:00Z",
                        "2026-03-01T12:00Z",
                        "2026-03-01T13:00Z",
                        "2026-03-01T11:00Z",  # answers c1 after 1 h
                        "2026-03-01T10:30Z",  # an earlier answer to c1: 0.5 h counts
                        "2026-03-02T00:00Z",  # answers c3 after 12 h
                        "2026-03-01T09:00Z",
                    ],
                    utc=True,
                ),
                "from_account": [False, False, False, None, True, True, True, False],
                "reply_to": [None, None, None, None, "c1", "c1", "c3", None],
            }
        ),
        "comments",
    )
    got = responsiveness(comments)
    # x: customer comments c1, c2, c3 (c4's author unknown): 2 answered -> 2/3
    #    times 0.5 h and 12 h: median 6.25, 90th percentile 0.5 + 0.9 * 11.5 = 10.85
    # instagram: one customer comment and none of the account's own: the export holds
    #    no replies, so whether it was answered is unknown (missing, not 0)
    expected = pd.DataFrame(
        {
            "platform": pd.array(["instagram", "x"], dtype="string"),
            "account": pd.array(["cafe", "cafe"], dtype="string"),
            "customer_comments": pd.array([1, 3], dtype="Int64"),
            "answered": pd.array([pd.NA, 2], dtype="Int64"),
            "answered_share": pd.array([pd.NA, 2 / 3], dtype="Float64"),
            "median_hours_to_answer": pd.array([pd.NA, 6.25], dtype="Float64"),
            "p90_hours_to_answer": pd.array([pd.NA, 10.85], dtype="Float64"),
        }
    )
    assert_frame_equal(got, expected)


def test_responsiveness_counts_unanswered_when_the_export_holds_replies():
    comments = schema.conform(
        pd.DataFrame(
            {
                "platform": ["x"] * 3,
                "account": ["cafe"] * 3,
                "comment_id": ["c1", "c2", "p1"],
                "created_at": pd.to_datetime(["2026-03-01T10:00Z"] * 3, utc=True),
                "from_account": [False, False, True],  # p1: the account's own post, no reply
                "reply_to": [None, None, None],
            }
        ),
        "comments",
    )
    got = responsiveness(comments).iloc[0]
    assert (got.customer_comments, got.answered, got.answered_share) == (2, 0, 0.0)


def test_responsiveness_without_comments_is_empty():
    assert len(responsiveness(None)) == 0


TEXTS = [
    ("Flash SALE: 30% off today", None, "self_promotion"),
    ("New menu, prices from £4.50", None, "self_promotion"),
    ("Order online at https://cafe.example/shop", None, "self_promotion"),
    ("What cake should we bake next?", None, "community"),
    ("Thank you all for a lovely first year", None, "community"),
    ("RT @market: Saturday market is on", None, "curated"),
    ("Great read on coffee", "share", "curated"),
    ("Fresh bread this morning", None, "other"),
    (None, None, "other"),
    # self-promotion wins over a question in the same post
    ("Fancy a discount? Use code CAKE10", None, "self_promotion"),
]


@pytest.mark.parametrize("text,post_type,kind", TEXTS)
def test_classifier_rules(text, post_type, kind):
    posts = pd.DataFrame({"text": [text], "post_type": [post_type]})
    assert classify_posts(posts).tolist() == [kind]


def test_user_rules_extend_the_defaults():
    posts = pd.DataFrame({"text": ["Our barista Ana turns 30 today", "Loyalty stamp card is back"]})
    assert classify_posts(posts).tolist() == ["other", "other"]
    got = classify_posts(posts, rules={"human": [r"\bbarista\b"], "self_promotion": [r"stamp card"]})
    assert got.tolist() == ["human", "self_promotion"]


def test_content_mix_by_hand():
    posts = schema.conform(
        pd.DataFrame(
            {
                "platform": ["x"] * 5,
                "account": ["cafe"] * 5,
                "post_id": list("abcde"),
                "published_at": pd.to_datetime(["2026-03-01T10:00Z"] * 5),
                "text": ["Sale today", "Buy 2 get 1", "How was your weekend?", "Thanks everyone!", "Rain"],
                "comments": [1, None, 8, 4, 0],
                "followers": [400, 400, 400, None, 400],
            }
        ),
        "posts",
    )
    got = content_mix(posts)
    # community: 2 posts (c, d), share 2/5; comments 8 + 4 over 2 known -> 6 a post;
    #   conversation only where followers known: 8 / 400
    # other: 1 post, 0 / 400; self_promotion: 2 posts, comments known for a only: 1 a post, 1 / 400
    expected = pd.DataFrame(
        {
            "platform": pd.array(["x"] * 3, dtype="string"),
            "account": pd.array(["cafe"] * 3, dtype="string"),
            "kind": pd.array(["community", "other", "self_promotion"], dtype="string"),
            "posts": pd.array([2, 1, 2], dtype="Int64"),
            "share": pd.array([0.4, 0.2, 0.4], dtype="Float64"),
            "comments_per_post": pd.array([6.0, 0.0, 1.0], dtype="Float64"),
            "conversation_rate": pd.array([8 / 400, 0.0, 1 / 400], dtype="Float64"),
        }
    )
    assert_frame_equal(got, expected)


def test_channel_focus_with_an_effort_log():
    effort = schema.conform(
        pd.DataFrame(
            {
                "date": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-03-25", "2026-06-01"]),
                "platform": ["x", "x", "instagram", "instagram"],
                "hours": [3.0, 2.0, 1.0, 50.0],  # Jun 1 is after the last post: not counted
            }
        ),
        "effort",
    )
    got = channel_focus(POSTS, effort=effort)
    # instagram: 10 comments, 1 h -> 10 an hour, 5 a post; x: 3 comments, 5 h -> 0.6 an hour, 1 a post
    # x earns 0.6 / 10 = 6 % of the best: only instagram is recommended
    assert got["platform"].tolist() == ["instagram", "x"]
    assert got["ranked_by"].tolist() == ["comments_per_hour"] * 2
    assert got["comments_per_hour"].tolist() == pytest.approx([10.0, 0.6])
    assert got["comments_per_post"].tolist() == pytest.approx([5.0, 1.0])
    assert got["recommended"].tolist() == [True, False]


def test_channel_focus_without_hours_ranks_by_comments_per_post_and_keeps_two_close_ones():
    posts = _posts(
        [
            ("x", "cafe", "1", "2026-01-05T10:00Z", 4),
            ("instagram", "cafe", "2", "2026-01-05T10:00Z", 6),
            ("facebook", "cafe", "3", "2026-01-05T10:00Z", 1),
        ]
    )
    got = channel_focus(posts)
    # 6, 4 (>= half of 6: kept too), 1
    assert got["platform"].tolist() == ["instagram", "x", "facebook"]
    assert got["recommended"].tolist() == [True, True, False]
    assert got["hours"].isna().all() and got["ranked_by"].iloc[0] == "comments_per_post"
