"""Issue 10, item 2: keys sent back to back act as if typed slowly, on every form.

Each test queues all its keys at once (`send_at_once`, as tmux send-keys
does) and then waits on state, never on the clock.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from exback_tui.material import shipped_material
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.hard_dates import HardDatesScreen
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.store.program.store import read_program_state
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import screen_text, send_at_once, wait_until


async def test_check_in_sent_in_one_go_saves_mood_urge_and_no_contact(make_app, ui_data_dir):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_at_once(app, "5", "tab", "8", "enter")
        await wait_until(pilot, lambda: "Check-in saved." in screen_text(app), "the check-in")
        assert "goes from" not in screen_text(app)
    _, checkins = read_plan_state(ui_data_dir)
    assert [(c.on, c.mood, c.urge, c.contacted) for c in checkins] == [(FIXED_TODAY, 5, 8, False)]


async def test_check_in_with_ten_and_a_shift_tab_back(make_app, ui_data_dir):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_at_once(app, "2", "tab", "1", "0", "shift+tab", "4", "enter")
        await wait_until(pilot, lambda: "Check-in saved." in screen_text(app), "the check-in")
    _, checkins = read_plan_state(ui_data_dir)
    assert [(c.mood, c.urge) for c in checkins] == [(4, 10)]


async def test_onboarding_typed_in_one_go(make_app, ui_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_at_once(app, *"16 days ago", "enter", *"11 days ago", "enter", *"45", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
    plan, _ = read_plan_state(ui_data_dir)
    assert plan is not None
    assert (FIXED_TODAY - plan.current.start).days == 11
    assert plan.breakup_date is not None and (FIXED_TODAY - plan.breakup_date).days == 16
    assert plan.target_days == 45


async def test_hard_dates_opened_and_filled_in_one_go(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_at_once(app, "d", *"Mum's birthday", "enter", *"28 Nov", "enter")
        await wait_until(pilot, lambda: app.service.program().hard_dates, "the saved date")
        assert isinstance(app.screen, HardDatesScreen)
        hard = app.service.program().hard_dates
        assert [(h.name, h.month, h.day) for h in hard] == [("Mum's birthday", 11, 28)]


async def test_a_new_entry_written_and_saved_in_one_go(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_at_once(app, "n", *"Day five", "enter", *"Quiet.", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the save")
        await wait_until(pilot, lambda: read_journal(ui_data_dir), "the stored entry")
    [entry] = read_journal(ui_data_dir)
    assert entry.text == "Day five\nQuiet."


async def test_answers_typed_in_one_go_land_in_their_own_fields(make_app, ui_data_dir):
    material = shipped_material()
    first, second = material.decision_questions[0], material.decision_questions[1]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "1")
        app.screen.query_one("#answer-1", TextArea).focus()
        await pilot.pause()
        send_at_once(app, *"Drifted.", "tab", *"Not much", "ctrl+s")
        await wait_until(
            pilot,
            lambda: read_program_state(ui_data_dir).answer(f"decision:{second.id}"),
            "the second answer",
        )
    state = read_program_state(ui_data_dir)
    assert state.answer(f"decision:{first.id}") == "Drifted."
    assert state.answer(f"decision:{second.id}") == "Not much"


async def test_a_paste_right_after_a_tab_goes_to_the_next_field(make_app, ui_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        driver = app._driver
        assert driver is not None
        send_at_once(app, "tab")
        driver.send_message(events.Paste("11 days ago"))
        send_at_once(app, "tab")
        driver.send_message(events.Paste("40"))
        send_at_once(app, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
    plan, _ = read_plan_state(ui_data_dir)
    assert plan is not None
    assert (FIXED_TODAY - plan.current.start).days == 11
    assert plan.target_days == 40
