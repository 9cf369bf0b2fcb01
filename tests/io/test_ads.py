"""Ads exports: Twitter Ads tweet reports as paid posts, Meta Ads Manager reports refused."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import smanalytics
from smanalytics.errors import NotATimeSeriesError

WILD = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports-wild"
META_ADS = WILD / "facebook" / "scctsi__facebook_ads_manager.csv"
TWITTER_ADS = WILD / "twitter" / "scctsi__2017-04-01-to-2017-04-30-6hm1atwrnaio.xlsx"
POST_LEVEL = (
    WILD
    / "facebook"
    / "scctsi__Facebook Insights Data Export (Post Level) - USC Clinical Trials - 2017-01-19.csv"
)

HEADER = [
    "Time period", "Placement", "Tweet Text", "Campaign ID", "Ad Group ID", "Tweet status", "Tweet ID",
    "Tweet publish date", "Impressions", "Spend", "Likes", "Retweets", "Replies", "Link clicks",
]  # fmt: skip
PERIOD = "Apr 1, 2017 - Apr 30, 2017"
ROWS = [
    [PERIOD, "All", "Smoke-free homes", "i1", "i11", "Running", "849018769913597952",
     dt.datetime(2017, 4, 3, 15, 0, 23), 0.0, 0.0, 0.0, "-", "-", 0.0],
    [PERIOD, "All", "Forget death, chase life.", "i2", "i21", "Running", "848656305149677569",
     dt.datetime(2017, 4, 2, 15, 0, 5), 6681.0, 16.66, 2.0, "-", "-", 4.0],
    [PERIOD, "All", "Forget death, chase life.", "i2", "i22", "Paused", "848656305149677569",
     dt.datetime(2017, 4, 2, 15, 0, 5), 19.0, 0.1, 1.0, 1.0, "-", 0.0],
    [PERIOD, "All", "A decade of life", "i3", "i31", "Running", "848686593309331458",
     dt.datetime(2017, 4, 2, 17, 0, 26), 3778.0, 24.99, 4.0, "-", 4.0, 9.0],
]  # fmt: skip


def write_twitter_ads(path: Path) -> Path:
    """A Twitter Ads tweet report laid out as the real one (sheet 'results', '-' for none)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "results"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def test_twitter_ads_tweets_are_paid_posts(tmp_path):
    path = write_twitter_ads(tmp_path / "2017-04-01-to-2017-04-30-6hm1atwrnaio.xlsx")
    ds = smanalytics.load(path)
    source = ds.sources.iloc[0]
    assert (source.family, source.data_rows, source.problems) == ("twitter_ads", 4, 0)
    posts = ds.posts.set_index("post_id")
    assert set(posts.account) == {"Twitter Ads 6hm1atwrnaio"} and set(posts.platform) == {"x"}
    assert posts.paid.all()
    # the tweet promoted in two ad groups is one post: 6681 + 19 impressions, 2 + 1 likes,
    # retweets '-' and 1 -> 1; replies '-' twice stays missing
    twice = posts.loc["848656305149677569"]
    assert (twice.impressions, twice.likes, twice.shares, twice.clicks) == (6700, 3, 1, 4)
    assert pd.isna(twice.comments)
    assert posts.impressions.sum() == 0 + 6700 + 3778
    assert posts.loc["848686593309331458", "published_at"] == pd.Timestamp("2017-04-02 17:00:26", tz="UTC")
    assert "1 rows of tweets promoted in several ad groups" in source.notes


