"""`exback journal add|list|search`: writing and reading the journal from the shell.

Reading works while the app is open elsewhere (no lock); adding takes the lock.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from exback_tui.cli.common import date_arg, int_arg, open_for_write, service, text_arg
from exback_tui.cli.errors import OK, UsageError
from exback_tui.cli.errors import now as clock_now
from exback_tui.cli.errors import today as clock_today

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from exback_tui.domain.journal import Entry

LIST_TITLE_CELLS = 60


def add(args: argparse.Namespace, data_dir: Path) -> int:
    """Save a new entry (TEXT, or standard input for "-")."""
    from exback_tui.domain.errors import InvalidInput
    from exback_tui.domain.journal import check_mood, check_text, check_title, normalise_tags

    text = _stdin_text() if args.text == "-" else text_arg(args.text, "TEXT")
    title = text_arg(args.title or "", "--title")
    tags = [text_arg(tag, "--tag") for tag in args.tag or ()]
    mood = None if args.mood is None else int_arg(args.mood, "--mood")
    # Everything is checked before the data folder is opened (or created).
    check_text(text)
    check_title(title)
    check_mood(mood)
    normalise_tags(tags)
    if not text.strip() and not title.strip():
        raise InvalidInput("The entry is empty, so nothing was saved.", "text")
    now = clock_now()
    with open_for_write(data_dir) as opened:
        entry = opened.add_entry(now, text, title=title, mood=mood, tags=tags)
    when = entry.created
    print(f"Saved entry of {when.day} {when:%b %Y, %H:%M}.")
    return OK


def _stdin_text() -> str:
    """The entry text on standard input, which must be UTF-8."""
    from exback_tui.domain.journal import MAX_TEXT_CHARS

    # Read no more than the longest text allowed could take, so a runaway pipe
    # is refused without being held in memory.
    limit = 4 * MAX_TEXT_CHARS + 4
    raw = sys.stdin.buffer.read(limit + 1) if sys.stdin is not None else b""
    if len(raw) > limit:
        raise UsageError(
            f"An entry can hold up to {MAX_TEXT_CHARS:,} characters; the text on standard "
            "input is longer. Nothing was saved: split it into two entries."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the text on standard input is not valid UTF-8 (byte {error.start}); nothing was saved"
        ) from None
    return text.removeprefix("\ufeff")


def list_entries(args: argparse.Namespace, data_dir: Path) -> int:
    """List entries, newest first, filtered by tag and date."""
    from exback_tui.domain.journal import newest_first, normalise_tags, select

    today = clock_today()
    tag = None
    if args.tag is not None:
        tags = normalise_tags([text_arg(args.tag, "--tag")])
        if len(tags) != 1:
            raise UsageError("--tag takes one tag")
        tag = tags[0]
    since = None if args.since is None else date_arg(args.since, today, "--since")
    chosen = select(newest_first(service(data_dir).read_entries()), tag=tag, since=since)
    return _print_entries(chosen, as_json=args.json, none="No journal entries yet.")


def search(args: argparse.Namespace, data_dir: Path) -> int:
    """List the entries holding every word."""
    from exback_tui.domain.journal import newest_first, select

    query = " ".join(text_arg(word, "WORDS") for word in args.words)
    if not query.strip():
        raise UsageError("journal search needs at least one word")
    chosen = select(newest_first(service(data_dir).read_entries()), query=query)
    return _print_entries(chosen, as_json=args.json, none="No entries match.")


def _print_entries(entries: list[Entry], *, as_json: bool, none: str) -> int:
    if as_json:
        from exback_tui.service import entries_json

        sys.stdout.flush()
        sys.stdout.buffer.write(entries_json(entries) + b"\n")
        sys.stdout.buffer.flush()
        return OK
    if not entries:
        print(none)
        return OK
    if hasattr(sys.stdout, "reconfigure"):
        # A terminal that can't show an emoji gets "?" rather than a traceback.
        sys.stdout.reconfigure(errors="replace")
    print("\n".join(entry_line(entry) for entry in entries))
    return OK


def entry_line(entry: Entry) -> str:
    """One entry as a line for `exback journal list`: when, title or first line, tags.

    User text has its control characters removed and is cut to a readable length.
    """
    from exback_tui.domain.text import printable

    when = entry.created.strftime("%Y-%m-%d %H:%M")
    title = shorten(printable(entry.first_line[: 4 * LIST_TITLE_CELLS]).strip(), LIST_TITLE_CELLS)
    line = f"{when}  {title or '(empty)'}"
    if entry.tags:
        tags = " ".join(f"#{tag}" for tag in entry.tags)
        line += "  " + shorten(printable(tags).strip(), LIST_TITLE_CELLS // 2)
    return line


def _char_cells(char: str) -> int:
    import unicodedata

    if unicodedata.combining(char) or char in "\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def shorten(text: str, cells: int) -> str:
    """`text` cut to at most about `cells` terminal cells, ending in "…" if it was cut."""
    if sum(_char_cells(c) for c in text) <= cells:
        return text
    used = 0
    kept = []
    for char in text:
        width = _char_cells(char)
        if used + width > cells - 1:
            break
        kept.append(char)
        used += width
    # A joiner left at the cut would glue the "…" to a half emoji.
    return "".join(kept).rstrip("\u200d\ufe0e\ufe0f ") + "…"
