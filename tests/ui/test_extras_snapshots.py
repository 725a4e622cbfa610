"""How the common questions, the urge box, hard dates and the 24-hour question look.

80x24 and a fixed date (tests.conftest.FIXED_TODAY, Thursday 26 November 2026).
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import TextArea

from tests.conftest import FIXED_TODAY
from tests.ui.conftest import quiet_cursors

SIZE = (80, 24)


async def _quiet(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    quiet_cursors(pilot.app)
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def _press_then_quiet(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await _quiet(pilot)

    return run_before


def test_faq(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=SIZE, run_before=_press_then_quiet("f")
    )


def test_faq_no_match(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11),
        terminal_size=SIZE,
        run_before=_press_then_quiet("f", *"[bold zzz"),
    )


def _seed_reasons(service) -> None:
    from exback_tui.material import shipped_material

    material = shipped_material()
    reasons = material.checklists["reasons"]
    right = [i.id for i in reasons.items if i.group == "right"][:2]
    wrong = [i.id for i in reasons.items if i.group == "wrong"][:1]
    service.save_checklist("reasons", {*right, *wrong}, FIXED_TODAY)
    first = material.decision_questions[0]
    service.save_answer(
        f"decision:{first.id}",
        "We drifted apart when work got busy, and stopped talking.",
        datetime(2026, 11, 20, 21, 0, tzinfo=UTC),
    )
    service.keep_urge("an older one", datetime(2026, 11, 26, 7, 0, tzinfo=UTC))


def test_urge_box(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11, seed=_seed_reasons),
        terminal_size=SIZE,
        run_before=_press_then_quiet("u", *"hey, I miss you so much"),
    )


def test_urge_box_without_reasons(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=SIZE, run_before=_press_then_quiet("u")
    )


def _seed_dates(service) -> None:
    service.add_hard_date("Mum's birthday", 11, 28)
    service.add_hard_date("Our anniversary", 3, 9)
    service.add_hard_date("Christmas", 12, 25)


def test_hard_dates(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11, seed=_seed_dates),
        terminal_size=SIZE,
        run_before=_press_then_quiet("d", "a", *"Valentine's", "enter", *"3/4", "enter"),
    )


def test_dashboard_with_a_hard_date_warning(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11, seed=_seed_dates),
        terminal_size=SIZE,
        run_before=_quiet,
    )


def test_still_want_to_send_this(snap_compare, make_app):
    def seed(service) -> None:
        service.keep_urge(
            "Hey. I know you said you needed space, but I miss you so much.\n\nCan we talk?",
            datetime(2026, 11, 25, 7, 10, tzinfo=UTC),
        )

    assert snap_compare(
        make_app(started_days_ago=11, seed=seed), terminal_size=SIZE, run_before=_quiet
    )
