"""How each screen looks, at a fixed size and a fixed date.

Review the HTML report before `make snapshots-update`: a changed snapshot is
a changed look.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import quiet_cursors

SIZES = [(80, 24), (120, 40)]


async def _quiet(pilot) -> None:
    await pilot.pause()
    quiet_cursors(pilot.app)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_onboarding(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_quiet)


def test_onboarding_with_errors(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.press(*"03/04/2026", "enter", "enter", *"10", "enter")
        await _quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare, make_app, size):
    assert snap_compare(make_app(started_days_ago=11), terminal_size=size, run_before=_quiet)


@pytest.mark.parametrize("size", [(160, 48), (200, 60)])
def test_dashboard_with_room_to_spare(snap_compare, make_app, size):
    """A larger day number, the trends as wide as the panel."""
    assert snap_compare(make_app(started_days_ago=11), terminal_size=size, run_before=_quiet)


def test_dashboard_light(snap_compare, make_app):
    app = make_app(started_days_ago=11)

    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_dashboard_after_check_in_and_a_slip(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.press("2", "tab", "7", "tab", "space", "enter")
        await pilot.pause()
        await pilot.press(*"[bold] a late text", "enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=(80, 24), run_before=run_before
    )


def test_slip_dialog(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.press("2", "tab", "7", "tab", "space", "enter")
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=(80, 24), run_before=run_before
    )


def test_help(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=3), terminal_size=(80, 24), press=["question_mark"]
    )


def test_hidden(snap_compare, make_app):
    assert snap_compare(make_app(started_days_ago=3), terminal_size=(80, 24), press=["ctrl+l"])
