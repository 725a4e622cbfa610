"""Big question 3, the most common mistakes: a look back at the user's last few days."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult

from exback_tui.screens.paged import PagedScreen
from exback_tui.widgets.checklist import ChecklistView


def compose_tools(screen: PagedScreen, texts: Mapping[str, str]) -> ComposeResult:
    """What the user does in big question 3: the self-check."""
    material, program, today = screen.material, screen.program, screen.today
    mistakes = material.checklists["mistakes"]
    yield ChecklistView(
        mistakes,
        material.text["checklist"],
        program=program,
        today=today,
        crisis_offer=material.text["support"]["answer_offer"],
        id="mistakes",
    ).data_bind(PagedScreen.program, PagedScreen.today)
