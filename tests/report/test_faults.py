"""Faults during a batch: a dying kernel, a hanging cell, a killed batch, a full disk.

Each fault is injected honestly: a copy of the shipped template gets one cell
(after the import) that reads ``FAULTS/<client_id>`` and then exits the kernel
process, sleeps, or fills the disk; clients without a fault file run the
template unchanged. Removing the fault file "repairs" a client without
touching the template, so ``resume`` can show that it reruns exactly the
failed clients. The full disk is a real one: a small tmpfs mounted in a user
namespace (``unshare -rm``; tests run as root, so permissions would not stop
a write). Every test checks what a user would check: statuses and reasons in
``OUT/batch.json``, the files in each client's folder, no ``*.tmp`` left, no
process left running.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from smanalytics.report import run_batch
from smanalytics.report.params import TEMPLATE
from tests.report._exports import write_client

pytestmark = pytest.mark.slow

OUTPUTS = ["metrics.json", "report.html", "report.ipynb"]

#: The fault cell's index in the executed notebook: parameters, papermill's injected parameters, the import.
FAULT_CELL = 3

FAULT_SOURCE = """\
import os, pathlib, time  # injected by tests/report/test_faults.py
fault = pathlib.Path({faults!r}, client_id)
what = fault.read_text().split() if fault.exists() else ["none"]
if what[0] == "die":
    os._exit(1)
if what[0] == "sleep":
    time.sleep(float(what[1]))
