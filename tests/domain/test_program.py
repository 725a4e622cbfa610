"""Which action from the program to suggest each day: for the day, and the period it is in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.daily import Action
from exback_tui.domain.program import PERIODS, action_for_day, is_valid_when, period_for
from exback_tui.material import load_material
from exback_tui.resources import content_dir


def act(name: str, when: str) -> Action:
    return Action(name, 1, f"text of {name}", when)


ACTIONS = (
    act("mute", "first-days"),
    act("friend", "first-days"),
    act("week", "day-7"),
    act("walk", "before-minimum"),
    act("two-weeks", "day-14"),
    act("minimum", "day-21"),
    act("routine", "before-target"),
    act("after", "after-target"),
    act("more-time", "after-target"),
)


@pytest.mark.parametrize(
    ("days_done", "target", "period"),
    [
        (0, 30, "first-days"),
        (6, 30, "first-days"),
        (7, 30, "before-minimum"),
        (20, 30, "before-minimum"),
        (21, 30, "before-target"),
        (29, 30, "before-target"),
        (30, 30, "after-target"),
        (21, 21, "after-target"),
        (400, 45, "after-target"),
    ],
)
def test_the_period_of_an_attempt(days_done, target, period):
    assert period_for(days_done, target) == period


def test_a_day_action_is_shown_on_its_day_only():
    assert action_for_day(ACTIONS, 7, 30).id == "week"
    assert action_for_day(ACTIONS, 14, 30).id == "two-weeks"
    assert action_for_day(ACTIONS, 21, 30).id == "minimum"
    # Day 26 of a 30-day goal: never "two weeks in".
    assert action_for_day(ACTIONS, 26, 30).id == "routine"


def test_the_periods_take_their_own_actions_in_turn():
    assert [action_for_day(ACTIONS, d, 30).id for d in range(4)] == [
        "mute",
        "friend",
        "mute",
        "friend",
    ]
    assert {action_for_day(ACTIONS, d, 30).id for d in range(30, 40)} == {"after", "more-time"}


def test_a_period_without_actions_falls_back_to_any_not_tied_to_a_day():
    only_first = (act("mute", "first-days"), act("week", "day-7"))
    assert action_for_day(only_first, 25, 30).id == "mute"
    assert action_for_day((act("week", "day-7"),), 3, 30).id == "week"


def test_empty_list_raises():
    with pytest.raises(ValueError, match="no actions"):
        action_for_day((), 0, 30)


@pytest.mark.parametrize("when", [*PERIODS, "day-1", "day-7", "day-365"])
def test_valid_whens(when):
    assert is_valid_when(when)


@pytest.mark.parametrize("when", ["", "day-", "day-0", "day--1", "day-x", "always", "Day-7"])
def test_invalid_whens(when):
    assert not is_valid_when(when)


@given(days=st.integers(min_value=0, max_value=800), target=st.integers(21, 365))
def test_the_shipped_actions_fit_the_day_and_the_period(days, target):
    actions = tuple(a for a in load_material(content_dir()).actions if a.step == 1)
    chosen = action_for_day(actions, days, target)
    if chosen.when.startswith("day-"):
        assert chosen.when == f"day-{days}"
    else:
        assert chosen.when == period_for(days, target)
