"""The UCI Facebook metrics dataset (Moro, Rita & Vala 2016)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.io.uci import consistent_days


def _raw(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _total(rows, column):
    return sum(int(r[column]) for r in rows if r[column].strip())


def test_consistent_days_keep_month_weekday_and_order():
    # 1 Jan 2014 is a Wednesday (4 with Sunday = 1); the next Friday (6) is 3 Jan;
    # a Sunday (1) in March after that is 2 Mar; a second Sunday post stays on 2 Mar
    days, broken = consistent_days([1, 1, 3, 3], [4, 6, 1, 1])
    assert [str(d) for d in days] == ["2014-01-01", "2014-01-03", "2014-03-02", "2014-03-02"]
    assert broken == 0
    # a January post after a March one breaks the order: first Wednesday of January
    days, broken = consistent_days([3, 1], [1, 4])
    assert [str(d) for d in days] == ["2014-03-02", "2014-01-01"] and broken == 1


@pytest.mark.real_exports
def test_uci_dataset_totals_and_posts(real_exports):
    path = real_exports / "uci-facebook-metrics" / "dataset_Facebook.csv"
    rows = _raw(path)
    ds = smanalytics.load(path)
    posts = ds.posts.set_index("post_id")
    assert len(posts) == len(rows) == 500 and len(ds.problems) == 0
    assert set(posts["account"]) == {"uci-cosmetics-brand"} and set(posts["platform"]) == {"facebook"}
    pairs = {
        "reach": "Lifetime Post Total Reach",
        "impressions": "Lifetime Post Total Impressions",
        "comments": "comment",
        "likes": "like",
        "shares": "share",
        "clicks": "Lifetime Post Consumptions",
    }
    for canonical, column in pairs.items():
        assert posts[canonical].sum() == _total(rows, column), canonical
    assert int(posts["paid"].sum()) == sum(1 for r in rows if r["Paid"] == "1")
    # missing values stay missing: Paid x1, like x1, share x4
    assert (posts["paid"].isna().sum(), posts["likes"].isna().sum(), posts["shares"].isna().sum()) == (
        1,
        1,
        4,
    )
    # line 2: 139441;Photo;2;12;4;3;0;2752;5091;...;4;79;17;100 -> Wednesday 24 Dec 2014, 03:00
    first = posts.loc["uci-1"]
    assert first["published_at"] == pd.Timestamp("2014-12-24 03:00", tz="UTC")
    assert [first[c] for c in ("followers", "reach", "impressions", "comments", "likes", "shares")] == [
        139441,
        2752,
        5091,
        4,
        79,
        17,
    ]
    assert first["post_type"] == "Photo" and first["paid"] == False  # noqa: E712
    # line 501: 81370;Photo;2;1;4;4;;4188;... -> Wednesday 1 Jan 2014, 04:00; Paid blank
    last = posts.loc["uci-500"]
    assert last["published_at"] == pd.Timestamp("2014-01-01 04:00", tz="UTC") and pd.isna(last["paid"])
    # line 113: ...;0;;;0 (no like, no share) -> missing, not 0
    assert pd.isna(posts.at["uci-112", "likes"]) and posts.at["uci-112", "comments"] == 0
    # every date is in 2014, in its row's month and on its row's weekday (1 = Sunday)
    stamps = posts.loc[[f"uci-{i}" for i in range(1, 501)], "published_at"]
    assert (stamps.dt.month.tolist()) == [int(r["Post Month"]) for r in rows]
    weekdays = ((stamps.dt.day_of_week + 1) % 7 + 1).tolist()
    assert weekdays == [int(r["Post Weekday"]) for r in rows]
    # the days keep the file's order (newest first); hours within a day are as the file says
    assert stamps.dt.normalize().is_monotonic_decreasing


@pytest.mark.real_exports
def test_resaved_variants_give_the_same_table(real_exports, tmp_path):
    path = real_exports / "uci-facebook-metrics" / "dataset_Facebook.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    original = smanalytics.load(path).posts
    variants = {
        "utf16.csv": ("utf-16", ";", rows),
        "comma.csv": ("utf-8", ",", rows),
        "reversed.csv": ("utf-8", ";", [r[::-1] for r in rows]),
    }
    for name, (encoding, delimiter, data) in variants.items():
        with open(tmp_path / name, "w", encoding=encoding, newline="") as fh:
            csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(data)
        assert_frame_equal(smanalytics.load(tmp_path / name).posts, original, obj=name)
    assert len(smanalytics.load([path, tmp_path / "comma.csv", path]).posts) == 500


def test_bad_rows_are_problems_and_account_can_be_given(tmp_path):
    path = tmp_path / "uci.csv"
    header = (
        "Page total likes;Type;Category;Post Month;Post Weekday;Post Hour;Paid;Lifetime Post Total Reach;"
        "Lifetime Post Total Impressions;comment;like;share"
    )
    path.write_text(
        header
        + "\n100;Photo;1;2;1;9;1;50;80;1;2;3\n100;Photo;1;13;1;9;0;5;8;0;0;0\n100;Link;1;1;4;8;0;x;8;0;0;0\n"
    )
    ds = smanalytics.load(path, account="cafe")
    # row 1: February, Sunday (1) after the oldest post -> first Sunday of Feb 2014 is the 2nd
    assert ds.posts["post_id"].tolist() == ["uci-1"] and ds.posts["account"].tolist() == ["cafe"]
    assert ds.posts["published_at"].iloc[0] == pd.Timestamp("2014-02-02 09:00", tz="UTC")
    assert ds.problems["line"].tolist() == [3, 4]
    assert ds.problems["column"].tolist() == ["Post Month", "Lifetime Post Total Reach"]
