"""Apps for pilot and snapshot tests: a real data folder in the test's HOME, a fixed day."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from time import monotonic

import pytest
from textual.widgets import Input

from exback_tui.app import ExBackApp
from exback_tui.delays import DEFAULT_DELAYS, Delays
from exback_tui.material import Material
from exback_tui.service import ExBackService
from tests.conftest import FIXED_TODAY

# No debounce: the app acts on typing at once, so a test waits on state, never on the
# clock. The autosave stays a (short) interval, and a test waits for the draft it writes.
INSTANT = Delays(check_draft=0, answer_idle=0, notes_idle=0, search=0, entry_view=0, autosave=0.01)

HOSTILE_TEXTS = [
    "[/]",
    "[bold",
    "[@click=app.quit]x[/]",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07after",
    "👩‍👩‍👧 together",
    "שלום עליכם",
]


@pytest.fixture
def ui_data_dir() -> Path:
    """The default data folder inside the test's own HOME (shown as ~/... on screen)."""
    return Path.home() / ".local" / "share" / "exback"


@pytest.fixture
def make_app(ui_data_dir: Path) -> Iterator[Callable[..., ExBackApp]]:
    """Build an ExBackApp on an opened service; closes every service afterwards."""
    services: list[ExBackService] = []

    def build(
        *,
        today: date = FIXED_TODAY,
        clock: Callable[[], date] | None = None,
        started_days_ago: int | None = None,
        target_days: int = 30,
        day_check_seconds: float = 30.0,
        now: Callable[[], datetime] | None = None,
        seed: Callable[[ExBackService], object] | None = None,
        material: Material | None = None,
        delays: Delays = DEFAULT_DELAYS,
    ) -> ExBackApp:
        service = ExBackService(ui_data_dir).open(for_tui=True)
        services.append(service)
        if started_days_ago is not None:
            service.begin(today, today - timedelta(days=started_days_ago), target_days)
        if seed is not None:
            seed(service)  # before the app reads the status
        app = ExBackApp(
            service,
            clock=clock or (lambda: today),
            day_check_seconds=day_check_seconds,
            now=now or (lambda: datetime.combine(today, time(7, 30), UTC)),
            material=material,
            delays=delays,
        )
        app.animation_level = "none"
        return app

    yield build
    for service in services:
        service.close()


def send_at_once(app: ExBackApp, *keys: str) -> None:
    """Queue every key at once, as tmux send-keys or a fast typist does (no wait between).

    `pilot.press` waits for the app to go idle after each key, which would
    hide keys handled out of order.
    """
    import unicodedata

    from textual import events
    from textual.app import _get_unicode_name_from_key
    from textual.keys import _character_to_key

    driver = app._driver
    assert driver is not None
    for key in keys:
        character: str | None
        if len(key) == 1:  # a character, as the terminal's parser makes its key
            character, key = key, _character_to_key(key)
        else:
            try:
                character = unicodedata.lookup(_get_unicode_name_from_key(key))
            except KeyError:
                character = None
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)


def quiet_cursors(app: ExBackApp) -> None:
    """Stop cursors blinking so screenshots don't depend on timing."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def settle(pilot) -> None:
    """Wait for saves in worker threads and the screen updates after them."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until(pilot, condition: Callable[[], object], what: str) -> None:
    """Let the app run until `condition()` holds: a wait on state, not on a number of seconds.

    The time limit only turns a hang into a failure that says what never happened.
    """
    deadline = monotonic() + 30
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()
    await settle(pilot)


def screen_text(app: ExBackApp) -> str:
    """Everything visible on the current screen, as plain text."""
    from textual.widget import Widget

    # Every widget that draws its own text (Static, Label, Countdown, Trends, ...).
    widgets = [w for w in app.screen.query("*") if type(w).render is not Widget.render]
    return "\n".join(str(widget.render()) for widget in widgets)


def top_line(app: ExBackApp, part: str) -> str:
    """What the dashboard's top lines show as `part` ("date", "warning", "review", "clock"
    or "care"): its rows joined by spaces, "" when it is not shown. Each row is checked
    to be on screen where the widget says, in the part's own colour."""
    from rich.cells import cell_len
    from textual.geometry import Region

    from exback_tui.widgets.dashboard_lines import DashboardLines

    lines = app.screen.query_one("#dashboard-top", DashboardLines)
    width, height = lines.region.size
    strips = lines.render_lines(Region(0, 0, width, height))
    colour = lines.get_visual_style(f"dashboard-lines--{part}").rich_style
    texts = []
    for row, column, text in lines.placed(part):
        drawn = strips[row].crop(column, column + cell_len(text))
        assert drawn.text == text, (part, row, strips[row].text)
        assert all(segment.style == colour for segment in drawn), (part, list(drawn))
        texts.append(text)
    return " ".join(texts)


def countdown_lines(app: ExBackApp, selector: str = "Countdown") -> list[str]:
    """What the countdown draws inside its border and padding, line by line."""
    from textual.geometry import Region

    countdown = app.screen.query_one(selector)
    width, height = countdown.region.size
    gutter = countdown.styles.gutter
    strips = countdown.render_lines(Region(0, 0, width, height))
    return [
        strip.text[gutter.left : width - gutter.right]
        for strip in strips[gutter.top : height - gutter.bottom]
    ]


def read_digits(rows: list[str]) -> str:
    """The number drawn in `rows` (3 rows of Textual's 3×3 digits font, or the font
    stretched to 5 or 7 rows), read back glyph by glyph; "?" for a glyph that is not a digit."""
    from rich.style import Style
    from textual.renderables.digits import Digits as DigitsFont

    scale = max(1, (len(rows) - 1) // 2)
    font_rows = [row[::scale] for row in rows[::scale]]
    glyphs: dict[tuple[str, ...], str] = {}
    for digit in "0123456789":
        drawn = "".join(segment.text for segment in DigitsFont(digit).render(Style()))
        glyphs[tuple(drawn.split("\n")[:3])] = digit
    width = max(len(row) for row in font_rows)
    font_rows = [row.ljust(width) for row in font_rows]
    return "".join(
        glyphs.get(tuple(row[x : x + 3] for row in font_rows), "?") for x in range(0, width, 3)
    )


def day_shown(app: ExBackApp, selector: str = "Countdown") -> str:
    """The day number the countdown shows: read from its cells, right of "Day"."""
    lines = countdown_lines(app, selector)
    rows = next(i for i, line in enumerate(lines) if line.startswith("Day")) + 1
    number = lines[:rows]
    start = min(len(line) - len(line[3:].lstrip()) for line in number if line[3:].strip())
    return read_digits([line[start:].rstrip() for line in number])
