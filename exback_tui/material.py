"""Loads and checks the program's material from `content/`.

The pages (`questions/*.md`, `steps/*.md`, `faq.md`), the checklists, quizzes,
checker rules, stages, questions, concerns and plan areas (`*.toml`) and the
words of each screen (`screens/*.toml`). Any mistake (an unknown key, a missing
field, empty text, a duplicate id, bands that leave a gap, a regex that does
not compile, the wrong number of something) raises ContentError naming the
file and the entry, so a content edit can't silently break a screen.

Imported lazily (through `app.material`): it is not on the dashboard's path.
"""

from __future__ import annotations

import re
import string
import tomllib
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from exback_tui.content import ContentError
from exback_tui.domain.material import (
    Band,
    Checklist,
    ChecklistItem,
    Concern,
    FaqEntry,
    Material,
    Option,
    Page,
    PlanArea,
    Question,
    Quiz,
    QuizQuestion,
    Rule,
    Stage,
)
from exback_tui.resources import content_dir

PAGES_PER_FOLDER = 4
FAQ_ENTRIES = 6
DECISION_QUESTIONS = 7
SIGNS = 8
STAGES = 7
PLAN_AREAS = 4
QUIZ_IDS = ("you", "them", "both")
QUIZ_QUESTIONS = (5, 6)  # fewest and most questions in a quiz
QUIZ_OPTIONS = (3, 4)  # fewest and most options in a question
CHECKLIST_GROUPS = {
    "reasons": ("right", "wrong"),
    "signs": ("main",),
    "mistakes": ("main",),
    "readiness": ("main",),
}
REQUIRED_RULES = (
    "miss-you",
    "love-you",
    "relationship",
    "how-are-you",
    "seeing-someone",
    "pity",
    "pressure",
    "apology",
)
CONCERN_LEVELS = ("stop", "caution")
DEFAULT_GROUP = "main"

# Ids become keys in the program file and parts of widget ids: lowercase words joined by "-".
ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class _Texts:
    """Field kind: a non-empty list of non-empty strings."""


TEXTS = _Texts()
Fields = dict[str, Any]  # name -> str | int | TEXTS | list (an array of tables)


# --- Reading ---------------------------------------------------------------------------------


def _read_toml(folder: Path, name: str) -> dict[str, Any]:
    try:
        with (folder / name).open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{name}: {error}") from None


