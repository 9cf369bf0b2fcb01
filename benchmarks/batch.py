"""Benchmark: ``smanalytics batch`` against the plain way, and against the floor.

* **loop**: the plain way, a shell loop running ``papermill`` then
  ``jupyter nbconvert --to html --no-input`` for each client, one after the other;
* **batch**: :func:`smanalytics.report.run_batch` on the same clients
  (``--workers`` processes, kernels over IPC, HTML rendered in-process);
* **floor**: the least any notebook-per-client batch can cost here, a notebook
  that only imports pandas and matplotlib, timed once per client and
  multiplied by clients / cores.

Also breaks one client's report down (kernel start, imports, reading the
exports, the figures, the charts, rendering) to show where the time goes.
The clients are the shipped samples, repeated under new ids to reach
``--clients``. Writes ``benchmarks/RESULTS-batch.md``.

Usage::

    .venv/bin/python benchmarks/batch.py [--clients 12] [--workers 2] [--skip-loop]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
RESULTS = Path(__file__).with_name("RESULTS-batch.md")
BIN = Path(sys.executable).parent


def write_manifest(folder: Path, clients: int) -> tuple[Path, list[dict]]:
    """A manifest of ``clients`` clients cycling over the samples, with absolute export paths.

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
            }
        )
    path = folder / "clients.yaml"
    path.write_text(json.dumps({"clients": chosen}, indent=1), encoding="utf-8")  # JSON is YAML
    return path, chosen


def execute(notebook: Path, repeats: int) -> float:
    """Median seconds to execute ``notebook`` in-process with papermill (kernel start to shutdown)."""
    from smanalytics.report.runner import execute_template

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        execute_template({}, template=notebook)
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
    """Mean seconds of each step of one report, over the distinct sample clients, in this process."""
    import nbformat

    steps: dict[str, list[float]] = {}

    def timed(name, call):
        start = time.perf_counter()
        result = call()
        steps.setdefault(name, []).append(time.perf_counter() - start)
        return result

    code = (
        "import time; t = time.perf_counter(); import pandas, matplotlib.pyplot; "
        "print(time.perf_counter() - t)"
    )
    imports = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
    code = (
        "import time; import pandas, matplotlib.figure; t = time.perf_counter(); "
        "from smanalytics.report import content; print(time.perf_counter() - t)"
    )
    ours = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
    import smanalytics
    from smanalytics.report import content, drawings, figures, sections
    from smanalytics.report.render import notebook_to_html
    from smanalytics.report.spec import ClientSpec

    content.prepare(ClientSpec("warm-up", exports=clients[0]["exports"]))  # fonts, caches
    seen = set()
    for c in clients:
        if c["name"] in seen:
            continue
        seen.add(c["name"])
        timed("read the exports (smanalytics.load)", lambda c=c: smanalytics.load(c["exports"]))
        report = timed(
            "read + figures (content.prepare)",
            lambda c=c: content.prepare(ClientSpec("x", exports=c["exports"])),
        )
        for chart in (drawings.conversation_chart, drawings.growth_chart, drawings.posting_chart):
            timed("charts (3, PNG)", lambda f=chart, r=report: f(r)._repr_html_())
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
        timed("render HTML (nbconvert, in-process)", lambda nb=nb: notebook_to_html(nb, title="x"))
    means = {k: sum(v) / len(seen) for k, v in steps.items()}  # per client: charts and tables summed
    means["read + figures (content.prepare)"] -= means["read the exports (smanalytics.load)"]
    means = {
        k.replace("read + figures (content.prepare)", "figures (metrics, spikes, benchmark)"): v
        for k, v in means.items()
    }
    return {
        "import pandas + matplotlib (in the kernel)": imports,
        "import smanalytics.report.content": ours,
        **means,
    }


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-loop", action="store_true", help="do not run the (slow) plain loop")
    parser.add_argument("--no-write", action="store_true", help=f"print only; do not write {RESULTS.name}")
    args = parser.parse_args(argv)

    from smanalytics.report import run_batch
    from smanalytics.report.params import TEMPLATE

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="sm-bench-") as tmp:
        tmp = Path(tmp)
        manifest, clients = write_manifest(tmp, args.clients)
        load = os.getloadavg()[0]
        empty = execute(small_notebook(tmp / "empty.ipynb", "pass"), 3)
        floor_one = execute(
            small_notebook(tmp / "floor.ipynb", "import pandas as pd", "import matplotlib.pyplot as plt"), 3
        )
        floor = floor_one * args.clients / cores

        start = time.perf_counter()
        result = run_batch(manifest, tmp / "batch", workers=args.workers)
        batch = time.perf_counter() - start
        if result.failed:
            print(result.summary(), file=sys.stderr)
            return 1
        per_client = statistics.median(c.seconds for c in result.clients)
        loop = None if args.skip_loop else run_loop(clients, tmp / "loop", TEMPLATE)
        steps = breakdown(clients, tmp / "batch")

    rows = [
        ("floor: import pandas + matplotlib.pyplot, per client x clients / cores", floor),
        (f"smanalytics batch, {args.workers} worker processes", batch),
    ]
    if loop is not None:
        rows.append(("plain loop: papermill then jupyter nbconvert, per client", loop))
    lines = [
        "# Batch benchmark",
        "",
        f"Run {dt.date.today().isoformat()} with `benchmarks/batch.py --clients {args.clients} "
        f"--workers {args.workers}` on {machine()}.",
        "",
        f"The machine is shared: other engineers were running tests on the same 2 cores during the run "
        f"(1-minute load average {load:.1f} when it started), so absolute times are noisy; the ratios, "
        "measured in the same run, are what to read.",
        "",
        f"{args.clients} clients (the {min(args.clients, 6)} sample clients of `data/samples/`, repeated "
        "under new ids), each giving report.ipynb, report.html and metrics.json.",
        "",
        "| way | seconds | per client |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {secs:.1f} | {secs / args.clients:.2f} |" for name, secs in rows),
        "",
    ]
    if loop is not None:
        lines.append(f"* batch vs plain loop: **{loop / batch:.1f}x faster** (goal: at least 3x)")
    lines += [
        f"* batch vs floor: **{batch / floor:.1f}x the floor** (goal: within 1.5x)",
        f"* one empty notebook (kernel start and stop only): {empty:.2f} s; "
        f"the floor notebook: {floor_one:.2f} s; "
        f"one client in the batch (median, kernel start to HTML written): {per_client:.2f} s",
        "",
        "## Where one report's time goes",
        "",
        "Measured in one process, mean over the distinct sample clients (the kernel start is the empty "
        "notebook above):",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        f"| kernel start and stop (empty notebook) | {empty:.2f} |",
        *(f"| {name} | {secs:.2f} |" for name, secs in steps.items()),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        notes = RESULTS.read_text(encoding="utf-8").split("<!-- notes -->", 1) if RESULTS.exists() else []
        tail = "<!-- notes -->" + notes[1] if len(notes) == 2 else ""
        RESULTS.write_text(text + ("\n" + tail if tail else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
