"""`exback journal add | list | search`: real subprocesses, hostile text, the size cap, the lock."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from exback_tui.domain.text import printable
from exback_tui.exit_codes import DAMAGED, LOCKED
from exback_tui.service import ExBackService
from exback_tui.store.journal.store import read_journal
from tests.cli.conftest import Cli, Result, assert_one_line_error, folder_state, running_holder
from tests.conftest import FIXED_TODAY

# Text a person could type or paste; stored exactly, shown without control characters.
HOSTILE = [
    "[/]",
    "[bold",
    "[@click=app.quit]x[/]",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x9b31m C1 CSI",
    "nul\x00byte",
    "\u202eevil override\u202c",
    "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468 family "
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 right to left",
    "del\x7f and \x85 NEL",
    "\u2066isolate\u2069 crlf\r\nnext line",
]


def run_with_stdin(cli: Cli, data: bytes, *args: str, **kwargs) -> Result:
    """Run exback with `data` on standard input."""
    feed = cli.workdir / f"stdin-{os.urandom(4).hex()}"
    feed.write_bytes(data)
    with feed.open("rb") as stdin:
        return cli.run(*args, stdin=stdin, **kwargs)  # type: ignore[arg-type]


def add(cli: Cli, text: str, *args: str, **kwargs) -> Result:
    """`exback journal add - ARGS` with `text` on stdin, which must succeed."""
    result = run_with_stdin(cli, text.encode("utf-8"), "journal", "add", "-", *args, **kwargs)
    assert result.rc == 0, str(result)
    return result


def entries_json(cli: Cli, *args: str) -> list[dict]:
    return json.loads(cli.ok("journal", "list", "--json", *args).stdout)


def assert_display_safe(output: str) -> None:
    """Nothing a terminal would act on: no C0 but newline, no DEL, C1 or bidi controls."""
    assert printable(output, multiline=True).replace("\t", "") == output.replace("\t", "")
    assert "\t" not in output


# Adding and listing ---------------------------------------------------------------------


def test_add_list_round_trip(cli: Cli) -> None:
    three_days_ago = FIXED_TODAY - timedelta(days=3)
    first = cli.ok(
        "journal",
        "add",
        "Walked by the river.\nFelt fine.",
        "--title",
        "Monday walk",
        "--mood",
        "4",
        "--tag",
        "walk",
        "--tag",
        "#Self, calm",
        today=three_days_ago,
    )
    assert first.stdout == "Saved entry of 23 Nov 2026, 12:00.\n"
    assert first.stderr == ""
    add(cli, "\n  wanted to text them\nbut didn't\n", "--tag", "urge", today=FIXED_TODAY)

    listed = cli.ok("journal", "list")
    assert listed.stdout.splitlines() == [
        "2026-11-26 12:00  wanted to text them  #urge",
        "2026-11-23 12:00  Monday walk  #walk #Self #calm",
    ]
    assert listed.stderr == ""

    data = entries_json(cli)
    assert [e["text"] for e in data] == [
        "\n  wanted to text them\nbut didn't\n",  # stdin exactly, newlines kept
        "Walked by the river.\nFelt fine.",
    ]
    newest, oldest = data
    assert (oldest["title"], oldest["mood"], oldest["tags"]) == (
        "Monday walk",
        4,
        ["walk", "Self", "calm"],
    )
    assert (newest["title"], newest["mood"], newest["deleted"]) == ("", None, None)
    created = datetime.fromisoformat(oldest["created"])
    assert created.tzinfo is not None and created.date() == three_days_ago
    assert created.hour == 12
    assert newest["created"] == newest["updated"]
    assert len({e["id"] for e in data}) == 2

    # The file itself: one TinyDB journal, private, beside the plan.
    assert sorted(p.name for p in cli.data_dir.iterdir()) == ["exback.lock", "journal.json"]
    assert (cli.data_dir / "journal.json").stat().st_mode & 0o777 == 0o600


def test_list_filters_by_tag_and_since(cli: Cli) -> None:
    for days_ago, tag in [(10, "old"), (2, "Work"), (1, "work"), (0, "home")]:
        cli.ok(
            "journal",
            "add",
            f"{days_ago} days ago",
            "--tag",
            tag,
            today=FIXED_TODAY - timedelta(days=days_ago),
        )

    def firsts(*args: str) -> list[str]:
        return [
            line.split("  ")[1] for line in cli.ok("journal", "list", *args).stdout.splitlines()
        ]

    assert firsts() == ["0 days ago", "1 days ago", "2 days ago", "10 days ago"]
    assert firsts("--tag", "work") == ["1 days ago", "2 days ago"]
    assert firsts("--tag", "#WORK") == ["1 days ago", "2 days ago"]
    assert firsts("--since", "2 days ago") == ["0 days ago", "1 days ago", "2 days ago"]
    assert firsts("--since", "2026-11-25", "--tag", "work") == ["1 days ago"]
    assert firsts("--since", "today") == ["0 days ago"]
    assert cli.ok("journal", "list", "--tag", "none").stdout == "No journal entries yet.\n"
    since = entries_json(cli, "--since", "yesterday")
    assert [e["text"] for e in since] == ["0 days ago", "1 days ago"]


@pytest.mark.parametrize(
    "args",
    [
        ("--since", "tomorrow"),
        ("--since", "2026-12-01"),
        ("--since", "03/04/2026"),
        ("--since", ""),
        ("--tag", "a b"),
        ("--tag", b"\xff"),
    ],
    ids=["since-word", "since-future", "since-ambiguous", "since-empty", "two-tags", "tag-utf8"],
)
def test_bad_list_filters_are_refused(cli: Cli, args: tuple) -> None:
    cli.ok("journal", "add", "something")
    assert_one_line_error(cli.run("journal", "list", *args))


def test_list_of_a_folder_that_does_not_exist_creates_nothing(cli: Cli) -> None:
    assert cli.ok("journal", "list").stdout == "No journal entries yet.\n"
    assert cli.ok("journal", "list", "--json").stdout == "[]\n"
    assert cli.ok("journal", "search", "anything").stdout == "No entries match.\n"
    assert not cli.data_dir.exists()


def test_deleted_entries_are_not_listed_or_found(cli: Cli) -> None:
    cli.ok("journal", "add", "keep this one")
    cli.ok("journal", "add", "delete this one")
    with ExBackService(cli.data_dir).open(for_tui=False) as service:
        doomed = next(e for e in service.journal_entries() if e.text.startswith("delete"))
        service.delete_entry(datetime.now().astimezone(), doomed.id)
    assert [e["text"] for e in entries_json(cli)] == ["keep this one"]
    assert cli.ok("journal", "search", "delete").stdout == "No entries match.\n"
    assert "delete" not in cli.ok("journal", "list").stdout


def test_long_first_lines_and_tags_are_shortened(cli: Cli) -> None:
    long_line = "word " * 100
    tags = [f"tag{n:02d}" for n in range(15)]
    cli.ok("journal", "add", long_line + "\nsecond line", *(a for t in tags for a in ("--tag", t)))
    (line,) = cli.ok("journal", "list").stdout.splitlines()
    assert len(line) < 120
    assert line.startswith("2026-11-26 12:00  word word")
    assert "…" in line and "second line" not in line
    assert entries_json(cli)[0]["text"] == long_line + "\nsecond line"


# Refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mood", ["0", "6", "-1", "x", "2.5", ""])
def test_bad_mood_is_refused_and_creates_nothing(cli: Cli, mood: str) -> None:
    assert_one_line_error(cli.run("journal", "add", "text", "--mood", mood))
    assert not cli.data_dir.exists()


@pytest.mark.parametrize("mood", ["1", "5", " 3 "])
def test_good_moods(cli: Cli, mood: str) -> None:
    cli.ok("journal", "add", "text", "--mood", mood)
    assert entries_json(cli)[0]["mood"] == int(mood)


@pytest.mark.parametrize(
    "args",
    [
        ("journal", "add", b"caf\xe9"),
        ("journal", "add", b"\xff"),
        ("journal", "add", "text", "--title", b"\xff"),
        ("journal", "add", "text", "--tag", b"t\xe9"),
        ("journal", "search", b"\xff"),
    ],
    ids=["text-latin1", "text-ff", "title", "tag", "search"],
)
def test_invalid_utf8_arguments_are_refused(cli: Cli, args: tuple) -> None:
    result = cli.run(*args)
    assert_one_line_error(result)
    assert "UTF-8" in result.stderr
    assert not cli.data_dir.exists()


@pytest.mark.parametrize("data", [b"caf\xe9", b"ok\n\xff\xfe", b"\xed\xa0\x80 surrogate"])
def test_invalid_utf8_on_stdin_is_refused(cli: Cli, data: bytes) -> None:
    cli.ok("journal", "add", "existing entry")
    before = folder_state(cli.data_dir)
    result = run_with_stdin(cli, data, "journal", "add", "-")
    assert_one_line_error(result)
    assert "UTF-8" in result.stderr and "nothing was saved" in result.stderr
    assert folder_state(cli.data_dir) == before


@pytest.mark.parametrize(
    "args",
    [
        ("journal", "add", "text", "--title", "two\nlines"),
        ("journal", "add", "text", "--title", "t" * 201),
        ("journal", "add", "text", "--tag", "t" * 41),
        ("journal", "add", "text", *(a for n in range(21) for a in ("--tag", f"t{n}"))),
        ("journal", "add", "   \n  "),
        ("journal", "add"),
        ("journal",),
        ("journal", "remove", "x"),
    ],
    ids=[
        "title-lines",
        "title-long",
        "tag-long",
        "too-many-tags",
        "blank",
        "no-text",
        "no-action",
        "bad-action",
    ],
)
def test_bad_additions_are_refused_and_create_nothing(cli: Cli, args: tuple) -> None:
    assert_one_line_error(cli.run(*args))
    assert not cli.data_dir.exists()


def test_the_size_cap(cli: Cli) -> None:
    cli.ok("journal", "add", "an earlier entry")
    before = folder_state(cli.data_dir)
    result = run_with_stdin(cli, b"x" * 200_001, "journal", "add", "-")
    assert_one_line_error(result)
    assert "up to 200,000 characters" in result.stderr
    assert "200,001" in result.stderr and "Nothing was saved" in result.stderr
    assert folder_state(cli.data_dir) == before
    # Characters, not bytes: 200,000 two-byte characters fit.
    add(cli, "é" * 200_000)
    assert sorted(len(e["text"]) for e in entries_json(cli)) == [16, 200_000]
    assert "é" * 200_000 in [e["text"] for e in entries_json(cli)]


def test_a_huge_pipe_is_refused_without_reading_it_all(cli: Cli) -> None:
    result = run_with_stdin(cli, b"y" * 900_000, "journal", "add", "-")
    assert_one_line_error(result)
    assert "200,000 characters" in result.stderr
    assert not cli.data_dir.exists()


# Hostile text ---------------------------------------------------------------------------


def test_hostile_text_is_stored_exactly_and_shown_safely(cli: Cli) -> None:
    for number, text in enumerate(HOSTILE):
        when = FIXED_TODAY - timedelta(days=len(HOSTILE) - number)
        add(cli, f"{text}\nsecond line {number}", "--tag", f"x{number}", today=when)
    # A hostile title and tag, too.
    cli.ok("journal", "add", "body", "--title", "[bold \x1b[1mtitle\u202e", "--tag", "[/]\x1b[2J")

    listed = cli.ok("journal", "list")
    assert_display_safe(listed.stdout)
    lines = listed.stdout.splitlines()
    assert len(lines) == len(HOSTILE) + 1
    assert lines[0] == "2026-11-26 12:00  [bold [1mtitle  #[/][2J"
    shown = {line.split("  ")[1] for line in lines[1:]}
    assert printable(HOSTILE[0]) in shown and "[31mred[0m" in shown
    assert "nulbyte" in shown and "]0;title" in shown

    # --json: every text exactly as typed, and the bytes are terminal-safe too.
    data = entries_json(cli)
    stored = {e["tags"][0]: e["text"] for e in data}
    for number, text in enumerate(HOSTILE):
        assert stored[f"x{number}"] == f"{text}\nsecond line {number}"
    raw = cli.ok("journal", "list", "--json").stdout
    assert_display_safe(raw.replace("\n", ""))
    title_entry = next(e for e in data if e["text"] == "body")
    assert title_entry["title"] == "[bold \x1b[1mtitle\u202e"
    assert title_entry["tags"] == ["[/]\x1b[2J"]

    # On disk, too.
    on_disk = {e.tags[0]: e.text for e in read_journal(cli.data_dir)}
    assert on_disk == stored

    found = cli.ok("journal", "search", "red")
    assert_display_safe(found.stdout)
    assert found.stdout.splitlines()[0].endswith("[31mred[0m  #x3")
    everything = cli.ok("journal", "search", "line")
    assert_display_safe(everything.stdout)
    assert len(everything.stdout.splitlines()) == len(HOSTILE)


@pytest.mark.parametrize("text", HOSTILE[:4], ids=repr)
def test_hostile_text_as_an_argument(cli: Cli, text: str) -> None:
    result = cli.run("journal", "add", text)
    assert result.rc == 0, str(result)
    assert entries_json(cli)[0]["text"] == text
    assert_display_safe(cli.ok("journal", "list").stdout)


# Search -----------------------------------------------------------------------------------


def test_search_needs_every_word(cli: Cli) -> None:
    cli.ok("journal", "add", "Still THINKING about the beach", today=FIXED_TODAY - timedelta(1))
    cli.ok("journal", "add", "thinking of nothing", "--title", "Café")
    cli.ok("journal", "add", "unrelated", "--tag", "beach")

    def found(*words: str) -> list[str]:
        out = cli.ok("journal", "search", *words).stdout
        return (
            [] if out == "No entries match.\n" else [ln.split("  ")[1] for ln in out.splitlines()]
        )

    assert found("thinking") == ["Café", "Still THINKING about the beach"]
    assert found("thinking", "BEACH") == ["Still THINKING about the beach"]
    assert found("thinking beach") == ["Still THINKING about the beach"]
    assert found("beach") == ["unrelated", "Still THINKING about the beach"]  # tags count
    assert found("café") == ["Café"]
    assert found("thinking", "zebra") == []
    data = json.loads(cli.ok("journal", "search", "--json", "nothing").stdout)
    assert [e["text"] for e in data] == ["thinking of nothing"]
    assert_one_line_error(cli.run("journal", "search"))
    assert_one_line_error(cli.run("journal", "search", "  "))


# The lock -------------------------------------------------------------------------------

HOLD_TUI = """
import sys, time
from pathlib import Path
from exback_tui.service import ExBackService
service = ExBackService(Path(sys.argv[1])).open(for_tui=True)
service.journal_entries()  # the app loads the journal after first paint
print("ready", flush=True)
time.sleep(60)
"""


@pytest.fixture
def tui_running(cli: Cli) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the data lock with the journal open, as the app does."""
    with running_holder(cli, HOLD_TUI) as holder:
        yield holder


