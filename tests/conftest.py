"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SEED = SHARED_DATA / "seed" / "arabnews-2025-10-28-pakistan-afghanistan-talks.txt"


@pytest.fixture(scope="session")
def coder():
    from polemos import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"reference article absent: {SEED}")
    return SEED.read_text(encoding="utf-8")
