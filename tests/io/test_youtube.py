"""YouTube Studio exports: Table data -> posts, Totals -> daily, the rest refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.errors import NotATimeSeriesError, SmanalyticsError
from smanalytics.io import families, identify
from smanalytics.io.source import Source
from smanalytics.io.youtube import channel_name

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports" / "youtube"
ALL_REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports"

#: What each real file gives: a table and its rows, or the refusal.
EXPECTED = {
    "ligardo_content_Table data.csv": ("posts", 317),
    "prakash_content_Table data.csv": ("posts", 498),
    "priyanka_content_Table data.csv": ("posts", 442),
    "rehan_trafficsource_Totals.csv": ("daily", 28),
    "ligardo_content_Chart data.csv": "refused",
    "ligardo_content_Totals.csv": "refused",
    "prakash_content_Chart data.csv": "refused",
    "prakash_content_Totals.csv": "refused",
    "priyanka_content_Chart data.csv": "refused",
    "rehan_trafficsource_Chart data.csv": "refused",
    "rehan_trafficsource_Table data.csv": "refused",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(
    path: Path, header: list[str], rows: list[list[str]], *, delimiter=",", encoding="utf-8", eol="\n"
):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator=eol)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _csv_table(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        records = list(csv.reader(fh))
    return records[0], records[1:]


def _sum(rows, column) -> int:
    return sum(int(r[column]) for r in rows if r[column] != "")


# -- the real folder ---------------------------------------------------------


@pytest.mark.real_exports
def test_the_expectations_cover_the_real_folder(real_exports):
    assert sorted(p.name for p in (real_exports / "youtube").iterdir()) == sorted(EXPECTED)


@pytest.mark.real_exports
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_real_file_loads_or_is_refused(real_exports, name):
    path = real_exports / "youtube" / name
    expected = EXPECTED[name]
    kind = "table" if "Table data" in name else "chart" if "Chart data" in name else "totals"
    assert identify(Source(path)).name == f"youtube_{kind}"
    if expected == "refused":
        with pytest.raises(NotATimeSeriesError, match="carries no posts or daily figures") as info:
            smanalytics.load(path)
        assert info.value.path == str(path)
        return
    table, rows = expected
    ds = smanalytics.load(path)
    assert len(getattr(ds, table)) == rows
    assert ds.problems.empty
    source = ds.sources.iloc[0]
    assert source["data_rows"] == rows + len(ds.problems)
    assert set(getattr(ds, table)["platform"]) == {"youtube"}
    assert set(getattr(ds, table)["account"]) == {name.split("_")[0]}


@pytest.mark.real_exports
@pytest.mark.parametrize(
    ("name", "views", "impressions"),
    [
        # sums of the raw columns without the Total row, worked out once with the csv module
        # (the Total rows say 37504 / 34838847 / 181588 views: they also count unlisted videos)
        ("ligardo_content_Table data.csv", 36978, 846287),
        ("prakash_content_Table data.csv", 34680203, 5567985),
        ("priyanka_content_Table data.csv", 153235, 37715),
    ],
)
def test_table_data_totals_equal_the_raw_files(real_exports, name, views, impressions):
    path = real_exports / "youtube" / name
    raw = _rows(path)
    assert raw[0]["Content"] == "Total"
    videos = raw[1:]
    posts = smanalytics.load(path).posts
    assert int(posts["video_views"].sum()) == _sum(videos, "Views") == views
    assert int(posts["impressions"].sum()) == _sum(videos, "Impressions") == impressions
    assert posts["video_views"].isna().sum() == sum(1 for r in videos if r["Views"] == "")
    # YouTube writes ids that start with "-" as " -id" (a space against formula injection)
    assert sorted(posts["post_id"]) == sorted(r["Content"].strip() for r in videos)
    assert any(r["Content"].startswith(" -") for r in videos)
    for column, canonical in (("Likes", "likes"), ("Comments added", "comments"), ("Shares", "shares")):
        if column in raw[0]:
            assert int(posts[canonical].sum()) == _sum(videos, column)
        else:
            assert posts[canonical].isna().all()
    assert posts["post_type"].eq("video").all()


@pytest.mark.real_exports
def test_ligardo_videos_by_hand(real_exports):
    posts = smanalytics.load(real_exports / "youtube" / "ligardo_content_Table data.csv").posts
    posts = posts.set_index("post_id")
    # line 3: 1geIQxkXYGs,"March 27, 2021","Sep 30, 2023",394,534,2,21.6,1856,4.36,,,,11,2,0,5,7,...
    #   Views 534, Impressions 1856, Shares 11, Subscribers gained 2, Likes 5, Comments added 0
    video = posts.loc["1geIQxkXYGs"]
    assert video["text"] == "March 27, 2021"
    assert video["published_at"] == pd.Timestamp("2023-09-30", tz="UTC")
    assert (video["video_views"], video["impressions"], video["shares"]) == (534, 1856, 11)
    assert (video["follows"], video["likes"], video["comments"]) == (2, 5, 0)
    # line 319: VKld4xC93TY,Immaculate Blue,"Sep 3, 2024",208 and every metric blank: missing, not 0
    blank = posts.loc["VKld4xC93TY"]
    assert blank["published_at"] == pd.Timestamp("2024-09-03", tz="UTC")
    assert all(blank[c] is pd.NA for c in ("video_views", "impressions", "likes", "comments", "shares"))
    # published range of the 317 videos
    assert posts["published_at"].min() == pd.Timestamp("2020-11-01", tz="UTC")
    assert posts["published_at"].max() == pd.Timestamp("2025-11-14", tz="UTC")


@pytest.mark.real_exports
def test_priyanka_and_prakash_videos_by_hand(real_exports):
    youtube = real_exports / "youtube"
    posts = smanalytics.load(youtube / "priyanka_content_Table data.csv").posts.set_index("post_id")
    # line 3: UWQNrpakgcA,Consistency is the key ...,"Aug 28, 2025",9,30331,45.8772,14,456,3.51
    video = posts.loc["UWQNrpakgcA"]
    assert video["text"].startswith("Consistency is the key #viralshorts")
    assert video["published_at"] == pd.Timestamp("2025-08-28", tz="UTC")
    assert (video["video_views"], video["impressions"]) == (30331, 456)
    # 'Subscribers' (14) is the net change, not follows; likes/comments/shares are not in this table
    assert video["follows"] is pd.NA and video["likes"] is pd.NA
    prakash = smanalytics.load(youtube / "prakash_content_Table data.csv").posts.set_index("post_id")
    # line 3: BV4cpH3lDt0,Best Makeup 🤣,"Oct 2, 2025",29,0:00:27,100,95.52,,,5,0.0231,0,3,0
    assert prakash.loc["BV4cpH3lDt0", "text"] == "Best Makeup 🤣"
    assert (prakash.loc["BV4cpH3lDt0", "video_views"], prakash.loc["BV4cpH3lDt0", "impressions"]) == (5, 3)
    # the video with a net Subscribers of -1 still loads (the net column is not read)
    assert prakash.loc["i9HHMfdV28k", "video_views"] == 77


@pytest.mark.real_exports
def test_rehan_totals_by_hand(real_exports):
    path = real_exports / "youtube" / "rehan_trafficsource_Totals.csv"
    ds = smanalytics.load(path)
    daily = ds.daily
    raw = _rows(path)
    assert len(daily) == len(raw) == 28
    assert daily["date"].min() == pd.Timestamp("2025-02-27")
    assert daily["date"].max() == pd.Timestamp("2025-03-26")
    assert int(daily["video_views"].sum()) == _sum(raw, "Views")
    assert daily["video_views"].iloc[:3].tolist() == [16481, 17463, 20254]
    assert daily[["impressions", "likes", "follows"]].isna().all().all()
    assert "from the file name" in ds.sources["notes"].iloc[0]


@pytest.mark.real_exports
def test_chart_data_refusal_says_what_the_chart_holds(real_exports):
    with pytest.raises(NotATimeSeriesError) as info:
        smanalytics.load(real_exports / "youtube" / "priyanka_content_Chart data.csv")
    message = str(info.value)
    assert "'Views' per day for each video drawn in the chart (5 items)" in message
    assert "Totals.csv" in message


@pytest.mark.real_exports
def test_youtube_sniffers_claim_no_other_real_export(real_exports):
    ours = [f for f in families() if f.name.startswith("youtube_")]
    assert {f.name for f in ours} == {"youtube_table", "youtube_chart", "youtube_totals"}
    others = [p for p in sorted(real_exports.rglob("*")) if p.is_file() and p.parent.name != "youtube"]
    assert len(others) > 100
    for path in others:
        if path.suffix.lower() == ".md":
            continue
        source = Source(path)
        claimed = [f.name for f in ours if f.sniff(source)]
        assert claimed == [], path


# -- what analysts do to files ------------------------------------------------


def _sorted(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(key, ignore_index=True)


@pytest.mark.real_exports
@pytest.mark.parametrize("name", ["priyanka_content_Table data.csv", "ligardo_content_Table data.csv"])
def test_resaved_table_data_gives_the_same_posts(real_exports, tmp_path, name):
    original = real_exports / "youtube" / name
    expected = _sorted(smanalytics.load(original).posts, "post_id")
    header, rows = _csv_table(original)
    order = list(reversed(range(len(header))))
    variants = {
        "utf16": _write(tmp_path / "utf16" / name, header, rows, encoding="utf-16", eol="\r\n"),
        "reordered": _write(
            tmp_path / "reordered" / name, [header[i] for i in order], [[r[i] for i in order] for r in rows]
        ),
        "semicolon": _write(tmp_path / "semicolon" / name, header, rows, delimiter=";"),
    }
    assert (tmp_path / "utf16" / name).read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    for label, path in variants.items():
        ds = smanalytics.load(path)
        assert_frame_equal(_sorted(ds.posts, "post_id"), expected, obj=label)
        assert ds.sources["data_rows"].iloc[0] == len(rows) - 1, label


@pytest.mark.real_exports
def test_resaved_totals_give_the_same_daily(real_exports, tmp_path):
    name = "rehan_trafficsource_Totals.csv"
    original = real_exports / "youtube" / name
    expected = smanalytics.load(original).daily
    header, rows = _csv_table(original)
    variants = [
        _write(tmp_path / "a" / name, header, rows, encoding="utf-16", eol="\r\n"),
        _write(tmp_path / "b" / name, header[::-1], [r[::-1] for r in rows]),
        _write(tmp_path / "c" / name, header, rows, delimiter=";"),
    ]
    for path in variants:
        assert_frame_equal(smanalytics.load(path).daily, expected)


@pytest.mark.real_exports
def test_repeated_and_overlapping_table_data_count_each_video_once(real_exports, tmp_path):
    name = "priyanka_content_Table data.csv"
    original = real_exports / "youtube" / name
    header, rows = _csv_table(original)
    total, videos = rows[0], rows[1:]
    # two downloads sharing videos 200..299: 300 + 242 rows, 442 distinct videos
    first = _write(tmp_path / "one" / name, header, [total, *videos[:300]])
    second = _write(tmp_path / "two" / name, header, [total, *videos[200:]])
    ds = smanalytics.load([original, first, second, original])
    assert len(ds.posts) == 442
    assert ds.posts["post_id"].is_unique
    assert int(ds.posts["video_views"].sum()) == 153235


# -- small made-up files -------------------------------------------------------

TABLE_HEADER = ["Content", "Video title", "Video publish time", "Duration", "Views", "Subscribers gained"]


def test_total_row_is_skipped_and_a_bad_row_is_a_problem(tmp_path):
    path = _write(
        tmp_path / "cafe_content_Table data.csv",
        TABLE_HEADER,
        [
            ["Total", "", "", "", "1,210", "7"],
            ["vid1", "Latte art", "Jan 5, 2026", "30", "1,000", "5"],
            ["vid2", "Croissants", "Feb 10, 2026", "41", "lots", "2"],
            ["vid3", "Opening hours", "Mar 1, 2026", "12", "", ""],
        ],
    )
    ds = smanalytics.load(path)
    posts = ds.posts
    assert posts["post_id"].tolist() == ["vid1", "vid3"]
    assert posts["video_views"].tolist() == [1000, pd.NA]
    assert posts["follows"].tolist() == [5, pd.NA]
    assert posts["account"].unique().tolist() == ["cafe"]
    assert ds.problems["line"].tolist() == [4]
    assert ds.problems["column"].tolist() == ["Views"]
    # 3 data rows (the Total row is not one) = 2 loaded + 1 problem
    assert ds.sources["data_rows"].iloc[0] == 3


def test_totals_with_blank_days_keep_them_missing(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text("Date,Subscribers gained\n2023-06-24,\n2023-06-25,3\n2023-06-26,0\n")
    ds = smanalytics.load(path, account="Lucy's Lemonade")
    assert ds.daily["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-06-24", "2023-06-25", "2023-06-26"]
    assert ds.daily["follows"].tolist() == [pd.NA, 3, 0]
    assert ds.daily["account"].unique().tolist() == ["Lucy's Lemonade"]
    assert ds.problems.empty


@pytest.mark.parametrize(
    ("header", "what"),
    [
        ("Traffic source,Views,Watch time (hours),Average view duration", "traffic source report"),
        ("Geography,Views,Watch time (hours),Impressions click-through rate (%)", "geography report"),
    ],
)
def test_breakdown_tables_are_refused(tmp_path, header, what):
    path = tmp_path / "Table data.csv"
    path.write_text(f"{header}\nTotal,100,2.5,0:01:00\nSomewhere,100,2.5,0:01:00\n")
    with pytest.raises(NotATimeSeriesError, match=what):
        smanalytics.load(path)


def test_totals_of_an_unused_metric_are_refused(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text("Date,Watch time (hours)\n2026-01-01,1.5\n")
    with pytest.raises(
        NotATimeSeriesError, match="'Watch time \\(hours\\)', a metric smanalytics does not use"
    ):
        smanalytics.load(path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("x/ligardo_content_Table data.csv", ("ligardo", "the file name")),
        ("x/my_shop_content_Totals.csv", ("my_shop", "the file name")),
        ("x/cafe_Chart data.csv", ("cafe", "the file name")),
        (
            "Content 2025-06-13_2026-06-12 Priyanka Patel/Table data.csv",
            ("Priyanka Patel", "the download folder"),
        ),
        ("corner-cafe/Totals.csv", ("corner-cafe", "the folder name")),
        ("youtube/Totals.csv", ("youtube-channel", "a fallback")),
    ],
)
def test_channel_name(path, expected):
    assert channel_name(path) == expected


def test_an_unrelated_two_column_file_is_not_youtube(tmp_path):
    path = tmp_path / "weather.csv"
    path.write_text("Date,Rain (mm)\n2026-01-01,3\n")
    with pytest.raises(SmanalyticsError):
        smanalytics.load(path)
    assert not any(f.sniff(Source(path)) for f in families() if f.name.startswith("youtube_"))


def test_table_data_by_date_goes_to_daily(tmp_path):
    path = _write(
        tmp_path / "cafe_date_Table data.csv",
        ["Date", "Views", "Watch time (hours)", "Subscribers gained", "Subscribers lost"],
        [
            ["Total", "45", "1.2", "4", "1"],
            ["2026-03-02", "30", "0.8", "3", "0"],
            ["2026-03-01", "15", "0.4", "1", "1"],
        ],
    )
    ds = smanalytics.load(path)
    assert ds.sources["family"].tolist() == ["youtube_table"]
    # the Total row (45 views = 30 + 15) is skipped; days come back in date order
    assert ds.daily["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-01", "2026-03-02"]
    assert ds.daily["video_views"].tolist() == [15, 30]
    assert ds.daily["follows"].tolist() == [1, 3]
    assert ds.daily["unfollows"].tolist() == [1, 0]
    assert ds.sources["data_rows"].iloc[0] == 2


def test_a_reordered_breakdown_table_names_its_dimension(tmp_path):
    path = tmp_path / "Table data.csv"
    path.write_text("Views,Watch time (hours),Average view duration,Device type\n9,1.5,0:01:00,Total\n")
    with pytest.raises(NotATimeSeriesError, match="'Table data' of a device type report"):
        smanalytics.load(path)
