"""The countdown draws every part itself: what it shows before a plan, and long lines."""

from __future__ import annotations

from textual.app import App, ComposeResult

from exback_tui.resources import styles_dir
from exback_tui.widgets.countdown import Countdown
from tests.ui.conftest import countdown_lines, day_shown


class _OneCountdown(App[None]):
    CSS_PATH = [styles_dir() / "countdown.tcss"]

    def compose(self) -> ComposeResult:
        yield Countdown({})


async def test_before_a_plan_it_shows_day_and_the_bar_without_a_number():
    app = _OneCountdown()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        shown = countdown_lines(app)
        assert [line.rstrip() for line in shown[:3]] == ["", "", "Day"]
        assert shown[3].strip() == ""
        assert set(shown[4]) == {"─", "┃"}
        assert shown[5].split() == ["0", "21", "30"]
        assert "".join(shown[6:]).strip() == ""


async def test_a_long_line_wraps_and_nothing_below_it_is_cut_off(make_app):
    app = make_app(started_days_ago=1234, target_days=365)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [line.rstrip() for line in countdown_lines(app)]
        assert day_shown(app) == "1235"
        # The 21-day mark sits at the bar's start, its label over the "0".
        assert shown[5].split() == ["21", "365"]
        assert shown[6:] == [
            "1234 days done: goal reached",
            "The 21-day minimum is met",
            "Every milestone reached. Keep going",
            "as long as it helps.",
            "Streak 1234 · Longest 1234",
            "Attempts 1 · Total 1234 days",
        ]
