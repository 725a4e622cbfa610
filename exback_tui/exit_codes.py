"""exback's exit statuses, listed once.

`exback --help` prints this table and a test holds the README's list to it.
Each row: the status, what it means, and the names of the errors (from the
store, raised through the service) that end a command with it; any other
refusal is bad input. Giving an error its own status is one row here.

Lean on purpose: the `exback today` path imports it (no typing, no re).
"""

from __future__ import annotations

OK = 0
FOUND = 1  # exback check: a rule broken, or a draft that sounds like a crisis
BAD_INPUT = 2
LOCKED = 3
DAMAGED = 4
INTERRUPTED = 130  # 128 + SIGINT, as shells report a ctrl+c

# (status, what it means, the errors that end with it)
EXIT_CODES: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (OK, "done", ()),
    (FOUND, "exback check: a rule is broken, or the message sounds like a crisis", ()),
    (BAD_INPUT, "bad input, or the command could not be carried out: nothing was changed", ()),
    (LOCKED, "exback is open elsewhere, so the change was not made", ("LockHeld",)),
    (
        DAMAGED,
        "a data file can't be read (damaged, a link, or from a newer exback)",
        ("DamagedFile", "NewerSchema", "LinkedFile"),
    ),
    (INTERRUPTED, "interrupted by ctrl+c: a change was made whole or not at all", ()),
)


def status_for(error: BaseException) -> int:
    """The exit status for `error`: the row naming its class or a base class, else BAD_INPUT."""
    names = {kind.__name__ for kind in type(error).__mro__}
    for status, _, errors in EXIT_CODES:
        if names.intersection(errors):
            return status
    return BAD_INPUT


def help_text() -> str:
    """The table as `exback --help` ends with it."""
    rows = [f"  {status:<3}  {meaning}" for status, meaning, _ in EXIT_CODES]
    return "exit status:\n" + "\n".join(rows)
