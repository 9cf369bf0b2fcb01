"""The batch lock: a second batch in a folder is refused; a killed batch leaves it free."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smanalytics.errors import ReportError
from smanalytics.report.lock import LOCK_NAME, batch_lock

HOLDER = """\
import sys, time
from smanalytics.report.lock import batch_lock
with batch_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(120)
"""


def test_a_second_batch_is_refused_while_the_first_holds_the_folder(tmp_path: Path):
    with batch_lock(tmp_path) as lock:
        assert lock == tmp_path / LOCK_NAME
        with pytest.raises(ReportError) as refused:
            with batch_lock(tmp_path):
                pytest.fail("two batches held one folder")
        assert str(refused.value).startswith(
            f"{tmp_path}/ is in use by another batch (process {os.getpid()}, "
        )
        assert str(refused.value).endswith(": wait for it to end, or write this batch to another folder")
    assert not lock.exists()  # removed by the batch that held it
    with batch_lock(tmp_path):  # and free again
        pass


def test_a_killed_batch_leaves_no_lock_behind(tmp_path: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(ReportError, match=rf"in use by another batch \(process {holder.pid}, started "):
            with batch_lock(tmp_path):
                pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert (tmp_path / LOCK_NAME).exists()  # the file stays, the lock went with the process
    started = time.monotonic()
    with batch_lock(tmp_path):
        assert time.monotonic() - started < 1  # taken at once, no waiting for a timeout
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_lock_file_removed_while_being_locked_is_not_taken_for_the_lock(tmp_path: Path, monkeypatch):
    """The race as a batch ends: B opens the file, A removes it and unlocks, B locks the removed file."""
    import fcntl

    lock = tmp_path / LOCK_NAME
    lock.write_text("{}", encoding="utf-8")
    real_flock = fcntl.flock
    removed = []

    def flock_after_removal(fd, operation):
        if not removed:
            removed.append(True)
            lock.unlink()  # what the ending batch does just before it unlocks
        return real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock_after_removal)
    with batch_lock(tmp_path):
        assert lock.exists()  # the lock held is the file at the path, not the removed one
        with pytest.raises(ReportError, match="in use by another batch"):
            with batch_lock(tmp_path):
                pass


def test_a_batch_is_refused_in_a_folder_another_batch_holds_and_writes_nothing(
    cafe: Path, tmp_path: Path, capsys
):
    from smanalytics import cli
    from smanalytics.report import run_batch

    manifest = tmp_path / "clients.yaml"
    manifest.write_text(f"clients:\n  - {{id: cafe, exports: ['{cafe}/*.csv']}}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with batch_lock(out):
        with pytest.raises(
            ReportError, match=rf"^{out}/ is in use by another batch \(process {os.getpid()}, "
        ):
            run_batch(manifest, out)
        assert cli.main(["batch", str(manifest), "--out", str(out)]) == cli.EXIT_BAD_INPUT
        assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # no batch.json, no report
    err = capsys.readouterr().err
    assert err.startswith(f"smanalytics: error: {out}/ is in use by another batch (process {os.getpid()}, ")
    assert err.count("\n") == 1
