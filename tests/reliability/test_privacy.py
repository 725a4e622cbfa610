"""Item 8: privacy. No journal text in any crash output, log or other file; every
file private (0600) and every folder 0700 under umask 000, 022 and 077.

The crash tests run the real `exback` in a child process on a pseudo-terminal,
with a fault injected while an entry is on screen (or in the thread that
loads the journal), and read everything that reaches the terminal. A control
run with Textual's own crash output shows the check can see a leak.
tests/store/test_permissions.py checks each writer under umask 000/002/022;
here the whole program (the CLI in child processes, the TUI with its draft,
program file and export) runs under each umask, including 077.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import select
import stat
import struct
import subprocess
import sys
import termios
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from exback_tui.app import ExBackApp
from exback_tui.crash import private_crash_report
from exback_tui.exit_codes import DAMAGED
from exback_tui.service import ExBackService
from exback_tui.widgets.entry_text_area import EntryTextArea
from tests.reliability.support_rel2 import record
from tests.ui.conftest import INSTANT, settle, wait_until

REPO = Path(__file__).resolve().parents[2]
SECRET = "Dear diary, I still love Morgan and I reread the letter 7f3a9c"
# Pieces of it that any leak would show (a repr cut at 80 characters, a line wrapped).
SECRET_PIECES = ("still love Morgan", "reread the letter", "7f3a9c", "Dear diary")

CHILD = r"""
import sys

mode, data_dir = sys.argv[1], sys.argv[2]

from exback_tui.widgets import entry_view
from exback_tui import service as service_module

def show(self, entry, *args, **kwargs):
    text = entry.text if entry is not None else ""
    held = [text, entry]
    if entry is None:
        return original_show(self, entry, *args, **kwargs)
    if mode == "message":
        raise ValueError(f"could not show {text!r}")
    raise RuntimeError("fault injected while an entry is shown")

original_show = entry_view.EntryView.show
if mode in ("locals", "message", "textual"):
    entry_view.EntryView.show = show

if mode == "worker":
    original_entries = service_module.ExBackService.journal_entries

    def journal_entries(self):
        entries = original_entries(self)
        texts = [e.text for e in entries]
        raise OSError("fault injected in the journal loader")

    service_module.ExBackService.journal_entries = journal_entries

if mode == "textual":
    # The control run: Textual's own crash output, as it was before exback's.
    from textual.app import App
    from exback_tui.app import ExBackApp
    ExBackApp._fatal_error = App._fatal_error

from exback_tui import cli
sys.exit(cli.main(["--data-dir", data_dir]))
"""

ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def seed(data_dir: Path) -> None:
    today = date.today()
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(today, today - timedelta(days=4), 30)
        service.add_entry(
            datetime.now(UTC) - timedelta(hours=1),
            f"{SECRET}\n\n{SECRET} again, and more.",
            title="Tuesday",  # the list shows the title, not the text
            tags=["private"],
        )


def run_in_pty(mode: str, data_dir: Path, home: Path, keys: bytes) -> tuple[bytes, int]:
    """Run the app in a child on a pty; type `keys` once it has drawn; all it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONPATH": str(REPO),
        "COLUMNS": "100",
        "LINES": "30",
    }
    for key in ("EXBACK_DATA_DIR", "TEXTUAL_LOG", "TEXTUAL_DEBUG", "TEXTUAL_PRESS", "TEXTUAL"):
        env.pop(key, None)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(data_dir)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=home,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()
    typed = False
    started = time.monotonic()
    deadline = started + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
                # Answer a terminal query (cursor position), as a terminal would.
                if b"\x1b[6n" in chunk:
                    os.write(master, b"\x1b[1;1R")
            if not typed and len(output) > 2000 and time.monotonic() > started + 1.5:
                os.write(master, keys)
                typed = True
            if child.poll() is not None and not ready:
                break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)
        os.close(master)
    return bytes(output), child.returncode


def after_the_app(output: bytes) -> str:
    """What stays in the terminal once the app has left the alternate screen."""
    tail = output.rsplit(b"\x1b[?1049l", 1)[-1]
    return ANSI.sub(b"", tail).decode("utf-8", "replace")


def leaks(output: bytes) -> list[str]:
    """Pieces of the secret anywhere in the output, escape sequences removed or not."""
    plain = ANSI.sub(b"", output).decode("utf-8", "replace")
    raw = output.decode("utf-8", "replace")
    squashed = re.sub(r"\s+", " ", plain)
    return [p for p in SECRET_PIECES if p in raw or p in plain or p in squashed]


