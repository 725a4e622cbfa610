"""Words the big questions' modules share."""

from __future__ import annotations

from collections.abc import Mapping


def days_text(days: int, texts: Mapping[str, str]) -> str:
    """ "1 day" or "N days", in the screen's words."""
    return texts["day_one" if days == 1 else "day_many"].format(days=days)
