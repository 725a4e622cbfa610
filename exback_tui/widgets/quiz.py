"""A scored quiz from content: every question at once, a result band, earlier results kept.

`QuizView` shows each question with a `ChoiceList` of its options; the
score button scores the answers with `assess.quiz_score` and posts
`QuizView.Taken`, and the screen that owns it saves the result (always a new
one: retakes are kept) and calls `saved` or `say`. The results, newest first
with their dates, follow the program it is given (bind it with `data_bind`).
Every result carries the "no guarantee" note.

Words come in through `texts` (keys starting `quiz_` in
content/screens/questions.toml).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from exback_tui.domain.assess import offered
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.material import Quiz, QuizQuestion
from exback_tui.domain.progress import EMPTY_PROGRAM, ProgramState
from exback_tui.widgets.checklist import long_date

MARK_ON = "(•) "
MARK_OFF = "( ) "
MARK_WIDTH = 4
# Earlier results listed under the newest one.
EARLIER_SHOWN = 5


class ChoiceList(Widget, can_focus=True):
    """Pick one of a few options: ↑/↓ move, Space or Enter picks, a click picks.

    Long options wrap under themselves. Posts `Changed` when the choice changes.
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Previous option", show=False),
        Binding("down", "move(1)", "Next option", show=False),
        Binding("space", "pick", "Pick"),
        Binding("enter", "pick", "Pick", show=False),
    ]
    COMPONENT_CLASSES = {"choice-list--cursor", "choice-list--chosen", "choice-list--option"}

    chosen: reactive[int | None] = reactive(None)
    cursor: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The chosen option changed."""

        choice_list: ChoiceList
        index: int

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self, options: Sequence[str], *, name: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, classes=classes)
        self.options = tuple(options)

    def _wrapped(self, width: int) -> list[list[Content]]:
        return [Content(option).wrap(max(1, width - MARK_WIDTH)) for option in self.options]

    def render(self) -> Content:
        rows: list[Content] = []
        for index, lines in enumerate(self._wrapped(self.content_size.width)):
            if index == self.chosen:
                style = self.get_visual_style("choice-list--chosen")
            else:
                style = self.get_visual_style("choice-list--option")
            if self.has_focus and index == self.cursor:
                style = style + self.get_visual_style("choice-list--cursor")
            mark = MARK_ON if index == self.chosen else MARK_OFF
            for number, line in enumerate(lines or [Content("")]):
                lead = mark if number == 0 else " " * MARK_WIDTH
                rows.append((Content(lead) + line).stylize_before(style))
        return Content("\n").join(rows)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return MARK_WIDTH + max((cell_len(option) for option in self.options), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, sum(max(1, len(lines)) for lines in self._wrapped(width)))

    def watch_cursor(self) -> None:
        self.refresh()

    def watch_chosen(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        if self.chosen is not None:
            self.cursor = self.chosen
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.options) - 1, self.cursor + step))

    def action_pick(self) -> None:
        self._choose(self.cursor)

    def _choose(self, index: int) -> None:
        if index != self.chosen:
            self.chosen = index
            self.post_message(self.Changed(self, index))

    def on_click(self, event: Click) -> None:
        event.stop()
        row = event.y - self.gutter.top
        for index, lines in enumerate(self._wrapped(self.content_size.width)):
            row -= max(1, len(lines))
            if row < 0:
                self.focus()
                self.cursor = index
                self._choose(index)
                return


class QuizView(Vertical):
    """One quiz: its questions, the score button, the newest result and the earlier ones."""

    # What the user saved: the results shown are this quiz's in it.
    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False)

    @dataclass
    class Taken(Message):
        """Every question was answered and scored: the owner saves the result."""

        view: QuizView
        answers: dict[str, int]
        score: int

        @property
        def control(self) -> QuizView:
            return self.view

    def __init__(
        self,
        quiz: Quiz,
        texts: Mapping[str, str],
        *,
        program: ProgramState,
        support_offer: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(QuizView.program, program)
        self._support_offer = support_offer
        self.quiz = quiz
        self.texts = texts
        self._lists: dict[str, ChoiceList] = {}
        # Each question's offered options as indexes into its options (retired ones left out).
        self._indexes: dict[str, tuple[int, ...]] = {}
        # Kept, not queried: a save may finish after the screen has gone.
        self._message = Static("", classes="quiz-message", markup=False)
        self._result = Static("", classes="quiz-result")
        self._earlier = Static("", classes="quiz-earlier", markup=False)

    def compose(self) -> ComposeResult:
        texts = self.texts
        # The newest result's answers come back as chosen, so a retake changes them.
        results = self.program.quizzes.get(self.quiz.id, ())
        last_answers = results[-1].answers if results else {}
        yield Static(self.quiz.title, classes="quiz-title", markup=False)
        yield Static(self.quiz.intro, classes="quiz-intro", markup=False)
        for number, question in enumerate(self.quiz.questions, start=1):
            yield Static(
                texts["quiz_question"].format(number=number, text=question.text),
                classes="quiz-question",
                markup=False,
            )
            shown = offered(question)
            indexes = tuple(index for index, _ in shown)
            self._indexes[question.id] = indexes
            choices = ChoiceList([option.text for _, option in shown], name=question.id)
            chosen = last_answers.get(question.id)
            if isinstance(chosen, int) and chosen in indexes:
                choices.set_reactive(ChoiceList.chosen, indexes.index(chosen))
                choices.set_reactive(ChoiceList.cursor, indexes.index(chosen))
            self._lists[question.id] = choices
            yield choices
            if chosen is not None and chosen not in indexes:
                yield self._no_longer_offered(question, chosen)
        yield Button(Content(texts["quiz_score"]), classes="quiz-score", compact=True)
        yield self._message
        yield self._result
        yield self._earlier
        yield Static(texts["quiz_no_guarantee"], classes="quiz-note", markup=False)

    def _no_longer_offered(self, question: QuizQuestion, chosen: object) -> Static:
        """A line for a saved answer this quiz no longer offers: said, not dropped silently."""
        options = question.options
        if isinstance(chosen, int) and not isinstance(chosen, bool) and 0 <= chosen < len(options):
            line = self.texts["quiz_answer_retired"].format(answer=options[chosen].text)
        else:
            line = self.texts["quiz_answer_gone"]
        return Static(line, classes="quiz-retired", markup=False)

    def on_mount(self) -> None:
        self._message.display = False
        self._show_results()

    def watch_program(self) -> None:
        self._show_results()

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        self.say("")

    def say(self, message: str, *, error: bool = False) -> None:
        """Show a short line under the score button ("" hides it)."""
        line = self._message
        line.update(message)
        line.set_class(error, "-error")
        line.display = bool(message)

    def answers(self) -> dict[str, int]:
        """The options chosen so far, by question id."""
        return {
            question_id: self._indexes[question_id][choices.chosen]
            for question_id, choices in self._lists.items()
            if choices.chosen is not None
        }

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.score()

    def score(self) -> None:
        """Score the answers and post `Taken`, or say what is still unanswered."""
        from exback_tui.domain.assess import quiz_score

        answers = self.answers()
        missing = [qid for qid in self._lists if qid not in answers]
        if missing:
            self.say(self.texts["quiz_unanswered"].format(count=len(missing)), error=True)
            self._lists[missing[0]].focus()
            return
        try:
            score = quiz_score(self.quiz, answers)
        except InvalidInput as error:
            self.say(str(error), error=True)
            return
        self.post_message(self.Taken(self, answers, score))

    def saved(self) -> None:
        """The owner saved the result: say so, and bring it into view (it is below the button)."""
        self.say(self.texts["quiz_saved"])
        self.call_after_refresh(self._message.scroll_visible, animate=False, top=True)

    def _show_results(self) -> None:
        from exback_tui.domain.assess import answers_changed, quiz_band, score_range

        results = self.program.quizzes.get(self.quiz.id, ())
        result_line, earlier_line = self._result, self._earlier
        texts, top = self.texts, score_range(self.quiz)[1]
        if not results:
            result_line.display = earlier_line.display = False
            return
        newest = results[-1]
        band = quiz_band(self.quiz, newest.score)
        heading = texts["quiz_result"].format(
            date=long_date(newest.on, texts), score=newest.score, top=top
        )
        parts: list[Content | str | tuple[str, str]] = [
            heading,
            "\n",
            (band.title, "bold"),
            "\n",
            band.text,
        ]
        if band.support and self._support_offer:
            parts += ["\n", (self._support_offer, "bold")]
        if len(results) > 1:
            before = results[-2]
            changed = len(answers_changed(self.quiz, before.answers, newest.answers))
            parts += [
                "\n",
                texts["quiz_changed"].format(count=changed, date=long_date(before.on, texts)),
            ]
        result_line.update(Content.assemble(*parts))
        result_line.display = True
        earlier = results[-1 - EARLIER_SHOWN : -1][::-1]
        if earlier:
            lines = [texts["quiz_earlier"]]
            lines += [
                texts["quiz_earlier_line"].format(
                    date=long_date(result.on, texts),
                    score=result.score,
                    top=top,
                    title=quiz_band(self.quiz, result.score).title,
                )
                for result in earlier
            ]
            earlier_line.update("\n".join(lines))
        earlier_line.display = bool(earlier)
