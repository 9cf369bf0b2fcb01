"""Benchmark: the batch against the floor and the plain loop, and the batch at scale.

``compare`` (12 clients, 2 workers) measures, in one run:

* **floor**: a notebook that only imports pandas and matplotlib and draws one
  line, run through papermill in-process once per client, in ``--workers``
  worker processes; each run gets a fresh ordinary kernel, started the
  cheapest way this package knows (IPC sockets, no history, stopped at once);
* **batch**: :func:`smanalytics.report.run_batch` on the same clients
  (``report.ipynb``, ``report.html``, ``report.pdf`` and ``metrics.json`` each),
  and again with ``pdf=False``: what the PDF adds to a client's time;
* **loop**: the plain way, a shell loop of ``papermill`` then
  ``jupyter nbconvert --to html --no-input``, client after client;

and breaks one report down into its steps. ``scale`` runs the batch end to
end on N clients, locally (``--workers`` processes) and on a Dask cluster of a
scheduler and ``--workers`` one-thread worker programs
(``tests/report/_cluster.py``), and records clients a minute, peak memory and
anything left behind (a process, a file in the output folder, a kernel's file
in Jupyter's runtime folder).

The clients are the shipped samples, repeated under new ids. Each part
rewrites its own section of ``benchmarks/RESULTS-batch.md``, with the
machine, the date and the load average beside its figures::

    .venv/bin/python benchmarks/batch.py compare
    .venv/bin/python benchmarks/batch.py scale --clients 200 1000
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
RESULTS = Path(__file__).with_name("RESULTS-batch.md")
BIN = Path(sys.executable).parent


def write_manifest(folder: Path, clients: int) -> tuple[Path, list[dict]]:
    """A manifest of ``clients`` clients cycling over the samples (their agency and notes too),
    with absolute export paths.

    The samples are copied into ``folder`` first, so that regenerating
    ``data/samples/`` during a run cannot change what is measured.
    """
    import shutil

    from smanalytics.report.manifest import load_manifest

    shutil.copytree(SAMPLES, folder / "samples")
    samples = load_manifest(folder / "samples" / "clients.yaml").clients
    chosen = []
    for i in range(clients):
        s = samples[i % len(samples)]
        round_ = i // len(samples)
        chosen.append(
            {
                "id": s.id if round_ == 0 else f"{s.id}-{round_ + 1}",
                "name": s.name,
                "exports": list(s.exports),
                "hours_per_week": s.hours_per_week,
                "notes": s.notes,
            }
        )
    path = folder / "clients.yaml"
    agency = samples[0].agency.to_parameter()  # the samples' agency, its logo inside ``folder``
    manifest = {"agency": agency, "clients": chosen}
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")  # JSON is YAML
    return path, chosen


def execute(notebook: Path, repeats: int, *, warm: bool = False) -> float:
    """Median seconds to execute ``notebook`` in-process with papermill (kernel start to shutdown)."""
    from smanalytics.report.runner import execute_template

    if warm:
        execute_template({}, template=notebook, warm=True)  # start this process's warm parent first
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        execute_template({}, template=notebook, warm=warm)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def small_notebook(path: Path, *sources: str) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def breakdown(clients: list[dict], out: Path) -> dict[str, float]:
    """Mean seconds of each step of one client in the batch, over the distinct sample clients.

    The kernel's start and imports are measured in kernels (cold and warm);
    the rest in this process, as the batch's portfolio pass (read the
    exports, keep the tables) and the report's notebook (read the tables,
    figures, charts, tables and text) and worker (render) do them.
    """
    import nbformat

    from smanalytics.report import content, drawings, figures, sections
    from smanalytics.report.pdf import html_to_pdf
    from smanalytics.report.render import notebook_to_html
    from smanalytics.report.spec import ClientSpec
    from smanalytics.report.tables import fingerprint, read_tables, write_tables

    folder = out.parent / "steps"
    empty = small_notebook(folder.parent / "empty.ipynb", "pass")
    imports = small_notebook(folder.parent / "imports.ipynb", *FLOOR_CELLS[:2])
    cold = execute(empty, 3)
    steps: dict[str, list[float]] = {
        "kernel start and stop, cold (empty notebook)": [cold],
        "kernel start and stop, warm (empty notebook)": [execute(empty, 3, warm=True)],
        "import pandas + matplotlib.pyplot in a cold kernel": [execute(imports, 3) - cold],
    }

    def timed(name, call):
        start = time.perf_counter()
        result = call()
        steps.setdefault(name, []).append(time.perf_counter() - start)
        return result

    content.prepare(ClientSpec("warm-up", exports=clients[0]["exports"]))  # fonts, caches
    html_to_pdf("<p>warm-up</p>")  # WeasyPrint's import and fonts: once per worker process
    seen = set()
    for c in clients:
        if c["name"] in seen:
            continue
        seen.add(c["name"])
        spec = ClientSpec(c["id"], exports=c["exports"], name=c["name"], hours_per_week=c["hours_per_week"])
        files = content.export_files(spec)
        dataset = timed(
            "read the exports (portfolio pass)", lambda s=spec: content.load_exports(s, period=False)
        )
        tables = folder / spec.id
        timed(
            "keep the tables (Parquet)",
            lambda d=dataset, t=tables, f=files: write_tables(d, t, fingerprint(f)),
        )
        dataset = timed("read the tables (in the report)", lambda t=tables, f=files: read_tables(t, f))
        report = timed(
            "figures (metrics, spikes, benchmark)",
            lambda s=spec, d=dataset: content.Report(spec=s, dataset=d, **content.compute_figures(d, s)),
        )
        charts = (drawings.conversation_chart, drawings.best_time_chart, drawings.growth_chart,
                  drawings.posting_chart)  # fmt: skip
        drawn = "charts (4, SVG with text as text: one drawing for the screen and the PDF)"
        for draw in charts:
            chart = timed(drawn, lambda f=draw, r=report: f(r))
            timed(drawn, chart._repr_html_)
        for part in (
            sections.title,
            sections.headline,
            sections.key_figures,
            sections.top_posts,
            sections.spikes,
            sections.consistency,
            sections.content_mix,
            sections.responsiveness,
            sections.channel_focus,
            sections.appendix,
            figures.metrics,
        ):
            timed("tables and text", lambda f=part, r=report: f(r))
        nb = nbformat.read(out / c["id"] / "report.ipynb", as_version=4)
        page = timed("render HTML (in-process)", lambda nb=nb: notebook_to_html(nb, title="x"))
        timed("render PDF (WeasyPrint, in-process)", lambda p=page: html_to_pdf(p))
    return {k: sum(v) / (1 if len(v) == 1 else len(seen)) for k, v in steps.items()}


def run_loop(clients: list[dict], out: Path, template: Path) -> float:
    """Seconds for the plain shell loop: papermill then nbconvert, client after client."""
    lines = ["set -e"]
    for c in clients:
        folder = out / c["id"]
        folder.mkdir(parents=True, exist_ok=True)
        params = json.dumps(
            {
                "client_id": c["id"],
                "client_name": c["name"],
                "exports": c["exports"],
                "out_dir": str(folder),
                "hours_per_week": c["hours_per_week"],
            }
        )
        nb = folder / "report.ipynb"
        lines.append(
            f"{BIN / 'papermill'} --no-progress-bar --log-level ERROR {template} {nb} "
            f"-y {shlex.quote(params)}"
        )
        lines.append(f"{BIN / 'jupyter'} nbconvert --to html --no-input --log-level ERROR {nb}")
    script = out / "loop.sh"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        ["bash", str(script)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import matplotlib
    import nbconvert
    import pandas
    import papermill

    return (
        f"{platform.system()} {platform.machine()}, {model}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}, pandas {pandas.__version__}, matplotlib {matplotlib.__version__}, "
        f"papermill {papermill.__version__}, nbconvert {nbconvert.__version__}"
    )


FLOOR_CELLS = ("import pandas as pd", "import matplotlib.pyplot as plt", "plt.plot([0, 1])")


def _floor_job(notebook: str, warm: bool) -> float:
    from smanalytics.report.runner import execute_template

    start = time.perf_counter()
    execute_template({}, template=notebook, warm=warm)
    return time.perf_counter() - start


def run_floor(notebook: Path, clients: int, workers: int, *, warm: bool = False) -> float:
    """Seconds to run ``notebook`` once per client in ``workers`` processes (their start included)."""
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for future in [pool.submit(_floor_job, str(notebook), warm) for _ in range(clients)]:
            future.result()
    return time.perf_counter() - start


def load_average() -> float:
    return os.getloadavg()[0]


class Timed:
    """Wall seconds of a block, with the 1-minute load average at its start and end."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.load = (0.0, 0.0)

    def __enter__(self) -> Timed:
        self._start, self._load = time.perf_counter(), load_average()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._start
        self.load = (self._load, load_average())

    def row(self, name: str, clients: int) -> str:
        return (
            f"| {name} | {self.seconds:.1f} | {self.seconds / clients:.2f} | "
            f"{self.load[0]:.1f} - {self.load[1]:.1f} |"
        )


