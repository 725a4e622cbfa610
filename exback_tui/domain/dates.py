"""Reading the dates people type, refusing what could be misread.

Accepted: ISO `2026-11-15`, `today`, `yesterday`, `N days ago`, and dates
with a month name (`15 Nov`, `Nov 15 2026`, `15 November 2026`). Refused with
a message saying what to type instead: numeric dates other than ISO (`03/04`
could be March or April), two-digit years, dates in the future, and anything
else (no fuzzy guessing). `today` is passed in; nothing here reads the clock.

This module imports `re` and, for month names, dateutil's parser, so it is
only imported when a date actually has to be read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from exback_tui.domain.errors import InvalidInput

EXAMPLES = "2026-11-15, 15 Nov, yesterday or 3 days ago"
MAX_DAYS_AGO = 36_500

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAYS_AGO = re.compile(r"(\d{1,6}|a|one)\s+days?\s+ago")
_NUMERIC = re.compile(r"(\d{1,4})\s*([/.\-])\s*(\d{1,2})(?:\s*\2\s*(\d{1,4}))?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def parse_date(text: str, today: date, *, field: str = "date") -> date:
    """The date `text` names, relative to `today`; InvalidInput if it can't be read safely.

    Dates after `today` are refused: everything this app asks for has happened.
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise InvalidInput(f"Type a date, like {EXAMPLES}.", field)
    parsed = _parse(cleaned, " ".join(text.split()), today, field)
    if parsed > today:
        raise InvalidInput(
            f"{parsed.isoformat()} is in the future; type a date on or before today.", field
        )
    return parsed


def _parse(cleaned: str, shown: str, today: date, field: str) -> date:
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if match := _DAYS_AGO.fullmatch(cleaned):
        count = match.group(1)
        days = 1 if count in ("a", "one") else int(count)
        if days > MAX_DAYS_AGO:
            raise InvalidInput(f"{days} days ago is too far back.", field)
        return today - timedelta(days=days)
    if match := _ISO.fullmatch(cleaned):
        return _real_date(int(match[1]), int(match[2]), int(match[3]), shown, field)
    if match := _NUMERIC.fullmatch(cleaned):
        raise InvalidInput(_numeric_refusal(match, shown), field)
    return _month_name_date(cleaned, shown, today, field)


def _real_date(year: int, month: int, day: int, shown: str, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _not_real(shown, field) from None


def _numeric_refusal(match: re.Match[str], shown: str) -> str:
    first, second, third = match[1], match[3], match[4]
    year_first = len(first) == 4
    if third is not None and not year_first and len(third) != 4:
        return f"{shown} has a two-digit year; write the year in full, like 2026-11-15."
    a, b = int(first), int(second)
    if not year_first and 1 <= a <= 12 and 1 <= b <= 12 and a != b:
        year = f" {third}" if third else ""
        day_first = f"{a} {_month_label(b)}{year}"
        month_first = f"{b} {_month_label(a)}{year}"
        return (
            f"{shown} could be {day_first} or {month_first}. "
            f"Type {day_first} or {month_first}, whichever you mean."
        )
    return f"Type dates as 2026-11-15 or 15 Nov 2026, not {shown}."


def _month_label(number: int) -> str:
    return date(2000, number, 1).strftime("%b")


_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d+")


def _month_name_date(cleaned: str, shown: str, today: date, field: str) -> date:
    unreadable = InvalidInput(
        f"Couldn't read {shown!r} as a date. Type one like {EXAMPLES}.", field
    )
    tokens = cleaned.replace(",", " ").replace(".", " ").split()
    if len(tokens) not in (2, 3):
        raise unreadable
    # Day then month ("15 nov 2026") or month then day ("nov 15, 2026").
    if tokens[0] in _MONTHS:
        month_name, day_token = tokens[0], tokens[1]
    elif tokens[1] in _MONTHS:
        day_token, month_name = tokens[0], tokens[1]
    else:
        raise unreadable
    day_match = _DAY.fullmatch(day_token)
    year_token = tokens[2] if len(tokens) == 3 else None
    if day_match is None or year_token is not None and not _YEAR.fullmatch(year_token):
        raise unreadable
    if year_token is not None and len(year_token) != 4:
        raise InvalidInput(
            f"{shown} has a two-digit year; write the year in full, like 15 Nov 2026.", field
        )
    year = int(year_token) if year_token else today.year
    month, day = _MONTHS[month_name], int(day_match[1])
    expected = _real_date(year, month, day, shown, field)
    # dateutil reads the month name; the checks above have already fixed which
    # number is the day and which the year, so it has nothing left to guess.
    from dateutil import parser as dateutil_parser

    try:
        parsed = dateutil_parser.parse(
            f"{day} {month_name} {year}", default=datetime(year, 1, 1), fuzzy=False
        ).date()
    except (ValueError, OverflowError):
        raise _not_real(shown, field) from None
    if parsed != expected:
        raise unreadable
    if year_token is None and parsed > today:
        # The latest earlier year that has this day (29 Feb goes back to a leap year).
        earlier = next((y for y in range(year - 1, 0, -1) if _has_day(y, month, day)), None)
        meant = "last year" if earlier == year - 1 else str(earlier)
        raise InvalidInput(
            f"{day} {_month_label(month)} {year} is in the future; if you meant {meant}, "
            f"type {day} {_month_label(month)} {earlier}."
            if earlier is not None
            else f"{day} {_month_label(month)} {year} is in the future.",
            field,
        )
    return parsed


def _has_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _not_real(shown: str, field: str) -> InvalidInput:
    return InvalidInput(f"{shown} is not a real date. Type one like {EXAMPLES}.", field)
