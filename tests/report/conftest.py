"""Fixtures of the report tests: a client folder of hand-made exports (see ``_exports``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report._exports import write_client


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    """A client folder with the cafe's posts and daily followers."""
    return write_client(tmp_path / "exports" / "cafe")
