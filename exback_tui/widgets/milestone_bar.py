"""A progress bar toward the target, with the 21-day minimum marked on it."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from exback_tui.domain.plan import MINIMUM_DAYS


def milestone_bar(
    days_done: int,
    target_days: int,
    width: int,
    *,
    done: Style,
    todo: Style,
    minimum: Style,
    scale: Style,
) -> list[Content]:
    """Two lines `width` wide: the bar (done / to go, a mark at day 21) and a scale under it."""
    width = max(10, width)
    target = max(1, target_days)
    filled = round(min(days_done, target) / target * width)
    mark = min(width - 1, round(MINIMUM_DAYS / target * width) - 1)
    show_minimum = target > MINIMUM_DAYS
    parts: list[str | Content | tuple[str, str | Style]] = []
    for column in range(width):
        if show_minimum and column == mark:
            parts.append(("┃", minimum))
        elif column < filled:
            parts.append(("━", done))
        else:
            parts.append(("─", todo))
    labels = [" "] * width
    _place(labels, 0, "0")
    if show_minimum:
        _place(labels, mark - 1, str(MINIMUM_DAYS))
    _place(labels, width - len(str(target)), str(target))
    return [Content.assemble(*parts), Content.styled("".join(labels), scale)]


def _place(line: list[str], start: int, label: str) -> None:
    start = max(0, min(len(line) - len(label), start))
    for offset, char in enumerate(label):
        line[start + offset] = char
