"""The weekly review: offered on Today from the seventh day, saved as a `review` entry,
skippable, and showing exactly the figures `exback week --json` prints."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, datetime, time

import time_machine
from textual.widgets import Static

from exback_tui.domain.figures import REVIEW_TAG
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.review import ReviewScreen
from exback_tui.widgets.safe_input import SafeInput
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import settle, top_line, wait_until
from tests.ui.test_commands import run_command


async def _journal_loaded(pilot) -> None:
    await pilot.pause()
    await wait_until(pilot, lambda: pilot.app.journal is not None, "the journal to load")


def _ready_shown(app) -> bool:
    return bool(top_line(app, "review"))


async def test_today_says_the_review_is_ready_from_the_seventh_day_only(make_app):
    app = make_app(started_days_ago=6)
    async with app.run_test(size=(100, 30)) as pilot:
        await _journal_loaded(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not _ready_shown(app)
    app.service.close()
    later = make_app(started_days_ago=7)
    async with later.run_test(size=(100, 30)) as pilot:
        await _journal_loaded(pilot)
        assert _ready_shown(later)
        assert "weekly review" in top_line(later, "review")


def _seed_week(service) -> None:
    start = FIXED_TODAY.replace(day=FIXED_TODAY.day - 10)
    service.begin(start, start, 30)
    for back in (9, 8, 3, 2, 0):
        day = FIXED_TODAY.replace(day=FIXED_TODAY.day - back)
        service.check_in(day, 1 + back % 5, back, False)
    service.add_entry(datetime.combine(FIXED_TODAY, time(8)).astimezone(), "a [bold] note")
    service.add_hard_date("Their <b>birthday</b>", 12, 1)
    # Kept messages: resisted are the ones let go or waiting, counted in the week written.
    # (The waiting one is from this morning, before the app's 7:30: not back for review yet.)
    for back, hour, outcome in (
        (0, 6, "waiting"),
        (1, 22, "let-go"),
        (2, 22, "sent"),
        (9, 22, "let-go"),
    ):
        day = FIXED_TODAY.replace(day=FIXED_TODAY.day - back)
        written = datetime.combine(day, time(hour), UTC)
        service.keep_urge("call them", written)
        if outcome != "waiting":
            service.decide_urge(service.program().urges[-1].id, outcome, written)


async def test_the_review_shows_what_exback_week_prints_and_saves_a_review_entry(
    make_app, ui_data_dir
):
    from exback_tui.cli import main

    def run_cli(*args: str) -> str:
        # The running app holds sys.stdout; the command prints into its own buffer.
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--data-dir", str(ui_data_dir), *args]) == 0
        return out.getvalue()

    app = make_app(seed=_seed_week)
    async with app.run_test(size=(100, 40)) as pilot:
        await _journal_loaded(pilot)
        assert _ready_shown(app)
        await run_command(pilot, "weekly review")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        shown = str(screen.query_one("#review-figures", Static).render())
        with time_machine.travel(datetime.combine(FIXED_TODAY, time(12)).astimezone(), tick=False):
            printed = run_cli("week")
            figures = json.loads(run_cli("week", "--json"))
        assert shown == printed.rstrip("\n")
        assert figures["this_week"]["checkins"] == 3
        assert figures["last_week"]["checkins"] == 2
        assert figures["this_week"]["urges_resisted"] == 2
        assert figures["last_week"]["urges_resisted"] == 1
        resisted_row = next(line for line in shown.splitlines() if line.startswith("Urges"))
        assert resisted_row.split()[-2:] == ["2", "1"]
        assert "Their <b>birthday</b>: 2026-12-01" in shown
        this_row = next(line for line in shown.splitlines() if line.startswith("Check-ins"))
        assert this_row.split()[1:] == ["3", "2"]

        await pilot.press(*"the walks")
        await pilot.press("tab", *"sunday night", "tab", *"[bold] call a friend")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ReviewScreen), "the save")
        assert isinstance(app.screen, DashboardScreen)
        assert not _ready_shown(app)
    reviews = [e for e in app.service.journal_entries() if REVIEW_TAG in e.tags]
    assert len(reviews) == 1
    text = reviews[0].text
    assert "the walks" in text and "sunday night" in text and "[bold] call a friend" in text
    assert "What helped most this week" in text
    assert reviews[0].title == f"Weekly review, {FIXED_TODAY.isoformat()}"


async def test_not_now_saves_nothing_and_the_palette_opens_it_again(make_app):
    app = make_app(started_days_ago=8)
    async with app.run_test(size=(100, 30)) as pilot:
        await _journal_loaded(pilot)
        await run_command(pilot, "weekly review")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press(*"half an answer", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # typed words are not dropped unasked
        await pilot.press("escape")  # keep writing
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one("#review-prompt_1", SafeInput).value == "half an answer"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert _ready_shown(app)
        await run_command(pilot, "weekly review")
        assert isinstance(app.screen, ReviewScreen)
    assert not [e for e in app.service.journal_entries() if REVIEW_TAG in e.tags]


async def test_the_review_day_chosen_in_settings_moves_when_the_review_is_due(
    make_app, ui_data_dir
):
    from textual.widgets import Select

    from exback_tui.screens.settings import SettingsScreen
    from exback_tui.store.plan.snapshot import read_plan_state

    # Started Monday 16 November: the first review was Monday 23rd and was saved then.
    # Today is Thursday 26th: with the default day (Monday) nothing is due until the 30th.
    def seed(service) -> None:
        saved = datetime.combine(FIXED_TODAY.replace(day=23), time(20), UTC)
        service.add_entry(saved, "the first week", tags=(REVIEW_TAG,))

    app = make_app(started_days_ago=10, seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await _journal_loaded(pilot)
        assert not _ready_shown(app)
        await run_command(pilot, "settings")
        assert isinstance(app.screen, SettingsScreen)
        review = app.screen.query_one("#settings-review", Select)
        review.focus()
        await pilot.pause()
        # The list: "the default (Monday)", then Monday to Sunday; Wednesday is 3 down.
        await pilot.press("enter", "down", "down", "down", "enter")
        await settle(pilot)
        assert review.value == 2
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: app.status is not None and app.status.plan.review_weekday == 2,
            "the review day saved",
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        # Wednesday 25th has come since the last review: Today offers it.
        assert _ready_shown(app)
    assert read_plan_state(ui_data_dir).plan.review_weekday == 2
