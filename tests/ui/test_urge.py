"""The cooling-off box (u) and the 24-hour "still want to send this?"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual import events
from textual.widgets import Button

from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.slip import SlipDialog
from exback_tui.screens.dialogs.urge_return import UrgeReturnDialog
from exback_tui.screens.urge import UrgeScreen
from exback_tui.store.plan.snapshot import read_plan_state
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, screen_text, settle

WRITTEN = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)  # the day before FIXED_TODAY, 07:30


async def open_urge(pilot) -> UrgeScreen:
    await pilot.press("u")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, UrgeScreen)
    return screen


def urges(app):
    return app.service.program().urges


async def paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_u_then_escape_keeps_the_message_as_waiting_and_counts_it(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_urge(pilot)
        texts = app.material.text["urge"]
        assert texts["resisted_none"] in screen_text(app)
        await pilot.press(*"hey, I miss you")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        [urge] = urges(app)
        assert (urge.text, urge.outcome, urge.decided) == ("hey, I miss you", "waiting", None)
        assert urge.written == datetime.combine(FIXED_TODAY, datetime.min.time(), UTC).replace(
            hour=7, minute=30
        )
        # Opened again: the one kept before is counted.
        await open_urge(pilot)
        assert texts["resisted_one"] in screen_text(app)
        await pilot.press(*"call me", "ctrl+s")
        await settle(pilot)
        assert [u.text for u in urges(app)] == ["hey, I miss you", "call me"]
        await open_urge(pilot)
        assert texts["resisted_many"].format(count=2) in screen_text(app)


async def test_an_empty_box_just_closes(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_urge(pilot)
        await pilot.press("space", "enter", "escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert urges(app) == ()


async def test_letters_type_into_the_box_and_do_nothing_from_the_reasons(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_urge(pilot)
        await pilot.press(*"qtjnbsfu")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("tab")
        await pilot.press("q", "t", "j", "n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#urge-text").text == "qtjnbsfu"


async def test_quitting_with_a_message_keeps_it(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_urge(pilot)
        await pilot.press(*"one more try")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [(u.text, u.outcome) for u in urges(app)] == [("one more try", "waiting")]


async def test_no_reasons_yet_points_to_big_question_1(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_urge(pilot)
        assert app.material.text["urge"]["reasons_none"] in screen_text(app)


async def test_the_users_own_reasons_are_shown_beside_the_box(make_app):
    def seed(service):
        material = app_material()
        reasons = material.checklists["reasons"]
        right = next(i for i in reasons.items if i.group == "right")
        wrong = next(i for i in reasons.items if i.group == "wrong")
        service.save_checklist("reasons", {right.id, wrong.id}, FIXED_TODAY)
        first = material.decision_questions[0]
        service.save_answer(f"decision:{first.id}", "[bold] we fought about [/] money", WRITTEN)
        seeded.extend([right.text, wrong.text, first.text])

    seeded: list[str] = []
    app = make_app(started_days_ago=5, seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_urge(pilot)
        text = screen_text(app)
        for line in seeded:
            assert line in text
        assert "[bold] we fought about [/] money" in text
        texts = app.material.text["urge"]
        assert texts["reasons_right"] in text and texts["reasons_wrong"] in text
        assert texts["reasons_none"] not in text


def app_material():
    from exback_tui.material import shipped_material

    return shipped_material()


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_message_is_kept_exactly_and_comes_back_as_typed(make_app, hostile):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_urge(pilot)
        await paste(pilot, hostile + "\n" + hostile)
        await pilot.press("escape")
        await settle(pilot)
        [urge] = urges(app)
        assert urge.text == hostile + "\n" + hostile
    app.service.close()
    later = make_app(now=lambda: datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    async with later.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = later.screen
        assert isinstance(dialog, UrgeReturnDialog)
        shown = str(dialog.query_one("#urge-return-text").render())
        assert "\x1b" not in shown and "\x07" not in shown
        assert hostile.replace("\x1b", "").replace("\x07", "") in shown


# The 24-hour return -------------------------------------------------------------------


def keep_one(text: str = "I still think about us"):
    def seed(service):
        service.keep_urge(text, WRITTEN)

    return seed


async def test_not_offered_after_23_hours(make_app):
    app = make_app(started_days_ago=5, seed=keep_one(), now=lambda: WRITTEN + timedelta(hours=23))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_offered_after_24_hours_and_let_go(make_app):
    app = make_app(started_days_ago=5, seed=keep_one(), now=lambda: WRITTEN + timedelta(hours=24))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, UrgeReturnDialog)
        text = screen_text(app)
        assert "I still think about us" in text
        assert app.material.text["urge"]["return_title"] in text
        assert "Wednesday 25 November at 07:30" in text
        assert app.focused is dialog.query_one("#urge-let-go", Button)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        [urge] = urges(app)
        assert urge.outcome == "let-go"
        assert urge.decided == WRITTEN + timedelta(hours=24)


async def test_i_sent_it_is_recorded_and_offers_the_slip(make_app, ui_data_dir):
    app = make_app(started_days_ago=5, seed=keep_one())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UrgeReturnDialog)
        await pilot.click("#urge-sent")
        await settle(pilot)
        [urge] = urges(app)
        assert urge.outcome == "sent"
        assert isinstance(app.screen, SlipDialog)
        await pilot.press(*"the urge came back", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    plan, _ = read_plan_state(ui_data_dir)
    assert plan is not None and len(plan.attempts) == 2
    assert plan.attempts[0].trigger == "the urge came back"


async def test_i_sent_it_then_cancel_records_no_slip(make_app, ui_data_dir):
    app = make_app(started_days_ago=5, seed=keep_one())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#urge-sent")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    plan, _ = read_plan_state(ui_data_dir)
    assert plan is not None and len(plan.attempts) == 1
    assert urges(app)[0].outcome == "sent"


async def test_not_now_asks_again_next_time(make_app):
    app = make_app(started_days_ago=5, seed=keep_one())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UrgeReturnDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        # Not again while this dashboard is open, even after another screen.
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert urges(app)[0].outcome == "waiting"
    app.service.close()
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, UrgeReturnDialog)


async def test_two_waiting_messages_are_asked_one_after_the_other(make_app):
    def seed(service):
        service.keep_urge("first", WRITTEN - timedelta(hours=5))
        service.keep_urge("second", WRITTEN)
        service.keep_urge("too new", WRITTEN + timedelta(hours=10))

    app = make_app(started_days_ago=5, seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "first" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UrgeReturnDialog)
        assert "second" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert [u.outcome for u in urges(app)] == ["let-go", "waiting", "waiting"]