def compare(args) -> str:
    """The ``compare`` part: floor, batch and plain loop in one run; one report's steps."""
    from smanalytics.report import run_batch
    from smanalytics.report.params import TEMPLATE

    with tempfile.TemporaryDirectory(prefix="sm-bench-") as tmp:
        tmp = Path(tmp)
        manifest, clients = write_manifest(tmp, args.clients)
        notebook = small_notebook(tmp / "floor.ipynb", *FLOOR_CELLS)
        with Timed() as floor:
            run_floor(notebook, args.clients, args.workers)
        with Timed() as batch:
            result = run_batch(manifest, tmp / "batch", workers=args.workers)
        with Timed() as html_only:
            without_pdf = run_batch(manifest, tmp / "html-only", workers=args.workers, pdf=False)
        if result.failed or without_pdf.failed:
            raise SystemExit(result.summary() + "\n" + without_pdf.summary())
        per_client = statistics.median(c.seconds for c in result.clients)
        per_client_html = statistics.median(c.seconds for c in without_pdf.clients)
        loop = None
        if not args.skip_loop:
            with Timed() as loop:
                run_loop(clients, tmp / "loop", TEMPLATE)
        with Timed() as warm_floor:
            run_floor(notebook, args.clients, args.workers, warm=True)
        steps = breakdown(clients, tmp / "batch")

    lines = [
        f"Run {now()} with `benchmarks/batch.py compare --clients {args.clients} --workers {args.workers}` "
        f"on {machine()}.",
        "",
        f"{args.clients} clients (the {min(args.clients, 6)} sample clients of `data/samples/`, repeated "
        f"under new ids), {args.workers} worker processes; the batch gives each client report.ipynb, "
        "report.html, report.pdf (with the samples' agency branding and note) and metrics.json. Load "
        "average: the machine's 1-minute load at the start and end of each line (2 cores: above 2, other "
        "work shared them).",
        "",
        "| way | seconds | per client | load average |",
        "| --- | ---: | ---: | ---: |",
        floor.row("floor: a cold kernel imports pandas and matplotlib, draws one line", args.clients),
        batch.row("smanalytics batch", args.clients),
        html_only.row("smanalytics batch --no-pdf", args.clients),
    ]
    if loop is not None:
        lines.append(
            loop.row("plain loop: papermill then jupyter nbconvert, client after client", args.clients)
        )
    lines += [
        warm_floor.row("(for reference) the floor notebook in warm kernels", args.clients),
        "",
        "The goals compare the batch without the PDF (report.html, metrics.json and report.ipynb, as the "
        "loop makes); the PDF's cost is recorded apart, as issue 14 asks.",
        "",
        f"* batch vs floor: **{html_only.seconds / floor.seconds:.2f}x the floor** (goal: at most 1.0x); "
        f"with the PDF, {batch.seconds / floor.seconds:.2f}x",
    ]
    if loop is not None:
        lines.append(
            f"* batch vs plain loop: **{loop.seconds / html_only.seconds:.1f}x faster** (goal: at least 8x); "
            f"with the PDF, {loop.seconds / batch.seconds:.1f}x"
        )
    lines += [
        f"* one client in the batch (median, kernel start to PDF written): {per_client:.2f} s; "
        f"without the PDF: {per_client_html:.2f} s: **the PDF adds "
        f"{per_client / per_client_html - 1:.0%}** to a client's time (goal: at most 30%), and "
        f"{batch.seconds / html_only.seconds - 1:.0%} to the batch's",
        "",
        "Where one client's time goes, step by step (mean over the distinct sample clients; the kernel's "
        "steps in kernels, the others in one process):",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        *(f"| {name} | {secs:.2f} |" for name, secs in steps.items()),
    ]
    return "\n".join(lines)


