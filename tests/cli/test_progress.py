"""`exback week`, `exback report` and `exback calendar`: the figures, what the files hold and
what they never hold, and where they may be written."""

from __future__ import annotations

import json
import re
import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from exback_tui.domain.figures import REVIEW_TAG, weekly_review
from exback_tui.service import ExBackService
from exback_tui.store.plan.snapshot import read_plan_state
from tests.cli.conftest import Cli, assert_one_line_error, folder_state
from tests.conftest import FIXED_TODAY

HOSTILE_TRIGGER = "<script>alert(1)</script>"
PLANTED = "zanzibarquokka"  # a word only the journal holds


def days_ago(n: int) -> date:
    return FIXED_TODAY - timedelta(days=n)


def fill(cli: Cli) -> None:
    """Forty days of history: check-ins, a slip with a hostile trigger, entries, hard dates."""
    cli.start("40 days ago", today=days_ago(40))
    for n in (20, 12, 10, 9, 8, 5, 3, 2, 1):
        if n == 8:
            cli.ok("slip", "--trigger", HOSTILE_TRIGGER, today=days_ago(8))
            continue
        cli.ok("checkin", "--mood", str(1 + n % 5), "--urge", str(n % 11), today=days_ago(n))
        if n == 3:
            cli.ok("journal", "add", f"about {PLANTED}", "--tag", "private", today=days_ago(3))
        if n == 2:
            cli.ok("journal", "add", "shared thoughts", "--tag", "counsellor", today=days_ago(2))
    with ExBackService(cli.data_dir).open(for_tui=False) as svc:
        svc.add_hard_date("Their birthday", FIXED_TODAY.month, FIXED_TODAY.day + 2)
        svc.add_hard_date("Leap day", 2, 29)
        # Kept messages: 10 days ago let go, 2 days ago sent; this morning still waiting.
        for back, outcome in ((10, "let-go"), (2, "sent"), (0, "waiting")):
            written = datetime.combine(days_ago(back), time(6), UTC)
            svc.keep_urge("answer me", written)
            if outcome != "waiting":
                svc.decide_urge(svc.program().urges[-1].id, outcome, written)


@pytest.fixture
def filled(cli: Cli) -> Cli:
    fill(cli)
    return cli


def test_week_json_gives_the_figures_the_review_computes(filled: Cli):
    result = filled.ok("week", "--json")
    printed = json.loads(result.stdout)
    svc = ExBackService(filled.data_dir)
    state = read_plan_state(filled.data_dir)
    entries = svc.read_entries()
    assert state.plan is not None
    expected = weekly_review(
        state.plan,
        FIXED_TODAY,
        state.checkins,
        [e.day for e in entries],
        [e.day for e in entries if REVIEW_TAG in e.tags],
        svc.read_program().hard_dates,
        svc.read_program().urges,
    )
    assert printed == expected.as_dict()
    assert printed["this_week"]["checkins"] == 4
    assert printed["this_week"]["slips"] == 0
    assert printed["last_week"]["slips"] == 1
    assert printed["this_week"]["entries"] == 2
    assert printed["this_week"]["urges_resisted"] == 1
    assert printed["last_week"]["urges_resisted"] == 1
    assert printed["hard_dates"][0]["name"] == "Their birthday"
    assert printed["review_due"] is True


def test_week_prints_the_same_figures_as_text(filled: Cli):
    lines = filled.ok("week").stdout.splitlines()
    assert lines[4].split() == ["Check-ins", "4", "3"]
    assert any("Their birthday" in line for line in lines)


def test_week_before_a_start_is_refused(cli: Cli):
    assert_one_line_error(cli.run("week"))


def _external_references(page: str) -> list[str]:
    found = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page, flags=re.I)
    found += re.findall(r"url\(\s*([^)]*)\)", page, flags=re.I)
    return [ref for ref in found if not ref.startswith("#")]


def test_html_report_is_private_self_contained_and_shows_a_hostile_trigger_as_text(
    filled: Cli, tmp_path: Path
):
    target = tmp_path / "r.html"
    result = filled.ok("report", "--format", "html", "--output", str(target))
    assert str(target) in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text("utf-8")
    assert _external_references(page) == []
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<svg" in page and "<polyline" in page
    assert "@import" not in page and "<link" not in page and "<img" not in page
    assert PLANTED not in page
    assert "shared thoughts" not in page


def test_journal_text_is_in_the_report_only_for_the_tag_named(filled: Cli, tmp_path: Path):
    target = tmp_path / "r.html"
    filled.ok("report", "--format", "html", "--output", target, "--with-entries", "private")
    page = target.read_text("utf-8")
    assert PLANTED in page
    assert "shared thoughts" not in page
    markdown = filled.ok("report", "--with-entries", "private").stdout
    assert PLANTED in markdown
    assert "shared thoughts" not in markdown
    assert PLANTED not in filled.ok("report").stdout


