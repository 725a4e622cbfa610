"""The question asked at start when an unsaved journal entry was left behind.

"Open it" brings the entry back into the editor (an entry being edited comes
back as that entry, if it still exists); "Discard" forgets it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from exback_tui.domain.journal import Entry
from exback_tui.domain.text import printable
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.entry_draft import forget_draft, notify_error
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.service import StoreError

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp


def offer_draft(app: ExBackApp) -> None:
    """If an unsaved draft was left behind, ask whether to open it or discard it."""
    try:
        draft = app.service.load_draft()
    except (StoreError, OSError) as error:
        app.notify(str(error), severity="error", markup=False, timeout=30)
        return
    if draft is None:
        return
    texts = app.material.text["draft"]
    body = texts["body"].format(time=_when(draft["saved_at"], app.today))
    first = _first_line(draft)
    if first:
        body += "\n\n" + texts["preview"].format(first_line=first)

    def answered(open_it: bool | None) -> None:
        if open_it:
            _open_draft(app, draft)
        else:

            def done(problem: str) -> None:
                app.notify(problem or texts["discarded"], markup=False)

            service = app.service
            app.saves.run(lambda: forget_draft(service), done, notify_error(app))

    app.queue_dialog(
        "draft",
        ConfirmDialog(
            texts["title"], body, texts["open"], texts["discard"], default=True, escape=None
        ),
        answered,
    )


def _open_draft(app: ExBackApp, draft: dict[str, Any]) -> None:
    editing = draft["editing"]
    if editing is None:
        app.push_screen(EntryEditorScreen(draft=draft))
        return
    if app.journal is not None:
        app.push_screen(EntryEditorScreen(_live_entry(app.journal, editing), draft))
        return
    # The journal is still loading: look the entry up off the UI thread.
    service = app.service

    def find() -> Entry | None:
        return _live_entry(service.journal_entries(), editing)

    def found(entry: Entry | None) -> None:
        app.push_screen(EntryEditorScreen(entry, draft))

    def failed(error: Exception) -> None:
        notify_error(app)(error)
        app.push_screen(EntryEditorScreen(draft=draft))

    app.saves.run(find, found, failed)


def _live_entry(entries: Any, entry_id: str) -> Entry | None:
    """The entry being edited, if it still exists and isn't deleted (else it becomes new)."""
    for entry in entries:
        if entry.id == entry_id and entry.deleted is None:
            return entry
    return None


def _first_line(draft: dict[str, Any]) -> str:
    line = next((ln.strip() for ln in draft["text"].splitlines() if ln.strip()), "")
    line = printable(draft["title"].strip() or line)
    return line if len(line) <= 60 else line[:59] + "…"


def _when(saved_at: str, today: date) -> str:
    """`saved_at` (ISO) as people say it: "today at 07:30", "yesterday at 23:10"."""
    try:
        moment = datetime.fromisoformat(saved_at)
    except ValueError:
        return "earlier"
    clock = moment.strftime("%H:%M")
    day = moment.date()
    if day == today:
        return f"today at {clock}"
    if day == today - timedelta(days=1):
        return f"yesterday at {clock}"
    year = "" if day.year == today.year else f" {day.year}"
    return f"{day:%A} {day.day} {day:%B}{year} at {clock}"
