"""The rules behind the steps' progress lines and step 4's gate, on the user's saved state."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.gates import safety_level, step4_gate_for, step4_state
from exback_tui.domain.material import Checklist, ChecklistItem, Concern, PlanArea, Stage
from exback_tui.domain.plan import NoContactPlan
from exback_tui.domain.progress import (
    EMPTY_PROGRAM,
    READINESS_CHECKLIST,
    REFRAMES,
    SAFETY_CHECKLIST,
    ChecklistTake,
    Item,
    ProgramState,
    StageDone,
    decision_key,
    plan_list,
)
from exback_tui.domain.status import status_for
from exback_tui.domain.step_progress import step_progress

DAY = date(2026, 11, 26)
READINESS = Checklist(
    READINESS_CHECKLIST,
    "Ready?",
    "intro",
    tuple(ChecklistItem(name, name.upper(), "main") for name in ("a", "b", "c")),
    {},
)
CONCERNS = (Concern("hit", "They hurt me", "stop"), Concern("lied", "They lied", "caution"))
AREAS = (PlanArea("body", "Body", "hint"), PlanArea("mind", "Mind", "hint"))
STAGES = tuple(Stage(f"s{n}", f"Stage {n}", "text", ("do",), ("don't",)) for n in range(3))


def ticked(program: ProgramState, checklist: str, *ids: str) -> ProgramState:
    take = ChecklistTake(checklist, DAY, frozenset(ids))
    return program._replace(checklists={**program.checklists, checklist: (take,)})


def item(list_name: str, done: bool = False, number: int = 0) -> Item:
    return Item(f"{list_name}-{number}", list_name, "text", done, DAY, "")


def progress_after(days: int):
    plan = NoContactPlan.begin(DAY - timedelta(days=days), DAY)
    return status_for(plan, (), DAY).progress


def test_where_things_are_kept():
    assert plan_list("body") == "plan:body"
    assert decision_key("why") == "decision:why"


def test_safety_level_follows_the_newest_take():
    assert safety_level(CONCERNS, EMPTY_PROGRAM) is None
    assert safety_level(CONCERNS, ticked(EMPTY_PROGRAM, SAFETY_CHECKLIST, "lied")) == "caution"
    both = ticked(EMPTY_PROGRAM, SAFETY_CHECKLIST, "lied", "hit")
    assert safety_level(CONCERNS, both) == "stop"


@pytest.mark.parametrize(
    ("days", "ticks", "state"),
    [
        (None, ("a", "b", "c"), "locked"),
        (20, ("a", "b", "c"), "locked"),
        (21, ("a", "b"), "locked"),
        (21, ("a", "b", "c"), "open"),
        (400, ("a", "b", "c", "gone"), "open"),
    ],
)
def test_step4_opens_with_the_minimum_and_every_item(days, ticks, state):
    program = ticked(EMPTY_PROGRAM, READINESS_CHECKLIST, *ticks)
    assert step4_state(CONCERNS, READINESS, program, days) == state
    gate = step4_gate_for(READINESS, program, days)
    assert gate.open == (state == "open")
    assert gate.no_plan == (days is None)


@given(days=st.one_of(st.none(), st.integers(-5, 400)), ticks=st.sets(st.sampled_from("abc")))
def test_a_stop_in_the_safety_gate_wins_over_everything(days, ticks):
    program = ticked(EMPTY_PROGRAM, READINESS_CHECKLIST, *ticks)
    program = ticked(program, SAFETY_CHECKLIST, "hit")
    assert step4_state(CONCERNS, READINESS, program, days) == "stop"


def test_progress_of_a_new_user():
    found = step_progress(
        EMPTY_PROGRAM, None, plan_areas=AREAS, readiness=READINESS, stages=STAGES, concerns=CONCERNS
    )
    assert found.no_contact is None
    assert (found.plan_done, found.plan_lines, found.reframes) == (0, 0, 0)
    assert (found.ready_ticked, found.ready_total) == (0, 3)
    assert found.step4 == "locked" and found.gate.no_plan
    assert (found.stages_done, found.stages_total) == (0, 3)


def test_progress_counts_only_what_the_content_still_has():
    program = ticked(EMPTY_PROGRAM, READINESS_CHECKLIST, "a", "gone")
    program = program._replace(
        items=(
            item(plan_list("body"), done=True),
            item(plan_list("mind"), number=1),
            item(plan_list("dropped-area"), done=True, number=2),
            item(REFRAMES, number=3),
            item("pros", number=4),
        ),
        stages={"s0": StageDone("s0", DAY), "old-stage": StageDone("old-stage", DAY)},
    )
    found = step_progress(
        program,
        progress_after(25),
        plan_areas=AREAS,
        readiness=READINESS,
        stages=STAGES,
        concerns=CONCERNS,
    )
    assert found.no_contact is not None and found.no_contact.days_done == 25
    assert (found.plan_done, found.plan_lines, found.reframes) == (1, 2, 1)
    assert found.ready_ticked == 1
    assert found.step4 == "locked" and [i.id for i in found.gate.missing] == ["b", "c"]
    assert found.stages_done == 1


def test_earlier_stages_not_done_in_the_programs_order():
    from exback_tui.domain.material import Stage
    from exback_tui.domain.step_progress import earlier_stages_not_done

    stages = [Stage(str(n), f"Stage {n}", "", (), ()) for n in range(1, 8)]
    assert earlier_stages_not_done(stages, set(), "1") == ()
    assert [s.id for s in earlier_stages_not_done(stages, {"2"}, "4")] == ["1", "3"]
    assert earlier_stages_not_done(stages, {"1", "2", "3"}, "4") == ()
    assert [s.id for s in earlier_stages_not_done(stages, set(), "7")] == list("123456")
    assert earlier_stages_not_done(stages, set(), "gone") == ()
