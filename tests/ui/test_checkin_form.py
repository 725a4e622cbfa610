"""The check-in form's own widgets: the yes/no switch and the missed-day link, by key and click."""

from __future__ import annotations

import pytest
from textual.app import App

from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.past_checkin import PastCheckInDialog
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.widgets.checkin import CheckInForm, PastDayLink, YesNoToggle
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import settle, wait_until


def drawn(toggle: YesNoToggle) -> str:
    """The answer as the switch's line shows it (the face itself is blank cells)."""
    return toggle.render_line(0).text.strip()


@pytest.mark.parametrize("how", ["enter", "space", "click"])
async def test_the_missed_day_link_opens_the_dialog(make_app, how: str) -> None:
    app = make_app(started_days_ago=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        link = app.screen.query_one("#checkin-past", PastDayLink)
        assert "Fill in a missed day" in str(link.render())
        if how == "click":
            await pilot.click("#checkin-past")
        else:
            link.focus()
            await pilot.press(how)
        await wait_until(pilot, lambda: isinstance(app.screen, PastCheckInDialog), "the dialog")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "Today")
        assert app.screen.query_one("#checkin-past") is link


async def test_letters_on_the_missed_day_link_do_nothing(make_app, ui_data_dir) -> None:
    app = make_app(started_days_ago=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        link = app.screen.query_one("#checkin-past", PastDayLink)
        link.focus()
        await pilot.press("x", "y", "z", "1", "tab", "shift+tab")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.focused is link
        assert not [line for line in app.screen.query("#checkin-message") if line.display]
    assert read_plan_state(ui_data_dir).checkins == ()


async def test_space_left_and_right_answer_contacted_and_letters_do_not(make_app) -> None:
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        toggle = app.screen.query_one("#contacted", YesNoToggle)
        toggle.focus()
        await pilot.pause()
        assert (toggle.value, drawn(toggle)) == (False, "No")
        await pilot.press("space")
        assert (toggle.value, drawn(toggle)) == (True, "Yes")
        await pilot.press("space")
        assert (toggle.value, drawn(toggle)) == (False, "No")
        await pilot.press("right", "right")
        assert (toggle.value, drawn(toggle)) == (True, "Yes")
        await pilot.press("y", "x", "1", "left")
        assert (toggle.value, drawn(toggle)) == (False, "No")
        await pilot.press("y", "x", "1")
        assert (toggle.value, drawn(toggle)) == (False, "No")
        assert isinstance(app.screen, DashboardScreen)


async def test_a_click_turns_the_switch_and_the_answer_is_saved(make_app, ui_data_dir) -> None:
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        toggle = app.screen.query_one("#contacted", YesNoToggle)
        await pilot.click("#contacted")
        await pilot.pause()
        assert (toggle.value, drawn(toggle)) == (True, "Yes")
        await pilot.click("#contacted")
        await pilot.pause()
        assert (toggle.value, drawn(toggle)) == (False, "No")
        await pilot.click("#mood")
        await pilot.press("3", "tab", "4", "enter")
        await settle(pilot)
    [checkin] = read_plan_state(ui_data_dir).checkins
    assert (checkin.on, checkin.mood, checkin.urge, checkin.contacted) == (FIXED_TODAY, 3, 4, False)


async def test_the_switch_says_what_changed() -> None:
    seen: list[bool] = []

    class Host(App[None]):
        def compose(self):  # noqa: ANN201 - Textual's
            yield YesNoToggle(id="contacted")

        def on_yes_no_toggle_changed(self, event: YesNoToggle.Changed) -> None:
            seen.append(event.value)

    app = Host()
    async with app.run_test() as pilot:
        toggle = app.query_one(YesNoToggle)
        toggle.focus()
        await pilot.press("space", "left", "right")
        await pilot.pause()
        toggle.value = True  # unchanged: no message
        await pilot.pause()
    assert seen == [True, False, True]


async def test_the_answer_makes_room_for_yes(make_app) -> None:
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        toggle = app.screen.query_one("#contacted", YesNoToggle)
        no_width = toggle.region.width
        toggle.value = True
        await pilot.pause()
        assert toggle.region.width == no_width + 1
        assert drawn(toggle) == "Yes"


async def test_no_button_switch_or_label_styles_are_read_before_the_first_frame(
    make_app, monkeypatch
) -> None:
    """Their DEFAULT_CSS is most of the CSS parsed at start-up; the form needs none of it."""
    read_at_first_frame: list[set[str]] = []
    display = App._display

    def noting_display(self, screen, renderable):  # noqa: ANN001, ANN202 - Textual's
        if renderable is not None and not read_at_first_frame:
            read_at_first_frame.append({where for _, where in self.stylesheet.source})
        return display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", noting_display)
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = app.screen.query_one(CheckInForm)
        assert not form.query("Button, Switch, Label, Horizontal")
    [sources] = read_at_first_frame
    assert "Static.DEFAULT_CSS" in sources  # what a widget's own styles are known by
    assert not sources & {"Button.DEFAULT_CSS", "Switch.DEFAULT_CSS"}


async def test_only_the_switch_itself_lights_up_under_the_pointer(make_app) -> None:
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        toggle = app.screen.query_one("#contacted", YesNoToggle)
        app.screen.set_focus(None)
        await pilot.pause()
        resting = list(toggle.render_line(0))
        await pilot.hover("#contacted", offset=(toggle.size.width - 1, 0))  # on the answer
        await pilot.pause()
        assert list(toggle.render_line(0)) == resting
        await pilot.hover("#contacted", offset=(2, 0))  # on the switch
        await pilot.pause()
        lit = list(toggle.render_line(0))
        assert lit[:4] != resting[:4] and lit[4:] == resting[4:]
        await pilot.hover("#checkin-past")
        await pilot.pause()
        assert list(toggle.render_line(0)) == resting
