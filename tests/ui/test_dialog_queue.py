"""Issue 10, item 5: dialogs that open by themselves come one at a time, in a fixed order.

At start a draft to recover and a kept message back after 24 hours both want
to ask: the draft first, and the message only once the draft is answered
(never two borders on top of each other).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.screen import ModalScreen

from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.dialogs.urge_return import UrgeReturnDialog
from tests.ui.conftest import settle

WRITTEN = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)


def seed(service) -> None:
    service.keep_urge("I still think about us", WRITTEN)
    service.save_draft(
        {
            "title": "Morning",
            "text": "I almost texted them.",
            "tags": "",
            "mood": None,
            "prompt": None,
            "editing": None,
            "saved_at": WRITTEN.isoformat(),
        }
    )


def dialogs(app) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack if isinstance(s, ModalScreen)]


async def test_the_draft_comes_first_then_the_kept_message(make_app):
    app = make_app(started_days_ago=5, seed=seed, now=lambda: WRITTEN + timedelta(hours=25))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert dialogs(app) == ["ConfirmDialog"]
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm-no")  # discard the draft
        await settle(pilot)
        await settle(pilot)
        assert dialogs(app) == ["UrgeReturnDialog"]
        assert isinstance(app.screen, UrgeReturnDialog)
