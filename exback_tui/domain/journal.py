"""Journal entries: what a valid entry is, finding entries, and the Markdown export.

Time is passed in (`now`, `today`); ids are passed in too. Text is stored
exactly as typed; only its size and encodability are checked here.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.text import printable

MAX_TEXT_CHARS = 200_000
MAX_TITLE_CHARS = 200
MAX_TAGS = 20
MAX_TAG_CHARS = 40
RESTORE_DAYS = 30
MOOD_RANGE = (1, 5)


class Entry(
    namedtuple(
        "Entry",
        "id created updated title text mood tags prompt deleted",
        defaults=(None,),
    )
):
    """One journal entry.

    `created`, `updated` and `deleted` are timezone-aware datetimes; `tags`
    is a tuple of strings; `mood` is 1-5 or None; `prompt` is the id of the
    prompt it answers, if any; `deleted` is set while it sits in "recently
    deleted".
    """

    __slots__ = ()

    @property
    def day(self) -> date:
        """The local date the entry was written."""
        return self.created.date()

    @property
    def first_line(self) -> str:
        """The title, or else the first non-blank line of the text."""
        if self.title.strip():
            return self.title.strip()
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""


def check_text(text: str, field: str = "text") -> str:
    """`text` if it can be stored: at most MAX_TEXT_CHARS and encodable as UTF-8."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"An entry can hold up to {MAX_TEXT_CHARS:,} characters; this one has "
            f"{len(text):,}. Nothing was saved: split it into two entries.",
            field,
        )
    _check_encodable(text, field)
    return text


def _check_encodable(text: str, field: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            "The text holds bytes that aren't valid characters, so it can't be saved as typed.",
            field,
        ) from None


def check_title(title: str) -> str:
    """`title` if it fits on a line: at most MAX_TITLE_CHARS, no line breaks."""
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInput(f"A title can be up to {MAX_TITLE_CHARS} characters.", "title")
    # splitlines() also breaks at \v, \f, \x1c-\x1e, \x85 and U+2028/U+2029.
    if "\n" in title or "\r" in title or len(f"{title}x".splitlines()) > 1:
        raise InvalidInput("A title is one line.", "title")
    _check_encodable(title, "title")
    return title


def check_mood(mood: int | None) -> int | None:
    """`mood` if it is None or a whole number from 1 to 5."""
    low, high = MOOD_RANGE
    if mood is None:
        return None
    if isinstance(mood, bool) or not isinstance(mood, int) or not low <= mood <= high:
        raise InvalidInput(f"Mood is a whole number from {low} to {high}.", "mood")
    return mood


def normalise_tags(tags: str | Iterable[str]) -> tuple[str, ...]:
    """Tags as a tuple: split on commas (and spaces), without '#', each once (ignoring case).

    Raises InvalidInput for more than MAX_TAGS tags or a tag over MAX_TAG_CHARS.
    """
    if isinstance(tags, str):
        tags = tags.replace(",", " ").split()
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        for tag in str(raw).replace(",", " ").split():
            tag = tag.lstrip("#")
            if not tag:
                continue
            if len(tag) > MAX_TAG_CHARS:
                raise InvalidInput(f"A tag can be up to {MAX_TAG_CHARS} characters.", "tags")
            _check_encodable(tag, "tags")
            key = tag.casefold()
            if key not in seen:
                seen.add(key)
                result.append(tag)
    if len(result) > MAX_TAGS:
        raise InvalidInput(f"An entry can have up to {MAX_TAGS} tags.", "tags")
    return tuple(result)


def _aware(moment: datetime) -> datetime:
    # A naive time would be stored without a zone, and the journal could not
    # be read back: refuse it here, as the programming error it is.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("journal times must be timezone-aware (use datetime.now().astimezone())")
    return moment


def new_entry(
    entry_id: str,
    now: datetime,
    text: str,
    *,
    title: str = "",
    mood: int | None = None,
    tags: str | Iterable[str] = (),
    prompt: str | None = None,
) -> Entry:
    """A new, validated entry written at `now` (an aware datetime)."""
    _aware(now)
    return Entry(
        id=entry_id,
        created=now,
        updated=now,
        title=check_title(title),
        text=check_text(text),
        mood=check_mood(mood),
        tags=normalise_tags(tags),
        prompt=prompt,
        deleted=None,
    )


def edited(
    entry: Entry,
    now: datetime,
    *,
    text: str,
    title: str,
    mood: int | None,
    tags: str | Iterable[str],
) -> Entry:
    """`entry` with new content, validated, marked updated at `now`."""
    return entry._replace(
        updated=_aware(now),
        title=check_title(title),
        text=check_text(text),
        mood=check_mood(mood),
        tags=normalise_tags(tags),
    )


def deleted(entry: Entry, now: datetime) -> Entry:
    """`entry` moved to "recently deleted" at `now`."""
    return entry._replace(deleted=_aware(now))


