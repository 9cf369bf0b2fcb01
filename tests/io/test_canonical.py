import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics import schema
from smanalytics.io.canonical import write_csv


def _posts():
    return schema.conform(
        pd.DataFrame(
            {
                "platform": ["x", "x", "instagram"],
                "account": ["cafe", "cafe", "cafe"],
                "post_id": ["1", "2", "A9"],
                "published_at": pd.to_datetime(
                    ["2026-01-01T09:30:00Z", "2026-01-02T18:00:00Z", "2026-01-03T07:15:00Z"]
                ),
                "text": ['Fresh "croissants",\nsee you', None, "=1+1 not a formula"],
                "paid": [False, True, None],
                "likes": [10, 0, None],
                "comments": [3, 1, 2],
                "followers": [1100, 1100, 640],
            }
        ),
        "posts",
    )


def test_canonical_posts_round_trip(tmp_path):
    posts = _posts()
    write_csv(posts, tmp_path / "posts.csv")
    back = smanalytics.load(tmp_path / "posts.csv").posts
    # load returns rows in canonical order: platform, account, published_at
    assert_frame_equal(back, posts.iloc[[2, 0, 1]].reset_index(drop=True))


def test_canonical_daily_with_bad_rows_records_problems(tmp_path):
    path = tmp_path / "daily.csv"
    path.write_text(
        "platform,account,date,followers,follows\n"
        "x,cafe,2026-01-01,120,3\n"
        "x,cafe,2026-01-02,abc,1\n"
        "x,cafe,2026-01-03,-4,0\n"
        "x,cafe,2026-01-04,125,\n"
    )
    ds = smanalytics.load(path)
    # -4 is no count: left missing and the row kept (its followers are then rebuilt from the next day's)
    assert ds.daily["date"].dt.day.tolist() == [1, 3, 4]
    assert ds.daily["follows"].tolist()[2] is pd.NA
    assert ds.problems["line"].tolist() == [3]
    assert ds.problems["column"].tolist() == ["followers"]
    assert len(ds.daily) + len(ds.problems) == 4
    assert "1 negative value in 'followers'" in ds.sources["notes"].iloc[0]


def test_strict_raises_on_the_first_bad_row(tmp_path):
    path = tmp_path / "daily.csv"
    path.write_text("platform,account,date,followers\nx,cafe,2026-01-01,1\nx,cafe,nope,2\n")
    with pytest.raises(smanalytics.RowError) as info:
        smanalytics.load(path, strict=True)
    assert info.value.line == 3 and info.value.column == "date"


def test_repeated_and_overlapping_files_count_each_row_once(tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("platform,account,date,followers\nx,cafe,2026-01-01,100\nx,cafe,2026-01-02,101\n")
    b.write_text("platform,account,date,followers\nx,cafe,2026-01-02,102\nx,cafe,2026-01-03,103\n")
    ds = smanalytics.load([a, b, a])
    # the newer export (b, ending later) revises the shared day
    assert ds.daily["followers"].tolist() == [100, 102, 103]


def test_utf16_crlf_and_semicolon_resaves_give_the_same_table(tmp_path):
    text = "platform;account;date;followers\r\nx;cafe;2026-01-01;1.200\r\n"
    (tmp_path / "resaved.csv").write_bytes(text.encode("utf-16"))
    plain = tmp_path / "plain.csv"
    plain.write_text("platform,account,date,followers\nx,cafe,2026-01-01,1200\n")
    assert_frame_equal(smanalytics.load(tmp_path / "resaved.csv").daily, smanalytics.load(plain).daily)


def test_commenter_names_are_replaced_by_pseudonyms(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_text(
        "platform,account,post_id,comment_id,created_at,author,from_account,reply_to\n"
        "instagram,salon,p1,c1,2026-01-01T10:00:00Z,Maria Lopez,false,\n"
        "instagram,salon,p1,c2,2026-01-01T11:00:00Z,hair-salon,true,c1\n"
        "instagram,salon,p2,c3,2026-01-02T09:00:00Z,Maria Lopez,false,\n"
    )
    comments = smanalytics.load(path).comments
    authors = comments["author"].tolist()
    assert "Maria Lopez" not in authors
    assert authors[0] == authors[2] != authors[1]  # the same person keeps one pseudonym
    assert all(len(a) == 16 for a in authors)


def test_spreadsheet_csv_neutralises_formulas(tmp_path):
    posts = _posts()
    path = write_csv(posts, tmp_path / "posts.csv", for_spreadsheet=True)
    text = path.read_text()
    assert "'=1+1 not a formula" in text
    assert "\n=1+1" not in text and ",=1+1" not in text


def test_a_file_without_time_series_among_others_is_listed_not_fatal(real_exports, tmp_path):
    daily = tmp_path / "daily.csv"
    daily.write_text("platform,account,date,followers\ntiktok,hailey,2026-01-01,10\n")
    gender = real_exports / "tiktok" / "haileytupy_FollowerGender.csv"
    with pytest.raises(smanalytics.NotATimeSeriesError):
        smanalytics.load(gender)
    ds = smanalytics.load([daily, gender])
    assert len(ds.daily) == 1
    assert ds.problems["file"].tolist() == [str(gender)]
    assert ds.problems["line"].isna().all()
