"""The command palette's screens and actions (ctrl+p): every screen and action of exback.

Names and help lines are content (content/screens/commands.toml); each
command runs the app action its key runs, so the palette and the keys can't
disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class Command(NamedTuple):
    """One palette entry: what it is called, what it does, and the call that does it."""

    name: str
    help: str
    run: Callable[[], object]


def toggle_theme(app: ExBackApp) -> None:
    """Switch between the dark and the light theme (the app remembers the choice)."""
    app.theme = LIGHT_THEME if app.current_theme.dark else DARK_THEME


def program_commands(app: ExBackApp) -> Iterator[Command]:
    """Every screen and action, in the order the palette lists them."""
    texts = app.material.text["commands"]
    started = app.status is not None and app.status.plan is not None

    def command(key: str, run: Callable[[], object]) -> Command:
        return Command(texts[key], texts[f"{key}_help"], run)

    yield command("support", app.action_support)
    yield command("keeping_safe", app.action_keeping_safe)
    if started:
        yield command("today", app.action_today)
        yield command("questions", app.action_questions)
        for number in range(1, 5):
            yield command(f"questions_{number}", partial(app.action_questions, number))
        yield command("steps", app.action_steps)
        for number in range(1, 5):
            yield command(f"steps_{number}", partial(app.action_steps, number))
        yield command("check_in", partial(_then, app, app.action_today, "screen.check_in"))
        yield command(
            "contacted", partial(_then, app, partial(app.action_steps, 1), "screen.contacted")
        )
        yield command(
            "they_contacted",
            partial(_then, app, partial(app.action_steps, 1), "screen.they_contacted"),
        )
        yield command(
            "necessary", partial(_then, app, partial(app.action_steps, 1), "screen.necessary")
        )
        yield command("journal", app.action_journal)
        yield command(
            "recently_deleted", partial(_then, app, app.action_journal, "screen.show_deleted")
        )
        if _below(app) == "JournalScreen":
            for name, action in (("edit", "edit"), ("delete", "delete"), ("restore", "restore")):
                yield command(f"journal_{name}", partial(app.run_action, f"screen.{action}"))
        yield command("new_entry", app.action_new_entry)
        yield command("urge", app.action_urge)
        yield command("faq", app.action_faq)
        yield command("hard_dates", app.action_hard_dates)
        yield command("settings", app.action_settings)
        yield command("undo_slip", app.action_undo_slip)
        yield command("progress", app.action_progress)
        yield command("review", app.action_review)
        yield command("report", app.action_write_report)
    yield command("help", app.action_help)
    yield command("hide", app.action_hide)
    yield command("theme", partial(toggle_theme, app))
    yield command("quit", app.action_quit)


def _below(app: ExBackApp) -> str:
    """The name of the screen under the palette (the one a command acts on)."""
    from textual.command import CommandPalette

    stack = [s for s in app.screen_stack if not isinstance(s, CommandPalette)]
    return type(stack[-1]).__name__ if stack else ""


def _then(app: ExBackApp, go: Callable[[], object], action: str) -> None:
    """Open a screen with `go`, then run `action` on it once it is shown."""
    go()
    app.call_after_refresh(app.run_action, action)


class ProgramCommands(Provider):
    """The palette provider: lists every command, and finds them by fuzzy name."""

    def _commands(self) -> list[Command]:
        # Textual types a provider's app as App[object]; this provider only serves ours.
        return list(program_commands(cast("ExBackApp", self.app)))

    async def discover(self) -> Hits:
        for found in self._commands():
            yield DiscoveryHit(Content(found.name), found.run, text=found.name, help=found.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for found in self._commands():
            score = matcher.match(found.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(found.name),
                    found.run,
                    text=found.name,
                    help=found.help,
                )
