"""The cooling-off box (`u`): write the message here instead of sending it.

The message is kept unsent when the box closes (Escape or ctrl+s), and that
counts as an urge resisted; an empty box just closes. While it is being
written it is autosaved to a draft (`urge-draft.json`) as the journal entry
is, so a crash or a closed terminal can't lose it: the next start opens the
box again with it (`offer_urge_draft`). Beside it are the
user's own reasons from big question 1. After 24 hours a kept message comes
back on the dashboard (`offer_due_urges`): "still want to send this?".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.progress import (
    MAX_FIELD_CHARS,
    REASONS_CHECKLIST,
    ProgramState,
    decision_key,
)
from exback_tui.domain.text import printable
from exback_tui.service import StoreError
from exback_tui.textual_fixes import KeepsStylesWhileHidden
from exback_tui.widgets.entry_text_area import EntryTextArea
from exback_tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from exback_tui.app import ExBackApp
    from exback_tui.domain.status import Status
    from exback_tui.material import Material
    from exback_tui.service import ExBackService


def reasons_lines(
    program: ProgramState, material: Material, texts: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The user's own reasons as (kind, text) lines: kind is "heading", "item" or "answer".

    Ticked right and wrong reasons (checklist texts), then every one of the
    seven questions the user answered, with the answer as typed. Empty when
    nothing is there yet.
    """
    lines: list[tuple[str, str]] = []
    checklist = material.checklists.get(REASONS_CHECKLIST)
    ticked = program.latest_ticks(REASONS_CHECKLIST)
    if checklist is not None and ticked:
        for group, heading in (("right", "reasons_right"), ("wrong", "reasons_wrong")):
            items = [i.text for i in checklist.items if i.group == group and i.id in ticked]
            if items:
                lines.append(("heading", texts[heading]))
                lines.extend(("item", f"• {text}") for text in items)
    answered = [
        (question.text, program.answer(decision_key(question.id)))
        for question in material.decision_questions
    ]
    answered = [(question, answer) for question, answer in answered if answer.strip()]
    if answered:
        lines.append(("heading", texts["reasons_answers"]))
        for question, answer in answered:
            lines.append(("question", question))
            lines.append(("answer", answer))
    return lines


def resisted_text(count: int, texts: Mapping[str, str]) -> str:
    """How many urges were caught here before, in words."""
    if count == 0:
        return texts["resisted_none"]
    if count == 1:
        return texts["resisted_one"]
    return texts["resisted_many"].format(count=count)


