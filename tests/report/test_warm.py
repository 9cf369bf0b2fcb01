"""Warm kernels: forked from a parent that has imported the libraries, and as clean as cold ones.

The kernels here are real (papermill, nbclient, ipykernel), forked by this
test process's warm parent, which most tests share (starting one imports
pandas, matplotlib and smanalytics: 1-5 s).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from smanalytics.errors import ReportError
from smanalytics.report import warm
from smanalytics.report.manifest import load_manifest
from smanalytics.report.params import report_parameters
from smanalytics.report.render import notebook_to_html
from smanalytics.report.runner import execute_template
from smanalytics.report.spec import ClientSpec

needs_fork = pytest.mark.skipif(warm.warm_kernels_unsupported() is not None, reason="no warm kernels here")

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"

#: What a kernel sees before its notebook changes anything, printed as JSON by the first cell.
LOOK = """\
import os, sys
first = {"preloaded": "pandas" in sys.modules, "parent": os.getppid()}
import builtins, json, random
import matplotlib, numpy as np, pandas as pd
import smanalytics.report.content as content
seen = {
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "max_rows": pd.get_option("display.max_rows"),
    "builtin": hasattr(builtins, "leaked"),
    "attribute": hasattr(content, "leaked"),
    "environment": os.environ.get("SMANALYTICS_LEAKED"),
    "path": "/leaked" in sys.path,
    "backend": matplotlib.get_backend(),
}
draws = [float(np.random.random()), random.random()]
print(json.dumps({**first, "seen": seen, "draws": draws}))
"""

#: What a careless report might change in its kernel.
MUTATE = """\
if mutate:
    matplotlib.rcParams["lines.linewidth"] = 9.0
    pd.set_option("display.max_rows", 3)
    builtins.leaked = content.leaked = True
    os.environ["SMANALYTICS_LEAKED"] = "yes"
    sys.path.append("/leaked")
"""

PRISTINE = {
    "linewidth": 1.5,  # matplotlib's default
    "max_rows": 60,  # pandas' default
    "builtin": False,
    "attribute": False,
    "environment": None,
    "path": False,
    "backend": "module://matplotlib_inline.backend_inline",  # as ipykernel sets it
}


def _notebook(path: Path, *sources: str) -> Path:
    parameters = new_code_cell("mutate = False")
    parameters.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[parameters, *(new_code_cell(s) for s in sources)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _printed(nb, index: int) -> dict:
    return json.loads("".join(o["text"] for o in nb.cells[index].outputs if o.get("name") == "stdout"))


def test_warm_kernels_are_on_unless_the_command_line_turns_them_off():
    from smanalytics import cli

    for command in (["batch", "clients.yaml", "--out", "out"], ["report", "cafe", "a.csv"]):
        assert cli._parser().parse_args(command).warm_kernels is True
        assert cli._parser().parse_args([*command, "--no-warm-kernels"]).warm_kernels is False


@pytest.fixture(scope="module")
def parent() -> warm.ForkServer:
    server = warm.shared_server()
    assert server is not None
    return server


@pytest.mark.slow
@needs_fork
def test_the_warm_parent_has_one_thread_no_zmq_context_and_the_libraries_imported(parent):
    assert os.listdir(f"/proc/{parent.pid}/task") == [str(parent.pid)]
    links = [os.readlink(f"/proc/{parent.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{parent.pid}/fd")]
    # a ZMQ context (or an asyncio loop) would hold an eventfd or an epoll descriptor
    assert not [link for link in links if "eventfd" in link or "eventpoll" in link]
    assert {"pandas", "matplotlib.pyplot", "smanalytics.report.content"} <= set(parent.modules)


@pytest.mark.slow
@needs_fork
def test_nothing_a_report_changes_reaches_the_next_report(parent, tmp_path: Path):
    notebook = _notebook(
        tmp_path / "leak.ipynb", LOOK, MUTATE, "import matplotlib.pyplot as plt\nplt.plot([0, 1])"
    )
    first = execute_template({"mutate": True}, template=notebook, warm=True, cwd=tmp_path)
    second = execute_template({"mutate": False}, template=notebook, warm=True, cwd=tmp_path)
    cold = execute_template({"mutate": False}, template=notebook, warm=False, cwd=tmp_path)
    looks = [_printed(nb, 2) for nb in (first, second, cold)]  # cell 1 is papermill's parameters
    assert [look["preloaded"] for look in looks] == [True, True, False]  # forked warm, and started cold
    assert looks[0]["parent"] == looks[1]["parent"] == parent.pid != looks[2]["parent"]
    assert looks[1]["seen"] == looks[2]["seen"] == PRISTINE
    assert looks[0]["draws"][0] != looks[1]["draws"][0]  # numpy's generator is reseeded in each kernel
    assert looks[0]["draws"][1] != looks[1]["draws"][1]  # and Python's
    for nb in (second, cold):  # pyplot draws inline in a warm kernel as in a cold one
        assert any("image/png" in o.get("data", {}) for o in nb.cells[4].outputs)


def _sample_report(client: ClientSpec, folder: Path, warm_kernel: bool) -> str:
    """One sample client's report (run in a worker process); its metrics.json goes to ``folder``."""
    folder.mkdir(parents=True)
    parameters = report_parameters(client, out_dir=folder)
    nb = execute_template(parameters, warm=warm_kernel, cwd=folder)
    nb.cells[1].id = "injected-parameters"  # papermill gives this cell a random id
    return notebook_to_html(nb, title=client.name)


