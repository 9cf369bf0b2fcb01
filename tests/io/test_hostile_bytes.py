"""Property tests: whatever bytes a file holds, load raises nothing but a SmanalyticsError."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import smanalytics
from smanalytics import schema
from smanalytics.io.canonical import write_csv
from smanalytics.io.followers import reconstruct
from smanalytics.io.parse import to_timestamp

# Header lines of known layouts, so that random rows reach the family readers, not only the sniffers.
HEADERS = [
    "platform,account,date,followers,follows,impressions",
    "platform,account,post_id,published_at,text,likes,comments,paid",
    "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,"
    "Profile visits,Create Post,Video views,Media views",
    '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate",'
    '"retweets","replies","likes"',
    'sep=,\n"Reach"\n"Date","Primary"',
    '"Date","Video Views","Profile Views","Likes","Comments","Shares"',
    "Page total likes;Type;Category;Post Month;Post Weekday;Post Hour;Paid;Lifetime Post Total Reach",
]
CELLS = st.one_of(
    st.text(max_size=12),
    st.integers(-10, 10**6).map(str),
    st.sampled_from(
        [
            "-",
            "--",
            "undefined",
            "NAN",
            "1,234",
            "3.2%",
            "2026-01-01",
            "2024-01-02 10:00 +0100",
            "Fri, Mar 21, 2025",
            "February 28",
            "8 de marzo",
            '"',
            "\x00",
            "=cmd()",
            "1e308",
            "nan",
        ]
    ),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=16), max_size=8)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])


def _load_or_refuse(path):
    try:
        ds = smanalytics.load(path)
    except smanalytics.SmanalyticsError:
        return None
    for table in ("posts", "daily"):
        frame = getattr(ds, table)
        assert list(frame.columns) == list(schema.TABLES[table])
        for column in schema.COUNT_COLUMNS[table]:
            assert not (frame[column].fillna(0) < 0).any()
    return ds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(tmp_path, data):
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    _load_or_refuse(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from(HEADERS), rows=ROWS, encoding=ENCODINGS, delimiter=st.sampled_from([",", ";"]))
def test_known_headers_with_arbitrary_rows(tmp_path, header, rows, encoding, delimiter):
    lines = [header] + [delimiter.join(row) for row in rows]
    text = "\n".join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    _load_or_refuse(path)


def test_a_date_read_as_the_year_one_is_a_problem_not_a_crash(tmp_path):
    # found by the property test above: dateutil reads "1;" as 1 January of the year 1
    path = tmp_path / "posts.csv"
    path.write_text("platform,account,post_id,published_at,text,likes,comments,paid\nx,a,1,1;,hi,2,1,false\n")
    ds = smanalytics.load(path)
    assert ds.posts.empty
    [problem] = ds.problems.to_dict("records")
    assert problem["line"] == 2 and problem["reason"].startswith("column 'published_at': expected a date")


def test_a_date_column_mixing_offsets_and_naive_times_is_read_not_a_crash(tmp_path):
    # pandas refuses to parse "+0100", "+0200" and naive times in one call
    path = tmp_path / "posts.csv"
    path.write_text(
        "platform,account,post_id,published_at,text,likes,comments,paid\n"
        "x,a,1,2024-01-02 10:00 +0100,winter,2,1,false\n"
        "x,a,2,2024-07-02 10:00 +0200,summer,2,1,false\n"
        "x,a,3,2024-01-03 09:00,naive,2,1,false\n"
        "x,a,4,1;,bad,2,1,false\n"
    )
    ds = smanalytics.load(path)
    assert [str(t) for t in ds.posts.sort_values("post_id")["published_at"]] == [
        "2024-01-02 09:00:00+00:00",
        "2024-07-02 08:00:00+00:00",
        "2024-01-03 09:00:00+00:00",
    ]
    [problem] = ds.problems.to_dict("records")
    assert problem["line"] == 5


def test_naive_times_beside_offsets_take_the_exports_zone():
    stamps, bad = to_timestamp(
        pd.Series(["2024-01-02 10:00 +0100", "2024-01-03", "2024-01-05 10:00", "2024-01-04T05:00:00Z"]),
        utc_offset="-08:00",
    )
    assert [str(t) for t in stamps] == [
        "2024-01-02 09:00:00+00:00",
        "2024-01-03 08:00:00+00:00",  # midnight at -08:00, not a "-03" offset
        "2024-01-05 18:00:00+00:00",
        "2024-01-04 05:00:00+00:00",
    ]
    assert not bad.any()


ACCOUNT = st.text(alphabet="abcdefghij-_ é", min_size=1, max_size=8).map(str.strip).filter(bool)
COUNT = st.one_of(st.none(), st.integers(0, 10**9))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["x", "instagram"]),
            ACCOUNT,
            st.dates(
                min_value=pd.Timestamp("2015-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()
            ),
            COUNT,
            COUNT,
        ),
        max_size=20,
        unique_by=lambda r: (r[0], r[1], r[2]),
    )
)
def test_canonical_daily_round_trips(tmp_path, rows):
    daily = schema.conform(
        pd.DataFrame(rows, columns=["platform", "account", "date", "followers", "follows"]).astype(
            {"followers": "Int64", "follows": "Int64"}
        ),
        "daily",
    )
    daily = daily.sort_values(["platform", "account", "date"], ignore_index=True)
    path = write_csv(daily, tmp_path / "daily.csv")
    back = smanalytics.load(path).daily if len(daily) else daily
    # read back as written, but for followers load reconstructs from a total and the follows
    assert_frame_equal(back, reconstruct(daily)[0])
    assert_frame_equal(smanalytics.load(write_csv(back, tmp_path / "again.csv")).daily, back)


# control characters (NUL and the like) are removed on reading, and said so: test_bad_inputs covers them
TEXT = st.one_of(
    st.none(),
    st.text(max_size=30).filter(
        lambda s: s.strip() != "" and "\r" not in s and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", s)
    ),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 10**12).map(str), TEXT, st.one_of(st.none(), st.booleans()), COUNT),
        max_size=15,
        unique_by=lambda r: r[0],
    )
)
def test_canonical_posts_round_trip(tmp_path, rows):
    frame = pd.DataFrame(rows, columns=["post_id", "text", "paid", "likes"])
    frame = frame.assign(
        platform="x",
        account="cafe",
        published_at=pd.Timestamp("2026-01-01T10:00:00Z") + pd.to_timedelta(range(len(frame)), unit="h"),
    )
    posts = schema.conform(frame.astype({"likes": "Int64", "paid": "boolean"}), "posts")
    path = write_csv(posts, tmp_path / "posts.csv")
    back = smanalytics.load(path).posts if len(posts) else posts
    assert_frame_equal(back, posts)
