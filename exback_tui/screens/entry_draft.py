"""The entry being written, kept as a draft: what it holds, how often it is kept, the check
before it is written, and forgetting it. Used by the editor and by the question asked at
start about a draft left behind (screens/dialogs/draft_offer.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from exback_tui.delays import DEFAULT_DELAYS
from exback_tui.domain.errors import InvalidInput

if TYPE_CHECKING:
    from textual.app import App

    from exback_tui.service import ExBackService

# A positive number of seconds here replaces the app's autosave interval (the
# draft-recovery test, which runs the real command, uses it to avoid waiting).
AUTOSAVE_ENV = "EXBACK_AUTOSAVE_SECONDS"


def autosave_seconds(default: float = DEFAULT_DELAYS.autosave) -> float:
    """`default`, or the positive number in $EXBACK_AUTOSAVE_SECONDS."""
    raw = os.environ.get(AUTOSAVE_ENV, "")
    try:
        seconds = float(raw)
    except ValueError:
        return default
    return seconds if 0 < seconds < 3600 else default


class EditorValues(NamedTuple):
    """What the editor's fields hold."""

    title: str
    text: str
    tags: str
    mood: int | None
    prompt: str | None


def check_storable(draft: dict[str, Any]) -> None:
    """Refuse (as InvalidInput) a draft whose text can't be written as UTF-8."""
    for field in ("title", "text", "tags"):
        try:
            draft[field].encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                "The text holds bytes that aren't valid characters, so it can't be saved as typed.",
                field,
            ) from None


def forget_draft(service: ExBackService) -> str:
    """Delete draft.json; a message if that failed (the entry itself is safe)."""
    try:
        service.clear_draft()
    except OSError as error:
        return f"The unsaved-draft file couldn't be removed ({error.strerror or error})."
    return ""


def notify_error(app: App[Any]) -> Callable[[Exception], None]:
    """A `failed` callback for a save whose screen is gone: say it in a notification."""

    def notify(error: Exception) -> None:
        app.notify(str(error), severity="error", markup=False, timeout=30)

    return notify
