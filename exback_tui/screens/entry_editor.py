"""Writing a journal entry: title, mood, tags, an optional prompt and the text.

ctrl+s saves and closes; Escape closes, asking first if anything changed.
While the editor is open the entry is autosaved as a draft every
`delays.autosave` seconds (only when something changed), off the UI thread,
so a crash or a closed terminal loses at most those seconds of typing; the
next start offers the draft back (`screens.dialogs.draft_offer`).

The environment variable EXBACK_AUTOSAVE_SECONDS, if set to a positive
number, replaces the app's interval (see screens/entry_draft.py).

Why one module of about 450 lines: saving, autosaving, discarding and
closing share four guards (_saving, _finished, _autosaving, the edit count)
that decide together whether a draft may still be written; split apart,
the rule "no draft is written after the entry is saved or discarded" could
no longer be read in one place. What does not need them is in
screens/entry_draft.py.

An entry holds at most MAX_TEXT_CHARS characters. A paste (or a keystroke)
that would take the text past that is refused whole before it reaches the
text: nothing is cut, and a message says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static, TextArea

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import MAX_TITLE_CHARS, MOOD_RANGE, Entry
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.entry_draft import (
    EditorValues,
    autosave_seconds,
    check_storable,
    forget_draft,
    notify_error,
)
from exback_tui.service import StoreError
from exback_tui.textual_fixes import KeepsStylesWhileHidden
from exback_tui.widgets.entry_text_area import EntryTextArea
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput
from exback_tui.widgets.scale import ScalePicker

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.domain.daily import Prompt


# Until the app tracks which step of the program the user is on, prompts come
# from step 1 (no contact).
CURRENT_STEP = 1


# Where an error about each field is shown; anything else goes under the text.
ERROR_LINES = {"title": "#title-error", "mood": "#meta-error", "tags": "#meta-error"}
TEXT_ERROR = "#editor-message"

SAVE_BINDING = Binding("ctrl+s", "save", "Save")
CLOSE_BINDING = Binding("escape", "close", "Close")
PROMPT_BINDINGS = [
    Binding("ctrl+n", "prompt(1)", "Prompt"),
    Binding("ctrl+b", "prompt(-1)", "Previous prompt", show=False),
]


class EntryEditorScreen(KeepsStylesWhileHidden, Screen[None]):
    """Writes a new entry, or changes `entry`; `draft` (from draft.json) fills the fields."""

    if TYPE_CHECKING:
        app: ExBackApp

    BINDINGS = [
        SAVE_BINDING,
        CLOSE_BINDING,
        *PROMPT_BINDINGS,
        Binding("backspace,delete", "clear_mood", "No mood", show=False),
        # The app's one-letter keys would quit or leave the editor from the mood
        # picker (text fields type them anyway); here only ctrl+s and Escape close it.
        Binding("q,t,j,n", "stay", show=False),
    ]

    def action_stay(self) -> None:
        """Swallow an app-wide letter key while writing."""

    AUTO_FOCUS = "#editor-text"

    def __init__(self, entry: Entry | None = None, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.entry = entry
        self._draft_given = draft
        # Filled in by compose (the default mood comes from today's check-in).
        self._opening = EditorValues("", "", "", None, None)
        # None: opened from a draft, which is unsaved work by definition.
        self._original: EditorValues | None = None
        self._edits = 0
        self._autosaved_edits = 0
        self._autosaving = False
        self._draft_problem_shown = False
        self._quit_problem: Exception | None = None
        self._last_written = self._opening
        self._saving = False
        # Set once the entry is saved or discarded; read by autosaves waiting in
        # a worker, so that none writes the draft again after it was cleared.
        self._finished = False
        self._close_when_shown = False
        self._fields: tuple[Input, EntryTextArea, Input, ScalePicker]
        self._prompts: list[Prompt] = []
        self._prompt_index = -1

    # Building --------------------------------------------------------------------

    def _values_from(self, entry: Entry | None, draft: dict[str, Any] | None) -> EditorValues:
        if draft is not None:
            return EditorValues(*(draft[name] for name in EditorValues._fields))
        if entry is not None:
            return EditorValues(
                entry.title, entry.text, " ".join(entry.tags), entry.mood, entry.prompt
            )
        return EditorValues("", "", "", self._todays_mood(), None)

    def _todays_mood(self) -> int | None:
        status = self.app.status
        checkin = status.checkin_today if status is not None else None
        return checkin.mood if checkin is not None else None

    def compose(self) -> ComposeResult:
        texts = self.app.material.text["editor"]
        values = self._opening = self._values_from(self.entry, self._draft_given)
        self._original = None if self._draft_given is not None else values
        self._last_written = values
        self._prompts = self._prompt_choices(values.prompt)
        self._prompt_index = next(
            (i for i, p in enumerate(self._prompts) if p.id == values.prompt), -1
        )
        with Vertical(id="editor-box"):
            yield Static(self._heading(texts), id="editor-heading", markup=False)
            with Horizontal(id="editor-title-row", classes="editor-row"):
                yield Label("Title", classes="editor-label")
                yield SafeInput(
                    values.title,
                    placeholder=texts["title_placeholder"],
                    id="editor-title",
                    max_length=MAX_TITLE_CHARS,
                    compact=True,
                )
            yield self._error_line("title-error")
            with Horizontal(id="editor-meta-row", classes="editor-row"):
                yield Label("Mood", classes="editor-label")
                mood = ScalePicker(*MOOD_RANGE, "Mood", id="editor-mood")
                mood.value = values.mood
                yield mood
                yield Label("Tags", id="editor-tags-label")
                yield SafeInput(
                    values.tags,
                    placeholder=texts["tags_placeholder"],
                    id="editor-tags",
                    compact=True,
                )
            yield self._error_line("meta-error")
            with Horizontal(id="editor-prompt-row", classes="editor-row"):
                yield Label("Prompt", classes="editor-label")
                yield Static("", id="editor-prompt-title", markup=False)
            yield Static("", id="editor-prompt-text", markup=False)
            yield EntryTextArea(values.text, id="editor-text")
            yield self._error_line("editor-message")
        bindings = [SAVE_BINDING, CLOSE_BINDING]
        if self.entry is None:
            bindings.append(PROMPT_BINDINGS[0])
        yield KeyBar([*bindings, Binding("tab", "", "Next field")])

    @staticmethod
    def _error_line(id: str) -> Static:
        line = Static("", id=id, classes="field-error", markup=False)
        line.display = False
        return line

    def _heading(self, texts: Mapping[str, Any]) -> str:
        if self.entry is None:
            return texts["new_heading"]
        created = self.entry.created
        return texts["edit_heading"].format(day=f"{created:%A} {created.day} {created:%B %Y}")

    def _prompt_choices(self, chosen: str | None) -> list[Prompt]:
        """This step's prompts, plus the one the entry answers if it is from another step."""
        every = self.app.material.prompts
        choices = [p for p in every if p.step == CURRENT_STEP]
        if chosen is not None and all(p.id != chosen for p in choices):
            choices = [p for p in every if p.id == chosen] + choices
        return choices

    def on_mount(self) -> None:
        # Kept, not queried: they are still readable while the screen unmounts.
        self._fields = (
            self.query_one("#editor-title", Input),
            self.query_one(EntryTextArea),
            self.query_one("#editor-tags", Input),
            self.query_one("#editor-mood", ScalePicker),
        )
        self._show_prompt()
        area = self._fields[1]
        area.move_cursor(area.document.end)  # carry on where the text ends
        seconds = autosave_seconds(self.app.delays.autosave)
        self.set_interval(seconds, self._autosave, name="draft-autosave")

    def on_screen_resume(self) -> None:
        if self._close_when_shown:
            self._close_when_shown = False
            self.dismiss()

    # Reading the fields ------------------------------------------------------------

    def values(self) -> EditorValues:
        """What the fields hold now."""
        prompt = self._prompts[self._prompt_index].id if self._prompt_index >= 0 else None
        title, text, tags, mood = self._fields
        return EditorValues(title.value, text.text, tags.value, mood.value, prompt)

    def changed(self) -> bool:
        """Whether anything differs from when the editor opened (a draft always counts)."""
        return self._original is None or self.values() != self._original

    def draft(self) -> dict[str, Any]:
        """The fields as a draft for draft.json."""
        values = self.values()
        return {
            "title": values.title,
            "text": values.text,
            "tags": values.tags,
            "mood": values.mood,
            "prompt": values.prompt,
            "editing": self.entry.id if self.entry is not None else None,
            "saved_at": self.app.now().isoformat(),
        }

    # Edits -----------------------------------------------------------------------

    def _edited(self) -> None:
        self._edits += 1

    def on_input_changed(self, event: Input.Changed) -> None:
        self._edited()
        self._say("#title-error" if event.input.id == "editor-title" else "#meta-error", "")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edited()
        self._say(TEXT_ERROR, "")

    def on_scale_picker_changed(self, event: ScalePicker.Changed) -> None:
        self._edited()
        self._say("#meta-error", "")

    def on_scale_picker_refused(self, event: ScalePicker.Refused) -> None:
        self._say("#meta-error", event.reason)

    def on_entry_text_area_refused(self, event: EntryTextArea.Refused) -> None:
        texts = self.app.material.text["editor"]
        template = texts["paste_too_long"] if event.inserting > 1 else texts["text_full"]
        self._say(
            TEXT_ERROR,
            template.format(
                pasted=f"{event.inserting:,}",
                current=f"{event.current:,}",
                limit=f"{event.text_area.max_chars:,}",
            ),
        )

    def action_clear_mood(self) -> None:
        mood = self.query_one("#editor-mood", ScalePicker)
        if self.focused is mood and mood.value is not None:
            mood.value = None
            self._edited()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An entry being edited keeps the prompt it was written for.
        return not (action == "prompt" and self.entry is not None)

    def action_prompt(self, step: int) -> None:
        """Choose the next (or previous) prompt; after the last comes "no prompt"."""
        count = len(self._prompts)
        if not count:
            return
        self._prompt_index = (self._prompt_index + 1 + step) % (count + 1) - 1
        self._show_prompt()
        self._edited()

    def _show_prompt(self) -> None:
        texts = self.app.material.text["editor"]
        title = self.query_one("#editor-prompt-title", Static)
        text = self.query_one("#editor-prompt-text", Static)
        if self._prompt_index < 0:
            hint = texts["prompt_none"] if self.entry is None and self._prompts else ""
            title.update(hint or "—")
            text.update("")
            text.display = False
            return
        prompt = self._prompts[self._prompt_index]
        if self.entry is None:
            title.update(f"{prompt.title}  ({self._prompt_index + 1} of {len(self._prompts)})")
        else:
            title.update(prompt.title)
        text.update(prompt.text)
        text.display = True

    def _say(self, selector: str, message: str) -> None:
        line = self.query_one(selector, Static)
        if not message and not line.display:
            return
        line.update(message)
        line.display = bool(message)

    def _show_error(self, error: Exception) -> None:
        field = getattr(error, "field", "")
        self._say(ERROR_LINES.get(field, TEXT_ERROR), str(error))

    # Saving ----------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the entry (off the UI thread), then clear the draft and close."""
        if self._saving or self._finished:
            return
        if self.entry is not None and not self.changed():
            self._discard()  # nothing changed: the entry is not marked edited
            return
        self._saving = True
        for selector in ("#title-error", "#meta-error", TEXT_ERROR):
            self._say(selector, "")
        values = self.values()
        service, now = self.app.service, self.app.now()
        entry = self.entry

        def save() -> tuple[Entry, str]:
            if entry is None:
                saved = service.add_entry(
                    now,
                    values.text,
                    title=values.title,
                    mood=values.mood,
                    tags=values.tags,
                    prompt=values.prompt,
                )
            else:
                saved = service.edit_entry(
                    now,
                    entry.id,
                    text=values.text,
                    title=values.title,
                    mood=values.mood,
                    tags=values.tags,
                )
            self._finished = True
            return saved, forget_draft(service)

        def saved(result: tuple[Entry, str]) -> None:
            entry, draft_problem = result
            self.app.entry_changed(entry)
            self.app.notify(self.app.material.text["editor"]["saved"], markup=False)
            if draft_problem:
                self.app.notify(draft_problem, severity="warning", markup=False)
            self._close()

        def failed(error: Exception) -> None:
            self._saving = False
            self._show_error(error)

        self.app.saves.run(save, saved, failed)

    def _autosave(self) -> None:
        """Write the draft if anything changed since the last one (a timer calls this)."""
        if self._finished or self._saving or self._autosaving:
            return
        if self._edits == self._autosaved_edits:
            return
        edits = self._edits
        draft = self.draft()
        values = EditorValues(*(draft[k] for k in EditorValues._fields))
        if values == self._last_written:
            self._autosaved_edits = edits
            return
        service = self.app.service
        self._autosaving = True

        def write() -> None:
            if self._finished:
                return
            check_storable(draft)
            service.save_draft(draft)

        def written(_: None) -> None:
            self._autosaving = False
            self._autosaved_edits = edits
            self._last_written = values
            if self._draft_problem_shown and self.is_attached and not self._finished:
                self._draft_problem_shown = False
                self._say(TEXT_ERROR, "")

        def failed(error: Exception) -> None:
            self._autosaving = False
            if self.is_attached and not self._finished:
                texts = self.app.material.text["editor"]
                self._say(TEXT_ERROR, texts["draft_failed"].format(error=error))
                self._draft_problem_shown = True

        self.app.saves.run(write, written, failed)

    def on_unmount(self) -> None:
        """Keep the draft if the app is quitting with changes the last autosave missed."""
        problem = self._keep_draft_now()
        if problem is not None:
            # The app is closing: there is no screen left to show this on.
            self.log.error(f"The draft couldn't be kept: {problem}")

    def _keep_draft_now(self) -> Exception | None:
        """Write the draft on this thread if it differs from the last one kept; the error if any."""
        if self._finished or self._edits == self._autosaved_edits:
            return None
        draft = self.draft()
        values = EditorValues(*(draft[k] for k in EditorValues._fields))
        if values == self._last_written:
            return None
        try:
            check_storable(draft)
            self.app.service.save_draft(draft)
        except (InvalidInput, StoreError) as error:
            self._quit_problem = error
            return error
        self._autosaved_edits = self._edits
        self._last_written = values
        return None

    def write_draft_now(self) -> None:
        """The terminal is closing: write the draft now (see `saving.WritesDraftNow`)."""
        problem = self._keep_draft_now()
        if problem is not None:
            self.log.error(f"The draft couldn't be kept: {problem}")

    def kept_for_quit(self) -> bool:
        """Before the app quits: whether what is typed is saved or its draft is written now."""
        if self._finished or not self.changed():
            return True
        return self._keep_draft_now() is None

    def ask_before_quit(self, quit_now: Callable[[], None]) -> None:
        """Neither the entry nor its draft could be written: quitting would lose it. Ask."""
        texts = self.app.material.text["editor"]
        error = str(self._quit_problem or "")
        dialog = ConfirmDialog(
            texts["quit_title"],
            texts["quit_body"].format(error=error.rstrip(".")),
            texts["quit_yes"],
            texts["quit_no"],
        )

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._finished = True  # nothing more to keep: don't try again on the way out
                quit_now()
            elif self.is_attached:
                self._fields[1].focus()

        self.app.push_screen(dialog, answered)

    # Closing ---------------------------------------------------------------------

    def action_close(self) -> None:
        """Close; if anything changed, ask before throwing it away."""
        if self._saving or self._finished:
            return
        if not self.changed():
            self._discard()
            return
        texts = self.app.material.text["editor"]
        # Editing, the entry itself stays: the question must not read like deleting it.
        kind = "discard" if self.entry is None else "discard_edit"
        dialog = ConfirmDialog(
            texts[f"{kind}_title"], texts[f"{kind}_body"], texts[f"{kind}_yes"], texts["discard_no"]
        )
        self.app.push_screen(dialog, self._after_discard_question)

    def _after_discard_question(self, discard: bool | None) -> None:
        if discard:
            self._discard()
        else:
            self._fields[1].focus()

    def _discard(self) -> None:
        """Close without saving, and forget the draft."""
        self._finished = True
        service = self.app.service

        def done(problem: str) -> None:
            if problem:
                self.app.notify(problem, severity="warning", markup=False)

        # The screen is closing, so any problem is told in a notification.
        self.app.saves.run(lambda: forget_draft(service), done, notify_error(self.app))
        self._close()

    def _close(self) -> None:
        if self.is_current:
            self.dismiss()
        else:
            # Something (the hide screen, a dialog) is on top: close when it goes.
            self._close_when_shown = True
