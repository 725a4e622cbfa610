"""Issue 12: the kill campaign of the real app. SIGKILL at random instants, in a real terminal.

The real `exback` runs in tmux and is driven as a person would: a check-in,
a journal entry typed and saved (ctrl+s), an answer to a big question typed
and saved, a theme picked in the palette. At a random instant (while typing,
or within a fraction of a second after the key that saves) the process is
killed with SIGKILL. Then, before the next start:

- every file parses (read as `exback today` and `exback journal list` do);
- every save the screen had acknowledged is on disk: the check-in form's
  "Check-in saved.", the editor closing with "Saved", an answer's "Saved";
  a check-in on disk is one that was sent, never an older one;
- the draft the next start offers back is a prefix of what was typed.

Three lanes (three data folders, three tmux windows) run side by side. 54 kills by
default, 300 with EXBACK_DEEP=1 (or --deep); EXBACK_CRASH_SEED replays a run.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.theme import BUILTIN_THEMES

from exback_tui.screens.entry_draft import AUTOSAVE_ENV
from exback_tui.service import ExBackService
from exback_tui.store.journal.draft import load_draft
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.store.program.store import read_program_state
from tests.reliability.conftest import scaled
from tests.reliability.terminal import Tmux, exback_command

KILLS = scaled(54, 300)
LANES = 3
APP_READY = "Today's check-in"
DRAFT_OFFER = "Open it"
ACTIONS = ("checkin", "entry", "answer", "theme")
THEMES = ("nord", "gruvbox", "dracula", "monokai", "tokyo-night")
# Tabs from the top of big question 1 to its first answer field (past the reasons checklist).
TABS_TO_ANSWER = 11
SAVE_WINDOW = 0.6  # kills land up to this long after the key that saves


@pytest.fixture
def tmux(tmp_path: Path, home: Path) -> Iterator[Tmux]:
    terminal = Tmux(tmp_path, home, size=(100, 30))
    terminal.run("idle", ["sleep", "3600"])
    yield terminal
    terminal.close()


def answer_marker(lane: int, cycle: int) -> str:
    """A word of capital letters naming the lane and cycle (no key of the app acts on these)."""
    letters = "".join(chr(ord("A") + int(d)) for d in f"{cycle:03d}")
    return f"Z{chr(ord('A') + lane)}{letters}Z"


@dataclass
class Lane:
    """One data folder, driven and killed again and again; what its screens acknowledged."""

    number: int
    folder: Path
    rng: random.Random
    tmux: Tmux
    today: date = field(default_factory=date.today)
    entries: set[str] = field(default_factory=set)  # acknowledged entry texts
    answers: set[str] = field(default_factory=set)  # acknowledged answer markers
    checkins_sent: list[tuple[int, int]] = field(default_factory=list)
    checkin_acked: int = -1  # index in checkins_sent of the last acknowledged one
    typed_entry: str = ""  # the text typed in the last entry cycle
    figures: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.figures[what] = self.figures.get(what, 0) + 1

    # Driving ------------------------------------------------------------------------

    def keys(self, window: str, *keys: str) -> None:
        self.tmux._tmux("send-keys", "-t", f"t:{window}", *keys)

    def type(self, window: str, text: str) -> None:
        self.tmux._tmux("send-keys", "-t", f"t:{window}", "-l", text)

    def pid(self, window: str) -> int:
        shell = int(self.tmux._tmux("display-message", "-p", "-t", f"t:{window}", "#{pane_pid}"))
        deadline = time.monotonic() + 10
        while True:
            children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
            if children:
                return int(children[0])
            assert time.monotonic() < deadline, "exback never started"
            time.sleep(0.02)

    def wait(self, window: str, *texts: str, timeout: float = 20.0) -> str:
        """The screen once it shows one of `texts`."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.tmux.screen(window)
            flat = " ".join(shown.split())
            if any(text in flat for text in texts):
                return flat
            if time.monotonic() > deadline:
                raise AssertionError(f"lane {self.number}: never showed {texts!r}:\n{shown}")
            time.sleep(0.03)

    def kill_after(self, pid: int, delay: float) -> None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)

    def cycle(self, number: int) -> None:
        window = f"l{self.number}c{number}"
        offered = self.check_files(f"before cycle {number}")
        # Drafts every 0.2 s rather than 2 s, so that kills also land between drafts.
        autosave = ["env", f"{AUTOSAVE_ENV}=0.2"]
        self.tmux.run(window, [*autosave, *exback_command(self.folder)])
        pid = self.pid(window)
        if offered is not None:  # (checked above: a prefix of what was typed)
            self.wait(window, DRAFT_OFFER)
            self.count("drafts offered back")
            self.keys(window, "Right", "Enter")  # Discard
            self.wait(window, "The unsaved entry was discarded")
        self.wait(window, APP_READY)
        time.sleep(0.05)
        action = self.rng.choice(ACTIONS)
        self.count(action)
        getattr(self, f"do_{action}")(window, pid, number)
        status = self.tmux.exit_status(window)
        assert status == 128 + signal.SIGKILL, f"lane {self.number} cycle {number}: {status}"
        self.count("kills")
        final = " ".join(self.tmux.screen(window).split())
        self.acknowledged(action, final, number)
        self.tmux._tmux("kill-window", "-t", f"t:{window}")

    def do_checkin(self, window: str, pid: int, number: int) -> None:
        mood, urge = self.rng.randint(1, 5), self.rng.randint(0, 9)
        self.checkins_sent.append((mood, urge))
        for key in (str(mood), "Tab", str(urge)):
            self.keys(window, key)
            time.sleep(0.1)
        time.sleep(0.2)  # the urge picker waits a moment for a second digit
        self.keys(window, "Enter")
        self.kill_after(pid, self.rng.uniform(0, SAVE_WINDOW))

    def do_entry(self, window: str, pid: int, number: int) -> None:
        self.keys(window, "n")
        self.wait(window, "New entry")
        time.sleep(0.3)  # the editor's own focus lands first
        text = f"lane {self.number} entry {number}: " + " ".join(
            self.rng.choice(("walked", "slept", "cried", "laughed", "ran")) for _ in range(7)
        )
        self.typed_entry = text
        chunks = [text[: len(text) // 3], text[len(text) // 3 : 2 * len(text) // 3]]
        chunks.append(text[2 * len(text) // 3 :])
        kill_while_typing = self.rng.random() < 0.3
        for index, chunk in enumerate(chunks):
            self.type(window, chunk)
            time.sleep(self.rng.uniform(0, 0.3))  # a pause: a draft may be kept here
            if kill_while_typing and index == self.rng.randrange(len(chunks)):
                self.kill_after(pid, self.rng.uniform(0, 0.1))
                return
        self.wait(window, text[-20:])
        self.keys(window, "C-s")
        self.kill_after(pid, self.rng.uniform(0, SAVE_WINDOW))

    def do_answer(self, window: str, pid: int, number: int) -> None:
        self.keys(window, "b")
        self.wait(window, "1-4 Pick")
        self.keys(window, "1")
        self.wait(window, "Big question 1 of 4")
        time.sleep(0.8)  # the page's own focus lands first
        self.keys(window, *["Tab"] * TABS_TO_ANSWER)
        time.sleep(0.1)
        marker = answer_marker(self.number, number)
        self.type(window, marker)
        try:
            self.wait(window, marker, timeout=3)
        except AssertionError:
            self.count("answer fields missed")  # (capital letters only: no key acts)
            self.kill_after(pid, 0)
            return
        if self.rng.random() < 0.2:
            self.kill_after(pid, self.rng.uniform(0, 0.1))
            return
        self.keys(window, "C-s")
        self.kill_after(pid, self.rng.uniform(0, SAVE_WINDOW))

    def do_theme(self, window: str, pid: int, number: int) -> None:
        self.keys(window, "C-p")
        time.sleep(0.15)
        self.type(window, "theme")
        time.sleep(0.15)
        self.keys(window, "Enter")
        time.sleep(0.15)
        self.type(window, self.rng.choice(THEMES))
        time.sleep(0.1)
        self.keys(window, "Enter")
        self.kill_after(pid, self.rng.uniform(0, SAVE_WINDOW))

    # Checking -------------------------------------------------------------------------

    def acknowledged(self, action: str, final: str, number: int) -> None:
        """Note what the last screen drawn before the kill acknowledged."""
        if action == "checkin" and "Check-in saved." in final:
            self.checkin_acked = len(self.checkins_sent) - 1
            self.count("acknowledged check-ins")
        elif action == "entry" and "esc Close" not in final and "Saved" in final:
            # The editor is gone (its key bar with it) and its "Saved" was shown.
            self.entries.add(self.typed_entry)
            self.count("acknowledged entries")
        elif action == "answer" and "✓ Saved." in final and "Not saved yet" not in final:
            if answer_marker(self.number, number) in final:
                self.answers.add(answer_marker(self.number, number))
            self.count("acknowledged answers")

    def check_files(self, context: str) -> dict | None:
        """Every file parses and holds every acknowledged save; the draft, if any."""
        where = f"lane {self.number}, {context}"
        state = read_plan_state(self.folder)
        texts = {entry.text for entry in read_journal(self.folder)}
        program = read_program_state(self.folder)
        missing = self.entries - texts
        assert not missing, f"{where}: acknowledged entries lost: {missing}"
        stored_answers = " ".join(answer.text for answer in program.answers.values())
        lost = {marker for marker in self.answers if marker not in stored_answers}
        assert not lost, f"{where}: acknowledged answers lost: {lost}"
        assert program.theme is None or program.theme in BUILTIN_THEMES, program.theme
        today = [c for c in state.checkins if c.on == self.today]
        if self.checkin_acked >= 0:
            assert today, f"{where}: the acknowledged check-in is gone"
            sent_since = self.checkins_sent[self.checkin_acked :]
            assert (today[0].mood, today[0].urge) in sent_since, f"{where}: {today[0]}"
        draft = load_draft(self.folder)
        if draft is not None:
            assert self.typed_entry.startswith(draft["text"]), (
                f"{where}: the draft is not a prefix of what was typed: {draft['text']!r}"
            )
        return draft


def test_sigkill_of_the_real_app_loses_no_acknowledged_save(
    tmux: Tmux, tmp_path: Path, record_property
) -> None:
    seed = int(os.environ.get("EXBACK_CRASH_SEED", random.randrange(2**32)))
    record_property("seed", seed)
    today = date.today()
    lanes = []
    for number in range(LANES):
        folder = tmp_path / f"data-{number}"
        with ExBackService(folder).open(for_tui=False) as service:
            service.begin(today, today - timedelta(days=12))
        lanes.append(Lane(number, folder, random.Random(seed + number), tmux, today))
    errors: list[BaseException] = []

    def run(lane: Lane) -> None:
        try:
            for number in range(KILLS // LANES):
                lane.cycle(number)
            lane.check_files("at the end")
        except BaseException as error:  # reported below, with the seed
            errors.append(error)

    threads = [threading.Thread(target=run, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise AssertionError(f"seed {seed}: {errors[0]}") from errors[0]
    figures: dict[str, int] = {}
    for lane in lanes:
        for key, value in lane.figures.items():
            figures[key] = figures.get(key, 0) + value
    print(f"\nTUI kill campaign (seed {seed}): {figures}")
    assert figures["kills"] >= KILLS - KILLS % LANES
