"""How the command line fails: one `exback:` line on stderr and an exit status.

The statuses themselves are listed once, in `exback_tui.exit_codes`. Lean on
purpose: the `exback today` path imports this module.
"""

from __future__ import annotations

import sys

from exback_tui.exit_codes import BAD_INPUT, OK, status_for

__all__ = ["OK", "UsageError", "fail", "fail_for"]


class UsageError(Exception):
    """A command line that can't be carried out; the message says why."""


def fail(message: str, status: int = BAD_INPUT) -> int:
    """Print `message` as exback's one error line (control characters removed); return `status`."""
    from exback_tui.domain.text import printable

    print(f"exback: {printable(message)}", file=sys.stderr)
    return status


def fail_for(error: BaseException) -> int:
    """Print `error`'s message as the error line; return the status its kind has."""
    return fail(str(error), status_for(error))
