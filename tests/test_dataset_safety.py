"""Canonical tables stay independent of what they were made from, even under in-place edits."""

import numpy as np
import pandas as pd

import smanalytics
from smanalytics import metrics, schema


def _daily() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "platform": ["x", "x"],
            "account": ["cafe", "cafe"],
            "date": pd.to_datetime(["2026-03-01", "2026-03-02"]),
            "followers": pd.array([100, 110], dtype="Int64"),
        },
        index=[7, 8],
    )


def test_conform_result_and_input_do_not_share_edits():
    given = schema.conform(_daily(), "daily")  # canonical columns at their dtypes, others added
    made = schema.conform(given.drop(columns=["clicks"]), "daily")
    made.loc[0, "followers"] = 999
    assert given["followers"].tolist() == [100, 110]
    given.loc[1, "followers"] = 555
    assert made["followers"].tolist() == [999, 110]


def test_conform_of_a_table_to_cast_does_not_share_edits():
    source = _daily()
    made = schema.conform(source, "daily")
    made.loc[0, "followers"] = 999
    assert source["followers"].tolist() == [100, 110]
    assert list(made.index) == [0, 1]


def test_a_summary_sees_an_in_place_edit_of_a_loaded_table(tmp_path):
    n = 12_000  # above the size from which account codes are cached
    posts = pd.DataFrame(
        {
            "platform": "x",
            "account": np.where(np.arange(n) < n // 2, "cafe", "salon"),
            "post_id": np.arange(n).astype(str),
            "published_at": pd.date_range("2026-01-01", periods=n, freq="h", tz="UTC"),
            "comments": 1,
            "followers": 100,
        }
    )
    path = tmp_path / "posts.csv"
    smanalytics.io.canonical.write_csv(posts, path)
    ds = smanalytics.load(path)
    before = metrics.account_summary(ds.posts)
    assert before["conversation_rate"].tolist() == [0.01, 0.01]
    ds.posts.loc[0, "comments"] = 1 + 100 * n // 2  # cafe: (n/2 + 100 n/2) / (100 n/2) = 1.01
    ds.posts.loc[n - 1, "account"] = "bakery"
    after = metrics.account_summary(ds.posts)
    assert after["account"].tolist() == ["bakery", "cafe", "salon"]
    assert after["conversation_rate"].tolist() == [0.01, 1.01, 0.01]
    assert after["posts"].tolist() == [1, n // 2, n // 2 - 1]


def test_a_merged_table_shares_no_edits_with_the_tables_merged():
    later = schema.conform(_daily().iloc[::-1], "daily")  # out of order: the merge sorts it
    merged = smanalytics.dataset.merge_table([later], "daily")
    assert merged["date"].tolist() == list(pd.to_datetime(["2026-03-01", "2026-03-02"]))
    merged.loc[0, "clicks"] = 5  # a column with no value, kept rather than moved
    merged.loc[0, "followers"] = 999
    assert later["clicks"].isna().all() and later["followers"].tolist() == [110, 100]
    later.loc[1, "unfollows"] = 3
    assert merged["unfollows"].isna().all()
