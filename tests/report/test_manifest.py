"""The manifest: ids that name folders safely, paths relative to the manifest, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from smanalytics.errors import ManifestError
from smanalytics.report.manifest import Client, check_client_id, load_manifest, parse_manifest


def test_paths_are_relative_to_the_manifest(tmp_path: Path):
    manifest = tmp_path / "batch" / "clients.yaml"
    manifest.parent.mkdir()
    manifest.write_text(
        "reference: portfolio.csv\n"
        "clients:\n"
        "  - id: lucys-lemonade\n"
        '    name: "Lucy\'s Lemonade"\n'
        "    exports: [lucy/*.csv, /abs/x.csv]\n"
        "    hours_per_week: 2\n"
        "  - id: cafe_2\n"
        "    exports: cafe.csv\n"
        "    period_start: 2026-01-01\n"
        "    accent_color: '#aa0000'\n"
        "    reference: /refs/own.csv\n",
        encoding="utf-8",
    )
    clients = load_manifest(manifest)
    base = manifest.parent.resolve()
    assert clients == [
        Client(
            "lucys-lemonade",
            "Lucy's Lemonade",
            (f"{base}/lucy/*.csv", "/abs/x.csv"),
            2.0,
            reference=f"{base}/portfolio.csv",
        ),
        Client(
            "cafe_2", "cafe_2", (f"{base}/cafe.csv",), None, "2026-01-01", None, "#aa0000", "/refs/own.csv"
        ),
    ]


@pytest.mark.parametrize("bad", ["../x", "a/b", "Cafe", "-cafe", "", ".", "café", "a b", None, 12])
def test_unsafe_ids_are_refused(bad):
    with pytest.raises(ManifestError, match="invalid id"):
        check_client_id(bad)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("clients:\n  - id: ../evil\n    exports: [a.csv]\n", "client '../evil': invalid id"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n  - id: a\n    exports: [b.csv]\n", "appears twice"),
        ("clients:\n  - id: a\n    export: [a.csv]\n", "unknown key 'export'"),
        ("clients:\n  - id: a\n", "'exports' must be"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    hours_per_week: lots\n", "hours_per_week"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    period_end: 2026-13\n", "YYYY-MM-DD"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    accent_color: red\n", "#rrggbb"),
        ("clients: []\n", "expected 'clients:'"),
        ("clients:\n  - id: a\n    exports: [a.csv\n", "not valid YAML at line"),
    ],
)
def test_bad_manifests_name_the_file_and_client(text, message):
    with pytest.raises(ManifestError) as info:
        parse_manifest(text, base="/data", path="clients.yaml")
    assert str(info.value).startswith("clients.yaml")
    assert message in str(info.value)


def test_missing_manifest_file(tmp_path: Path):
    with pytest.raises(ManifestError, match="cannot read the manifest"):
        load_manifest(tmp_path / "nope.yaml")
