"""Progress (`p`): two years of history, drawn; triggers as typed; reached by key and palette."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.checkin import CheckIn
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.progress import ProgressScreen
from exback_tui.screens.progress.charts import (
    AttemptTimeline,
    CheckinCalendar,
    TriggerList,
    WeeklyTrends,
)
from tests.conftest import FIXED_TODAY
from tests.generated_history import SLIPS, seed_two_years
from tests.ui.conftest import screen_text, settle, wait_until
from tests.ui.test_commands import run_command


def two_years(service) -> None:
    seed_two_years(service, FIXED_TODAY)


async def open_progress(pilot) -> ProgressScreen:
    await pilot.pause()
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    await wait_until(pilot, lambda: pilot.app.journal is not None, "the journal to load")
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_p_shows_every_attempt_with_its_trigger_as_typed(make_app, size):
    app = make_app(seed=two_years)
    async with app.run_test(size=size) as pilot:
        screen = await open_progress(pilot)
        timeline = screen.query_one(AttemptTimeline).text()
        for _, trigger in SLIPS:
            assert trigger in timeline  # [bold]...[/] and <script> as typed
        assert timeline.count(" d\n") + timeline.endswith(" d") == 6
        assert "|" in timeline and ":" in timeline  # the 21-day minimum and the goal
        shown = screen_text(app)
        assert "Attempts: 6" in shown
        assert "2 times  saw the photos from the trip" in screen.query_one(TriggerList).text()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_the_calendar_has_a_cell_per_day_gaps_and_high_urges(make_app):
    app = make_app(seed=two_years)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_progress(pilot)
        calendar = screen.query_one(CheckinCalendar).text()
        status = app.status
        assert status is not None
        days = (FIXED_TODAY - (FIXED_TODAY - timedelta(days=730))).days + 1
        cells = sum(calendar.count(mark) for mark in "■!·")
        assert cells == days
        assert calendar.count("·") == days - len(status.checkins)
        high = sum(1 for c in status.checkins if c.urge >= 7)
        assert calendar.count("!") == high


async def test_the_weekly_trends_count_every_entry_once_the_journal_is_loaded(make_app):
    app = make_app(seed=two_years)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_progress(pilot)
        trends = screen.query_one(WeeklyTrends)
        assert sum(week.entries for week in trends._weeks) == 2000
        text = trends.text()
        assert text.splitlines()[0].strip().endswith("2026-11-29")  # the Sunday of this week
        assert {"Mood", "Urge", "Resisted", "Entries"} <= {
            line.split()[0] for line in text.splitlines()[1:]
        }


async def test_progress_from_the_palette(make_app):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, "progress")
        assert isinstance(app.screen, ProgressScreen)
        assert "Attempts: 1" in screen_text(app)
        triggers = app.screen.query_one(TriggerList)
        assert "No attempt has ended in contact." in triggers.text()
        assert triggers.head_text() == app.material.text["progress"]["triggers_title"]


async def test_page_down_scrolls_at_80x24(make_app):
    app = make_app(seed=two_years)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        body = screen.query_one("#progress-body")
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_y > 0


async def test_the_palette_writes_the_report_and_says_where(make_app):
    import stat
    from pathlib import Path

    def seed(service) -> None:
        two_years(service)
        service.add_entry(
            datetime.combine(FIXED_TODAY, time(8)).astimezone(), "planted zanzibarquokka"
        )

    app = make_app(seed=seed)
    target = Path.home() / f"exback-report-{FIXED_TODAY.isoformat()}.html"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, "report to share")
        await wait_until(pilot, target.exists, "the report")
        await wait_until(pilot, lambda: app._notifications, "the notification")
        said = [str(n.message) for n in app._notifications]
        assert any(f"~/{target.name}" in message for message in said), said
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    assert "zanzibarquokka" not in page


@st.composite
def calendars(draw):
    first = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
    today = first + timedelta(days=draw(st.integers(0, 800)))
    span = (today - first).days + 1
    offsets = draw(st.lists(st.integers(0, span - 1), unique=True, max_size=span))
    checkins = sorted(
        (
            CheckIn(
                first + timedelta(days=o),
                draw(st.integers(1, 5)),
                draw(st.integers(0, 10)),
                False,
                draw(st.booleans()),
            )
            for o in offsets
        ),
        key=lambda c: c.on,
    )
    return first, today, checkins, draw(st.integers(20, 200))


@given(calendars())
def test_the_calendar_draws_every_day_once_at_any_width(case):
    first, today, checkins, width = case
    chart = CheckinCalendar()
    chart.show(checkins, first, today)
    lines = chart.lay_out(width)
    drawn = "\n".join("".join(text for text, _ in line) for line in lines)
    days = (today - first).days + 1
    assert sum(drawn.count(mark) for mark in "■!□·") == days
    assert drawn.count("·") == days - len(checkins)
    assert drawn.count("!") == sum(1 for c in checkins if c.urge >= 7)
    assert drawn.count("□") == sum(1 for c in checkins if c.added_later and c.urge < 7)
    assert all(sum(len(text) for text, _ in line) <= max(width, 20) for line in lines)


@pytest.mark.parametrize(
    ("first", "today", "width", "label"),
    [
        # Five weeks: December starts in the last week, past the end of the short band.
        (date(2026, 11, 2), date(2026, 12, 6), 80, "2026 Nov Dec"),
        # A band that starts well into a month names that month before the next one.
        (date(2026, 8, 3), date(2026, 12, 6), 80, "2026 Aug Sep Oct Nov  Dec"),
    ],
)
def test_every_month_a_band_shows_is_named(first, today, width, label):
    chart = CheckinCalendar()
    chart.show([], first, today)
    lines = chart.lay_out(width)
    assert "".join(text for text, _ in lines[0]).rstrip() == label


async def test_urges_resisted_agree_on_today_in_the_urge_box_on_progress_and_in_week(
    make_app, ui_data_dir
):
    import contextlib
    import io
    import json

    import time_machine

    from exback_tui.cli import main
    from exback_tui.domain.urges import urges_resisted
    from exback_tui.screens.urge import UrgeScreen

    # Kept messages over three weeks: 5 let go or waiting, 2 sent.
    kept = [(20, "let-go"), (16, "sent"), (12, "let-go"), (9, "let-go"), (6, "sent")]
    kept += [(3, "let-go"), (0, "waiting")]  # waiting since 6:00 today: not back yet

    def seed(service) -> None:
        for back, outcome in kept:
            written = datetime.combine(FIXED_TODAY - timedelta(days=back), time(6), UTC)
            service.keep_urge("please answer", written)
            if outcome != "waiting":
                service.decide_urge(service.program().urges[-1].id, outcome, written)
            # A calm check-in that day: the check-ins never add to the count.
            service.check_in(written.date(), 4, 1, False)

    app = make_app(started_days_ago=25, seed=seed)
    total = 5
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert urges_resisted(app.program.urges) == total
        assert f"urges resisted: {total}" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UrgeScreen)
        box = app.material.text["urge"]["resisted_many"].format(count=total)
        assert box in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        screen = await open_progress(pilot)
        weeks = screen.query_one(WeeklyTrends)._weeks
        assert sum(week.urges_resisted for week in weeks) == total
        out = io.StringIO()
        with (
            time_machine.travel(datetime.combine(FIXED_TODAY, time(12)).astimezone(), tick=False),
            contextlib.redirect_stdout(out),
        ):
            assert main(["--data-dir", str(ui_data_dir), "week", "--json"]) == 0
    figures = json.loads(out.getvalue())
    # The last 7 days hold 2 resisted (3 days ago and today; 6 days ago was sent), the 7 before 2.
    this_week = figures["this_week"]["urges_resisted"]
    last_week = figures["last_week"]["urges_resisted"]
    assert (this_week, last_week) == (2, 2)
    by_week = {week.start: week.urges_resisted for week in weeks}
    assert by_week == {
        w.start: sum(
            1
            for back, outcome in kept
            if outcome != "sent" and w.start <= FIXED_TODAY - timedelta(days=back) <= w.end
        )
        for w in weeks
    }


async def test_a_check_in_added_later_has_its_own_mark_on_the_calendar(make_app):
    from exback_tui.screens.progress.charts import LATER

    filled = FIXED_TODAY - timedelta(days=3)
    filled_high = FIXED_TODAY - timedelta(days=5)

    def seed(service) -> None:
        for back in (6, 4, 2, 1):
            day = FIXED_TODAY - timedelta(days=back)
            service.check_in(day, 3, 2, False)  # on the day itself
        service.check_in(FIXED_TODAY, 2, 6, False, on=filled)  # a missed day, filled in
        service.check_in(FIXED_TODAY, 1, 8, False, on=filled_high)

    # Thursday 26 November, started on Monday 16th: the week's column is the last one.
    app = make_app(started_days_ago=10, seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_progress(pilot)
        chart = screen.query_one(CheckinCalendar)
        text = chart.text()
        assert text.count(LATER) == 1
        assert text.count("!") == 1
        assert text.count("■") == 4
        # The row of each weekday holds its day's cell; the filled-in Monday is the added mark.
        rows = text.splitlines()
        monday_row = rows[1]
        assert monday_row.rstrip().endswith(LATER)  # Monday 23rd: 3 days ago
        saturday_row = rows[6]
        assert saturday_row.rstrip().endswith("!")  # Saturday 21st: 5 days ago
        # Drawn underlined (the added-later style) in their mood's colour; the others not.
        mood_colour = {
            mood: chart.get_component_rich_style(f"calendar--mood-{mood}").color
            for mood in (1, 2, 3)
        }
        cells = {
            segment.text: segment.style
            for y in range(chart.size.height)
            for segment in chart.render_line(y)
            if segment.text in ("!", LATER, "■") and segment.style is not None
        }
        assert cells[LATER].underline and cells[LATER].color == mood_colour[2]
        assert cells["!"].underline and cells["!"].color == mood_colour[1]
        assert not cells["■"].underline and cells["■"].color == mood_colour[3]
        legend = chart.head_text()  # the calendar draws its heading and legend itself
        assert legend.startswith(app.material.text["progress"]["calendar_title"])
        assert f"{LATER} added later" in legend


async def test_p_again_shows_the_same_screen_at_the_top_with_what_changed_meanwhile(
    make_app, ui_data_dir
):
    from exback_tui.store.plan.snapshot import read_plan_state

    app = make_app(started_days_ago=11)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_progress(pilot)
        assert "Check-ins: 0." in screen_text(app)
        body = first.query_one("#progress-body")
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_y > 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("4", "tab", "1", "0", "enter")  # today's check-in
        await settle(pilot)
        assert "Check-in saved." in screen_text(app)
        again = await open_progress(pilot)
        assert again is first  # built once: not composed, mounted and styled again
        assert body.scroll_y == 0  # back at the top, as a new screen would be
        assert "Check-ins: 1." in screen_text(app)
        assert again.query_one(CheckinCalendar).text().count("!") == 1  # urge 10, today
    _, checkins = read_plan_state(ui_data_dir)
    assert [(c.mood, c.urge) for c in checkins] == [(4, 10)]


async def test_p_from_a_screen_above_progress_opens_another_one(make_app):
    from exback_tui.screens.journal import JournalScreen

    app = make_app(seed=two_years)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await open_progress(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("p")
        await settle(pilot)
        second = app.screen
        assert isinstance(second, ProgressScreen) and second is not first
        assert "Attempts: 6" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("p")
        await settle(pilot)
        assert app.screen is first


async def test_progress_is_imported_in_idle_time_once_the_journal_has_loaded(make_app, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "exback_tui.screens.progress")
    app = make_app(seed=two_years)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.journal is not None, "the journal to load")
        await wait_until(
            pilot, lambda: "exback_tui.screens.progress" in sys.modules, "Progress imported"
        )
        assert isinstance(app.screen, DashboardScreen)  # nothing opened: only imported
