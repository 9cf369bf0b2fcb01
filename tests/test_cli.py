"""The command line's behaviour across commands: exit codes and what goes to stderr."""

from __future__ import annotations

import json

from smanalytics.cli import main


def _files(tmp_path):
    daily = tmp_path / "daily.csv"
    daily.write_text(
        "platform,account,date,followers,follows,impressions\n"
        "tiktok,cafe,2026-01-01,100,2,500\n"
        "tiktok,cafe,2026-01-02,103,3,620\n"
    )
    gender = tmp_path / "FollowerGender.csv"  # TikTok Studio's demographics: no posts or daily figures
    gender.write_bytes('\ufeff"Gender","Distribution"\n"Female","0.46"\n"Male","0.54"'.encode())
    return daily, gender


def test_figures_commands_skip_a_file_without_figures_and_say_so(tmp_path, capsys):
    daily, gender = _files(tmp_path)
    assert main(["metrics", str(daily), str(gender), "--json"]) == 0
    out, err = capsys.readouterr()
    (account,) = json.loads(out)["accounts"]
    assert (account["account"], account["followers"]) == ("cafe", 103)
    assert err.startswith(f"smanalytics: not used: {gender}: ") and "no posts or daily figures" in err


def test_a_file_without_figures_alone_is_an_error(tmp_path, capsys):
    _, gender = _files(tmp_path)
    assert main(["spikes", str(gender)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"smanalytics: error: {gender}: ")


def test_inspect_lists_the_file_without_figures_as_not_used(tmp_path, capsys):
    daily, gender = _files(tmp_path)
    assert main(["inspect", str(daily), str(gender)]) == 0
    out, err = capsys.readouterr()
    assert str(daily) in out and "daily, 2 rows" in out
    assert f"{gender}\n  status   not used (not account data)\n  why      a TikTok Studio export" in out
    assert "Not read: 1 file, by file and reason:\n  FollowerGender.csv: file not used: a TikTok" in out
    assert err == ""  # inspect lists the file itself: not said twice


def test_a_folder_is_read_whole_and_its_junk_skipped(tmp_path, capsys):
    folder = tmp_path / "client"
    (folder / "tiktok").mkdir(parents=True)
    daily, gender = _files(folder / "tiktok")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "notes.txt").write_text("call Lucy on Monday\n")
    assert main(["metrics", str(folder), "--json"]) == 0
    out, err = capsys.readouterr()
    (account,) = json.loads(out)["accounts"]
    assert (account["account"], account["days"]) == ("cafe", 2)
    lines = err.splitlines()
    assert lines[:2] == [
        f"smanalytics: skipped {folder / '.DS_Store'}: a hidden file (its name starts with a dot)",
        f"smanalytics: skipped {folder / 'Thumbs.db'}: a file the operating system keeps (thumbnails or"
        " folder settings)",
    ]
    assert lines[2].startswith(f"smanalytics: not used: {folder / 'notes.txt'}: not a known export: first")
    assert lines[3].startswith(f"smanalytics: not used: {gender}: a TikTok Studio export of a distribution")
    assert len(lines) == 4


def test_overlapping_exports_count_each_day_once_and_the_newest_wins(tmp_path, capsys):
    newer = tmp_path / "a_newer.csv"  # named to come first: order must follow the days, not names
    older = tmp_path / "b_older.csv"
    newer.write_text("platform,account,date,followers\nx,cafe,2026-01-02,102\nx,cafe,2026-01-03,103\n")
    older.write_text("platform,account,date,followers\nx,cafe,2026-01-01,100\nx,cafe,2026-01-02,101\n")
    assert main(["metrics", str(newer), str(older), "--json"]) == 0
    (account,) = json.loads(capsys.readouterr().out)["accounts"]
    assert (account["days"], account["followers"]) == (3, 103)  # 2 January counted once
    import smanalytics

    days = smanalytics.load([newer, older]).daily
    assert days["followers"].tolist() == [100, 102, 103]  # the newer file's 102 revises the older 101
