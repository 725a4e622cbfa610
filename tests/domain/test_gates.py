"""Step 4's lock, the safety check and the wait-before-deciding advice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain import plan
from exback_tui.domain.gates import (
    MINIMUM_DAYS,
    Step4Gate,
    WaitAdvice,
    decision_wait,
    safety,
    step4_gate,
)
from exback_tui.domain.material import Checklist, ChecklistItem, Concern
from exback_tui.material import shipped_material

READINESS = shipped_material().checklists["readiness"]
ALL_READY = frozenset(item.id for item in READINESS.items)
SMALL = Checklist(
    "readiness",
    "Ready?",
    "intro",
    (
        ChecklistItem("a", "A", "main"),
        ChecklistItem("b", "B", "main"),
        ChecklistItem("c", "C", "main"),
    ),
    {},
)


def test_the_minimum_is_the_plans():
    assert MINIMUM_DAYS == plan.MINIMUM_DAYS == 21


# --- Step 4 ----------------------------------------------------------------------------------


def test_ten_days_done_leaves_eleven_days_and_lists_what_is_missing():
    gate = step4_gate(10, READINESS, ())
    assert gate == Step4Gate(False, 11, READINESS.items, False)


def test_twenty_five_days_and_everything_ticked_opens_step_4():
    assert step4_gate(25, READINESS, ALL_READY) == Step4Gate(True, 0, (), False)


def test_the_days_alone_do_not_open_it():
    some = [item.id for item in READINESS.items[:2]]
    gate = step4_gate(40, READINESS, some)
    assert not gate.open
    assert gate.days_left == 0
    assert gate.missing == READINESS.items[2:]


def test_the_ticks_alone_do_not_open_it():
    gate = step4_gate(20, READINESS, ALL_READY)
    assert (gate.open, gate.days_left, gate.missing) == (False, 1, ())


def test_it_opens_on_the_day_the_minimum_is_met():
    assert step4_gate(21, READINESS, ALL_READY).open


def test_missing_items_keep_the_checklist_order():
    assert step4_gate(30, SMALL, {"b"}).missing == (SMALL.items[0], SMALL.items[2])
    assert step4_gate(30, SMALL, ["c", "zzz", "a"]).missing == (SMALL.items[1],)


def test_no_contact_not_started():
    gate = step4_gate(None, SMALL, {"a", "b", "c"})
    assert gate == Step4Gate(False, MINIMUM_DAYS, (), True)


@pytest.mark.parametrize("days", [-1, -400])
def test_a_negative_day_count_counts_as_zero(days):
    assert step4_gate(days, SMALL, ()).days_left == MINIMUM_DAYS


@given(st.integers(-50, 400) | st.none(), st.sets(st.sampled_from(["a", "b", "c", "x"])))
def test_open_exactly_when_the_minimum_is_met_and_all_is_ticked(days, ticked):
    gate = step4_gate(days, SMALL, ticked)
    assert 0 <= gate.days_left <= MINIMUM_DAYS
    assert gate.no_plan == (days is None)
    assert gate.open == (days is not None and days >= MINIMUM_DAYS and {"a", "b", "c"} <= ticked)
    assert {item.id for item in gate.missing} == {"a", "b", "c"} - ticked
    if days is not None and days >= 0:
        assert gate.days_left == max(0, MINIMUM_DAYS - days)


# --- Safety ----------------------------------------------------------------------------------

CONCERNS = (
    Concern("hit", "They hit me", "stop"),
    Concern("toxic", "Toxic", "stop"),
    Concern("lied", "They lied", "caution"),
    Concern("cheated", "They cheated", "caution"),
)


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [
        ((), None),
        ({"unknown"}, None),
        ({"lied"}, "caution"),
        ({"lied", "cheated"}, "caution"),
        ({"toxic"}, "stop"),
        ({"hit", "lied"}, "stop"),
        ({"hit", "toxic", "lied", "cheated"}, "stop"),
    ],
)
def test_safety_level(ticked, expected):
    assert safety(CONCERNS, ticked) == expected


def test_shipped_concerns_give_each_level():
    concerns = shipped_material().concerns
    stops = {c.id for c in concerns if c.level == "stop"}
    cautions = {c.id for c in concerns if c.level == "caution"}
    assert safety(concerns, cautions) == "caution"
    assert safety(concerns, stops) == "stop"
    assert safety(concerns, ()) is None


@given(st.sets(st.sampled_from([c.id for c in CONCERNS] + ["other"])))
def test_stop_wins_over_caution(ticked):
    level = safety(CONCERNS, ticked)
    if ticked & {"hit", "toxic"}:
        assert level == "stop"
    elif ticked & {"lied", "cheated"}:
        assert level == "caution"
    else:
        assert level is None


# --- Waiting before deciding -----------------------------------------------------------------

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        (0, WaitAdvice(0, 7, 14)),
        (1, WaitAdvice(1, 6, 13)),
        (3, WaitAdvice(3, 4, 11)),
        (7, WaitAdvice(7, 0, 7)),
        (10, WaitAdvice(10, 0, 4)),
        (14, WaitAdvice(14, 0, 0)),
        (90, WaitAdvice(90, 0, 0)),
        (-2, WaitAdvice(0, 7, 14)),  # a breakup "in the future": the clock went back
    ],
)
def test_decision_wait(days_ago, expected):
    assert decision_wait(TODAY - timedelta(days=days_ago), TODAY) == expected


def test_decision_wait_across_a_month_and_a_year():
    # 28 Dec -> 4 Jan is 7 days: 29, 30, 31 Dec, 1, 2, 3, 4 Jan.
    assert decision_wait(date(2026, 12, 28), date(2027, 1, 4)) == WaitAdvice(7, 0, 7)
    # 2028 is a leap year: 25 Feb -> 3 Mar is 7 days (26, 27, 28, 29 Feb, 1, 2, 3 Mar).
    assert decision_wait(date(2028, 2, 25), date(2028, 3, 3)).days_since == 7


def test_no_breakup_date_means_no_advice():
    assert decision_wait(None, TODAY) is None


@given(st.dates(), st.dates())
def test_decision_wait_counts_down_to_zero(breakup, today):
    advice = decision_wait(breakup, today)
    assert advice is not None
    assert advice.days_since >= 0
    assert 0 <= advice.days_to_one_week <= 7
    assert 0 <= advice.days_to_two_weeks <= 14
    assert advice.days_to_two_weeks - advice.days_to_one_week == min(7, advice.days_to_two_weeks)
    if today >= breakup:
        assert advice.days_since == (today - breakup).days


# --- The wider gate ----------------------------------------------------------------------------

NEW_STOPS = (
    "self-harm-threats",
    "stalking",
    "threats-children-pets",
    "i-caused-harm",
    "blocked-or-asked",
    "toxic",
)


@pytest.mark.parametrize("concern_id", NEW_STOPS)
def test_each_new_stop_item_makes_step_4_not_advised_with_its_own_words(concern_id):
    from exback_tui.domain.gates import safety, stop_advice
    from exback_tui.material import shipped_material

    concerns = shipped_material().concerns
    by_id = {c.id: c for c in concerns}
    assert by_id[concern_id].level == "stop"
    assert safety(concerns, {concern_id}) == "stop"
    general, advice = stop_advice(concerns, {concern_id})
    assert not general  # not the words written for someone who was harmed
    assert advice == (by_id[concern_id].advice,)
    others = {c.advice for c in concerns if c.id != concern_id}
    assert by_id[concern_id].advice not in others  # its own kind text


def test_the_reader_who_caused_harm_is_pointed_to_help_without_shame():
    from exback_tui.material import shipped_material

    advice = {c.id: c.advice for c in shipped_material().concerns}["i-caused-harm"]
    assert "not advised" in advice
    assert "help" in advice
    for word in ("abuser", "monster", "shame", "disgust"):
        assert word not in advice.lower()


def test_the_general_stop_words_still_come_for_the_original_items():
    from exback_tui.domain.gates import stop_advice
    from exback_tui.material import shipped_material

    concerns = shipped_material().concerns
    general, advice = stop_advice(concerns, {"physical-harm", "stalking"})
    assert general
    assert len(advice) == 1


def test_toxic_is_worded_for_either_side():
    from exback_tui.material import shipped_material

    toxic = {c.id: c for c in shipped_material().concerns}["toxic"]
    assert "one or both of us" in toxic.text
