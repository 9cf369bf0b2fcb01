"""A client's folder is one unit: every file inside is read or listed with why it was not used."""

from __future__ import annotations

import pandas as pd
import pytest

import smanalytics
from smanalytics.io import assemble, collect, read_each

DAILY = (
    "platform,account,date,followers,follows\ntiktok,cafe,2026-01-01,100,2\ntiktok,cafe,2026-01-02,103,3\n"
)
GENDER = '\ufeff"Gender","Distribution"\n"Female","0.46"\n"Male","0.54"'  # TikTok Studio demographics


def _client_folder(root):
    """A folder as an agency receives it: exports, a demographics file, a note, junk."""
    folder = root / "lucys-lemonade"
    (folder / "tiktok").mkdir(parents=True)
    (folder / "tiktok" / "daily.csv").write_text(DAILY)
    (folder / "tiktok" / "FollowerGender.csv").write_bytes(GENDER.encode())
    (folder / "notes.txt").write_text("call Lucy on Monday\n")
    (folder / "broken.csv").write_bytes((DAILY.encode("utf-16"))[:-1])  # a download cut mid-character
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "~$Overview.xlsx").write_bytes(b"lock")
    (folder / "__MACOSX").mkdir()
    (folder / "__MACOSX" / "._daily.csv").write_bytes(b"\x00\x05\x16\x07")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return folder


def test_collect_lists_a_folders_files_recursively_and_skips_junk(tmp_path):
    folder = _client_folder(tmp_path)
    found = collect(folder)
    assert [p.relative_to(folder).as_posix() for p in found.files] == [
        "broken.csv",
        "notes.txt",
        "tiktok/FollowerGender.csv",
        "tiktok/daily.csv",
    ]
    assert sorted(s.path.name for s in found.skipped) == [
        ".DS_Store",
        ".git",
        "Thumbs.db",
        "__MACOSX",
        "~$Overview.xlsx",
    ]
    assert len(found) == 9


def test_a_folder_loads_whole_and_lists_every_file_it_did_not_use(tmp_path):
    folder = _client_folder(tmp_path)
    ds = smanalytics.load(folder)
    assert ds.daily["followers"].tolist() == [100, 103]
    status = dict(
        zip(ds.sources["file"].map(lambda f: f.rsplit("/", 1)[-1]), ds.sources["status"], strict=True)
    )
    assert status == {
        "daily.csv": "read",
        "broken.csv": "unreadable",
        "notes.txt": "unknown",
        "FollowerGender.csv": "not account data",
        ".DS_Store": "skipped",
        ".git": "skipped",
        "Thumbs.db": "skipped",
        "__MACOSX": "skipped",
        "~$Overview.xlsx": "skipped",
    }
    unused = ds.sources.set_index("status")
    assert unused.loc["not account data", "family"] == "tiktok_distribution"
    assert "no posts or daily figures" in unused.loc["not account data", "notes"]
    assert "truncated download" in unused.loc["unreadable", "notes"]
    # each file not used is one problem, the junk none
    assert sorted(ds.problems["file"].map(lambda f: f.rsplit("/", 1)[-1])) == [
        "FollowerGender.csv",
        "broken.csv",
        "notes.txt",
    ]
    assert ds.problems["reason"].str.startswith("file not used: ").all()
    assert ds.problems["line"].isna().all()


def test_several_files_are_a_unit_too(tmp_path):
    folder = _client_folder(tmp_path)
    ds = smanalytics.load([folder / "tiktok" / "daily.csv", folder / "notes.txt"])
    assert ds.sources["status"].tolist() == ["read", "unknown"]
    assert len(ds.daily) == 2 and len(ds.problems) == 1


def test_strict_fails_on_the_first_file_it_cannot_use(tmp_path):
    folder = _client_folder(tmp_path)
    with pytest.raises(smanalytics.ExportError, match="broken.csv.*truncated download"):
        smanalytics.load(folder, strict=True)


def test_nothing_readable_is_an_error_naming_each_file(tmp_path):
    folder = _client_folder(tmp_path)
    (folder / "tiktok" / "daily.csv").unlink()
    with pytest.raises(smanalytics.ExportError) as info:
        smanalytics.load(folder)
    message = str(info.value)
    assert message.startswith(
        "none of these 3 files holds posts or daily figures (broken.csv: the file is UTF-16"
    )
    assert (
        "notes.txt: not a known export" in message and "FollowerGender.csv: a TikTok Studio export" in message
    )


def test_one_file_that_cannot_be_used_raises_its_own_error(tmp_path):
    gender = tmp_path / "FollowerGender.csv"
    gender.write_bytes(GENDER.encode())
    with pytest.raises(smanalytics.NotATimeSeriesError, match=f"^{gender}: a TikTok Studio export"):
        smanalytics.load(gender)
    (tmp_path / "empty").mkdir()
    with pytest.raises(smanalytics.ExportError, match="an empty folder"):
        smanalytics.load(tmp_path / "empty")


def test_a_missing_path_is_still_an_error(tmp_path):
    with pytest.raises(smanalytics.ExportError, match="no such file or folder"):
        smanalytics.load(tmp_path / "nowhere")


def test_read_each_and_assemble_are_loads_own_loop(tmp_path):
    folder = _client_folder(tmp_path)
    reads = list(read_each(folder))
    assert [r.status for r in reads].count("read") == 1
    assert {type(r.error).__name__ for r in reads if r.error is not None} == {
        "ExportError",
        "UnknownFormatError",
        "NotATimeSeriesError",
    }
    pd.testing.assert_frame_equal(assemble(reads).sources, smanalytics.load(folder).sources)
