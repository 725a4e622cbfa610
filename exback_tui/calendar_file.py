"""`exback calendar`: the hard dates and the coming milestones as an iCalendar file.

Written by hand to RFC 5545 (a few all-day events, each line folded at 75
octets, CRLF endings): small enough that a library would not earn its
place at run time; the tests read the file back with the icalendar library.
Hard dates repeat yearly with a reminder the morning before (29 February
falls on the last day of February in other years); the milestones are the
days still ahead in the current attempt. Pure: the time stamp is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from exback_tui.domain.hard_dates import next_occurrence
from exback_tui.domain.progress import HardDate
from exback_tui.domain.text import printable

# The reminder: 15 hours before the all-day event starts, 09:00 the day before.
REMINDER = "-PT15H"
PRODUCT = "-//exback//exback calendar//EN"


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 asks (backslash, semicolon, comma, line breaks)."""
    clean = printable(value, multiline=True)
    return clean.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """One content line folded into pieces of at most 75 octets (never inside a character)."""
    pieces: list[str] = []
    current = ""
    limit = 75
    for ch in line:
        if len((current + ch).encode("utf-8")) > limit:
            pieces.append(current)
            current = " "
            limit = 75
        current += ch
    pieces.append(current)
    return pieces


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def calendar_ics(
    hard_dates: Iterable[HardDate],
    coming: Iterable[tuple[int, date, str]],
    words: Mapping[str, Any],
    today: date,
    stamp: datetime,
) -> tuple[bytes, int]:
    """The calendar file and its number of events.

    `coming` holds (days done, the day, the milestone's title) for the
    current attempt's milestones still ahead.
    """
    stamp_text = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN"]
    events = 0
    for hard in hard_dates:
        on = next_occurrence(hard.month, hard.day, today)
        if on is None:
            continue
        if hard.month == 2 and hard.day == 29:
            rule = "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
        else:
            rule = "RRULE:FREQ=YEARLY"
        summary = str(words["ics_hard_date"]).format(name=printable(hard.name))
        lines += [
            "BEGIN:VEVENT",
            f"UID:hard-date-{_text(hard.id)}@exback",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{_day(on)}",
            rule,
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(str(words['ics_hard_date_note']))}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_text(summary)}",
            f"TRIGGER;RELATED=START:{REMINDER}",
            "END:VALARM",
            "END:VEVENT",
        ]
        events += 1
    for days, on, title in coming:
        summary = str(words["ics_milestone"]).format(title=title)
        lines += [
            "BEGIN:VEVENT",
            f"UID:milestone-{_day(on)}-{days}@exback",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{_day(on)}",
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(str(words['ics_milestone_note']))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
        events += 1
    lines.append("END:VCALENDAR")
    folded = [piece for line in lines for piece in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8"), events
