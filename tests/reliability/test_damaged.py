"""Issue 5, item 3: damaged data files, and a file from a newer exback.

Each kind of damage (truncated, trailing garbage, empty, not UTF-8, JSON of
the wrong shape, a record of the wrong shape, a newer schema version) in
plan.json and in journal.json (and program.json where the app reads it):

- the command line refuses it with one line naming the file (the damaged-file
  status, exit_codes.DAMAGED);
- the file is never overwritten (bytes and times unchanged), and a private
  copy of a damaged one is kept beside it (a newer one is not damaged: it
  is left as it is, and nothing else is written);
- `exback` shows a screen saying what is wrong, where the file is and that a
  copy was kept, and offers "Start fresh" (the file moved aside, whole, to
  a clearly named file beside it; exback then opens as new) or "Quit"
  (the same status, nothing changed); pressed in the pilot, in a real terminal,
  and seen in a snapshot at 80x24;
- a damaged journal, found after the dashboard painted, is reported naming
  the file, and can be set aside from inside the app.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from textual import events

from exback_tui import cli as exback_cli
from exback_tui.exit_codes import DAMAGED
from exback_tui.screens.damaged import DamagedFileApp, DamagedFileScreen, offer_fresh_start
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.service import ExBackService
from exback_tui.store.errors import DamagedFile, NewerSchema, StoreError
from exback_tui.store.journal.store import read_journal
from exback_tui.store.lock import DataLock
from exback_tui.store.plan.records import SCHEMA_VERSION as PLAN_SCHEMA_VERSION
from exback_tui.store.plan.snapshot import read_plan_state
from tests.conftest import FIXED_TODAY
from tests.reliability.terminal import Tmux, exback_command
from tests.store.support import mode, temp_files
from tests.ui.conftest import settle

PLAN_VALID = {
    "meta": {"1": {"schema_version": PLAN_SCHEMA_VERSION}},
    "settings": {"1": {"target_days": 30, "breakup_date": None, "review_weekday": None}},
    "attempts": {"1": {"start": "2026-11-01", "end": None, "ended_by": None, "trigger": ""}},
    "checkins": {
        "1": {"on": "2026-11-20", "mood": 3, "urge": 4, "contacted": False, "added_later": False}
    },
}
JOURNAL_VALID = {
    "meta": {"1": {"schema_version": 1}},
    "entries": {
        "1": {
            "id": "a1",
            "created": "2026-11-20T08:00:00+00:00",
            "updated": "2026-11-20T08:00:00+00:00",
            "title": "",
            "text": "a hard morning 💔",
            "mood": 2,
            "tags": [],
            "prompt": None,
            "deleted": None,
        }
    },
}
PROGRAM_VALID_THEME = "textual-dark"


def cases(valid: dict, bad_record: dict, newer: dict) -> dict[str, bytes]:
    raw = orjson.dumps(valid, option=orjson.OPT_INDENT_2)
    return {
        "truncated": raw[: len(raw) // 2],
        "trailing-garbage": raw + b"\n}garbage",
        "empty": b"",
        "not-utf8": raw.replace("💔".encode(), b"\xff\xfe") if b"\xf0" in raw else b"\xff" + raw,
        "wrong-shape": orjson.dumps([valid]),
        "wrong-record": orjson.dumps(bad_record),
        "newer-version": orjson.dumps(newer),
    }


PLAN_CASES = cases(
    PLAN_VALID,
    {
        **PLAN_VALID,
        "settings": {"1": {"target_days": "thirty", "breakup_date": None, "review_weekday": None}},
    },
    # One version past the plan file this exback writes.
    {**PLAN_VALID, "meta": {"1": {"schema_version": PLAN_SCHEMA_VERSION + 1}}},
)
JOURNAL_CASES = cases(
    JOURNAL_VALID,
    {**JOURNAL_VALID, "entries": {"1": {**JOURNAL_VALID["entries"]["1"], "text": 5}}},
    {**JOURNAL_VALID, "meta": {"1": {"schema_version": 2}}},
)
CASES = {"plan.json": PLAN_CASES, "journal.json": JOURNAL_CASES}
every_case = pytest.mark.parametrize(
    ("name", "case"),
    [(name, case) for name, table in CASES.items() for case in table],
)


def lay_out(folder: Path, name: str, data: bytes) -> Path:
    """A folder with a good plan and journal (and lock file), then `name` replaced by `data`."""
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    for file, valid in (("plan.json", PLAN_VALID), ("journal.json", JOURNAL_VALID)):
        (folder / file).write_bytes(orjson.dumps(valid))
    with DataLock(folder, for_tui=True):
        pass
    path = folder / name
    path.write_bytes(data)
    for file in folder.iterdir():
        file.chmod(0o600)
    return path


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def copies(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}.damaged-*"))


def check_untouched(folder: Path, name: str, before: dict, newer: bool) -> None:
    """Nothing changed but, for a damaged file, one private copy of it beside it."""
    after = folder_state(folder)
    kept = copies(folder, name)
    if newer:
        assert kept == []
    else:
        [copy] = kept
        assert copy.read_bytes() == before[name][0]
        assert mode(copy) == 0o600
        del after[copy.name]
    assert after == before
    assert temp_files(folder) == []


# The command line ----------------------------------------------------------------------------

COMMANDS = {
    "plan.json": [("today",), ("today", "--json"), ("checkin", "--mood", "3", "--urge", "3")],
    "journal.json": [("journal", "list"), ("journal", "add", "new words"), ("export",)],
}


@every_case
def test_the_command_line_refuses_it_naming_the_file(
    capsys: pytest.CaptureFixture, data_dir: Path, name: str, case: str
) -> None:
    path = lay_out(data_dir, name, CASES[name][case])
    before = folder_state(data_dir)
    newer = case == "newer-version"
    for args in [*COMMANDS[name], ("export", "--format", "json")]:
        capsys.readouterr()
        rc = exback_cli.main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        assert rc == DAMAGED, (args, out, err)
        assert out == ""
        [line] = err.splitlines()
        assert line.startswith(f"exback: {path}") or f" {path}" in line, line
        if newer:
            assert "newer version of exback" in line and "left as it is" in line
        else:
            [copy] = copies(data_dir, name)
            assert "left exactly as it is" in line and f"A copy is kept at {copy}." in line
        check_untouched(data_dir, name, before, newer)


@pytest.mark.parametrize(
    ("name", "case", "args"),
    [
        ("plan.json", "empty", ("today",)),
        ("plan.json", "truncated", ("start",)),
        ("journal.json", "not-utf8", ("journal", "list")),
        ("journal.json", "newer-version", ("journal", "add", "x")),
    ],
)
def test_a_real_exback_process_refuses_it(cli, name: str, case: str, args) -> None:
    path = lay_out(cli.data_dir, name, CASES[name][case])
    before = folder_state(cli.data_dir)
    result = cli.run(*args)
    assert result.rc == DAMAGED, str(result)
    assert result.stderr_lines[0].startswith("exback: ") and str(path) in result.stderr
    assert len(result.stderr_lines) == 1 and "Traceback" not in result.stderr
    check_untouched(cli.data_dir, name, before, case == "newer-version")


# The screen: start fresh or quit ---------------------------------------------------------------

SCREEN_CASES = [
    *[("plan.json", case) for case in PLAN_CASES],
    ("program.json", "truncated"),
    ("program.json", "newer-version"),
    ("journal.json", "wrong-record"),
]


def problem_of(folder: Path) -> StoreError:
    """What opening the folder as the app does runs into (plan, then program, then journal)."""
    service = ExBackService(folder)
    try:
        service.open(for_tui=True)
        service.program()
        service.journal  # noqa: B018
    except (DamagedFile, NewerSchema) as error:
        return error
    finally:
        service.close()
    raise AssertionError("the folder opened without a problem")


def program_bytes(case: str) -> bytes:
    if case == "newer-version":
        return orjson.dumps({"meta": {"1": {"schema_version": 99}}})
    return b'{"meta": {"1": {"schema_vers'


def lay_out_case(folder: Path, name: str, case: str) -> Path:
    if name == "program.json":
        return lay_out(folder, name, program_bytes(case))
    return lay_out(folder, name, CASES[name][case])


def screen_words(app) -> str:
    screen = app.screen
    assert isinstance(screen, DamagedFileScreen)
    return " ".join(" ".join(str(w.render()).split()) for w in screen.query(".damaged-paragraph"))


@pytest.mark.parametrize(("name", "case"), SCREEN_CASES)
async def test_start_fresh_moves_the_file_aside_whole_and_exback_opens(
    ui_data_dir: Path, name: str, case: str
) -> None:
    path = lay_out_case(ui_data_dir, name, case)
    original = path.read_bytes()
    problem = problem_of(ui_data_dir)
    assert problem.path == path
    newer = case == "newer-version"
    app = DamagedFileApp(problem)
    with DataLock(ui_data_dir, for_tui=True):  # as `exback` holds it around the screen
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            words = screen_words(app)
            assert f"{name} is damaged" in words or f"{name} was written by a newer" in words
            assert f"It is at ~/.local/share/exback/{name}." in words
            assert "Nothing in it has been changed." in words
            assert ("A copy was kept at" in words) is not newer
            assert app.focused.id == "damaged-quit"  # the choice that changes nothing
            await pilot.press("left", "enter")
            await pilot.pause()
    aside = app.return_value
    assert aside is not None and aside.parent == ui_data_dir
    label = "newer-version" if newer else "damaged"
    assert aside.name.startswith(f"{name}.{label}-")
    assert aside.read_bytes() == original
    assert mode(aside) == 0o600
    assert not path.exists()
    assert [p for p in ui_data_dir.iterdir() if p.name.startswith(f"{name}.")] == [aside]
    # exback now opens: into onboarding if the plan was set aside, else with it intact.
    with ExBackService(ui_data_dir).open(for_tui=True) as service:
        service.program()
        assert service.journal_entries() == (
            [] if name == "journal.json" else read_journal(ui_data_dir)
        )
        assert (service.status(FIXED_TODAY).plan is None) is (name == "plan.json")


@pytest.mark.parametrize(
    ("name", "case"), [("plan.json", "truncated"), ("journal.json", "newer-version")]
)
@pytest.mark.parametrize("key", ["escape", "q", "enter"])
async def test_quit_changes_nothing(ui_data_dir: Path, name: str, case: str, key: str) -> None:
    lay_out_case(ui_data_dir, name, case)
    problem = problem_of(ui_data_dir)
    before = folder_state(ui_data_dir)
    app = DamagedFileApp(problem)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)  # Enter presses the focused button: Quit
        await pilot.pause()
    assert app.return_value is None
    assert folder_state(ui_data_dir) == before


async def test_a_file_that_cannot_be_moved_aside_is_said_and_nothing_changes(
    ui_data_dir: Path,
) -> None:
    path = lay_out(ui_data_dir, "plan.json", PLAN_CASES["empty"])
    problem = problem_of(ui_data_dir)
    path.unlink()  # gone by the time the button is pressed: the move fails
    before = folder_state(ui_data_dir)
    app = DamagedFileApp(problem)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DamagedFileScreen)
        error = str(app.screen.query_one("#damaged-error").render())
        assert "couldn't be moved aside" in error and "nothing was changed" in error
        await pilot.press("escape")
    assert app.return_value is None
    assert folder_state(ui_data_dir) == before


def test_the_damaged_file_screen(snap_compare, ui_data_dir: Path) -> None:
    lay_out(ui_data_dir, "plan.json", PLAN_CASES["trailing-garbage"])
    assert snap_compare(DamagedFileApp(problem_of(ui_data_dir)), terminal_size=(80, 24))


def test_the_newer_file_screen(snap_compare, ui_data_dir: Path) -> None:
    lay_out(ui_data_dir, "plan.json", PLAN_CASES["newer-version"])
    assert snap_compare(DamagedFileApp(problem_of(ui_data_dir)), terminal_size=(80, 24))


# In a real terminal: `exback` itself ------------------------------------------------------------


@pytest.fixture
def tmux(tmp_path: Path):
    terminal = Tmux(tmp_path, Path.home())
    yield terminal
    terminal.close()


def test_exback_offers_a_fresh_start_and_opens_onboarding(tmux: Tmux, ui_data_dir: Path) -> None:
    path = lay_out(ui_data_dir, "plan.json", PLAN_CASES["truncated"])
    original = path.read_bytes()
    tmux.run("app", exback_command(ui_data_dir))
    tmux.wait_for("app", "plan.json is damaged", "A copy was kept at", "Start fresh", "Quit")
    tmux.send("app", "Left", "Enter")
    shown = tmux.wait_for("app", "Welcome to exback", "Started fresh")
    [aside] = copies(ui_data_dir, "plan.json")
    assert aside.read_bytes() == original and not path.exists()
    assert aside.name in "".join(shown.replace("▌", "").split())  # the note says where it is
    tmux.send("app", "C-q")
    assert tmux.exit_status("app") == 0
    assert read_journal(ui_data_dir) != []  # the journal was not touched


def test_exback_quit_exits_damaged_and_says_why(tmux: Tmux, ui_data_dir: Path) -> None:
    path = lay_out(ui_data_dir, "plan.json", PLAN_CASES["newer-version"])
    tmux.run("app", exback_command(ui_data_dir))
    tmux.wait_for("app", "newer version of exback", "Start fresh")
    before = folder_state(ui_data_dir)
    tmux.send("app", "Escape")
    assert tmux.exit_status("app") == DAMAGED
    shown = "".join(tmux.screen("app", history=True).split())
    assert f"exback:{path}waswrittenbyanewerversionofexback" in shown, shown
    assert folder_state(ui_data_dir) == before
    assert path.read_bytes() == PLAN_CASES["newer-version"]


def test_exback_sets_a_damaged_program_file_aside_and_opens_the_dashboard(
    tmux: Tmux, ui_data_dir: Path
) -> None:
    path = lay_out(ui_data_dir, "program.json", program_bytes("truncated"))
    tmux.run("app", exback_command(ui_data_dir))
    tmux.wait_for("app", "program.json is damaged", "Start fresh")
    tmux.send("app", "Left", "Enter")
    tmux.wait_for("app", "Today's check-in", "Started fresh")
    assert not path.exists() and len(copies(ui_data_dir, "program.json")) == 1
    assert read_plan_state(ui_data_dir).plan is not None
    tmux.send("app", "C-q")
    assert tmux.exit_status("app") == 0


# A damaged journal, found after the dashboard painted -----------------------------------------


def damage_journal(case: str):
    def seed(service: ExBackService) -> None:
        (service.data_dir / "journal.json").write_bytes(JOURNAL_CASES[case])

    return seed


def notifications(app) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications]


@pytest.mark.parametrize("case", list(JOURNAL_CASES))
async def test_a_damaged_journal_is_reported_naming_the_file(
    make_app, ui_data_dir: Path, case: str
) -> None:
    app = make_app(started_days_ago=3, seed=damage_journal(case))
    path = ui_data_dir / "journal.json"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if isinstance(app.screen, DamagedFileScreen):  # the loader offers a fresh start
            words = screen_words(app)
            assert "journal.json" in words and "Nothing in it has been changed." in words
            await pilot.press("escape")
            await pilot.pause()
            assert app.return_code == DAMAGED
            return check_journal_kept(ui_data_dir, case)
        assert isinstance(app.screen, DashboardScreen)
        [(title, message)] = notifications(app)
        assert title == "The journal can't be opened"
        assert str(path) in message
        assert "left exactly as it is" in message or "left as it is" in message
        # Writing an entry is refused, naming the file; it is not overwritten.
        await pilot.press("n")
        await pilot.pause()
        app.post_message(events.Paste("words that can't be saved yet"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditorScreen)
        said = str(app.screen.query_one("#editor-message").render())
        assert str(path) in "".join(said.split())  # wrapped: compare without spaces
    check_journal_kept(ui_data_dir, case)


def check_journal_kept(folder: Path, case: str) -> None:
    assert (folder / "journal.json").read_bytes() == JOURNAL_CASES[case]
    assert len(copies(folder, "journal.json")) == (0 if case == "newer-version" else 1)


async def offer_or_find(app, pilot, folder: Path) -> None:
    """The fresh-start screen for the damaged journal: the app's own, or offered here."""
    if not isinstance(app.screen, DamagedFileScreen):
        with pytest.raises(DamagedFile) as caught:
            read_journal(folder)
        offer_fresh_start(app, caught.value)  # what the journal's loader can call
        await pilot.pause()
    assert isinstance(app.screen, DamagedFileScreen)


