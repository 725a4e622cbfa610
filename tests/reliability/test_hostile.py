"""Item 5: hostile text in every field a user can type into, in the TUI and the CLI.

The corpus (tests/ui's HOSTILE_TEXTS plus support_rel2.EXTRA_HOSTILE: every
kind of terminal control, markup and links, direction overrides, wide and
combining text, huge lines) and hypothesis-generated text go into each
field. For every one: nothing crashes; what is drawn holds no control
character, lone surrogate or bidi override and nothing clickable (no link,
no `@click`), checked on every segment the compositor would send; the text
is stored exactly as the field held it; the JSON export holds the same
text and the Markdown export its printable form.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import shutil
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input

from exback_tui import cli
from exback_tui.app import ExBackApp
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import markdown_export, normalise_tags
from exback_tui.domain.text import printable
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.slip import SlipDialog
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.screens.journal import JournalScreen
from exback_tui.screens.onboarding import OnboardingScreen
from exback_tui.service import ExBackService
from exback_tui.store.export import folder_export
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.widgets.attempts import AttemptHistory
from exback_tui.widgets.entry_list import EntryList
from exback_tui.widgets.entry_text_area import EntryTextArea
from exback_tui.widgets.entry_view import EntryView
from exback_tui.widgets.scale import ScalePicker
from tests.conftest import FIXED_TODAY
from tests.reliability.support_rel2 import (
    HOSTILE,
    check_screen,
    count,
    forbidden,
    hostile_text,
    record,
    squash,
    visible_runs,
)
from tests.ui.conftest import INSTANT, settle

# The hostile corpus through every field: make test runs it, make test-fast skips it.
pytestmark = pytest.mark.slow

NOW = datetime.combine(FIXED_TODAY, time(7, 30), UTC)


# Driving the app ------------------------------------------------------------------


def new_app(folder: Path, *, started: bool = True) -> ExBackApp:
    service = ExBackService(folder).open(for_tui=True)
    if started:
        service.begin(FIXED_TODAY, FIXED_TODAY - timedelta(days=11), 30)
    # No debounce: the entry view follows the cursor at once, so nothing waits on the clock.
    app = ExBackApp(service, clock=lambda: FIXED_TODAY, now=lambda: NOW, delays=INSTANT)
    app.animation_level = "none"
    return app


async def paste(pilot, text: str) -> None:
    """A terminal paste: the app gets it and hands it to the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def fill(pilot, field: Input, text: str, *, paste_event: bool = False) -> str:
    """Empty `field` and paste `text` into it; return what it holds (exactly).

    A terminal paste reaches an Input as a Paste event, which inserts the
    first line; `paste_event` sends that event (a pause per field), otherwise
    the same insertion is made directly, so the corpus runs quickly.
    """
    field.focus()
    field.value = ""
    first_line = text.splitlines()[0] if text.splitlines() else ""
    if paste_event:
        await paste(pilot, text)
    elif first_line:
        field.insert_text_at_cursor(first_line)
    field.cursor_position = 0  # show the start of a long value
    value = field.value
    # A paste keeps its first line, or nothing if that would pass max_length.
    assert value in (first_line, ""), (value, text)
    return value


def assert_field_shows(field: Input, value: str) -> None:
    drawn = "".join(s.text for s in field.render_line(0) if not s.control)
    assert not forbidden(drawn), repr(drawn)
    for run in visible_runs(value, limit=max(0, field.size.width - 4)):
        assert run in squash(drawn), (run, drawn)


async def onboarding_round(pilot, texts: list[str], *, paste_event: bool) -> None:
    """Each text in each onboarding field, then Start: refused or saved, never a crash."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, OnboardingScreen)
    for text in texts:
        values = {}
        for name in ("breakup", "start", "target"):
            field = screen.query_one(f"#{name}", Input)
            values[name] = await fill(pilot, field, text, paste_event=paste_event)
            assert_field_shows(field, values[name])
        await field.action_submit()  # Enter on the target field: Start
        await pilot.pause()
        assert app.is_running
        if not isinstance(app.screen, OnboardingScreen):
            await settle(pilot)
            return  # the text happened to be a valid answer everywhere
        check_screen(app)
        for name in ("breakup", "start", "target"):
            assert screen.query_one(f"#{name}", Input).value == values[name]


async def finish_onboarding(pilot) -> None:
    screen = pilot.app.screen
    if not isinstance(screen, OnboardingScreen):
        return
    for name, value in (("breakup", ""), ("start", "11 days ago"), ("target", "30")):
        screen.query_one(f"#{name}", Input).value = value
    screen.query_one("#target", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)


async def checkin_keys(pilot, texts: list[str]) -> None:
    """Every character of every text as a key on the mood and urge pickers."""
    screen = pilot.app.screen
    for picker in screen.query(ScalePicker):
        for text in texts:
            for char in text[:40]:
                if len(char) == 1 and char.isprintable():
                    picker.post_message(events.Key(f"char_{ord(char)}", char))
        await pilot.pause()
        assert pilot.app.is_running
        value = picker.value
        assert value is None or picker.low <= value <= picker.high
    check_screen(pilot.app)


async def slip_dialog_round(pilot, texts: list[str], *, paste_event: bool) -> None:
    """Each text in the slip dialog's trigger: kept exactly, drawn safely, returned as typed."""
    app = pilot.app
    results: list[str | None] = []
    app.push_screen(SlipDialog(app.material.text["slip"], 11), results.append)
    await pilot.pause()
    field = app.screen.query_one("#slip-trigger", Input)
    value = ""
    for text in texts:
        value = await fill(pilot, field, text, paste_event=paste_event)
        assert_field_shows(field, value)
        await pilot.pause()
        check_screen(app)
    await pilot.press("enter")
    await pilot.pause()
    assert results == [value]
    assert isinstance(app.screen, DashboardScreen)


