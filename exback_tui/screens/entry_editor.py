"""Writing a journal entry (placeholder until the editor lands)."""

from __future__ import annotations

from textual.screen import Screen


class EntryEditorScreen(Screen[None]):
    """Placeholder."""


def offer_draft(app) -> None:
    """Placeholder: offer an unsaved draft back."""
