"""Which action from the program to suggest today."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def action_for_day(actions: Sequence[T], days_done: int) -> T:
    """The action for the day: the list in order, starting over when it runs out.

    Keyed by days done in the current attempt, so it moves on each morning and
    starts again from the first after a slip.
    """
    if not actions:
        raise ValueError("no actions to choose from")
    return actions[days_done % len(actions)]
