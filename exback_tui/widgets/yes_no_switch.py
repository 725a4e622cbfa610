"""The past-day dialog's yes/no switch (Today draws its own: `checkin.YesNoToggle`).

In a module of its own so that Today, which paints first, never imports Switch.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Switch


class YesNoSwitch(Switch, inherit_bindings=False):
    """A switch that Space or the arrow keys turn, leaving Enter to save the form.

    No letters: on Today `n` is New entry and `y` means nothing, and one key
    never does two things on a screen.
    """

    BINDINGS = [
        Binding("space", "toggle_switch", "Yes / No", key_display="space"),
        Binding("right", "set(True)", "Yes", show=False),
        Binding("left", "set(False)", "No", show=False),
    ]

    def action_set(self, value: bool) -> None:
        self.value = value