@pytest.fixture
def journal_before_tui(cli: Cli) -> dict[str, str]:
    cli.ok("journal", "add", "older [bold", "--tag", "t", today=date(2026, 11, 20))
    cli.ok("journal", "add", "newer", "--tag", "t")
    return {
        "list": cli.ok("journal", "list").stdout,
        "search": cli.ok("journal", "search", "older").stdout,
        "md": cli.ok("export").stdout,
        "json": cli.ok("export", "--format", "json").stdout,
    }


def test_reading_works_while_the_app_is_open(
    cli: Cli, journal_before_tui: dict[str, str], tui_running: subprocess.Popen[str]
) -> None:
    before = folder_state(cli.data_dir)
    assert cli.ok("journal", "list").stdout == journal_before_tui["list"]
    assert cli.ok("journal", "search", "older").stdout == journal_before_tui["search"]
    assert len(json.loads(cli.ok("journal", "list", "--json").stdout)) == 2
    assert cli.ok("export").stdout == journal_before_tui["md"]
    assert cli.ok("export", "--format", "json").stdout == journal_before_tui["json"]
    out = cli.workdir / "while-open.json"
    cli.ok("export", "--format", "json", "--output", str(out))
    assert out.read_text(encoding="utf-8") == journal_before_tui["json"]
    assert folder_state(cli.data_dir) == before
    assert tui_running.poll() is None


