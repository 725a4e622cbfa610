"""Item 9: soak. One headless app run (in an interpreter of its own) through 48
hours of simulated clock time.

The app's clock and `now` are injected and stepped half an hour at a
time, the app's own day-check timer runs (every 20 ms here), and along the
way the user checks in every morning (and records a slip every evening), writes
a journal entry every three hours, opens the journal and searches it, opens
help and the hide screen, and the day rolls over twice. tracemalloc follows
every Python allocation: after a 12-hour warm-up, memory (measured after a
collection, every two simulated hours) must stay within 10% over 48 hours, and
no exception may end the app.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input

from exback_tui.app import ExBackApp
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.screens.journal import JournalScreen
from exback_tui.service import ExBackService
from exback_tui.widgets.entry_list import EntryList
from exback_tui.widgets.entry_text_area import EntryTextArea
from tests.reliability.support_rel2 import HOSTILE, count, record
from tests.ui.conftest import INSTANT, settle

# A soak through days of clock time: make test runs it, make test-fast skips it.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Europe/London")
STEP = timedelta(minutes=30)


class SimulatedClock:
    """Wall-clock time the test moves forward by hand."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def today(self):
        return self.current.date()


def test_48_hours_of_clock_time_keep_memory_flat(tmp_path: Path):
    """The soak runs in a fresh interpreter: tracemalloc sees the whole process, and
    threads or caches left by tests run before it in the same worker would blur it."""
    hours = int(os.environ.get("SOAK_HOURS", 0)) or count(48, 24 * 7)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONPATH": str(REPO),
    }
    env.pop("EXBACK_DATA_DIR", None)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data"), str(hours)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60 + 10 * hours,
    )
    assert child.returncode == 0, child.stderr[-5000:]
    result = json.loads(child.stdout.splitlines()[-1])
    samples = [tuple(sample) for sample in result["samples"]]
    actions = result["actions"]

    # Flat: in every 48-hour window after the 12-hour warm-up, memory stays within
    # 10% of its level at the window's start (the highest sample of the 6 hours
    # before: samples dip just after a screen's caches are let go). The default
    # run is one window; a deep run slides one a day along a week, where the
    # journal itself grows (56 entries) and is allowed for by the window.
    windows = []
    for start in sorted({*range(12, hours - 47, 24), max(12, hours - 48)}):
        baseline = max(size for hour, size in samples if start - 6 <= hour <= start)
        after = [size for hour, size in samples if start < hour <= start + 48]
        windows.append((start, baseline, max(after)))
    _, baseline, worst = max(windows, key=lambda w: w[2] / w[1])
    record(
        "soak",
        hours=hours,
        windows=len(windows),
        baseline_kib=baseline // 1024,
        worst_kib=worst // 1024,
        growth_pct=round(100 * (worst - baseline) / baseline, 2),
        week_growth_pct=round(100 * (samples[-1][1] - windows[0][1]) / windows[0][1], 2),
        samples_kib=[(hour, size // 1024) for hour, size in samples],
        **actions,
    )
    assert actions["rollovers"] >= hours // 24
    assert actions["entries"] >= hours // 3 - 1
    assert actions["checkins"] >= hours // 24
    assert actions["slips"] >= hours // 24
    assert actions["journal_visits"] >= hours // 6
    assert worst <= baseline * 1.10, [(h, s // 1024) for h, s in samples]


CHILD = """
import asyncio, json, sys
from pathlib import Path
from tests.reliability.test_soak import soak

result = asyncio.run(soak(Path(sys.argv[1]), int(sys.argv[2])))
print(json.dumps(result))
"""


async def soak(data_dir: Path, hours: int) -> dict:
    """Run the app through `hours` of clock time; the memory samples and what was done."""
    clock = SimulatedClock(datetime(2026, 11, 25, 20, 0, tzinfo=ZONE))
    service = ExBackService(data_dir).open(for_tui=True)
    service.begin(clock.today(), clock.today() - timedelta(days=9), 30)
    app = ExBackApp(
        service, clock=clock.today, now=clock.now, day_check_seconds=0.02, delays=INSTANT
    )
    app.animation_level = "none"
    samples: list[tuple[float, int]] = []
    actions = {"checkins": 0, "slips": 0, "entries": 0, "journal_visits": 0, "rollovers": 0}
    snaps = []
    tracemalloc.start(1)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            day = app.today
            for step in range(int(hours * timedelta(hours=1) / STEP)):
                clock.current += STEP
                await pilot.pause(0.03)  # a tick or more of the app's own timer
                local = clock.current
                if app.today != day:
                    assert app.today == local.date(), "the tick missed the new day"
                    day = app.today
                    actions["rollovers"] += 1
                if local.hour == 8 and local.minute == 0:
                    await check_in(pilot, slip=False)
                    actions["checkins"] += 1
                if local.hour == 21 and local.minute == 0:
                    await check_in(pilot, slip=True)
                    actions["slips"] += 1
                if local.minute == 30 and local.hour % 3 == 0:
                    await write_entry(pilot, HOSTILE[actions["entries"] % len(HOSTILE)])
                    actions["entries"] += 1
                if local.minute == 0 and local.hour % 6 == 3:
                    await visit_journal(pilot)
                    actions["journal_visits"] += 1
                if local.minute == 0 and local.hour % 12 == 0:
                    await pilot.press("question_mark")
                    await pilot.press("escape")
                    await pilot.press("ctrl+l")
                    await pilot.press("escape")
                    await pilot.pause()
                    assert isinstance(app.screen, DashboardScreen)
                if local.minute == 0 and local.hour % 2 == 0:
                    gc.collect()
                    elapsed = (step + 1) * STEP / timedelta(hours=1)
                    samples.append((elapsed, tracemalloc.get_traced_memory()[0]))
                    if os.environ.get("SOAK_DEBUG") and elapsed in (12.0, float(hours)):
                        snaps.append(tracemalloc.take_snapshot())
            assert app.is_running
        if snaps:  # SOAK_DEBUG=lineno (or traceback): what grew after the warm-up
            for stat in snaps[1].compare_to(snaps[0], os.environ["SOAK_DEBUG"])[:12]:
                print(stat, *stat.traceback.format()[-12:], sep="\n    ", file=sys.stderr)
    finally:
        tracemalloc.stop()
        service.close()
    return {"samples": samples, "actions": actions}


async def check_in(pilot, *, slip: bool) -> None:
    app = pilot.app
    assert isinstance(app.screen, DashboardScreen)
    app.screen.query_one("#mood").focus()
    if slip:
        await pilot.press("2", "tab", "9", "tab", "space", "enter")
        await pilot.pause()
        await pilot.press(*"a long day", "enter")  # the slip dialog's trigger
    else:
        await pilot.press("4", "tab", "3", "enter")
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen)
    assert "Checked in for today" in str(app.screen.query_one("#checkin-intro").render())


async def write_entry(pilot, text: str) -> None:
    app = pilot.app
    app.action_new_entry()
    await pilot.pause()
    assert isinstance(app.screen, EntryEditorScreen)
    app.screen.query_one(EntryTextArea).insert(f"{text}\nwritten at {app.now():%H:%M}")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen)


async def visit_journal(pilot) -> None:
    app = pilot.app
    app.action_journal()
    await settle(pilot)
    assert isinstance(app.screen, JournalScreen)
    await pilot.press("down")
    search = app.screen.query_one("#journal-search", Input)
    search.focus()
    search.insert_text_at_cursor("writ")
    await settle(pilot)  # this app searches at once (no debounce)
    # Every entry says "written at": all are listed.
    assert len(app.screen.query_one(EntryList).entries) == len(app.journal or ())
    app.action_today()  # back to the dashboard, closing the journal
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen)
