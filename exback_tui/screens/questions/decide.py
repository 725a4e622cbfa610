"""Big question 1, should you get back together: the reasons, the questions to answer
before deciding, pros and cons, and the safety gate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from exback_tui.domain.material import Checklist, ChecklistItem, Concern
from exback_tui.domain.progress import (
    REASONS_CHECKLIST,
    SAFETY_CHECKLIST,
    ProgramState,
    decision_key,
)
from exback_tui.screens.paged import PagedScreen
from exback_tui.widgets.answer_field import AnswerField
from exback_tui.widgets.checklist import ChecklistView
from exback_tui.widgets.item_list import ItemList


def compose_tools(screen: PagedScreen, texts: Mapping[str, str]) -> ComposeResult:
    """What the user does in big question 1: reasons, answers, pros and cons, safety.

    Composed by the screen, whose program and day the widgets follow.
    """
    material, program, today = screen.material, screen.program, screen.today
    checklist_texts = material.text["checklist"]
    yield ChecklistView(
        material.checklists[REASONS_CHECKLIST],
        checklist_texts,
        program=program,
        today=today,
        group_titles={"right": texts["reasons_right"], "wrong": texts["reasons_wrong"]},
        crisis_offer=material.text["support"]["answer_offer"],
        id="reasons",
    ).data_bind(PagedScreen.program, PagedScreen.today)
    yield Static(texts["decision_title"], classes="section-title", markup=False)
    yield Static(texts["decision_intro"], classes="section-intro", markup=False)
    for number, question in enumerate(material.decision_questions, start=1):
        key = decision_key(question.id)
        yield AnswerField(
            number,
            question,
            texts,
            program.answer(key),
            key=key,
            idle_seconds=screen.delays.answer_idle,
        )
    yield Static(texts["proscons_title"], classes="section-title", markup=False)
    with Horizontal(id="proscons"):
        for name in ("pros", "cons"):
            yield ItemList(
                name,
                texts[name],
                texts[f"{name}_placeholder"],
                texts,
                program=program,
                id=name,
            ).data_bind(PagedScreen.program)
    yield SafetyGate(
        material.concerns, checklist_texts, texts, program=program, today=today, id="safety"
    ).data_bind(PagedScreen.program, PagedScreen.today)


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
        program: ProgramState,
        today: date,
        id: str,
    ) -> None:
        checklist = Checklist(
            SAFETY_CHECKLIST,
            texts["safety_title"],
            texts["safety_intro"],
            tuple(ChecklistItem(c.id, c.text, "main") for c in concerns),
            {},
        )
        super().__init__(checklist, checklist_texts, program=program, today=today, id=id)
        self.concerns = concerns
        self.screen_texts = texts

    def level(self, ticked: frozenset[str]) -> str | None:
        """ "stop", "caution" or None for these ticks."""
        from exback_tui.domain.gates import safety

        return safety(self.concerns, ticked)

    def verdict(self, ticked: frozenset[str]) -> Content:
        from exback_tui.domain.gates import stop_advice

        texts, level = self.screen_texts, self.level(ticked)
        if level is None:
            return Content(texts["safety_none"])
        if level == "caution":
            return Content.assemble(
                (texts["safety_caution_title"], "bold"), "\n", texts["safety_caution"]
            )
        general, advice = stop_advice(self.concerns, ticked)
        paragraphs = [texts["safety_stop"]] if general else []
        paragraphs += [*advice, texts["safety_keeping_safe"]]
        return Content.assemble((texts["safety_stop_title"], "bold"), "\n", "\n\n".join(paragraphs))

    def verdict_class(self, ticked: frozenset[str]) -> str:
        level = self.level(ticked)
        return f"-{level}" if level else ""

    def summary(self, ticked: frozenset[str]) -> str:
        return self.screen_texts[f"safety_summary_{self.level(ticked) or 'none'}"]
