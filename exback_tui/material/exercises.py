"""What the user ticks and answers: the checklists (`checklists.toml`) and the quizzes
(`quizzes.toml`), each with the bands that say what a count or a score means.

Items, questions and options are as many as the files hold. Bands must cover
every count (0 to the number of items of their group) or every possible quiz
total once each: no gap, no overlap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exback_tui.domain.material import (
    Band,
    Checklist,
    ChecklistItem,
    Option,
    Quiz,
    QuizQuestion,
)
from exback_tui.material.errors import ContentError
from exback_tui.material.reading import Fields, array, fields, ids, read_toml, tables

DEFAULT_GROUP = "main"
# The checklists the screens show, by id, with the item groups each screen counts
# apart (big question 1 weighs the right reasons against the wrong ones).
CHECKLIST_GROUPS = {
    "reasons": ("right", "wrong"),
    "signs": (DEFAULT_GROUP,),
    "mistakes": (DEFAULT_GROUP,),
    "readiness": (DEFAULT_GROUP,),
}
# A question needs a choice to make.
FEWEST_OPTIONS = 2
BAND_FIELDS: Fields = {"low": int, "high": int, "title": str, "text": str}


def bands(
    where: str, raw: list[dict[str, Any]], low: int, high: int, what: str
) -> tuple[Band, ...]:
    """Bands sorted by `low`, refused unless they cover `low`..`high` once each."""
    found = [Band(b["low"], b["high"], b["title"], b["text"], b.get("support", False)) for b in raw]
    for band in found:
        if band.low > band.high:
            raise ContentError(
                f"{where}: band {band.title!r} has low {band.low} above high {band.high}"
            )
    found.sort(key=lambda band: (band.low, band.high))
    if found[0].low < low:
        raise ContentError(
            f"{where}: bands must start at {low} ({what}), they start at {found[0].low}"
        )
    expected = low
    for band in found:
        if band.low > expected:
            raise ContentError(
                f"{where}: bands leave a gap: no band for {expected}..{band.low - 1}"
                f" (they must cover {what})"
            )
        if band.low < expected:
            raise ContentError(
                f"{where}: bands overlap at {band.low}: band {band.title!r} starts inside"
                " the band before it"
            )
        expected = band.high + 1
    if expected - 1 != high:
        last = expected - 1
        problem = f"stop at {last}" if last < high else f"go past it to {last}"
        raise ContentError(f"{where}: bands must end at {high} ({what}), they {problem}")
    return tuple(found)


# --- Checklists ------------------------------------------------------------------------------


def load_checklists(folder: Path) -> dict[str, Checklist]:
    """The checklists by id, each group's bands covering 0..its item count."""
    name = "checklists.toml"
    entries = array(name, read_toml(folder, name), "checklist")
    checked = [
        fields(
            f"{name}: [[checklist]] #{n}",
            entry,
            {"id": str, "title": str, "intro": str, "item": list, "band": list},
        )
        for n, entry in enumerate(entries, start=1)
    ]
    found = ids(name, checked, "checklist id")
    if sorted(found) != sorted(CHECKLIST_GROUPS):
        raise ContentError(
            f"{name}: checklists must be exactly {sorted(CHECKLIST_GROUPS)} (the ones the"
            f" screens show), found {sorted(found)}"
        )
    return {entry["id"]: _checklist(name, entry) for entry in checked}


