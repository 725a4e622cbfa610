"""What every changing subcommand shares: the service, the write lock, checked arguments."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from exback_tui.cli.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from exback_tui.service import ExBackService

# How long a command-line change waits for the lock (a moment's save by the
# app, or another command) before saying exback is open elsewhere.
WRITE_LOCK_WAIT = 2.0


# Every service this command made, so that `dispatch` can say once if one of
# them had to make the data folder private again.
made: list[ExBackService] = []


def service(data_dir: Path) -> ExBackService:
    """The service on `data_dir`, not yet opened: lock-free reads only."""
    from exback_tui.service import ExBackService

    made.append(ExBackService(data_dir))
    return made[-1]


def say_if_tightened() -> None:
    """Print, once, that the folder was made private again (if a service did it)."""
    import sys

    for each in made:
        if each.tightened:
            print(f"exback: {each.tightened_note()}", file=sys.stderr)
            break
    made.clear()


def open_for_write(data_dir: Path) -> ExBackService:
    """The service opened for a change: the lock is held until it is closed (`with`)."""
    return service(data_dir).open(for_tui=False, wait=WRITE_LOCK_WAIT)


def require_started(data_dir: Path, today: date) -> None:
    """Refuse a change that needs a plan before creating the data folder or its lock.

    The service checks again under the lock; this only keeps a refused command
    from leaving a new folder and lock file behind.
    """
    from exback_tui.domain.errors import InvalidInput

    if service(data_dir).read_status(today).plan is None:
        raise InvalidInput("No contact hasn't been started yet. Run: exback start", "plan")


def date_arg(text: str, today: date, option: str) -> date:
    """The DATE given to `option` (see `parser.DATE_FORMS`); UsageError saying what to type."""
    from exback_tui.domain.dates import parse_date
    from exback_tui.domain.errors import InvalidInput

    try:
        return parse_date(text, today, field=option)
    except InvalidInput as error:
        raise UsageError(f"{option}: {error}") from None


def int_arg(text: str, option: str) -> int:
    """The whole number given to `option`."""
    try:
        return int(text.strip())
    except ValueError:
        raise UsageError(f"{option} needs a whole number, not {text!r}") from None


def text_arg(text: str, option: str) -> str:
    """`text` as given to `option`, refused if it is not valid UTF-8."""
    # Bytes that are not UTF-8 reach argv as lone surrogates; refuse them
    # rather than store text that no longer means what was typed.
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        raise UsageError(f"{option} is not valid UTF-8 text")
    return text


def count(number: int, one: str, many: str) -> str:
    """ "1 journal entry", "3 journal entries"."""
    return f"{number} {one}" if number == 1 else f"{number} {many}"


def shown(path: object) -> str:
    """A path as printed to the terminal: control characters removed."""
    from exback_tui.domain.text import printable

    return printable(str(path))
