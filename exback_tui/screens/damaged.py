"""What exback shows instead of the app when one of its data files can't be read.

A damaged file (or one written by a newer exback) is never overwritten. This
screen says what is wrong with it, where it is and that a copy was kept, and
offers two ways on: "Start fresh" moves the file aside, whole, to a clearly
named file beside it (`service.move_aside`) and lets exback open without
it; "Quit" changes nothing. `exback` runs it through `DamagedFileApp` before
the app itself starts (see `cli/tui.py`); `offer_fresh_start` shows the same
question inside the running app, for the journal, which is opened later.

Every path and reason is shown literally (markup off, control characters
removed): a folder name may hold brackets.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from exback_tui.domain.text import printable
from exback_tui.exit_codes import status_for
from exback_tui.resources import content_dir, styles_dir
from exback_tui.service import (
    JOURNAL_FILE,
    PLAN_FILE,
    PROGRAM_FILE,
    DamagedFile,
    NewerSchema,
    move_aside,
    planned_aside,
)

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp

Problem = DamagedFile | NewerSchema

# What each data file holds, so the person knows what starting fresh sets aside.
HOLDS = {
    PLAN_FILE: "holds_plan",
    JOURNAL_FILE: "holds_journal",
    PROGRAM_FILE: "holds_program",
}


@cache
def damaged_texts() -> dict[str, str]:
    """The screen's words, from content/screens/damaged.toml."""
    with (content_dir() / "screens" / "damaged.toml").open("rb") as handle:
        return tomllib.load(handle)


def shown_path(path: Path) -> str:
    """`path` as people read it: the home folder written as ~."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


def describe(problem: Problem, texts: dict[str, str]) -> list[str]:
    """The paragraphs that explain `problem`: what is wrong, where, the copy, the choice."""
    path = problem.path
    name = path.name
    if isinstance(problem, NewerSchema):
        what = texts["newer"].format(name=name, found=problem.found, known=problem.known)
    else:
        what = texts["damaged"].format(name=name, reason=problem.reason)
    what += " " + texts[HOLDS.get(name, "holds_other")]
    paragraphs = [what]
    where = texts["where"].format(path=shown_path(path))
    copy = problem.copy if isinstance(problem, DamagedFile) else None
    if copy is not None:
        where += " " + texts["copy"].format(copy=shown_path(copy))
    paragraphs.append(where)
    paragraphs.append(texts["choice"].format(aside=planned_aside(problem).name, name=name))
    return paragraphs


def moved_message(problem: Problem, aside: Path) -> str:
    """What to say once the file was moved aside."""
    return damaged_texts()["moved"].format(name=problem.path.name, aside=aside.name)


class DamagedFileScreen(ModalScreen["Path | None"]):
    """Says what is wrong with a data file; dismisses with the moved-aside path, or None to quit.

    `start_fresh` moves the file aside and returns where it went; if it
    raises OSError the screen says so and stays, with nothing changed.
    Escape (and q) quit. The focus starts on "Quit", the choice that changes
    nothing.
    """

    BINDINGS = [
        Binding("escape,q", "quit_here", "Quit"),
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, problem: Problem, start_fresh: Callable[[], Path]) -> None:
        super().__init__()
        self.problem = problem
        self._start_fresh = start_fresh
        self._texts = damaged_texts()

    def compose(self) -> ComposeResult:
        texts = self._texts
        with Vertical(id="damaged-box"):
            yield Static(printable(texts["title"]), id="damaged-title", markup=False)
            for paragraph in describe(self.problem, texts):
                yield Static(printable(paragraph), classes="damaged-paragraph", markup=False)
            error = Static("", id="damaged-error", markup=False)
            error.display = False
            yield error
            with Horizontal(id="damaged-buttons"):
                yield Button(Content(texts["fresh"]), id="damaged-fresh", compact=True)
                yield Button(Content(texts["quit"]), id="damaged-quit", compact=True)

    def on_mount(self) -> None:
        self.query_one("#damaged-quit", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "damaged-quit":
            self.dismiss(None)
            return
        try:
            aside = self._start_fresh()
        except OSError as error:
            line = self.query_one("#damaged-error", Static)
            reason = error.strerror or str(error)
            line.update(printable(self._texts["move_failed"].format(error=reason)))
            line.display = True
            return
        self.dismiss(aside)

    def action_quit_here(self) -> None:
        self.dismiss(None)


class DamagedFileApp(App["Path | None"]):
    """The screen on its own, before the app starts; returns the moved-aside path or None.

    Run it only while holding the data lock: "Start fresh" moves the file.
    """

    TITLE = "exback"
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "damaged.tcss"]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, problem: Problem) -> None:
        super().__init__()
        self.problem = problem

    def on_mount(self) -> None:
        screen = DamagedFileScreen(self.problem, lambda: move_aside(self.problem))
        self.push_screen(screen, callback=self.exit)


def offer_fresh_start(app: ExBackApp, problem: Problem) -> None:
    """Inside the running app (which holds the lock): offer to start fresh on `problem`'s file.

    For the journal, which is opened after the first paint: "Start fresh"
    moves the damaged journal aside and opens an empty one; "Quit" ends exback
    with the damaged-file status (`exit_codes`) and the problem on stderr, nothing changed.
    """
    from rich.text import Text

    def chosen(aside: Path | None) -> None:
        if aside is None:
            message = Text(f"exback: {printable(str(problem))}")
            app.exit(return_code=status_for(problem), message=message)
            return
        app.notify(moved_message(problem, aside), markup=False, timeout=15)
        app.load_journal()

    app.queue_dialog("damaged", DamagedFileScreen(problem, lambda: move_aside(problem)), chosen)
