"""The weekly review: this week against last, the coming hard dates, three questions.

Today says it is ready once a review day has come (seven days after no
contact started, then weekly on the review weekday) and no review was saved
since; the palette opens it, and "Not now" leaves it for later. Finishing saves a journal
entry tagged `review` holding the figures and the answers. The figures are
`report.review_lines`, exactly what `exback week` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from exback_tui.domain.figures import REVIEW_TAG, Review, weekly_review
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.domain.journal import Entry
    from exback_tui.state import ProgramApp

PROMPTS = ("prompt_1", "prompt_2", "prompt_3")
MAX_ANSWER_CHARS = 5_000


def current_review(app: ProgramApp) -> Review | None:
    """The review for the app's today, from its status, journal and program (None before a plan)."""
    status = app.status
    if status is None or status.plan is None:
        return None
    entries = [e for e in (app.journal or ()) if e.deleted is None]
    return weekly_review(
        status.plan,
        status.today,
        status.checkins,
        [e.day for e in entries],
        [e.day for e in entries if REVIEW_TAG in e.tags],
        app.program.hard_dates,
        app.program.urges,
    )


def review_is_due(app: ProgramApp) -> bool:
    """Whether Today should offer the review: its day has come and none was saved since.

    False until the journal is loaded (a review saved earlier is in it).
    """
    if app.journal is None:
        return False
    review = current_review(app)
    return review is not None and review.due


class ReviewScreen(Screen[None]):
    """The figures, the coming hard dates and three questions; ctrl+s saves, Escape skips."""

    if TYPE_CHECKING:
        app: ProgramApp

    BINDINGS = [
        Binding("ctrl+s", "finish", "Save the review", priority=True),
        Binding("escape", "skip", "Not now"),
    ]

    def __init__(self, texts: Mapping[str, Any]) -> None:
        super().__init__()
        self._texts = texts
        self._saving = False

    def compose(self) -> ComposeResult:
        texts = self._texts
        yield Static(texts["title"], id="review-title", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static(texts["intro"], id="review-intro", markup=False)
            yield Static("", id="review-figures", markup=False)
            yield Static(texts["prompts_title"], classes="review-heading", markup=False)
            for key in PROMPTS:
                yield Static(texts[key], classes="review-prompt", markup=False)
                yield SafeInput(
                    placeholder=texts["answer_placeholder"],
                    id=f"review-{key}",
                    max_length=MAX_ANSWER_CHARS,
                    compact=True,
                    classes="review-answer",
                )
        yield KeyBar(self.BINDINGS)

    def on_mount(self) -> None:
        self.watch(self.app, "journal", lambda _: self.show_figures(), init=False)
        self.show_figures()
        self.app.load_journal()
        self.query_one(f"#review-{PROMPTS[0]}").focus()

    def show_figures(self) -> None:
        """Show this week against last, as `exback week` prints it."""
        from exback_tui.report import review_lines

        review = current_review(self.app)
        if review is not None:
            lines = review_lines(self._texts, review)
            self.query_one("#review-figures", Static).update("\n".join(lines))

    def entry_text(self) -> str:
        """The journal entry the review becomes: the figures, then each question and answer."""
        from exback_tui.report import review_lines

        review = current_review(self.app)
        parts = ["\n".join(review_lines(self._texts, review))] if review is not None else []
        for key in PROMPTS:
            answer = self.query_one(f"#review-{key}", SafeInput).value.strip()
            parts.append(f"{self._texts[key]}\n{answer or self._texts['no_value']}")
        return "\n\n".join(parts) + "\n"

    def action_finish(self) -> None:
        if self._saving:
            return
        self._saving = True
        service, now = self.app.service, self.app.now()
        text = self.entry_text()
        title = str(self._texts["entry_title"]).format(today=self.app.today.isoformat())

        def save() -> Entry:
            return service.add_entry(now, text, title=title, tags=[REVIEW_TAG])

        def saved(entry: Entry) -> None:
            self.app.entry_changed(entry)
            self.app.notify(self._texts["saved"], markup=False)
            self.dismiss()

        def failed(error: Exception) -> None:
            self._saving = False
            self.app.notify(str(error), severity="error", markup=False)

        self.app.saves.run(save, saved, failed)

    def action_skip(self) -> None:
        """Leave for later; with answers typed, ask first (they are not saved)."""
        typed = any(self.query_one(f"#review-{key}", SafeInput).value.strip() for key in PROMPTS)
        if not typed:
            self._leave()
            return
        from exback_tui.screens.dialogs.confirm import ConfirmDialog

        texts = self._texts
        dialog = ConfirmDialog(
            texts["leave_title"], texts["leave_body"], texts["leave_yes"], texts["leave_no"]
        )
        self.app.push_screen(dialog, lambda leave: self._leave() if leave else None)

    def _leave(self) -> None:
        self.app.notify(self._texts["skipped"], markup=False)
        self.dismiss()
