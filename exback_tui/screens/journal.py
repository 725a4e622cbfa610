"""The journal: find an entry (search, tag, dates), read it, edit, delete and restore.

The screen owns the filters and the filtered entries and pushes them into the
EntryList; the list reports the cursor back. It follows `app.journal`, so a
save anywhere (the editor, a delete here) shows at once.

About 420 lines, kept as one screen: the search, tag and date filters, the
list and the entry beside it are one state (`JournalFilters` and the result
searched within, in domain/journal.py); the pieces that stand alone are
widgets (EntryList, EntryView, TagFilter).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import (
    Entry,
    JournalFilters,
    all_tags,
    narrows,
    restore_deadline,
    select,
)
from exback_tui.textual_fixes import KeepsStylesWhileHidden
from exback_tui.widgets.entry_list import EntryList
from exback_tui.widgets.entry_view import EntryView
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput
from exback_tui.widgets.tag_filter import TagFilter

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp

# Wide enough to read an entry beside the list rather than below it.
WIDE_COLUMNS = 110
# A confirmation in the header stays this long.
MESSAGE_SECONDS = 8


def _long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


class JournalScreen(KeepsStylesWhileHidden, Screen[None]):
    """Entries newest first, a search field, tag and date filters, the entry beside or below."""

    if TYPE_CHECKING:
        app: ExBackApp

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]
    # The person starts on the list; / jumps to the search, Escape comes back.
    AUTO_FOCUS = "#journal-list"

    BINDINGS = [
        Binding("down", "to_list", "List"),
        Binding("slash", "to_search", "Search"),
        Binding("ctrl+t", "step_tag(1)", "Tag"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("z", "restore", "Restore"),
        Binding("r", "toggle_deleted", "Deleted"),
        Binding("escape", "back", "Back"),
    ]
    JOURNAL_KEYS = ("down", "slash", "ctrl+t", "e", "d", "r", "escape")
    DELETED_KEYS = ("down", "slash", "ctrl+t", "z", "r", "escape")

    def __init__(self, texts: Mapping[str, str]) -> None:
        super().__init__()
        self._texts = texts
        self._filters = JournalFilters()
        self._search_timer: Timer | None = None
        # The journal, filters and result of the last search, to search within it.
        self._last: tuple[tuple[Entry, ...], JournalFilters, tuple[Entry, ...]] | None = None
        self._tags: list[str] = []
        self._message_timer: Timer | None = None
        self._view_timer: Timer | None = None
        self._pending: Entry | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="journal-header"):
            yield Static("Journal", id="journal-heading", markup=False)
            yield Static("", id="journal-count", markup=False)
            yield Static("", id="journal-message", markup=False)
        with Horizontal(id="journal-filters"):
            yield Static("Search", classes="journal-label", markup=False)
            yield SafeInput(
                placeholder="title, text or tag",
                id="journal-search",
                select_on_focus=False,
            )
            yield Static("From", classes="journal-label", markup=False)
            yield SafeInput(placeholder="date", id="journal-since", max_length=40)
            yield Static("To", classes="journal-label", markup=False)
            yield SafeInput(placeholder="date", id="journal-until", max_length=40)
            yield TagFilter(id="journal-tag")
        yield Static("", id="journal-error", classes="field-error", markup=False)
        with Horizontal(id="journal-body"):
            yield EntryList(id="journal-list")
            yield EntryView(id="journal-view")
        yield KeyBar(self._key_bindings(self.JOURNAL_KEYS, "Deleted"), id="journal-keys")
        yield KeyBar(self._key_bindings(self.DELETED_KEYS, "Journal"), id="journal-deleted-keys")

    def _key_bindings(self, keys: Sequence[str], toggle: str) -> list[Binding]:
        by_key = {b.key: b for b in self.BINDINGS if isinstance(b, Binding)}
        shown = [by_key[k] for k in keys]
        own = [Binding("r", "toggle_deleted", toggle) if b.key == "r" else b for b in shown]
        # The app's keys after the journal's: the bar leaves out what does not fit.
        return [*own, *(b for b in self.app.BINDINGS if isinstance(b, Binding))]

    def on_mount(self) -> None:
        self.query_one("#journal-error").display = False
        self.query_one("#journal-deleted-keys").display = False
        self.query_one("#journal-list", EntryList).border_title = "Entries"
        self.watch(self.app, "journal", self._journal_changed)

    # Following the journal -------------------------------------------------------

    def _journal_changed(self, journal: tuple[Entry, ...] | None) -> None:
        entry_list = self.query_one("#journal-list", EntryList)
        if journal is None:
            entry_list.placeholder = self._texts["loading"]
            entry_list.entries = ()
            self.query_one("#journal-count", Static).update("")
            self.query_one(EntryView).show(None)
            return
        self._tags = all_tags(journal)
        self._refilter()

    def _refilter(self) -> None:
        """Filter the journal with the current filters and show the result."""
        journal = self.app.journal
        if journal is None:
            return
        filters = self._filters
        source: Sequence[Entry] = journal
        if self._last is not None:
            last_journal, last_filters, last_result = self._last
            same_rest = replace(last_filters, query="") == replace(filters, query="")
            if last_journal is journal and same_rest and narrows(last_filters.query, filters.query):
                source = last_result
        result = tuple(
            select(
                source,
                query=filters.query,
                tag=filters.tag,
                since=filters.since,
                until=filters.until,
                deleted=filters.deleted,
            )
        )
        self._last = (journal, filters, result)
        entry_list = self.query_one("#journal-list", EntryList)
        entry_list.placeholder = self._placeholder()
        entry_list.deleted_view = filters.deleted
        entry_list.entries = result
        self._show_count(journal, result)

    def _placeholder(self) -> str:
        if self._filters.narrowing:
            return self._texts["no_match"]
        return self._texts["deleted_empty" if self._filters.deleted else "empty"]

    def _show_count(self, journal: Sequence[Entry], result: Sequence[Entry]) -> None:
        deleted = self._filters.deleted
        total = sum(1 for e in journal if (e.deleted is not None) == deleted)
        noun = "entry" if total == 1 else "entries"
        if self._filters.narrowing:
            count = f"{len(result):,} of {total:,} {noun}"
        else:
            count = f"{total:,} {noun}"
        self.query_one("#journal-count", Static).update(count)
        heading = self._texts["deleted_header"] if deleted else "Journal"
        self.query_one("#journal-heading", Static).update(heading)
        self.query_one("#journal-list", EntryList).border_title = (
            "Recently deleted" if deleted else "Entries"
        )

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        """Show the highlighted entry: at once, then at most every `delays.entry_view`
        while the cursor keeps moving (a held arrow key would otherwise lay out every
        entry it passes)."""
        event.stop()
        self._pending = event.entry
        if self._view_timer is None:
            self._show_pending()

    def _show_pending(self) -> None:
        view = self.query_one(EntryView)
        if self._pending is view.entry and self._view_timer is not None:
            self._view_timer = None
            return
        self._show_entry(self._pending)
        interval = self.app.delays.entry_view
        self._view_timer = self.set_timer(interval, self._show_pending) if interval > 0 else None

    def _show_entry(self, entry: Entry | None) -> None:
        view = self.query_one(EntryView)
        if entry is None:
            view.show(None)
            return
        note = ""
        deadline = restore_deadline(entry)
        if entry.deleted is not None and deadline is not None:
            note = self._texts["restore_note"].format(
                deleted=_long_date(entry.deleted.date()), until=_long_date(deadline)
            )
        view.show(entry, note=note)

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self._pending = event.entry
        self._show_entry(event.entry)
        self.query_one(EntryView).focus()

    # Search, tag and dates ---------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "journal-search":
            return
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        # Typing faster than the delay searches once, when the typing pauses.
        delay = self.app.delays.search
        if delay <= 0:
            self._apply_search()
        else:
            self._search_timer = self.set_timer(delay, self._apply_search)

    def _apply_search(self) -> None:
        self._search_timer = None
        query = self.query_one("#journal-search", Input).value
        if query != self._filters.query:
            self._set_filters(query=query)

    def _set_filters(self, **changes: Any) -> None:
        """Change the filters; the cursor stays on its entry if still listed, else goes to
        the top (newest match)."""
        entry_list = self.query_one("#journal-list", EntryList)
        before = entry_list.highlighted
        self._filters = replace(self._filters, **changes)
        self._refilter()
        after = entry_list.highlighted
        if before is None or after is None or after.id != before.id:
            entry_list.cursor = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "journal-search":
            if self._search_timer is not None:
                self._search_timer.stop()
            self._apply_search()
            self.action_to_list()
        else:
            self._apply_dates()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if event.input.id in ("journal-since", "journal-until"):
            event.stop()
            self._apply_dates()

    def _apply_dates(self) -> None:
        """Read From and To; a date that can't be read is explained and changes nothing."""
        from exback_tui.domain.dates import parse_date

        today = self.app.today
        days: dict[str, date | None] = {}
        for name, label in (("since", "From"), ("until", "To")):
            field = self.query_one(f"#journal-{name}", Input)
            text = field.value.strip()
            try:
                days[name] = parse_date(text, today, field=name) if text else None
            except InvalidInput as error:
                self._show_error(f"{label}: {error}", field)
                return
            field.set_class(False, "-invalid")
        since, until = days["since"], days["until"]
        if since is not None and until is not None and since > until:
            self._show_error(self._texts["bad_range"], self.query_one("#journal-until", Input))
            return
        self._show_error("", None)
        if (since, until) != (self._filters.since, self._filters.until):
            self._set_filters(since=since, until=until)

    def _show_error(self, message: str, field: Input | None) -> None:
        """Explain what went wrong under the filters ("" hides it); mark `field` if given."""
        error = self.query_one("#journal-error", Static)
        error.update(Content(message))
        error.display = bool(message)
        if field is not None:
            field.set_class(True, "-invalid")

    def on_tag_filter_step(self, event: TagFilter.Step) -> None:
        event.stop()
        self.action_step_tag(event.step)

    def action_step_tag(self, step: int) -> None:
        """Filter by the next (or previous) tag in use; after the last, all again."""
        choices: list[str | None] = [None, *self._tags]
        current = self._filters.tag
        keys = [c.casefold() if c else None for c in choices]
        position = keys.index(current.casefold()) if current and current.casefold() in keys else 0
        tag = choices[(position + step) % len(choices)]
        self.query_one(TagFilter).tag = tag
        self._set_filters(tag=tag)

    # Keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return not self._filters.deleted
        if action == "restore":
            return self._filters.deleted
        return True

    def _highlighted(self) -> Entry | None:
        return self.query_one("#journal-list", EntryList).highlighted

    def action_to_list(self) -> None:
        self.query_one("#journal-list", EntryList).focus()

    def action_to_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_edit(self) -> None:
        from exback_tui.screens.entry_editor import EntryEditorScreen

        entry = self._highlighted()
        if entry is not None:
            self.app.push_screen(EntryEditorScreen(entry=entry))

    def action_delete(self) -> None:
        from exback_tui.domain.journal import RESTORE_DAYS
        from exback_tui.screens.dialogs.confirm import ConfirmDialog

        entry = self._highlighted()
        if entry is None:
            return
        until = _long_date(self.app.now().date() + timedelta(days=RESTORE_DAYS))
        dialog = ConfirmDialog(
            self._texts["confirm_title"],
            self._texts["confirm_body"].format(until=until),
            self._texts["confirm_yes"],
            self._texts["confirm_no"],
        )
        self.app.push_screen(dialog, lambda yes: self._delete(entry) if yes else None)

    def _delete(self, entry: Entry) -> None:
        service, now = self.app.service, self.app.now()

        def done(saved: Entry) -> None:
            self.app.entry_changed(saved)
            self._say(self._texts["deleted_done"])

        self.app.saves.run(lambda: service.delete_entry(now, entry.id), done, self._failed)

    def action_restore(self) -> None:
        entry = self._highlighted()
        if entry is None or entry.deleted is None:
            return
        service = self.app.service

        def done(saved: Entry) -> None:
            self.app.entry_changed(saved)
            self._say(self._texts["restored_done"])

        self.app.saves.run(lambda: service.restore_entry(entry.id), done, self._failed)

    def _failed(self, error: Exception) -> None:
        self._show_error(str(error), None)

    def _say(self, message: str) -> None:
        """A short confirmation in the header, gone after a while."""
        line = self.query_one("#journal-message", Static)
        line.update(Content(message))
        if self._message_timer is not None:
            self._message_timer.stop()
        self._message_timer = self.set_timer(MESSAGE_SECONDS, lambda: line.update(""))

    def action_show_deleted(self) -> None:
        """Recently deleted (from the palette): shown, whichever view was open."""
        if not self._filters.deleted:
            self.action_toggle_deleted()

    def action_toggle_deleted(self) -> None:
        deleted = not self._filters.deleted
        self.query_one("#journal-keys").display = not deleted
        self.query_one("#journal-deleted-keys").display = deleted
        self.set_class(deleted, "-deleted")
        self._set_filters(deleted=deleted)
        self.refresh_bindings()

    def action_back(self) -> None:
        """From a filter field, back to the list; then clear the search and filters; then
        leave recently deleted; then the journal."""
        if isinstance(self.focused, Input):
            self.action_to_list()
        elif self._filters.narrowing or self._any_filter_typed():
            self._clear_filters()
        elif self._filters.deleted:
            self.action_toggle_deleted()
        else:
            self.dismiss()

    def _any_filter_typed(self) -> bool:
        return any(
            self.query_one(f"#journal-{name}", Input).value for name in ("search", "since", "until")
        )

    def _clear_filters(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        for name in ("search", "since", "until"):
            field = self.query_one(f"#journal-{name}", Input)
            with field.prevent(Input.Changed):
                field.value = ""
            field.set_class(False, "-invalid")
        self._show_error("", None)
        self.query_one(TagFilter).tag = None
        self._set_filters(query="", tag=None, since=None, until=None)
