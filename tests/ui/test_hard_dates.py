"""Hard dates (d on the dashboard): add, refuse, remove, and the dashboard's warning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from exback_tui.domain.errors import InvalidInput
from exback_tui.material import shipped_material
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.hard_dates import HardDatesScreen, read_month_day
from exback_tui.widgets.dashboard_lines import DashboardLines
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, screen_text, settle, top_line

# FIXED_TODAY is Thursday 26 November 2026.
TEXTS = shipped_material().text["hard_dates"]


async def open_hard_dates(pilot) -> HardDatesScreen:
    await pilot.press("d")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HardDatesScreen)
    return screen


def hard_dates(app):
    return [(h.name, h.month, h.day) for h in app.service.program().hard_dates]


def warning(app) -> str:
    return top_line(app, "warning")


def seed_dates(*dates):
    def seed(service):
        for name, month, day in dates:
            service.add_hard_date(name, month, day)

    return seed


async def add(pilot, name: str, day: str) -> None:
    await pilot.press(*name, "enter", *day, "enter")
    await settle(pilot)


async def test_add_a_date_two_days_ahead_and_the_dashboard_warns(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_hard_dates(pilot)
        assert TEXTS["empty"] in screen_text(app)
        assert app.focused is screen.query_one("#hard-date-name", Input)
        await add(pilot, "Mum's birthday", "28 Nov")
        assert hard_dates(app) == [("Mum's birthday", 11, 28)]
        text = screen_text(app)
        assert "Mum's birthday · 28 Nov · in 2 days" in str(
            screen.query_one(OptionList).get_option_at_index(0).prompt
        )
        assert TEXTS["added"].format(name="Mum's birthday") in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert warning(app) == TEXTS["warn_days"].format(name="Mum's birthday", days=2)


async def test_on_the_day_and_tomorrow(make_app):
    app = make_app(
        started_days_ago=5, seed=seed_dates(("Our anniversary", 11, 26), ("Their birthday", 11, 27))
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert warning(app) == TEXTS["warn_today"].format(name="Our anniversary") + TEXTS[
            "warn_more"
        ].format(count=1)


async def test_tomorrow_alone(make_app):
    app = make_app(started_days_ago=5, seed=seed_dates(("Their birthday", 11, 27)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert warning(app) == TEXTS["warn_tomorrow"].format(name="Their birthday")


async def test_no_warning_four_days_ahead_or_just_past(make_app):
    app = make_app(started_days_ago=5, seed=seed_dates(("Far", 11, 30), ("Yesterday", 11, 25)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert warning(app) == ""
        assert app.screen.query_one("#dashboard-top").region.height == 1  # the date alone


async def test_the_warning_follows_the_day(make_app):
    today = [FIXED_TODAY]
    app = make_app(started_days_ago=5, seed=seed_dates(("Holiday", 11, 30)), clock=lambda: today[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert warning(app) == ""
        today[0] = FIXED_TODAY + timedelta(days=1)
        app.check_day()
        await settle(pilot)
        assert warning(app) == TEXTS["warn_days"].format(name="Holiday", days=3)


async def test_the_warning_fits_at_80x24_without_pushing_anything_off(make_app):
    app = make_app(
        started_days_ago=11,
        seed=seed_dates(("My ex's birthday, the hardest day of the whole year", 11, 28)),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        top = screen.query_one("#dashboard-top", DashboardLines)
        assert top.placed("warning") and top.region.height <= 2
        assert "…" in warning(app)
        for selector in ("#countdown", "#attempts", "#checkin", "#today-in-step", "#trends"):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.bottom <= 23, selector
        keys = str(screen.query_one("KeyBar").render())
        # "I'm not OK" comes first on every key bar; at 80 columns "? Keys" no longer fits.
        assert keys.startswith(" ! I'm not OK ") and " d Dates " in keys


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("3/4", TEXTS["date_ambiguous"].format(typed="3/4")),
        ("2/14", TEXTS["date_unreadable"].format(typed="2/14")),
        ("31 Feb", TEXTS["date_not_real"].format(typed="31 Feb")),
        ("14 Feb 2026", TEXTS["date_with_year"]),
        ("2026-02-14", TEXTS["date_with_year"]),
        ("tomorrow", TEXTS["date_unreadable"].format(typed="tomorrow")),
        ("14 Fbe", TEXTS["date_unreadable"].format(typed="14 Fbe")),
        ("", TEXTS["date_empty"]),
    ],
)
async def test_a_bad_date_is_explained_inline_and_nothing_is_stored(make_app, typed, message):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_hard_dates(pilot)
        await add(pilot, "Valentine's", typed)
        error = screen.query_one("#hard-dates-error", Static)
        assert error.display and str(error.render()) == message
        assert hard_dates(app) == []
        assert screen.query_one("#hard-date-day", Input).value == typed
        # Typing again clears the message.
        await pilot.press("x")
        await pilot.pause()
        assert not error.display


async def test_an_empty_name_is_refused_inline(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_hard_dates(pilot)
        await add(pilot, "", "14 Feb")
        assert screen.query_one("#hard-dates-error").display
        assert hard_dates(app) == []


@pytest.mark.parametrize(
    ("typed", "month_day"),
    [
        ("14 Feb", (2, 14)),
        ("Feb 14", (2, 14)),
        ("14th February", (2, 14)),
        ("february 14th", (2, 14)),
        ("1 of may", (5, 1)),
        ("Dec 25", (12, 25)),
        ("  29 feb ", (2, 29)),
        ("3 Sept", (9, 3)),
    ],
)
def test_month_day_forms_accepted(typed, month_day):
    assert read_month_day(typed, TEXTS) == month_day


@pytest.mark.parametrize(
    "typed", ["03/04", "4.3", "12-11", "14", "Feb", "today", "30 Feb", "1 2 3"]
)
def test_month_day_forms_refused(typed):
    with pytest.raises(InvalidInput):
        read_month_day(typed, TEXTS)


async def test_the_list_is_soonest_first_and_remove_asks_first(make_app):
    app = make_app(
        started_days_ago=5,
        seed=seed_dates(("Valentine's", 2, 14), ("Christmas", 12, 25), ("Her day", 11, 29)),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_hard_dates(pilot)
        options = screen.query_one(OptionList)
        assert app.focused is options
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        assert prompts == [
            "Her day · 29 Nov · in 3 days",
            "Christmas · 25 Dec · in 29 days",
            "Valentine's · 14 Feb · in 80 days",
        ]
        await pilot.press("down", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Christmas (25 Dec)" in screen_text(app)
        await pilot.press("enter")  # "Keep it" has the focus
        await settle(pilot)
        assert len(hard_dates(app)) == 3
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert [name for name, _, _ in hard_dates(app)] == ["Valentine's", "Her day"]
        assert TEXTS["removed"].format(name="Christmas") in screen_text(app)
        assert options.option_count == 2


async def test_a_adds_from_the_list(make_app):
    app = make_app(started_days_ago=5, seed=seed_dates(("Christmas", 12, 25)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_hard_dates(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.focused is screen.query_one("#hard-date-name")
        await add(pilot, "New Year", "Jan 1")
        assert ("New Year", 1, 1) in hard_dates(app)


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_name_is_kept_exactly_and_shown_as_typed(make_app, hostile):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_hard_dates(pilot)
        app.post_message(events.Paste(hostile))
        await pilot.pause()
        await pilot.press("enter", *"27 Nov", "enter")
        await settle(pilot)
        assert hard_dates(app) == [(hostile, 11, 27)]
        shown = hostile.replace("\x1b", "").replace("\x07", "")
        prompt = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert prompt.startswith(shown)
        await pilot.press("escape")
        await settle(pilot)
        assert shown in warning(app) or shown[:39] in warning(app)
        assert "\x1b" not in warning(app)
