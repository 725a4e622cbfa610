"""The Today dashboard: the count, the check-in, slips and the keys, pressed for real."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from textual.widgets import Input

from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.help import HelpScreen
from exback_tui.screens.dialogs.slip import SlipDialog
from exback_tui.screens.hide import HideScreen
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.widgets.attempts import AttemptHistory
from exback_tui.widgets.today_action import TodayAction
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, day_shown, screen_text, settle, top_line


async def test_dashboard_shows_the_count_and_the_minimum(make_app):
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert day_shown(app) == "12"
        text = screen_text(app)
        assert "11 days done, 19 to your goal" in text
        assert "10 to the 21-day minimum" in text
        assert "Next: Two weeks, in 3 days" in text
        assert "Streak 11 · Longest 11" in text
        assert "Attempts 1 · Total 11 days" in text
        assert "Thursday 26 November 2026" in text


async def test_the_dashboard_is_drawn_by_few_widgets(make_app):
    """Each widget costs its styling, layout and drawing before the first frame (the
    speed budget): the two columns sit on the screen itself, with no row around them,
    and draw nothing themselves."""
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert [child.id for child in screen.children] == [
            "dashboard-top",
            "dashboard-left",
            "dashboard-right",
            None,  # the key bar
        ]
        assert len(list(screen.walk_children())) <= 15
        # The columns are not drawn (only their panels are), and the panels sit where
        # the columns put them: under the top lines, half the width each.
        assert not screen.query_one("#dashboard-left").visible
        assert not screen.query_one("#dashboard-right").visible
        top = screen.query_one("#dashboard-top").region
        left = screen.query_one("#countdown").region
        right = screen.query_one("#checkin").region
        assert (left.y, right.y) == (top.bottom, top.bottom)
        assert (left.x, left.right, right.x, right.right) == (0, 50, 50, 100)


async def test_milestone_day_shows_its_message(make_app):
    app = make_app(started_days_ago=21)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Today: The 21-day minimum!" in text
        assert "The 21-day minimum is met" in text
        reached = app.material.milestones["day-21"]
        drawn = app.screen.query_one(TodayAction).render()
        assert str(drawn).startswith(f"{reached.title}: {reached.message}\n\n")


async def test_check_in_in_a_few_keys_saves_without_touching_the_journal(make_app, ui_data_dir):
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "tab", "1", "0", "enter")
        await settle(pilot)
        assert "Check-in saved." in screen_text(app)
        assert "Today's check-in ✓" in str(app.screen.query_one("#checkin").border_title)
    _, checkins = read_plan_state(ui_data_dir)
    assert [(c.on, c.mood, c.urge, c.contacted) for c in checkins] == [(FIXED_TODAY, 4, 10, False)]
    assert sorted(p.name for p in ui_data_dir.iterdir()) == ["exback.lock", "plan.json"]


async def test_second_check_in_the_same_day_changes_the_first(make_app, ui_data_dir):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "tab", "7", "enter")
        await settle(pilot)
        await pilot.press("shift+tab", "5", "enter")
        await settle(pilot)
        assert "Check-in updated." in screen_text(app)
    _, checkins = read_plan_state(ui_data_dir)
    assert [(c.mood, c.urge) for c in checkins] == [(5, 7)]


async def test_answers_come_back_after_a_restart(make_app, ui_data_dir):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "tab", "2", "enter")
        await settle(pilot)
    app.service.close()
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.screen.query_one("#mood").value == 3
        assert again.screen.query_one("#urge").value == 2
        assert "Checked in for today" in screen_text(again)


async def test_out_of_range_digit_is_explained_and_changes_nothing(make_app, ui_data_dir):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "9")
        await pilot.pause()
        assert app.screen.query_one("#mood").value == 3
        assert "Mood goes from 1 to 5." in screen_text(app)
    _, checkins = read_plan_state(ui_data_dir)
    assert checkins == ()


async def test_enter_without_an_urge_asks_for_it(make_app, ui_data_dir):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "enter")
        await settle(pilot)
        assert "Pick a number for urge first." in screen_text(app)
        assert app.focused is app.screen.query_one("#urge")
    assert read_plan_state(ui_data_dir).checkins == ()


async def test_contact_yes_asks_before_recording_a_slip(make_app, ui_data_dir):
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "tab", "8", "tab", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SlipDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Nothing was saved." in screen_text(app)
        assert day_shown(app) == "12"
    plan, checkins = read_plan_state(ui_data_dir)
    assert plan is not None and len(plan.attempts) == 1 and checkins == ()


@pytest.mark.parametrize("trigger", HOSTILE_TEXTS)
async def test_slip_with_hostile_trigger_is_kept_and_shown_as_typed(make_app, ui_data_dir, trigger):
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "tab", "8", "tab", "right", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SlipDialog)
        # Paste-like: put the text straight into the field, as a terminal paste would.
        dialog.query_one("#slip-trigger", Input).insert_text_at_cursor(trigger)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert day_shown(app) == "1"
        history = str(app.screen.query_one(AttemptHistory).render())
        shown = trigger.replace("\x1b", "").replace("\x07", "")
        assert f"slip: {shown}" in history
        assert "Attempts 2 · Total 11 days" in screen_text(app)
        await pilot.click(AttemptHistory)  # a click on the text must do nothing
        await pilot.pause()
        assert app.is_running
    plan, checkins = read_plan_state(ui_data_dir)
    assert plan is not None
    assert plan.attempts[0].trigger == trigger
    assert plan.attempts[0].end == FIXED_TODAY
    assert [c.contacted for c in checkins] == [True]


def _slips_every_other_day(service) -> None:
    for back in range(24, 0, -2):  # 12 slips: 13 attempts, more than fit at 80x24
        day = FIXED_TODAY - timedelta(days=back)
        service.check_in(day, mood=3, urge=3, contacted=True, trigger=f"texted on day {back}")


def _attempts_drawn(app) -> list[str]:
    """The attempts panel as it is on screen, border included, row by row."""
    region = app.screen.query_one(AttemptHistory).region
    screen = app.screen._compositor.render_strips()  # every cell the terminal is sent
    return [strip.crop(region.x, region.right).text for strip in screen[region.y : region.bottom]]


async def test_many_attempts_scroll_with_the_mouse_wheel_and_take_no_focus(make_app):
    from textual import events

    app = make_app(started_days_ago=30, seed=_slips_every_other_day)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        history = app.screen.query_one(AttemptHistory)
        focused = app.focused
        rows = _attempts_drawn(app)
        assert "13. 24 Nov – now · 2 days" in rows[1]  # the newest first, under the border
        assert not any("1. 27 Oct" in row for row in rows)  # the oldest is below
        assert history.show_vertical_scrollbar
        for _ in range(15):  # the wheel over the panel, as the terminal sends it
            await pilot._post_mouse_events([events.MouseScrollDown], AttemptHistory, (3, 2))
        await settle(pilot)
        rows = _attempts_drawn(app)
        assert history.scroll_y == history.max_scroll_y > 0
        assert any("│ 1. 27 Oct – 2 Nov · 6 days · slip:" in row for row in rows), rows
        assert not any("13. 24 Nov" in row for row in rows)
        assert app.focused is focused and not history.can_focus


async def test_help_lists_the_keys_and_escape_closes_it(make_app):
    app = make_app(started_days_ago=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-global")
        rows = [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("q / ^q", "Quit") in rows
        assert ("? / f1", "Keys") in rows
        assert ("^l", "Hide") in rows
        assert ("^p", "Every screen and action") in rows
        checkin = app.screen.query_one("#help-checkin")
        assert checkin.row_count == 5
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_ctrl_l_hides_until_the_next_key_which_does_nothing_else(make_app):
    app = make_app(started_days_ago=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HideScreen)
        assert "12" not in screen_text(app) and "Day" not in screen_text(app)
        await pilot.press("q")  # the key that wakes it must not also quit
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys(make_app, key):
    app = make_app(started_days_ago=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_clock_behind_is_noted_and_writes_are_refused(make_app, ui_data_dir):
    app = make_app(started_days_ago=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "tab", "3", "enter")
        await settle(pilot)
    app.service.close()
    before = (ui_data_dir / "plan.json").read_bytes()
    yesterday = FIXED_TODAY - timedelta(days=1)
    again = make_app(today=yesterday)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "earlier than your history" in top_line(again, "clock")
        await pilot.press("4", "tab", "4", "enter")
        await settle(pilot)
        assert "Check the clock" in screen_text(again)
    assert (ui_data_dir / "plan.json").read_bytes() == before


async def test_last_30_days_show_checkins_urges_resisted_and_the_latest_entry(make_app):
    from datetime import datetime, time

    def seed(service) -> None:
        # 35 days of check-ins: the 6 oldest fall outside the last 30 days.
        for days_ago in range(35, 0, -1):
            day = FIXED_TODAY - timedelta(days=days_ago)
            service.check_in(day, mood=1 + days_ago % 5, urge=days_ago % 3, contacted=False)
        written = datetime.combine(FIXED_TODAY - timedelta(days=2), time(21, 5), UTC)
        service.add_entry(written, "Long day.\nStill here.", title="[bold] evening")
        # Urges resisted are the messages kept unsent (one count everywhere): 2 of 3.
        for text, outcome in (("one", "sent"), ("two", "let-go"), ("three", "let-go")):
            service.keep_urge(text, written)
            service.decide_urge(service.program().urges[-1].id, outcome, written)

    expected_resisted = 2
    app = make_app(started_days_ago=40, seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lines = str(app.screen.query_one("#trends").render()).splitlines()
        mood = lines[0].removeprefix("Mood  ")
        urge = lines[1].removeprefix("Urge  ")
        # 30 days up to today: 29 check-ins, then today's dot (not checked in yet).
        assert len(mood) == len(urge) == 30
        assert mood.count("·") == urge.count("·") == 1 and mood.endswith("·")
        # Column i is 29 - i days ago; a higher mood never draws a lower bar.
        bars = "▁▂▃▄▅▆▇█"
        pairs = sorted((1 + (29 - i) % 5, bars.index(mood[i])) for i in range(29))
        assert [height for _, height in pairs] == sorted(height for _, height in pairs)
        assert dict(pairs)[5] == len(bars) - 1 and dict(pairs)[1] < dict(pairs)[2]
        assert f"29 check-ins · urges resisted: {expected_resisted}" in screen_text(app)
        assert "Latest entry, 24 Nov: [bold] evening" in screen_text(app)


async def test_latest_entry_line_before_any_entry(make_app):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "No journal entries yet" in screen_text(app)


async def test_a_slip_made_elsewhere_shows_as_contacted_yes(make_app, ui_data_dir):
    # `exback slip` (or step 1) records the slip; today's check-in says so.
    app = make_app(started_days_ago=11, seed=lambda service: service.slip(FIXED_TODAY, "texted"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#contacted").value is True
        assert app.screen.query_one("#contacted").render_line(0).text.split() == ["Yes"]
        # Checking in now asks no second slip and adds no empty attempt; saying "no"
        # can't hide the slip, and the form says how to take it back.
        await pilot.press("2", "tab", "8", "tab", "space", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, SlipDialog)
        assert app.material.text["checkin"]["slip_kept"] in screen_text(app)
        assert app.screen.query_one("#contacted").value is True
    plan, checkins = read_plan_state(ui_data_dir)
    assert len(plan.attempts) == 2
    assert [(c.mood, c.urge, c.contacted) for c in checkins] == [(2, 8, True)]


async def test_urges_resisted_on_today_match_the_count_the_box_gives(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        for message in ("hey", "call me"):
            await pilot.press("u")
            await pilot.pause()
            await pilot.press(*message, "ctrl+s")
            await settle(pilot)
        kept = app.material.text["urge"]["kept"].format(count=2)
        assert any(kept in str(n.message) for n in app._notifications)
        assert "urges resisted: 2" in screen_text(app)


@pytest.mark.parametrize(
    ("days", "target", "when"),
    [
        (14, 30, "day-14"),
        (26, 30, "before-target"),
        (31, 30, "after-target"),
        (3, 30, "first-days"),
    ],
)
async def test_todays_action_is_chosen_for_the_day_and_the_period(make_app, days, target, when):
    app = make_app(started_days_ago=days, target_days=target)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = app.screen.query_one(TodayAction).action_text
        assert shown in str(app.screen.query_one(TodayAction).render())
        [action] = [a for a in app.material.actions if a.text == shown]
        assert action.when == when
        assert "Two weeks in" not in shown or days == 14


async def open_past_day(pilot):
    from exback_tui.screens.dialogs.past_checkin import PastCheckInDialog

    pilot.app.screen.query_one("#checkin-past").focus()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PastCheckInDialog)
    return pilot.app.screen


async def test_a_missed_day_is_filled_in_from_the_check_in_panel(make_app, ui_data_dir):
    app = make_app(started_days_ago=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = await open_past_day(pilot)
        # Yesterday is offered first; pick 3 days ago with the keys.
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert dialog.query_one("#past-day").value == FIXED_TODAY - timedelta(days=3)
        await pilot.press("tab", "2", "tab", "6", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Check-in for Mon 23 Nov saved, marked as added later." in screen_text(app)
    plan, checkins = read_plan_state(ui_data_dir)
    assert len(plan.attempts) == 1
    assert [(c.on, c.mood, c.urge, c.contacted, c.added_later) for c in checkins] == [
        (FIXED_TODAY - timedelta(days=3), 2, 6, False, True)
    ]


async def test_contact_on_a_missed_day_shows_what_changes_and_asks(make_app, ui_data_dir):
    from exback_tui.screens.dialogs.confirm import ConfirmDialog

    app = make_app(started_days_ago=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_past_day(pilot)
        await pilot.press("tab", "1", "tab", "9", "tab", "space", "tab", *"their birthday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one("#confirm-body").render())
        assert "Now: from Sat 14 Nov, still running (12 days)" in body
        assert "Becomes: Sat 14 Nov to Wed 25 Nov (11 days), ended by contact" in body
        assert "Becomes: from Wed 25 Nov, still running (1 day)" in body
        await pilot.press("escape")  # go back: nothing changes
        await settle(pilot)
        assert read_plan_state(ui_data_dir).checkins == ()
        await open_past_day(pilot)
        await pilot.press("tab", "1", "tab", "9", "tab", "space", "tab", *"their birthday", "enter")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert "Streak 1" in screen_text(app)
    plan, checkins = read_plan_state(ui_data_dir)
    yesterday = FIXED_TODAY - timedelta(days=1)
    assert [(a.start, a.end, a.trigger) for a in plan.attempts] == [
        (FIXED_TODAY - timedelta(days=12), yesterday, "their birthday"),
        (yesterday, None, ""),
    ]
    assert [(c.on, c.contacted, c.added_later) for c in checkins] == [(yesterday, True, True)]


@pytest.mark.parametrize("size", [(160, 48), (200, 60)])
async def test_a_big_terminal_shows_more_days_and_more_entries(make_app, size):
    def seed(service) -> None:
        for number in range(6):
            written = datetime.combine(FIXED_TODAY - timedelta(days=number), time(9), UTC)
            service.add_entry(written, f"entry {number}")

    app = make_app(started_days_ago=40, seed=seed)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        trends = app.screen.query_one("#trends")
        lines = str(trends.render()).splitlines()
        mood = lines[0].removeprefix("Mood  ")
        assert len(mood) > 60 and len(mood) >= trends.size.width - 7
        assert str(trends.border_title) == f"Last {len(mood)} days"
        text = screen_text(app)
        assert all(f"entry {number}" in text for number in range(6))


async def test_on_contacted_space_and_arrows_answer_and_n_is_still_a_new_entry(make_app):
    from exback_tui.screens.entry_editor import EntryEditorScreen

    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        switch = app.screen.query_one("#contacted")
        assert app.focused is switch
        await pilot.press("space")
        assert switch.value is True
        await pilot.press("left")
        assert switch.value is False
        await pilot.press("right")
        assert switch.value is True
        await pilot.press("y")
        assert switch.value is True and isinstance(app.screen, DashboardScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditorScreen)


async def test_what_waits_for_the_first_paint_runs_once_a_frame_is_drawn(make_app, monkeypatch):
    """Hard dates, the care line and kept messages come after the count is on screen,
    not before it: at start-up a screen's own call_after_refresh would run at once."""
    from textual.app import App

    frames: list[object] = []
    seen_when_run: list[int] = []
    display = App._display
    after = DashboardScreen._after_first_paint

    def counting_display(self, screen, renderable):  # noqa: ANN001, ANN202 - Textual's
        if renderable is not None and self._running and not self._batch_count:
            frames.append(renderable)  # drawn: not thrown away inside a batch update
        return display(self, screen, renderable)

    def noting_after(self) -> None:  # noqa: ANN001
        seen_when_run.append(len(frames))
        after(self)

    monkeypatch.setattr(App, "_display", counting_display)
    monkeypatch.setattr(DashboardScreen, "_after_first_paint", noting_after)
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(seen_when_run) == 1
        assert seen_when_run[0] >= 1  # a frame was drawn before it ran
