"""X account analytics exports: content (posts, two header generations) and overview (daily)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.errors import UnknownFormatError
from smanalytics.io.x import account_in_file_name

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports" / "x"
ALL_FILES = sorted(p.name for p in FOLDER.glob("*.csv")) if FOLDER.is_dir() else []

KAIA_CONTENT = "kaiadevintern_account_analytics_content_2024-12-22_2025-03-22.csv"  # 2025 header
WORMHOLE_CONTENT = "wormholebr_account_analytics_content_2024-11-21_2025-02-19.csv"  # 2025 header
HESTYS_JUL = "hestysinvest_account_analytics_content_2026-07-06_2026-08-02.csv"  # 2026 header
HESTYS_AUG = "hestysinvest_account_analytics_content_2026-08-10_2026-08-16.csv"  # 2026 header
KAIA_OVERVIEW = "kaiadevintern_account_overview_analytics.csv"
KAIA_OVERVIEW_LATER = "kaiadevdash_scripts_kaiadevintern_account_overview.csv"
WORMHOLE_OVERVIEW = "wormholebr_account_overview_analytics.csv"
BOK_OVERVIEW = "kaiadevdash_bok-analytics_account_overview.csv"


def raw_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def total(path: Path, *columns: str) -> int:
    """The sum of the first of ``columns`` that the file has (names differ between generations)."""
    rows = raw_rows(path)
    column = next(c for c in columns if c in rows[0])
    return sum(int(row[column]) for row in rows)


def write_variants(path: Path, out: Path) -> dict[str, Path]:
    """The file as analysts re-save it, each under the same name in its own folder."""
    with open(path, newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    variants = {}

    def write(kind, names, body, *, delimiter=",", encoding="utf-8", newline="\n"):
        target = out / kind / path.name
        target.parent.mkdir(parents=True)
        with open(target, "w", newline="", encoding=encoding) as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator=newline)
            writer.writerow(names)
            writer.writerows(body)
        variants[kind] = target

    write("utf16-bom-crlf", header, rows, encoding="utf-16", newline="\r\n")  # utf-16 writes a BOM
    order = [*range(len(header))][::-1]
    write("reordered", [header[i] for i in order], [[row[i] for i in order] for row in rows])
    write("semicolon", header, rows, delimiter=";")
    return variants


# -- content -----------------------------------------------------------------------------
CONTENT_CASES = [
    (KAIA_CONTENT, 173, "2024-12-26", "2025-03-20", "kaiadevintern"),
    (WORMHOLE_CONTENT, 141, "2024-12-31", "2025-02-17", "wormhole_br"),
    (HESTYS_JUL, 201, "2026-07-08", "2026-08-01", "hestysinvest"),
    (HESTYS_AUG, 40, "2026-08-10", "2026-08-15", "hestysinvest"),
]


@pytest.mark.real_exports
@pytest.mark.parametrize(("name", "rows", "first", "last", "account"), CONTENT_CASES)
def test_content_totals_rows_dates_and_account_match_the_raw_file(
    real_exports, name, rows, first, last, account
):
    path = real_exports / "x" / name
    ds = smanalytics.load(path)
    posts = ds.posts
    assert len(posts) == rows and len(ds.problems) == 0 and ds.sources["data_rows"].tolist() == [rows]
    assert ds.sources["family"].tolist() == ["x_content"]
    assert posts["impressions"].sum() == total(path, "Impressions")
    assert posts["likes"].sum() == total(path, "Likes")
    assert posts["comments"].sum() == total(path, "Replies")
    assert posts["shares"].sum() == total(path, "Reposts")  # not X's private "Share(s)"
    assert posts["saves"].sum() == total(path, "Bookmarks")
    assert posts["clicks"].sum() == total(path, "URL Clicks", "Url clicks")
    assert posts["profile_visits"].sum() == total(path, "Profile visits")
    assert posts["follows"].sum() == total(path, "New follows")
    assert sorted(posts["post_id"]) == sorted(row["Post id"] for row in raw_rows(path))
    # a day, no time: midnight UTC, and the notes say so
    assert posts["published_at"].min() == pd.Timestamp(first, tz="UTC")
    assert posts["published_at"].max() == pd.Timestamp(last, tz="UTC")
    assert (posts["published_at"].dt.hour == 0).all()
    assert "midnight UTC" in ds.sources["notes"].iloc[0]
    assert posts["account"].unique().tolist() == [account]
    for missing in ("reach", "video_views", "followers", "paid"):
        assert posts[missing].isna().all(), missing


@pytest.mark.real_exports
def test_content_figures_of_one_post_per_generation(real_exports):
    kaia = smanalytics.load(real_exports / "x" / KAIA_CONTENT).posts.set_index("post_id")
    # raw 2025 row: 1878740070703956157,Mon Jan 13 2025,$kaia to $10,...,1453,31,71,1,0,0,8,1,18,13,0,0,0
    # (Impressions, Likes, Engagements, Bookmarks, Share, New follows, Replies, Reposts, Profile visits, ...)
    post = kaia.loc["1878740070703956157"]
    assert post["published_at"] == pd.Timestamp("2025-01-13", tz="UTC")
    assert post["text"] == "$kaia to $10"
    assert post[
        ["impressions", "likes", "saves", "follows", "comments", "shares", "profile_visits", "clicks"]
    ].tolist() == [
        1453,
        31,
        1,
        0,
        8,
        1,
        18,
        0,
    ]
    hestys = smanalytics.load(real_exports / "x" / HESTYS_AUG).posts
    # 2026 header: totals worked out from the file: 8,338 impressions, 34 likes, 22 replies,
    # 0 reposts, 1 bookmark, 39 profile visits, 4 URL clicks
    assert hestys[
        ["impressions", "likes", "comments", "shares", "saves", "profile_visits", "clicks"]
    ].sum().tolist() == [
        8338,
        34,
        22,
        0,
        1,
        39,
        4,
    ]
    # raw 2026 row: 2088707180694323466,"Sat, Aug 15, 2026",@dmeinvestor Agreed ✅ ...,
    #               44,1,3,0,0,0,1,0,0,1,0,0,0
    post = hestys.set_index("post_id").loc["2088707180694323466"]
    assert post["published_at"] == pd.Timestamp("2026-08-15", tz="UTC")
    assert post["text"].startswith("@dmeinvestor Agreed ✅")
    assert post[["impressions", "likes", "comments", "shares"]].tolist() == [44, 1, 1, 0]


# -- overview ----------------------------------------------------------------------------
OVERVIEW_CASES = [
    (WORMHOLE_OVERVIEW, 50, "2024-12-31", "2025-02-18", "wormholebr"),
    (KAIA_OVERVIEW, 271, "2024-06-24", "2025-03-21", "kaiadevintern"),
    (KAIA_OVERVIEW_LATER, 323, "2024-06-24", "2025-05-12", "kaiadevintern"),
    # two exports stacked in one file (Sep 2024 - Sep 2025, then Sep - Dec 2025)
    (BOK_OVERVIEW, 475, "2024-09-12", "2025-12-31", "kaiadevdash_bok-analytics"),
]
OVERVIEW_TOTALS = {
    "Impressions": "impressions",
    "Engagements": "engagements",
    "Likes": "likes",
    "Replies": "comments",
    "Reposts": "shares",
    "New follows": "follows",
    "Unfollows": "unfollows",
    "Profile visits": "profile_visits",
    "Create Post": "posts",
    "Video views": "video_views",
}


@pytest.mark.real_exports
@pytest.mark.parametrize(("name", "days", "first", "last", "account"), OVERVIEW_CASES)
def test_overview_totals_rows_dates_and_account_match_the_raw_file(
    real_exports, name, days, first, last, account
):
    path = real_exports / "x" / name
    ds = smanalytics.load(path)
    daily = ds.daily
    assert len(daily) == days and len(ds.problems) == 0 and ds.sources["data_rows"].tolist() == [days]
    assert ds.sources["family"].tolist() == ["x_overview"]
    assert daily["date"].min() == pd.Timestamp(first) and daily["date"].max() == pd.Timestamp(last)
    for export, canonical in OVERVIEW_TOTALS.items():
        assert daily[canonical].sum() == total(path, export), export
    assert daily["account"].unique().tolist() == [account]
    assert "from the file name" in ds.sources["notes"].iloc[0]
    assert daily["followers"].isna().all() and daily["reach"].isna().all()


@pytest.mark.real_exports
def test_overview_by_hand(real_exports):
    daily = smanalytics.load(real_exports / "x" / WORMHOLE_OVERVIEW).daily
    # totals worked out from the file's 50 rows: impressions 9,699, likes 366, engagements 1,051,
    # new follows 139, unfollows 4, replies 95, reposts 63, profile visits 123, posts 77
    columns = [
        "impressions",
        "likes",
        "engagements",
        "follows",
        "unfollows",
        "comments",
        "shares",
        "profile_visits",
        "posts",
    ]
    assert daily[columns].sum().tolist() == [9699, 366, 1051, 139, 4, 95, 63, 123, 77]
    # raw row: "Mon, Feb 17, 2025",426,18,49,1,0,2,0,1,2,4,2,0,0
    day = daily.set_index("date").loc[pd.Timestamp("2025-02-17")]
    assert day[columns].tolist() == [426, 18, 49, 2, 0, 1, 2, 4, 2]
    assert day["video_views"] == 0  # the export says 0: a real zero, not missing


@pytest.mark.real_exports
def test_overlapping_overviews_count_each_day_once_and_the_later_export_wins(real_exports):
    older, later = real_exports / "x" / KAIA_OVERVIEW, real_exports / "x" / KAIA_OVERVIEW_LATER
    ds = smanalytics.load([later, older, older])
    # the older file's 271 days all lie in the later file's 323
    assert len(ds.daily) == 323 and ds.daily["date"].is_unique
    # X revised Fri, Mar 21, 2025 from 1070 impressions (older export) to 1178 (later export)
    day = ds.daily.set_index("date").loc[pd.Timestamp("2025-03-21")]
    assert day["impressions"] == 1178
    assert ds.daily["impressions"].sum() == total(later, "Impressions")


@pytest.mark.real_exports
def test_content_and_overview_of_one_account_share_its_name(real_exports):
    ds = smanalytics.load([real_exports / "x" / KAIA_CONTENT, real_exports / "x" / KAIA_OVERVIEW])
    # links say KaiaDevIntern, the overview's file name kaiadevintern: handles ignore case
    assert ds.posts["account"].unique().tolist() == ds.daily["account"].unique().tolist() == ["kaiadevintern"]


@pytest.mark.real_exports
def test_repeated_content_files_count_each_post_once(real_exports):
    jul, aug = real_exports / "x" / HESTYS_JUL, real_exports / "x" / HESTYS_AUG
    posts = smanalytics.load([aug, jul, aug]).posts
    assert len(posts) == 201 + 40 and posts["post_id"].is_unique  # the two periods share no post
    assert posts["comments"].sum() == total(jul, "Replies") + total(aug, "Replies")


# -- robustness ----------------------------------------------------------------------------
@pytest.mark.real_exports
@pytest.mark.parametrize(
    ("name", "table"), [(WORMHOLE_CONTENT, "posts"), (HESTYS_AUG, "posts"), (WORMHOLE_OVERVIEW, "daily")]
)
def test_resaved_variants_give_the_same_table(real_exports, tmp_path, name, table):
    path = real_exports / "x" / name
    expected = getattr(smanalytics.load(path), table)
    for kind, variant in write_variants(path, tmp_path).items():
        ds = smanalytics.load(variant)
        assert len(ds.problems) == 0, kind
        assert_frame_equal(getattr(ds, table), expected, obj=kind)


def test_bad_rows_are_problems_with_their_line(tmp_path):
    path = tmp_path / "account_overview_analytics.csv"
    path.write_text(
        "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,"
        "Profile visits,Create Post,Video views,Media views\n"
        '"Tue, Feb 18, 2025",62,0,3,0,0,1,0,0,0,1,0,0,0\n'
        '"Mon, Feb 17, 2025",426,18,-2,1,0,2,0,1,2,4,2,0,0\n'
        '"Someday",1,1,1,1,1,1,1,1,1,1,1,1,1\n'
        '"Sun, Feb 16, 2025",,,,,,,,,,,,,',  # no trailing newline, as X writes it
        encoding="utf-8",
    )
    ds = smanalytics.load(path)
    days = [pd.Timestamp("2025-02-16"), pd.Timestamp("2025-02-17"), pd.Timestamp("2025-02-18")]
    assert ds.daily["date"].tolist() == days
    # the blank day is loaded with its figures missing, never 0
    assert ds.daily["impressions"].isna().tolist() == [True, False, False]
    assert ds.daily["impressions"].iloc[2] == 62
    # a negative figure (net of what was undone) is left missing and its row kept, with a note
    assert ds.daily["engagements"].isna().tolist() == [True, True, False]
    assert ds.daily["impressions"].iloc[1] == 426
    assert "1 negative value in 'Engagements'" in ds.sources["notes"].iloc[0]
    assert ds.problems[["line", "column"]].values.tolist() == [[4, "Date"]]
    assert len(ds.daily) + len(ds.problems) == ds.sources["data_rows"].iloc[0] == 4
    # X's default name says nothing of the account: the stem, and a note saying so
    assert ds.daily["account"].unique().tolist() == ["account_overview_analytics"]
    assert "pass account=" in ds.sources["notes"].iloc[0]
    assert smanalytics.load(path, account="cafe").daily["account"].unique().tolist() == ["cafe"]


@pytest.mark.parametrize(
    ("stem", "account"),
    [
        ("wormholebr_account_overview_analytics", "wormholebr"),
        ("Wormhole_BR_account_overview_analytics", "Wormhole_BR"),  # a handle may hold "_"
        ("kaiadevdash_scripts_kaiadevintern_account_overview", "kaiadevintern"),  # folder_folder_handle
        ("kaiadevdash_bok-analytics_account_overview", "kaiadevdash_bok-analytics"),  # no handle in it
        ("hestysinvest_account_analytics_content_2026-07-06_2026-08-02", "hestysinvest"),
        ("account_overview_analytics", None),
        ("account_analytics_content_2024-12-22_2025-03-22", None),
        ("overview", None),
    ],
)
def test_account_in_file_name(stem, account):
    assert account_in_file_name(stem) == account


def test_x_families_do_not_claim_look_alikes(tmp_path):
    # an overview without Create Post / Unfollows is not an X overview export
    path = tmp_path / "account_overview_analytics.csv"
    path.write_text(
        "Date,Impressions,Likes,Engagements,Replies,Reposts\n2025-01-01,1,1,1,1,1\n", encoding="utf-8"
    )
    with pytest.raises(UnknownFormatError):
        smanalytics.load(path)


# -- every file of the folder -----------------------------------------------------------------
@pytest.mark.real_exports
@pytest.mark.parametrize("name", ALL_FILES)
def test_every_x_export_loads_with_its_totals(real_exports, name):
    path = real_exports / "x" / name
    ds = smanalytics.load(path)
    rows = raw_rows(path)
    content = "Post id" in rows[0]
    table = ds.posts if content else ds.daily
    assert ds.sources["family"].tolist() == ["x_content" if content else "x_overview"]
    assert len(table) + len(ds.problems) == ds.sources["data_rows"].iloc[0] == len(rows)
    assert table["comments"].sum() == total(path, "Replies")
    assert table["shares"].sum() == total(path, "Reposts")
    assert table["likes"].sum() == total(path, "Likes")
