"""`exback settings`, `exback slip --undo` and `exback checkin --on`: checked, history kept."""

from __future__ import annotations

import json
from datetime import timedelta

from exback_tui.store.plan.snapshot import read_plan_state
from tests.cli.conftest import Cli, assert_one_line_error, folder_state
from tests.conftest import FIXED_TODAY


def days_ago(n: int):
    return FIXED_TODAY - timedelta(days=n)


def test_the_target_changed_to_45_shows_in_today_with_the_history_unchanged(cli: Cli) -> None:
    cli.start("20 days ago", "--target", "30")
    cli.ok("slip", "--trigger", "a late text", today=days_ago(10))
    before = read_plan_state(cli.data_dir).plan
    result = cli.ok("settings", "--target", "45")
    assert "Target:            45 days" in result.stdout
    assert "35 to your 45-day goal" in cli.ok("today").stdout
    after = read_plan_state(cli.data_dir).plan
    assert after.attempts == before.attempts and after.target_days == 45


def test_settings_show_as_json_and_change_together(cli: Cli) -> None:
    cli.start("10 days ago", "--breakup", "12 days ago")
    shown = json.loads(cli.ok("settings", "--json").stdout)
    assert shown == {
        "target_days": 30,
        "breakup_date": days_ago(12).isoformat(),
        "start": days_ago(10).isoformat(),
        "allowed_topics": [],
        "theme": "dark",
        # The default: the weekday a week after no contact started.
        "review_day": (
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        )[days_ago(3).weekday()],
        "review_day_chosen": False,
    }
    cli.ok(
        "settings",
        "--review-day",
        "sun",
        "--topics",
        "kids, [bold]bills",
        "--theme",
        "light",
        "--start",
        "8 days ago",
    )
    shown = json.loads(cli.ok("settings", "--json").stdout)
    assert shown["review_day"] == "sunday" and shown["review_day_chosen"]
    assert shown["allowed_topics"] == ["kids", "[bold]bills"]
    assert shown["theme"] == "light"
    assert shown["start"] == days_ago(8).isoformat()
    assert read_plan_state(cli.data_dir).plan.review_weekday == 6


def test_a_refused_setting_changes_nothing(cli: Cli) -> None:
    cli.start("10 days ago", "--breakup", "12 days ago")
    before = folder_state(cli.data_dir)
    for args in (
        ("--target", "20"),
        ("--breakup", "tomorrow"),
        ("--breakup", "5 days ago"),  # after no contact started
        ("--start", "13 days ago"),  # before the breakup
        ("--theme", "neon"),
        ("--review-day", "someday"),
        ("--target", "45", "--start", "2026-12-31"),  # one bad option: none is made
    ):
        assert_one_line_error(cli.run("settings", *args))
    assert folder_state(cli.data_dir) == before


def test_the_start_correction_never_goes_before_the_previous_attempt(cli: Cli) -> None:
    cli.start("20 days ago")
    cli.ok("slip", today=days_ago(6))
    before = folder_state(cli.data_dir)
    assert_one_line_error(cli.run("settings", "--start", "7 days ago"))
    assert folder_state(cli.data_dir) == before
    cli.ok("settings", "--start", "4 days ago")
    plan = read_plan_state(cli.data_dir).plan
    assert [a.start for a in plan.attempts] == [days_ago(20), days_ago(4)]
    assert plan.attempts[0].end == days_ago(6)


def test_a_second_slip_today_adds_no_attempt_and_undo_restores_it(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("checkin", "--mood", "3", "--urge", "4")
    before = folder_state(cli.data_dir)["plan.json"].data
    cli.ok("slip", "--trigger", "texted")
    second = cli.ok("slip", "--trigger", "called")
    assert "still Day 1" in second.stdout
    state = read_plan_state(cli.data_dir)
    assert len(state.plan.attempts) == 2
    assert state.plan.attempts[0].trigger == "texted; called"
    # The slip shows in today's check-in.
    assert state.checkins[-1].contacted
    undone = cli.ok("slip", "--undo")
    assert "as it was" in undone.stdout
    assert folder_state(cli.data_dir)["plan.json"].data == before
    assert_one_line_error(cli.run("slip", "--undo"))


def test_a_missed_day_is_filled_in_and_marked_added_later(cli: Cli) -> None:
    cli.start("11 days ago")
    result = cli.ok("checkin", "--on", "3 days ago", "--mood", "2", "--urge", "6")
    assert "added later" in result.stdout
    checkin = read_plan_state(cli.data_dir).checkins[-1]
    assert (checkin.on, checkin.mood, checkin.urge, checkin.added_later) == (
        days_ago(3),
        2,
        6,
        True,
    )
    before = folder_state(cli.data_dir)
    for when in ("8 days ago", "2026-12-31", "tomorrow"):
        assert_one_line_error(cli.run("checkin", "--on", when, "--mood", "2", "--urge", "6"))
    assert folder_state(cli.data_dir) == before


def test_contact_on_a_past_day_is_shown_and_made_only_with_yes(cli: Cli) -> None:
    cli.start("11 days ago")
    before = folder_state(cli.data_dir)
    args = ("checkin", "--on", "3 days ago", "--mood", "1", "--urge", "9", "--contacted")
    asked = cli.run(*args, "--trigger", "their birthday")
    assert asked.rc == 2
    assert "- from 2026-11-15, running (11 days so far)" in asked.stdout
    assert "+ 2026-11-15 to 2026-11-23 (8 days), ended by contact: their birthday" in asked.stdout
    assert "+ from 2026-11-23, running (3 days so far)" in asked.stdout
    assert "--yes" in asked.stderr
    assert folder_state(cli.data_dir) == before
    cli.ok(*args, "--trigger", "their birthday", "--yes")
    plan = read_plan_state(cli.data_dir).plan
    assert [(a.start, a.end) for a in plan.attempts] == [
        (days_ago(11), days_ago(3)),
        (days_ago(3), None),
    ]
    assert "Day 4 of no contact" in cli.ok("today").stdout
