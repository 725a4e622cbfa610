"""The journal (placeholder until the journal screen lands)."""

from __future__ import annotations

from textual.screen import Screen


class JournalScreen(Screen[None]):
    """Placeholder."""