def test_markdown_report_escapes_the_trigger_and_holds_the_figures(filled: Cli):
    text = filled.ok("report", "--format", "md").stdout
    assert HOSTILE_TRIGGER not in text
    assert r"\<script\>alert\(1\)\</script\>" in text
    assert "Attempts so far: 2" in text
    assert "| Week of |" in text
    # Urges resisted, week by week: the let-go message (16 Nov) and the waiting one (this
    # week); the sent one (24 Nov) is not counted, nor any check-in's urge.
    header = next(line for line in text.splitlines() if line.startswith("| Week of |"))
    column = [cell.strip() for cell in header.split("|")].index("Urges resisted")
    rows = {
        cells[1]: cells[column]
        for cells in ([c.strip() for c in line.split("|")] for line in text.splitlines())
        if len(cells) > column and cells[1].startswith("2026-")
    }
    assert rows["2026-11-16"] == "1"
    assert rows["2026-11-23"] == "1"
    assert sum(int(count) for count in rows.values()) == 2


def test_report_since_narrows_the_weeks(filled: Cli):
    everything = filled.ok("report").stdout
    recent = filled.ok("report", "--since", "7 days ago").stdout
    assert recent.count("\n| 2026") < everything.count("\n| 2026")


def test_report_is_never_written_into_the_data_folder(filled: Cli):
    before = folder_state(filled.data_dir)
    for name in ("plan.json", "journal.json", "new-file.html"):
        result = filled.run("report", "--output", str(filled.data_dir / name))
        assert_one_line_error(result)
    assert folder_state(filled.data_dir) == before


def test_report_into_a_symlink_writes_through_and_keeps_the_link(filled: Cli, tmp_path: Path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    filled.ok("report", "--output", str(link))
    assert link.is_symlink()
    assert real.read_text("utf-8").startswith("# How it is going")


def test_a_bad_since_date_is_refused(filled: Cli):
    assert_one_line_error(filled.run("report", "--since", "03/04/2026"))


def test_calendar_file_has_every_hard_date_yearly_with_a_reminder_and_the_next_milestones(
    filled: Cli, tmp_path: Path
):
    import icalendar

    target = tmp_path / "x.ics"
    filled.ok("calendar", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    parsed = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(parsed.walk("VEVENT"))
    hard = {str(e["SUMMARY"]): e for e in events if str(e["UID"]).startswith("hard-date-")}
    assert set(hard) == {"Their birthday (a hard date)", "Leap day (a hard date)"}
    birthday = hard["Their birthday (a hard date)"]
    assert birthday.decoded("DTSTART") == FIXED_TODAY + timedelta(days=2)
    assert birthday["RRULE"]["FREQ"] == ["YEARLY"]
    leap = hard["Leap day (a hard date)"]
    assert leap.decoded("DTSTART") == date(2027, 2, 28)
    assert leap["RRULE"]["BYMONTHDAY"] == [-1]
    for event in hard.values():
        (alarm,) = list(event.walk("VALARM"))
        before = alarm.decoded("TRIGGER")
        assert timedelta(days=-1) <= before < timedelta(0)  # during the day before
    # The slip 8 days ago started the current attempt: 8 days done on FIXED_TODAY.
    start = days_ago(8)
    milestones = sorted(
        (e.decoded("DTSTART"), str(e["SUMMARY"]))
        for e in events
        if str(e["UID"]).startswith("milestone-")
    )
    assert milestones == [
        (start + timedelta(days=14), "No contact: Two weeks"),
        (start + timedelta(days=21), "No contact: The 21-day minimum"),
        (start + timedelta(days=30), "No contact: Your goal"),
    ]


def test_calendar_needs_an_output_and_refuses_the_data_folder(filled: Cli):
    assert_one_line_error(filled.run("calendar"))
    assert_one_line_error(filled.run("calendar", "--output", str(filled.data_dir / "x.ics")))


def test_the_new_commands_have_help_pages(cli: Cli):
    for command in ("week", "report", "calendar"):
        page = cli.ok(command, "--help").stdout
        assert "example:" in page


def test_week_json_keeps_a_hostile_hard_date_name_off_the_terminal(cli: Cli):
    cli.start("10 days ago")
    name = "Their day \x1b]0;x\x07 \u202e\u009b"
    with ExBackService(cli.data_dir).open(for_tui=False) as svc:
        svc.add_hard_date(name, FIXED_TODAY.month, FIXED_TODAY.day + 1)
    out = cli.ok("week", "--json").stdout
    assert out.isascii()
    assert json.loads(out)["hard_dates"][0]["name"] == name
    text = cli.ok("week").stdout
    assert "\x1b" not in text and "\u202e" not in text and "\u009b" not in text


def test_report_into_a_fifo_writes_into_it(filled: Cli, tmp_path: Path):
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    filled.ok("report", "--output", str(fifo))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"# How it is going")


def test_calendar_to_standard_output(filled: Cli):
    out = filled.ok("calendar", "--output", "-").stdout
    assert out.startswith("BEGIN:VCALENDAR")
