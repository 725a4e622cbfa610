"""The umask fixture for the store tests."""

from __future__ import annotations

import os

import pytest

from tests.store.support import UMASKS


@pytest.fixture(params=UMASKS, ids=lambda m: f"umask{m:03o}")
def umask(request: pytest.FixtureRequest):
    """Run the test under each umask; the process umask is restored afterwards."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)