class UrgeScreen(KeepsStylesWhileHidden, Screen[None]):
    """A box for the message the user wants to send, and their reasons beside it."""

    if TYPE_CHECKING:
        app: ExBackApp

    AUTO_FOCUS = "#urge-text"

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep it unsent"),
        Binding("escape", "keep", "Close (kept unsent)"),
        # As in the journal editor: the app's one-letter keys would leave the
        # box from the reasons panel (the text field types them anyway).
        Binding("q,t,j,n", "stay", show=False),
    ]

    def __init__(self, material: Material, text: str = "") -> None:
        """`text`: the message to start from (a draft left behind)."""
        super().__init__()
        self.material = material
        self.texts = material.text["urge"]
        self._finished = False
        self._close_when_shown = False
        self._area: EntryTextArea
        self._opening = text
        self._draft_written = ""  # what the draft file holds ("" : none)
        self._drafting = False
        self._crisis_timer: Timer | None = None
        self.crisis = False  # the message sounds like a crisis: support is showing

    def compose(self) -> ComposeResult:
        texts = self.texts
        yield Static(texts["title"], id="urge-title", markup=False)
        yield Static(texts["intro"], id="urge-intro", markup=False)
        with Horizontal(id="urge-columns"):
            with Vertical(id="urge-writing"):
                area = EntryTextArea(id="urge-text", max_chars=MAX_FIELD_CHARS)
                area.placeholder = texts["placeholder"]
                yield area
                message = Static("", id="urge-message", markup=False)
                message.display = False
                yield message
            with VerticalScroll(id="urge-reasons") as reasons:
                reasons.border_title = texts["reasons_title"]
                yield from self._reasons(texts)
        yield KeyBar(self.BINDINGS)

    def _reasons(self, texts: Mapping[str, str]) -> ComposeResult:
        from exback_tui.domain.urges import urges_resisted

        program = self.app.program
        count = urges_resisted(program.urges)
        yield Static(resisted_text(count, texts), id="urge-resisted", markup=False)
        lines = reasons_lines(program, self.material, texts)
        if not lines:
            yield Static(texts["reasons_none"], id="urge-reasons-none", markup=False)
            return
        for kind, text in lines:
            multiline = kind == "answer"
            yield Static(
                Content(printable(text, multiline=multiline)),
                classes=f"urge-reasons-{kind}",
                markup=False,
            )

    def on_mount(self) -> None:
        # Kept, not queried: it is still readable while the screen unmounts.
        self._area = self.query_one(EntryTextArea)
        if self._opening:
            self._area.load_text(self._opening)
            self._area.move_cursor(self._area.document.end)
            self._draft_written = self._opening
        from exback_tui.screens.entry_draft import autosave_seconds

        seconds = autosave_seconds(self.app.delays.autosave)
        self.set_interval(seconds, self._autosave, name="urge-autosave")

    def _autosave(self) -> None:
        """Write the draft if the message changed since the last one (a timer calls this)."""
        text = self._text()
        if self._finished or self._drafting or text == self._draft_written:
            return
        service, now = self.app.service, self.app.now()
        self._drafting = True

        def write() -> None:
            if self._finished:
                return
            if text.strip():
                service.save_urge_draft(text, now)
            else:
                service.clear_urge_draft()

        def written(_: None) -> None:
            self._drafting = False
            self._draft_written = text

        def failed(error: Exception) -> None:
            self._drafting = False
            if self.is_attached and not self._finished:
                self._say(str(error))

        self.app.saves.run(write, written, failed)

    def write_draft_now(self) -> None:
        """Write the draft on this thread, now (the terminal is closing)."""
        text = self._text()
        if self._finished or text == self._draft_written or not text.strip():
            return
        try:
            self.app.service.save_urge_draft(text, self.app.now())
        except (InvalidInput, StoreError) as error:
            self.log.error(f"The unsent message's draft couldn't be kept: {error}")
            return
        self._draft_written = text

    def on_screen_resume(self) -> None:
        if self._close_when_shown:
            self._close_when_shown = False
            self.dismiss()

    def action_stay(self) -> None:
        """Swallow an app-wide letter key while the box is open."""

    def _text(self) -> str:
        return self._area.text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Care first: a message that sounds like a crisis gets the support page's first words."""
        event.stop()
        if self._crisis_timer is not None:
            self._crisis_timer.stop()
        delay = self.app.delays.check_draft
        if delay <= 0:
            self._check_crisis()
        else:
            self._crisis_timer = self.set_timer(delay, self._check_crisis, name="urge-crisis")

    def _check_crisis(self) -> None:
        from exback_tui.domain.checker import crisis_match
        from exback_tui.widgets.checker import crisis_lines

        self._crisis_timer = None
        crisis = crisis_match(self.material.care.crisis_patterns, self._text()) is not None
        if crisis != self.crisis:
            self.crisis = crisis
            self._say("\n\n".join(crisis_lines(self.material)) if crisis else "")
            self.query_one("#urge-message", Static).set_class(crisis, "-crisis")

    def on_entry_text_area_refused(self, event: EntryTextArea.Refused) -> None:
        event.stop()
        texts = self.texts
        self._say(
            texts["too_long"].format(
                pasted=f"{event.inserting:,}", limit=f"{event.text_area.max_chars:,}"
            )
        )

    def _say(self, message: str) -> None:
        line = self.query_one("#urge-message", Static)
        line.update(message)
        line.display = bool(message)

    def action_keep(self) -> None:
        """Keep the message unsent (if there is one) and close."""
        if self._finished:
            return
        text = self._text()
        self._finished = True
        service, now = self.app.service, self.app.now()
        if not text.strip():
            self.app.saves.run(service.clear_urge_draft, lambda _: None, lambda _: None)
            self.dismiss()
            return
        texts = self.texts

        def keep() -> ProgramState:
            state = service.keep_urge(text, now)
            _forget_urge_draft(service)
            return state

        def kept(state: ProgramState) -> None:
            from exback_tui.domain.urges import urges_resisted

            count = urges_resisted(state.urges)
            said = texts["kept_one"] if count == 1 else texts["kept"].format(count=count)
            self.app.notify(said, markup=False)
            if self.is_current:
                self.dismiss()
            else:
                # Something (the hide screen, a dialog) is on top: close when it goes.
                self._close_when_shown = True

        def failed(error: Exception) -> None:
            self._finished = False
            self._say(str(error))

        self.app.saves.program(keep, kept, failed)

    def on_unmount(self) -> None:
        """Keep the message if the box goes without being closed (the app quits, `t`)."""
        if self._finished:
            return
        self._finished = True
        text = self._text()
        if not text.strip():
            return
        now, service = self.app.now(), self.app.service
        try:
            self.app.saves.now(lambda: service.keep_urge(text, now))
        except (InvalidInput, StoreError) as error:
            # The screen is closing: there is nowhere left to show this. The
            # draft stays (written now if the last autosave missed something).
            self.log.error(f"The unsent message couldn't be kept: {error}")
            self._finished = False
            self.write_draft_now()
            return
        _forget_urge_draft(service)