async def record_slip(pilot, text: str) -> str:
    """A real slip from the check-in, with `text` as its trigger; returns what was stored."""
    app = pilot.app
    screen = app.screen
    screen.query_one("#mood", ScalePicker).focus()
    await pilot.press("2", "tab", "8", "tab", "space", "enter")
    await pilot.pause()
    assert isinstance(app.screen, SlipDialog)
    value = await fill(pilot, app.screen.query_one("#slip-trigger", Input), text, paste_event=True)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen)
    check_screen(app)
    history = str(app.screen.query_one(AttemptHistory).render())
    assert not forbidden(history.replace("\n", ""))
    for run in visible_runs(value, limit=20):
        assert run in squash(history), (run, history)
    return value


async def write_entry(
    pilot, title: str, text: str, tags: str, *, paste_event: bool
) -> tuple[bool, tuple[str, str, str]]:
    """A new entry with these fields pasted in, saved with ctrl+s.

    Returns whether it was saved (the editor may refuse it, with a message on
    screen) and (title, text, tags) as the fields held them.
    """
    app = pilot.app
    before = len(app.service.journal_entries())
    app.action_new_entry()  # "n" would go to the focused Yes/No switch
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EntryEditorScreen)
    held_title = await fill(pilot, screen.query_one("#editor-title", Input), title)
    held_tags = await fill(
        pilot, screen.query_one("#editor-tags", Input), tags, paste_event=paste_event
    )
    area = screen.query_one(EntryTextArea)
    area.focus()
    if text:
        await paste(pilot, text)  # the TextArea takes every line
    else:
        await pilot.pause()
    held_text = area.text
    for y in range(area.size.height):
        drawn = "".join(s.text for s in area.render_line(y) if not s.control)
        assert not forbidden(drawn), repr(drawn)
    check_screen(app)
    if paste_event:
        await pilot.press("ctrl+s")
    else:
        screen.action_save()  # what ctrl+s does, without waiting on the key queue
    await settle(pilot)
    assert app.is_running
    if isinstance(app.screen, EntryEditorScreen):
        check_screen(app)  # the reason is shown; close without saving
        app.screen.dismiss()
        await settle(pilot)
    assert isinstance(app.screen, DashboardScreen)
    saved = len(app.service.journal_entries()) - before
    assert saved in (0, 1)
    return saved == 1, (held_title, held_text, held_tags)


def expected_saved(title: str, text: str, tags: str) -> bool:
    """Whether the editor saves these fields (it refuses only tags that don't fit)."""
    try:
        normalise_tags(tags)
    except InvalidInput:
        return False
    return True


async def journal_round(
    pilot, texts: list[str], saved: list[tuple[str, str, str]], *, paste_event: bool
) -> None:
    """The saved entries listed and shown safely; each text typed into search, From and To."""
    app = pilot.app
    app.action_journal()
    await settle(pilot)
    assert isinstance(app.screen, JournalScreen)
    await settle(pilot)  # the entry view follows the list's cursor
    check_screen(app)
    if saved:
        # The entry shown (entries written at the same minute come in any order)
        # is one of those saved, its title and text shown without controls.
        shown = squash(app.screen.query_one(EntryView).shown_text)
        assert not forbidden(shown)
        assert any(
            all(run in shown for run in visible_runs(title) + visible_runs(text, multiline=True))
            for title, text, _ in saved
        ), shown
    for text in texts:
        for name in ("search", "since", "until"):
            field = app.screen.query_one(f"#journal-{name}", Input)
            value = await fill(pilot, field, text, paste_event=paste_event)
            assert_field_shows(field, value)
            await field.action_submit()  # what Enter does
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, JournalScreen)
        check_screen(app)
        for name in ("search", "since", "until"):
            field = app.screen.query_one(f"#journal-{name}", Input)
            field.value = ""
            await field.action_submit()
    await pilot.press("escape")
    await settle(pilot)


