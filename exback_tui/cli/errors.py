"""How the command line fails: one `exback:` line on stderr and an exit status.

Lean on purpose: the `exback today` path imports it.
"""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_ERROR = 2


class UsageError(Exception):
    """A command line that can't be carried out; the message says why."""


def fail(message: str, status: int = EXIT_ERROR) -> int:
    """Print `message` as exback's one error line (control characters removed); return `status`."""
    from exback_tui.domain.text import printable

    print(f"exback: {printable(message)}", file=sys.stderr)
    return status
