"""Item 6: time. Extends tests/ui/test_rollover.py (midnight in five zones, the
nights clocks change, a 34-hour suspend, a clock one day back), without
repeating it:

- the DST transition instant itself (02:00 in New York, Lord Howe's
  half-hour shift) while the app is open: nothing but the clock changes;
- a whole DST day stepped through, half an hour at a time: the count moves
  exactly once, at each local midnight, and the date line follows;
- a clock that goes back a day: nothing can be written for the earlier day
  (check-in, slip), the note says why, and it all recovers when the clock does;
- a machine suspended across midnight (and across a DST change, for days,
  with the editor open): the first thing done after waking goes to the new
  day, even before the next tick;
- the command line on the same clocks.

time-machine moves the wall clock (and, given a ZoneInfo, the TZ the process
sees); Textual's own timers keep running on the monotonic clock.
"""

from __future__ import annotations

import contextlib
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from exback_tui import cli
from exback_tui.app import ExBackApp
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.service import ExBackService
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.widgets.entry_text_area import EntryTextArea
from tests.reliability.support_rel2 import check_screen
from tests.ui.conftest import screen_text, settle, top_line
from tests.ui.test_rollover import day_shown, open_app, wait_for_day

NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")

# (zone, a moment ten seconds before the change, how far the clock jumps)
TRANSITIONS = [
    pytest.param(NEW_YORK, datetime(2026, 11, 1, 1, 59, 50), -60, id="new-york-back"),
    pytest.param(NEW_YORK, datetime(2026, 3, 8, 1, 59, 50), 60, id="new-york-forward"),
    pytest.param(LORD_HOWE, datetime(2026, 4, 5, 1, 59, 50), -30, id="lord-howe-back"),
    pytest.param(LORD_HOWE, datetime(2026, 10, 4, 1, 59, 50), 30, id="lord-howe-forward"),
]


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def clock_note(app) -> str:
    return top_line(app, "clock")


@pytest.mark.parametrize(("zone", "before", "jump"), TRANSITIONS)
async def test_the_dst_change_itself_moves_only_the_clock(ui_data_dir, zone, before, jump):
    with time_machine.travel(before.replace(tzinfo=zone), tick=False) as traveller:
        today = date.today()
        assert today == before.date()
        offset_before = offset_minutes(datetime.now().astimezone())
        app, service = open_app(ui_data_dir, today - timedelta(days=11), today)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("3", "tab", "2", "enter")
                await settle(pilot)
                plan_bytes = (ui_data_dir / "plan.json").read_bytes()
                traveller.shift(timedelta(seconds=20))
                now = datetime.now().astimezone()
                # The wall clock really jumped (by 30 minutes on Lord Howe).
                assert offset_minutes(now) - offset_before == jump
                assert now.date() == today
                await pilot.pause(0.3)  # several ticks
                assert day_shown(app) == "12"
                assert clock_note(app) == ""
                assert "Checked in for today" in screen_text(app)
                assert (ui_data_dir / "plan.json").read_bytes() == plan_bytes
                # An entry written now carries the new offset and today's date.
                app.action_new_entry()
                await pilot.pause()
                app.screen.query_one(EntryTextArea).insert("after the change")
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert isinstance(app.screen, DashboardScreen)
        finally:
            service.close()
    [entry] = read_journal(ui_data_dir)
    assert entry.created.date() == today
    assert offset_minutes(entry.created) == offset_before + jump


DST_DAYS = [
    pytest.param(NEW_YORK, date(2026, 11, 1), id="new-york-25-hours"),
    pytest.param(NEW_YORK, date(2026, 3, 8), id="new-york-23-hours"),
    pytest.param(LORD_HOWE, date(2026, 4, 5), id="lord-howe-24h30"),
    pytest.param(LORD_HOWE, date(2026, 10, 4), id="lord-howe-23h30"),
]