def _checklist(name: str, entry: dict[str, Any]) -> Checklist:
    where = f"{name}: checklist {entry['id']!r}"
    group_field = {"group": (str, DEFAULT_GROUP)}
    items = [
        fields(
            f"{where}, [[checklist.item]] #{n}",
            item,
            {"id": str, "text": str},
            {**group_field, "crisis": (bool, False)},
        )
        for n, item in enumerate(tables(where, entry["item"], "[[checklist.item]]"), start=1)
    ]
    ids(where, items, "item id")
    raw_bands = [
        fields(f"{where}, [[checklist.band]] #{n}", band, BAND_FIELDS, group_field)
        for n, band in enumerate(tables(where, entry["band"], "[[checklist.band]]"), start=1)
    ]
    groups = list(dict.fromkeys(item["group"] for item in items))
    expected = CHECKLIST_GROUPS[entry["id"]]
    if sorted(groups) != sorted(expected):
        raise ContentError(f"{where}: item groups must be {list(expected)}, found {groups}")
    stray = sorted({band["group"] for band in raw_bands} - set(groups))
    if stray:
        raise ContentError(f"{where}: bands for group {stray[0]!r}, which has no items")
    by_group: dict[str, tuple[Band, ...]] = {}
    for group in groups:
        size = sum(1 for item in items if item["group"] == group)
        raw = [band for band in raw_bands if band["group"] == group]
        if not raw:
            raise ContentError(f"{where}: no bands for group {group!r}")
        label = f"{where}, group {group!r}" if len(groups) > 1 or group != DEFAULT_GROUP else where
        by_group[group] = bands(label, raw, 0, size, f"0 to {size}, the number of items")
    return Checklist(
        entry["id"],
        entry["title"],
        entry["intro"],
        tuple(ChecklistItem(i["id"], i["text"], i["group"], i["crisis"]) for i in items),
        by_group,
    )


# --- Quizzes ---------------------------------------------------------------------------------


def load_quizzes(folder: Path) -> tuple[Quiz, ...]:
    """The quizzes, in file order; bands cover the lowest to the highest total."""
    name = "quizzes.toml"
    entries = array(name, read_toml(folder, name), "quiz")
    checked = [
        fields(
            f"{name}: [[quiz]] #{n}",
            entry,
            {"id": str, "title": str, "intro": str, "question": list, "band": list},
        )
        for n, entry in enumerate(entries, start=1)
    ]
    ids(name, checked, "quiz id")
    return tuple(_quiz(name, entry) for entry in checked)


def _quiz(name: str, entry: dict[str, Any]) -> Quiz:
    where = f"{name}: quiz {entry['id']!r}"
    raw_questions = tables(where, entry["question"], "[[quiz.question]]")
    questions = [
        fields(
            f"{where}, [[quiz.question]] #{n}",
            question,
            {"id": str, "text": str, "option": list},
        )
        for n, question in enumerate(raw_questions, start=1)
    ]
    ids(where, questions, "question id")
    built = tuple(_quiz_question(where, question) for question in questions)
    low = sum(min(o.score for o in q.options if not o.retired) for q in built)
    high = sum(max(o.score for o in q.options if not o.retired) for q in built)
    raw_bands = [
        fields(f"{where}, [[quiz.band]] #{n}", band, BAND_FIELDS, {"support": (bool, False)})
        for n, band in enumerate(tables(where, entry["band"], "[[quiz.band]]"), start=1)
    ]
    covered = bands(where, raw_bands, low, high, f"{low} to {high}, the lowest and highest totals")
    return Quiz(entry["id"], entry["title"], entry["intro"], built, covered)


def _quiz_question(where: str, question: dict[str, Any]) -> QuizQuestion:
    here = f"{where}, question {question['id']!r}"
    raw = tables(here, question["option"], "[[quiz.question.option]]")
    # An option is never removed or moved (stored answers are its index): one
    # that should no longer be offered is marked `retired = true`.
    options = [
        fields(
            f"{here}, [[quiz.question.option]] #{n}",
            option,
            {"text": str, "score": int},
            {"retired": (bool, False)},
        )
        for n, option in enumerate(raw, start=1)
    ]
    offered = [option for option in options if not option["retired"]]
    if len(offered) < FEWEST_OPTIONS:
        raise ContentError(
            f"{here}: needs at least {FEWEST_OPTIONS} options to choose from, found {len(offered)}"
        )
    return QuizQuestion(
        question["id"],
        question["text"],
        tuple(Option(o["text"], o["score"], o["retired"]) for o in options),
    )
