"""Every change to the attempts goes through one function, with one rule for overlaps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.history import (
    Contact,
    MoveStart,
    Restart,
    UndoContact,
    changed_history,
    check_history,
)
from exback_tui.domain.plan import ENDED_BY_RESTART, ENDED_BY_SLIP, Attempt, NoContactPlan

FIRST = date(2026, 10, 1)


def day(n: int) -> date:
    return FIRST + timedelta(days=n)


def plan_of(*attempts: Attempt, breakup: date | None = None) -> NoContactPlan:
    return NoContactPlan(30, tuple(attempts), breakup)


# --- examples ----------------------------------------------------------------------------


def test_contact_today_ends_the_running_attempt_and_starts_a_new_one():
    plan = plan_of(Attempt(day(0)))
    after = changed_history(plan, Contact(day(10), "texted at 2am"), day(10))
    assert after.attempts == (
        Attempt(day(0), day(10), ENDED_BY_SLIP, "texted at 2am"),
        Attempt(day(10)),
    )


def test_a_second_contact_on_the_same_day_is_kept_with_the_first():
    plan = changed_history(plan_of(Attempt(day(0))), Contact(day(10), "texted"), day(10))
    again = changed_history(plan, Contact(day(10), "called too"), day(10))
    assert again.attempts == (
        Attempt(day(0), day(10), ENDED_BY_SLIP, "texted; called too"),
        Attempt(day(10)),
    )
    # No trigger the second time: nothing is added, and still no empty attempt.
    assert changed_history(again, Contact(day(10)), day(10)) == again


def test_contact_on_a_past_day_splits_the_attempt_running_then():
    plan = plan_of(Attempt(day(0)))
    after = changed_history(plan, Contact(day(7), "their birthday"), day(10))
    assert after.attempts == (
        Attempt(day(0), day(7), ENDED_BY_SLIP, "their birthday"),
        Attempt(day(7)),
    )
    assert after.progress(day(10)).days_done == 3


def test_contact_inside_an_ended_attempt_keeps_how_it_ended():
    plan = plan_of(Attempt(day(0), day(9), ENDED_BY_SLIP, "call"), Attempt(day(9)))
    after = changed_history(plan, Contact(day(4), "text"), day(12))
    assert after.attempts == (
        Attempt(day(0), day(4), ENDED_BY_SLIP, "text"),
        Attempt(day(4), day(9), ENDED_BY_SLIP, "call"),
        Attempt(day(9)),
    )


def test_undo_restores_the_attempt_as_it_was():
    plan = plan_of(Attempt(day(0), day(3), ENDED_BY_RESTART), Attempt(day(3)))
    slipped = changed_history(plan, Contact(day(12), "x"), day(12))
    assert changed_history(slipped, UndoContact(day(12)), day(12)) == plan


def test_undo_without_a_slip_that_day_is_refused():
    plan = plan_of(Attempt(day(0)))
    with pytest.raises(InvalidInput, match="No slip was recorded"):
        changed_history(plan, UndoContact(day(5)), day(5))


def test_contact_before_the_plan_or_in_the_future_is_refused():
    plan = plan_of(Attempt(day(5)))
    with pytest.raises(InvalidInput, match="before no contact started"):
        changed_history(plan, Contact(day(4)), day(10))
    with pytest.raises(InvalidInput, match="in the future"):
        changed_history(plan, Contact(day(11)), day(10))


def test_the_start_can_be_corrected_but_not_before_the_previous_end_or_the_breakup():
    plan = plan_of(Attempt(day(0), day(5), ENDED_BY_SLIP, "x"), Attempt(day(8)), breakup=day(-3))
    assert changed_history(plan, MoveStart(day(5)), day(10)).current.start == day(5)
    assert changed_history(plan, MoveStart(day(10)), day(10)).current.start == day(10)
    with pytest.raises(InvalidInput, match="previous attempt ended"):
        changed_history(plan, MoveStart(day(4)), day(10))
    with pytest.raises(InvalidInput, match="in the future"):
        changed_history(plan, MoveStart(day(11)), day(10))
    alone = plan_of(Attempt(day(0)), breakup=day(-3))
    with pytest.raises(InvalidInput, match="before the breakup"):
        changed_history(alone, MoveStart(day(-4)), day(10))


def test_restart_ends_the_running_attempt_as_a_restart():
    plan = plan_of(Attempt(day(0)))
    assert changed_history(plan, Restart(day(4)), day(9)).attempts == (
        Attempt(day(0), day(4), ENDED_BY_RESTART),
        Attempt(day(4)),
    )
    with pytest.raises(InvalidInput):
        changed_history(plan, Restart(day(0)), day(9))


@pytest.mark.parametrize(
    "attempts",
    [
        (),
        (Attempt(day(0), day(5), ENDED_BY_SLIP), Attempt(day(4))),  # overlap
        (Attempt(day(0)), Attempt(day(4))),  # an earlier one still running
        (Attempt(day(3), day(2), ENDED_BY_SLIP), Attempt(day(4))),  # ends before it starts
        (Attempt(day(11)),),  # in the future
    ],
)
def test_the_one_rule_refuses_broken_histories(attempts):
    with pytest.raises(InvalidInput):
        check_history(attempts, day(10))


# --- properties --------------------------------------------------------------------------


@st.composite
def histories(draw) -> tuple[NoContactPlan, date]:
    """A valid plan (contiguous or with gaps, zero-day attempts too) and a `today` after it."""
    start = FIRST + timedelta(days=draw(st.integers(0, 400)))
    attempts = []
    for _ in range(draw(st.integers(0, 6))):
        length = draw(st.integers(0, 40))
        end = start + timedelta(days=length)
        attempts.append(Attempt(start, end, draw(st.sampled_from([ENDED_BY_SLIP, "restart"])), "t"))
        start = end + timedelta(days=draw(st.sampled_from([0, 0, 0, 2])))
    attempts.append(Attempt(start))
    today = start + timedelta(days=draw(st.integers(0, 30)))
    return NoContactPlan(30, tuple(attempts), None), today


def days_covered(plan: NoContactPlan, today: date) -> set[date]:
    """Every day some attempt ran (its start up to its end or today)."""
    covered: set[date] = set()
    for attempt in plan.attempts:
        last = attempt.end or today
        covered.update(
            attempt.start + timedelta(days=n) for n in range((last - attempt.start).days)
        )
    return covered


CHANGES = st.tuples(
    st.sampled_from(["contact", "undo", "move", "restart"]),
    st.integers(0, 500),  # how many days back from today the change is about
    st.text(max_size=6),
)


@given(histories(), st.lists(CHANGES, max_size=12))
def test_any_sequence_of_changes_keeps_the_rule_or_changes_nothing(history, changes):
    plan, today = history
    for kind, back, trigger in changes:
        on = today - timedelta(days=back)
        change = {
            "contact": Contact(on, trigger),
            "undo": UndoContact(on),
            "move": MoveStart(on),
            "restart": Restart(on),
        }[kind]
        try:
            after = changed_history(plan, change, today)
        except InvalidInput:
            continue  # refused: `plan` is a value, nothing was changed
        # Never overlapping, never in the future, only the last one running.
        check_history(after.attempts, today)
        assert after.target_days == plan.target_days
        assert after.breakup_date == plan.breakup_date
        plan = after


@given(histories(), st.integers(0, 400), st.text(max_size=8))
def test_contact_loses_no_history_and_undo_restores_it_exactly(history, back, trigger):
    plan, today = history
    on = today - timedelta(days=back)
    assume(plan.attempts[0].start <= on)
    try:
        slipped = changed_history(plan, Contact(on, trigger), today)
    except InvalidInput:
        return  # a day in a gap between attempts: refused
    # History is never lost: every day of no contact is still counted, every
    # ending (with its trigger) is still there.
    assert days_covered(slipped, today) == days_covered(plan, today)
    endings = {(a.end, a.ended_by) for a in plan.attempts if a.end is not None}
    assert endings <= {(a.end, a.ended_by) for a in slipped.attempts}
    assert len(slipped.attempts) - len(plan.attempts) in (0, 1)
    assert slipped.slipped_on(on)
    if not plan.slipped_on(on):
        assert changed_history(slipped, UndoContact(on), today) == plan


@given(histories(), st.integers(0, 60))
def test_a_corrected_start_leaves_every_earlier_attempt_alone(history, back):
    plan, today = history
    on = today - timedelta(days=back)
    try:
        moved = changed_history(plan, MoveStart(on), today)
    except InvalidInput:
        assert len(plan.attempts) > 1 and on < plan.attempts[-2].end
        return
    assert moved.attempts[:-1] == plan.attempts[:-1]
    assert moved.current == plan.current._replace(start=on)
