"""The four big questions: an overview, then one screen per question.

`QuestionsScreen(None)` lists the four with the user's progress; `1`-`4`
open one, `[` and `]` go to the previous and next, escape goes back. A
question shows its page (content/questions/N.md) and, below it or beside it
when there is room, what the user does there: checklists, the seven answers,
pros and cons, the safety gate, the quizzes, the steps overview.

Every word that is not the material's own comes from
content/screens/questions.toml (and checklist.toml for the checklists).
User text is shown literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click, DescendantBlur
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Input, Static, TextArea

from exback_tui.domain.material import Checklist, ChecklistItem, Concern, Question
from exback_tui.domain.plan import Progress
from exback_tui.domain.progress import MAX_FIELD_CHARS, Item, ProgramState
from exback_tui.domain.status import Status
from exback_tui.domain.text import printable
from exback_tui.screens.entry_editor import EntryTextArea
from exback_tui.widgets.checklist import ChecklistView, long_date
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.page import PageView
from exback_tui.widgets.quiz import QuizView
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.material import Material

QUESTION_COUNT = 4
STEP_COUNT = 4
# Wide enough to put the page and the questions side by side.
WIDE_COLUMNS = 120
# An answer being typed is saved once the typing pauses this long (and on leaving it).
ANSWER_IDLE_SECONDS = 1.5
SAFETY_CHECKLIST = "safety"
# The app's keys repeated in this screen's key bar, by action, in this order.
GLOBAL_KEYS_SHOWN = ("today", "steps", "urge", "help", "quit")


def decision_key(question_id: str) -> str:
    """Where the answer to one of the seven questions is kept."""
    return f"decision:{question_id}"


def days_text(days: int, texts: Mapping[str, str]) -> str:
    """ "1 day" or "N days", in the screen's words."""
    return texts["day_one" if days == 1 else "day_many"].format(days=days)


# The widgets of big question 1 ---------------------------------------------------


class AnswerField(Vertical):
    """One of the seven questions, with its hint and the user's saved answer.

    The answer is saved when the field loses focus, on ctrl+s, and when the
    typing pauses; the line under it says whether what is shown is saved.
    A refused save keeps the text in the field and says why beside it.
    """

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(
        self, number: int, question: Question, texts: Mapping[str, str], saved: str
    ) -> None:
        super().__init__(classes="answer-field")
        self.number = number
        self.question = question
        self.texts = texts
        self.key = decision_key(question.id)
        self.saved_text = saved
        self._pending = saved
        self._idle: Timer | None = None
        self._error = False
        # Kept, not queried: a save may finish after the screen has gone.
        self.area = EntryTextArea(saved, max_chars=MAX_FIELD_CHARS, id=f"answer-{number}")
        self._state = Static("", classes="answer-state", markup=False)

    def compose(self) -> ComposeResult:
        yield Static(
            self.texts["answer_question"].format(number=self.number, text=self.question.text),
            classes="answer-question",
            markup=False,
        )
        yield Static(self.question.hint, classes="answer-hint", markup=False)
        yield self.area
        yield self._state

    def on_mount(self) -> None:
        self._show_state()

    @property
    def dirty(self) -> bool:
        """Whether the field shows text that is not saved."""
        return self.area.text != self.saved_text

    def _show_state(self, message: str | None = None, *, error: bool = False) -> None:
        line = self._state
        if message is None:
            if self.dirty:
                message = self.texts["answer_unsaved"]
            elif self.saved_text:
                message = self.texts["answer_saved"]
            else:
                message = ""
        line.update(message)
        line.set_class(error, "-error")
        line.set_class(not error and self.dirty, "-unsaved")
        line.display = bool(message)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._error:  # a refusal stays in view until a save goes through
            self._show_state()
        if self._idle is not None:
            self._idle.stop()
        self._idle = self.set_timer(ANSWER_IDLE_SECONDS, self.save) if self.dirty else None

    def on_entry_text_area_refused(self, event: EntryTextArea.Refused) -> None:
        event.stop()
        self._error = True
        self._show_state(
            self.texts["answer_too_long"].format(limit=f"{MAX_FIELD_CHARS:,}"), error=True
        )

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.save()

    def save(self) -> None:
        """Save what the field shows, unless it is saved already."""
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        if not self.dirty:
            if self._error:
                self._error = False
                self._show_state()
            return
        self._pending = self.area.text
        app, key = self.app, self.key
        service, now = app.service, app.now()

        def call() -> ProgramState:
            # The newest text when the save runs: saves go one at a time, the last wins.
            return service.save_answer(key, self._pending, now)

        def done(state: ProgramState) -> None:
            self.saved_text = state.answer(key)
            self._error = False
            if self.is_attached:
                self._show_state()

        def failed(error: Exception) -> None:
            if self.is_attached:
                self._error = True
                self._show_state(str(error), error=True)
            else:
                app.notify(
                    str(error), title=self.texts["not_saved"], severity="error", markup=False
                )

        app.save_program(call, done, failed)


