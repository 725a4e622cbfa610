"""The screens' modules are imported while the app is idle once the journal shows, one
per idle moment, so a first key press pays for building its screen only."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from exback_tui import app as app_module
from exback_tui.app import IMPORTED_AHEAD, ExBackApp
from tests.ui.conftest import wait_until


def test_every_module_named_is_one() -> None:
    for name in IMPORTED_AHEAD:
        assert importlib.util.find_spec(name) is not None, name


def test_support_comes_first() -> None:
    """The crisis page is the one screen that must never wait."""
    assert IMPORTED_AHEAD[:2] == ("exback_tui.domain.support", "exback_tui.screens.support")


def test_each_key_opens_a_module_imported_ahead() -> None:
    """Each is a module the app imports when a key first asks for it."""
    source = Path(app_module.__file__).read_text(encoding="utf-8")
    for name in IMPORTED_AHEAD:
        assert f"from {name} import" in source or f"import {name}" in source, name


async def test_imported_in_order_once_the_journal_shows(
    make_app: Callable[..., ExBackApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    imported: list[str] = []
    real = importlib.import_module

    def noting(name: str, package: str | None = None):  # noqa: ANN202 - importlib's own
        if name in IMPORTED_AHEAD:
            imported.append(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", noting)
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.journal is not None, "the journal loaded")
        await wait_until(pilot, lambda: len(imported) == len(IMPORTED_AHEAD), "all imported")
        assert imported == list(IMPORTED_AHEAD)
        assert type(app.screen).__name__ == "DashboardScreen"
