"""How Progress looks with two years of history, at 80x24 and 160x48, dark and light.

A fixed date (tests.conftest.FIXED_TODAY); the history is generated with a fixed seed.
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXED_TODAY
from tests.generated_history import seed_two_years
from tests.ui.conftest import settle, wait_until


def _seed(theme: str):
    def seed(service) -> None:
        seed_two_years(service, FIXED_TODAY)
        service.set_theme(theme)

    return seed


async def _open_progress(pilot) -> None:
    await pilot.pause()
    await wait_until(pilot, lambda: pilot.app.journal is not None, "the journal to load")
    await pilot.press("p")
    await settle(pilot)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_progress_two_years(snap_compare, make_app, size, theme):
    assert snap_compare(make_app(seed=_seed(theme)), terminal_size=size, run_before=_open_progress)
