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
from exback_tui.widgets.answer_field import AnswerField
from exback_tui.widgets.checklist import long_date
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.page import PageView
from exback_tui.widgets.page_card import PageCard

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

    def __init__(self, number: int | None = None) -> None:
        super().__init__(number)
        self.texts: Mapping[str, str] = {}

    # Building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        material = self.app.material
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
            with VerticalScroll(id="questions-body"):
                with VerticalScroll(id="questions-page-column"):
                    yield PageView(page, show_title=False, id="questions-page")
                with VerticalScroll(id="questions-tools"):
                    yield from TOOLS[self.number](material, texts, self.app.program)
        yield KeyBar(self._key_bindings(), id="questions-keys")

    def _key_bindings(self) -> list[Binding]:
        """This screen's keys, then the few global ones worth a reminder here (? shows all)."""
        shown = [b for b in self.BINDINGS if isinstance(b, Binding)]
        if self.number == 1:
            shown.append(Binding("ctrl+s", "save", "Save"))
        by_action = {b.action: b for b in self.app.BINDINGS if isinstance(b, Binding)}
        for action in GLOBAL_KEYS_SHOWN:
            if action in by_action:
                shown.append(replace(by_action[action], show=True))
        return shown

    def on_mount(self) -> None:
        if self.number is None:
            self.watch(self.app, "program", self._show_overview)
            self.watch(self.app, "status", self._show_overview, init=False)
            self.query_one(PageCard).focus()
            return
        if self.number == 1:
            self.watch(self.app, "program", self._show_banner)
            self.watch(self.app, "today", self._show_banner, init=False)
        else:
            self.query_one("#questions-banner").display = False
        self._fit_columns()
        self.query_one("#questions-page-column" if self._wide else "#questions-body").focus()

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

    def _show_overview(self, _: object = None) -> None:
        material, texts = self.app.material, self.texts
        lines = overview_lines(material, self.app.program, self.app.status, texts)
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

    def _show_banner(self, _: object = None) -> None:
        """The wait-1-2-weeks advice from the breakup date, or the safety gate's stop."""
        texts, banner = self.texts, self.query_one("#questions-banner", Static)
        material, program = self.app.material, self.app.program
        stop = safety_level(material.concerns, program) == "stop"
        banner.set_class(stop, "-stop")
        if stop:
            banner.update(texts["banner_stop"])
            return
        status = self.app.status
        breakup = status.plan.breakup_date if status is not None and status.plan else None
        advice = decision_wait(breakup, self.app.today)
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

    # Saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save every answer that is not saved yet."""
        for field in self.query(AnswerField):
            field.save()

    def keep_unsaved(self) -> None:
        """Save what was typed (leaving the question, or the app quitting)."""
        self.action_save()
