"""A screen whose stylesheet is read when it first opens looks the same whatever opened before."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from exback_tui.app import ExBackApp
from tests.ui.conftest import settle, wait_until

Looks = list[tuple[object, ...]]


def looks(app: ExBackApp) -> Looks:
    """Every widget of the current screen: where it is, its styles, what it draws with, and the
    screen as drawn."""
    shown: list[Widget] = [app.screen, *app.screen.walk_children(Widget)]
    return [
        (type(w).__name__, w.id, sorted(w.classes), w.region, w.styles.css, str(w.rich_style))
        for w in shown
    ] + [app.export_screenshot()]


async def opened(app: ExBackApp, before: list[str], key: str, kind: str) -> Looks:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for other in before:
            await pilot.press(other)
            await settle(pilot)
            await pilot.press("escape")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen", "back")
        await pilot.press(key)
        await wait_until(pilot, lambda: type(app.screen).__name__ == kind, kind)
        seen = looks(app)
    app.service.close()  # the next app opens the same folder
    return seen


async def test_a_screen_looks_the_same_opened_first_or_after_others(
    make_app: Callable[..., ExBackApp],
) -> None:
    cases = [
        ("f", "FaqScreen", ["exclamation_mark", "question_mark", "u"]),
        ("exclamation_mark", "SupportScreen", ["f", "question_mark", "u"]),
        ("question_mark", "HelpScreen", ["u", "f"]),
        ("u", "UrgeScreen", ["question_mark", "f", "exclamation_mark"]),
    ]
    make_app(started_days_ago=5).service.close()
    for key, kind, others in cases:
        first = await opened(make_app(), [], key, kind)
        after = await opened(make_app(), others, key, kind)
        assert first == after, kind