def _read_text(folder: Path, name: str) -> str:
    try:
        return (folder / name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{name}: {error}") from None


def _array(name: str, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The top-level `[[key]]` array of a file, which must hold nothing else."""
    unknown = set(data) - {key}
    if unknown:
        raise ContentError(f"{name}: unknown top-level keys {sorted(unknown)}")
    return _tables(name, data.get(key), f"[[{key}]]")


def _tables(where: str, value: object, array: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise ContentError(f"{where}: needs at least one {array}")
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise ContentError(f"{where}: {array} #{number} must be a table of keys")
    return value


def _fields(
    where: str, entry: dict[str, Any], required: Fields, optional: Fields | None = None
) -> dict[str, Any]:
    """Check one table's keys and value kinds; return it with optional defaults filled in."""
    optional = optional or {}
    extra = set(entry) - set(required) - set(optional)
    if extra:
        raise ContentError(f"{where}: unknown keys {sorted(extra)}")
    checked = dict(entry)
    for name, kind in required.items():
        if name not in entry:
            raise ContentError(f"{where}: missing {name!r}")
        _check_kind(where, name, entry[name], kind)
    for name, (kind, default) in optional.items():
        if name in entry:
            _check_kind(where, name, entry[name], kind)
        else:
            checked[name] = default
    return checked


def _check_kind(where: str, name: str, value: object, kind: object) -> None:
    if kind is TEXTS:
        if not isinstance(value, list) or not value:
            raise ContentError(f"{where}: {name!r} must be a non-empty list of text")
        for number, text in enumerate(value, start=1):
            if not isinstance(text, str) or not text.strip():
                raise ContentError(f"{where}: {name!r} item {number} must be non-empty text")
    elif kind is list:
        if not isinstance(value, list):
            raise ContentError(f"{where}: {name!r} must be an array of tables")
    elif kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContentError(f"{where}: {name!r} must be a whole number")
    elif kind is str:
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{where}: {name!r} must be non-empty text")
    else:  # pragma: no cover - a mistake in this module
        raise TypeError(kind)


def _ids(where: str, entries: list[dict[str, Any]], what: str = "id") -> list[str]:
    """The entries' ids, checked for shape and duplicates."""
    seen: set[str] = set()
    for entry in entries:
        value = entry["id"]
        if not ID_PATTERN.fullmatch(value):
            raise ContentError(
                f"{where}: {what} {value!r} must be lowercase words joined by '-' (like 'miss-you')"
            )
        if value in seen:
            raise ContentError(f"{where}: duplicate {what} {value!r}")
        seen.add(value)
    return [entry["id"] for entry in entries]


def _count(where: str, what: str, found: int, expected: int) -> None:
    if found != expected:
        raise ContentError(f"{where}: needs exactly {expected} {what}, found {found}")


# --- Bands -----------------------------------------------------------------------------------


def _bands(
    where: str, raw: list[dict[str, Any]], low: int, high: int, what: str
) -> tuple[Band, ...]:
    """Bands sorted by `low`, refused unless they cover `low`..`high` once each."""
    bands = [Band(b["low"], b["high"], b["title"], b["text"]) for b in raw]
    for band in bands:
        if band.low > band.high:
            raise ContentError(
                f"{where}: band {band.title!r} has low {band.low} above high {band.high}"
            )
    bands.sort(key=lambda band: (band.low, band.high))
    if bands[0].low < low:
        raise ContentError(
            f"{where}: bands must start at {low} ({what}), they start at {bands[0].low}"
        )
    expected = low
    for band in bands:
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
    return tuple(bands)


BAND_FIELDS: Fields = {"low": int, "high": int, "title": str, "text": str}


# --- Pages -----------------------------------------------------------------------------------

_TITLE = re.compile(r"# +(\S.*)")
_FAQ_HEADING = re.compile(r"##(?!#) *(.*)")


def _page(folder: Path, name: str, page_id: str) -> Page:
    text = _read_text(folder, name)
    first, _, rest = text.partition("\n")
    title = _TITLE.fullmatch(first.rstrip())
    if title is None:
        raise ContentError(f"{name}: the first line must be the title, like '# A title'")
    body = rest.strip()
    if not body:
        raise ContentError(f"{name}: the page has a title but no text")
    return Page(page_id, title.group(1).strip(), body)


def _pages(folder: Path, kind: str) -> tuple[Page, ...]:
    expected = [f"{number}.md" for number in range(1, PAGES_PER_FOLDER + 1)]
    where = folder / kind
    found = sorted(p.name for p in where.glob("*.md")) if where.is_dir() else []
    if found != expected:
        raise ContentError(f"{kind}/: needs exactly the pages {expected}, found {found}")
    return tuple(
        _page(folder, f"{kind}/{number}.md", f"{kind}-{number}")
        for number in range(1, PAGES_PER_FOLDER + 1)
    )


def _slug(question: str) -> str:
    plain = unicodedata.normalize("NFKD", question.lower()).encode("ascii", "ignore").decode()
    words = re.sub(r"['’]", "", plain)
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return slug if slug[:1].isalpha() else f"q-{slug}".rstrip("-")


def load_faq(folder: Path) -> tuple[FaqEntry, ...]:
    """The common questions: a '# Title' line, then '## question' and its answer, six times."""
    name = "faq.md"
    lines = _read_text(folder, name).splitlines()
    if not lines or _TITLE.fullmatch(lines[0].rstrip()) is None:
        raise ContentError(f"{name}: the first line must be the title, like '# Common questions'")
    sections: list[tuple[str, list[str]]] = []
    for number, line in enumerate(lines[1:], start=2):
        heading = _FAQ_HEADING.fullmatch(line.rstrip())
        if heading is not None:
            if not heading.group(1).strip():
                raise ContentError(f"{name}: line {number}: a '##' heading without a question")
            sections.append((heading.group(1).strip(), []))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip():
            raise ContentError(
                f"{name}: line {number}: text before the first '## question' would not be shown"
            )
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    for question, body in sections:
        answer = "\n".join(body).strip()
        if not answer:
            raise ContentError(f"{name}: question {question!r} has no answer")
        entry_id = _slug(question)
        if entry_id in seen or entry_id == "q":
            raise ContentError(f"{name}: question {question!r} is a duplicate or has no words")
        seen.add(entry_id)
        entries.append(FaqEntry(entry_id, question, answer))
    _count(name, "'## question' sections", len(entries), FAQ_ENTRIES)
    return tuple(entries)


# --- Checklists ------------------------------------------------------------------------------


def load_checklists(folder: Path) -> dict[str, Checklist]:
    """The four checklists by id, each group's bands covering 0..its item count."""
    name = "checklists.toml"
    entries = _array(name, _read_toml(folder, name), "checklist")
    checked = [
        _fields(
            f"{name}: [[checklist]] #{n}",
            entry,
            {"id": str, "title": str, "intro": str, "item": list, "band": list},
        )
        for n, entry in enumerate(entries, start=1)
    ]
    ids = _ids(name, checked, "checklist id")
    if sorted(ids) != sorted(CHECKLIST_GROUPS):
        raise ContentError(
            f"{name}: checklists must be exactly {sorted(CHECKLIST_GROUPS)}, found {sorted(ids)}"
        )
    checklists = {entry["id"]: _checklist(name, entry) for entry in checked}
    signs = checklists["signs"]
    _count(f"{name}: checklist 'signs'", "items (the eight signs)", len(signs.items), SIGNS)
    return checklists


def _checklist(name: str, entry: dict[str, Any]) -> Checklist:
    where = f"{name}: checklist {entry['id']!r}"
    group_field = {"group": (str, DEFAULT_GROUP)}
    items = [
        _fields(f"{where}, [[checklist.item]] #{n}", item, {"id": str, "text": str}, group_field)
        for n, item in enumerate(_tables(where, entry["item"], "[[checklist.item]]"), start=1)
    ]
    _ids(where, items, "item id")
    bands = [
        _fields(f"{where}, [[checklist.band]] #{n}", band, BAND_FIELDS, group_field)
        for n, band in enumerate(_tables(where, entry["band"], "[[checklist.band]]"), start=1)
    ]
    groups = list(dict.fromkeys(item["group"] for item in items))
    expected = CHECKLIST_GROUPS[entry["id"]]
    if sorted(groups) != sorted(expected):
        raise ContentError(f"{where}: item groups must be {list(expected)}, found {groups}")
    stray = sorted({band["group"] for band in bands} - set(groups))
    if stray:
        raise ContentError(f"{where}: bands for group {stray[0]!r}, which has no items")
    by_group: dict[str, tuple[Band, ...]] = {}
    for group in groups:
        size = sum(1 for item in items if item["group"] == group)
        raw = [band for band in bands if band["group"] == group]
        if not raw:
            raise ContentError(f"{where}: no bands for group {group!r}")
        label = f"{where}, group {group!r}" if len(groups) > 1 or group != DEFAULT_GROUP else where
        by_group[group] = _bands(label, raw, 0, size, f"0 to {size}, the number of items")
    return Checklist(
        entry["id"],
        entry["title"],
        entry["intro"],
        tuple(ChecklistItem(i["id"], i["text"], i["group"]) for i in items),
        by_group,
    )


# --- Quizzes ---------------------------------------------------------------------------------


def load_quizzes(folder: Path) -> tuple[Quiz, ...]:
    """The three quizzes, in file order; bands cover the lowest to the highest total."""
    name = "quizzes.toml"
    entries = _array(name, _read_toml(folder, name), "quiz")
    checked = [
        _fields(
            f"{name}: [[quiz]] #{n}",
            entry,
            {"id": str, "title": str, "intro": str, "question": list, "band": list},
        )
        for n, entry in enumerate(entries, start=1)
    ]
    ids = _ids(name, checked, "quiz id")
    if sorted(ids) != sorted(QUIZ_IDS):
        raise ContentError(f"{name}: quizzes must be exactly {list(QUIZ_IDS)}, found {ids}")
    return tuple(_quiz(name, entry) for entry in checked)


def _quiz(name: str, entry: dict[str, Any]) -> Quiz:
    where = f"{name}: quiz {entry['id']!r}"
    raw_questions = _tables(where, entry["question"], "[[quiz.question]]")
    questions = [
        _fields(
            f"{where}, [[quiz.question]] #{n}",
            question,
            {"id": str, "text": str, "option": list},
        )
        for n, question in enumerate(raw_questions, start=1)
    ]
    _ids(where, questions, "question id")
    fewest, most = QUIZ_QUESTIONS
    if not fewest <= len(questions) <= most:
        raise ContentError(f"{where}: needs {fewest} to {most} questions, found {len(questions)}")
    built = tuple(_quiz_question(where, question) for question in questions)
    low = sum(min(option.score for option in q.options) for q in built)
    high = sum(max(option.score for option in q.options) for q in built)
    bands = [
        _fields(f"{where}, [[quiz.band]] #{n}", band, BAND_FIELDS)
        for n, band in enumerate(_tables(where, entry["band"], "[[quiz.band]]"), start=1)
    ]
    covered = _bands(where, bands, low, high, f"{low} to {high}, the lowest and highest totals")
    return Quiz(entry["id"], entry["title"], entry["intro"], built, covered)


def _quiz_question(where: str, question: dict[str, Any]) -> QuizQuestion:
    here = f"{where}, question {question['id']!r}"
    raw = _tables(here, question["option"], "[[quiz.question.option]]")
    options = [
        _fields(f"{here}, [[quiz.question.option]] #{n}", option, {"text": str, "score": int})
        for n, option in enumerate(raw, start=1)
    ]
    fewest, most = QUIZ_OPTIONS
    if not fewest <= len(options) <= most:
        raise ContentError(f"{here}: needs {fewest} to {most} options, found {len(options)}")
    return QuizQuestion(
        question["id"],
        question["text"],
        tuple(Option(option["text"], option["score"]) for option in options),
    )


# --- Rules, stages and the simple lists ------------------------------------------------------


def load_rules(folder: Path) -> tuple[Rule, ...]:
    """The message checker's rules; every pattern must compile and must not match nothing."""
    name = "checker.toml"
    entries = [
        _fields(
            f"{name}: [[rule]] #{n}",
            entry,
            {"id": str, "title": str, "why": str, "patterns": TEXTS},
        )
        for n, entry in enumerate(_array(name, _read_toml(folder, name), "rule"), start=1)
    ]
    ids = _ids(name, entries, "rule id")
    missing = [rule for rule in REQUIRED_RULES if rule not in ids]
    if missing:
        raise ContentError(f"{name}: missing the rules {missing}")
    for entry in entries:
        for pattern in entry["patterns"]:
            _check_pattern(f"{name}: rule {entry['id']!r}", pattern)
    return tuple(Rule(e["id"], e["title"], e["why"], tuple(e["patterns"])) for e in entries)


_PROBES = ("", "ok", "a b.")  # a pattern that matches nothing here would flag every draft


def _check_pattern(where: str, pattern: str) -> None:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ContentError(f"{where}: pattern {pattern!r} does not compile: {error}") from None
    for probe in _PROBES:
        found = compiled.search(probe)
        if found is not None and not found.group(0):
            raise ContentError(
                f"{where}: pattern {pattern!r} matches empty text, so it would flag any draft"
            )


def load_stages(folder: Path) -> tuple[Stage, ...]:
    """The seven stages of reconnecting, in order."""
    name = "stages.toml"
    fields = {"id": str, "title": str, "text": str, "dos": TEXTS, "donts": TEXTS}
    entries = _simple(folder, name, "stage", fields, STAGES)
    return tuple(
        Stage(e["id"], e["title"], e["text"], tuple(e["dos"]), tuple(e["donts"])) for e in entries
    )


def load_plan_areas(folder: Path) -> tuple[PlanArea, ...]:
    """The four areas of the personal plan."""
    name = "plan.toml"
    entries = _simple(folder, name, "area", {"id": str, "title": str, "hint": str}, PLAN_AREAS)
    return tuple(PlanArea(e["id"], e["title"], e["hint"]) for e in entries)


def load_decision_questions(folder: Path) -> tuple[Question, ...]:
    """The seven questions to answer before deciding."""
    name = "decision.toml"
    fields = {"id": str, "text": str, "hint": str}
    entries = _simple(folder, name, "question", fields, DECISION_QUESTIONS)
    return tuple(Question(e["id"], e["text"], e["hint"]) for e in entries)


def load_concerns(folder: Path) -> tuple[Concern, ...]:
    """The safety gate: each concern is a "stop" or a "caution"; both kinds are needed."""
    name = "safety.toml"
    entries = _simple(folder, name, "concern", {"id": str, "text": str, "level": str}, None)
    for entry in entries:
        if entry["level"] not in CONCERN_LEVELS:
            raise ContentError(
                f"{name}: concern {entry['id']!r} has level {entry['level']!r};"
                f" it must be one of {list(CONCERN_LEVELS)}"
            )
    for level in CONCERN_LEVELS:
        if not any(entry["level"] == level for entry in entries):
            raise ContentError(f"{name}: needs at least one concern with level {level!r}")
    return tuple(Concern(e["id"], e["text"], e["level"]) for e in entries)


def _simple(
    folder: Path, name: str, array: str, fields: Fields, expected: int | None
) -> list[dict[str, Any]]:
    entries = [
        _fields(f"{name}: [[{array}]] #{n}", entry, fields)
        for n, entry in enumerate(_array(name, _read_toml(folder, name), array), start=1)
    ]
    _ids(name, entries)
    if expected is not None:
        _count(name, f"[[{array}]] entries", len(entries), expected)
    return entries


# --- Screen words ----------------------------------------------------------------------------

_FORMATTER = string.Formatter()


def load_screen_text(folder: Path) -> dict[str, dict[str, str]]:
    """`screens/<name>.toml` as {name: {key: text}}: flat keys, non-empty text, sound {fields}."""
    where = folder / "screens"
    if not where.is_dir():
        return {}
    text: dict[str, dict[str, str]] = {}
    for path in sorted(where.glob("*.toml")):
        name = f"screens/{path.name}"
        data = _read_toml(folder, name)
        for key, value in data.items():
            if not isinstance(value, str) or not value.strip():
                raise ContentError(f"{name}: {key!r} must be non-empty text")
            _check_placeholders(name, key, value)
        text[path.stem] = data
    return text


def _check_placeholders(name: str, key: str, value: str) -> None:
    try:
        fields = [part[1] for part in _FORMATTER.parse(value) if part[1] is not None]
    except ValueError as error:
        raise ContentError(
            f"{name}: {key!r} has a broken {{placeholder}} ({error}); write '{{{{' for a brace"
        ) from None
    for field in fields:
        if not field.isidentifier():
            raise ContentError(
                f"{name}: {key!r} has the placeholder {{{field}}}; use a name like {{days}}"
            )


# --- Everything ------------------------------------------------------------------------------


def load_material(folder: Path) -> Material:
    """Load and check all of the program's material in `folder` (a `content/` folder)."""
    return Material(
        questions_pages=_pages(folder, "questions"),
        steps_pages=_pages(folder, "steps"),
        faq=load_faq(folder),
        checklists=load_checklists(folder),
        quizzes=load_quizzes(folder),
        rules=load_rules(folder),
        stages=load_stages(folder),
        decision_questions=load_decision_questions(folder),
        concerns=load_concerns(folder),
        plan_areas=load_plan_areas(folder),
        text=load_screen_text(folder),
    )


@cache
def shipped_material() -> Material:
    """The material shipped with exback (loaded once per process)."""
    return load_material(content_dir())
