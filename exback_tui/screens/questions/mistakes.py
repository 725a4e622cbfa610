"""Big question 3, the most common mistakes: a look back at the user's last few days."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult

from exback_tui.domain.progress import ProgramState
from exback_tui.material import Material
from exback_tui.widgets.checklist import ChecklistView


def compose_tools(
    material: Material, texts: Mapping[str, str], program: ProgramState
) -> ComposeResult:
    """What the user does in big question 3: the self-check."""
    checklist_texts = material.text["checklist"]
    yield ChecklistView(material.checklists["mistakes"], checklist_texts, id="mistakes")
