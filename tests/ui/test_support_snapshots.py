"""How the "I'm not OK" page looks, at 80x24, dark and light, with the UK's lines first."""

from __future__ import annotations

from tests.ui.conftest import quiet_cursors

SIZE = (80, 24)


def _support(theme: str):
    async def run_before(pilot) -> None:
        pilot.app.support_country = "GB"
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        quiet_cursors(pilot.app)
        await pilot.pause()

    return run_before


def test_support_dark(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=SIZE, run_before=_support("textual-dark")
    )


def test_support_light(snap_compare, make_app):
    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=SIZE, run_before=_support("textual-light")
    )
