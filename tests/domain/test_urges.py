"""The cooling-off box: what is due for review after 24 hours, and the urges resisted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.progress import URGE_OUTCOMES, Urge
from exback_tui.domain.urges import REVIEW_AFTER, due_for_review, elapsed, urges_resisted

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
PLUS_ONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=PLUS_ONE)


def urge(written: datetime, outcome: str = "waiting", name: str = "u") -> Urge:
    decided = None if outcome == "waiting" else written + timedelta(hours=30)
    return Urge(name, f"text of {name}", written, outcome, decided)


def test_review_after_is_24_hours():
    assert timedelta(hours=24) == REVIEW_AFTER


def test_due_at_exactly_24_hours_and_not_a_moment_before():
    kept = urge(NOW - timedelta(hours=24))
    assert due_for_review([kept], NOW) == (kept,)
    assert due_for_review([kept], NOW - timedelta(microseconds=1)) == ()
    assert due_for_review([kept], NOW + timedelta(days=40)) == (kept,)


def test_only_waiting_messages_come_back():
    old = NOW - timedelta(days=3)
    waiting = urge(old, "waiting", "w")
    assert due_for_review([urge(old, "let-go", "l"), waiting, urge(old, "sent", "s")], NOW) == (
        waiting,
    )


def test_oldest_first():
    a = urge(NOW - timedelta(hours=30), name="a")
    b = urge(NOW - timedelta(hours=50), name="b")
    c = urge(NOW - timedelta(hours=2), name="c")
    d = urge(NOW - timedelta(hours=24), name="d")
    assert [u.id for u in due_for_review([a, b, c, d], NOW)] == ["b", "a", "d"]


def test_a_message_from_the_future_is_not_due():
    assert due_for_review([urge(NOW + timedelta(hours=1))], NOW) == ()


def test_spring_forward_day_has_23_hours():
    # London moves clocks forward at 01:00 on 29 March 2026: noon to noon is 23 real hours.
    written = datetime(2026, 3, 28, 12, 0, tzinfo=LONDON)
    kept = urge(written)
    assert elapsed(written, datetime(2026, 3, 29, 12, 0, tzinfo=LONDON)) == timedelta(hours=23)
    assert due_for_review([kept], datetime(2026, 3, 29, 12, 0, tzinfo=LONDON)) == ()
    assert due_for_review([kept], datetime(2026, 3, 29, 13, 0, tzinfo=LONDON)) == (kept,)


def test_fall_back_day_has_25_hours():
    # London moves clocks back at 02:00 on 25 October 2026: 24 real hours after noon is 11:00.
    written = datetime(2026, 10, 24, 12, 0, tzinfo=LONDON)
    kept = urge(written)
    assert due_for_review([kept], datetime(2026, 10, 25, 10, 59, tzinfo=LONDON)) == ()
    assert due_for_review([kept], datetime(2026, 10, 25, 11, 0, tzinfo=LONDON)) == (kept,)


def test_the_repeated_hour_is_told_apart_by_fold():
    # 01:30 happens twice in London on 25 October 2026; fold=1 is the second, an hour later.
    first = datetime(2026, 10, 25, 1, 30, tzinfo=LONDON)
    second = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON)
    assert elapsed(first, second) == timedelta(hours=1)
    kept = urge(datetime(2026, 10, 24, 1, 30, tzinfo=LONDON))
    assert due_for_review([kept], first) == (kept,)  # 24 hours
    assert elapsed(kept.written, second) == timedelta(hours=25)


def test_written_and_now_in_different_zones_compare_as_instants():
    # 20:00 in New York on 25 Nov (UTC-5) is 01:00 UTC on 26 Nov.
    written = datetime(2026, 11, 25, 20, 0, tzinfo=NEW_YORK)
    kept = urge(written)
    assert due_for_review([kept], datetime(2026, 11, 27, 0, 59, tzinfo=UTC)) == ()
    assert due_for_review([kept], datetime(2026, 11, 27, 1, 0, tzinfo=UTC)) == (kept,)
    assert due_for_review([kept], datetime(2026, 11, 27, 2, 0, tzinfo=PLUS_ONE)) == (kept,)


def test_naive_times_on_both_sides_compare_as_written():
    written = datetime(2026, 11, 25, 9, 0)
    kept = urge(written)
    assert due_for_review([kept], datetime(2026, 11, 26, 9, 0)) == (kept,)
    assert due_for_review([kept], datetime(2026, 11, 26, 8, 59)) == ()


def test_a_naive_time_beside_an_aware_one_is_read_in_the_aware_ones_zone():
    # A hand-edited file might hold a naive time; it is never subtracted from an aware one as is.
    naive_written = urge(datetime(2026, 11, 25, 9, 0))
    assert due_for_review([naive_written], NOW) == (naive_written,)
    assert due_for_review([naive_written], NOW - timedelta(minutes=1)) == ()
    aware_written = urge(datetime(2026, 11, 25, 9, 0, tzinfo=PLUS_ONE))
    assert due_for_review([aware_written], datetime(2026, 11, 26, 9, 0)) == (aware_written,)
    assert due_for_review([aware_written], datetime(2026, 11, 26, 8, 59)) == ()
    mixed = [naive_written, aware_written]
    assert len(due_for_review(mixed, NOW)) == 2


def test_urges_resisted_counts_let_go_and_waiting_not_sent():
    urges = [
        urge(NOW, "waiting"),
        urge(NOW, "let-go"),
        urge(NOW, "let-go"),
        urge(NOW, "sent"),
    ]
    assert urges_resisted(urges) == 3
    assert urges_resisted([]) == 0
    assert urges_resisted([urge(NOW, "sent")]) == 0


ZONES = st.sampled_from([UTC, PLUS_ONE, LONDON, NEW_YORK, ZoneInfo("Australia/Lord_Howe")])
TIMES = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=ZONES
)


@given(
    st.lists(st.tuples(TIMES, st.sampled_from(URGE_OUTCOMES)), max_size=10),
    TIMES,
)
def test_due_exactly_when_waiting_and_24_real_hours_have_passed(kept, now):
    urges = [urge(written, outcome, str(n)) for n, (written, outcome) in enumerate(kept)]
    due = due_for_review(urges, now)
    expected = {
        u.id
        for u in urges
        if u.outcome == "waiting" and now.timestamp() - u.written.timestamp() >= 24 * 3600
    }
    assert {u.id for u in due} == expected
    ages = [now.timestamp() - u.written.timestamp() for u in due]
    assert ages == sorted(ages, reverse=True)
    assert urges_resisted(urges) == sum(1 for _, outcome in kept if outcome != "sent")


@pytest.mark.parametrize("hours", [0, 1, 23, 24, 25, 24 * 365])
def test_elapsed_of_plain_offsets(hours):
    assert elapsed(NOW, NOW + timedelta(hours=hours)) == timedelta(hours=hours)
