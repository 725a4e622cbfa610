"""A screen whose stylesheet is read when it first opens looks the same whatever opened before."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from exback_tui.app import ExBackApp
from exback_tui.widgets.dashboard_lines import DashboardLines
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


async def test_no_rule_read_after_the_first_paint_styles_the_dashboard(
    make_app: Callable[..., ExBackApp],
) -> None:
    """The dashboard is not styled again when those sheets come: none of their rules may
    match a widget of it (at any size, whatever line it shows)."""
    from textual.css.stylesheet import Stylesheet

    make_app(started_days_ago=5).service.close()
    for size in ((100, 30), (200, 60)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert type(app.screen).__name__ == "DashboardScreen"
            dashboard = app.screen
            top = dashboard.query_one("#dashboard-top", DashboardLines)
            top.warning = top.clock = top.care = "shown only some days"
            later = Stylesheet(variables=app.get_css_variables())
            for path in ExBackApp.AFTER_FIRST_PAINT:
                later.read(path)
            later.parse()
            for node in [dashboard, *dashboard.walk_children(Widget)]:
                for rule in later.rules:
                    matched = list(Stylesheet._check_rule(rule, node.css_path_nodes))
                    assert not matched, f"{rule.selectors} styles {node!r}"
        app.service.close()


async def test_the_rest_of_the_start_up_sheets_are_read_after_the_first_paint(
    make_app: Callable[..., ExBackApp],
) -> None:
    make_app(started_days_ago=5).service.close()
    app = make_app()
    read_when_painted: list[bool] = []
    original = app._after_first_paint

    def noting() -> None:
        sheet = app.stylesheet
        read_when_painted.append(any(sheet.has_source(str(p)) for p in app.AFTER_FIRST_PAINT))
        original()

    app._after_first_paint = noting  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert read_when_painted == [False]
        assert all(app.stylesheet.has_source(str(p)) for p in app.AFTER_FIRST_PAINT)
        files = [key for key, _ in app.stylesheet.source if key.endswith(".tcss")]
        assert files[-1].endswith("focus.tcss")  # its rules still win ties
    app.service.close()


async def test_a_screen_opened_before_the_rest_of_the_sheets_come_looks_the_same(
    make_app: Callable[..., ExBackApp],
) -> None:
    """A key pressed before the idle moment after the first paint: the sheets are read
    as that screen opens."""
    make_app(started_days_ago=5).service.close()
    for key, kind in (("j", "JournalScreen"), ("b", "QuestionsScreen"), ("s", "StepsScreen")):
        usual = await opened(make_app(), [], key, kind)
        early = make_app()
        early._after_first_paint = early.load_journal  # type: ignore[method-assign]
        assert await opened(early, [], key, kind) == usual, kind
        assert all(early.stylesheet.has_source(str(p)) for p in early.AFTER_FIRST_PAINT)