class ItemRow(Horizontal):
    """One line of a list (a pro, a con) with its remove button."""

    def __init__(self, item: Item, remove_label: str) -> None:
        super().__init__(classes="item-row")
        self.item = item
        self._remove_label = remove_label

    def compose(self) -> ComposeResult:
        yield Static(printable(self.item.text), classes="item-text", markup=False)
        yield Button(Content(self._remove_label), classes="item-remove", compact=True)


class ItemList(Vertical):
    """A list the user writes (pros or cons): the lines, a field to add one, remove buttons."""

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(
        self, list_name: str, title: str, placeholder: str, texts: Mapping[str, str], *, id: str
    ) -> None:
        super().__init__(id=id, classes="item-list")
        self.list_name = list_name
        self.title = title
        self.placeholder = placeholder
        self.texts = texts
        self._shown: tuple[Item, ...] | None = None
        # Kept, not queried: a save may finish after the screen has gone.
        self._rows = Vertical(classes="item-rows")
        self._empty = Static(texts["list_empty"], classes="item-empty", markup=False)
        self._input = SafeInput(placeholder=placeholder, max_length=MAX_FIELD_CHARS)
        self._error = Static("", classes="item-error field-error", markup=False)

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="item-list-title", markup=False)
        yield self._rows
        yield self._empty
        yield self._input
        yield self._error

    def on_mount(self) -> None:
        self._error.display = False
        self.watch(self.app, "program", self._show_items)

    def _show_items(self, program: ProgramState) -> None:
        items = program.items_in(self.list_name)
        if items == self._shown:
            return
        self._shown = items
        rows = self._rows
        focused_here = self.app.focused is not None and rows in self.app.focused.ancestors
        rows.remove_children()
        rows.mount_all(ItemRow(item, self.texts["remove"]) for item in items)
        self._empty.display = not items
        if focused_here:
            self._input.focus()

    def _say(self, message: str) -> None:
        line = self._error
        line.update(message)
        line.display = bool(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            return
        service, today, list_name = self.app.service, self.app.today, self.list_name
        field = event.input

        def done(state: ProgramState) -> None:
            self._say("")
            if field.value == text:
                field.value = ""

        self.app.save_program(
            lambda: service.add_item(list_name, text, today), done, lambda e: self._say(str(e))
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = next((a for a in event.button.ancestors if isinstance(a, ItemRow)), None)
        if row is None:
            return
        service, item_id = self.app.service, row.item.id
        self.app.save_program(
            lambda: service.remove_item(item_id),
            lambda _: self._say(""),
            lambda e: self._say(str(e)),
        )


class SafetyGate(ChecklistView):
    """The safety gate: concerns ticked as checklist "safety", with a clear verdict.

    A "stop" concern: the app advises not going back, kindly, and points to
    help. A "caution" concern: what has really changed?
    """

    def __init__(
        self,
        concerns: tuple[Concern, ...],
        checklist_texts: Mapping[str, str],
        texts: Mapping[str, str],
        *,
        id: str,
    ) -> None:
        checklist = Checklist(
            SAFETY_CHECKLIST,
            texts["safety_title"],
            texts["safety_intro"],
            tuple(ChecklistItem(c.id, c.text, "main") for c in concerns),
            {},
        )
        super().__init__(checklist, checklist_texts, id=id)
        self.concerns = concerns
        self.screen_texts = texts

    def level(self, ticked: frozenset[str]) -> str | None:
        """ "stop", "caution" or None for these ticks."""
        from exback_tui.domain.gates import safety

        return safety(self.concerns, ticked)

    def verdict(self, ticked: frozenset[str]) -> Content:
        texts, level = self.screen_texts, self.level(ticked)
        if level is None:
            return Content(texts["safety_none"])
        return Content.assemble(
            (texts[f"safety_{level}_title"], "bold"), "\n", texts[f"safety_{level}"]
        )

    def verdict_class(self, ticked: frozenset[str]) -> str:
        level = self.level(ticked)
        return f"-{level}" if level else ""

    def summary(self, ticked: frozenset[str]) -> str:
        return self.screen_texts[f"safety_summary_{self.level(ticked) or 'none'}"]


# Big question 4: the steps -----------------------------------------------------------


class StepRow(Horizontal):
    """One step in the overview of big question 4: its progress and a way in."""

    def __init__(self, number: int, open_label: str) -> None:
        super().__init__(classes="step-row")
        self.number = number
        self._open_label = open_label

    def compose(self) -> ComposeResult:
        yield Static("", classes="step-text")
        yield Button(Content(self._open_label), classes="step-open", compact=True)


def step_lines(
    material: Material, program: ProgramState, status: Status | None, texts: Mapping[str, str]
) -> list[str]:
    """The user's progress in each of the four steps, one line each."""
    progress = status.progress if status is not None else None
    if progress is None:
        step1 = texts["step1_not_started"]
    else:
        step1 = texts["step1"].format(
            days=days_text(progress.days_done, texts), target=progress.target_days
        )
    areas = material.plan_areas
    plan = [item for area in areas for item in program.items_in(f"plan:{area.id}")]
    if plan:
        step2 = texts["step2"].format(done=sum(item.done for item in plan), total=len(plan))
    else:
        step2 = texts["step2_empty"]
    readiness = material.checklists["readiness"]
    ready = program.latest_ticks("readiness") & {item.id for item in readiness.items}
    step3 = texts["step3"].format(ticked=len(ready), total=len(readiness.items))
    stage_ids = {stage.id for stage in material.stages}
    done = len(stage_ids & set(program.stages))
    step4 = texts["step4"].format(done=done, total=len(material.stages))
    step4 += " " + step4_note(material, program, progress, texts)
    return [step1, step2, step3, step4]


def step4_note(
    material: Material,
    program: ProgramState,
    progress: Progress | None,
    texts: Mapping[str, str],
) -> str:
    """Whether step 4 is open, locked (and what is missing) or not advised."""
    from exback_tui.domain.gates import safety, step4_gate

    if safety(material.concerns, program.latest_ticks(SAFETY_CHECKLIST)) == "stop":
        return texts["step4_not_advised"]
    gate = step4_gate(
        None if progress is None else progress.days_done,
        material.checklists["readiness"],
        program.latest_ticks("readiness"),
    )
    if gate.open:
        return texts["step4_open"]
    missing = []
    if gate.no_plan:
        missing.append(texts["step4_no_plan"])
    elif gate.days_left:
        missing.append(texts["step4_days_left"].format(days=days_text(gate.days_left, texts)))
    if gate.missing:
        missing.append(texts["step4_missing"].format(count=len(gate.missing)))
    return texts["step4_locked"].format(missing=", ".join(missing))


class StepsOverview(Vertical):
    """Big question 4's tools: the four steps, the user's progress in each, a way into each."""

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(self, texts: Mapping[str, str], *, id: str) -> None:
        super().__init__(id=id)
        self.texts = texts

    def compose(self) -> ComposeResult:
        yield Static(self.texts["steps_title"], classes="section-title", markup=False)
        for number in range(1, STEP_COUNT + 1):
            yield StepRow(number, self.texts["open_step"].format(number=number))

    def on_mount(self) -> None:
        self.watch(self.app, "program", self._refresh_lines)
        self.watch(self.app, "status", self._refresh_lines, init=False)

    def _refresh_lines(self, _: object = None) -> None:
        material = self.app.material
        lines = step_lines(material, self.app.program, self.app.status, self.texts)
        for row, line in zip(self.query(StepRow), lines, strict=True):
            title = material.steps_pages[row.number - 1].title
            text = Content.assemble(
                (self.texts["step_heading"].format(number=row.number, title=title), "bold"),
                "\n",
                line,
            )
            row.query_one(".step-text", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = next((a for a in event.button.ancestors if isinstance(a, StepRow)), None)
        if row is not None:
            self.app.action_steps(row.number)


# The overview --------------------------------------------------------------------------


class QuestionCard(Static, can_focus=True):
    """One big question in the overview: Enter or a click opens it."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]

    @dataclass
    class Open(Message):
        """Open big question `number`."""

        number: int

    def __init__(self, number: int) -> None:
        super().__init__("", classes="question-card")
        self.number = number

    def action_open(self) -> None:
        self.post_message(self.Open(self.number))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()


def overview_lines(
    material: Material, program: ProgramState, status: Status | None, texts: Mapping[str, str]
) -> list[str]:
    """The user's progress in each big question, one line each."""
    from exback_tui.domain.gates import safety

    questions = material.decision_questions
    answered = sum(1 for q in questions if program.answer(decision_key(q.id)).strip())
    first = texts["progress_1"].format(answered=answered, total=len(questions))
    if safety(material.concerns, program.latest_ticks(SAFETY_CHECKLIST)) == "stop":
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


class QuestionsScreen(Screen[None]):
    """The four big questions (`number` None) or one of them (1-4)."""

    if TYPE_CHECKING:
        app: ExBackApp

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]

    BINDINGS = [
        Binding("1", "open(1)", "Pick", key_display="1-4"),
        Binding("2", "open(2)", "Pick", show=False),
        Binding("3", "open(3)", "Pick", show=False),
        Binding("4", "open(4)", "Pick", show=False),
        Binding("left_square_bracket", "move(-1)", "Previous", key_display="["),
        Binding("right_square_bracket", "move(1)", "Next", key_display="]"),
        Binding("escape", "back", "Back", key_display="esc"),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def __init__(self, number: int | None = None) -> None:
        super().__init__(classes="-overview" if number is None else f"-question-{number}")
        if number is not None and not 1 <= number <= QUESTION_COUNT:
            raise ValueError(f"There are {QUESTION_COUNT} big questions, not {number}.")
        self.number = number
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
                for first in range(1, QUESTION_COUNT + 1, 2):
                    with Vertical(classes="question-row"):
                        yield QuestionCard(first)
                        if first + 1 <= QUESTION_COUNT:
                            yield QuestionCard(first + 1)
        else:
            page = material.questions_pages[self.number - 1]
            yield Static(
                texts["heading"].format(number=self.number, total=QUESTION_COUNT, title=page.title),
                id="questions-heading",
                markup=False,
            )
            yield Static("", id="questions-banner", markup=False)
            with VerticalScroll(id="questions-body"):
                with VerticalScroll(id="questions-page-column"):
                    yield PageView(page, show_title=False, id="questions-page")
                with VerticalScroll(id="questions-tools"):
                    yield from self._tools(material, texts)
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

    def _tools(self, material: Material, texts: Mapping[str, str]) -> ComposeResult:
        checklist_texts = material.text["checklist"]
        program = self.app.program
        if self.number == 1:
            yield ChecklistView(
                material.checklists["reasons"],
                checklist_texts,
                group_titles={"right": texts["reasons_right"], "wrong": texts["reasons_wrong"]},
                id="reasons",
            )
            yield Static(texts["decision_title"], classes="section-title", markup=False)
            yield Static(texts["decision_intro"], classes="section-intro", markup=False)
            for number, question in enumerate(material.decision_questions, start=1):
                yield AnswerField(
                    number, question, texts, program.answer(decision_key(question.id))
                )
            yield Static(texts["proscons_title"], classes="section-title", markup=False)
            with Horizontal(id="proscons"):
                yield ItemList("pros", texts["pros"], texts["pros_placeholder"], texts, id="pros")
                yield ItemList("cons", texts["cons"], texts["cons_placeholder"], texts, id="cons")
            yield SafetyGate(material.concerns, checklist_texts, texts, id="safety")
        elif self.number == 2:
            yield ChecklistView(material.checklists["signs"], checklist_texts, id="signs")
            for quiz in material.quizzes:
                yield QuizView(quiz, texts, id=f"quiz-{quiz.id}")
        elif self.number == 3:
            yield ChecklistView(material.checklists["mistakes"], checklist_texts, id="mistakes")
        else:
            yield StepsOverview(texts, id="steps-overview")

    def on_mount(self) -> None:
        if self.number is None:
            self.watch(self.app, "program", self._show_overview)
            self.watch(self.app, "status", self._show_overview, init=False)
            self.query_one(QuestionCard).focus()
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
        for card, line in zip(self.query(QuestionCard), lines, strict=True):
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
        from exback_tui.domain.gates import decision_wait, safety

        texts, banner = self.texts, self.query_one("#questions-banner", Static)
        material, program = self.app.material, self.app.program
        stop = safety(material.concerns, program.latest_ticks(SAFETY_CHECKLIST)) == "stop"
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

    # Moving ---------------------------------------------------------------------------

    def on_question_card_open(self, event: QuestionCard.Open) -> None:
        event.stop()
        self.action_open(event.number)

    def action_save(self) -> None:
        """Save every answer that is not saved yet."""
        for field in self.query(AnswerField):
            field.save()

    def keep_unsaved(self) -> None:
        """The app is quitting: save what was typed (the app waits for the saves)."""
        self.action_save()

    def action_open(self, number: int) -> None:
        # Keys typed ahead while a screen opens must not open a second one.
        if number == self.number or not self.is_current:
            return
        self.action_save()
        if self.number is None:
            self.app.push_screen(QuestionsScreen(number))
        else:
            self.app.switch_screen(QuestionsScreen(number))

    def action_move(self, step: int) -> None:
        if self.number is None:
            self.action_open(1 if step > 0 else QUESTION_COUNT)
            return
        number = self.number + step
        if 1 <= number <= QUESTION_COUNT:
            self.action_open(number)

    def action_back(self) -> None:
        if not self.is_current:
            return
        self.action_save()
        self.app.pop_screen()