def check_exports(folder: Path, saved: list[tuple[str, str, str]], triggers: list[str]) -> None:
    """The JSON export holds exactly what was stored; Markdown its printable form."""
    document = json.loads(folder_export(folder))
    exported = sorted(
        (e["title"], e["text"], tuple(e["tags"])) for e in document["journal"]["entries"]
    )
    assert exported == sorted((title, text, normalise_tags(tags)) for title, text, tags in saved)
    stored_triggers = [a.get("trigger", "") for a in document["plan"]["attempts"]]
    for trigger in triggers:
        assert trigger in stored_triggers
    markdown = markdown_export(read_journal(folder))
    assert not forbidden(markdown.replace("\n", "").replace("\t", ""))
    shown = squash(markdown).replace("\\", "")
    for _, text, _ in saved:
        for run in visible_runs(text, multiline=True):
            assert run.replace("\\", "") in shown, (run, text)


async def journey(folder: Path, texts: list[str], *, paste_event: bool = True) -> None:
    """Every TUI field, from onboarding to the journal, with `texts`.

    The editor gets three texts an entry (title, text and tags).
    """
    app = new_app(folder, started=False)
    triggers: list[str] = []
    saved: list[tuple[str, str, str]] = []
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await onboarding_round(pilot, texts, paste_event=paste_event)
            await finish_onboarding(pilot)
            await checkin_keys(pilot, texts)
            await slip_dialog_round(pilot, texts, paste_event=paste_event)
            triggers.append(await record_slip(pilot, "".join(texts)[:400]))
            for index in range(0, len(texts), 3):
                text = texts[index]
                title = texts[(index + 1) % len(texts)]
                tags = texts[(index + 2) % len(texts)]
                was_saved, held = await write_entry(
                    pilot, title, text, tags, paste_event=paste_event
                )
                assert was_saved == expected_saved(*held), held
                if was_saved:
                    saved.append(held)
            await journal_round(pilot, texts, saved, paste_event=paste_event)
            assert app.is_running
    finally:
        app.service.close()
    plan, _ = read_plan_state(folder)
    assert plan is not None and plan.attempts[0].trigger == triggers[0]
    stored = sorted((e.title, e.text, e.tags) for e in read_journal(folder))
    assert stored == sorted((t, x, normalise_tags(g)) for t, x, g in saved)
    check_exports(folder, saved, triggers)
    record("hostile_tui", texts=len(texts), entries_saved=len(saved), paste_events=paste_event)


async def test_the_corpus_in_every_tui_field(tmp_path):
    await journey(tmp_path / "data", HOSTILE, paste_event=False)


