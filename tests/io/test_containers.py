"""Any container: every CSV family reads the same from .xlsx, .xls and SpreadsheetML copies and re-saves.

Each CSV (a shipped sample, or a real export when ../shared is beside the
checkout) is copied into a workbook in ``tmp_path`` the ways people and tools
do it: every cell a string (SheetJS), numbers and dates as typed cells (a
spreadsheet re-save), dates as bare serial numbers, a sheet whose declared
size lies, a title row kept above the header, and a ``;``-delimited CSV with
decimal commas (a re-save in a European locale). The canonical tables must be
those of the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics.io.source import Source

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"

#: One CSV per family: shipped samples first, then real exports (skipped when absent).
FILES = {
    "x-content": SAMPLES / "corner-cafe" / "cornercafe_account_analytics_content_2025-11-01_2026-10-31.csv",
    "x-overview": SAMPLES / "corner-cafe" / "cornercafe_account_overview_analytics.csv",
    "meta-content": SAMPLES / "corner-cafe" / "cornercafe_Apr-17-2025_Oct-31-2025_1507518105407520.csv",
    "meta-daily-utf16": SAMPLES / "corner-cafe" / "cornercafe_Follows.csv",
    "tiktok-overview": SAMPLES / "fitness-coach" / "coachmayafit_Overview_2026-10-31.csv",
    "tiktok-content": SAMPLES / "fitness-coach" / "coachmayafit_Content_2026-10-31.csv",
    "canonical-daily": SAMPLES / "corner-cafe" / "followers.csv",
    "twitter-tweets": SHARED
    / "real-exports"
    / "twitter"
    / "tweet_activity_metrics_rOpenSci_20170101_20170201_en.csv",
    "twitter-daily": SHARED
    / "real-exports"
    / "twitter"
    / "daily_tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv",
    "facebook-posts": SHARED
    / "real-exports"
    / "facebook"
    / "Facebook Insights Data Export (Post Level) - Visualization Studio VIC - 2014-02-28 - 2014-08-23.csv",
    "youtube-table": SHARED / "real-exports-wild" / "youtube" / "GuerisA__Table data.csv",
    "youtube-totals": SHARED / "real-exports-wild" / "youtube" / "CodingTrain__Totals.csv",
    "uci": SHARED / "real-exports" / "uci-facebook-metrics" / "dataset_Facebook.csv",
    "tiktok-real-es": SHARED / "real-exports" / "tiktok" / "francovelardez_es_Overview.csv",
}

_NUMBER = re.compile(r"^-?\d{1,15}(\.\d+)?([eE][-+]?\d+)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")


def _rows(path: Path) -> list[list[str]]:
    """The CSV's records as a spreadsheet opening it shows them (a ``sep=`` line is not a row)."""
    return [fields for _, fields in Source(path).records()]


def _typed(value: str, *, dates: str) -> object:
    """The cell a spreadsheet makes of a CSV field: numbers as numbers, ISO dates as dates."""
    if _NUMBER.match(value) and not (len(value) > 1 and value.startswith("0") and "." not in value):
        number = float(value)
        return (
            int(number) if number.is_integer() and "." not in value and "e" not in value.lower() else number
        )
    if _DAY.match(value) or _STAMP.match(value):
        stamp = dt.datetime.fromisoformat(value)
        if dates == "serial":  # the date format lost: Excel's day number
            return (stamp - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        return stamp
    return value


def _xlsx(rows: list[list[str]], path: Path, *, typed: bool, dates: str = "cells", title: bool = False):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    if title:
        sheet.append(["Report exported by a spreadsheet"])
    for row in rows:
        sheet.append([_typed(v, dates=dates) if typed else v for v in row])
    book.save(path)
    return path


def _lying_dimension(path: Path) -> Path:
    """The same workbook with its sheet declaring a size of one cell (as Apache POI writes)."""
    import zipfile

    out = _beside(path, "lying") / path.name
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]+"\s*/>', b'<dimension ref="A1"/>', data)
            dst.writestr(item, data)
    return out


def _xls(rows: list[list[str]], path: Path, *, typed: bool):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Export")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = _typed(value, dates="cells") if typed else value
            if isinstance(cell, str) and len(cell) > 32767:
                pytest.skip("a cell longer than BIFF allows")
            if isinstance(cell, dt.datetime):
                sheet.write(r, c, cell, dates)
            else:
                sheet.write(r, c, cell)
    book.save(str(path))
    return path


