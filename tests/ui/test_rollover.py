"""The day changes at local midnight while the app stays open.

time-machine moves the wall clock (`travel(tick=False)` then `shift`); the
app's own timer keeps running on the monotonic clock, as in real life.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from exback_tui.app import ExBackApp
from exback_tui.service import ExBackService
from tests.ui.conftest import day_shown, screen_text, settle, top_line, wait_until


async def wait_for_day(pilot, app, expected: str) -> None:
    """Wait for the app's own tick to show day `expected`."""
    await wait_until(pilot, lambda: day_shown(app) == expected, f"day {expected} to be shown")


def open_app(data_dir, start: date, today: date) -> tuple[ExBackApp, ExBackService]:
    service = ExBackService(data_dir).open(for_tui=True)
    service.begin(today, start)
    app = ExBackApp(service, day_check_seconds=0.05)  # the real clock: date.today
    app.animation_level = "none"
    return app, service


@pytest.mark.parametrize(
    "zone, last_evening",
    [
        ("Europe/London", datetime(2026, 11, 26, 23, 59, 50)),
        # The night clocks go back (an hour repeats) and forward (an hour is skipped).
        ("America/New_York", datetime(2026, 10, 31, 23, 59, 50)),
        ("America/New_York", datetime(2026, 3, 7, 23, 59, 50)),
        # Lord Howe shifts by half an hour.
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 23, 59, 50)),
        ("Australia/Lord_Howe", datetime(2026, 10, 3, 23, 59, 50)),
    ],
)
async def test_count_rolls_over_at_local_midnight(ui_data_dir, zone, last_evening):
    evening = last_evening.replace(tzinfo=ZoneInfo(zone))
    with time_machine.travel(evening, tick=False) as traveller:
        today = date.today()
        assert today == last_evening.date()
        app, service = open_app(ui_data_dir, today - timedelta(days=11), today)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert day_shown(app) == "12"
                await pilot.press("3", "tab", "2", "enter")
                await settle(pilot)
                assert "Checked in for today" in screen_text(app)
                traveller.shift(timedelta(seconds=20))
                await wait_for_day(pilot, app, "13")
                text = screen_text(app)
                assert "12 days done, 18 to your goal" in text
                # A new day gets a fresh check-in.
                assert "Checked in for today" not in text
                assert app.screen.query_one("#mood").value is None
        finally:
            service.close()


async def test_suspended_overnight_the_next_tick_shows_the_right_day(ui_data_dir):
    evening = datetime(2026, 11, 26, 22, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with time_machine.travel(evening, tick=False) as traveller:
        today = date.today()
        app, service = open_app(ui_data_dir, today - timedelta(days=5), today)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert day_shown(app) == "6"
                # The lid closes at 22:00 and opens two mornings later.
                traveller.shift(timedelta(hours=34))
                await wait_for_day(pilot, app, "8")
        finally:
            service.close()


async def test_clock_jumping_back_a_day_keeps_history_and_says_so(ui_data_dir):
    noon = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
    with time_machine.travel(noon, tick=False) as traveller:
        today = date.today()
        app, service = open_app(ui_data_dir, today - timedelta(days=11), today)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("3", "tab", "2", "enter")
                await settle(pilot)
                before = (ui_data_dir / "plan.json").read_bytes()
                traveller.shift(timedelta(days=-1))
                await wait_for_day(pilot, app, "11")
                assert "earlier than your history" in top_line(app, "clock")
                assert (ui_data_dir / "plan.json").read_bytes() == before
        finally:
            service.close()
