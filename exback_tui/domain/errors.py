"""The one error type the domain raises for input a person can correct."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input that was refused; `str(error)` is a one-line message for the user.

    `field` names the input it is about (e.g. "mood", "start"), so a screen can
    show the message beside the right field.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field
