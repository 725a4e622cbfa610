"""How the journal looks, with fixed entries at fixed times.

Review the HTML report before `make snapshots-update`: a changed snapshot is
a changed look.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import INSTANT, quiet_cursors, settle
from tests.ui.test_journal import written

ENTRIES = (
    {
        "days_ago": 3,
        "title": "First day",
        "text": "Deleted the photos from my phone.\nIt hurt, and then it was done.",
        "tags": "nocontact start",
        "mood": 2,
    },
    {
        "days_ago": 2,
        "text": "Walked to the river and back, the first time in months.",
        "tags": "walk",
        "mood": 3,
    },
    {"days_ago": 1, "text": "[bold] still thinking about it", "mood": 3},
    {
        "days_ago": 0,
        "hour": 7,
        "title": "Unsent letter",
        "text": "Dear Sam,\nI wanted to write this and not send it.\n\nSo here it is.",
        "tags": "letter urge",
        "mood": 4,
    },
)


def seeded(make_app, *, deleted: bool = False):
    app = make_app(started_days_ago=3, delays=INSTANT)
    for spec in ENTRIES:
        spec = dict(spec)
        when = written(spec.pop("days_ago"), spec.pop("hour", 9))
        entry = app.service.add_entry(when, spec.pop("text"), **spec)
    if deleted:
        app.service.delete_entry(written(0, 7), entry.id)
    return app


async def _open(pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
    await settle(pilot)  # these apps search and show the entry at once
    quiet_cursors(pilot.app)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_journal_list(snap_compare, make_app, size):
    async def run_before(pilot) -> None:
        await _open(pilot)

    assert snap_compare(seeded(make_app), terminal_size=size, run_before=run_before)


def test_journal_entry_found_and_shown(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open(pilot, *"thinking", "enter")

    assert snap_compare(seeded(make_app), terminal_size=(80, 24), run_before=run_before)


def test_journal_recently_deleted(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open(pilot, "down", "r")

    assert snap_compare(
        seeded(make_app, deleted=True), terminal_size=(80, 24), run_before=run_before
    )
