"""Issue 5, item 2: a full disk (ENOSPC) or a failing one (EIO) at each step of a save.

The fault is raised at the OS boundary (see faults.py) at each step of the
save of one file: opening the temp file, writing it (half the bytes in
first), fsyncing it, giving the old file its second name, the rename, and
the folder fsync after the rename. Whatever the step:

- the old file is byte-identical (a first save leaves no file at all), and
  no temp file is left;
- the change is not in memory either, so what the app shows is what is on disk;
- the command line exits 2 with one clear line on stderr;
- in the app, the editor says so and keeps the entry (and, on quitting,
  the draft); the check-in form says so;
- once the fault clears, the same save succeeds, and lands once.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Static

from exback_tui import cli
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.service import ExBackService
from exback_tui.store.errors import WriteFailed, WriteUnconfirmed
from exback_tui.store.journal.draft import load_draft
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.widgets.entry_text_area import EntryTextArea
from tests.conftest import FIXED_TODAY
from tests.reliability.faults import ERRORS, STEPS, faulty
from tests.store.support import REPO_ROOT, mode, subprocess_env, temp_files
from tests.ui.conftest import screen_text, settle

NOW = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)
TODAY = date(2026, 11, 26)

steps = pytest.mark.parametrize("step", STEPS)
errors = pytest.mark.parametrize("error", sorted(ERRORS))


def reason(error: str) -> str:
    return os.strerror(ERRORS[error])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every data file in the folder, by name, with its bytes (the draft autosaves apart)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "draft.json"
    }


def check_refused(caught: pytest.ExceptionInfo, path: Path, error: str) -> None:
    assert not isinstance(caught.value, WriteUnconfirmed)
    message = str(caught.value)
    assert str(path) in message and reason(error) in message
    assert "last saved data is intact" in message


# The store, through the service ----------------------------------------------------------


@pytest.fixture
def service(data_dir: Path):
    opened = ExBackService(data_dir).open(for_tui=False)
    yield opened
    opened.close()


@steps
@errors
@pytest.mark.parametrize("first", [False, True], ids=["replacing", "first-save"])
def test_a_failed_journal_save_changes_nothing_and_a_retry_lands_once(
    service: ExBackService, data_dir: Path, step: str, error: str, first: bool
) -> None:
    if not first:
        service.add_entry(NOW, "the first entry")
    before = snapshot(data_dir)
    entries = service.journal_entries()
    with faulty(step, ERRORS[error], "journal.json") as fault:
        with pytest.raises(WriteFailed) as caught:
            service.add_entry(NOW, "written while the disk was failing")
        assert fault.fired == 1
    check_refused(caught, data_dir / "journal.json", error)
    assert snapshot(data_dir) == before
    assert temp_files(data_dir) == []
    assert service.journal_entries() == entries  # memory follows the disk

    service.add_entry(NOW, "written while the disk was failing")
    texts = [e.text for e in read_journal(data_dir)]
    assert texts.count("written while the disk was failing") == 1
    assert len(texts) == len(entries) + 1
    assert mode(data_dir / "journal.json") == 0o600


@steps
@errors
def test_a_failed_plan_save_changes_nothing_and_a_retry_lands_once(
    service: ExBackService, data_dir: Path, step: str, error: str
) -> None:
    service.begin(TODAY, TODAY - timedelta(days=5))
    before = snapshot(data_dir)
    status = service.status(TODAY)
    with faulty(step, ERRORS[error], "plan.json") as fault:
        with pytest.raises(WriteFailed) as caught:
            service.check_in(TODAY, 3, 7, contacted=False)
        assert fault.fired == 1
        with pytest.raises(WriteFailed):
            service.slip(TODAY, "[/] \x1b[31m")
    check_refused(caught, data_dir / "plan.json", error)
    assert snapshot(data_dir) == before
    assert temp_files(data_dir) == []
    assert service.status(TODAY) == status

    service.check_in(TODAY, 3, 7, contacted=False)
    service.slip(TODAY, "[/] \x1b[31m")
    state = read_plan_state(data_dir)
    assert [(c.mood, c.urge) for c in state.checkins] == [(3, 7)]
    assert [a.ended_by for a in state.plan.attempts] == ["slip", None]


@steps
def test_a_failed_first_plan_save_leaves_no_plan(data_dir: Path, step: str) -> None:
    with ExBackService(data_dir).open(for_tui=False) as service:
        with faulty(step, errno.EIO, "plan.json"), pytest.raises(WriteFailed):
            service.begin(TODAY, TODAY)
        assert service.status(TODAY).plan is None
        assert sorted(p.name for p in data_dir.iterdir()) == ["exback.lock"]
        service.begin(TODAY, TODAY)
    assert read_plan_state(data_dir).plan is not None


# The command line ---------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture, data_dir: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return rc, out, err


def check_cli_refusal(rc: int, out: str, err: str, path: Path, error: str) -> None:
    assert rc == 2, err
    assert out == ""
    lines = err.splitlines()
    assert lines == [
        f"exback: Couldn't save to {path}: {reason(error)}. Your last saved data is intact."
    ], err


@steps
@errors
def test_the_command_line_exits_2_with_one_clear_line(
    capsys: pytest.CaptureFixture, data_dir: Path, step: str, error: str
) -> None:
    assert run_cli(capsys, data_dir, "start", "--on", "5 days ago")[0] == 0
    assert run_cli(capsys, data_dir, "journal", "add", "before")[0] == 0
    for target, args in (
        ("journal.json", ("journal", "add", "during the fault")),
        ("plan.json", ("checkin", "--mood", "2", "--urge", "9")),
    ):
        before = snapshot(data_dir)
        with faulty(step, ERRORS[error], target) as fault:
            rc, out, err = run_cli(capsys, data_dir, *args)
        assert fault.fired == 1, (target, err)
        check_cli_refusal(rc, out, err, data_dir / target, error)
        assert snapshot(data_dir) == before
        assert run_cli(capsys, data_dir, *args)[0] == 0  # the retry
    assert [e.text for e in read_journal(data_dir)].count("during the fault") == 1
    assert len(read_plan_state(data_dir).checkins) == 1


@pytest.mark.parametrize(
    ("step", "error", "target", "args"),
    [
        ("write", "ENOSPC", "journal.json", ("journal", "add", "a full disk")),
        ("folder-fsync", "EIO", "plan.json", ("checkin", "--mood", "2", "--urge", "9")),
    ],
)
def test_a_real_exback_process_exits_2(
    capsys: pytest.CaptureFixture,
    data_dir: Path,
    step: str,
    error: str,
    target: str,
    args: tuple[str, ...],
) -> None:
    assert run_cli(capsys, data_dir, "start", "--on", "5 days ago")[0] == 0
    assert run_cli(capsys, data_dir, "journal", "add", "before")[0] == 0
    before = snapshot(data_dir)
    proc = subprocess.run(
        [sys.executable, "-m", "tests.reliability.faults", step, error, target, "--"]
        + ["--data-dir", str(data_dir), *args],
        cwd=REPO_ROOT,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    check_cli_refusal(proc.returncode, proc.stdout, proc.stderr, data_dir / target, error)
    assert "Traceback" not in proc.stderr
    assert snapshot(data_dir) == before


# The app -----------------------------------------------------------------------------------


def editor_message(app) -> str:
    line = app.screen.query_one("#editor-message", Static)
    return str(line.render()) if line.display else ""


def seed_entry(service: ExBackService) -> None:
    service.add_entry(NOW - timedelta(days=1), "yesterday's entry")


async def write_entry(pilot, text: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EntryEditorScreen)
    pilot.app.post_message(events.Paste(text))  # as a terminal delivers a paste
    await pilot.pause()
    assert pilot.app.screen.query_one(EntryTextArea).text == text


@steps
@errors
async def test_the_editor_says_the_save_failed_keeps_the_entry_and_a_retry_saves_it_once(
    make_app, ui_data_dir: Path, step: str, error: str
) -> None:
    app = make_app(started_days_ago=3, seed=seed_entry)
    text = "I did not text them [/]"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = snapshot(ui_data_dir)
        await write_entry(pilot, text)
        with faulty(step, ERRORS[error], "journal.json") as fault:
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert fault.fired == 1
        message = editor_message(app)
        assert "Couldn't save to" in message and "journal.json" in message
        assert reason(error) in message and "intact" in message
        assert isinstance(app.screen, EntryEditorScreen)  # still open, the entry kept
        assert app.screen.query_one(EntryTextArea).text == text
        assert snapshot(ui_data_dir) == before
        assert [e.text for e in app.journal] == ["yesterday's entry"]

        await pilot.press("ctrl+s")  # the fault has cleared
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert [e.text for e in app.journal] == [text, "yesterday's entry"]
    on_disk = [e.text for e in read_journal(ui_data_dir)]
    assert sorted(on_disk) == sorted([text, "yesterday's entry"])
    assert temp_files(ui_data_dir) == []


async def test_quitting_after_a_failed_save_keeps_the_draft(make_app, ui_data_dir: Path) -> None:
    app = make_app(started_days_ago=3, seed=seed_entry)
    text = "the words the full disk refused"
    with faulty("write", errno.ENOSPC, "journal.json"):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await write_entry(pilot, text)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "No space left on device" in editor_message(app)
            await pilot.press("ctrl+q")
            await settle(pilot)
    draft = load_draft(ui_data_dir)
    assert draft is not None and draft["text"] == text
    assert [e.text for e in read_journal(ui_data_dir)] == ["yesterday's entry"]


@pytest.mark.parametrize("step", ["write", "rename", "folder-fsync"])
async def test_the_check_in_form_says_the_save_failed(
    make_app, ui_data_dir: Path, step: str
) -> None:
    app = make_app(started_days_ago=11)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = snapshot(ui_data_dir)
        with faulty(step, errno.ENOSPC, "plan.json"):
            await pilot.press("4", "tab", "1", "0", "enter")
            await settle(pilot)
        text = screen_text(app)
        assert "Couldn't save to" in text and "No space left on device" in text
        assert snapshot(ui_data_dir) == before
        assert app.status.checkin_today is None
        await pilot.press("enter")  # the fault has cleared: the same answers again
        await settle(pilot)
        assert "Check-in saved." in screen_text(app)
    assert [(c.on, c.mood, c.urge) for c in read_plan_state(ui_data_dir).checkins] == [
        (FIXED_TODAY, 4, 10)
    ]
