"""Fixtures shared by every test. The developer's own exback data is never touched."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The fixed "today" that snapshot and pilot tests use unless they say otherwise.
FIXED_TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every default data location at a throwaway folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("EXBACK_DATA_DIR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (exback creates it 0700)."""
    return tmp_path / "exback-data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that compares a snapshot, so `make snapshots-update` finds them all."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
