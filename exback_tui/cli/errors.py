"""How the command line fails: one `exback:` line on stderr and an exit status.

The statuses themselves are listed once, in `exback_tui.exit_codes`. Lean on
purpose: the `exback today` path imports this module.
"""

from __future__ import annotations

import sys

from exback_tui.exit_codes import BAD_INPUT, OK, status_for

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from datetime import date, datetime

__all__ = ["CLOCK_WRONG", "OK", "UsageError", "fail", "fail_for", "now", "today"]


class UsageError(Exception):
    """A command line that can't be carried out; the message says why."""


CLOCK_WRONG = (
    "The computer's clock looks wrong: it can't be read as a date. "
    "Set the right date and time, then try again. Nothing was changed."
)


def today() -> date:
    """Today's local date; UsageError if the clock can't be read as a date.

    CPython's clock holds nanoseconds in 64 bits: set past April 2262 (as
    faketime can), every read raises OverflowError.
    """
    from datetime import date

    try:
        return date.today()
    except (OverflowError, OSError, ValueError):
        raise UsageError(CLOCK_WRONG) from None


def now() -> datetime:
    """The local time now, with its UTC offset; UsageError as `today`."""
    from datetime import datetime

    try:
        return datetime.now().astimezone()
    except (OverflowError, OSError, ValueError):
        raise UsageError(CLOCK_WRONG) from None


def fail(message: str, status: int = BAD_INPUT) -> int:
    """Print `message` as exback's one error line (control characters removed); return `status`."""
    from exback_tui.domain.text import printable

    print(f"exback: {printable(message)}", file=sys.stderr)
    return status


def fail_for(error: BaseException) -> int:
    """Print `error`'s message as the error line; return the status its kind has."""
    return fail(str(error), status_for(error))
