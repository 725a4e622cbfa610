"""The shapes of the day's words: the action for today, journal prompts, milestones.

Like those in `domain.material` (built by `exback_tui.material`, shown by the
screens), but on their own: the dashboard shows them in its first frame, and
making the rest of the material's shapes then would cost 1.5 ms.
"""

# No `from __future__ import annotations` here: with it, every field's annotation is a
# string, which typing.NamedTuple compiles (as a ForwardRef) when the class is made.

from typing import NamedTuple


class Action(NamedTuple):
    """One concrete thing to do today in a step, and when it is meant for.

    `when` is a period of the attempt ("first-days", "before-minimum",
    "before-target", "after-target") or one day ("day-7": 7 days done); see
    `domain.program.action_for_day`.
    """

    id: str
    step: int
    text: str
    when: str


class Prompt(NamedTuple):
    """A journal prompt for one step of the program."""

    id: str
    step: int
    title: str
    text: str


class MilestoneText(NamedTuple):
    """The words for one milestone."""

    key: str
    title: str
    message: str