async def test_a_damaged_journal_can_be_set_aside_from_inside_the_app(
    make_app, ui_data_dir: Path
) -> None:
    app = make_app(started_days_ago=3, seed=damage_journal("trailing-garbage"))
    path = ui_data_dir / "journal.json"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await offer_or_find(app, pilot, ui_data_dir)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.journal == ()
        assert any("Started fresh" in message for _, message in notifications(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorScreen)
        await pilot.press("o", "k", "ctrl+s")
        await settle(pilot)
    [aside] = copies(ui_data_dir, "journal.json")
    assert aside.read_bytes() == JOURNAL_CASES["trailing-garbage"]
    assert [e.text for e in read_journal(ui_data_dir)] == ["ok"]
    assert mode(path) == 0o600


async def test_quitting_over_a_damaged_journal_exits_damaged(make_app, ui_data_dir: Path) -> None:
    app = make_app(started_days_ago=3, seed=damage_journal("empty"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await offer_or_find(app, pilot, ui_data_dir)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == DAMAGED
    assert (ui_data_dir / "journal.json").read_bytes() == b""


def test_without_a_terminal_exback_says_what_is_wrong_and_exits_damaged(cli) -> None:
    """No one to ask (stdin is not a terminal): the problem is printed, nothing is changed."""
    path = lay_out(cli.data_dir, "program.json", program_bytes("truncated"))
    before = folder_state(cli.data_dir)
    result = cli.run(timeout=30)  # no command: the app
    assert result.rc == DAMAGED, str(result)
    [line] = result.stderr_lines
    assert line.startswith(f"exback: Can't read {path}")
    check_untouched(cli.data_dir, "program.json", before, newer=False)
