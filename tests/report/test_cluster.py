"""The batch on a real Dask cluster: a scheduler and two workers started as separate programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smanalytics.report import run_batch
from tests.report._exports import write_client

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")


def test_a_batch_runs_on_a_scheduler_and_two_worker_programs(tmp_path: Path):
    from tests.report._cluster import dask_cluster, tasks_run

    shared = tmp_path / "shared"  # exports and reports, on a path every worker sees
    clients = ["cafe", "salon"]
    for client in clients:
        write_client(shared / "exports" / client)
    manifest = shared / "clients.yaml"
    manifest.write_text(
        "clients:\n" + "".join(f"  - {{id: {c}, exports: [exports/{c}/*.csv]}}\n" for c in clients),
        encoding="utf-8",
    )
    with dask_cluster(tmp_path / "cluster", workers=2) as cluster:
        result = run_batch(manifest, shared / "out", scheduler=cluster.address, pdf=False)
        ran = tasks_run(cluster.address)
    assert [(c.id, c.status) for c in result.clients] == [(c, "ok") for c in clients], result.summary()
    assert sorted(ran) == ["worker-0", "worker-1"] and min(ran.values()) >= 1  # both workers worked
    saved = json.loads((shared / "out" / "batch.json").read_text(encoding="utf-8"))
    assert saved["scheduler"] == cluster.address and saved["counts"] == {"ok": 2, "skipped": 0, "failed": 0}
    for client in clients:
        assert sorted(p.name for p in (shared / "out" / client).iterdir()) == [
            "metrics.json",
            "report.html",
            "report.ipynb",
        ]
