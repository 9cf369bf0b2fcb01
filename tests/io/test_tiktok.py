"""TikTok Studio importers: overview, follower history, viewers, content, business layouts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io import assemble, read_each, read_file, tiktok

TT = "tiktok"
pytestmark = pytest.mark.real_exports


#: The day the files are read, so that yearless dates resolve the same whenever the tests run.
TODAY = "2026-11-23"


def load(paths):
    """``smanalytics.load`` as of ``TODAY``."""
    return assemble(read_each(paths, today=TODAY))


def _rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _sum(rows, column, *, skip_negative=False):
    values = [r[column] for r in rows if r[column] not in ("undefined", "NAN", "--", "")]
    return sum(int(v) for v in values if not (skip_negative and v.startswith("-")))


@pytest.mark.parametrize(
    ("name", "account", "first", "last", "views"),
    [
        # 365 rows February 28 -> February 27: the last row is the latest Feb 27 up to 2026-11-23
        ("haileytupy_Overview.csv", "haileytupy", "2025-02-28", "2026-02-27", 2946198),
        ("bosszy_Overview.csv", "bosszy", "2026-04-12", "2026-04-18", 7919),
        # Spanish month names: "8 de marzo" .. "14 de marzo"; the "_es_" locale marker is dropped
        ("francovelardez_es_Overview.csv", "francovelardez", "2026-03-08", "2026-03-14", 9),
    ],
)
def test_overview_totals_dates_and_account(real_exports, name, account, first, last, views):
    path = real_exports / TT / name
    raw = _rows(path)
    ds = load(path)
    daily = ds.daily
    assert len(daily) == len(raw) and len(ds.problems) == 0
    assert daily["date"].iloc[0] == pd.Timestamp(first) and daily["date"].iloc[-1] == pd.Timestamp(last)
    assert (daily["date"].diff().dropna() == pd.Timedelta(days=1)).all()  # consecutive days
    assert daily["video_views"].sum() == _sum(raw, "Video Views") == views
    assert daily["likes"].sum() == _sum(raw, "Likes")
    assert daily["shares"].sum() == _sum(raw, "Shares")
    assert daily["profile_visits"].sum() == _sum(raw, "Profile Views")
    assert set(daily["account"]) == {account} and set(daily["platform"]) == {"tiktok"}
    assert daily["impressions"].isna().all() and daily["followers"].isna().all()


def test_negative_comment_days_are_left_missing(real_exports):
    path = real_exports / TT / "haileytupy_Overview.csv"
    ds = load(path)
    # 35 days hold a negative net comment count (-65 in all); the other 330 days sum to 3236
    assert ds.daily["comments"].isna().sum() == 35
    assert ds.daily["comments"].sum() == _sum(_rows(path), "Comments", skip_negative=True) == 3236
    assert "35 negative values in 'Comments'" in ds.sources["notes"].iloc[0]
    last = ds.daily.iloc[-1]
    # last row: "February 27","18237","15","30","0","6"
    assert (last["video_views"], last["profile_visits"], last["likes"], last["comments"], last["shares"]) == (
        18237,
        15,
        30,
        0,
        6,
    )


def test_year_from_a_date_in_the_file_name(real_exports, tmp_path):
    copy = tmp_path / "bosszy_Overview_2024-04-18.csv"
    copy.write_bytes((real_exports / TT / "bosszy_Overview.csv").read_bytes())
    daily = load(copy).daily
    assert daily["date"].iloc[0] == pd.Timestamp("2024-04-12")
    assert "the date in the file name" in load(copy).sources["notes"].iloc[0]


def test_follower_history_and_viewers(real_exports):
    history = load(real_exports / TT / "haileytupy_FollowerHistory.csv").daily
    # 365 days, the first 25 "undefined" (missing, not 0); last row February 27: 5013 followers
    assert len(history) == 365 and history["followers"].isna().sum() == 25
    assert history["followers"].iloc[-1] == 5013 and history["date"].iloc[-1] == pd.Timestamp("2026-02-27")
    assert history["follows"].isna().all()  # the net difference is not a follows count
    viewers = load(real_exports / TT / "haileytupy_Viewers.csv").daily
    assert viewers["reach"].isna().sum() == 25 and viewers["reach"].iloc[-1] == 15752
    merged = load([real_exports / TT / f"haileytupy_{n}.csv" for n in ("Overview", "Viewers")])
    assert len(merged.daily) == 365  # one row per day, both files' columns filled
    assert merged.daily.iloc[-1][["video_views", "reach"]].tolist() == [18237, 15752]


def test_content_posts_and_video_id_times(real_exports):
    path = real_exports / TT / "haileytupy_Content 2.csv"
    raw = _rows(path)
    posts = load(path).posts
    assert len(posts) == len(raw) == 12
    assert set(posts["account"]) == {"haileytupy2.0"}
    assert posts["likes"].sum() == _sum(raw, "Total likes")
    assert posts["comments"].sum() == _sum(raw, "Total comments")
    assert posts["video_views"].sum() == _sum(raw, "Total views")
    post = posts.set_index("post_id").loc["7546034661705796877"]
    # "September 3" in local time; the id says 2025-09-04 01:08:27 UTC (7546034661705796877 >> 32)
    assert post["published_at"] == pd.Timestamp("2025-09-04 01:08:27", tz="UTC")
    assert (post["likes"], post["comments"], post["shares"], post["video_views"]) == (109, 7, 31, 154414)
    assert post["text"] == "BUXOM  PLUMPING LIP GLOSS"


def test_repeated_and_overlapping_content_files_count_each_video_once(real_exports):
    names = ["haileytupy_Content.csv", "haileytupy_Content 2.csv", "haileytupy_Content 3.csv"]
    names += ["haileytupy_Content 4.csv", "haileytupy_Content.csv"]
    ds = load([real_exports / TT / n for n in names])
    links = {r["Video link"] for n in set(names) for r in _rows(real_exports / TT / n)}
    assert len(ds.posts) == len(links) == 29


def test_business_layouts(real_exports):
    raw = _rows(real_exports / TT / "vintage_TIKTOK_RAW.csv")
    daily = load(real_exports / TT / "vintage_TIKTOK_RAW.csv").daily
    assert len(daily) == 62 and daily["date"].iloc[0] == pd.Timestamp("2025-10-31")
    assert daily["video_views"].sum() == _sum(raw, "Video views") == 521491
    assert daily["follows"].sum() == 409 and daily["unfollows"].sum() == _sum(raw, "Lost followers")
    assert pd.isna(daily["reach"].iloc[0]) and daily["reach"].iloc[1] == 75134  # "NAN" is missing
    audience = load(real_exports / TT / "vintage_TIKTOK_AUDIENCE_RAW.csv").daily
    assert audience["follows"].sum() == 409 and audience["followers"].isna().all()  # "--"
    video = load(real_exports / TT / "vintage_TIKTOK_VIDEO_RAW.csv").posts
    vraw = _rows(real_exports / TT / "vintage_TIKTOK_VIDEO_RAW.csv")
    assert len(video) == 51 and set(video["account"]) == {"vintagerest.bg"}
    assert video["likes"].sum() == _sum(vraw, "Likes") == 7481
    assert video["saves"].sum() == _sum(vraw, "Add to Favorites") == 570
    first = video.set_index("post_id").loc["7567452112981069079"]
    assert first["published_at"] == pd.Timestamp("2025-10-31 18:19:10", tz="UTC")
    assert (first["video_views"], first["likes"], first["comments"], first["shares"]) == (
        172353,
        1774,
        42,
        413,
    )


@pytest.mark.parametrize(
    "name",
    [
        "haileytupy_FollowerActivity.csv",
        "haileytupy_FollowerGender.csv",
        "haileytupy_FollowerTopTerritories.csv",
    ],
)
def test_demographics_are_refused_saying_where_the_figures_are(real_exports, name):
    where = r"no posts or daily figures \(those are in the Overview, FollowerHistory, Viewers and Content"
    with pytest.raises(NotATimeSeriesError, match=where):
        load(real_exports / TT / name)


def _rewrite(src, dst, *, encoding="utf-8-sig", delimiter=",", newline="\n", reverse=False):
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8-sig"), newline="")))
    rows = [list(reversed(r)) for r in rows] if reverse else rows
    with open(dst, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return dst


@pytest.mark.parametrize(
    "name", ["haileytupy_Overview.csv", "haileytupy_Content.csv", "vintage_TIKTOK_VIDEO_RAW.csv"]
)
@pytest.mark.parametrize(
    "variant",
    [{"encoding": "utf-16", "newline": "\r\n"}, {"reverse": True}, {"delimiter": ";"}],
    ids=["utf16-bom-crlf", "columns-reversed", "semicolons"],
)
def test_variants_give_the_same_table(real_exports, tmp_path, name, variant):
    src = real_exports / TT / name
    original = load(src)
    copy = load(_rewrite(src, tmp_path / name, **variant))
    assert_frame_equal(copy.daily, original.daily)
    assert_frame_equal(copy.posts, original.posts)


def _all_files():
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports" / TT
    return sorted(p.name for p in folder.glob("*.csv")) if folder.is_dir() else []


@pytest.mark.parametrize("name", _all_files())
def test_every_tiktok_file_loads_or_is_refused(real_exports, name):
    try:
        ds = read_file(real_exports / TT / name, today=TODAY)
    except NotATimeSeriesError:
        assert "Follower" in name and "History" not in name
        return
    assert ds.sources["family"].iloc[0].startswith("tiktok")
    rows = len(ds.posts) + len(ds.daily)
    assert rows > 0 and rows + len(ds.problems) == ds.sources["data_rows"].iloc[0]


def test_helpers():
    assert tiktok.account_from_filename("a/haileytupy_Content 2.csv") == (
        "haileytupy",
        "the file name prefix",
    )
    assert tiktok.account_from_filename("a/vintage_TIKTOK_RAW.csv") == ("vintage", "the file name prefix")
    assert tiktok.account_from_filename("clients/cafe/Overview.csv") == ("cafe", "the folder name")
    # 7567452112981069079 >> 32 = 1761934746 s = 2025-10-31 18:19:06 UTC
    assert tiktok.video_time(pd.Series(["7567452112981069079", "x"])).tolist()[0] == pd.Timestamp(
        "2025-10-31 18:19:06", tz="UTC"
    )
