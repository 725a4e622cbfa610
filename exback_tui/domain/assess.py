"""Scoring the program's checklists and quizzes, and how answers moved between takes.

Pure functions over the material (`domain.material`) and the user's ticks
and answers; the screens show what they return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.material import (
    Band,
    Checklist,
    ChecklistItem,
    Option,
    Quiz,
    QuizQuestion,
)


def band_for(bands: tuple[Band, ...], score: int) -> Band:
    """The band `score` falls in; a score outside them all gets the nearest end band.

    Loaded material covers every possible score, so clamping only matters for a
    result saved before the content changed.
    """
    if not bands:
        raise ValueError("no bands to choose from")
    for band in bands:
        if band.low <= score <= band.high:
            return band
    lowest = min(bands, key=lambda band: band.low)
    highest = max(bands, key=lambda band: band.high)
    return lowest if score < lowest.low else highest


def group_counts(checklist: Checklist, ticked: Iterable[str]) -> dict[str, int]:
    """How many items of each group are ticked, by group in the checklist's order.

    Ticks for items the checklist no longer has are ignored.
    """
    chosen = frozenset(ticked)
    counts = dict.fromkeys(checklist.bands, 0)
    for item in checklist.items:
        counts.setdefault(item.group, 0)
        if item.id in chosen:
            counts[item.group] += 1
    return counts


def checklist_verdict(checklist: Checklist, ticked: Iterable[str]) -> tuple[tuple[str, Band], ...]:
    """One (group, band) per group of the checklist, in group order."""
    counts = group_counts(checklist, ticked)
    return tuple(
        (group, band_for(bands, counts[group])) for group, bands in checklist.bands.items()
    )


def checklist_complete(checklist: Checklist, ticked: Iterable[str]) -> bool:
    """True when every item of the checklist is ticked."""
    chosen = frozenset(ticked)
    return all(item.id in chosen for item in checklist.items)


def quiz_score(quiz: Quiz, answers: Mapping[str, int]) -> int:
    """The total of the chosen options: `answers` maps question id -> option index.

    Raises InvalidInput (field = the question's id) for an unanswered question
    or an index that is not one of its options. Answers to questions the quiz
    does not have are ignored.
    """
    total = 0
    for question in quiz.questions:
        choice = answers.get(question.id)
        if choice is None:
            raise InvalidInput("Pick an answer for every question.", question.id)
        option = chosen_option(question, choice)
        if option is None:
            raise InvalidInput("That answer is not one of the choices.", question.id)
        total += option.score
    return total


def chosen_option(question: QuizQuestion, choice: object) -> Option | None:
    """The option a stored answer chose; None when it is no longer in the quiz
    (retired, or beyond the options the quiz has now)."""
    if (
        not isinstance(choice, int)
        or isinstance(choice, bool)
        or not 0 <= choice < len(question.options)
    ):
        return None
    option = question.options[choice]
    return None if option.retired else option


def offered(question: QuizQuestion) -> tuple[tuple[int, Option], ...]:
    """The options a new take offers, with their index (retired ones left out)."""
    return tuple((n, o) for n, o in enumerate(question.options) if not o.retired)


def quiz_band(quiz: Quiz, score: int) -> Band:
    """The result for `score` (the nearest end band if the quiz has changed since)."""
    return band_for(quiz.bands, score)


def score_range(quiz: Quiz) -> tuple[int, int]:
    """The lowest and the highest total the quiz can give."""
    low = sum(min(option.score for _, option in offered(q)) for q in quiz.questions)
    high = sum(max(option.score for _, option in offered(q)) for q in quiz.questions)
    return low, high


class TickChange(NamedTuple):
    """Items ticked in the newer take and not the older (`added`), and the other way."""

    added: tuple[ChecklistItem, ...]
    removed: tuple[ChecklistItem, ...]


def ticks_changed(checklist: Checklist, before: Iterable[str], after: Iterable[str]) -> TickChange:
    """How the ticks moved between two takes, in the checklist's order."""
    old, new = frozenset(before), frozenset(after)
    return TickChange(
        tuple(item for item in checklist.items if item.id in new and item.id not in old),
        tuple(item for item in checklist.items if item.id in old and item.id not in new),
    )


class AnswerChange(NamedTuple):
    """A quiz question answered differently in two takes (option indexes; None = no answer)."""

    question: QuizQuestion
    before: int | None
    after: int | None


def answers_changed(
    quiz: Quiz, before: Mapping[str, int], after: Mapping[str, int]
) -> tuple[AnswerChange, ...]:
    """The questions whose answer moved between two takes, in the quiz's order."""
    return tuple(
        AnswerChange(question, before.get(question.id), after.get(question.id))
        for question in quiz.questions
        if before.get(question.id) != after.get(question.id)
    )
