"""The four big questions: an overview, then one screen per question.

`QuestionsScreen(None)` lists the four with the user's progress; `1`-`4`
open one, `[` and `]` go to the previous and next, escape goes back (the
shared `PagedScreen`). A question shows its page (content/questions/N.md)
and, below it or beside it when there is room, what the user does there:
one module per question in this package.

Every word that is not the material's own comes from
content/screens/questions.toml (and checklist.toml for the checklists).
User text is shown literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from exback_tui.domain.gates import decision_wait, safety_level
from exback_tui.domain.progress import ProgramState, decision_key
from exback_tui.domain.status import Status
from exback_tui.material import Material
from exback_tui.screens.paged import NAVIGATION, PAGE_COUNT, PagedScreen
from exback_tui.screens.questions import chances, decide, mistakes, steps_overview
from exback_tui.screens.questions.words import days_text
from exback_tui.textual_fixes import styled_alone_on_focus
from exback_tui.widgets.answer_field import AnswerField
from exback_tui.widgets.checklist import long_date
from exback_tui.widgets.item_list import ItemList
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.page import PageView
from exback_tui.widgets.page_card import PageCard
from exback_tui.widgets.quiz import QuizView

# Wide enough to put the page and the questions side by side.
WIDE_COLUMNS = 120
# The app's keys repeated in this screen's key bar, by action, in this order.
GLOBAL_KEYS_SHOWN = ("today", "steps", "urge", "help", "quit")
TOOLS = {
    1: decide.compose_tools,
    2: chances.compose_tools,
    3: mistakes.compose_tools,
    4: steps_overview.compose_tools,
}


def overview_lines(
    material: Material, program: ProgramState, status: Status | None, texts: Mapping[str, str]
) -> list[str]:
    """The user's progress in each big question, one line each."""
    questions = material.decision_questions
    answered = sum(1 for q in questions if program.answer(decision_key(q.id)).strip())
    first = texts["progress_1"].format(answered=answered, total=len(questions))
    if safety_level(material.concerns, program) == "stop":
        first += " " + texts["progress_1_stop"]

    def checked(checklist_id: str) -> str:
        takes = program.checklists.get(checklist_id, ())
        if not takes:
            return texts["not_checked"]
        return texts["checked_on"].format(date=long_date(takes[-1].on, texts))

    taken = sum(1 for quiz in material.quizzes if program.quizzes.get(quiz.id))
    second = texts["progress_2"].format(
        signs=checked("signs"), taken=taken, total=len(material.quizzes)
    )
    third = texts["progress_3"].format(check=checked("mistakes"))
    progress = status.progress if status is not None else None
    fourth = texts["progress_4"].format(
        days=days_text(progress.days_done if progress else 0, texts),
        stages=len({s.id for s in material.stages} & set(program.stages)),
        total=len(material.stages),
    )
    return [first, second, third, fourth]


# The screen -------------------------------------------------------------------------


