"""Care comes first: which help lines to show first, and when a run of low check-ins
calls for a gentle offer of support. Pure: the locale and "today" are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.material import Care, CountryHelp

_LOCALE_COUNTRY_LENGTH = 2


def country_from_locale(*values: str | None) -> str | None:
    """The country of the first set locale value ("en_GB.UTF-8" -> "GB"), or None.

    Pass the values in the order the C library reads them (LC_ALL, LC_MESSAGES,
    LANG); "C", "POSIX" and a locale without a country give None.
    """
    for value in values:
        if not value:
            continue
        language = value.split(".", 1)[0].split("@", 1)[0]
        _, _, country = language.partition("_")
        if len(country) == _LOCALE_COUNTRY_LENGTH and country.isalpha():
            return country.upper()
        return None
    return None


def help_in_order(countries: Iterable[CountryHelp], country: str | None) -> tuple[CountryHelp, ...]:
    """The help lines with the entry for `country` first (its own, or one that covers it)."""
    ordered = list(countries)
    if country is None:
        return tuple(ordered)
    for index, entry in enumerate(ordered):
        if country in (entry.code, *entry.covers):
            return (entry, *ordered[:index], *ordered[index + 1 :])
    return tuple(ordered)


def low_run(care: Care, checkins: Iterable[CheckIn], today: date) -> bool:
    """True when the mood was at most `care.low_mood` on `care.low_days` of the last
    `care.low_window` days (today included)."""
    first = today - timedelta(days=care.low_window - 1)
    low = {c.on for c in checkins if first <= c.on <= today and c.mood <= care.low_mood}
    return len(low) >= care.low_days
