"""Hootsuite Analytics exports: posts, post performance, account metrics, inbound messages.

The expected totals were worked out from the real files with the plain csv module.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

import smanalytics
from smanalytics.io.hootsuite import aggregate_account
from smanalytics.privacy import hash_author

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports-wild" / "agency-tools"
PREFIX = "nspyrison__"
POST_PERFORMANCE = (
    "facebook_post_performance_2018-09-06_to_2018-09-12_created_on_20180912T0550Z_"
    "facebook_post_performance.csv"
)
REACTIONS = "facebook_postreactions_ns_2018-07-01_to_2018-09-19_created_on_20180920T0140Z_"
ENGAGEMENT = "facebookengagement_1off_ns_2018-01-01_to_2018-10-17_created_on_20181018T0503Z_"
POSTS = REACTIONS + "facebook_posts.csv"
REACTION_METRICS = REACTIONS + "account_metrics.csv"
ENGAGEMENT_METRICS = ENGAGEMENT + "account_metrics.csv"
INBOUND = ENGAGEMENT + "facebook_inbound_messages.csv"


@pytest.fixture
def hootsuite(tmp_path) -> callable:
    """A real export copied under a neutral name, so that only its content can tell what it is."""
    if not FOLDER.is_dir():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")

    def copy(name: str) -> Path:
        target = tmp_path / f"export{len(list(tmp_path.iterdir()))}.csv"
        shutil.copyfile(FOLDER / (PREFIX + name), target)
        return target

    return copy


def loaded(path: Path, family: str, data_rows: int) -> smanalytics.Dataset:
    ds = smanalytics.load(path)
    source = ds.sources.iloc[0]
    assert (source.family, source.data_rows, source.rows, source.problems) == (
        family,
        data_rows,
        data_rows,
        0,
    )
    return ds


def test_post_performance(hootsuite):
    posts = loaded(hootsuite(POST_PERFORMANCE), "hootsuite_posts", 7).posts
    assert set(posts.account) == {"Eyewatch - Ballarat Police Service Area"}
    assert set(posts.platform) == {"facebook"}
    sums = posts[["likes", "comments", "shares", "clicks", "impressions", "reach", "video_views"]].sum()
    assert sums.tolist() == [42, 23, 166, 22, 37741, 23753, 1604]
    # every post's Impressions equal its Organic Impressions: none was boosted
    assert posts.paid.tolist() == [False] * 7
    first = posts.set_index("post_id").loc["103131960018479_765859580412377"]
    assert first.published_at == pd.Timestamp("2018-09-11 21:30:11", tz="UTC")
    assert (first.post_type, first.likes, first.comments, first.shares, first.clicks) == (
        "Photo",
        4,
        1,
        28,
        1,
    )


def test_posts_table(hootsuite):
    posts = loaded(hootsuite(POSTS), "hootsuite_posts", 1429).posts
    assert posts.account.nunique() == 15
    assert (posts.account == "Eyewatch - Greater Dandenong Police Service Area").sum() == 201
    assert posts[["likes", "comments", "shares"]].sum().tolist() == [33955, 12517, 17644]
    # Ow.ly clicks are known for 27 posts only (links Hootsuite shortened)
    assert (posts.clicks.notna().sum(), posts.clicks.sum()) == (27, 3268)
    # "(Post with no description)" is Hootsuite's placeholder, not a text
    assert posts.text.isna().sum() == 261
    assert posts.paid.isna().all() and posts.impressions.isna().all()


def test_daily_account_metrics_aggregated_over_pages(hootsuite):
    ds = loaded(hootsuite(REACTION_METRICS), "hootsuite_account_metrics", 81)
    daily = ds.daily
    assert set(daily.account) == {"Eyewatch (15 Facebook pages)"}
    # 2018-07-01: Wow 82 + Love 31 + Like 514 + Other 46
    assert daily.set_index("date").loc["2018-07-01", "likes"] == 673
    assert daily.likes.sum() == 52636
    assert "15 Facebook pages (Eyewatch - Hume Police Service Area," in ds.sources.notes.iloc[0]


def test_daily_account_metrics_sum_breakdowns(hootsuite):
    ds = loaded(hootsuite(ENGAGEMENT_METRICS), "hootsuite_account_metrics", 290)
    daily = ds.daily.set_index("date")
    assert set(daily.account) == {"Eyewatch (12 Facebook pages)"}
    # 2018-01-01: reactions 36 + 89 + 433 + 20; reach by age 11746 + 9279 + 11921 + 12002
    assert daily.loc["2018-01-01", ["likes", "reach"]].tolist() == [578, 44948]
    assert daily[["likes", "reach", "engagements"]].sum().tolist() == [236249, 20269983, 3462318]
    notes = ds.sources.notes.iloc[0]
    assert "daily metrics not mapped: Negative Feedback Rate, Page Engagement Rate, " in notes
    assert "53 period totals (overall aggregated values) not used" in notes


def test_inbound_messages_are_customer_comments_with_hashed_authors(hootsuite):
    path = hootsuite(INBOUND)
    comments = loaded(path, "hootsuite_inbound_messages", 7046).comments
    assert (comments.from_account == False).all()  # noqa: E712 - every message was received
    assert comments.post_id.isna().all()
    with open(path, newline="", encoding="utf-8") as fh:
        names = {row["Message Author"] for row in csv.DictReader(fh)}
    assert len(names) == 4714 and comments.author.nunique() == 4714
    assert not names & set(comments.author)
    assert hash_author("Brett Herbert") in set(comments.author)
    first = comments.set_index("comment_id").loc["1824918857576106"]
    assert (first.account, first.created_at) == (
        "Eyewatch - Brimbank Police Service Area",
        pd.Timestamp("2018-07-23 00:02:39", tz="UTC"),
    )


def test_responsiveness_of_inbound_messages_counts_without_claiming_answers(hootsuite):
    comments = smanalytics.load(hootsuite(INBOUND)).comments
    answers = smanalytics.responsiveness(comments).set_index("account")
    cardinia = answers.loc["Eyewatch - Cardinia Police Service Area"]
    assert cardinia.customer_comments == 1722
    assert pd.isna(cardinia.answered) and pd.isna(cardinia.answered_share)


def test_a_whole_hootsuite_report_folder_loads(hootsuite):
    files = [
        hootsuite(name) for name in (POST_PERFORMANCE, POSTS, REACTION_METRICS, ENGAGEMENT_METRICS, INBOUND)
    ]
    ds = smanalytics.load(files)
    assert (len(ds.daily), len(ds.comments), len(ds.problems)) == (81 + 290, 7046, 0)
    # the two post files overlap: one post per post id and page
    assert ds.posts.post_id.is_unique


def test_semicolon_resave_is_recognised(hootsuite, tmp_path):
    with open(hootsuite(POST_PERFORMANCE), newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    target = tmp_path / "resaved.csv"
    with open(target, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    assert smanalytics.load(target).posts.likes.sum() == 42


def test_aggregate_account_names():
    assert aggregate_account(["Lucy's Lemonade"], "Facebook") == "Lucy's Lemonade"
    assert aggregate_account(["Eyewatch - Hume", "Eyewatch – Knox", "Eyewatch Kew"], "Facebook") == (
        "Eyewatch (3 Facebook pages)"
    )
    assert aggregate_account(["Hume", "Knox"], "Facebook") == "2 Facebook pages"


def test_a_header_in_an_unknown_language_is_read_by_position(hootsuite, tmp_path):
    """Hootsuite's other interface languages were not seen: the layout and the values decide."""
    with open(hootsuite(POST_PERFORMANCE), newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    foreign = [f"Spalte {i}" for i in range(len(header))]
    target = tmp_path / "fremd.csv"
    with open(target, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([foreign, *rows])
    ds = smanalytics.load(target)
    assert ds.posts[["likes", "comments", "shares", "clicks"]].sum().tolist() == [42, 23, 166, 22]
    # the page column's name does not say the network: Facebook, whose ids are <page>_<post>
    assert set(ds.posts.platform) == {"facebook"}
    assert "recognised by position" in ds.sources.notes.iloc[0]


def test_account_metrics_whose_header_is_longer_than_the_sniffed_head(tmp_path):
    """Each column names every page: 90 metrics over 15 pages make a header of over 64 KiB."""
    pages = ", ".join(f"Lemonade Stand Number {i} of the Riverside Market Association" for i in range(15))
    names = [
        f"Page Reactions by Type - Type{i} (Daily aggregated values for Facebook pages: {pages})"
        for i in range(90)
    ]
    rows = [["Date (GMT)", *names], ["2026-03-01", *["1.0"] * 90], ["2026-03-02", *["2.0"] * 90]]
    path = tmp_path / "account_metrics.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    assert path.stat().st_size > 64 * 1024
    daily = smanalytics.load(path).daily
    assert daily.likes.tolist() == [90, 180]
    assert set(daily.account) == {"Lemonade (15 Facebook pages)"}