def restored(entry: Entry) -> Entry:
    """`entry` back from "recently deleted"."""
    return entry._replace(deleted=None)


def restore_deadline(entry: Entry) -> date | None:
    """The last day a deleted entry can be restored, or None if it isn't deleted."""
    if entry.deleted is None:
        return None
    try:
        return entry.deleted.date() + timedelta(days=RESTORE_DAYS)
    except OverflowError:  # deleted in the last days of year 9999: never gone
        return date.max


def expired(entry: Entry, today: date) -> bool:
    """Deleted more than RESTORE_DAYS days ago: gone for good at the next clean-up."""
    deadline = restore_deadline(entry)
    return deadline is not None and today > deadline


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Entries by when they were written, newest first (ties: by id, for a stable order)."""
    return sorted(entries, key=lambda e: (e.created, e.id), reverse=True)


def search_words(query: str) -> tuple[str, ...]:
    """The words of a search, lower-cased; an entry must contain all of them."""
    return tuple(word.lower() for word in query.split())


def matches(entry: Entry, words: Sequence[str]) -> bool:
    """Whether every word occurs in the title, the text or a tag (ignoring case)."""
    if not words:
        return True
    title = entry.title.lower()
    text = entry.text.lower()
    tags = " ".join(entry.tags).lower()
    return all(w in title or w in tags or w in text for w in words)


def select(
    entries: Iterable[Entry],
    *,
    query: str = "",
    tag: str | None = None,
    since: date | None = None,
    until: date | None = None,
    deleted: bool = False,
) -> list[Entry]:
    """The entries that match, in the order given.

    `deleted=False` gives the journal; `deleted=True` gives "recently deleted".
    `tag` matches a whole tag, ignoring case; `since`/`until` are inclusive.
    """
    words = search_words(query)
    wanted_tag = tag.lstrip("#").casefold() if tag else None
    chosen = []
    for entry in entries:
        if (entry.deleted is not None) != deleted:
            continue
        if wanted_tag is not None and wanted_tag not in (t.casefold() for t in entry.tags):
            continue
        if since is not None and entry.day < since:
            continue
        if until is not None and entry.day > until:
            continue
        if matches(entry, words):
            chosen.append(entry)
    return chosen


def all_tags(entries: Iterable[Entry]) -> list[str]:
    """Every tag in use (not counting deleted entries), sorted, each once ignoring case."""
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.deleted is None:
            for tag in entry.tags:
                seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)


def day_heading(day: date) -> str:
    """`day` as "Thursday 26 November 2026" (no platform-specific strftime codes)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


# Lines of an entry that Markdown would read as a heading, a setext underline
# or a thematic break: a backslash keeps them text, so the day headings stay
# the document's only structure.
_STRUCTURE_LINE = re.compile(r"^( {0,3})(#{1,6}(?=[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")


def _markdown_text(text: str) -> str:
    lines = printable(text, multiline=True).rstrip("\n").split("\n")
    return "\n".join(_STRUCTURE_LINE.sub(r"\1\\\2", line, count=1) for line in lines)


def markdown_export(entries: Iterable[Entry]) -> str:
    """One readable Markdown document: entries oldest first (newest last), a heading per day.

    Text is written as typed, except that terminal control characters are
    removed (the document is meant to be read, often in a terminal) and a
    line that Markdown would take for a heading gets a backslash in front.
    Deleted entries are left out.
    """
    kept = sorted((e for e in entries if e.deleted is None), key=lambda e: (e.created, e.id))
    lines = ["# exback journal", ""]
    current_day: date | None = None
    for entry in kept:
        if entry.day != current_day:
            current_day = entry.day
            lines += [f"## {day_heading(current_day)}", ""]
        heading = printable(entry.title).strip() or "Untitled"
        lines += [f"### {heading} ({entry.created.strftime('%H:%M')})", ""]
        details = []
        if entry.mood is not None:
            details.append(f"mood {entry.mood}/5")
        if entry.tags:
            details.append("tags: " + ", ".join(printable(t) for t in entry.tags))
        if details:
            lines += ["*" + " · ".join(details) + "*", ""]
        body = _markdown_text(entry.text)
        if body.strip():
            lines += [body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


@dataclass(frozen=True)
class JournalFilters:
    """What the journal list is narrowed to (the arguments of `select`)."""

    query: str = ""
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    deleted: bool = False

    @property
    def narrowing(self) -> bool:
        """Whether anything besides the view (journal or recently deleted) is set."""
        return bool(self.query.strip() or self.tag or self.since or self.until)


def narrows(before: str, after: str) -> bool:
    """Whether every entry matching `after` also matches `before` (so `after` can search
    the earlier result): each earlier word is part of some new word."""
    new_words = search_words(after)
    return all(any(old in new for new in new_words) for old in search_words(before))
