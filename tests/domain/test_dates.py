"""Reading the dates people type: what is accepted, and what is refused with a way forward."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exback_tui.domain.dates import MAX_DAYS_AGO, parse_date
from exback_tui.domain.errors import InvalidInput

TODAY = date(2026, 11, 26)
PROJECT = Path(__file__).resolve().parents[2]
MONTH_ABBREVIATIONS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Ways of writing a date that the parser accepts; a refusal must suggest at least one.
SUGGESTED_FORMS = ["2026-11-15", "15 Nov 2026", "15 Nov", "yesterday", "3 days ago"]


def refusal(text: str, today: date = TODAY) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, today)
    error = caught.value
    assert error.field == "date"
    message = str(error)
    assert message.strip() == message and message
    assert "\n" not in message
    return error


def assert_suggests_a_form(message: str) -> None:
    assert "type" in message.lower() or "write" in message.lower(), message
    assert any(form in message for form in SUGGESTED_FORMS), message


def test_the_suggested_forms_are_themselves_accepted():
    for form in SUGGESTED_FORMS:
        assert parse_date(form, TODAY) <= TODAY


# --- Accepted -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-15", date(2026, 11, 15)),
        ("2026-1-5", date(2026, 1, 5)),
        ("  2026-11-26  ", date(2026, 11, 26)),
        ("today", date(2026, 11, 26)),
        ("Today", date(2026, 11, 26)),
        ("  TODAY ", date(2026, 11, 26)),
        ("yesterday", date(2026, 11, 25)),
        ("Yesterday", date(2026, 11, 25)),
        ("0 days ago", date(2026, 11, 26)),
        ("1 day ago", date(2026, 11, 25)),
        ("a day ago", date(2026, 11, 25)),
        ("one day ago", date(2026, 11, 25)),
        ("3 days ago", date(2026, 11, 23)),
        ("3   Days  AGO", date(2026, 11, 23)),
        ("26 days ago", date(2026, 10, 31)),
        ("365 days ago", date(2025, 11, 26)),
        ("15 Nov", date(2026, 11, 15)),
        ("15 nov", date(2026, 11, 15)),
        ("15 NOV", date(2026, 11, 15)),
        ("Nov 15", date(2026, 11, 15)),
        ("Nov 15 2026", date(2026, 11, 15)),
        ("Nov 15, 2026", date(2026, 11, 15)),
        ("November 15, 2026", date(2026, 11, 15)),
        ("15 November 2026", date(2026, 11, 15)),
        ("Nov. 15, 2026", date(2026, 11, 15)),
        ("15th nov", date(2026, 11, 15)),
        ("1st May", date(2026, 5, 1)),
        ("2nd jun", date(2026, 6, 2)),
        ("23rd October 2025", date(2025, 10, 23)),
        ("sept 3", date(2026, 9, 3)),
        ("Sep 3", date(2026, 9, 3)),
        ("3 September", date(2026, 9, 3)),
        ("26 Nov", date(2026, 11, 26)),
        ("1 Jan 2000", date(2000, 1, 1)),
        ("31 Dec 1999", date(1999, 12, 31)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("2024-02-29", date(2024, 2, 29)),
        ("Feb 29 2000", date(2000, 2, 29)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("yesterday", date(2027, 1, 1), date(2026, 12, 31)),
        ("1 day ago", date(2024, 3, 1), date(2024, 2, 29)),
        ("a day ago", date(2025, 3, 1), date(2025, 2, 28)),
        ("3 days ago", date(2026, 3, 2), date(2026, 2, 27)),
        ("2 days ago", date(2028, 3, 1), date(2028, 2, 28)),
        ("29 feb", date(2028, 3, 1), date(2028, 2, 29)),
        ("29 Feb", date(2024, 2, 29), date(2024, 2, 29)),
        ("31 Dec", date(2026, 12, 31), date(2026, 12, 31)),
        ("1 Jan", date(2027, 1, 1), date(2027, 1, 1)),
    ],
)
def test_relative_and_yearless_dates_follow_today(text, today, expected):
    assert parse_date(text, today) == expected


def test_days_ago_has_a_limit():
    assert parse_date(f"{MAX_DAYS_AGO} days ago", TODAY) == TODAY - timedelta(days=MAX_DAYS_AGO)
    error = refusal(f"{MAX_DAYS_AGO + 1} days ago")
    assert "too far" in str(error)


def test_the_field_name_is_passed_through():
    with pytest.raises(InvalidInput) as caught:
        parse_date("next tuesday", TODAY, field="--on")
    assert caught.value.field == "--on"


# --- Refused --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day_first", "day_first_date", "month_first", "month_first_date"),
    [
        ("03/04/2026", "3 Apr 2026", date(2026, 4, 3), "4 Mar 2026", date(2026, 3, 4)),
        ("3/4/2026", "3 Apr 2026", date(2026, 4, 3), "4 Mar 2026", date(2026, 3, 4)),
        ("03-04-2026", "3 Apr 2026", date(2026, 4, 3), "4 Mar 2026", date(2026, 3, 4)),
        ("03.04.2026", "3 Apr 2026", date(2026, 4, 3), "4 Mar 2026", date(2026, 3, 4)),
        ("11/10/2025", "11 Oct 2025", date(2025, 10, 11), "10 Nov 2025", date(2025, 11, 10)),
        ("03/04", "3 Apr", date(2026, 4, 3), "4 Mar", date(2026, 3, 4)),
        ("3.4", "3 Apr", date(2026, 4, 3), "4 Mar", date(2026, 3, 4)),
    ],
)
def test_numeric_dates_with_two_readings_are_refused_naming_both(
    text, day_first, day_first_date, month_first, month_first_date
):
    message = str(refusal(text))
    assert text in message
    assert day_first in message
    assert month_first in message
    # Each suggestion can be typed as-is and means the reading it names.
    assert parse_date(day_first, TODAY) == day_first_date
    assert parse_date(month_first, TODAY) == month_first_date


@pytest.mark.parametrize(
    "text",
    ["15/11/2026", "11/15/2026", "2026/11/15", "2026.11.15", "15.11.2026", "1/1/2026", "31/12"],
)
def test_other_numeric_forms_are_refused_with_a_form_to_use(text):
    message = str(refusal(text))
    assert text in message
    assert_suggests_a_form(message)


@pytest.mark.parametrize(
    "text", ["15/11/26", "3/4/26", "15-11-26", "15 Nov 26", "Nov 15 26", "15th november 99"]
)
def test_two_digit_years_are_refused(text):
    message = str(refusal(text))
    assert "year" in message
    assert "in full" in message
    assert_suggests_a_form(message)


@pytest.mark.parametrize(
    "text", ["2026-11-27", "2027-01-01", "Nov 27 2026", "27 November 2026", "9999-12-31"]
)
def test_future_dates_with_a_year_are_refused(text):
    message = str(refusal(text))
    assert "future" in message
    assert "on or before today" in message


@pytest.mark.parametrize(
    ("text", "today", "suggestion", "meant"),
    [
        ("27 Nov", TODAY, "27 Nov 2025", date(2025, 11, 27)),
        ("15 Dec", TODAY, "15 Dec 2025", date(2025, 12, 15)),
        ("Dec 31", TODAY, "31 Dec 2025", date(2025, 12, 31)),
        ("2 Jan", date(2027, 1, 1), "2 Jan 2026", date(2026, 1, 2)),
        # 2027 has no 29 February: the suggestion goes back to the last leap year.
        ("29 Feb", date(2028, 1, 10), "29 Feb 2024", date(2024, 2, 29)),
    ],
)
def test_yearless_dates_in_the_future_suggest_an_earlier_year(text, today, suggestion, meant):
    message = str(refusal(text, today))
    assert "future" in message
    assert suggestion in message
    assert parse_date(suggestion, today) == meant


def test_yearless_future_date_says_last_year():
    assert "last year" in str(refusal("27 Nov"))


@pytest.mark.parametrize(
    "text",
    [
        "next tuesday",
        "[bold]",
        "[/]",
        "",
        "   ",
        "\t\n",
        "last week",
        "tomorrow",
        "the day we broke up",
        "15",
        "nov",
        "2026",
        "20261115",
        "3 days",
        "days ago",
        "-3 days ago",
        "3 days from now",
        "15 nov 2026 at 5pm",
        "15 nov 2026 extra",
        "nov nov",
        "15 15",
        "\x1b[31m15 Nov",
        "15 Nov\x00",
        "١٥ نوفمبر",
        "15 Novembre",
    ],
)
def test_fuzzy_or_unknown_text_is_refused_with_examples(text):
    assert_suggests_a_form(str(refusal(text)))


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "29 Feb 2025",
        "29 Feb 2100",
        "31 Apr 2026",
        "31st June",
        "0 Nov 2026",
        "32 Dec 2025",
    ],
)
def test_impossible_dates_are_refused(text):
    message = str(refusal(text))
    assert "not a real date" in message
    assert_suggests_a_form(message)


def test_a_year_below_100_is_never_read_as_this_century():
    # dateutil turns "26" into 2026; written in full, year 26 must not become 2026.
    for text in ("15 Nov 0026", "0026-11-15"):
        try:
            parsed = parse_date(text, TODAY)
        except InvalidInput:
            continue
        assert parsed == date(26, 11, 15)


def test_messages_escape_control_characters_typed_by_the_user():
    message = str(refusal("\x1b]0;pwned\x07 nov"))
    assert "\x1b" not in message
    assert "\x07" not in message


# --- Properties -----------------------------------------------------------------------------

TODAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
PIECES = st.sampled_from(
    [
        "15",
        "3",
        "0",
        "29",
        "31",
        "2026",
        "26",
        "0026",
        "nov",
        "feb",
        "sept",
        "may",
        "15th",
        "today",
        "yesterday",
        "days",
        "day",
        "ago",
        "a",
        "one",
        "/",
        "-",
        ".",
        ",",
        " ",
        "  ",
        "\n",
        "[",
        "]",
        "\x1b",
        "\u202e",
        "\ud800",
        "٣",
        "99999",
        "1st",
    ]
)
SHAPED = st.lists(PIECES, max_size=7).map("".join)


@given(text=st.one_of(st.text(), SHAPED), today=TODAYS)
@example(text="03\n/04", today=TODAY)
@example(text="\ud800", today=TODAY)
@example(text="0026 nov 15", today=TODAY)
def test_parse_date_returns_a_past_date_or_raises_invalid_input_only(text, today):
    try:
        parsed = parse_date(text, today)
    except InvalidInput as error:
        message = str(error)
        assert message
        assert not any(unicodedata.category(c) == "Cc" for c in message), repr(message)
        return
    assert isinstance(parsed, date)
    assert parsed <= today


def _month_name_forms(day: date) -> list[str]:
    abbreviation, name = MONTH_ABBREVIATIONS[day.month - 1], MONTH_NAMES[day.month - 1]
    year = f"{day.year:04d}"
    return [
        f"{day.day} {abbreviation} {year}",
        f"{abbreviation} {day.day} {year}",
        f"{name} {day.day}, {year}",
        f"{day.day} {name.lower()} {year}",
    ]


@given(today=TODAYS, data=st.data())
def test_any_past_date_written_out_reads_back(today, data):
    day = data.draw(st.dates(min_value=date(100, 1, 1), max_value=today))
    assert parse_date(day.isoformat(), today) == day
    for text in _month_name_forms(day):
        assert parse_date(text, today) == day, text


@given(day=st.dates(max_value=date(2026, 11, 26)))
def test_any_past_iso_date_reads_back(day):
    assert parse_date(day.isoformat(), TODAY) == day


@given(today=TODAYS, data=st.data())
def test_yearless_month_name_dates_this_year_read_back(today, data):
    day = data.draw(st.dates(min_value=date(today.year, 1, 1), max_value=today))
    text = f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"
    assert parse_date(text, today) == day


@given(today=TODAYS, count=st.integers(min_value=0, max_value=MAX_DAYS_AGO))
def test_days_ago_counts_back_calendar_days(today, count):
    expected = date.fromordinal(today.toordinal() - count)
    assert parse_date(f"{count} days ago", today) == expected


@given(today=TODAYS, ahead=st.integers(min_value=1, max_value=3000))
def test_every_future_iso_date_is_refused(today, ahead):
    future = today + timedelta(days=ahead)
    try:
        text = future.isoformat()
    except OverflowError:  # pragma: no cover - not reached with these bounds
        return
    with pytest.raises(InvalidInput, match="future"):
        parse_date(text, today)


# --- Import cost ----------------------------------------------------------------------------

_PROBE = r"""
import json, sys
heavy = ("dateutil", "textual", "tinydb", "dataclasses")
def loaded():
    return sorted(name for name in heavy if name in sys.modules)
from datetime import date
import exback_tui.domain.plan, exback_tui.domain.checkin
report = {"plan_and_checkin": loaded()}
from exback_tui.domain.dates import parse_date
report["dates_imported"] = "dateutil" in sys.modules
parse_date("2026-11-15", date(2026, 11, 26))
parse_date("3 days ago", date(2026, 11, 26))
report["after_iso"] = "dateutil" in sys.modules
parse_date("15 Nov", date(2026, 11, 26))
report["after_month_name"] = "dateutil" in sys.modules
print(json.dumps(report))
"""


def test_today_path_imports_stay_light_and_dateutil_loads_only_for_month_names():
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report == {
        "plan_and_checkin": [],
        "dates_imported": False,
        "after_iso": False,
        "after_month_name": True,
    }
