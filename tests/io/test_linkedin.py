"""LinkedIn Page analytics workbooks: content (daily + posts), followers, visitors."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlrd
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.errors import ExportError, NotATimeSeriesError, UnknownFormatError
from smanalytics.io import excel, families, identify
from smanalytics.io.source import Source

CONTENT = "shorthills-ai_content_1766385907708 1.xls"
FOLLOWERS = "shorthills-ai_followers_1766385928211 1.xls"
VISITORS = "shorthills-ai_visitors_1766385917155 1.xls"

#: What each real file gives: rows per table.
EXPECTED = {
    CONTENT: {"daily": 365, "posts": 168},
    FOLLOWERS: {"daily": 365},
    VISITORS: {"daily": 365},
}


def _sheet(path: Path, name: str) -> list[list]:
    """A sheet's rows as xlrd gives them, without smanalytics in between."""
    book = xlrd.open_workbook(path)
    sheet = book.sheet_by_name(name)
    return [sheet.row_values(r) for r in range(sheet.nrows)]


def _column(rows: list[list], name: str, header: int) -> list:
    index = rows[header].index(name)
    return [r[index] for r in rows[header + 1 :]]


def _to_xlsx(xls: Path, out: Path, *, reverse_columns: bool = False, date_cells: bool = False) -> Path:
    """Re-save a LinkedIn .xls as .xlsx, as Excel would (optionally reordered, real date cells)."""
    source = xlrd.open_workbook(xls)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in source.sheets():
        target = book.create_sheet(sheet.name)
        for r in range(sheet.nrows):
            values = [None if v == "" else v for v in sheet.row_values(r)]
            if date_cells:
                values = [
                    dt.datetime.strptime(v, "%m/%d/%Y") if isinstance(v, str) and v[2:3] == "/" else v
                    for v in values
                ]
            if reverse_columns and sum(v is not None for v in values) > 1:
                values = values[::-1]
            target.append(values)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


# -- the real folder ---------------------------------------------------------


@pytest.mark.real_exports
def test_the_expectations_cover_the_real_folder(real_exports):
    assert sorted(p.name for p in (real_exports / "linkedin").iterdir()) == sorted(EXPECTED)


@pytest.mark.real_exports
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_real_file_loads_every_data_row(real_exports, name):
    path = real_exports / "linkedin" / name
    assert identify(Source(path)).name == f"linkedin_{name.split('_')[1]}"
    ds = smanalytics.load(path)
    for table, rows in EXPECTED[name].items():
        frame = getattr(ds, table)
        assert len(frame) == rows
        assert frame["platform"].unique().tolist() == ["linkedin"]
        assert frame["account"].unique().tolist() == ["shorthills-ai"]
    source = ds.sources.iloc[0]
    assert ds.problems.empty
    assert source["data_rows"] == sum(EXPECTED[name].values()) + len(ds.problems)
    assert source["start"] == pd.Timestamp("2024-12-21") and source["end"] == pd.Timestamp("2025-12-20")


