"""Screens built once and shown again each time their key is pressed (`ExBackApp._show_kept`;
the big questions' and the steps' overviews and pages through `ExBackApp.paged_screen`).

Building a screen (compose, mount, style, lay out) costs far more than showing
one that exists: a kept screen opens within the key budget however often it is
opened. It must look as a new one would each time: `opened_again` puts back
what a visit changed (scroll, search, focus), and a screen whose data can
change while it is hidden watches that data and draws again before it shows.
"""

from __future__ import annotations

from textual.screen import Screen

from exback_tui.textual_fixes import KeepsStylesWhileHidden


class KeptScreen(KeepsStylesWhileHidden, Screen[None]):
    """A screen the app builds once and shows again (styled again only if styles changed)."""

    def opened_again(self) -> None:
        """Called just before it is shown again: back to how a new one would open."""
