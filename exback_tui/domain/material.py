"""The shapes of the program's material: checklists, quizzes, rules, stages, pages, care.

The domain scores and checks them, so they live here, in the pure layer;
`exback_tui.material` (the one loader of `content/`) builds them, and the
screens show them. Plain tuples, so they are cheap and immutable. The day's
own words (actions, prompts, milestones) are in `domain.daily`: the dashboard
shows them at start-up, without making every shape here.
"""

# No `from __future__ import annotations` here: with it, every field's annotation is a
# string, which typing.NamedTuple compiles (as a ForwardRef) when the class is made,
# before the first frame: 0.5 ms of this module's import.

from typing import NamedTuple


class Band(NamedTuple):
    """A result for scores from `low` to `high` (both included).

    A `support` band (a quiz's lowest, about how the person is doing) offers
    the support page with the result.
    """

    low: int
    high: int
    title: str
    text: str
    support: bool = False


class ChecklistItem(NamedTuple):
    """One thing to tick; `group` says which count it adds to.

    A `crisis` item says the person may be in danger: ticking it offers the
    support page beside it.
    """

    id: str
    text: str
    group: str
    crisis: bool = False


class Checklist(NamedTuple):
    """A checklist with a verdict per group: the bands of a group cover 0..its item count."""

    id: str
    title: str
    intro: str
    items: tuple[ChecklistItem, ...]
    bands: dict[str, tuple[Band, ...]]  # by group, in the order groups first appear


class Option(NamedTuple):
    """One answer to a quiz question and what it scores.

    A `retired` option is no longer offered; it stays in the content (at its
    place, so stored answers keep their index) for results taken before.
    """

    text: str
    score: int
    retired: bool = False


class QuizQuestion(NamedTuple):
    id: str
    text: str
    options: tuple[Option, ...]


class Quiz(NamedTuple):
    """A scored quiz; its bands cover every score from the lowest to the highest possible."""

    id: str
    title: str
    intro: str
    questions: tuple[QuizQuestion, ...]
    bands: tuple[Band, ...]


class Rule(NamedTuple):
    """A message-checker rule: any pattern (a case-insensitive regex) that matches breaks it."""

    id: str
    title: str
    why: str
    patterns: tuple[str, ...]


class Stage(NamedTuple):
    """A stage of reconnecting (step 4), with its do's and don'ts."""

    id: str
    title: str
    text: str
    dos: tuple[str, ...]
    donts: tuple[str, ...]


class Question(NamedTuple):
    """One of the seven questions to answer before deciding (big question 1)."""

    id: str
    text: str
    hint: str


class Concern(NamedTuple):
    """A safety-gate item: `level` is "stop" (do not go back) or "caution".

    `advice` is its own kind words when ticked ("" for the general ones).
    """

    id: str
    text: str
    level: str
    advice: str = ""


class PlanArea(NamedTuple):
    """One area of the personal plan in step 2."""

    id: str
    title: str
    hint: str


class FaqEntry(NamedTuple):
    """One common question and its answer (Markdown)."""

    id: str
    question: str
    answer: str


class Page(NamedTuple):
    """A page of teaching (Markdown): a big question or a step."""

    id: str
    title: str
    body: str


class Care(NamedTuple):
    """What care needs from content: the crisis patterns and the low check-in rule.

    A run of low check-ins is a mood of at most `low_mood` on at least
    `low_days` of the last `low_window` days.
    """

    crisis_patterns: tuple[str, ...]
    low_mood: int
    low_days: int
    low_window: int


class HelpLine(NamedTuple):
    """A place to call in one country: a crisis line, or the emergency number."""

    name: str
    number: str
    note: str


class CountryHelp(NamedTuple):
    """The help lines of one country (`code` as in a locale: "GB", "US").

    `covers` names the other country codes this entry stands for (the
    European Union's 112 for its member states).
    """

    code: str
    name: str
    emergency: str
    lines: tuple[HelpLine, ...]
    covers: tuple[str, ...] = ()
