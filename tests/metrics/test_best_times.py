"""Best time to post: each post against the account's usual conversation, by weekday and part of the day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics import best_times, post_times
from smanalytics.metrics.timing import best_cells

SATURDAY, MONDAY, TUESDAY = "2026-03-07", "2026-03-09", "2026-03-10"


def posts_at(stamps: list[str], comments: list[int], *, platform="instagram", paid=None) -> pd.DataFrame:
    n = len(stamps)
    return pd.DataFrame(
        {
            "platform": platform,
            "account": "cafe",
            "post_id": [f"{platform}{i}" for i in range(n)],
            "published_at": pd.to_datetime(stamps, utc=True),
            "followers": 1000,
            "comments": comments,
            "paid": [False] * n if paid is None else paid,
        }
    )


def cafe() -> pd.DataFrame:
    """6 Saturday-morning posts with 6 comments, 6 Monday-evening with 2, 2 Tuesday-afternoon with 3.

    The 14 rates per 1,000 followers, sorted: 2 (x6), 3 (x2), 6 (x6): the median is 3.
    """
    stamps = [f"{SATURDAY}T09:{m:02d}" for m in range(6)] + [f"{MONDAY}T19:{m:02d}" for m in range(6)]
    stamps += [f"{TUESDAY}T13:00", f"{TUESDAY}T15:00"]
    return posts_at(stamps, [6] * 6 + [2] * 6 + [3, 3])


def test_each_cell_is_its_posts_median_against_the_accounts_median():
    times = best_times(cafe())
    by_time = times[times["hour"].notna()]
    assert by_time[["weekday", "hour", "posts", "enough"]].values.tolist() == [
        [0, 18, 6, True],  # Monday evening
        [1, 12, 2, False],  # Tuesday afternoon: 2 posts, fewer than 5
        [5, 6, 6, True],  # Saturday morning
    ]
    assert by_time["ratio"].round(4).tolist() == [round(2 / 3, 4), 1.0, 2.0]
    by_day = times[times["hour"].isna()]
    assert by_day[["weekday", "posts"]].values.tolist() == [[0, 6], [1, 2], [5, 6]]
    (best,) = best_cells(times).itertuples()
    assert (best.weekday, best.hour, best.posts, best.ratio, best.stands_out) == (5, 6, 6, 2.0, True)
    assert best.total_posts == 14


def test_an_export_that_gives_only_days_gets_weekday_cells_and_boosted_posts_do_not_count():
    days = [f"{SATURDAY}T00:00"] * 5 + [f"{MONDAY}T00:00"] * 5 + [f"{TUESDAY}T00:00"]
    posts = posts_at(days, [4] * 5 + [2] * 5 + [40], platform="x", paid=[False] * 10 + [True])
    scored = post_times(posts)
    assert len(scored) == 10 and scored["hour"].isna().all()  # the boosted post is left out
    times = best_times(posts)
    assert times["hour"].isna().all()
    # median of 4 (x5) and 2 (x5) per 1,000 is 3: Saturday 4 / 3, Monday 2 / 3
    assert times[["weekday", "posts"]].values.tolist() == [[0, 5], [5, 5]]
    assert times["ratio"].round(4).tolist() == [round(2 / 3, 4), round(4 / 3, 4)]
    (best,) = best_cells(times).itertuples()
    assert (best.weekday, pd.isna(best.hour), best.stands_out) == (5, True, True)  # 1.33 >= 1.25


def test_where_the_typical_post_gets_no_comment_means_stand_in_for_medians():
    stamps = [f"{SATURDAY}T10:00"] * 5 + [f"{MONDAY}T10:00"] * 5
    posts = posts_at(stamps, [1, 1, 1, 0, 0] + [0, 0, 0, 0, 1])
    times = best_times(posts)
    # account mean 4 / 10 = 0.4 per post; Saturday's mean 0.6 -> 1.5, Monday's 0.2 -> 0.5
    by_day = times[times["hour"].isna()]
    assert by_day["ratio"].round(4).tolist() == [0.5, 1.5]


def test_too_few_posts_gives_no_best_cell():
    posts = posts_at([f"{SATURDAY}T09:00", f"{MONDAY}T19:00"], [3, 1])
    (best,) = best_cells(best_times(posts)).itertuples()
    assert np.isnan(best.ratio) and best.total_posts == 2 and not best.stands_out


def test_where_the_typical_post_gets_one_or_two_comments_means_stand_in_too():
    # 5 Saturday posts with 0, 0, 0, 3, 4 comments and 5 Monday posts with 1 each: the median post
    # gets 1 comment, fewer than 3, so Saturday's median of 0 would read "0x" though its posts got
    # the most comments. Means: the account's 12 / 10 = 1.2 a post; Saturday 7 / 5 = 1.4 -> 1.4 / 1.2,
    # Monday 1 / 1.2.
    stamps = [f"{SATURDAY}T10:00"] * 5 + [f"{MONDAY}T10:00"] * 5
    posts = posts_at(stamps, [0, 0, 0, 3, 4] + [1] * 5)
    assert post_times(posts)["by_mean"].all()
    by_day = best_times(posts)
    by_day = by_day[by_day["hour"].isna()]
    assert by_day[["weekday", "posts"]].values.tolist() == [[0, 5], [5, 5]]
    assert by_day["ratio"].round(4).tolist() == [round(1 / 1.2, 4), round(1.4 / 1.2, 4)]
