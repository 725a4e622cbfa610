"""Care: the locale's country first among the help lines, and the run of low check-ins."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.care import country_from_locale, help_in_order, low_run
from exback_tui.domain.checker import check_draft
from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.material import Care
from exback_tui.material import shipped_material

CARE = Care(("x",), low_mood=1, low_days=3, low_window=5)
TODAY = date(2026, 12, 6)


def test_country_from_locale():
    assert country_from_locale("en_GB.UTF-8") == "GB"
    assert country_from_locale(None, "", "de_DE@euro") == "DE"
    assert country_from_locale("C.UTF-8", "en_US.UTF-8") is None  # LC_ALL wins, and has none
    assert country_from_locale("POSIX") is None
    assert country_from_locale() is None


def test_the_locale_country_comes_first_and_nothing_is_lost():
    countries = shipped_material().help_lines
    for code in ("GB", "NZ", "DE", "US"):
        ordered = help_in_order(countries, code)
        assert ordered[0].code == code
        assert sorted(ordered) == sorted(countries)
    assert help_in_order(countries, "FR")[0].code == "EU"  # 112 covers France
    assert help_in_order(countries, "JP") == countries
    assert help_in_order(countries, None) == countries


def test_every_country_has_its_emergency_number():
    for country in shipped_material().help_lines:
        assert country.emergency.strip()


def days(*moods_by_days_ago: tuple[int, int]) -> list[CheckIn]:
    return [CheckIn(TODAY - timedelta(days=ago), mood, 0) for ago, mood in moods_by_days_ago]


def test_three_low_days_of_the_last_five_make_a_run():
    assert low_run(CARE, days((0, 1), (2, 1), (4, 1)), TODAY)
    assert not low_run(CARE, days((0, 1), (2, 1), (5, 1)), TODAY)  # the third is 6 days back
    assert not low_run(CARE, days((0, 1), (1, 2), (2, 1)), TODAY)
    assert not low_run(CARE, days((-1, 1), (0, 1), (1, 1)), TODAY - timedelta(days=5))


@given(st.lists(st.tuples(st.integers(-3, 12), st.integers(1, 5)), max_size=20))
def test_a_run_needs_that_many_low_days_inside_the_window(entries):
    checkins = days(*entries)
    inside = {ago for ago, mood in entries if 0 <= ago < CARE.low_window and mood <= 1}
    assert low_run(CARE, checkins, TODAY) == (len(inside) >= CARE.low_days)


def test_the_shipped_rule_is_mood_one_on_three_of_five_days():
    care = shipped_material().care
    assert (care.low_mood, care.low_days, care.low_window) == (1, 3, 5)


def test_a_crisis_draft_gets_support_before_any_rule():
    material = shipped_material()
    result = check_draft(material.rules, material.care.crisis_patterns, "I just want to die lol")
    assert result.crisis == "want to die"
    assert result.findings == ()
    assert result.flagged
    light = check_draft(material.rules, material.care.crisis_patterns, "I'm dying to know!")
    assert light.crisis is None
    assert not light.flagged