def _forget_urge_draft(service: ExBackService) -> None:
    """The message is kept: its draft goes (a draft left behind would only offer it twice)."""
    import contextlib

    with contextlib.suppress(OSError):
        service.clear_urge_draft()


def offer_urge_draft(app: ExBackApp) -> None:
    """At start: a message left in the urge box (exback stopped) opens the box again with it."""
    try:
        text = app.service.load_urge_draft()
    except (StoreError, OSError) as error:
        app.notify(str(error), severity="error", markup=False, timeout=30)
        return
    if text is None or not text.strip():
        return
    app.push_screen(UrgeScreen(app.material, text))
    app.notify(app.material.text["urge"]["draft_back"], markup=False, timeout=10)


# The 24-hour return -------------------------------------------------------------


def offer_due_urges(app: ExBackApp, asked: set[str]) -> None:
    """Ask about the oldest kept message waiting 24 hours or more, then the next.

    `asked` holds the messages already asked about (answered or "not now"),
    so "not now" asks again only next time the dashboard opens.
    """
    if not any(urge.outcome == "waiting" for urge in app.program.urges):
        return  # nothing kept: don't load the rules of the return at all
    from exback_tui.domain.urges import due_for_review

    due = [u for u in due_for_review(app.program.urges, app.now()) if u.id not in asked]
    if not due:
        return
    urge = due[0]
    asked.add(urge.id)
    texts = app.material.text["urge"]

    def answered(outcome: str | None) -> None:
        if outcome is None:
            offer_due_urges(app, asked)
            return
        service, now = app.service, app.now()

        def decided(state: ProgramState) -> None:
            if outcome == "sent":
                app.notify(texts["sent_done"], markup=False)
                _offer_slip(app, lambda: offer_due_urges(app, asked))
            else:
                app.notify(texts["let_go_done"], markup=False)
                offer_due_urges(app, asked)

        app.saves.program(lambda: service.decide_urge(urge.id, outcome, now), decided)

    from exback_tui.screens.dialogs.urge_return import UrgeReturnDialog

    app.queue_dialog("urge", UrgeReturnDialog(urge, texts), answered)


def _offer_slip(app: ExBackApp, then: Callable[[], None]) -> None:
    """A sent message is contact: offer to record the slip (the user may cancel)."""
    from exback_tui.screens.dialogs.slip import SlipDialog

    status = app.status
    if status is None or status.plan is None:
        then()
        return
    days_done = status.progress.days_done if status.progress is not None else 0

    def answered(trigger: str | None) -> None:
        if trigger is None:
            then()
            return
        service, today = app.service, app.today

        def saved(new_status: Status) -> None:
            then()

        def failed(error: Exception) -> None:
            app.notify(str(error), title="Not saved", severity="error", markup=False)

        app.saves.plan(lambda: service.slip(today, trigger), saved, failed)

    app.push_screen(SlipDialog(app.material.text["slip"], days_done), answered)
