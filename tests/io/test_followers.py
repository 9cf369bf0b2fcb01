"""Follower totals (Audience exports, the owner's count) and the reconstruction of daily followers."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import smanalytics
from smanalytics import schema
from smanalytics.errors import NotATimeSeriesError, SmanalyticsError
from smanalytics.io.followers import reconstruct

WILD = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports-wild"


@pytest.fixture
def wild() -> Path:
    if not WILD.is_dir():
        pytest.skip("../shared/real-exports-wild is not beside this checkout")
    return WILD


def _daily(rows, columns=("date", "followers", "follows", "unfollows")):
    frame = pd.DataFrame(rows, columns=list(columns))
    frame.insert(0, "account", "cafe")
    frame.insert(0, "platform", "instagram")
    frame["date"] = pd.to_datetime(frame["date"])
    return schema.conform(frame, "daily")


# -- reconstruction, worked by hand ----------------------------------------------------------
def test_reconstruct_backwards_and_forwards_from_the_nearest_total():
    daily = _daily(
        [
            ("2026-01-01", None, 4, 1),  # from Jan 3 back: 100 - (2-0) - (3-1) = 96
            ("2026-01-02", None, 3, 1),  # 100 - (2-0) = 98
            ("2026-01-03", 100, 2, 0),
            ("2026-01-04", None, 5, 2),  # 100 + 3 = 103
            ("2026-01-05", None, 1, 0),  # 104, nearer to Jan 3 than to Jan 8
            ("2026-01-07", None, 0, 0),  # nearer Jan 8: 110 - (2-1) = 109
            ("2026-01-08", 110, 2, 1),
        ]
    )
    out, how = reconstruct(daily)
    assert out["followers"].tolist() == [96, 98, 100, 103, 104, 109, 110]
    assert daily["followers"].isna().sum() == 5  # the input is untouched
    sentence = how[("instagram", "cafe")]
    assert "reconstructed for 5 days (2026-01-01..2026-01-07)" in sentence
    assert "100 on 2026-01-03, 110 on 2026-01-08" in sentence and "follows - unfollows" in sentence


def test_reconstruct_fills_only_the_span_of_the_follows_and_never_below_zero():
    daily = _daily(
        [
            ("2025-12-31", None, None, None),  # before the first follows figure: not filled
            ("2026-01-01", None, 1, None),  # 10 - 0 - 0 - 50 = -40: stays missing
            ("2026-01-02", None, 50, None),  # 10 - 0 - 0 = 10
            ("2026-01-03", None, None, None),  # no figure inside the span: no change, 10
            ("2026-01-04", 10, None, None),
            ("2026-01-05", None, 2, None),  # 12
            ("2026-01-06", None, None, None),  # after the last follows figure: not filled
        ]
    )
    out, how = reconstruct(daily)
    assert out["followers"].isna().tolist() == [True, True, False, False, False, False, True]
    assert out["followers"].dropna().tolist() == [10, 10, 10, 12]
    assert "no unfollows in the exports" in how[("instagram", "cafe")]
    assert "1 days without a follows figure counted as no change" in how[("instagram", "cafe")]


def test_reconstruct_leaves_accounts_without_a_total_or_follows_alone():
    no_total = _daily([("2026-01-01", None, 3, 0), ("2026-01-02", None, 1, 0)])
    no_follows = _daily([("2026-01-01", 50, None, None), ("2026-01-02", None, None, None)])
    for daily in (no_total, no_follows):
        out, how = reconstruct(daily)
        assert out["followers"].equals(daily["followers"]) and how == {}


# -- the Audience export ---------------------------------------------------------------------
def _audience(path: Path, blocks: list[str]) -> Path:
    path.write_bytes(("sep=,\n" + "\n\n".join(blocks) + "\n").encode("utf-16"))
    return path


_IG_TOTAL = '"Instagram followers"\n"IG_ACCOUNT,FOLLOW,UNIQUE_USERS"\n"329"'
_DEMOGRAPHICS = '"Instagram followers by gender and age"\n"Age","Women","Men"\n"18-24","4.2%","19.1%"'


def _follows(path: Path, rows: list[tuple[str, int]], title: str = "Instagram follows") -> Path:
    lines = ["sep=,", f'"{title}"', '"Date","Primary"'] + [f'"{d}T00:00:00","{n}"' for d, n in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    return path


def test_audience_total_is_as_of_the_last_day_of_the_folder_and_anchors_the_follows(tmp_path):
    _audience(tmp_path / "lucy_Audience.csv", [_IG_TOTAL, _DEMOGRAPHICS])
    _follows(tmp_path / "lucy_Follows.csv", [("2026-03-01", 4), ("2026-03-02", 2), ("2026-03-03", 1)])
    ds = smanalytics.load(sorted(tmp_path.glob("*.csv")))
    assert ds.daily["account"].unique().tolist() == ["lucy"]
    # 329 on Mar 3, the Follows file's last day; Mar 2: 329 - 1; Mar 1: 329 - 1 - 2
    assert ds.daily["followers"].tolist() == [326, 328, 329]
    basis = ds.follower_basis.iloc[0]
    assert basis["followers_basis"] == "reconstructed"
    assert "'Instagram followers': 329 followers on 2026-03-03" in basis["followers_note"]
    notes = dict(zip(ds.sources["file"].map(lambda f: Path(f).name), ds.sources["notes"], strict=True))
    assert (
        "the last day of the account's other exports in its folder (lucy_Follows.csv)"
        in notes["lucy_Audience.csv"]
    )
    assert "followers reconstructed for 2 days (2026-03-01..2026-03-02)" in notes["lucy_Follows.csv"]
    assert ds.sources.loc[ds.sources["family"] == "meta_business_audience", "rows"].tolist() == [0]


def test_audience_total_alone_is_dated_by_the_file(tmp_path):
    path = _audience(tmp_path / "Audience.csv", [_IG_TOTAL])
    os.utime(path, (pd.Timestamp("2026-05-04 10:00").timestamp(),) * 2)
    ds = smanalytics.load(path)
    assert ds.daily[["date", "followers"]].values.tolist() == [[pd.Timestamp("2026-05-04"), 329]]
    assert ds.follower_basis["followers_basis"].tolist() == ["total"]
    named = _audience(tmp_path / "cafe_Audience_2026-02-27.csv", [_IG_TOTAL])
    assert smanalytics.load(named).daily["date"].tolist() == [pd.Timestamp("2026-02-27")]


def test_audience_without_a_total_is_refused_and_a_zero_total_is_not_used(tmp_path):
    zero = '"Facebook followers"\n"FB_PAGE,FOLLOW,UNIQUE_USERS"\n"0"'
    with pytest.raises(NotATimeSeriesError, match="no follower total"):
        smanalytics.load(_audience(tmp_path / "a_Audience.csv", [zero, _DEMOGRAPHICS]))
    ds = smanalytics.load(_audience(tmp_path / "b_Audience.csv", [zero, _IG_TOTAL]))
    assert ds.daily["platform"].tolist() == ["instagram"]
    assert "'Facebook followers' is 0: no facebook account linked, not used" in ds.sources["notes"].iloc[0]


def test_real_audience_exports(wild):
    cyber = smanalytics.load(wild / "instagram" / "CyberSystema__Audience.csv").daily
    assert cyber[["platform", "followers"]].values.tolist() == [["instagram", 1629]]
    tanya = smanalytics.load(wild / "meta-business-suite" / "TanyaRastogi04__Audience.csv").daily
    assert tanya[["platform", "followers"]].values.tolist() == [["instagram", 4940]]  # Facebook: 0


def test_cybersystema_instagram_followers_are_reconstructed_from_its_audience_total(wild):
    ds = smanalytics.load(sorted((wild / "instagram").glob("CyberSystema__*")))
    daily = ds.daily.set_index("date")
    assert ds.daily["account"].unique().tolist() == ["orthodox_korea"]
    # Audience: 1,629 followers, as of 2026-03-23 (the last day of CyberSystema__Reach.csv).
    # Follows: 263 from 2025-12-24 to 2026-03-16, 3 of them on Dec 24 and 5 on Mar 16.
    assert daily.loc["2026-03-23", "followers"] == 1629
    assert int(daily["follows"].sum()) == 263
    assert daily.loc["2026-03-16", "followers"] == 1629  # no follows after it
    assert daily.loc["2026-03-15", "followers"] == 1629 - 5
    assert daily.loc["2025-12-24", "followers"] == 1629 - (263 - 3)
    assert ds.follower_basis["followers_basis"].tolist() == ["reconstructed"]


# -- the owner's count -------------------------------------------------------------------------
def test_owner_count_anchors_the_reconstruction(tmp_path):
    _follows(tmp_path / "lucy_Follows.csv", [("2026-03-01", 4), ("2026-03-02", 2), ("2026-03-03", 1)])
    ds = smanalytics.load(tmp_path / "lucy_Follows.csv", followers={"instagram": 200})
    assert ds.daily["followers"].tolist() == [197, 199, 200]
    note = ds.follower_basis["followers_note"].iloc[0]
    assert "200 followers given by the owner, on 2026-03-03" in note
    assert "given by the owner" in ds.sources["notes"].iloc[0]


def test_owner_count_needs_one_account_of_its_platform(tmp_path):
    _follows(tmp_path / "a_Follows.csv", [("2026-03-01", 4)])
    _follows(tmp_path / "b_Follows.csv", [("2026-03-01", 4)])
    with pytest.raises(SmanalyticsError, match="expected one instagram account in the exports, found a, b"):
        smanalytics.load(sorted(tmp_path.glob("*.csv")), followers={"instagram": 10})
    with pytest.raises(SmanalyticsError, match="expected a whole number"):
        smanalytics.load(tmp_path / "a_Follows.csv", followers={"instagram": "many"})
    ds = smanalytics.load(
        sorted(tmp_path.glob("*.csv")), accounts={"instagram": "lucy"}, followers={"instagram": 10}
    )
    assert ds.daily[["account", "followers", "follows"]].values.tolist() == [["lucy", 10, 4]]


def test_command_line_takes_the_owners_count_and_names(tmp_path, capsys):
    import json

    from smanalytics.cli import main

    path = _follows(tmp_path / "lucy_Follows.csv", [("2026-03-01", 4), ("2026-03-02", 2), ("2026-03-03", 1)])
    args = ["metrics", str(path), "--followers", "instagram:200", "--accounts", "instagram=lucys", "--json"]
    assert main(args) == 0
    account = json.loads(capsys.readouterr().out)["accounts"][0]
    assert (account["account"], account["followers"], account["followers_basis"]) == (
        "lucys",
        200,
        "reconstructed",
    )
    assert main(["metrics", str(path), "--followers", "instagram:many"]) == 2
    assert "--accounts/--followers must give a follower count per platform" in capsys.readouterr().err
