"""Shared fixtures: a seeded rng, the real exports folder, closing figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_EXPORTS = ROOT.parent / "shared" / "real-exports"
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261123)


@pytest.fixture
def real_exports() -> Path:
    """``../shared/real-exports``; tests that need it are skipped when it is absent."""
    if not REAL_EXPORTS.is_dir():
        pytest.skip("../shared/real-exports is not beside this checkout")
    return REAL_EXPORTS


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
