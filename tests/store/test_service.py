"""ExBackService: the changes the screens and the command line make, end to end on disk."""

from __future__ import annotations

import errno
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import Attempt
from exback_tui.service import ExBackService
from exback_tui.store.errors import LockHeld, WriteFailed
from exback_tui.store.lock import DataLock
from exback_tui.store.plan.snapshot import read_plan_state
from tests.store.support import HOSTILE_TEXTS, temp_files

D = date(2026, 3, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


@pytest.fixture
def service(data_dir: Path):
    opened = ExBackService(data_dir).open(for_tui=True)
    yield opened
    opened.close()


def plan_bytes(data_dir: Path) -> bytes:
    return (data_dir / "plan.json").read_bytes()


def on_disk(data_dir: Path):
    return ExBackService(data_dir).read_status(day(1000))


# --- begin / restart / slip / check_in -------------------------------------------------


def test_begin_saves_the_plan(service: ExBackService, data_dir: Path) -> None:
    status = service.begin(day(10), day(3), target_days=45, breakup_date=day(0))
    assert status.plan.attempts == (Attempt(day(3)),)
    assert status.plan.target_days == 45
    assert status.plan.breakup_date == day(0)
    assert status.progress.days_done == 7
    assert status.progress.day_number == 8
    disk = ExBackService(data_dir).read_status(day(10))
    assert disk == status


def test_begin_refuses_a_breakup_in_the_future(service: ExBackService, data_dir: Path) -> None:
    with pytest.raises(InvalidInput):
        service.begin(day(0), day(0), breakup_date=day(1))
    with pytest.raises(InvalidInput):
        service.begin(day(0), day(1))
    with pytest.raises(InvalidInput):
        service.begin(day(0), day(0), target_days=20)
    assert not (data_dir / "plan.json").exists()


def test_begin_again_restarts_and_keeps_history(service: ExBackService) -> None:
    service.begin(day(0), day(0))
    status = service.begin(day(5), day(5), target_days=60)
    assert status.plan.attempts == (
        Attempt(day(0), day(5), "restart", ""),
        Attempt(day(5)),
    )
    assert status.plan.target_days == 60


def test_restart(service: ExBackService, data_dir: Path) -> None:
    service.begin(day(0), day(0))
    service.restart(day(4), day(4))
    service.restart(day(6), day(4), target_days=90)  # only the target changes
    status = service.restart(day(8), day(5))  # later start: a new attempt
    expected = (
        Attempt(day(0), day(4), "restart", ""),
        Attempt(day(4), day(5), "restart", ""),
        Attempt(day(5)),
    )
    assert status.plan.attempts == expected
    assert status.plan.target_days == 90
    assert on_disk(data_dir).plan.attempts == expected


def test_slip_keeps_the_trigger_exactly(service: ExBackService, data_dir: Path) -> None:
    service.begin(day(0), day(0))
    for n, text in enumerate(HOSTILE_TEXTS, start=1):
        service.slip(day(n), text)
    attempts = on_disk(data_dir).plan.attempts
    assert [a.trigger for a in attempts[:-1]] == list(HOSTILE_TEXTS)
    assert all(a.ended_by == "slip" for a in attempts[:-1])
    assert attempts[-1] == Attempt(day(len(HOSTILE_TEXTS)))
    status = service.status(day(len(HOSTILE_TEXTS) + 3))
    assert status.progress.attempts == len(HOSTILE_TEXTS) + 1
    assert status.progress.days_done == 3


def test_check_in_round_trip(service: ExBackService, data_dir: Path) -> None:
    service.begin(day(0), day(0))
    status = service.check_in(day(1), 4, 2, contacted=False)
    assert status.checkin_today == CheckIn(day(1), 4, 2, False)
    service.check_in(day(2), 3, 7, contacted=False)
    service.check_in(day(2), 5, 0, contacted=False)  # replaces today's
    disk = on_disk(data_dir)
    assert disk.checkins == (CheckIn(day(1), 4, 2, False), CheckIn(day(2), 5, 0, False))
    assert len(disk.plan.attempts) == 1


@pytest.mark.parametrize(("mood", "urge"), [(0, 1), (6, 1), (3, -1), (3, 11), (True, 1)])
def test_check_in_refuses_out_of_range_answers(
    service: ExBackService, data_dir: Path, mood, urge
) -> None:
    service.begin(day(0), day(0))
    before = plan_bytes(data_dir)
    with pytest.raises(InvalidInput):
        service.check_in(day(1), mood, urge, contacted=False)
    assert plan_bytes(data_dir) == before


def test_a_contacted_check_in_records_one_slip_a_day(service: ExBackService, data_dir) -> None:
    service.begin(day(0), day(0))
    status = service.check_in(day(3), 2, 9, contacted=True, trigger="they texted first")
    assert status.plan.attempts == (
        Attempt(day(0), day(3), "slip", "they texted first"),
        Attempt(day(3)),
    )
    assert status.progress.days_done == 0
    # A second "yes" the same day edits the check-in but adds no attempt.
    status = service.check_in(day(3), 1, 10, contacted=True, trigger="again")
    assert len(status.plan.attempts) == 2
    assert status.checkin_today == CheckIn(day(3), 1, 10, True)
    # Nor does an edit to "no" and back to "yes".
    service.check_in(day(3), 2, 5, contacted=False)
    status = service.check_in(day(3), 2, 5, contacted=True)
    assert len(status.plan.attempts) == 2
    disk = on_disk(data_dir)
    assert len(disk.plan.attempts) == 2
    assert disk.checkins == (CheckIn(day(3), 2, 5, True),)
    # The next day is a new day.
    status = service.check_in(day(4), 1, 10, contacted=True)
    assert status.plan.attempts[-2] == Attempt(day(3), day(4), "slip", "")
    assert len(status.plan.attempts) == 3


def test_a_contacted_check_in_after_a_slip_the_same_day_is_one_slip(
    service: ExBackService,
) -> None:
    service.begin(day(0), day(0))
    service.slip(day(2), "called")
    status = service.check_in(day(2), 2, 8, contacted=True)
    assert status.plan.attempts == (Attempt(day(0), day(2), "slip", "called"), Attempt(day(2)))
    assert status.checkin_today.contacted


def test_a_slip_and_its_check_in_land_in_one_write(
    service: ExBackService, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.begin(day(0), day(0))
    before = plan_bytes(data_dir)

    def fail(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteFailed, match="plan.json"):
        service.check_in(day(3), 2, 9, contacted=True)
    monkeypatch.undo()
    assert plan_bytes(data_dir) == before
    assert temp_files(data_dir) == []
    # Neither half of the change is kept in memory either.
    status = service.status(day(3))
    assert status.checkin_today is None
    assert len(status.plan.attempts) == 1
    # Retrying works and records the slip exactly once.
    status = service.check_in(day(3), 2, 9, contacted=True)
    assert len(status.plan.attempts) == 2
    assert on_disk(data_dir).plan == status.plan


# --- refusals that change nothing ------------------------------------------------------


def test_changes_without_a_plan_are_refused(service: ExBackService, data_dir: Path) -> None:
    for change in (
        lambda: service.slip(day(0), "x"),
        lambda: service.restart(day(0), day(0)),
        lambda: service.check_in(day(0), 3, 3, contacted=False),
        lambda: service.check_in(day(0), 3, 3, contacted=True),
    ):
        with pytest.raises(InvalidInput) as caught:
            change()
        assert "exback start" in str(caught.value)
    assert not (data_dir / "plan.json").exists()


@pytest.fixture
def history(service: ExBackService, data_dir: Path) -> bytes:
    """A plan begun on day 0, a slip on day 5, a check-in on day 9."""
    service.begin(day(0), day(0))
    service.slip(day(5), "x")
    service.check_in(day(9), 3, 3, contacted=False)
    return plan_bytes(data_dir)


CLOCK_BEHIND = {
    "check-in before the last check-in": lambda s: s.check_in(day(8), 3, 3, contacted=False),
    "contacted check-in before the last": lambda s: s.check_in(day(8), 3, 3, contacted=True),
    "check-in before the start": lambda s: s.check_in(day(4), 3, 3, contacted=False),
    "slip before the last check-in": lambda s: s.slip(day(7), "y"),
    "slip before the last slip": lambda s: s.slip(day(4), "y"),
    "restart before the last check-in": lambda s: s.restart(day(8), day(7)),
    "restart on an earlier day": lambda s: s.restart(day(8), day(8)),
    "begin again before the last check-in": lambda s: s.begin(day(8), day(8)),
}


@pytest.mark.parametrize("change", list(CLOCK_BEHIND))
def test_a_clock_behind_the_history_writes_nothing(
    service: ExBackService, data_dir: Path, history: bytes, change: str
) -> None:
    before_state = service.status(day(9))
    with pytest.raises(InvalidInput) as caught:
        CLOCK_BEHIND[change](service)
    assert caught.value.field == "clock"
    assert "nothing was changed" in str(caught.value)
    assert plan_bytes(data_dir) == history
    assert service.status(day(9)) == before_state


def test_the_day_of_the_last_check_in_is_not_behind(
    service: ExBackService, data_dir: Path, history: bytes
) -> None:
    service.check_in(day(9), 4, 4, contacted=False)
    service.slip(day(9), "same day")
    assert on_disk(data_dir).plan.attempts[-1] == Attempt(day(9))


def test_status_reports_a_clock_behind(service: ExBackService, history: bytes) -> None:
    assert service.status(day(8)).progress.clock_behind
    assert not service.status(day(9)).progress.clock_behind


# --- reading ---------------------------------------------------------------------------


def test_read_status_of_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "exback"
    status = ExBackService(folder).read_status(day(0))
    assert status.plan is None and status.progress is None
    assert status.checkins == () and status.checkin_today is None
    assert list(tmp_path.iterdir()) == []


def test_read_status_of_an_empty_folder_creates_nothing(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    assert ExBackService(data_dir).read_status(day(0)).plan is None
    assert list(data_dir.iterdir()) == []
    assert data_dir.stat().st_mode & 0o777 == 0o755  # reading changes nothing at all


def test_read_status_needs_no_lock_and_sees_every_save(data_dir: Path) -> None:
    with ExBackService(data_dir).open(for_tui=True) as writer:
        reader = ExBackService(data_dir)
        writer.begin(day(0), day(0))
        assert reader.read_status(day(2)).progress.days_done == 2
        writer.check_in(day(2), 5, 1, contacted=False)
        assert reader.read_status(day(2)).checkin_today == CheckIn(day(2), 5, 1, False)
        with pytest.raises(LockHeld):
            DataLock(data_dir, for_tui=True).acquire()


def test_changes_need_open_first(data_dir: Path) -> None:
    service = ExBackService(data_dir)
    with pytest.raises(RuntimeError):
        service.status(day(0))
    with pytest.raises(RuntimeError):
        service.begin(day(0), day(0))
    assert not data_dir.exists()


def test_a_reopened_service_sees_what_the_last_one_saved(data_dir: Path) -> None:
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(day(0), day(0), breakup_date=day(-3))
        service.check_in(day(1), 2, 8, contacted=True, trigger="🙂 [/]")
        saved = service.status(day(4))
    with ExBackService(data_dir).open(for_tui=True) as service:
        assert service.status(day(4)) == saved
    assert ExBackService(data_dir).read_status(day(4)) == saved
    assert read_plan_state(data_dir).plan.attempts[0].trigger == "🙂 [/]"


# --- state that agrees: slips and the check-in, undo, settings, a missed day ---------------


def test_a_slip_shows_in_todays_checkin_and_a_second_one_adds_no_attempt(
    service: ExBackService, data_dir: Path
) -> None:
    service.begin(day(0), day(0))
    service.check_in(day(9), 3, 7, False)
    service.slip(day(9), "texted")
    status = service.slip(day(9), "called")
    assert status.checkin_today == CheckIn(day(9), 3, 7, True)
    assert status.plan.attempts == (
        Attempt(day(0), day(9), "slip", "texted; called"),
        Attempt(day(9)),
    )
    # A later check-in saying "no" can't hide the slip.
    assert service.check_in(day(9), 4, 2, False).checkin_today.contacted
    assert on_disk(data_dir).plan == status.plan


def test_undo_slip_restores_the_attempt_and_the_checkin(
    service: ExBackService, data_dir: Path
) -> None:
    service.begin(day(0), day(0))
    service.check_in(day(9), 3, 7, False)
    before = plan_bytes(data_dir)
    service.slip(day(9), "texted")
    status = service.undo_slip(day(9))
    assert status.plan.attempts == (Attempt(day(0)),)
    assert status.checkin_today == CheckIn(day(9), 3, 7, False)
    assert plan_bytes(data_dir) == before
    with pytest.raises(InvalidInput, match="No slip"):
        service.undo_slip(day(9))
    # Only the same day: yesterday's slip is history.
    service.slip(day(9))
    with pytest.raises(InvalidInput):
        service.undo_slip(day(10))


def test_settings_change_the_plan_and_never_the_history(
    service: ExBackService, data_dir: Path
) -> None:
    service.begin(day(20), day(2), breakup_date=day(0))
    service.slip(day(10), "x")
    attempts = service.status(day(20)).plan.attempts
    assert service.set_target(day(20), 45).plan.target_days == 45
    with pytest.raises(InvalidInput, match="at least 21"):
        service.set_target(day(20), 20)
    assert service.set_breakup_date(day(20), day(1)).plan.breakup_date == day(1)
    with pytest.raises(InvalidInput, match="can't be after"):
        service.set_breakup_date(day(20), day(3))
    with pytest.raises(InvalidInput, match="future"):
        service.set_breakup_date(day(20), day(21))
    assert service.set_review_weekday(day(20), 6).plan.review_weekday == 6
    with pytest.raises(InvalidInput):
        service.set_review_weekday(day(20), 7)
    status = on_disk(data_dir)
    assert status.plan.attempts == attempts
    assert (status.plan.target_days, status.plan.breakup_date) == (45, day(1))
    assert status.plan.weekly_review_weekday == 6


def test_the_start_correction_keeps_earlier_attempts(service: ExBackService) -> None:
    service.begin(day(20), day(2))
    service.slip(day(10), "x")
    status = service.correct_start(day(20), day(12))
    assert status.plan.attempts == (Attempt(day(2), day(10), "slip", "x"), Attempt(day(12)))
    with pytest.raises(InvalidInput, match="previous attempt ended"):
        service.correct_start(day(20), day(9))
    with pytest.raises(InvalidInput, match="future"):
        service.correct_start(day(20), day(21))
    assert service.status(day(20)).plan == status.plan


def test_a_missed_day_is_filled_in_marked_added_later(
    service: ExBackService, data_dir: Path
) -> None:
    service.begin(day(20), day(2))
    status = service.check_in(day(20), 2, 6, False, on=day(17))
    assert status.checkins == (CheckIn(day(17), 2, 6, False, True),)
    before = plan_bytes(data_dir)
    for refused in (day(12), day(21), day(1)):
        with pytest.raises(InvalidInput):
            service.check_in(day(20), 2, 6, False, on=refused)
    assert plan_bytes(data_dir) == before


def test_contact_on_a_past_day_ends_the_attempt_there(service: ExBackService) -> None:
    service.begin(day(20), day(2))
    before, after = service.preview_check_in(day(20), day(17), True, "their birthday")
    assert before == service.status(day(20)).plan
    status = service.check_in(day(20), 1, 9, True, "their birthday", on=day(17))
    assert status.plan == after
    assert status.plan.attempts == (
        Attempt(day(2), day(17), "slip", "their birthday"),
        Attempt(day(17)),
    )
    assert status.progress.days_done == 3
    assert status.checkins == (CheckIn(day(17), 1, 9, True, True),)


def test_the_journal_is_opened_once_when_two_threads_ask_at_once(
    service: ExBackService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app opens it off the UI thread: anything asking at that moment gets that one
    store. Two stores on one file lost an entry one of them wrote."""
    import threading
    import time

    from exback_tui.store.journal.store import JournalStore

    opened: list[JournalStore] = []
    real_open = JournalStore.open

    def slow_open(folder: Path) -> JournalStore:
        time.sleep(0.05)  # the window the second thread used to open its own
        store = real_open(folder)
        opened.append(store)
        return store

    monkeypatch.setattr(JournalStore, "open", staticmethod(slow_open))
    seen: list[JournalStore] = []
    threads = [threading.Thread(target=lambda: seen.append(service.journal)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 1
    assert seen == opened * 2
    service.add_entry(datetime(2026, 11, 26, 7, 30, tzinfo=UTC), "kept")
    assert [e.text for e in service.journal_entries()] == ["kept"]