@pytest.mark.real_exports
def test_content_daily_totals_equal_the_raw_sheet(real_exports):
    path = real_exports / "linkedin" / CONTENT
    ds = smanalytics.load(path)
    daily = ds.daily
    raw = _sheet(path, "Metrics")
    assert len(raw[0][0]) > 100 and raw[1][0] == "Date"  # description row above the header
    assert int(daily["impressions"].sum()) == sum(_column(raw, "Impressions (total)", 1)) == 508103
    assert int(daily["likes"].sum()) == sum(_column(raw, "Reactions (total)", 1)) == 8530
    # comments and reposts are net of deletions: 3 and 4 negative days are left missing
    comments = _column(raw, "Comments (total)", 1)
    reposts = _column(raw, "Reposts (total)", 1)
    assert int(daily["comments"].sum()) == sum(c for c in comments if c >= 0) == 334
    assert int(daily["shares"].sum()) == sum(c for c in reposts if c >= 0) == 59
    assert daily["comments"].isna().sum() == sum(c < 0 for c in comments) == 3
    assert daily["shares"].isna().sum() == sum(c < 0 for c in reposts) == 4
    # reach: organic unique impressions, missing on the 4 days with sponsored impressions
    sponsored = _column(raw, "Impressions (sponsored)", 1)
    unique = _column(raw, "Unique impressions (organic)", 1)
    assert daily["reach"].isna().sum() == sum(s > 0 for s in sponsored) == 4
    assert int(daily["reach"].sum()) == sum(u for u, s in zip(unique, sponsored, strict=True) if s == 0)
    by_day = daily.set_index("date")
    # row 3: 12/21/2024, 593 organic, 0 sponsored, 593 total, 179 unique, ..., 3 reactions, 0, 0
    first = by_day.loc[pd.Timestamp("2024-12-21")]
    assert (first["impressions"], first["reach"], first["likes"], first["comments"], first["shares"]) == (
        593,
        179,
        3,
        0,
        0,
    )
    # row 25: 01/12/2025: 668 impressions, 204 unique, 9 reactions, -3 comments, -1 reposts
    negative = by_day.loc[pd.Timestamp("2025-01-12")]
    assert (negative["impressions"], negative["reach"], negative["likes"]) == (668, 204, 9)
    assert negative["comments"] is pd.NA and negative["shares"] is pd.NA
    # 01/16/2025: 24682 sponsored impressions, so the organic unique count is not the reach
    assert by_day.loc[pd.Timestamp("2025-01-16"), "reach"] is pd.NA
    assert daily[["follows", "followers", "video_views", "engagements"]].isna().all().all()
    notes = ds.sources["notes"].iloc[0]
    assert "3 negative values in 'Comments (total)'" in notes and "(lines 25, 44, 272)" in notes
    assert "skipped 2 description rows" in notes


@pytest.mark.real_exports
def test_content_posts_equal_the_raw_sheet(real_exports):
    path = real_exports / "linkedin" / CONTENT
    posts = smanalytics.load(path).posts
    raw = _sheet(path, "All posts")
    assert raw[1][0] == "Post title"
    assert int(posts["impressions"].sum()) == sum(_column(raw, "Impressions", 1)) == 416917
    assert int(posts["likes"].sum()) == sum(_column(raw, "Likes", 1)) == 8352
    assert int(posts["comments"].sum()) == sum(_column(raw, "Comments", 1))
    assert int(posts["shares"].sum()) == sum(_column(raw, "Reposts", 1))
    assert int(posts["clicks"].sum()) == sum(_column(raw, "Clicks", 1))
    links = _column(raw, "Post link", 1)
    assert sorted(posts["post_id"]) == sorted(link.rsplit("/", 1)[1] for link in links)
    assert posts["paid"].eq(False).all()  # every 'Post type' is 'Organic'
    assert posts["follows"].isna().all()  # 'Follows' is blank for organic posts
    posts = posts.set_index("post_id")
    # row 3: "Stories travel further ...", .../urn:li:activity:7407682070921207808, Organic, 12/19/2025,
    #   Impressions 637, Clicks 1194, Likes 16, Comments 0, Reposts 2, no Views, no Content Type
    post = posts.loc["urn:li:activity:7407682070921207808"]
    assert post["text"].startswith("Stories travel further when the work connects.\nThis year")
    assert post["published_at"] == pd.Timestamp("2025-12-19", tz="UTC")
    assert (post["impressions"], post["clicks"], post["likes"], post["comments"], post["shares"]) == (
        637,
        1194,
        16,
        0,
        2,
    )
    assert post["video_views"] is pd.NA and post["post_type"] is pd.NA
    # row 6: a video post of 12/16/2025: 723 impressions, 553 views, 75 clicks, 15 likes, 3 reposts
    video = posts.loc["urn:li:activity:7406617056449564673"]
    assert (video["post_type"], video["video_views"], video["impressions"], video["shares"]) == (
        "Video",
        553,
        723,
        3,
    )
    assert posts["video_views"].notna().sum() == 11
    assert posts["published_at"].min() == pd.Timestamp("2024-12-24", tz="UTC")
    assert posts["published_at"].max() == pd.Timestamp("2025-12-19", tz="UTC")


