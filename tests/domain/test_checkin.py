"""The daily check-in: validation, one per date, agreeing with the slips, a missed day."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.checkin import (
    MAX_DAYS_LATE,
    CheckIn,
    agreeing_with_slips,
    check_fill_in_day,
    for_date,
    make_checkin,
    upsert,
    validate_mood,
    validate_urge,
)
from exback_tui.domain.errors import InvalidInput

DAY = date(2026, 11, 26)


def test_every_mood_and_urge_in_range_is_accepted():
    for mood in (1, 2, 3, 4, 5):
        for urge in range(0, 11):
            checkin = make_checkin(DAY, mood, urge, contacted=False)
            assert checkin == CheckIn(DAY, mood, urge, False)
            assert validate_mood(mood) == mood
            assert validate_urge(urge) == urge


def test_contacted_is_stored_as_a_bool_and_defaults_to_no():
    assert CheckIn(DAY, 3, 3).contacted is False
    assert make_checkin(DAY, 3, 3, contacted=1).contacted is True
    assert make_checkin(DAY, 3, 3, contacted=0).contacted is False
    assert make_checkin(DAY, 3, 3, contacted=True).contacted is True


NOT_WHOLE_NUMBERS = [True, False, 3.0, 2.5, "3", None, Fraction(3, 1), [3], b"3"]


@pytest.mark.parametrize("mood", [0, -1, 6, 10, 10**20, -(10**20), *NOT_WHOLE_NUMBERS])
def test_mood_outside_1_to_5_or_not_an_int_is_refused(mood):
    with pytest.raises(InvalidInput) as caught:
        make_checkin(DAY, mood, 5, contacted=False)
    assert caught.value.field == "mood"
    assert "1" in str(caught.value) and "5" in str(caught.value)
    with pytest.raises(InvalidInput) as caught:
        validate_mood(mood)
    assert caught.value.field == "mood"


@pytest.mark.parametrize("urge", [-1, 11, 100, 10**20, *NOT_WHOLE_NUMBERS])
def test_urge_outside_0_to_10_or_not_an_int_is_refused(urge):
    with pytest.raises(InvalidInput) as caught:
        make_checkin(DAY, 3, urge, contacted=False)
    assert caught.value.field == "urge"
    assert "0" in str(caught.value) and "10" in str(caught.value)
    with pytest.raises(InvalidInput) as caught:
        validate_urge(urge)
    assert caught.value.field == "urge"


def test_bad_mood_is_reported_before_a_bad_urge():
    with pytest.raises(InvalidInput) as caught:
        make_checkin(DAY, 9, 99, contacted=False)
    assert caught.value.field == "mood"


def test_invalid_input_is_a_value_error_with_a_one_line_message():
    with pytest.raises(ValueError) as caught:
        validate_urge(11)
    assert "\n" not in str(caught.value)


@given(st.integers(min_value=-1000, max_value=1000), st.integers(min_value=-1000, max_value=1000))
def test_validation_accepts_exactly_the_ranges(mood, urge):
    mood_ok = 1 <= mood <= 5
    urge_ok = 0 <= urge <= 10
    if mood_ok and urge_ok:
        assert make_checkin(DAY, mood, urge, False) == CheckIn(DAY, mood, urge, False)
    else:
        with pytest.raises(InvalidInput) as caught:
            make_checkin(DAY, mood, urge, False)
        assert caught.value.field == ("urge" if mood_ok else "mood")


# --- One check-in per date ------------------------------------------------------------------


def test_upsert_adds_and_keeps_dates_in_order():
    late = CheckIn(date(2026, 11, 20), 4, 2)
    early = CheckIn(date(2026, 11, 1), 2, 9, True)
    middle = CheckIn(date(2026, 11, 10), 3, 5)
    checkins = upsert(upsert(upsert((), late), early), middle)
    assert checkins == (early, middle, late)
    assert isinstance(checkins, tuple)


def test_upsert_replaces_the_check_in_on_the_same_date():
    first = CheckIn(DAY, 2, 8, True)
    second = CheckIn(DAY, 4, 1, False)
    other = CheckIn(DAY - timedelta(days=1), 3, 3)
    checkins = upsert(upsert((other,), first), second)
    assert checkins == (other, second)
    assert for_date(checkins, DAY) == second


def test_upsert_does_not_change_its_input():
    original = (CheckIn(DAY, 2, 2),)
    upsert(original, CheckIn(DAY, 5, 0))
    assert original == (CheckIn(DAY, 2, 2),)


def test_for_date():
    checkins = (CheckIn(date(2026, 11, 1), 1, 10), CheckIn(date(2026, 11, 3), 5, 0))
    assert for_date(checkins, date(2026, 11, 3)) == CheckIn(date(2026, 11, 3), 5, 0)
    assert for_date(checkins, date(2026, 11, 1)).mood == 1
    assert for_date(checkins, date(2026, 11, 2)) is None
    assert for_date((), DAY) is None


CHECKINS = st.builds(
    CheckIn,
    on=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 1)),
    mood=st.integers(min_value=1, max_value=5),
    urge=st.integers(min_value=0, max_value=10),
    contacted=st.booleans(),
)


@given(st.lists(CHECKINS, max_size=40))
def test_upsert_keeps_one_per_date_the_latest_wins_sorted(sequence):
    checkins: tuple[CheckIn, ...] = ()
    model: dict[date, CheckIn] = {}
    for checkin in sequence:
        checkins = upsert(checkins, checkin)
        model[checkin.on] = checkin
    days = [c.on for c in checkins]
    assert days == sorted(model)
    assert len(set(days)) == len(days)
    for day, checkin in model.items():
        assert for_date(checkins, day) == checkin


# --- Contact and the check-in agree; a missed day -------------------------------------------


def test_checkins_agree_with_the_slips_recorded():
    checkins = (
        CheckIn(DAY, 3, 5, False),
        CheckIn(DAY + timedelta(1), 3, 5, True),
        CheckIn(DAY + timedelta(2), 3, 5, False, True),
    )
    agreed = agreeing_with_slips(checkins, {DAY, DAY + timedelta(2)})
    assert [c.contacted for c in agreed] == [True, False, True]
    assert [c.added_later for c in agreed] == [False, False, True]
    assert agreeing_with_slips(agreed, {DAY, DAY + timedelta(2)}) == agreed


@given(back=st.integers(min_value=-3, max_value=12), started=st.integers(min_value=0, max_value=12))
def test_a_missed_day_is_one_of_the_last_7_and_not_before_the_start(back, started):
    on, first = DAY - timedelta(days=back), DAY - timedelta(days=started)
    allowed = 0 <= back <= MAX_DAYS_LATE and on >= first
    if allowed:
        assert check_fill_in_day(on, DAY, first) == on
    else:
        with pytest.raises(InvalidInput):
            check_fill_in_day(on, DAY, first)
