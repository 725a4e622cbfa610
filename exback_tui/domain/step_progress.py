"""How far the user is in each of the four steps, as counts the screens put into words.

Ticks and marks that no longer match the content (an item or a stage since
removed) are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from exback_tui.domain.gates import Step4Gate, Step4State, step4_gate_for, step4_state
from exback_tui.domain.material import Checklist, Concern, PlanArea, Stage
from exback_tui.domain.plan import Progress
from exback_tui.domain.progress import READINESS_CHECKLIST, REFRAMES, ProgramState, plan_list


class StepProgress(NamedTuple):
    """The user's progress in the four steps."""

    no_contact: Progress | None  # step 1: the running attempt (None: not started)
    plan_done: int  # step 2: plan lines ticked off,
    plan_lines: int  # of the plan lines written,
    reframes: int  # and kinder thoughts written
    ready_ticked: int  # step 3: readiness items ticked,
    ready_total: int  # of the items the list has
    step4: Step4State  # step 4: not advised, locked or open,
    gate: Step4Gate  # what its gate still waits for,
    stages_done: int  # stages marked done,
    stages_total: int  # of the stages there are


def step_progress(
    program: ProgramState,
    progress: Progress | None,
    *,
    plan_areas: Iterable[PlanArea],
    readiness: Checklist,
    stages: Iterable[Stage],
    concerns: Iterable[Concern],
) -> StepProgress:
    """The user's progress in each step, from what they saved and the running attempt."""
    days_done = None if progress is None else progress.days_done
    lines = [item for area in plan_areas for item in program.items_in(plan_list(area.id))]
    ready_ids = {item.id for item in readiness.items}
    stage_ids = {stage.id for stage in stages}
    concerns = tuple(concerns)
    return StepProgress(
        no_contact=progress,
        plan_done=sum(item.done for item in lines),
        plan_lines=len(lines),
        reframes=len(program.items_in(REFRAMES)),
        ready_ticked=len(program.latest_ticks(READINESS_CHECKLIST) & ready_ids),
        ready_total=len(ready_ids),
        step4=step4_state(concerns, readiness, program, days_done),
        gate=step4_gate_for(readiness, program, days_done),
        stages_done=len(stage_ids & set(program.stages)),
        stages_total=len(stage_ids),
    )


def earlier_stages_not_done(
    stages: Iterable[Stage], done: Iterable[str], stage_id: str
) -> tuple[Stage, ...]:
    """The stages before `stage_id` (in the program's order) that are not marked done.

    Marking a stage while earlier ones are open is allowed; the screen says so gently.
    """
    done_ids = set(done)
    earlier: list[Stage] = []
    for stage in stages:
        if stage.id == stage_id:
            return tuple(s for s in earlier if s.id not in done_ids)
        earlier.append(stage)
    return ()