@pytest.fixture
def crash_home(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    home.mkdir()
    data_dir = tmp_path / "data"
    seed(data_dir)
    return home, data_dir


@pytest.mark.slow  # the real app in a real terminal (a pty)
@pytest.mark.parametrize(
    ("mode", "keys"),
    [("locals", b"j"), ("message", b"j"), ("worker", b"")],
)
def test_a_crash_never_prints_journal_text(crash_home, mode, keys):
    home, data_dir = crash_home
    output, status = run_in_pty(mode, data_dir, home, keys)
    crash = after_the_app(output)
    record("privacy_crash", mode=mode, bytes=len(output), leaks=len(leaks(output)))
    # It did crash (and exited non-zero), and said so usefully: the error's type and where.
    assert status != 0
    assert "Traceback" in crash, crash[-3000:]
    assert "message left out" in crash
    expected = {"locals": "RuntimeError", "message": "ValueError", "worker": "OSError"}[mode]
    assert expected in crash
    assert "entry_view.py" in crash or "<string>" in crash or "service" in crash
    assert leaks(output) == [], crash[-3000:]
    # No file anywhere (HOME, the data folder) holds the text but the journal itself.
    holders = [
        p
        for root in (home, data_dir)
        for p in root.rglob("*")
        if p.is_file() and b"still love Morgan" in p.read_bytes()
    ]
    assert [p.name for p in holders] == ["journal.json"]


@pytest.mark.slow  # the real app in a real terminal (a pty)
def test_the_check_sees_a_leak_in_textuals_own_crash_output(crash_home):
    """Control: Textual's default traceback (show_locals=True) prints the entry's text."""
    home, data_dir = crash_home
    output, _ = run_in_pty("textual", data_dir, home, b"j")
    assert leaks(output), after_the_app(output)[-3000:]


def test_the_report_holds_no_values_or_messages():
    def failing(text: str) -> None:
        entry = {"text": text}
        raise KeyError(f"{entry}")

    try:
        try:
            failing(SECRET)
        except KeyError as error:
            raise RuntimeError(SECRET) from error
    except RuntimeError as error:
        report = private_crash_report(error)
    assert "Traceback" in report and "KeyError" in report and "RuntimeError" in report
    assert "failing" in report  # the frames are there
    assert not any(piece in report for piece in SECRET_PIECES)


# Permissions ---------------------------------------------------------------------------

UMASKS = [0o000, 0o022, 0o077]


def modes_under(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): stat.S_IMODE(p.lstat().st_mode) for p in [root, *root.rglob("*")]
    }


def assert_private(root: Path) -> dict[str, int]:
    found = modes_under(root)
    for name, bits in found.items():
        path = root / name if name != "." else root
        expected = 0o700 if path.is_dir() else 0o600
        assert bits == expected, f"{name}: {bits:04o}, expected {expected:04o}"
    return found


def exback(umask: int, *args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EXBACK_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "exback_tui", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        preexec_fn=lambda: os.umask(umask),
        timeout=60,
    )


@pytest.mark.parametrize("umask", UMASKS, ids=lambda m: f"umask{m:03o}")
def test_every_file_the_command_line_makes_is_private(tmp_path: Path, umask: int):
    # A data folder two levels below anything that exists: each new folder is 0700.
    root = tmp_path / "new"
    data = root / "deeper" / "exback"
    exports = tmp_path / "exports"
    exports.mkdir()
    d = ["--data-dir", str(data)]
    steps = [
        ("start", "--on", "5 days ago"),
        ("checkin", "--mood", "3", "--urge", "4"),
        ("journal", "add", SECRET, "--tag", "x"),
        ("journal", "add", "-"),
        ("slip", "--note", "a trigger"),
        ("export", "--format", "json", "--output", str(exports / "all.json")),
        ("export", "--output", str(exports / "journal.md")),
    ]
    for step in steps:
        result = exback(umask, *d, *step, cwd=tmp_path, stdin=SECRET.encode())
        assert result.returncode == 0, (step, result.stderr)
    # A damaged journal: kept aside as a private copy, the original left alone.
    journal = data / "journal.json"
    journal.write_bytes(journal.read_bytes()[:-20])
    os.chmod(journal, 0o600)
    result = exback(umask, *d, "journal", "list", cwd=tmp_path)
    assert result.returncode == DAMAGED and b"journal.json" in result.stderr
    found = assert_private(root)
    assert {"deeper", "deeper/exback", "deeper/exback/plan.json"} <= set(found)
    assert any("damaged" in name for name in found), found
    # The export folder is the user's own; the files exback writes there are private.
    for name in ("all.json", "journal.md"):
        assert stat.S_IMODE((exports / name).stat().st_mode) == 0o600
    record("privacy_modes", via="cli", umask=f"{umask:03o}", files=len(found), wrong=0)


@pytest.mark.parametrize("umask", UMASKS, ids=lambda m: f"umask{m:03o}")
def test_every_file_the_app_makes_is_private(tmp_path: Path, umask: int, monkeypatch):
    data = tmp_path / "fresh" / "exback"

    async def session() -> None:
        service = ExBackService(data).open(for_tui=True)
        today = date.today()
        service.begin(today, today - timedelta(days=3), 30)
        app = ExBackApp(service, delays=INSTANT)
        app.animation_level = "none"
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(pilot)
                await pilot.press("3", "tab", "4", "enter")  # a check-in
                await settle(pilot)
                app.theme = "nord" if app.theme != "nord" else "gruvbox"  # the program file
                await settle(pilot)
                app.action_new_entry()
                await pilot.pause()
                app.screen.query_one(EntryTextArea).insert(SECRET)
                await wait_until(pilot, (data / "draft.json").exists, "the autosaved draft")
                assert_private(data)
                await pilot.press("ctrl+s")
                await settle(pilot)
        finally:
            service.close()

    old = os.umask(umask)
    try:
        asyncio.run(session())
    finally:
        os.umask(old)
    found = assert_private(data.parent)
    names = {name.rsplit("/", 1)[-1] for name in found}
    assert {"plan.json", "journal.json", "program.json", "exback.lock"} <= names, names
    record("privacy_modes", via="tui", umask=f"{umask:03o}", files=len(found), wrong=0)