@settings(
    max_examples=count(3, 60),
    deadline=None,
    # An example is a whole app session: shrinking would take minutes, and the
    # failing texts are printed as they are.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(hostile_text, min_size=3, max_size=3))
def test_generated_text_in_every_tui_field(texts):
    folder = Path(tempfile.mkdtemp(prefix="exback-hostile-"))
    try:
        asyncio.run(journey(folder / "data", texts))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def test_a_character_int_refuses_does_not_crash_the_check_in(tmp_path):
    """'²' passes str.isdigit() but int() refuses it; it is a key on French keyboards."""
    app = new_app(tmp_path / "data")
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("²", "³", "¹", "٣")
            await pilot.pause()
            assert app.is_running
            assert app.screen.query_one("#mood", ScalePicker).value == 3  # ٣ is a decimal 3
    finally:
        app.service.close()


# The command line ------------------------------------------------------------------


def run_cli(*args: str) -> tuple[int, str, str]:
    """exback ARGS in this process: (exit status, stdout, stderr)."""
    err = io.StringIO()
    out_bytes = io.BytesIO()
    stdout = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
        try:
            status = cli.main(list(args))
        except SystemExit as exit_:  # --help, --version
            status = exit_.code if isinstance(exit_.code, int) else 2
    stdout.flush()
    return status, out_bytes.getvalue().decode("utf-8", "replace"), err.getvalue()


def cli_text(text: str) -> str:
    return text.replace("\x00", "")  # argv can't hold NUL


def cli_round(folder: Path, text: str) -> None:
    """`text` in every CLI argument that takes text."""
    text = cli_text(text)
    data = ["--data-dir", str(folder)]
    outputs: list[str] = []

    def run(*args: str) -> int:
        status, out, err = run_cli(*data, *args)
        assert status in (0, 2), (args, status, out, err)
        assert "Traceback" not in err
        outputs.extend((out, err))
        return status

    started = run("start", "--on", text) == 0 or run("start", "--on", "11 days ago") == 0
    assert started
    run("start", "--breakup", text)  # only for a first start: refused here
    run("checkin", "--mood", text, "--urge", "2")
    run("checkin", "--mood", "3", "--urge", text)
    plan_before, _ = read_plan_state(folder)
    assert plan_before is not None
    if run("slip", "--note", text) == 0:
        plan, _ = read_plan_state(folder)
        assert plan is not None and plan.attempts[0].trigger == text
    run("checkin", "--mood", "3", "--urge", "2", "--contacted", "--trigger", text)
    before = len(read_journal(folder))
    title = text.splitlines()[0][:200] if text.splitlines() else ""
    added = run("journal", "add", text, "--tag", text, "--title", title) == 0
    added_plain = run("journal", "add", text, "--tag", "ok") == 0
    entries = sorted(read_journal(folder), key=lambda e: (e.created, e.id))
    assert len(entries) == before + added + added_plain
    if added_plain:
        assert entries[-1].text == text and entries[-1].tags == ("ok",)
    run("journal", "list", "--tag", text)
    run("journal", "list", "--since", text)
    run("journal", "search", text)
    run("journal", "search", "--json", text)
    run("journal", "list", "--json")
    run("journal", "list")
    run("export", "--format", "md")
    run("export", "--format", "json")
    export = folder.parent / "export.json"
    assert run("export", "--format", "json", "--output", str(export)) == 0
    document = json.loads(export.read_bytes())
    texts = [e["text"] for e in document["journal"]["entries"]]
    if added_plain:
        assert text in texts
    md = folder.parent / "export.md"
    assert run("export", "--output", str(md)) == 0
    if added_plain and text.strip():
        shown = squash(md.read_text(encoding="utf-8")).replace("\\", "")
        for run_ in visible_runs(text, multiline=True):
            assert run_.replace("\\", "") in shown, (run_, text)
    record("hostile_cli", runs=len(outputs) // 2, entry_added=bool(added_plain))
    # What reaches the terminal never carries a control character (line breaks aside).
    for output in outputs:
        assert not forbidden(output.replace("\n", "").replace("\t", "")), repr(output)
        assert printable(output, multiline=True).replace("\t", "") == output.replace("\t", "")


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_the_corpus_in_every_cli_argument(tmp_path, text):
    cli_round(tmp_path / "data", text)


@settings(
    max_examples=count(60, 1000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=hostile_text)
def test_generated_text_in_every_cli_argument(text):
    folder = Path(tempfile.mkdtemp(prefix="exback-hostile-cli-"))
    try:
        cli_round(folder / "data", text)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_non_utf8_arguments_are_refused_cleanly(tmp_path):
    """Bytes that are not UTF-8 reach argv as lone surrogates: refused, nothing written."""
    bad = b"caf\xe9 \xff\xfe".decode("utf-8", "surrogateescape")
    data = ["--data-dir", str(tmp_path / "data")]
    assert run_cli(*data, "start", "--on", "3 days ago")[0] == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "data").iterdir() if p.is_file()}
    for args in (
        ("slip", "--note", bad),
        ("checkin", "--mood", "3", "--urge", "1", "--contacted", "--trigger", bad),
        ("journal", "add", bad),
        ("journal", "add", "fine", "--tag", bad),
        ("journal", "add", "fine", "--title", bad),
        ("journal", "list", "--tag", bad),
        ("journal", "search", bad),
        ("start", "--on", bad),
    ):
        status, out, err = run_cli(*data, *args)
        assert status == 2, (args, out, err)
        assert err.startswith("exback:") and "Traceback" not in err
        assert not forbidden(err.replace("\n", ""))
    after = {p.name: p.read_bytes() for p in (tmp_path / "data").iterdir() if p.is_file()}
    assert after == before


def test_text_stored_through_the_cli_is_shown_safely_in_the_tui(tmp_path):
    folder = tmp_path / "data"
    data = ["--data-dir", str(folder)]
    assert run_cli(*data, "start", "--on", "11 days ago")[0] == 0
    for text in HOSTILE:
        if cli_text(text).strip():
            run_cli(*data, "journal", "add", cli_text(text), "--tag", "x")
    assert run_cli(*data, "slip", "--note", cli_text("".join(HOSTILE[:8])))[0] == 0

    async def look() -> None:
        service = ExBackService(folder).open(for_tui=True)
        app = ExBackApp(service, clock=lambda: date.today(), now=lambda: NOW, delays=INSTANT)
        try:
            async with app.run_test(size=(100, 32)) as pilot:
                await settle(pilot)
                check_screen(app)
                app.action_journal()
                await settle(pilot)
                entry_list = app.screen.query_one(EntryList)
                # Every fourth entry in the view; the list scrolls past all of them.
                for row in range(0, len(HOSTILE), 4):
                    entry_list.cursor = row
                    await settle(pilot)
                    check_screen(app)
                assert app.is_running
        finally:
            service.close()

    asyncio.run(look())