@pytest.mark.parametrize(("zone", "dst_day"), DST_DAYS)
async def test_a_dst_day_stepped_through_counts_each_midnight_once(ui_data_dir, zone, dst_day):
    evening = datetime.combine(dst_day - timedelta(days=1), datetime.min.time()).replace(
        hour=21, tzinfo=zone
    )
    start = dst_day - timedelta(days=1 + 11)
    with time_machine.travel(evening, tick=False) as traveller:
        app, service = open_app(ui_data_dir, start, date.today())
        app._day_check_seconds = 3600.0  # this test ticks by hand
        seen: list[tuple[date, str, str]] = []
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                for _ in range(2 * 48):  # 48 hours of wall-clock time, 30 minutes a step
                    traveller.shift(timedelta(minutes=30))
                    app.check_day()  # what the tick does (watchers run at once)
                    local = datetime.now().astimezone().date()
                    shown = top_line(app, "date")
                    seen.append((local, day_shown(app), str(shown)))
        finally:
            service.close()
    for local, day, line in seen:
        assert day == str((local - start).days + 1), (local, day)
        assert line == local.strftime("%A %-d %B %Y")
    days = [int(day) for _, day, _ in seen]
    changes = [b - a for a, b in zip(days, days[1:], strict=False) if b != a]
    assert changes == [1, 1]  # the midnight before the DST day's end, and the next one
    # The DST day has 23, 23.5, 24.5 or 25 hours: its steps are all the same date.
    on_dst_day = [local for local, _, _ in seen if local == dst_day]
    hours = {23 * 2: 23.0, 47: 23.5, 49: 24.5, 50: 25.0}
    assert len(on_dst_day) in hours


async def test_while_the_clock_is_behind_nothing_is_written_and_all_recovers(ui_data_dir):
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
                assert "earlier than your history" in clock_note(app)
                # A check-in for the earlier day is refused, with the reason on screen.
                app.screen.query_one("#mood").focus()
                await pilot.press("4", "tab", "5", "enter")
                await settle(pilot)
                text = screen_text(app)
                assert "clock" in text.lower()
                # So is a slip (contact: yes).
                await pilot.press("shift+tab", "shift+tab")
                app.screen.query_one("#mood").focus()
                await pilot.press("2", "tab", "8", "tab", "space", "enter")
                await pilot.pause()
                if not isinstance(app.screen, DashboardScreen):
                    await pilot.press("enter")  # the slip dialog: record it
                    await settle(pilot)
                check_screen(app)
                assert app.is_running
                assert (ui_data_dir / "plan.json").read_bytes() == before
                # The clock comes right: the note goes, today's check-in is back.
                traveller.shift(timedelta(days=1))
                await wait_for_day(pilot, app, "12")
                assert clock_note(app) == ""
                assert "Checked in for today" in screen_text(app)
        finally:
            service.close()
    plan, checkins = read_plan_state(ui_data_dir)
    assert plan is not None and len(plan.attempts) == 1
    assert [(c.on, c.mood, c.urge) for c in checkins] == [(date(2026, 11, 26), 3, 2)]


