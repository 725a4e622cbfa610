"""The support page as lines of text: the page's own words, then the help lines with
the locale's country first and its emergency number always shown. Pure: the words
and the country are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from exback_tui.domain.care import help_in_order
from exback_tui.domain.material import CountryHelp


def help_lines(
    countries: Iterable[CountryHelp], country: str | None, words: Mapping[str, Any]
) -> list[str]:
    """One line per help line and per emergency number, the locale's country first."""
    lines: list[str] = []
    for entry in help_in_order(countries, country):
        for line in entry.lines:
            lines.append(
                words["lines_country"].format(
                    country=entry.name, name=line.name, number=line.number, note=line.note
                )
            )
        lines.append(words["emergency"].format(country=entry.name, number=entry.emergency))
    return lines


def first_paragraph(body: str) -> str:
    """The first paragraph of a Markdown page, as plain text."""
    paragraph = body.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())
