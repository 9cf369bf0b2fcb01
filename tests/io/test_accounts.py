"""One account per real account: the names files give, matched over the files loaded together."""

from __future__ import annotations

from pathlib import Path

import pytest

import smanalytics
from smanalytics.io.accounts import AccountName, unify

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MBS = "meta-business-suite"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "real-exports").is_dir() or not (SHARED / "real-exports-wild").is_dir():
        pytest.skip("../shared/real-exports* are not beside this checkout")
    return SHARED


def _decided(files):
    return [renames for renames, _ in unify(files)]


# -- the rules, on names as readers report them --------------------------------------------
def test_a_file_name_joins_the_account_that_has_it_among_its_names():
    content = AccountName(
        "instagram", "orthodox_korea", "username", "1784", ("Orthodox Korea", "CyberSystema")
    )
    other = AccountName("instagram", "sobat.ti", "username", "1785", ("sobatti-polines",))
    daily = AccountName("instagram", "CyberSystema", "file_name")
    files = [("ig/A__content.csv", [content]), ("ig/B__content.csv", [other]), ("ig/A__Reach.csv", [daily])]
    assert _decided(files)[2] == {("instagram", "CyberSystema"): "orthodox_korea"}


def test_a_file_name_joins_the_only_account_of_its_platform_in_its_folder():
    content = AccountName("instagram", "elitravelguy", "username", "1784")
    facebook = AccountName("facebook", "Eli's Page", "display_name", "99")
    files = [
        ("eli/x.csv", [content, facebook]),
        ("eli/Reach.csv", [AccountName("instagram", "eli", "folder")]),
        ("other/Reach.csv", [AccountName("instagram", "other", "folder")]),  # another folder: its own
    ]
    decided = _decided(files)
    assert decided[1] == {("instagram", "eli"): "elitravelguy"}
    assert decided[2] == {("instagram", "other"): "other"}


def test_stated_names_are_one_account_by_id_and_the_best_name_wins():
    old = AccountName("instagram", "lucy_lemons", "username", "1784")  # renamed since
    new = AccountName("instagram", "lucyslemonade", "username", "1784")
    log = AccountName("instagram", "lucyslemonade", "stated")
    decided = _decided([("a/old.csv", [old]), ("a/new.csv", [new]), ("a/followers.csv", [log])])
    assert decided == [
        {("instagram", "lucy_lemons"): "lucyslemonade"},
        {("instagram", "lucyslemonade"): "lucyslemonade"},
        {("instagram", "lucyslemonade"): "lucyslemonade"},
    ]
    # two stated accounts of one platform: names from file names join neither
    two = [("a/x.csv", [new]), ("a/y.csv", [AccountName("instagram", "cafe", "stated")])]
    weak = ("a/Reach.csv", [AccountName("instagram", "a", "folder")])
    assert _decided([*two, weak])[2] == {("instagram", "a"): "a"}


def test_the_caller_wins_per_platform_and_for_all():
    files = [
        ("a/x.csv", [AccountName("instagram", "lucyslemonade", "username")]),
        ("a/y.csv", [AccountName("facebook", "Lucy's Lemonade", "display_name")]),
    ]
    renames, notes = unify(files, accounts={"instagram": "lucy"})[0]
    assert renames == {("instagram", "lucyslemonade"): "lucy"} and "as given" in notes[0]
    assert unify(files, accounts={"instagram": "lucy"})[1][0] == {
        ("facebook", "Lucy's Lemonade"): "Lucy's Lemonade"
    }
    assert unify(files, account="lucy", accounts={"facebook": "page"})[1][0] == {
        ("facebook", "Lucy's Lemonade"): "page"
    }


# -- real client folders ---------------------------------------------------------------------
def _accounts(ds) -> list[tuple[str, str]]:
    return [tuple(r) for r in ds.accounts()[["platform", "account"]].values.tolist()]


def test_elitravel_is_one_instagram_account(shared):
    ds = smanalytics.load(sorted((shared / "real-exports" / MBS).glob("elitravel_*")))
    assert _accounts(ds) == [("instagram", "elitravelguy")]
    assert (ds.accounts()["posts"].tolist(), ds.accounts()["days"].tolist()) == ([21], [28])
    reach = ds.sources[ds.sources["file"].str.endswith("elitravel_Reach.csv")]["notes"].iloc[0]
    assert "instagram account 'elitravel' is 'elitravelguy'" in reach
    named = smanalytics.load(
        sorted((shared / "real-exports" / MBS).glob("elitravel_*")), accounts={"instagram": "Eli"}
    )
    assert _accounts(named) == [("instagram", "Eli")]


def test_cybersystema_is_one_account_per_platform(shared):
    wild = shared / "real-exports-wild"
    files = sorted((wild / "instagram").glob("CyberSystema__*")) + sorted(
        (wild / "tiktok").glob("CyberSystema__*")
    )
    ds = smanalytics.load(files)
    assert _accounts(ds) == [("instagram", "orthodox_korea"), ("tiktok", "orthodox.korea")]


def test_whole_real_folders_keep_their_clients_apart(shared):
    real = smanalytics.load(sorted((shared / "real-exports" / MBS).glob("*.csv")))
    assert _accounts(real) == [
        ("facebook", "Oigetit Fake News Filter - South Africa"),
        ("facebook", "Pro Efficient Data Entry"),
        ("facebook", "Психічне здоров'я для України"),  # mh4u's page, its daily blocks included
        ("instagram", "elitravelguy"),
        ("instagram", "mh4u"),  # no Instagram content export: the file name
        ("instagram", "oigetit_sa"),
        ("instagram", "vintage"),
    ]
    wild = smanalytics.load(sorted((shared / "real-exports-wild" / "instagram").glob("*.csv")))
    assert _accounts(wild) == [
        ("instagram", "orthodox_korea"),
        ("instagram", "purapura.ponsel"),  # Sapinget__: two content exports of one account id
        ("instagram", "sobat.ti"),  # sobatti-polines__Interactions joins by its file-name prefix
    ]