if what[0] == "fill":  # another program fills the disk: write until not one byte more fits
    filler = os.open(what[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    for size in (1 << 16, 4096, 1):
        try:
            while True:
                os.write(filler, b"x" * size)
        except OSError:
            pass
    os.close(filler)
"""


def _fault_template(folder: Path, faults: Path) -> Path:
    notebook = nbformat.read(TEMPLATE, as_version=4)
    notebook.cells.insert(2, nbformat.v4.new_code_cell(FAULT_SOURCE.format(faults=str(faults))))
    path = folder / "fault_report.ipynb"
    nbformat.write(notebook, path)
    return path


def _setup(tmp_path: Path, ids: list[str], faults: dict[str, str]) -> tuple[Path, Path, Path]:
    """Client exports and a manifest for ``ids``, a fault file per entry of ``faults``, the template."""
    data = tmp_path / "data"
    for client_id in ids:
        write_client(data / client_id)
    manifest = data / "clients.yaml"
    clients = [{"id": i, "name": i.title(), "exports": [f"{i}/*.csv"]} for i in ids]
    manifest.write_text(json.dumps({"clients": clients}), encoding="utf-8")
    fault_dir = tmp_path / "faults"
    fault_dir.mkdir()
    for client_id, what in faults.items():
        (fault_dir / client_id).write_text(what, encoding="utf-8")
    return manifest, fault_dir, _fault_template(tmp_path, fault_dir)


def _batch_json(out: Path) -> dict:
    return json.loads((out / "batch.json").read_text(encoding="utf-8"))


def _by_id(saved: dict) -> dict[str, dict]:
    return {c["id"]: c for c in saved["clients"]}


def _temporaries(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith(".tmp"))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _processes_in(folder: Path) -> list[int]:
    """Processes (kernels) whose working folder is inside ``folder``; a report's kernel runs in its folder."""
    psutil = pytest.importorskip("psutil")
    found = []
    for proc in psutil.process_iter(["pid", "cwd"]):
        cwd = proc.info.get("cwd")
        if cwd and (cwd == str(folder) or cwd.startswith(str(folder) + os.sep)):
            found.append(proc.info["pid"])
    return found


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    psutil = pytest.importorskip("psutil")
    deadline = time.monotonic() + seconds
    alive = [p for p in pids if psutil.pid_exists(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
    return alive


def test_a_dying_kernel_and_a_hanging_cell_fail_alone_and_resume_completes_them(tmp_path: Path):
    manifest, faults, template = _setup(
        tmp_path, ["hangs", "dies", "fine"], {"hangs": "sleep 600", "dies": "die"}
    )
    out = tmp_path / "out"
    started = time.monotonic()
    result = run_batch(manifest, out, workers=2, template=template, timeout=15, pdf=False)
    assert time.monotonic() - started < 100  # the hanging cell was stopped, not waited for
    assert [(c.id, c.status) for c in result.clients] == [
        ("hangs", "failed"),
        ("dies", "failed"),
        ("fine", "ok"),
    ]
    clients = _by_id(_batch_json(out))
    assert clients["fine"]["error"] is None
    dies, hangs = clients["dies"]["error"], clients["hangs"]["error"]
    assert (dies["exception"], dies["cell"], dies["ename"]) == ("ReportError", FAULT_CELL, "DeadKernelError")
    assert f"the kernel died while running cell {FAULT_CELL}" in dies["message"]
    assert (hangs["exception"], hangs["cell"], hangs["ename"]) == (
        "ReportError",
        FAULT_CELL,
        "CellTimeoutError",
    )
    assert f"cell {FAULT_CELL} ran past the execution timeout of 15 s" in hangs["message"]
    assert clients["dies"]["seconds"] < 60  # not retried three times as a kernel that failed to start
    # whole outputs or none: the failed clients have no report, nothing half-written anywhere
    assert _files(out / "fine") == OUTPUTS
    assert _files(out / "dies") == [] and _files(out / "hangs") == []
    assert _temporaries(out) == []
    assert _processes_in(out) == []  # the hanging kernel was shut down
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed: ReportError" in index and 'href="fine/report.html"' in index

    (faults / "dies").unlink()
    (faults / "hangs").unlink()
    before = (out / "fine" / "report.html").stat().st_mtime_ns
    again = run_batch(manifest, out, workers=2, template=template, timeout=15, resume=True, pdf=False)
    assert [(c.id, c.status) for c in again.clients] == [("hangs", "ok"), ("dies", "ok"), ("fine", "skipped")]
    assert (out / "fine" / "report.html").stat().st_mtime_ns == before
    assert _batch_json(out)["counts"] == {"ok": 2, "skipped": 1, "failed": 0}
    for client_id in ("hangs", "dies", "fine"):
        assert _files(out / client_id) == OUTPUTS
    assert _temporaries(out) == []


DRIVER = """\
import sys
from smanalytics.report import run_batch
result = run_batch(sys.argv[1], sys.argv[2], workers=2, template=sys.argv[3], pdf=False)
print(result.summary())
"""


def test_a_batch_killed_with_sigkill_leaves_whole_files_and_no_process_then_resume_finishes(tmp_path: Path):
    psutil = pytest.importorskip("psutil")
    sleeping = {"slow": "sleep 120", "last": "sleep 120"}  # still running when the batch is killed
    manifest, faults, template = _setup(tmp_path, ["first", "slow", "last"], sleeping)
    out = tmp_path / "out"
    batch = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(manifest), str(out), str(template)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and batch.poll() is None:
            try:
                if _by_id(_batch_json(out)).get("first", {}).get("status") == "ok":
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        assert batch.poll() is None, batch.communicate()
        time.sleep(1)  # "last" now sleeps in the worker "first" used; "slow" sleeps in the other
        tree = [p.pid for p in psutil.Process(batch.pid).children(recursive=True)]
        kernels = _processes_in(out)
        assert len(tree) >= 2 and len(kernels) >= 1  # workers and kernels were running
        batch.send_signal(signal.SIGKILL)
        batch.wait(timeout=10)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == -signal.SIGKILL
    # the workers die with the batch (PR_SET_PDEATHSIG) and their kernels follow (ipykernel's parent poller)
    assert _wait_gone(tree + kernels, 20) == []
    assert _processes_in(out) == []
    saved = _batch_json(out)  # whole JSON: it is replaced atomically
    assert (
        _by_id(saved)["first"]["status"] == "ok"
        and "slow" not in _by_id(saved)
        and "last" not in _by_id(saved)
    )
    assert _files(out / "first") == OUTPUTS
    assert "report.html" not in _files(out / "slow") and "report.html" not in _files(out / "last")
    # what a kill during a write would leave (the window is too short to hit on purpose): a stale temporary
    (out / "slow").mkdir(exist_ok=True)
    (out / "slow" / ".report.html.k1ll3d.tmp").write_text("<html><body>half", encoding="utf-8")
    (out / ".batch.json.k1ll3d.tmp").write_text("{", encoding="utf-8")

    for client_id in sleeping:
        (faults / client_id).unlink()
    result = run_batch(manifest, out, workers=2, template=template, resume=True, pdf=False)
    assert [(c.id, c.status) for c in result.clients] == [
        ("first", "skipped"),
        ("slow", "ok"),
        ("last", "ok"),
    ]
    assert _batch_json(out)["counts"] == {"ok": 2, "skipped": 1, "failed": 0}
    for client_id in ("first", "slow", "last"):
        assert _files(out / client_id) == OUTPUTS
    assert _temporaries(out) == []


FULL_DISK_DRIVER = """\
import json, shutil, sys
from smanalytics.report import run_batch

if __name__ == "__main__":
    manifest, disk, template, snapshot = sys.argv[1:5]
    result = run_batch(manifest, disk + "/out", workers=1, template=template, pdf=False)
    print(json.dumps({"statuses": [[c.id, c.status, c.error] for c in result.clients],
                      "not_written": result.not_written, "summary": result.summary()}))
    shutil.copytree(disk + "/out", snapshot)  # keeps the files' times, so the copy can be resumed
"""


def test_a_full_disk_fails_the_clients_it_hits_with_enospc_and_leaves_no_partial_file(tmp_path: Path):
    unshare = shutil.which("unshare")
    probe = subprocess.run(
        [unshare or "unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"],
        capture_output=True,
    ) if unshare else None  # fmt: skip
    if probe is None or probe.returncode != 0:
        pytest.skip("needs 'unshare -rm' and tmpfs mounts in a user namespace to make a real full disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    manifest, faults, template = _setup(tmp_path, ["before", "filler", "after"], {})
    (faults / "filler").write_text(f"fill {disk / 'other-program.bin'}", encoding="utf-8")
    # each client compares with a reference of its own, so the batch keeps no tables in its work area
    # (their removal would free room again): once full, the disk stays full to the end
    reference = tmp_path / "data" / "reference.csv"
    reference.write_text("client_id,platform,account,followers,conversation_rate\nx,instagram,x,500,0.01\n")
    clients = json.loads(manifest.read_text(encoding="utf-8"))["clients"]
    manifest.write_text(json.dumps({"clients": [{**c, "reference": str(reference)} for c in clients]}))
    snapshot = tmp_path / "snapshot"
    driver = tmp_path / "driver.py"
    driver.write_text(FULL_DISK_DRIVER, encoding="utf-8")
    script = (
        f"mount -t tmpfs -o size=8m tmpfs {disk} && "
        f"{sys.executable} {driver} {manifest} {disk} {template} {snapshot}"
    )
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    statuses = {i: (status, error) for i, status, error in report["statuses"]}
    assert statuses["before"] == ("ok", None)
    for client_id in ("filler", "after"):
        status, error = statuses[client_id]
        assert status == "failed"
        assert "No space left on device" in error["message"], error
    # nothing more could be written, and the batch says so instead of crashing
    assert any(w.startswith("batch.json") and "No space left on device" in w for w in report["not_written"])
    assert "not written: batch.json" in report["summary"]
    # the last batch.json that could be written is whole; no partial report, no temporary file
    saved = _batch_json(snapshot)
    assert _by_id(saved)["before"]["status"] == "ok"
    assert _files(snapshot / "before") == OUTPUTS
    assert "report.html" not in _files(snapshot / "filler") and "report.html" not in _files(
        snapshot / "after"
    )
    assert _temporaries(snapshot) == []

    (faults / "filler").unlink()  # space is free again (the snapshot lives on the real disk)
    result = run_batch(manifest, snapshot, workers=2, template=template, resume=True, pdf=False)
    assert [(c.id, c.status) for c in result.clients] == [
        ("before", "skipped"),
        ("filler", "ok"),
        ("after", "ok"),
    ]
    assert _batch_json(snapshot)["counts"] == {"ok": 2, "skipped": 1, "failed": 0}
    for client_id in ("before", "filler", "after"):
        assert _files(snapshot / client_id) == OUTPUTS
    assert _temporaries(snapshot) == []