def _spreadsheetml(rows: list[list[str]], path: Path):
    ns = "urn:schemas-microsoft-com:office:spreadsheet"
    body = "".join(
        "<Row>" + "".join(f'<Cell><Data ss:Type="String">{escape(v)}</Data></Cell>' for v in row) + "</Row>"
        for row in rows
    )
    path.write_text(
        f'<?xml version="1.0"?><Workbook xmlns="{ns}" xmlns:ss="{ns}">'
        f'<Worksheet ss:Name="Export"><Table>{body}</Table></Worksheet></Workbook>',
        encoding="utf-8",
    )
    return path


def _european(rows: list[list[str]], path: Path):
    """A ``;`` CSV with decimal commas, as a spreadsheet in a European locale saves it."""

    def local(value: str) -> str:
        return value.replace(".", ",") if re.fullmatch(r"-?\d+\.\d+", value) else value

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([[local(v) for v in row] for row in rows])
    return path


def _tables(ds: smanalytics.Dataset) -> dict[str, pd.DataFrame]:
    return {name: frame for name, frame in ds.tables().items() if len(frame)}


def _same(copy: Path, original: Path):
    expected, got = smanalytics.load(original), smanalytics.load(copy)
    assert got.sources["status"].tolist() == ["read"], got.sources["notes"].tolist()
    # the family may be a workbook's own (Facebook's SpreadsheetML); the tables must be the same
    assert _tables(got).keys() == _tables(expected).keys()
    for name, frame in _tables(expected).items():
        assert_frame_equal(_tables(got)[name], frame, obj=f"{copy.name}: {name}")
    assert len(got.problems) == len(expected.problems)
    return got


def _original(family: str) -> Path:
    path = FILES[family]
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout")
    return path


def _beside(path: Path, folder: str) -> Path:
    """A folder beside ``path``: copies keep the file's name, which some families read a date from."""
    out = path.parent / folder
    out.mkdir(exist_ok=True)
    return out


MAKERS = {
    "xlsx-strings": lambda rows, p: _xlsx(rows, p.with_suffix(".xlsx"), typed=False),
    "xlsx-typed": lambda rows, p: _xlsx(rows, p.with_suffix(".xlsx"), typed=True),
    "xlsx-lying-dimension": lambda rows, p: _lying_dimension(_xlsx(rows, p.with_suffix(".xlsx"), typed=True)),
    "xlsx-title-row": lambda rows, p: _xlsx(rows, p.with_suffix(".xlsx"), typed=False, title=True),
    "xls-typed": lambda rows, p: _xls(rows, p.with_suffix(".xls"), typed=True),
    "spreadsheetml": lambda rows, p: _spreadsheetml(rows, p.with_suffix(".xml")),
    "csv-european": lambda rows, p: _european(rows, _beside(p, "european") / (p.name + ".csv")),
}


@pytest.mark.parametrize("container", sorted(MAKERS))
@pytest.mark.parametrize("family", sorted(FILES))
def test_a_copy_in_any_container_reads_as_the_csv(family, container, tmp_path):
    original = _original(family)
    copy = MAKERS[container](_rows(original), tmp_path / original.stem)
    _same(copy, original)


def test_dates_stored_as_serial_numbers_read_as_the_dates(tmp_path):
    original = _original("canonical-daily")
    rows = _rows(original)
    copy = _xlsx(rows, tmp_path / "followers.xlsx", typed=True, dates="serial")
    _same(copy, original)


def test_the_real_sheetjs_tiktok_overview_reads_every_string_cell():
    path = SHARED / "real-exports-wild" / "tiktok" / "hendevdata__Overview.xlsx"
    if not path.is_file():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    ds = smanalytics.io.read_file(path, today="2026-12-01")
    assert (len(ds.daily), len(ds.problems)) == (60, 0)
    assert "read sheet 'SheetJS' of the workbook" in ds.sources["notes"].iloc[0]


def test_the_real_twitter_ads_workbook_is_read_past_its_declared_size():
    path = SHARED / "real-exports-wild" / "twitter" / "scctsi__2017-04-01-to-2017-04-30-6hm1atwrnaio.xlsx"
    if not path.is_file():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    ds = smanalytics.load(path)
    assert len(ds.posts) + len(ds.problems) == 5  # the sheet declares A1 but holds a header and 5 rows
