"""The daily check-in: mood 1-5, urge to contact 0-10, and whether they made contact."""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from exback_tui.domain.errors import InvalidInput

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

MOOD_RANGE = (1, 5)
URGE_RANGE = (0, 10)


class CheckIn(namedtuple("CheckIn", "on mood urge contacted", defaults=(False,))):
    """One day's answers. There is at most one per date; a second one replaces it."""

    __slots__ = ()

    if TYPE_CHECKING:
        on: date
        mood: int
        urge: int
        contacted: bool


def _in_range(value: int, bounds: tuple[int, int], field: str, label: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label} is a whole number from {low} to {high}.", field)
    return value


def validate_mood(value: int) -> int:
    """Return `value` if it is a mood from 1 to 5, else raise InvalidInput."""
    return _in_range(value, MOOD_RANGE, "mood", "Mood")


def validate_urge(value: int) -> int:
    """Return `value` if it is an urge from 0 to 10, else raise InvalidInput."""
    return _in_range(value, URGE_RANGE, "urge", "Urge")


def make_checkin(on: date, mood: int, urge: int, contacted: bool) -> CheckIn:
    """A validated check-in for the date `on`."""
    return CheckIn(on, validate_mood(mood), validate_urge(urge), bool(contacted))


def upsert(checkins: tuple[CheckIn, ...], new: CheckIn) -> tuple[CheckIn, ...]:
    """The check-ins with `new` in place of any earlier one on the same date, by date."""
    kept = [c for c in checkins if c.on != new.on]
    kept.append(new)
    kept.sort(key=lambda c: c.on)
    return tuple(kept)


def for_date(checkins: tuple[CheckIn, ...], on: date) -> CheckIn | None:
    """The check-in recorded on `on`, if any."""
    for checkin in checkins:
        if checkin.on == on:
            return checkin
    return None


def needs_slip(previous: CheckIn | None, new: CheckIn) -> bool:
    """Whether saving `new` should record a slip.

    Saying "yes, I contacted them" is a slip once per day: editing a check-in
    that already said yes does not restart the count a second time.
    """
    return new.contacted and not (previous is not None and previous.contacted)


def urges_resisted(checkins: tuple[CheckIn, ...]) -> int:
    """Days the user felt an urge to contact them (1 or more) and didn't act on it."""
    return sum(1 for c in checkins if c.urge > 0 and not c.contacted)


def recent(checkins: tuple[CheckIn, ...], today: date, days: int = 30) -> tuple[CheckIn, ...]:
    """The check-ins of the `days` days up to and including `today`, oldest first."""
    first = date.fromordinal(today.toordinal() - days + 1)
    return tuple(c for c in checkins if first <= c.on <= today)
