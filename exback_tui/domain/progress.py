"""What the user has done in the program: answers, ticks, quiz results, logs.

These are the records of the program file (`program.json`); the store reads
and writes them, the screens show them. Times are passed in, never read.
"""

# No `from __future__ import annotations` here: with it, every field's annotation is a
# string, which typing.NamedTuple compiles (as a ForwardRef) when the class is made,
# before the first frame: 0.9 ms of this module's import.

from datetime import date, datetime
from typing import NamedTuple

from exback_tui.domain.errors import InvalidInput

# Where things are kept in the program file: checklist ids, list names, answer keys.
SAFETY_CHECKLIST = "safety"  # big question 1's safety gate, ticked like a checklist
READINESS_CHECKLIST = "readiness"  # step 3's readiness list
REASONS_CHECKLIST = "reasons"  # big question 1's right and wrong reasons
REFRAMES = "reframes"  # step 2's kinder thoughts (the harsh one in `text`, the kinder in `extra`)
CHECKER_DRAFT = "checker:draft"  # step 4's draft first message
TALK_NOTES = "talk:notes"  # step 4's notes for the talk


def plan_list(area_id: str) -> str:
    """The item list holding one area's lines of the personal plan (step 2)."""
    return f"plan:{area_id}"


def decision_key(question_id: str) -> str:
    """The answer key of one of the questions to answer before deciding (big question 1)."""
    return f"decision:{question_id}"


CONTACT_KINDS = ("they", "necessary")
URGE_OUTCOMES = ("waiting", "let-go", "sent")
# Longest text kept in one answer, list line or kept message (a journal entry allows more).
MAX_FIELD_CHARS = 20_000


class Answer(NamedTuple):
    """A saved free-text answer (the seven questions, talk notes, ...), keyed by its field."""

    key: str
    text: str
    updated: datetime


class ChecklistTake(NamedTuple):
    """The ticks of one checklist on one day; a later day is a retake, kept beside it."""

    checklist: str
    on: date
    ticked: frozenset[str]


class QuizResult(NamedTuple):
    """A finished quiz: the option index chosen per question, the score and its band."""

    quiz: str
    on: date
    answers: dict[str, int]
    score: int


class Item(NamedTuple):
    """A line in one of the user's lists: "pros", "cons", "plan:<area>", "reframes"."""

    id: str
    list: str
    text: str
    done: bool
    added: date
    extra: str  # a reframe's kinder version; "" elsewhere


class StageDone(NamedTuple):
    """A reconnecting stage and the day it was done."""

    stage: str
    on: date


class HardDate(NamedTuple):
    """A date that will be hard every year (a birthday, an anniversary, a holiday)."""

    id: str
    name: str
    month: int
    day: int


class Contact(NamedTuple):
    """Contact that was not a slip: they contacted me, or necessary contact under a topic."""

    id: str
    on: date
    kind: str  # "they" | "necessary"
    topic: str  # an allowed topic for "necessary"; "" for "they"
    engaged: bool  # for "they": did the user reply beyond the short reply
    note: str


class Urge(NamedTuple):
    """A message the user wanted to send, kept unsent in the cooling-off box."""

    id: str
    text: str
    written: datetime
    outcome: str  # "waiting" | "let-go" (decided not to send) | "sent"
    decided: datetime | None


class ProgramState(NamedTuple):
    """Everything in the program file, as last saved."""

    answers: dict[str, Answer]
    checklists: dict[str, tuple[ChecklistTake, ...]]  # by checklist id, oldest first
    quizzes: dict[str, tuple[QuizResult, ...]]  # by quiz id, oldest first
    items: tuple[Item, ...]
    stages: dict[str, StageDone]
    hard_dates: tuple[HardDate, ...]
    contacts: tuple[Contact, ...]
    urges: tuple[Urge, ...]
    allowed_topics: tuple[str, ...]
    theme: str | None

    def latest_ticks(self, checklist: str) -> frozenset[str]:
        """The ticks of the newest take of `checklist` (none if never taken)."""
        takes = self.checklists.get(checklist, ())
        return takes[-1].ticked if takes else frozenset()

    def items_in(self, list_name: str) -> tuple[Item, ...]:
        """The lines of one list, in the order they were added."""
        return tuple(item for item in self.items if item.list == list_name)

    def answer(self, key: str) -> str:
        """The saved text for `key`, or ""."""
        found = self.answers.get(key)
        return found.text if found is not None else ""


EMPTY_PROGRAM = ProgramState({}, {}, {}, (), {}, (), (), (), (), None)


def clean_text(text: str, field: str, *, required: bool = True) -> str:
    """`text` as typed, or InvalidInput when it is empty (if required) or too long."""
    if required and not text.strip():
        raise InvalidInput("Write something first.", field)
    if len(text) > MAX_FIELD_CHARS:
        raise InvalidInput(
            f"That is {len(text):,} characters; the most one field keeps is {MAX_FIELD_CHARS:,}.",
            field,
        )
    return text
