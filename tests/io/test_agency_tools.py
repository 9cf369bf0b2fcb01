"""Sprout Social, Buffer, Metricool and Later exports, built from their documented columns.

The files come from tests/data/agency/make_agency.py; the expected figures are
added up by hand from its rows.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

import smanalytics
from smanalytics.errors import ExportError

_spec = importlib.util.spec_from_file_location(
    "make_agency", Path(__file__).resolve().parents[1] / "data" / "agency" / "make_agency.py"
)
make_agency = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_agency)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return make_agency.build(tmp_path_factory.mktemp("agency"))


def one(path: Path, family: str, rows: int, **kwargs) -> smanalytics.Dataset:
    ds = smanalytics.load(path, **kwargs)
    source = ds.sources.iloc[0]
    assert (source.family, source.data_rows, source.rows, source.problems) == (family, rows, rows, 0)
    return ds


def test_sprout_post_performance_spans_networks(files):
    posts = one(files["sprout_posts"], "sprout_posts", 4).posts.set_index("post_id")
    assert posts.platform.tolist() == ["facebook", "facebook", "instagram", "x"]
    assert posts.account.tolist() == ["Lucy's Lemonade", "Lucy's Lemonade", "lucyslemonade", "LucysLemonade"]
    # Facebook rows give Reactions (31, 60), the others Likes (52, 7)
    assert posts.likes.tolist() == [31, 60, 52, 7]
    assert posts[["impressions", "comments", "shares", "clicks"]].sum().tolist() == [
        1240 + 3100 + 860 + 410,
        9 + 12 + 11 + 2,
        4 + 10 + 1,
        6 + 14 + 2,
    ]
    # only the video had paid impressions (1,000)
    assert posts.paid.tolist() == [False, True, False, False]
    assert posts.loc["1029384756_556699", "published_at"] == pd.Timestamp("2026-03-04 17:40", tz="UTC")
    assert posts.loc["1029384756_556699", "video_views"] == 1800


def test_sprout_profile_reports_are_daily_with_follower_totals(files):
    facebook = one(files["sprout_facebook_pages"], "sprout_profiles", 2).daily
    assert facebook.followers.tolist() == [1204, 1209]
    assert (facebook.follows.sum(), facebook.unfollows.sum(), facebook.likes.sum()) == (10, 2, 43)
    assert set(facebook.account) == {"Lucy's Lemonade"} and set(facebook.platform) == {"facebook"}
    instagram = one(files["sprout_instagram_profiles"], "sprout_profiles", 1).daily.iloc[0]
    assert (
        instagram.platform,
        instagram.followers,
        instagram.follows,
        instagram.unfollows,
        instagram.posts,
    ) == (
        "instagram",
        829,
        8,
        2,
        2,
    )
    twitter = one(files["sprout_twitter_profiles"], "sprout_profiles", 1).daily.iloc[0]
    # @Replies are conversation, Retweets amplification; net growth (-1) is not follows
    assert (twitter.platform, twitter.followers, twitter.comments, twitter.shares) == ("x", 412, 2, 1)
    assert pd.isna(twitter.follows)


def test_buffer_posts_name_no_channel(files):
    ds = one(files["buffer_facebook"], "buffer_posts", 2)
    posts = ds.posts
    assert set(posts.platform) == {"facebook"}
    assert posts[["reach", "impressions", "likes", "comments", "shares", "clicks"]].sum().tolist() == [
        3480,
        4340,
        91,
        21,
        14,
        20,
    ]
    assert "'facebook' guessed from its columns" in ds.sources.notes.iloc[0]
    named = one(files["buffer_facebook"], "buffer_posts", 2, platform="facebook", account="Lucy's Lemonade")
    assert set(named.posts.account) == {"Lucy's Lemonade"}


def test_metricool_and_later_instagram_posts(files):
    metricool = one(files["metricool_instagram"], "metricool_posts", 2, account="lucyslemonade").posts
    assert set(metricool.platform) == {"instagram"}
    assert metricool[["likes", "comments", "saves", "reach", "impressions"]].sum().tolist() == [
        192,
        34,
        26,
        2800,
        3460,
    ]
    later = one(files["later_instagram"], "later_posts", 1).posts.iloc[0]
    assert (later.platform, later.likes, later.comments, later.saves, later.paid) == (
        "instagram",
        52,
        11,
        7,
        False,
    )


def test_an_export_naming_no_network_without_a_clue_asks_for_platform(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("Date,Post,Link,Post Type,Likes\n2026-03-02 09:15,Hi,https://example.org/1,text,3\n")
    with pytest.raises(ExportError, match="names no network; pass platform="):
        smanalytics.load(path)
    assert smanalytics.load(path, platform="linkedin").posts.likes.tolist() == [3]


def test_a_buffer_export_joins_the_folders_account_of_its_platform(files, tmp_path):
    folder = tmp_path / "lucys-lemonade"
    folder.mkdir()
    sprout = folder / "sprout.csv"
    sprout.write_bytes(files["sprout_facebook_pages"].read_bytes())
    buffer = folder / "buffer-facebook-posts.csv"
    buffer.write_bytes(files["buffer_facebook"].read_bytes())
    ds = smanalytics.load([sprout, buffer])
    # Buffer names no account: its posts join the only Facebook account of the folder
    assert set(ds.posts.account) == set(ds.daily.account) == {"Lucy's Lemonade"}
