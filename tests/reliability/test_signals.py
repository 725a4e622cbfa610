"""Issue 12, item 4: closing the terminal (SIGHUP) or SIGTERM right after typing.

Before the fix either signal ended exback at once: the last ~2 s of typing in
the editor and in answer fields were lost (the draft and the answers are
saved on a timer), and text in the urge box was never kept at all. Now the
app writes what is typed (the entry's draft, the urge box's draft, the
answers) before it exits with 128 + the signal, and the next start offers
the drafts back.

The editor and the urge box are driven as a person would, in the real
`exback` in tmux, and signalled within a fraction of a second of the last
key; the answer fields in a pilot run, calling what the signal handler calls.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from exback_tui.service import ExBackService
from exback_tui.store.journal.draft import load_draft, load_urge_draft
from tests.reliability.terminal import Tmux, exback_command
from tests.ui.conftest import settle

APP_READY = ("Today's check-in", "? Keys")
SIGNALS = [signal.SIGHUP, signal.SIGTERM]


@pytest.fixture
def tmux(tmp_path: Path, home: Path) -> Iterator[Tmux]:
    terminal = Tmux(tmp_path, home, size=(100, 30))
    yield terminal
    terminal.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    from datetime import date, timedelta

    data = tmp_path / "exback-data"
    with ExBackService(data).open(for_tui=False) as service:
        today = date.today()
        service.begin(today, today - timedelta(days=5))
    return data


def app_pid(tmux: Tmux, name: str) -> int:
    """The pid of exback itself (the pane runs a shell, which runs exback)."""
    shell = int(tmux._tmux("display-message", "-p", "-t", f"t:{name}", "#{pane_pid}").strip())
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def type_text(tmux: Tmux, name: str, text: str) -> None:
    tmux._tmux("send-keys", "-t", f"t:{name}", "-l", text)


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_the_entry_being_written_is_kept_and_offered_back(
    tmux: Tmux, folder: Path, signum: int
) -> None:
    tmux.run("app", exback_command(folder))
    tmux.wait_for("app", *APP_READY)
    tmux.send("app", "n")
    tmux.wait_for("app", "New entry")
    text = "the last words before the lid closed"
    type_text(tmux, "app", text)
    tmux.wait_for("app", text)
    os.kill(app_pid(tmux, "app"), signum)  # well within the 2 s autosave
    assert tmux.exit_status("app") == 128 + signum
    draft = load_draft(folder)
    assert draft is not None and draft["text"] == text
    tmux.run("again", exback_command(folder))
    tmux.wait_for("again", "Open it", "the last words before the lid")


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_the_message_in_the_urge_box_is_kept(tmux: Tmux, folder: Path, signum: int) -> None:
    """Kept unsent (as closing the box does), or, if that can't be saved, left as a draft."""
    tmux.run("app", exback_command(folder))
    tmux.wait_for("app", *APP_READY)
    tmux.send("app", "u")
    tmux.wait_for("app", "I want to contact them")
    text = "I miss you, can we talk"
    type_text(tmux, "app", text)
    tmux.wait_for("app", text)
    os.kill(app_pid(tmux, "app"), signum)
    assert tmux.exit_status("app") == 128 + signum
    with ExBackService(folder).open(for_tui=False) as service:
        kept = [urge.text for urge in service.program().urges]
    assert kept == [text] or load_urge_draft(folder) == text, kept


def test_an_urge_draft_left_behind_opens_the_box_again(tmux: Tmux, folder: Path) -> None:
    """After a SIGKILL mid-message: the autosaved draft comes back in the box, unsent."""
    from datetime import datetime

    ExBackService(folder).save_urge_draft("half a message", datetime.now().astimezone())
    tmux.run("app", exback_command(folder))
    tmux.wait_for("app", "I want to contact them", "half a message")
    tmux.send("app", "Escape")
    tmux.wait_for("app", *APP_READY)
    tmux.send("app", "C-q")
    assert tmux.exit_status("app") == 0
    assert load_urge_draft(folder) is None
    with ExBackService(folder).open(for_tui=False) as service:
        assert [urge.text for urge in service.program().urges] == ["half a message"]


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
async def test_an_answer_typed_just_before_the_signal_is_saved(make_app, signum: int) -> None:
    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "1")
        await pilot.pause()
        app.screen.query_one("#answer-1").focus()
        await pilot.pause()
        await pilot.press(*"we wanted different things")
        # What the signal handler runs (the tmux tests above send the real signals).
        app._terminal_closing(signum)
        await settle(pilot)
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause()
    assert app.return_code == 128 + signum
    key = "decision:" + app.material.decision_questions[0].id
    assert app.service.program().answer(key) == "we wanted different things"