def test_adding_while_the_app_is_open_fails_clearly(
    cli: Cli, journal_before_tui: dict[str, str], tui_running: subprocess.Popen[str]
) -> None:
    before = folder_state(cli.data_dir)
    result = cli.run("journal", "add", "from the shell")
    assert_one_line_error(result, LOCKED)
    assert "open in another terminal" in result.stderr
    stdin_result = run_with_stdin(cli, b"from a pipe", "journal", "add", "-")
    assert_one_line_error(stdin_result, LOCKED)
    assert folder_state(cli.data_dir) == before
    assert tui_running.poll() is None


# A damaged journal ------------------------------------------------------------------------


def test_a_damaged_journal_is_reported_and_left_alone(cli: Cli) -> None:
    cli.ok("journal", "add", "first")
    journal = cli.data_dir / "journal.json"
    journal.write_bytes(journal.read_bytes()[:-9])
    before = journal.read_bytes()
    for args in (
        ("journal", "list"),
        ("journal", "search", "first"),
        ("journal", "add", "second"),
        ("export",),
        ("export", "--format", "json"),
    ):
        result = cli.run(*args)
        assert_one_line_error(result, DAMAGED)
        assert "journal.json" in result.stderr and "left exactly as it is" in result.stderr
        assert journal.read_bytes() == before
    copies = list(cli.data_dir.glob("journal.json.damaged-*"))
    assert len(copies) == 1 and copies[0].read_bytes() == before
