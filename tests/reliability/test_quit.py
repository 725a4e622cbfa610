"""Issue 12, item 3: a full disk, then ctrl+q.

The editor says the entry couldn't be saved and the draft couldn't be kept;
before the fix ctrl+q then quit at once (exit 0) and the text was in no
file. Now quitting asks first, as Escape does: "Keep writing" stays with the
text; once the disk has room the quit keeps the draft without asking; "Quit
anyway" quits.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.store.journal.draft import load_draft
from exback_tui.store.journal.store import read_journal
from tests.reliability.faults import FaultyOS
from tests.reliability.test_io_errors import editor_message, seed_entry, write_entry
from tests.ui.conftest import screen_text, settle


class FullDisk(FaultyOS):
    """Every write of a new file fails with ENOSPC, whatever its name, while armed."""

    def __init__(self) -> None:
        super().__init__("open", errno.ENOSPC, "*")

    def _is_temp(self, path) -> bool:
        return os.path.basename(os.fspath(path)).endswith(".tmp")


class full_disk:
    def __enter__(self) -> FullDisk:
        from exback_tui.store import files

        self.fake = FullDisk()
        files.os = self.fake  # type: ignore[assignment]
        return self.fake

    def __exit__(self, *exc: object) -> None:
        from exback_tui.store import files

        files.os = os


TEXT = "the words a full disk refused"


async def type_then_fail(pilot) -> None:
    await settle(pilot)
    await write_entry(pilot, TEXT)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert "No space left on device" in editor_message(pilot.app)


async def test_ctrl_q_on_a_full_disk_asks_first_and_keep_writing_stays(
    make_app, ui_data_dir: Path
) -> None:
    app = make_app(started_days_ago=3, seed=seed_entry)
    with full_disk() as disk:
        async with app.run_test(size=(100, 30)) as pilot:
            await type_then_fail(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.is_running
            assert isinstance(app.screen, ConfirmDialog)
            shown = screen_text(app)
            assert "Quit and lose this entry?" in shown and "No space left" in shown
            await pilot.press("escape")  # Keep writing
            await settle(pilot)
            assert isinstance(app.screen, EntryEditorScreen)
            assert app.screen.values().text == TEXT
            # The disk has room again: quitting keeps the draft, without asking.
            disk.armed = False
            await pilot.press("ctrl+q")
            await settle(pilot)
    assert app.return_code in (0, None)
    draft = load_draft(ui_data_dir)
    assert draft is not None and draft["text"] == TEXT
    assert [e.text for e in read_journal(ui_data_dir)] == ["yesterday's entry"]


async def test_quit_anyway_quits(make_app, ui_data_dir: Path) -> None:
    app = make_app(started_days_ago=3, seed=seed_entry)
    with full_disk():
        async with app.run_test(size=(100, 30)) as pilot:
            await type_then_fail(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("left", "enter")  # "Quit anyway"
            await settle(pilot)
            assert not app.is_running
    assert load_draft(ui_data_dir) is None