def test_twitter_ads_as_csv_and_with_the_callers_account(tmp_path):
    xlsx = write_twitter_ads(tmp_path / "ads.xlsx")
    book = openpyxl.load_workbook(xlsx)
    target = tmp_path / "ads.csv"
    with open(target, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for row in book.active.iter_rows(values_only=True):
            writer.writerow([v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v for v in row])
    posts = smanalytics.load(target, account="USCTrials").posts
    assert set(posts.account) == {"USCTrials"}
    assert posts.likes.sum() == 7 and len(posts) == 3


def test_real_twitter_ads_export():
    if not TWITTER_ADS.is_file():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    posts = smanalytics.load(TWITTER_ADS).posts
    # by hand from the sheet: impressions 0 + 2 + 0 + 6681 + 3778, likes 2 + 4, link clicks 4 + 9
    assert (len(posts), posts.impressions.sum(), posts.likes.sum(), posts.clicks.sum()) == (5, 10461, 6, 13)
    assert posts.paid.all()


@pytest.fixture
def meta_ads(tmp_path) -> Path:
    if not META_ADS.is_file():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    return Path(shutil.copyfile(META_ADS, tmp_path / "report.csv"))


def test_meta_ads_manager_campaign_report_is_refused_naming_it(meta_ads):
    with pytest.raises(NotATimeSeriesError, match="a Facebook Ads Manager campaign report: .* no post ids"):
        smanalytics.load(meta_ads)


def test_meta_ads_manager_report_in_a_folder_is_listed_not_fatal(meta_ads, tmp_path):
    if not POST_LEVEL.is_file():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    ds = smanalytics.load([meta_ads, POST_LEVEL])
    assert len(ds.posts) == 1
    listed = ds.problems[ds.problems.file == str(meta_ads)]
    reason = "file not used: a Facebook Ads Manager campaign report"
    assert listed.reason.str.startswith(reason).tolist() == [True]


def test_meta_ads_manager_level_is_named(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(
        "Ad Set Name,Ad Set ID,Reporting Starts,Reporting Ends,Impressions,Amount Spent (EUR)\n"
        "Spring,23843,2026-03-01,2026-03-31,1200,14.50\n",
        encoding="utf-8",
    )
    with pytest.raises(NotATimeSeriesError, match="a Facebook Ads Manager ad set report"):
        smanalytics.load(path)


@pytest.mark.parametrize(
    ("header", "level"),
    [
        # the newer sentence-case English header
        ("Campaign name,Reporting starts,Reporting ends,Impressions,Amount spent (USD)", "campaign"),
        # French interface, as French exports are read by public code
        (
            "Nom de la campagne,Début des rapports,Fin des rapports,Impressions,Montant dépensé (EUR)",
            "campaign",
        ),
        (
            "Nom de la publicité,ID de la publicité,Début des rapports,Fin des rapports,"
            "Montant dépensé (EUR)",
            "ad",
        ),
    ],
)
def test_meta_ads_manager_is_recognised_in_other_cases_and_languages(tmp_path, header, level):
    path = tmp_path / "ads.csv"
    width = header.count(",") + 1
    path.write_text(
        header + "\n" + ",".join(["Printemps", "2026-03-01", "2026-03-31", "1200", "14.50"][:width]) + "\n"
    )
    with pytest.raises(NotATimeSeriesError, match=f"a Facebook Ads Manager {level} report"):
        smanalytics.load(path)


def test_meta_ads_manager_xlsx_is_refused_by_name(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Ad Set Name", "Reporting Starts", "Reporting Ends", "Amount Spent (GBP)"])
    book.active.append(["Spring", "2026-03-01", "2026-03-31", 12.5])
    book.save(tmp_path / "ads.xlsx")
    with pytest.raises(NotATimeSeriesError, match="a Facebook Ads Manager ad set report"):
        smanalytics.load(tmp_path / "ads.xlsx")


def test_twitter_ads_csv_in_an_unknown_language_is_read_by_position(tmp_path):
    """Twitter Ads exports in other interface languages were not seen: the layout and values decide."""
    target = tmp_path / "anuncios.csv"
    with open(target, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([f"Columna {i}" for i in range(len(HEADER))])
        for row in ROWS:
            writer.writerow([v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v for v in row])
    ds = smanalytics.load(target, account="USCTrials")
    assert (ds.posts.impressions.sum(), ds.posts.likes.sum(), len(ds.posts)) == (6700 + 3778, 7, 3)
    assert "recognised by position" in ds.sources.notes.iloc[0]