async def test_the_first_check_in_after_waking_goes_to_the_new_day(ui_data_dir):
    """Suspended overnight: a check-in made before the next tick must not overwrite yesterday's."""
    evening = datetime(2026, 11, 26, 22, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with time_machine.travel(evening, tick=False) as traveller:
        today = date.today()
        service = ExBackService(ui_data_dir).open(for_tui=True)
        service.begin(today, today - timedelta(days=5))
        app = ExBackApp(service)  # the real clock and the real 30-second tick
        app.animation_level = "none"
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("3", "tab", "2", "enter")
                await settle(pilot)
                traveller.shift(timedelta(hours=10))  # the lid opens at 08:00
                app.screen.query_one("#mood").focus()
                await pilot.press("5", "tab", "1", "enter")
                await settle(pilot)
                assert day_shown(app) == "7"
                assert "Checked in for today" in screen_text(app)
        finally:
            service.close()
    _, checkins = read_plan_state(ui_data_dir)
    assert [(c.on, c.mood, c.urge) for c in checkins] == [
        (date(2026, 11, 26), 3, 2),
        (date(2026, 11, 27), 5, 1),
    ]


async def test_suspended_for_days_across_a_dst_change_with_the_editor_open(ui_data_dir):
    evening = datetime(2026, 10, 30, 22, 0, tzinfo=NEW_YORK)
    with time_machine.travel(evening, tick=False) as traveller:
        today = date.today()
        app, service = open_app(ui_data_dir, today - timedelta(days=5), today)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert day_shown(app) == "6"
                await pilot.press("n")
                await pilot.pause()
                assert isinstance(app.screen, EntryEditorScreen)
                app.screen.query_one(EntryTextArea).insert("written before the lid closed")
                # Three nights and the end of summer time later.
                traveller.shift(timedelta(days=3, hours=1))
                await pilot.pause(0.2)
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert isinstance(app.screen, DashboardScreen)
                await wait_for_day(pilot, app, "9")
                assert "Thursday" not in top_line(app, "date")
        finally:
            service.close()
    [entry] = read_journal(ui_data_dir)
    assert entry.created.date() == date(2026, 11, 2)
    assert offset_minutes(entry.created) == -5 * 60  # EST now


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("zone", "dst_day"), DST_DAYS)
def test_the_command_line_counts_dates_across_dst(tmp_path: Path, zone, dst_day):
    data = ["--data-dir", str(tmp_path / "data")]
    # 23:50 the evening before, then ten minutes after each of the next two midnights.
    evening = datetime.combine(dst_day - timedelta(days=1), datetime.min.time())
    with time_machine.travel(evening.replace(hour=23, minute=50, tzinfo=zone), tick=False) as t:
        assert run_cli(*data, "start", "--on", "3 days ago")[0] == 0
        assert run_cli(*data, "today", "--short")[1] == "NC 4/30\n"
        t.shift(timedelta(minutes=20))
        assert date.today() == dst_day
        assert run_cli(*data, "today", "--short")[1] == "NC 5/30\n"
        assert run_cli(*data, "checkin", "--mood", "3", "--urge", "1")[0] == 0
        # The next local midnight is 23, 23.5, 24.5 or 25 hours away.
        next_midnight = datetime.combine(dst_day + timedelta(days=1), datetime.min.time())
        t.move_to(next_midnight.replace(minute=10, tzinfo=zone))
        assert run_cli(*data, "today", "--short")[1] == "NC 6/30\n"
    _, checkins = read_plan_state(tmp_path / "data")
    assert [c.on for c in checkins] == [dst_day]


def test_the_command_line_with_the_clock_behind_says_so_and_writes_nothing(tmp_path: Path):
    data = ["--data-dir", str(tmp_path / "data")]
    noon = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
    with time_machine.travel(noon, tick=False) as traveller:
        assert run_cli(*data, "start", "--on", "11 days ago")[0] == 0
        assert run_cli(*data, "checkin", "--mood", "3", "--urge", "2")[0] == 0
        before = {p.name: p.read_bytes() for p in (tmp_path / "data").iterdir()}
        traveller.shift(timedelta(days=-1))
        status, out, err = run_cli(*data, "today")
        assert status == 0 and "Day 11" in out
        assert "earlier than your history" in err
        for args in (
            ("checkin", "--mood", "4", "--urge", "1"),
            ("slip", "--note", "x"),
            ("checkin", "--mood", "4", "--urge", "1", "--contacted"),
        ):
            status, out, err = run_cli(*data, *args)
            assert status == 2, (args, out, err)
            assert err.startswith("exback:") and "clock" in err.lower()
        after = {p.name: p.read_bytes() for p in (tmp_path / "data").iterdir()}
        assert after == before
