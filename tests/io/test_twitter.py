"""Legacy Twitter Analytics exports: per tweet (posts) and per day (daily)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.errors import UnknownFormatError

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports" / "twitter"
ALL_FILES = sorted(p.name for p in FOLDER.glob("*.csv")) if FOLDER.is_dir() else []

ROPENSCI_DEC16 = "tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv"
ROPENSCI_AUG21 = "tweet_activity_metrics_rOpenSci_20210801_20210901_en.csv"  # multi-line texts with ';'
LISA_JAN21 = "tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv"
LISA_FEB21 = "tweet_activity_metrics_LisaDeBruine_20210201_20210301_en.csv"
LISA_DAILY_JAN21 = "daily_tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv"
LISA_DAILY_DEC21 = "daily_tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv"

# export column -> canonical column whose total must equal the export's
POST_TOTALS = {
    "impressions": "impressions",
    "retweets": "shares",
    "replies": "comments",
    "likes": "likes",
    "url clicks": "clicks",
    "user profile clicks": "profile_visits",
    "follows": "follows",
}
DAILY_TOTALS = {
    "Tweets published": "posts",
    "impressions": "impressions",
    "engagements": "engagements",
    "retweets": "shares",
    "replies": "comments",
    "likes": "likes",
    "user profile clicks": "profile_visits",
    "follows": "follows",
}

pytestmark = pytest.mark.real_exports


# -- helpers: the raw file read independently, and its re-saved variants -------------
def raw_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    return header, rows


def column_total(path: Path, column: str) -> int:
    header, rows = raw_rows(path)
    i = header.index(column)
    return sum(int(float(row[i])) for row in rows)  # "1938.0" in per-tweet files


def write_variants(path: Path, out: Path) -> dict[str, Path]:
    """The file as analysts re-save it, each under the same name in its own folder."""
    header, rows = raw_rows(path)
    variants = {}

    def write(kind, names, body, *, delimiter=",", encoding="utf-8", newline="\n"):
        target = out / kind / path.name
        target.parent.mkdir(parents=True)
        with open(target, "w", newline="", encoding=encoding) as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
            writer.writerow(names)
            writer.writerows(body)
        variants[kind] = target

    write("utf16-bom-crlf", header, rows, encoding="utf-16", newline="\r\n")  # utf-16 writes a BOM
    order = list(reversed(range(len(header))))
    write("reordered", [header[i] for i in order], [[row[i] for i in order] for row in rows])
    # a European spreadsheet: ';' between fields and ',' as the decimal mark ("1938,0")
    decimal_comma = [[re.sub(r"^(\d+)\.(\d+)$", r"\1,\2", f) for f in row] for row in rows]
    write("semicolon", header, decimal_comma, delimiter=";")
    return variants


# -- per tweet --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "rows", "first", "last", "account"),
    [
        (ROPENSCI_DEC16, 37, "2016-12-01 18:00", "2016-12-23 18:50", "ropensci"),
        (ROPENSCI_AUG21, 13, "2021-08-04 15:00", "2021-08-31 07:35", "ropensci"),
        (LISA_JAN21, 188, "2021-01-01 10:20", "2021-01-30 12:56", "lisadebruine"),
    ],
)
def test_tweet_totals_rows_dates_and_account_match_the_raw_file(
    real_exports, name, rows, first, last, account
):
    path = real_exports / "twitter" / name
    ds = smanalytics.load(path)
    posts = ds.posts
    assert len(posts) == rows and len(ds.problems) == 0
    assert ds.sources["data_rows"].tolist() == [rows]
    assert ds.sources["family"].tolist() == ["twitter_tweets"]
    for export, canonical in POST_TOTALS.items():
        assert posts[canonical].sum() == column_total(path, export), export
    assert posts["account"].unique().tolist() == [account]
    assert posts["platform"].unique().tolist() == ["x"]
    # tweet ids are the raw text, digit for digit
    assert sorted(posts["post_id"]) == sorted(row[0] for row in raw_rows(path)[1])
    assert posts["published_at"].min() == pd.Timestamp(first, tz="UTC")
    assert posts["published_at"].max() == pd.Timestamp(last, tz="UTC")
    # no promoted impressions anywhere ("-"): every tweet is organic, not "unknown"
    assert posts["paid"].eq(False).all()
    # not in the export: missing, never 0
    for missing in ("reach", "saves", "video_views", "followers"):
        assert posts[missing].isna().all(), missing


def test_tweet_ropensci_totals_by_hand(real_exports):
    # worked out from the file: 37 tweets, impressions 110,828, retweets 145,
    # replies 5, likes 221, url clicks 703, profile clicks 68, follows 2
    posts = smanalytics.load(real_exports / "twitter" / ROPENSCI_DEC16).posts
    assert posts[
        ["impressions", "shares", "comments", "likes", "clicks", "profile_visits", "follows"]
    ].sum().tolist() == [
        110828,
        145,
        5,
        221,
        703,
        68,
        2,
    ]


def test_tweet_figures_of_one_post(real_exports):
    posts = smanalytics.load(real_exports / "twitter" / ROPENSCI_DEC16).posts
    post = posts.set_index("post_id").loc["812341199767863296"]
    # the raw row: "2016-12-23 16:56 +0000","3626.0","72.0",...,"11.0","0.0","11.0","0.0","44.0",...
    assert post["published_at"] == pd.Timestamp("2016-12-23 16:56", tz="UTC")
    assert post["text"].endswith("including a new vignette, new fxn, & more")  # was "&amp; more"
    assert (post["impressions"], post["shares"], post["comments"], post["likes"]) == (3626, 11, 0, 11)
    assert (post["clicks"], post["profile_visits"], post["follows"]) == (44, 0, 0)
    assert post["paid"] is not pd.NA and not post["paid"]  # promoted columns say "-": organic
    assert pd.isna(post["video_views"])  # media views (0) is not video views


def test_tweet_most_replied_post_of_lisa_in_january(real_exports):
    posts = smanalytics.load(real_exports / "twitter" / LISA_JAN21).posts
    top = posts.loc[posts["comments"].idxmax()]
    # raw: id 1351582626222628870, 2021-01-19 17:29, impressions 32398.0, retweets 31.0,
    # replies 23.0, likes 79.0, user profile clicks 42.0, url clicks 405.0
    assert top["post_id"] == "1351582626222628870"
    assert top["published_at"] == pd.Timestamp("2021-01-19 17:29", tz="UTC")
    assert top[["impressions", "shares", "comments", "likes", "profile_visits", "clicks"]].tolist() == [
        32398,
        31,
        23,
        79,
        42,
        405,
    ]
    assert "\n\nhttps://t.co/YtFvKf8MBX" in top["text"]  # the raw newlines survive


# -- per day -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "days", "first", "last"),
    [(LISA_DAILY_JAN21, 31, "2021-01-01", "2021-01-31"), (LISA_DAILY_DEC21, 31, "2021-12-01", "2021-12-31")],
)
def test_daily_totals_rows_dates_and_account_match_the_raw_file(real_exports, name, days, first, last):
    path = real_exports / "twitter" / name
    ds = smanalytics.load(path)
    daily = ds.daily
    assert len(daily) == days and len(ds.problems) == 0 and ds.sources["data_rows"].tolist() == [days]
    assert ds.sources["family"].tolist() == ["twitter_daily"]
    assert daily["date"].min() == pd.Timestamp(first) and daily["date"].max() == pd.Timestamp(last)
    for export, canonical in DAILY_TOTALS.items():
        assert daily[canonical].sum() == column_total(path, export), export
    # the daily file has no permalinks: the account comes from the file name, and says so
    assert daily["account"].unique().tolist() == ["lisadebruine"]
    assert "from the file name" in ds.sources["notes"].iloc[0]
    for missing in ("followers", "unfollows", "reach", "video_views"):
        assert daily[missing].isna().all(), missing


def test_daily_first_day_by_hand(real_exports):
    daily = smanalytics.load(real_exports / "twitter" / LISA_DAILY_JAN21).daily
    # raw: "2021-01-01","9","6703","262","0.0390...","1","7","29","44",...,"follows"="0"
    # totals worked out from the file: 189 tweets, 428,246 impressions, 245 replies, 561 retweets
    day = daily.iloc[0]
    assert day["date"] == pd.Timestamp("2021-01-01")
    assert day[
        ["posts", "impressions", "engagements", "shares", "comments", "likes", "profile_visits", "follows"]
    ].tolist() == [
        9,
        6703,
        262,
        1,
        7,
        29,
        44,
        0,
    ]
    assert daily[["posts", "impressions", "comments", "shares"]].sum().tolist() == [189, 428246, 245, 561]


# -- robustness ----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "table"), [(ROPENSCI_AUG21, "posts"), (LISA_DAILY_JAN21, "daily")])
def test_resaved_variants_give_the_same_table(real_exports, tmp_path, name, table):
    path = real_exports / "twitter" / name
    expected = getattr(smanalytics.load(path), table)
    for kind, variant in write_variants(path, tmp_path).items():
        ds = smanalytics.load(variant)
        assert len(ds.problems) == 0, kind
        assert_frame_equal(getattr(ds, table), expected, obj=kind)


def test_repeated_and_overlapping_files_count_each_tweet_once(real_exports, tmp_path):
    jan, feb = real_exports / "twitter" / LISA_JAN21, real_exports / "twitter" / LISA_FEB21
    header, jan_rows = raw_rows(jan)
    _, feb_rows = raw_rows(feb)
    # a hand-made export spanning the turn of the month: last 5 tweets of January, first 5 of February
    overlap = tmp_path / "tweet_activity_metrics_LisaDeBruine_20210125_20210205_en.csv"
    with open(overlap, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows([header, *jan_rows[:5], *feb_rows[-5:]])
    once = smanalytics.load([jan, feb])
    posts = smanalytics.load([jan, overlap, feb, jan]).posts
    assert len(posts) == 188 + 193 == len(once.posts)
    assert posts["post_id"].is_unique
    assert posts["comments"].sum() == column_total(jan, "replies") + column_total(feb, "replies")


def test_rounded_ids_bad_rows_promoted_tweets_and_account_fallbacks(tmp_path):
    header = (
        '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate",'
        '"retweets","replies","likes","user profile clicks","url clicks","follows","media views",'
        '"promoted impressions","promoted likes"'
    )
    rows = [
        # a spreadsheet rounded the id: the permalink still has it
        '"8.12369747765363E+17","https://twitter.com/CornerCafe/status/812369747765362688","Open &gt; 8am",'
        '"2016-12-23 18:50 +0000","100.0","5.0","7.874015748031496E-4",'
        '"1.0","2.0","3.0","0.0","0.0","0","4","-","-"',
        # promoted: 250 promoted impressions -> paid
        '"812369747765362689","https://twitter.com/CornerCafe/status/812369747765362689","Ad",'
        '"2016-12-24 09:00 +0000","300.0","5.0","0.01","0.0","1.0","2.0","0.0","0.0","0","0","250","4"',
        # a count that is text: recorded as a problem with its line, not loaded
        '"812369747765362690","https://twitter.com/CornerCafe/status/812369747765362690","Oops",'
        '"2016-12-25 09:00 +0000","lots","5.0","0.01","0.0","1.0","2.0","0.0","0.0","0","0","-","-"',
    ]
    path = tmp_path / "export.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    ds = smanalytics.load(path)
    assert ds.posts["post_id"].tolist() == ["812369747765362688", "812369747765362689"]
    assert ds.posts["account"].unique().tolist() == ["cornercafe"]
    assert ds.posts["text"].tolist() == ["Open > 8am", "Ad"]
    assert ds.posts["paid"].tolist() == [False, True]
    assert ds.problems[["line", "column"]].values.tolist() == [[4, "impressions"]]
    assert len(ds.posts) + len(ds.problems) == ds.sources["data_rows"].iloc[0] == 3
    assert "took them from the links" in ds.sources["notes"].iloc[0]
    # the caller's account wins over the permalinks
    assert smanalytics.load(path, account="cafe").posts["account"].unique().tolist() == ["cafe"]


def test_daily_file_without_a_telling_name_uses_the_stem(tmp_path):
    path = tmp_path / "my export.csv"
    path.write_text(
        '"Date","Tweets published","impressions","engagements","engagement rate","retweets",'
        '"replies","likes","user profile clicks","url clicks","follows"\n'
        '"2021-01-01","2","150","12","0.08","1","3","5","2","1","0"\n',
        encoding="utf-8",
    )
    ds = smanalytics.load(path)
    assert ds.daily["account"].tolist() == ["my export"]
    assert ds.daily[["posts", "impressions", "shares", "comments", "likes"]].iloc[0].tolist() == [
        2,
        150,
        1,
        3,
        5,
    ]
    assert "does not name its account" in ds.sources["notes"].iloc[0]


def test_twitter_families_do_not_claim_look_alikes(tmp_path):
    # an X content export has "Post id", not "Tweet id": it is not a legacy tweet file
    path = tmp_path / "tweets.csv"
    path.write_text("Tweet id,time,impressions\n1,2021-01-01,3\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError):
        smanalytics.load(path)


# -- every file of the folder -----------------------------------------------------------------
@pytest.mark.parametrize("name", ALL_FILES)
def test_every_twitter_export_loads_with_its_totals(real_exports, name):
    path = real_exports / "twitter" / name
    ds = smanalytics.load(path)
    header, rows = raw_rows(path)
    daily = name.startswith("daily_")
    table = ds.daily if daily else ds.posts
    assert ds.sources["family"].tolist() == ["twitter_daily" if daily else "twitter_tweets"]
    assert len(table) + len(ds.problems) == ds.sources["data_rows"].iloc[0] == len(rows)
    assert table["comments"].sum() == column_total(path, "replies")
    assert table["shares"].sum() == column_total(path, "retweets")
    account = re.match(r"(?:daily_)?tweet_activity_metrics_([^_]+)_", name).group(1).lower()
    assert table["account"].unique().tolist() == [account]
