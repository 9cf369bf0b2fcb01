"""Families recognised by layout in any interface language, and every layout generation.

Expected figures are worked out from the raw files with the csv module (and
were checked by hand), never by the code under test.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.io import read_file
from smanalytics.io.layout import layout, match, normalise_name
from smanalytics.io.source import Source

ROOT = Path(__file__).resolve().parents[2]
WILD = ROOT.parent / "shared" / "real-exports-wild"
REAL = ROOT.parent / "shared" / "real-exports"

pytestmark = pytest.mark.real_exports


@pytest.fixture
def wild() -> Path:
    if not WILD.is_dir():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    return WILD


def csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.DictReader(fh))


def total(rows: list[dict[str, str]], column: str) -> int:
    return sum(int(float(r[column])) for r in rows if r[column] not in ("", "-"))


# -- legacy Twitter Analytics ------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "rows", "replies", "likes", "retweets", "impressions"),
    [
        ("DataBzh__2016-02.csv", 118, 8, 63, 38, 16443),
        ("DataBzh__2016-10.csv", 259, 19, 270, 248, 104514),
        ("DataBzh__2017-12.csv", 145, 4, 109, 82, 81610),
    ],
)
def test_french_tweet_activity(wild, name, rows, replies, likes, retweets, impressions):
    path = wild / "twitter" / name
    raw = csv_rows(path)
    assert (len(raw), total(raw, "réponses"), total(raw, "J'aime")) == (rows, replies, likes)
    assert (total(raw, "Retweets"), total(raw, "impressions")) == (retweets, impressions)
    ds = read_file(path)
    posts = ds.posts
    assert len(posts) == rows and ds.problems.empty
    assert (posts["comments"].sum(), posts["likes"].sum()) == (replies, likes)
    assert (posts["shares"].sum(), posts["impressions"].sum()) == (retweets, impressions)
    assert posts["clicks"].sum() == total(raw, "clics sur l'URL")
    assert set(posts["account"]) == {"databzh"}
    assert ds.sources["language"].iloc[0] == "fr"
    assert ds.sources["family"].iloc[0] == "twitter_tweets"


def test_2015_generation_reads_favorites_as_likes(wild):
    path = wild / "twitter" / "scctsi__twitter_activity_metrics_20150901_20151001.csv"
    raw = csv_rows(path)
    assert (len(raw), total(raw, "favorites"), total(raw, "replies"), total(raw, "retweets")) == (
        47,
        11,
        1,
        2,
    )
    ds = read_file(path)
    assert len(ds.posts) == 47 and ds.problems.empty
    assert (ds.posts["likes"].sum(), ds.posts["comments"].sum(), ds.posts["shares"].sum()) == (11, 1, 2)
    assert set(ds.posts["account"]) == {"usctrials"}  # from the permalinks: the file was renamed
    assert "2015 header generation" in ds.sources["notes"].iloc[0]


JA_TWEET_HEADER = (
    "ツイートID,ツイートの固定リンク,ツイート本文,時間,インプレッション,エンゲージメント,エンゲージメント率,"
    "リツイート,返信,いいね,ユーザープロフィールクリック,URLクリック数,ハッシュタグクリック,詳細クリック,"
    "固定リンクのクリック数,アプリ表示,アプリインストール,フォローしている,ツイートをメール送信,ダイアル式電話,"
    "メディアの再生数,メディアのエンゲージメント数"
).split(",")


def _rewrite_header(src: Path, dst: Path, rename) -> Path:
    with open(src, newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    with open(dst, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow([rename(i, name) for i, name in enumerate(header)])
        writer.writerows(rows)
    return dst


def test_japanese_tweet_header_maps_like_the_english_one(real_exports, tmp_path):
    src = real_exports / "twitter" / "tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv"
    promoted = "プロモの"
    copy = _rewrite_header(
        src,
        tmp_path / src.name,
        lambda i, name: JA_TWEET_HEADER[i] if i < 22 else promoted + JA_TWEET_HEADER[i - 18],
    )
    english, japanese = read_file(src), read_file(copy)
    assert_frame_equal(japanese.posts, english.posts)
    assert japanese.sources["language"].iloc[0] == "ja"
    assert "columns recognised by name (ja header)" in japanese.sources["notes"].iloc[0]


def test_a_header_in_an_unknown_language_is_read_by_position(wild, tmp_path):
    """A header no table has (here every name spelled backwards) maps by column order and values."""
    src = wild / "twitter" / "DataBzh__2016-02.csv"
    copy = _rewrite_header(src, tmp_path / "tweets.csv", lambda i, name: name[::-1] + " x")
    original, unknown = read_file(src), read_file(copy)
    assert_frame_equal(unknown.posts, original.posts)
    assert unknown.sources["language"].isna().all()
    assert "recognised by position" in unknown.sources["notes"].iloc[0]


def test_position_needs_the_values_to_fit(wild, tmp_path):
    """The same 40 unknown names over rows whose ids are not ids: not a tweet export."""
    src = wild / "twitter" / "DataBzh__2016-02.csv"
    with open(src, newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    target = tmp_path / "other.csv"
    with open(target, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([f"c{i}" for i in range(len(header))])
        writer.writerows([["abc", *row[1:]] for row in rows])
    assert match(Source(target), "twitter_tweets") is None


# -- X account analytics -----------------------------------------------------------------
def test_japanese_x_content(wild):
    path = wild / "x" / "HIPSTAR-IScompany__account_analytics_content_2025-11-16_2026-02-13.csv"
    raw = csv_rows(path)
    real = [r for r in raw if r["ポストID"]]
    assert (len(raw), len(real)) == (1598, 1568)
    assert (total(raw, "返信"), total(raw, "いいね"), total(raw, "リポスト")) == (1134, 5698, 661)
    ds = read_file(path)
    source = ds.sources.iloc[0]
    assert len(ds.posts) == 1568 and ds.problems.empty
    assert source["data_rows"] == 1568  # X's 30 placeholder rows (no id, all 0) are not data
    assert "30 rows have no post id" in source["notes"]
    assert (ds.posts["comments"].sum(), ds.posts["likes"].sum(), ds.posts["shares"].sum()) == (
        1134,
        5698,
        661,
    )
    assert ds.posts["saves"].sum() == total(raw, "ブックマーク") == 705
    assert ds.posts["impressions"].sum() == total(raw, "インプレッション数") == 3788829
    assert set(ds.posts["account"]) == {"k_chachamaru"} and source["language"] == "ja"
    first = ds.posts.set_index("post_id").loc["2019770265215930588"]
    assert first["published_at"] == pd.Timestamp("2026-02-06", tz="UTC") and first["impressions"] == 90


def test_x_overview_header_names_come_from_the_content_table():
    names = layout("x_overview").names
    assert ("replies", "ja", "2026") in names[normalise_name("返信")]


# -- Meta Business Suite per-metric files --------------------------------------------------
def _blocks(path: Path) -> list[tuple[str, int, int]]:
    """(value column, rows, sum) of each block, read with the csv module."""
    out = []
    for line in path.read_bytes().decode("utf-16").splitlines():
        if line.startswith("sep="):
            continue
        fields = next(csv.reader([line]), [])
        if len(fields) == 2 and not fields[0][:1].isdigit():
            out.append([fields[1], 0, 0])
        elif len(fields) == 2:
            out[-1][1] += 1
            out[-1][2] += int(fields[1])
    return [tuple(b) for b in out]


@pytest.mark.parametrize(
    ("name", "blocks", "column", "by_platform"),
    [
        # "Facebook reach" / "Instagram reach" titles over value columns named after the metric
        (
            "Dgentle01__Reach.csv",
            [("Facebook reach", 28, 35755), ("Instagram reach", 28, 1510)],
            "reach",
            {"facebook": 35755, "instagram": 1510},
        ),
        # no title line: Meta's visits export labels its value columns Page likes / followers
        (
            "Hoormazd1379__visits.csv",
            [("Facebook Page likes", 28, 0), ("Instagram followers", 28, 55)],
            "profile_visits",
            {"facebook": 0, "instagram": 55},
        ),
        (
            "TanyaRastogi04__Page and profile visits.csv",
            [("Facebook Page likes", 90, 0), ("Instagram followers", 90, 3627)],
            "profile_visits",
            {"facebook": 0, "instagram": 3627},
        ),
        # no sep= line, no title: "Date","Primary"; the metric comes from the file name
        ("nataliojpg__Reach.csv", [("Primary", 28, 7684502)], "reach", {"instagram": 7684502}),
    ],
)
def test_meta_per_metric_files_in_every_generation(wild, name, blocks, column, by_platform):
    path = wild / "meta-business-suite" / name
    assert _blocks(path) == blocks
    ds = read_file(path)
    assert len(ds.daily) == sum(b[1] for b in blocks) == ds.sources["data_rows"].iloc[0]
    assert ds.problems.empty
    assert ds.daily.groupby("platform")[column].sum().to_dict() == by_platform
    others = [c for c in ds.daily.columns if c not in ("platform", "account", "date", column)]
    assert ds.daily[others].isna().all().all()


def test_meta_link_clicks_become_daily_clicks(real_exports):
    path = real_exports / "meta-business-suite" / "elitravel_Link clicks.csv"
    assert _blocks(path) == [("Primary", 28, 9838)]
    daily = smanalytics.load(path).daily
    assert len(daily) == 28 and daily["clicks"].sum() == 9838 and set(daily["platform"]) == {"instagram"}
    both = smanalytics.load([path, real_exports / "meta-business-suite" / "elitravel_Reach.csv"]).daily
    assert len(both) == 28 and both["clicks"].notna().all() and both["reach"].notna().all()


def test_a_meta_content_export_in_an_unknown_language_is_said_to_be_one(real_exports, tmp_path):
    """Ids and permalinks say what the file is; without its names, which figure is which is not known."""
    from smanalytics.io import read_each

    src = real_exports / "meta-business-suite" / "elitravel_May-25-2026_Jun-21-2026_1493633672508178.csv"
    copy = _rewrite_header(src, tmp_path / src.name, lambda i, name: f"colonne {i}")
    [read] = read_each([copy])
    source = read.dataset.sources.iloc[0]
    assert (source["status"], source["family"]) == ("unreadable", "meta_business_content")
    assert "Instagram content export" in source["notes"] and "meta_instagram_content.csv" in source["notes"]


# -- TikTok Studio: dates in the interface language --------------------------------------
@pytest.mark.parametrize(
    ("name", "last", "rows", "views", "comments", "start", "end", "language"),
    [
        ("CyberSystema__Overview.csv", "2026-03-24", 28, 478050, 1208, "2026-02-25", "2026-03-24", "el"),
        ("DrSuavidade__Overview.csv", "2026-05-27", 28, 14560, 14, "2026-04-30", "2026-05-27", "pt"),
        ("DonovanZdev__Overview (1).csv", "2025-12-31", 31, 41, 1, "2025-12-01", "2025-12-31", "es"),
        # 365 days crossing New Year: '4 de enero' .. '3 de enero'
        ("DonovanZdev__metricas_todo.csv", "2026-01-03", 365, 392, 1, "2025-01-04", "2026-01-03", "es"),
        ("sobatti-polines__Overview.csv", "2026-06-28", 119, None, None, "2026-03-02", "2026-06-28", "en"),
    ],
)
def test_tiktok_overview_in_every_language(
    wild, tmp_path, name, last, rows, views, comments, start, end, language
):
    src = wild / "tiktok" / name
    raw = csv_rows(src)
    copy = tmp_path / f"{Path(name).stem}_{last}.csv"  # the download day in the name fixes the year
    shutil.copy(src, copy)
    ds = read_file(copy)
    assert len(ds.daily) == len(raw) == rows and ds.problems.empty
    assert ds.daily["video_views"].sum() == total(raw, "Video Views")
    if views is not None:
        assert (total(raw, "Video Views"), total(raw, "Comments")) == (views, comments)
    assert (ds.daily["date"].min(), ds.daily["date"].max()) == (pd.Timestamp(start), pd.Timestamp(end))
    assert ds.daily["date"].is_unique
    assert ds.sources["language"].iloc[0] == language


def test_tiktok_greek_follower_history_and_content(wild, tmp_path):
    history = tmp_path / "CyberSystema__FollowerHistory_2026-03-24.csv"
    shutil.copy(wild / "tiktok" / "CyberSystema__FollowerHistory.csv", history)
    daily = read_file(history).daily.set_index("date")
    assert daily.loc[pd.Timestamp("2026-02-25"), "followers"] == 24  # "25 Φεβρουαρίου","24","1"
    assert daily.loc[pd.Timestamp("2026-03-24"), "followers"] == 3352  # "24 Μαρτίου","3352","16"
    content = tmp_path / "CyberSystema__Content_2026-03-25.csv"
    shutil.copy(wild / "tiktok" / "CyberSystema__Content.csv", content)
    raw = csv_rows(content)
    ds = read_file(content)
    assert len(ds.posts) == 15 and ds.problems.empty
    assert ds.posts["video_views"].sum() == total(raw, "Total views") == 485471
    assert ds.posts["comments"].sum() == total(raw, "Total comments") == 1216
    # "2 Μαρτίου" is 2 March; its video id 7612545815780805904 >> 32 is 2026-03-02 04:03:25 UTC
    first = ds.posts.set_index("post_id").loc["7612545815780805904"]
    assert first["published_at"].strftime("%Y-%m-%d") == "2026-03-02"
    assert ds.sources["language"].iloc[0] == "el"


# -- every account-data file of these families in the wild set ------------------------------
FAMILY_FOLDERS = ("twitter", "x", "meta-business-suite", "instagram", "tiktok")


def _wild_files():
    if not WILD.is_dir():
        return []
    return sorted(str(p.relative_to(WILD)) for d in FAMILY_FOLDERS for p in (WILD / d).glob("*.csv"))


@pytest.mark.parametrize("name", _wild_files())
def test_every_wild_file_of_these_families_loads_whole(wild, name):
    from smanalytics.errors import NotATimeSeriesError

    try:
        ds = smanalytics.load(wild / name)  # load, not read_file: it places an Audience file's total
    except NotATimeSeriesError:
        assert "Follower" in name, name  # demographics, activity by hour
        return
    source = ds.sources.iloc[0]
    loaded = len(ds.posts) + len(ds.daily)
    assert loaded + len(ds.problems) == source["data_rows"]
    assert len(ds.problems) <= 0.01 * source["data_rows"]


# -- YouTube Studio: the column set the owner picked, in any language ----------------------
def test_spreadsheet_resaved_youtube_totals_of_two_metrics(wild):
    path = wild / "youtube" / "Deanout__Totals.csv"
    raw = csv_rows(path)
    assert (len(raw), raw[0]["Date"], raw[-1]["Date"]) == (39, "1/1/2022", "2/8/2022")
    assert total(raw, "Views") == 27881
    ds = read_file(path)
    assert len(ds.daily) == 39 and ds.problems.empty
    assert ds.daily["video_views"].sum() == 27881
    assert (ds.daily["date"].min(), ds.daily["date"].max()) == (
        pd.Timestamp("2022-01-01"),
        pd.Timestamp("2022-02-08"),
    )
    # 'Subscribers' is net (one day is -1): not follows
    assert ds.daily["follows"].isna().all()
    assert "net change" in ds.sources["notes"].iloc[0]


def test_youtube_newest_columns(wild):
    path = wild / "youtube" / "areikher__Table data.csv"  # Engaged views, Stayed to watch (%), Premium views
    raw = csv_rows(path)
    videos = raw[1:]  # the first row is the Total row
    ds = read_file(path)
    assert len(ds.posts) == len(videos) == 71 and ds.problems.empty
    assert (
        ds.posts["video_views"].sum() == sum(int(r["Views"]) for r in videos) == int(raw[0]["Views"]) == 46333
    )
    assert (ds.posts["likes"].sum(), ds.posts["shares"].sum()) == (1496, 26)
    hypes = wild / "youtube" / "journohindi__Table data.csv"  # 2025: Hypes, Hype points, Post subscribers
    assert read_file(hypes).sources["family"].iloc[0] == "youtube_table"


@pytest.mark.parametrize(
    ("name", "what"),
    [("violetzq__viewer_age.csv", "viewer age report"), ("violetzq__Viewer_Cities.csv", "cities report")],
)
def test_youtube_breakdowns_without_a_total_row_are_said_to_be_breakdowns(wild, name, what):
    from smanalytics.errors import NotATimeSeriesError

    with pytest.raises(NotATimeSeriesError, match=what):
        read_file(wild / "youtube" / name)


SPANISH = {
    "Content": "Contenido",  # not in the vocabulary: the video ids say what the column is
    "Video title": "Título del vídeo",
    "Video publish time": "Hora de publicación del vídeo",
    "Duration": "Duración",
    "Views": "Visualizaciones",
    "Impressions": "Impresiones",
    "Subscribers": "Suscriptores",
    "Watch time (hours)": "Tiempo de visualización (horas)",
}
SPANISH_MONTHS = "ene feb mar abr may jun jul ago sept oct nov dic".split()  # CLDR's abbreviations


def test_a_spanish_youtube_table_gives_the_english_posts(real_exports, tmp_path):
    src = real_exports / "youtube" / "ligardo_content_Table data.csv"
    with open(src, newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    english = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    when = header.index("Video publish time")
    for row in rows:  # "Aug 28, 2025" -> "28 ago 2025"
        if row[when]:
            month, day, year = row[when].replace(",", "").split()
            row[when] = f"{day} {SPANISH_MONTHS[english.index(month)]} {year}"
    copy = tmp_path / src.name
    with open(copy, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([[SPANISH.get(h, h) for h in header], *rows])
    spanish, original = read_file(copy), read_file(src)
    assert_frame_equal(spanish.posts, original.posts)
    assert spanish.sources["language"].iloc[0] == "es"


def test_tiktok_files_with_an_unknown_header_are_read_by_their_values(wild, tmp_path):
    """Were Studio to translate its header, the yearless days, counts and links still say what a file is."""
    src = wild / "tiktok" / "CyberSystema__Overview.csv"
    copy = _rewrite_header(src, tmp_path / "CyberSystema__Overview_2026-03-24.csv", lambda i, n: f"στήλη {i}")
    translated = read_file(copy)
    assert translated.sources["family"].iloc[0] == "tiktok_overview"
    assert translated.daily["video_views"].sum() == total(csv_rows(src), "Video Views") == 478050
    assert "recognised by position" in translated.sources["notes"].iloc[0]
    # an hourly activity file (each day repeated 24 times) is not taken for a follower history
    activity = _rewrite_header(
        wild / "tiktok" / "CyberSystema__FollowerActivity.csv",
        tmp_path / "activity.csv",
        lambda i, n: f"c{i}",
    )
    assert match(Source(activity), "tiktok_follower_history") is None