@pytest.mark.real_exports
def test_followers_are_new_followers_per_day(real_exports):
    path = real_exports / "linkedin" / FOLLOWERS
    ds = smanalytics.load(path)
    daily = ds.daily
    raw = _sheet(path, "New followers")
    total = _column(raw, "Total followers", 0)
    parts = zip(
        *(_column(raw, c, 0) for c in ("Sponsored followers", "Organic followers", "Auto-invited followers")),
        strict=True,
    )
    assert [sum(p) for p in parts] == total  # Total = sponsored + organic + auto-invited
    # net of unfollows: 7 days are -1; they are left missing, the other 358 add up to 2604
    assert int(daily["follows"].sum()) == sum(t for t in total if t >= 0) == 2604
    assert daily["follows"].isna().sum() == sum(t < 0 for t in total) == 7
    assert daily["follows"].iloc[[0, -1]].tolist() == [5, 5]  # 12/21/2024 and 12/20/2025
    assert daily.loc[daily["date"] == pd.Timestamp("2025-01-18"), "follows"].isna().all()
    assert daily["followers"].isna().all()
    assert "ignored the demographic sheets 'Location'" in ds.sources["notes"].iloc[0]


@pytest.mark.real_exports
def test_visitors_are_page_views(real_exports):
    path = real_exports / "linkedin" / VISITORS
    daily = smanalytics.load(path).daily
    raw = _sheet(path, "Visitor metrics")
    views = _column(raw, "Total page views (total)", 0)
    assert int(daily["profile_visits"].sum()) == sum(views) == 70006
    # row 2: 12/21/2024: 95 overview + 0 life + 17 jobs (+ other sections) = 167 page views
    assert daily["profile_visits"].iloc[0] == 167
    assert daily["profile_visits"].iloc[-1] == 97
    assert daily[["impressions", "reach", "follows"]].isna().all().all()


@pytest.mark.real_exports
def test_linkedin_sniffers_claim_no_other_real_export(real_exports):
    ours = [f for f in families() if f.name.startswith("linkedin_")]
    assert {f.name for f in ours} == {"linkedin_content", "linkedin_followers", "linkedin_visitors"}
    others = [p for p in sorted(real_exports.rglob("*")) if p.is_file() and p.parent.name != "linkedin"]
    assert len(others) > 100
    for path in others:
        claimed = [f.name for f in ours if f.sniff(Source(path))]
        assert claimed == [], path
    for name in EXPECTED:  # and each workbook is claimed by exactly one of them
        claimed = [f.name for f in ours if f.sniff(Source(real_exports / "linkedin" / name))]
        assert claimed == [f"linkedin_{name.split('_')[1]}"]


# -- the same workbooks re-saved -------------------------------------------------


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    key = "post_id" if "post_id" in frame.columns else "date"
    return frame.sort_values(key, ignore_index=True)


@pytest.mark.real_exports
@pytest.mark.parametrize(
    ("name", "variant"),
    [
        (CONTENT, {"reverse_columns": True}),
        (CONTENT, {"date_cells": True}),
        (FOLLOWERS, {}),
        (VISITORS, {"reverse_columns": True, "date_cells": True}),
    ],
    ids=["content-reordered", "content-date-cells", "followers-xlsx", "visitors-reordered-date-cells"],
)
def test_xlsx_resaves_give_the_same_tables(real_exports, tmp_path, name, variant):
    original = real_exports / "linkedin" / name
    expected = smanalytics.load(original)
    resaved = _to_xlsx(original, tmp_path / (Path(name).stem + ".xlsx"), **variant)
    assert Source(resaved).kind == "zip"
    got = smanalytics.load(resaved)
    for table in EXPECTED[name]:
        assert_frame_equal(_sorted(getattr(got, table)), _sorted(getattr(expected, table)))
    assert got.sources["data_rows"].iloc[0] == expected.sources["data_rows"].iloc[0]


@pytest.mark.real_exports
def test_repeated_and_overlapping_workbooks_count_each_day_and_post_once(real_exports, tmp_path):
    original = real_exports / "linkedin" / CONTENT
    resaved = _to_xlsx(original, tmp_path / "shorthills-ai_content_1766385907709.xlsx")
    ds = smanalytics.load([original, resaved, original])
    assert (len(ds.daily), len(ds.posts)) == (365, 168)
    # two made-up follower downloads sharing 01/02 and 01/03
    first = _followers_book(
        tmp_path / "cafe_followers_1700000000001.xlsx",
        [("01/01/2026", 2), ("01/02/2026", 1), ("01/03/2026", 4)],
    )
    second = _followers_book(
        tmp_path / "cafe_followers_1700000000002.xlsx",
        [("01/02/2026", 1), ("01/03/2026", 4), ("01/04/2026", 0)],
    )
    daily = smanalytics.load([first, second]).daily
    assert daily["follows"].tolist() == [2, 1, 4, 0]
    assert daily["account"].unique().tolist() == ["cafe"]