@pytest.mark.slow
@needs_fork
def test_warm_and_cold_kernels_give_identical_reports_for_the_samples(tmp_path: Path):
    clients = load_manifest(SAMPLES / "clients.yaml").clients
    runs = [(c, kind) for c in clients for kind in ("warm", "cold")]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {
            (c.id, k): pool.submit(_sample_report, c, tmp_path / k / c.id, k == "warm") for c, k in runs
        }
        pages = {run: future.result() for run, future in futures.items()}
    for client in clients:
        metrics = {k: (tmp_path / k / client.id / "metrics.json").read_bytes() for k in ("warm", "cold")}
        assert metrics["warm"] == metrics["cold"], client.id
        assert pages[client.id, "warm"] == pages[client.id, "cold"], client.id  # text, tables, charts


@pytest.mark.slow
@needs_fork
def test_a_failed_warm_start_is_retried_and_a_killed_parent_is_replaced(parent, tmp_path: Path, monkeypatch):
    notebook = _notebook(tmp_path / "look.ipynb", LOOK)
    spawn = warm.ForkServer.spawn
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the warm kernel parent is gone (BrokenPipeError)")
        return spawn(self, *args, **kwargs)

    monkeypatch.setattr(warm.ForkServer, "spawn", flaky)
    monkeypatch.setattr("smanalytics.report.runner.time.sleep", lambda s: None)
    assert _printed(execute_template({"mutate": False}, template=notebook, warm=True), 2)["preloaded"]
    assert len(calls) == 2
    monkeypatch.undo()

    os.kill(parent.pid, signal.SIGKILL)
    parent.process.wait(timeout=10)
    look = _printed(execute_template({"mutate": False}, template=notebook, warm=True), 2)
    replacement = warm.shared_server()
    assert look["preloaded"] and look["parent"] == replacement.pid != parent.pid


@pytest.mark.slow
@needs_fork
def test_a_warm_kernel_that_dies_in_a_cell_fails_the_report_at_once(tmp_path: Path):
    notebook = _notebook(tmp_path / "dies.ipynb", "import os\nos._exit(3)")
    started = time.monotonic()
    with pytest.raises(ReportError, match=r"the kernel died while running cell 2"):
        execute_template({"mutate": False}, template=notebook, warm=True, client="dies")
    assert time.monotonic() - started < 60  # not retried as a failed start


@pytest.mark.slow
@needs_fork
def test_without_fork_reports_run_in_ordinary_kernels(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(warm, "warm_kernels_unsupported", lambda: "os.pidfd_open is not available")
    monkeypatch.setattr(warm, "_shared", None)
    monkeypatch.setattr(warm, "_unavailable", None)
    notebook = _notebook(tmp_path / "look.ipynb", LOOK)
    with pytest.warns(
        RuntimeWarning, match="reports run in ordinary kernels: os.pidfd_open is not available"
    ):
        nb = execute_template({"mutate": False}, template=notebook, warm=True)
    assert not _printed(nb, 2)["preloaded"]
    assert warm.shared_server() is None  # and it is not tried again


OWNER = """\
import sys
from smanalytics.report.runner import execute_template
from smanalytics.report.spec import ClientSpec
execute_template({}, template=sys.argv[1], warm=True)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@needs_fork
def test_a_killed_owner_takes_its_warm_parent_and_kernels_with_it(tmp_path: Path):
    pids = tmp_path / "pids.json"
    write = f"pathlib.Path({str(pids)!r}).write_text(json.dumps([os.getppid(), os.getpid()]))"
    notebook = _notebook(
        tmp_path / "sleeps.ipynb", f"import json, os, pathlib, time\n{write}\ntime.sleep(120)"
    )
    owner = subprocess.Popen([sys.executable, "-c", OWNER, str(notebook)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not pids.exists() or not pids.read_text().endswith("]"):
            assert time.monotonic() < deadline and owner.poll() is None
            time.sleep(0.2)
        time.sleep(0.2)
        server, kernel = json.loads(pids.read_text())
        assert _running(server) and _running(kernel)
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=10)
    finally:
        if owner.poll() is None:
            owner.kill()
    deadline = time.monotonic() + 20
    while (_running(server) or _running(kernel)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(server) and not _running(kernel)
