"""The manifest: ids that name folders safely, paths relative to the manifest, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from smanalytics.errors import ManifestError, SpecError
from smanalytics.report.manifest import load_manifest, parse_manifest
from smanalytics.report.spec import ClientSpec, check_client_id


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
        "    period: 2026-07-01..2026-09-30\n"
        "    accent_color: '#aa0000'\n"
        "    reference: /refs/own.csv\n",
        encoding="utf-8",
    )
    loaded = load_manifest(manifest)
    base = manifest.parent.resolve()
    assert loaded.path == manifest
    assert loaded.clients == (
        ClientSpec(
            "lucys-lemonade",
            (f"{base}/lucy/*.csv", "/abs/x.csv"),
            "Lucy's Lemonade",
            hours_per_week=2.0,
            reference=f"{base}/portfolio.csv",
        ),
        ClientSpec(
            "cafe_2",
            (f"{base}/cafe.csv",),
            "cafe_2",
            period="2026-07-01..2026-09-30",
            accent_color="#aa0000",
            reference="/refs/own.csv",
        ),
    )


def test_top_level_options_apply_to_every_client_and_a_clients_own_wins(tmp_path: Path):
    text = (
        "period: last-month\n"
        "today: 2026-10-05\n"
        "accent_color: '#0b6e4f'\n"
        "clients:\n"
        "  - {id: a, exports: a.csv}\n"
        "  - {id: b, exports: b.csv, period: 2026-Q3}\n"
    )
    a, b = parse_manifest(text, base="/data").clients
    assert (a.period, a.accent_color) == ("2026-09", "#0b6e4f")  # the month before 5 Oct 2026
    assert (b.period, b.accent_color) == ("2026-Q3", "#0b6e4f")


@pytest.mark.parametrize("bad", ["../x", "a/b", "Cafe", "-cafe", "", ".", "café", "a b", None, 12])
def test_unsafe_ids_are_refused(bad):
    with pytest.raises(SpecError, match="'id' must be lowercase letters, digits"):
        check_client_id(bad)
    with pytest.raises(SpecError, match="'id' must be lowercase letters, digits"):
        ClientSpec(bad, exports=["a.csv"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("clients:\n  - id: ../evil\n    exports: [a.csv]\n", "client '../evil': 'id' must be lowercase"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n  - id: a\n    exports: [b.csv]\n", "appears twice"),
        ("clients:\n  - id: a\n    export: [a.csv]\n", "unknown key 'export'"),
        ("clients:\n  - id: a\n", "'exports' must be given"),
        ("clients:\n  - id: a\n    exports: []\n", "'exports' must be a file, a folder, a glob"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    name: [x]\n", "'name' must be text"),
        ("refrence: r.csv\nclients:\n  - id: a\n    exports: [a.csv]\n", "unknown top-level key 'refrence'"),
        ("name: All\nclients:\n  - id: a\n    exports: [a.csv]\n", "unknown top-level key 'name'"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    hours_per_week: lots\n", "hours_per_week"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    period: 2026-13\n", "13 is not a month"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    period: 2026-09-01\n", "must be a period written"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    today: '2026-02-30'\n", "YYYY-MM-DD"),
        ("clients:\n  - id: a\n    exports: [a.csv]\n    today: 2026-02-30\n", "date that does not"),
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