# -- small made-up workbooks -------------------------------------------------------


def _followers_book(path: Path, days, *, demographics: bool = True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "New followers"
    sheet.append(
        ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"]
    )
    for day, total in days:
        sheet.append([day, 0, total, 0, total])
    if demographics:
        location = book.create_sheet("Location")
        location.append(["Location", "Total followers"])
        location.append(["Leeds, United Kingdom", 40])
    book.save(path)
    return path


def test_a_bad_row_is_a_problem_naming_the_sheet(tmp_path):
    path = _followers_book(
        tmp_path / "cafe_followers_1700000000000.xlsx", [("01/01/2026", 2), ("soon", 3), ("01/03/2026", "")]
    )
    ds = smanalytics.load(path)
    assert ds.daily["follows"].tolist() == [2, pd.NA]
    assert ds.problems["line"].tolist() == [3]
    assert ds.problems["reason"].iloc[0].startswith("sheet 'New followers': column 'Date'")
    assert ds.sources["data_rows"].iloc[0] == 3  # 2 loaded + 1 problem


def test_account_falls_back_to_the_file_stem(tmp_path):
    path = _followers_book(tmp_path / "my followers.xlsx", [("01/01/2026", 2)])
    ds = smanalytics.load(path)
    assert ds.daily["account"].tolist() == ["my followers"]
    assert "account 'my followers' (taken from the file name" in ds.sources["notes"].iloc[0]
    assert smanalytics.load(path, account="Corner Café").daily["account"].tolist() == ["Corner Café"]


@pytest.mark.parametrize(("measure", "what"), [("Total followers", "followers"), ("Total views", "visitors")])
def test_demographics_only_workbooks_are_refused(tmp_path, measure, what):
    book = openpyxl.Workbook()
    for index, dimension in enumerate(("Location", "Seniority")):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = dimension
        sheet.append([dimension, measure])
        sheet.append(["Somewhere", 12])
    path = tmp_path / "cafe_demographics.xlsx"
    book.save(path)
    with pytest.raises(NotATimeSeriesError, match=f"LinkedIn {what} workbook holds only demographic"):
        smanalytics.load(path)


def test_an_unrelated_workbook_is_not_linkedin(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Date", "Rain (mm)"])
    book.active.append(["01/01/2026", 3])
    path = tmp_path / "weather.xlsx"
    book.save(path)
    with pytest.raises(UnknownFormatError, match="first lines sheet 'Sheet': 'Date,Rain \\(mm\\)'"):
        smanalytics.load(path)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    # 4 MiB of zeros deflate to about 4 KiB: a ratio near 1000, far above 100
    path = _zip(
        tmp_path / "bomb.xlsx",
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": bytes(4 << 20)},
    )
    with pytest.raises(excel.SuspiciousZipError, match="compress .* times"):
        smanalytics.load(path)


def test_a_workbook_too_large_unpacked_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "MAX_UNPACKED_BYTES", 1000)
    path = _followers_book(tmp_path / "cafe_followers_1700000000000.xlsx", [("01/01/2026", 2)])
    with pytest.raises(ExportError, match="would unpack to .* possible zip bomb"):
        excel.read_sheets(Source(path))


def test_read_sheets_gives_text_cells_with_row_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Metrics"
    sheet.append(["A description in one cell"])
    sheet.append([])
    sheet.append(["Date", "Impressions", "Rate", "Flag"])
    sheet.append([dt.datetime(2026, 1, 5), 1938.0, 0.25, True])
    sheet.append([dt.datetime(2026, 1, 6, 9, 30), 7, None, False])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert excel.read_sheets(Source(path)) == {
        "Metrics": [
            (1, ["A description in one cell", "", "", ""]),
            (3, ["Date", "Impressions", "Rate", "Flag"]),
            (4, ["2026-01-05", "1938", "0.25", "TRUE"]),
            (5, ["2026-01-06T09:30:00", "7", "", "FALSE"]),
        ]
    }


def test_a_broken_xls_is_an_export_error(tmp_path):
    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ExportError, match="cannot read this .xls workbook"):
        excel.read_sheets(Source(path))
    with pytest.raises(ExportError, match="cannot read this .xls workbook"):
        smanalytics.load(path)  # a damaged workbook is said to be one, not "not a known export"