class QuestionsScreen(PagedScreen):
    """The four big questions (`number` None) or one of them (1-4)."""

    PAGE_NAME = "big questions"
    PAGE_CLASS = "-question"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]

    BINDINGS = [*NAVIGATION, Binding("ctrl+s", "save", "Save", show=False)]

    def __init__(self, number: int | None, material: Material) -> None:
        super().__init__(number, material)
        self.texts: Mapping[str, str] = {}

    # Building ----------------------------------------------------------------------

    def compose_page(self) -> ComposeResult:
        material = self.material
        self.texts = texts = material.text["questions"]
        if self.number is None:
            yield Static(texts["overview_title"], id="questions-heading", markup=False)
            yield Static(texts["overview_intro"], id="questions-intro", markup=False)
            with VerticalScroll(id="questions-overview"):
                # Two to a row: side by side when wide, one under the other when narrow.
                for first in range(1, PAGE_COUNT + 1, 2):
                    with Vertical(classes="question-row"):
                        yield PageCard(first, classes="question-card")
                        if first + 1 <= PAGE_COUNT:
                            yield PageCard(first + 1, classes="question-card")
        else:
            page = material.questions_pages[self.number - 1]
            yield Static(
                texts["heading"].format(number=self.number, total=PAGE_COUNT, title=page.title),
                id="questions-heading",
                markup=False,
            )
            yield Static("", id="questions-banner", markup=False)
            with styled_alone_on_focus(VerticalScroll(id="questions-body")):
                with styled_alone_on_focus(VerticalScroll(id="questions-page-column")):
                    yield PageView(page, show_title=False, id="questions-page")
                with VerticalScroll(id="questions-tools"):
                    yield from TOOLS[self.number](self, texts)
        yield KeyBar(self._key_bindings(), id="questions-keys")

    def _key_bindings(self) -> list[Binding]:
        """This screen's keys, then the few global ones worth a reminder here (? shows all)."""
        shown = [b for b in self.BINDINGS if isinstance(b, Binding)]
        if self.number == 1:
            shown.append(Binding("ctrl+s", "save", "Save"))
        by_action: dict[str, Binding] = {}
        for binding in self.app.BINDINGS:  # the first key of each action (? before F1)
            if isinstance(binding, Binding):
                by_action.setdefault(binding.action, binding)
        for action in GLOBAL_KEYS_SHOWN:
            if action in by_action:
                shown.append(replace(by_action[action], show=True))
        return shown

    def on_mount(self) -> None:
        if self.number is None:
            self._show_overview()
        elif self.number == 1:
            self._show_banner()
        else:
            self.query_one("#questions-banner").display = False
        if self.number is not None:
            self._fit_columns()
        self.focus_start()

    def page_body(self) -> str:
        return "#questions-page-column" if self._wide else "#questions-body"

    def watch_program(self) -> None:
        self._show_state()
        # An answer saved elsewhere shows here (a field keeps what is typed and not saved).
        program = self.program
        for field in self.query(AnswerField):
            field.show_saved(program.answer(field.key))

    def watch_status(self) -> None:
        self._show_state()

    def watch_today(self) -> None:
        self._show_state()

    def _show_state(self) -> None:
        if self.number is None:
            self._show_overview()
        elif self.number == 1:
            self._show_banner()

    @property
    def _wide(self) -> bool:
        return self.app.size.width >= WIDE_COLUMNS

    def on_resize(self) -> None:
        if self.number is not None:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Side by side, each column scrolls itself; one above the other, the body scrolls."""
        wide = self._wide
        self.query_one("#questions-body").can_focus = not wide
        self.query_one("#questions-page-column").can_focus = wide
        self.query_one("#questions-tools").can_focus = wide

    def _show_overview(self) -> None:
        material, texts = self.material, self.texts
        lines = overview_lines(material, self.program, self.status, texts)
        for card, line in zip(self.query(PageCard), lines, strict=True):
            number = card.number
            card.update(
                Content.assemble(
                    (f"{number}  ", "bold"),
                    (material.questions_pages[number - 1].title, "bold"),
                    "\n",
                    texts[f"summary_{number}"],
                    "\n",
                    line,
                )
            )

    def _show_banner(self) -> None:
        """The wait-1-2-weeks advice from the breakup date, or the safety gate's stop."""
        texts, banner = self.texts, self.query_one("#questions-banner", Static)
        stop = safety_level(self.material.concerns, self.program) == "stop"
        banner.set_class(stop, "-stop")
        if stop:
            banner.update(texts["banner_stop"])
            return
        status = self.status
        breakup = status.plan.breakup_date if status is not None and status.plan else None
        advice = decision_wait(breakup, self.today)
        if advice is None:
            banner.update(texts["wait_no_date"])
        elif advice.days_to_one_week > 0:
            banner.update(
                texts["wait_one_week"].format(
                    since=days_text(advice.days_since, texts),
                    one=days_text(advice.days_to_one_week, texts),
                    two=days_text(advice.days_to_two_weeks, texts),
                )
            )
        elif advice.days_to_two_weeks > 0:
            banner.update(
                texts["wait_two_weeks"].format(
                    since=days_text(advice.days_since, texts),
                    two=days_text(advice.days_to_two_weeks, texts),
                )
            )
        else:
            banner.update(texts["wait_done"].format(since=days_text(advice.days_since, texts)))

    # Saving what the widgets report ----------------------------------------------------

    def on_answer_field_changed(self, event: AnswerField.Changed) -> None:
        event.stop()
        self._save_answer(event.field)

    def _save_answer(self, field: AnswerField) -> None:
        service, now, key = self.app.service, self.app.now(), field.key
        app, texts = self.app, self.texts

        def call() -> ProgramState:
            # The newest text when the save runs: saves go one at a time, the last wins.
            return service.save_answer(key, field.pending, now)

        def failed(error: Exception) -> None:
            if field.is_attached:
                field.refused(str(error))
            else:
                app.notify(str(error), title=texts["not_saved"], severity="error", markup=False)

        app.saves.program(call, lambda state: field.saved(state.answer(key)), failed)

    def on_item_list_added(self, event: ItemList.Added) -> None:
        event.stop()
        items, text = event.item_list, event.text
        service, today, list_name = self.app.service, self.today, items.list_name
        self.app.saves.program(
            lambda: service.add_item(list_name, text, today),
            lambda _: items.added(text),
            lambda error: items.say(str(error)),
        )

    def on_item_list_removed(self, event: ItemList.Removed) -> None:
        event.stop()
        items, item_id, service = event.item_list, event.item_id, self.app.service
        self.app.saves.program(
            lambda: service.remove_item(item_id),
            lambda _: items.say(""),
            lambda error: items.say(str(error)),
        )

    def on_quiz_view_taken(self, event: QuizView.Taken) -> None:
        event.stop()
        view, answers, score = event.view, event.answers, event.score
        service, today, quiz_id = self.app.service, self.today, view.quiz.id
        self.app.saves.program(
            lambda: service.save_quiz(quiz_id, answers, score, today),
            lambda _: view.saved(),
            lambda error: view.say(str(error), error=True),
        )

    def on_steps_overview_open_step(self, event: steps_overview.StepsOverview.OpenStep) -> None:
        event.stop()
        self.app.action_steps(event.number)

    def action_save(self) -> None:
        """Save every answer that is not saved yet."""
        for field in self.query(AnswerField):
            if field.take_unsaved() is not None:
                self._save_answer(field)

    def keep_unsaved(self) -> None:
        """Save what was typed (leaving the question, or the app quitting)."""
        self.action_save()
