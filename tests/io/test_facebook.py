"""Facebook Page Insights CSV exports: post level, video posts, page-level daily."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.io.facebook import local_times

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports" / "facebook"
CSV_FILES = sorted(p.name for p in FOLDER.glob("*.csv")) if FOLDER.is_dir() else []
VIC = "Visualization Studio VIC"
POSTS_2014 = f"Facebook Insights Data Export (Post Level) - {VIC} - 2014-08-24 - 2015-02-19.csv"
POSTS_2015 = f"Facebook Insights Data Export (Post Level) - {VIC} - 2015-02-20 - 2015-08-18.csv"
VIDEO_2014 = f"Facebook Insights Data Export (Video Posts) - {VIC} - 2014-08-24 - 2015-02-19.csv"
PAGE_2014 = f"Facebook Insights Data Export - {VIC} - 2014-01-01 - 2014-02-27.csv"
PAGE_2015 = f"Facebook Insights Data Export - {VIC} - 2015-02-20 - 2015-08-18.csv"


def _raw(path: Path, encoding: str = "utf-8-sig") -> tuple[list[str], list[dict[str, str]]]:
    """Header and data rows of an Insights CSV, read with the csv module (row 2 describes)."""
    with open(path, encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    return header, [dict(zip(header, r, strict=True)) for r in rows[2:]]


def _total(rows: list[dict[str, str]], column: str) -> int:
    return sum(int(r[column]) for r in rows if r.get(column, "").strip())


def _variants(src: Path, tmp_path: Path, encoding: str) -> list[Path]:
    """The file re-encoded as UTF-16 with BOM and CRLF, with columns reversed, and re-saved with ';'.

    Each variant keeps the export's file name (the account comes from it), in its own folder.
    """
    with open(src, encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))
    out = []
    for kind in ("utf16", "reversed", "semicolon"):
        folder = tmp_path / kind
        folder.mkdir()
        path = folder / src.name
        data = [r[::-1] for r in rows] if kind == "reversed" else rows
        delimiter = ";" if kind == "semicolon" else ","
        with open(path, "w", encoding="utf-16" if kind == "utf16" else "utf-8", newline="") as fh:
            csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(data)
        out.append(path)
    return out


@pytest.mark.real_exports
@pytest.mark.parametrize("name", [POSTS_2014, POSTS_2015])
def test_post_level_totals_equal_the_raw_file(real_exports, name):
    path = real_exports / "facebook" / name
    _, rows = _raw(path)
    ds = smanalytics.load(path)
    posts = ds.posts
    assert len(posts) == len(rows) and len(ds.problems) == 0
    assert set(posts["account"]) == {VIC}
    pairs = {
        "reach": "Lifetime Post Total Reach",
        "impressions": "Lifetime Post Total Impressions",
        "likes": "Lifetime Post Stories by action type - like",
        "comments": "Lifetime Post Stories by action type - comment",
        "shares": "Lifetime Post Stories by action type - share",
        "clicks": "Lifetime Post Consumptions by type - link clicks",
    }
    for canonical, column in pairs.items():
        assert posts[canonical].sum() == _total(rows, column), canonical
    paid = sum(1 for r in rows if r["Lifetime Post Paid Reach"].strip() not in ("", "0"))
    assert int(posts["paid"].sum()) == paid


@pytest.mark.real_exports
def test_post_level_values_of_one_post_and_a_post_without_figures(real_exports):
    posts = smanalytics.load(real_exports / "facebook" / POSTS_2015).posts.set_index("post_id")
    # 29,555 = sum of 'Lifetime Post Total Reach' by hand over the 99 rows (two are blank)
    assert posts["reach"].sum() == 29555
    post = posts.loc["518995791497187_1020686821328079"]
    # Posted 08/18/2015 12:32:03 AM Pacific summer time (UTC-7) -> 07:32:03 UTC
    assert post["published_at"] == pd.Timestamp("2015-08-18 07:32:03", tz="UTC")
    assert (post["post_type"], post["reach"], post["impressions"], post["likes"]) == ("Photo", 446, 934, 12)
    # comment/share/link-click cells are blank in columns the file has: no such action, so 0
    assert (post["comments"], post["shares"], post["clicks"], post["paid"]) == (0, 0, 0, False)
    assert post["text"].startswith("We are so proud to announce that our friend Carl U")
    assert pd.isna(post["followers"]) and pd.isna(post["saves"])
    # this post has no figures at all in the export: missing, never 0
    empty = posts.loc["518995791497187_986825011380927"]
    assert pd.isna(empty["reach"]) and pd.isna(empty["likes"]) and pd.isna(empty["comments"])


def test_pacific_standard_and_summer_time():
    stamps, bad = local_times(pd.Series(["02/19/2015 11:45:22 PM", "07/01/2015 09:00:00 AM", "nope"]))
    # PST is UTC-8 in February, PDT is UTC-7 in July
    assert stamps.tolist()[:2] == [
        pd.Timestamp("2015-02-20 07:45:22", tz="UTC"),
        pd.Timestamp("2015-07-01 16:00:00", tz="UTC"),
    ]
    assert bad.tolist() == [False, False, True]


@pytest.mark.real_exports
@pytest.mark.parametrize(
    ("name", "days", "first", "last", "last_followers", "last_reach", "last_visits"),
    [
        # last row "2/27/2014,128,...": 128 page likes at the end
        (PAGE_2014, 58, "2014-01-01", "2014-02-27", 128, None, None),
        # last row '8/18/2015,770,0,0'; Daily Total Reach 386; Page Views 11 (Total Count), 3 (Unique Users)
        (PAGE_2015, 180, "2015-02-20", "2015-08-18", 770, 386, 11),
    ],
)
def test_page_level_daily(real_exports, name, days, first, last, last_followers, last_reach, last_visits):
    path = real_exports / "facebook" / name
    header, rows = _raw(path, "cp1252")
    ds = smanalytics.load(path)
    daily = ds.daily
    assert len(daily) == days == len(rows) and len(ds.problems) == 0
    assert daily["date"].iloc[0] == pd.Timestamp(first) and daily["date"].iloc[-1] == pd.Timestamp(last)
    assert daily["followers"].iloc[-1] == last_followers
    if last_reach is not None:
        assert daily["reach"].iloc[-1] == last_reach and daily["profile_visits"].iloc[-1] == last_visits
    assert daily["follows"].sum() == _total(rows, "Daily New Likes")
    assert daily["unfollows"].sum() == _total(rows, "Daily Unlikes")
    assert daily["impressions"].sum() == _total(rows, "Daily Total Impressions")
    assert daily["engagements"].sum() == _total(rows, "Daily Page Engaged Users")
    assert daily["likes"].isna().all() and daily["posts"].isna().all()
    assert "cp1252" in ds.sources["notes"].iloc[0] or name == PAGE_2015


@pytest.mark.real_exports
def test_post_level_and_video_files_merge_on_post_id(real_exports):
    folder = real_exports / "facebook"
    _, post_rows = _raw(folder / POSTS_2014)
    _, video_rows = _raw(folder / VIDEO_2014)
    ids = {r["Post ID"] for r in post_rows} | {r["Post ID"] for r in video_rows}
    ds = smanalytics.load([folder / POSTS_2014, folder / VIDEO_2014])
    posts = ds.posts.set_index("post_id")
    # 98 post-level rows + 22 video rows, of which 5 are not in the post-level file: 103 posts
    assert len(posts) == len(ids) == 103
    video = {r["Post ID"]: r for r in video_rows}
    for post_id, row in video.items():
        assert posts.at[post_id, "video_views"] == int(row["Lifetime Total Video Views"])
    only_post = {r["Post ID"]: r for r in post_rows if r["Post ID"] not in video}
    some = next(iter(only_post))
    assert posts.at[some, "reach"] == int(only_post[some]["Lifetime Post Total Reach"])
    # the video file has no paid reach: it leaves 'paid' as the post-level file says
    both = [i for i in video if i in {r["Post ID"] for r in post_rows}]
    assert posts.loc[both, "paid"].notna().all()
    assert posts.loc[[i for i in video if i not in both], "paid"].isna().all()


@pytest.mark.real_exports
@pytest.mark.parametrize(
    ("name", "encoding", "table"), [(POSTS_2015, "utf-8-sig", "posts"), (PAGE_2014, "cp1252", "daily")]
)
def test_resaved_variants_give_the_same_table(real_exports, tmp_path, name, encoding, table):
    original = getattr(smanalytics.load(real_exports / "facebook" / name), table)
    for path in _variants(real_exports / "facebook" / name, tmp_path, encoding):
        assert_frame_equal(getattr(smanalytics.load(path), table), original, obj=path.parent.name)


@pytest.mark.real_exports
def test_repeated_files_count_each_post_and_day_once(real_exports):
    folder = real_exports / "facebook"
    ds = smanalytics.load([folder / POSTS_2015, folder / POSTS_2015, folder / PAGE_2014, folder / PAGE_2014])
    assert len(ds.posts) == 99 and len(ds.daily) == 58


def test_demographics_only_file_is_refused(tmp_path):
    path = tmp_path / "likes_by_city.csv"
    path.write_text(
        "Date,Lifetime Likes by City - Stockholm,Lifetime Likes by City - Oslo\n"
        ",Lifetime: city of the people who like your Page (Unique Users),\n"
        "1/1/2014,10,3\n"
    )
    with pytest.raises(smanalytics.NotATimeSeriesError, match="no posts or daily figures"):
        smanalytics.load(path)


def test_unreadable_rows_become_problems_with_their_line(tmp_path):
    path = tmp_path / "Facebook Insights Data Export (Post Level) - Cafe - 2026-01-01 - 2026-01-31.csv"
    path.write_text(
        "Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach,Lifetime Post Paid Reach\n"
        ",,,,,Lifetime: The total number of people (Unique Users),Lifetime: paid\n"
        "1_1,https://www.facebook.com/cafe/posts/1,Hi,Photo,01/05/2026 09:00:00 AM,120,0\n"
        "1_2,https://www.facebook.com/cafe/posts/2,Yo,Photo,yesterday,80,0\n"
        "1_3,https://www.facebook.com/cafe/posts/3,Ho,Photo,01/07/2026 09:00:00 AM,many,5\n"
    )
    ds = smanalytics.load(path)
    assert ds.posts["post_id"].tolist() == ["1_1"] and ds.posts["account"].tolist() == ["Cafe"]
    # 09:00 PST (UTC-8) -> 17:00 UTC
    assert ds.posts["published_at"].iloc[0] == pd.Timestamp("2026-01-05 17:00", tz="UTC")
    assert ds.problems["line"].tolist() == [4, 5]
    assert ds.problems["column"].tolist() == ["Posted", "Lifetime Post Total Reach"]
    assert ds.sources["data_rows"].iloc[0] == len(ds.posts) + len(ds.problems) == 3


def test_account_falls_back_to_permalinks(tmp_path):
    path = tmp_path / "renamed.csv"
    path.write_text(
        "Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach\n"
        ",,,,,Lifetime: The total number of people (Unique Users)\n"
        "1_1,https://www.facebook.com/lemonstall/posts/1,Hi,Photo,01/05/2026 09:00:00 AM,120\n"
    )
    ds = smanalytics.load(path)
    assert ds.posts["account"].tolist() == ["lemonstall"]
    assert "permalinks" in ds.sources["notes"].iloc[0]
    assert smanalytics.load(path, account="Lemon Stall").posts["account"].tolist() == ["Lemon Stall"]


@pytest.mark.real_exports
@pytest.mark.parametrize("name", CSV_FILES)
def test_every_facebook_csv_loads_with_every_row_accounted_for(real_exports, name):
    ds = smanalytics.load(real_exports / "facebook" / name)
    source = ds.sources.iloc[0]
    assert source["family"].startswith("facebook-insights-")
    assert source["rows"] + source["problems"] == source["data_rows"]
    with open(real_exports / "facebook" / name, "rb") as fh:
        lines = [
            r for r in csv.reader(line.decode("latin-1") for line in fh.read().splitlines(keepends=True))
        ]
    # header + description row + data rows (a quoted message may span lines, so count records)
    assert source["data_rows"] == len(lines) - 2
