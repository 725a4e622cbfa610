"""How the settings look at 80x24, on a fixed date (Thursday 26 November 2026)."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import FIXED_TODAY
from tests.ui.conftest import quiet_cursors

SIZE = (80, 24)


def _seed(service) -> None:
    service.set_breakup_date(FIXED_TODAY, FIXED_TODAY - timedelta(days=14))
    service.set_allowed_topics(["kids", "the lease"])


async def _open_settings(pilot) -> None:
    await pilot.pause()
    pilot.app.action_settings()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    quiet_cursors(pilot.app)
    await pilot.pause()


async def _refused_target(pilot) -> None:
    await _open_settings(pilot)
    await pilot.press("end", "backspace", "backspace", "1", "5", "enter")
    await pilot.pause()
    quiet_cursors(pilot.app)
    await pilot.pause()


def test_settings(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=12, seed=_seed), terminal_size=SIZE, run_before=_open_settings
    )


def test_settings_with_a_refused_goal(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=12, seed=_seed), terminal_size=SIZE, run_before=_refused_target
    )
