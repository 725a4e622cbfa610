"""Which action from the program to suggest each day."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.program import action_for_day
from exback_tui.material import load_material
from exback_tui.resources import content_dir


def test_goes_through_the_list_in_order_then_starts_over():
    actions = ["walk", "call a friend", "write it down"]
    shown = [action_for_day(actions, day) for day in range(8)]
    assert shown == [
        "walk",
        "call a friend",
        "write it down",
        "walk",
        "call a friend",
        "write it down",
        "walk",
        "call a friend",
    ]


def test_a_single_action_is_shown_every_day():
    assert {action_for_day(("only",), day) for day in range(50)} == {"only"}


def test_day_zero_after_a_slip_starts_from_the_first_action():
    actions = ("first", "second", "third", "fourth")
    assert action_for_day(actions, 0) == "first"
    assert action_for_day(actions, 6) == "third"


@pytest.mark.parametrize("empty", [[], (), ""])
def test_empty_list_raises(empty):
    with pytest.raises(ValueError, match="no actions"):
        action_for_day(empty, 0)
    with pytest.raises(ValueError):
        action_for_day(empty, 12)


@given(
    actions=st.lists(st.integers(), min_size=1, max_size=20, unique=True),
    days=st.integers(min_value=0, max_value=400),
)
def test_matches_walking_the_list_one_day_at_a_time(actions, days):
    position = 0
    for _ in range(days):
        position += 1
        if position == len(actions):
            position = 0
    assert action_for_day(actions, days) == actions[position]
    # Every action comes up once in any run of len(actions) consecutive days.
    window = [action_for_day(actions, days + k) for k in range(len(actions))]
    assert sorted(window) == sorted(actions)


def test_every_shipped_action_is_suggested_in_a_full_cycle():
    actions = load_material(content_dir()).actions
    shown = [action_for_day(actions, day) for day in range(len(actions))]
    assert [a.id for a in shown] == [a.id for a in actions]
    assert action_for_day(actions, len(actions)) == actions[0]
