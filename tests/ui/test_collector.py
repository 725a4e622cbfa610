"""The garbage collector is held during start-up and back on, with the app frozen, after it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

from exback_tui import collector
from exback_tui.app import ExBackApp
from tests.ui.conftest import wait_until


@pytest.fixture
def held_collector() -> Iterator[None]:
    """`collector.hold()` as `exback` calls it; afterwards the collector as it was."""
    collector.hold()
    yield
    gc.unfreeze()
    gc.enable()


def test_hold_stops_automatic_collection_and_settle_restarts_it(held_collector: None) -> None:
    assert not gc.isenabled()
    frozen_before = gc.get_freeze_count()
    kept = [object() for _ in range(10)]
    collector.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(kept)


async def test_collection_is_back_on_after_the_first_paint(
    held_collector: None, make_app: Callable[..., ExBackApp]
) -> None:
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, gc.isenabled, "collection to be turned back on")
        await wait_until(pilot, lambda: app.journal is not None, "the journal to load")
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0


async def test_onboarding_turns_collection_back_on_too(
    held_collector: None, make_app: Callable[..., ExBackApp]
) -> None:
    app = make_app()  # no plan yet: the first screen is onboarding, not the dashboard
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, gc.isenabled, "collection to be turned back on")
        assert gc.get_freeze_count() > 0
