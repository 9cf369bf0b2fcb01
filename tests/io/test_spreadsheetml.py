"""SpreadsheetML 2003 workbooks: the generic reader and the Facebook Insights .xls families."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.errors import ExportError
from smanalytics.io.source import Source
from smanalytics.io.spreadsheetml import read_spreadsheetml

NS = "urn:schemas-microsoft-com:office:spreadsheet"
POSTS_JULY = "Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls"
POSTS_OCTOBER = "Facebook Insights Data Export (Post Level) - LOK - 2017-10-22.xls"
PAGE = "Facebook Insights Data Export - LOK - 2017-07-05.xls"


def _book(sheets: str, *, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<Workbook xmlns="{NS}" xmlns:ss="{NS}">'
        f"{sheets}</Workbook>"
    )


def _cell(value: str, attrs: str = "", kind: str = "String") -> str:
    return f'<Cell {attrs}><Data ss:Type="{kind}">{value}</Data></Cell>'


def test_reader_honours_index_and_merge_across(tmp_path):
    path = tmp_path / "book.xls"
    rows = (
        "<Row>" + _cell("a", 'ss:MergeAcross="2"') + _cell("d") + "</Row>"
        '<Row ss:Index="4">' + _cell("x") + _cell("7", 'ss:Index="4"', "Number") + "</Row>"
        "<Row>" + _cell('<Font xmlns="http://www.w3.org/TR/REC-html40">Trên đời</Font> này') + "</Row>"
    )
    path.write_text(_book(f'<Worksheet ss:Name="Key"><Table>{rows}</Table></Worksheet>'), encoding="utf-8")
    # row 1: 'a' spans columns 1-3, 'd' is in column 4; row 4 (rows 2-3 skipped): 'x', then column 4
    assert read_spreadsheetml(Source(path)) == {
        "Key": [(1, ["a", "", "", "d"]), (4, ["x", "", "", "7"]), (5, ["Trên đời này"])]
    }


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE Workbook [<!ENTITY boom "boom">]>',
        '<!DOCTYPE Workbook [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE Workbook [<!ENTITY a "x"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_entities_and_external_references_are_refused_as_unsafe(tmp_path, prolog):
    path = tmp_path / "evil.xls"
    body = '<Worksheet ss:Name="S"><Table><Row>' + _cell("&b;") + "</Row></Table></Worksheet>"
    path.write_text(_book(body, prolog=prolog), encoding="utf-8")
    with pytest.raises(ExportError, match="unsafe XML"):
        read_spreadsheetml(Source(path))


def test_broken_xml_is_an_export_error_with_its_line(tmp_path):
    path = tmp_path / "broken.xls"
    path.write_text(_book('<Worksheet ss:Name="S">\n<Table><Row></Table>'), encoding="utf-8")
    with pytest.raises(ExportError, match="not well formed") as info:
        read_spreadsheetml(Source(path))
    assert info.value.line == 2


def _sheet_column(path: Path, header: str) -> list[int]:
    """The numbers under ``header`` in sheet 1, read with defusedxml directly (rows 3 on)."""
    ss = "{" + NS + "}"
    sheet = SafeET.parse(path).getroot().find(ss + "Worksheet")
    rows = [[c.find(ss + "Data").text or "" for c in r.findall(ss + "Cell")] for r in sheet.iter(ss + "Row")]
    index = rows[0].index(header)
    return [int(r[index]) for r in rows[2:]]


@pytest.mark.real_exports
def test_post_level_workbook_from_july(real_exports):
    ds = smanalytics.load(real_exports / "facebook" / POSTS_JULY)
    posts = ds.posts.set_index("post_id")
    assert len(posts) == 7 and len(ds.problems) == 0 and set(posts["account"]) == {"LOK"}
    # sum of post_impressions_unique:lifetime, by hand:
    # 221231 + 334704 + 22101 + 11922 + 928703 + 167289 + 16964 = 1,702,914
    assert posts["reach"].sum() == 1702914
    # likes from the 'Lifetime Post Stories by act...' sheet: 2506+3312+455+368+6091+1214+441 = 14,387
    assert posts["likes"].sum() == 14387
    post = posts.loc["1553363564876294_1903191989893448"]
    # impressions 1,512,518; paid reach 130,855 > 0; stories: share 1585, like 6091, comment 402
    assert (post["impressions"], post["paid"], post["shares"], post["likes"], post["comments"]) == (
        1512518,
        True,
        1585,
        6091,
        402,
    )
    assert post["post_type"] == "Video" and post["text"].startswith("LOK #37: Sự tích ngân hàng")
    # Posted 2017-07-08T05:30 Pacific summer time (UTC-7) -> 12:30 UTC
    assert post["published_at"] == pd.Timestamp("2017-07-08 12:30", tz="UTC")
    assert posts.loc["1553363564876294_1905515619661085", "paid"] == False  # noqa: E712 (NA-aware)


@pytest.mark.real_exports
def test_post_level_workbook_with_titles_instead_of_api_keys(real_exports):
    path = real_exports / "facebook" / POSTS_OCTOBER
    ds = smanalytics.load(path)
    # 14 rows in sheet 1 = header + description + 12 posts
    assert len(ds.posts) == 12 == ds.sources["data_rows"].iloc[0]
    assert ds.posts["reach"].sum() == sum(_sheet_column(path, "Lifetime Post Total Reach"))
    assert ds.posts["impressions"].sum() == sum(_sheet_column(path, "Lifetime Post Total Impressions"))
    assert ds.posts["published_at"].min() >= pd.Timestamp("2017-09-01", tz="UTC")


@pytest.mark.real_exports
def test_page_level_workbook(real_exports):
    path = real_exports / "facebook" / PAGE
    ds = smanalytics.load(path)
    daily = ds.daily
    # 30 rows in sheet 1 = header + description + 28 days
    assert len(daily) == 28 and len(ds.problems) == 0
    assert (daily["date"].iloc[0], daily["date"].iloc[-1]) == (
        pd.Timestamp("2017-06-09"),
        pd.Timestamp("2017-07-06"),
    )
    first = daily.iloc[0]
    # row 3: page_fans 41883, fan_adds 195, fan_removes 7, engaged 7122, impressions_unique 135833,
    # impressions 158285, page_views_logged_in_total 178
    assert [first[c] for c in ("followers", "follows", "unfollows", "engagements", "reach")] == [
        41883,
        195,
        7,
        7122,
        135833,
    ]
    assert (first["impressions"], first["profile_visits"]) == (158285, 178)
    assert daily["follows"].sum() == sum(_sheet_column_safe(path, "page_fan_adds_unique:day"))
    assert "invalid UTF-8 at byte 371489" in ds.sources["notes"].iloc[0]


def _sheet_column_safe(path: Path, header: str) -> list[int]:
    """As _sheet_column, for the page workbook whose bytes are not all valid UTF-8."""
    text = path.read_bytes().decode("utf-8", errors="replace").split("?>", 1)[1]
    ss = "{" + NS + "}"
    sheet = SafeET.fromstring(text).find(ss + "Worksheet")
    rows = [[c.find(ss + "Data").text or "" for c in r.findall(ss + "Cell")] for r in sheet.iter(ss + "Row")]
    index = rows[0].index(header)
    return [int(r[index]) for r in rows[2:]]


@pytest.mark.real_exports
def test_utf16_copy_gives_the_same_table_and_repeats_count_once(real_exports, tmp_path):
    src = real_exports / "facebook" / POSTS_JULY
    copy = tmp_path / src.name
    text = src.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    copy.write_text(text.replace("\n", "\r\n"), encoding="utf-16")
    original = smanalytics.load(src).posts
    assert_frame_equal(smanalytics.load(copy).posts, original)
    assert len(smanalytics.load([src, copy, src]).posts) == 7


def test_demographics_only_workbook_is_refused(tmp_path):
    path = tmp_path / "cities.xls"
    rows = "<Row>" + _cell("Description") + _cell("Date") + _cell("Hà Nội") + "</Row>"
    rows += "<Row>" + _cell("Lifetime: city") + _cell("2017-06-09T00:00:00.000", kind="DateTime") + _cell("5")
    rows += "</Row>"
    sheet = f'<Worksheet ss:Name="Lifetime Likes by City"><Table>{rows}</Table></Worksheet>'
    path.write_text(_book(sheet).replace("Hà Nội", "page_fans_city:lifetime"), encoding="utf-8")
    with pytest.raises(smanalytics.NotATimeSeriesError, match="no posts or daily figures"):
        smanalytics.load(path)


@pytest.mark.real_exports
@pytest.mark.parametrize("name", [POSTS_JULY, POSTS_OCTOBER, PAGE])
def test_every_workbook_loads_with_every_row_accounted_for(real_exports, name):
    ds = smanalytics.load(real_exports / "facebook" / name)
    source = ds.sources.iloc[0]
    assert source["family"] in ("facebook-insights-posts-xls", "facebook-insights-page-xls")
    assert source["rows"] + source["problems"] == source["data_rows"] > 0