class MemorySampler(threading.Thread):
    """Samples, every ``interval`` seconds, the memory of this process, ``roots`` and their descendants.

    ``peak_pss`` is the peak of their summed proportional set size (a page
    shared by a warm parent and its kernels counted once in all), ``peak_rss``
    the peak resident size of the largest one; ``seen`` every process met.
    """

    def __init__(self, roots: list[int] = (), interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        import psutil

        self._psutil = psutil
        self.roots = [os.getpid(), *roots]
        self.interval = interval
        self.peak_pss = self.peak_rss = 0
        self.seen: dict[int, float] = {}  # pid -> create time (a pid can be reused)
        self._done = threading.Event()  # not _stop: Thread has a method of that name
        self.sample()
        watched = set(roots)
        for pid in roots:
            with contextlib.suppress(psutil.Error):
                watched |= {c.pid for c in psutil.Process(pid).children(recursive=True)}
        self.before = set(self.seen) - watched  # already running and not the cluster: not the batch's

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        psutil = self._psutil
        processes = {}
        for pid in self.roots:
            with contextlib.suppress(psutil.Error):
                root = psutil.Process(pid)
                for p in [root, *root.children(recursive=True)]:
                    processes[p.pid] = p
        total = 0
        for p in processes.values():
            with contextlib.suppress(psutil.Error):
                info = p.memory_full_info()
                total += info.pss
                self.peak_rss = max(self.peak_rss, info.rss)
                self.seen.setdefault(p.pid, p.create_time())
        self.peak_pss = max(self.peak_pss, total)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def still_running(self, timeout: float = 20) -> list[str]:
        """The processes met (other than this one and those already running when sampling began)
        still running after ``timeout`` seconds."""
        psutil = self._psutil
        deadline = time.monotonic() + timeout
        while True:
            running = []
            for pid, created in self.seen.items():
                if pid == os.getpid() or pid in self.before:
                    continue
                with contextlib.suppress(psutil.Error):
                    p = psutil.Process(pid)
                    if p.create_time() == created and p.status() != psutil.STATUS_ZOMBIE:
                        running.append(f"{pid} {' '.join(p.cmdline()[:3])}")
            if not running or time.monotonic() > deadline:
                return running
            time.sleep(0.5)


def runtime_files() -> set[str]:
    """The files in Jupyter's runtime folder (kernels' connection files and IPC sockets)."""
    from jupyter_core.paths import jupyter_runtime_dir

    folder = Path(jupyter_runtime_dir())
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def unexpected_files(out: Path, ids: list[str]) -> list[str]:
    """Anything in ``out`` but the batch's own files and each client's complete outputs."""
    from smanalytics.report.runner import OUTPUTS

    expected = {"batch.json", "index.html", "portfolio.csv"} | {
        f"{i}/{name}" for i in ids for name in OUTPUTS
    }
    found = {p.relative_to(out).as_posix() for p in out.rglob("*") if not p.is_dir()}
    missing = expected - found - {"portfolio.csv"}
    return sorted(found - expected) + [f"missing {name}" for name in sorted(missing)]


def scale_run(manifest: Path, out: Path, clients: int, *, workers: int, cluster=None) -> dict:
    """One batch of ``clients`` end to end; its figures and what it left behind."""
    from multiprocessing import resource_tracker

    from smanalytics.report import run_batch

    ids = [c["id"] for c in json.loads(manifest.read_text(encoding="utf-8"))["clients"]][:clients]
    before = runtime_files()
    # multiprocessing's resource tracker serves this process for its whole life (the first process
    # pool starts it): start it now, so that it is not counted as something the batch left behind
    resource_tracker.ensure_running()
    sampler = MemorySampler([p.pid for p in cluster.processes] if cluster else [])
    sampler.start()
    with Timed() as timed:
        result = run_batch(
            manifest,
            out,
            workers=None if cluster else workers,
            scheduler=cluster.address if cluster else None,
        )
    sampler.stop()
    return {
        "clients": clients,
        "where": f"Dask: scheduler + {workers} worker programs" if cluster else f"{workers} local processes",
        "ok": len(result.ok),
        "failed": len(result.failed),
        "timed": timed,
        "median": statistics.median(c.seconds for c in result.clients) if result.clients else 0.0,
        "peak_pss": sampler.peak_pss,
        "peak_rss": sampler.peak_rss,
        "sampler": sampler,
        "files": unexpected_files(out, ids),
        "runtime": sorted(runtime_files() - before),
        "summary": result.summary() if result.failed else "",
    }


def scale(args) -> str:
    """The ``scale`` part: each size of batch, locally and on a Dask cluster."""
    sys.path.insert(0, str(ROOT))
    from tests.report._cluster import dask_cluster

    runs = []
    with tempfile.TemporaryDirectory(prefix="sm-bench-scale-") as tmp:
        tmp = Path(tmp)
        manifest, _ = write_manifest(tmp, max(args.clients))
        for clients in args.clients:
            sized = tmp / f"clients-{clients}.yaml"
            data = json.loads(manifest.read_text(encoding="utf-8"))
            sized.write_text(json.dumps({"clients": data["clients"][:clients]}, indent=1), encoding="utf-8")
            for where in args.where:
                out = tmp / f"out-{clients}-{where}"
                if where == "local":
                    run = scale_run(sized, out, clients, workers=args.workers)
                    run["left"] = run["sampler"].still_running()
                else:
                    with dask_cluster(tmp / f"cluster-{clients}", workers=args.workers) as cluster:
                        run = scale_run(sized, out, clients, workers=args.workers, cluster=cluster)
                    run["left"] = run["sampler"].still_running()
                print(_scale_row(run), flush=True)
                if run["summary"]:
                    print(run["summary"], file=sys.stderr)
                runs.append(run)
    lines = [
        f"Run {now()} with `benchmarks/batch.py scale --clients {' '.join(map(str, args.clients))} "
        f"--workers {args.workers}` on {machine()}.",
        "",
        "Each batch end to end (manifest to index page), its clients the samples repeated under new ids. "
        "Peak memory: the most that the batch's processes (this one, its workers or the Dask programs, "
        "warm parents and kernels) held at once, as proportional set size (a page shared by several "
        "counted once), and the largest single process (RSS). Left behind: any of those processes still "
        "running 20 s after the batch (and the cluster) ended, any file in the output folder but the "
        "reports and the batch's own, any new file in Jupyter's runtime folder.",
        "",
        "| clients | where | ok / failed | minutes | clients a minute | median per client (s) "
        "| peak memory, all processes | largest process | left behind | load average |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
        *(_scale_row(run) for run in runs),
    ]
    return "\n".join(lines)


def _scale_row(run: dict) -> str:
    timed = run["timed"]
    left = run["left"] + run["files"] + [f"runtime/{name}" for name in run["runtime"]]
    shown = "nothing" if not left else "; ".join(left[:5]) + (f" (+{len(left) - 5})" if len(left) > 5 else "")
    return (
        f"| {run['clients']} | {run['where']} | {run['ok']} / {run['failed']} | {timed.seconds / 60:.1f} "
        f"| {run['clients'] / (timed.seconds / 60):.1f} | {run['median']:.2f} "
        f"| {run['peak_pss'] / 2**30:.2f} GiB | {run['peak_rss'] / 2**20:.0f} MiB | {shown} "
        f"| {timed.load[0]:.1f} - {timed.load[1]:.1f} |"
    )


def now() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")


def write_section(name: str, text: str) -> None:
    """Replace the ``name`` section of the results file (between its markers), keeping the rest."""
    begin, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Batch benchmark\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in old and end in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    elif "<!-- notes -->" in old:
        at = old.index("<!-- notes -->")
        new = old[:at] + block + "\n\n" + old[at:]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help=f"print only; do not write {RESULTS.name}")
    parts = parser.add_subparsers(dest="part", required=True)
    one = parts.add_parser("compare", help="floor, batch and plain loop in one run")
    one.add_argument("--clients", type=int, default=12)
    one.add_argument("--workers", type=int, default=2)
    one.add_argument("--skip-loop", action="store_true", help="do not run the (slow) plain loop")
    many = parts.add_parser("scale", help="large batches, locally and on a Dask cluster")
    many.add_argument("--clients", type=int, nargs="+", default=[200, 1000])
    many.add_argument("--workers", type=int, default=2)
    many.add_argument("--where", nargs="+", choices=["local", "cluster"], default=["local", "cluster"])
    args = parser.parse_args(argv)
    text = {"compare": compare, "scale": scale}[args.part](args)
    print(text)
    if not args.no_write:
        write_section(args.part, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
