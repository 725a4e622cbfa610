"""How the steps screens look, at a fixed size and a fixed date.

Review the HTML report before updating: a changed snapshot is a changed look.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Input, TextArea

from exback_tui.material import shipped_material
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import settle

MATERIAL = shipped_material()


def quiet(app) -> None:
    """Stop every cursor blinking so screenshots don't depend on timing."""
    for field in app.screen.query(Input):
        field.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def run_keys(*keys: str):
    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)  # saves done, and the screen drawn after them
        quiet(pilot.app)
        await pilot.pause()

    return run_before


def ready(service) -> None:
    service.save_checklist(
        "readiness", [item.id for item in MATERIAL.checklists["readiness"].items], FIXED_TODAY
    )


def reconnecting(service) -> None:
    ready(service)
    service.set_stage(MATERIAL.stages[0].id, FIXED_TODAY)
    service.save_answer(
        "checker:draft",
        "hey, I miss you so much, how are you?",
        datetime(2026, 11, 26, 7, 30, tzinfo=UTC),
    )


def planned(service) -> None:
    areas = MATERIAL.plan_areas
    state = service.add_item(f"plan:{areas[0].id}", "Book the Tuesday pottery class", FIXED_TODAY)
    service.update_item(state.items[-1].id, done=True)
    service.add_item(f"plan:{areas[1].id}", "[bold] a walk by the river alone", FIXED_TODAY)
    service.add_item("reframes", "I ruin everything", FIXED_TODAY, extra="I made mistakes")


def contacts(service) -> None:
    service.set_allowed_topics(["the kids", "the lease"])
    service.log_contact(FIXED_TODAY, "they", engaged=False, note="a birthday text")
    service.log_contact(FIXED_TODAY, "necessary", topic="the kids", note="school pickup")


def test_steps_overview(snap_compare, make_app):
    app = make_app(started_days_ago=10, seed=planned)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s"))


def test_step_1(snap_compare, make_app):
    app = make_app(started_days_ago=10, seed=contacts)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "1"))


def test_step_1_they_contacted_me(snap_compare, make_app):
    app = make_app(started_days_ago=10)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "1", "r"))


def test_step_2(snap_compare, make_app):
    app = make_app(started_days_ago=10, seed=planned)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "2"))


def test_step_3(snap_compare, make_app):
    app = make_app(started_days_ago=10)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "3"))


def test_step_4_locked(snap_compare, make_app):
    app = make_app(started_days_ago=10)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "4"))


def test_step_4_open(snap_compare, make_app):
    app = make_app(started_days_ago=25, seed=reconnecting)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "4"))


def test_step_4_message_checker(snap_compare, make_app):
    app = make_app(started_days_ago=25, seed=reconnecting)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "4", "m"))


def test_step_4_not_advised(snap_compare, make_app):
    stop = next(c for c in MATERIAL.concerns if c.level == "stop")

    def seed(service) -> None:
        ready(service)
        service.save_checklist("safety", [stop.id], FIXED_TODAY)

    app = make_app(started_days_ago=25, seed=seed)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_keys("s", "4"))


@pytest.mark.parametrize("step", ["1", "4"])
def test_steps_wide(snap_compare, make_app, step):
    app = make_app(started_days_ago=25, seed=lambda s: (contacts(s), reconnecting(s)))
    assert snap_compare(app, terminal_size=(160, 48), run_before=run_keys("s", step))


def test_step_4_light(snap_compare, make_app):
    app = make_app(started_days_ago=25, seed=reconnecting)

    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await run_keys("s", "4", "m")(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
