"""Item 7: hypothesis over the arguments of every subcommand of `exback`.

Each example runs `exback_tui.cli.main(argv)` in this process, in a fresh
sandbox (the working folder, HOME and EXBACK_DATA_DIR all inside it) holding
one of three data folders: none yet, a started plan, or a plan with
check-ins, slips and journal entries. Arguments mix valid options and values
with the hostile corpus, numbers and dates at the edges, option-like words,
stray tokens, a data folder that is a file or doesn't exist, and random
bytes on standard input.

Every run must end with status 0 or 2 and never a traceback (an exception
escaping main() fails the test). A status 2 prints one `exback:` line and
leaves every file in the sandbox byte-identical (nothing created either); so
does every command that only reads. Nothing printed holds a control
character. The TUI is never started (run_tui is replaced and must not be
reached unless no subcommand was given).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exback_tui import cli
from exback_tui.cli import tui as cli_tui
from exback_tui.service import ExBackService
from tests.reliability.support_rel2 import HOSTILE, count, forbidden, record, typed_text

# Values of every kind, for any option or position.
EDGE_VALUES = [
    "",
    " ",
    "-",
    "--",
    "0",
    "1",
    "3",
    "5",
    "10",
    "11",
    "21",
    "30",
    "-1",
    "+3",
    " 7 ",
    "007",
    "1_000",
    "1e3",
    "3.5",
    "nan",
    "inf",
    "99999999999999999999999999",
    "9" * 5000,
    "٣",
    "²",
    "３",
    "today",
    "yesterday",
    "tomorrow",
    "3 days ago",
    "0 days ago",
    "999999 days ago",
    "2026-11-01",
    "2026-02-29",
    "2024-02-29",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "15 Nov",
    "Nov 15 2026",
    "31 Feb",
    "03/04",
    "03/04/26",
    "99",
    "--json",
    "--short",
    "--help",
    "-h",
    "--version",
    "--data-dir",
    "--data-dir=",
    "--tag",
    "--contacted",
    "today",
    "journal",
    "add",
    "list",
    "search",
    "md",
    "json",
    "-x",
    "---",
]

argv_safe_hostile = st.sampled_from(HOSTILE).map(lambda t: t.replace("\x00", ""))
value = st.one_of(
    st.sampled_from(EDGE_VALUES),
    argv_safe_hostile,
    typed_text,
    st.integers().map(str),
    st.dates().map(date.isoformat),
)
number = st.one_of(st.integers(1, 5).map(str), st.integers(-3, 12).map(str), value)
day = st.one_of(
    st.integers(-3, 40000).map(lambda n: (date.today() - timedelta(days=n)).isoformat()),
    st.integers(0, 400).map(lambda n: f"{n} days ago"),
    value,
)

# Each subcommand: its words, and its options with the kind of value they take
# (None for a flag).
COMMANDS: dict[str, tuple[list[str], dict[str, st.SearchStrategy[str] | None]]] = {
    "today": (["today"], {"--json": None, "--short": None}),
    "start": (["start"], {"--on": day, "--target": number, "--breakup": day}),
    "slip": (["slip"], {"--note": value, "--trigger": value, "--undo": None}),
    "checkin": (
        ["checkin"],
        {
            "--mood": number,
            "--urge": number,
            "--contacted": None,
            "--trigger": value,
            "--on": day,
            "--yes": None,
        },
    ),
    "settings": (
        ["settings"],
        {
            "--target": number,
            "--breakup": st.one_of(day, st.just("none")),
            "--start": day,
            "--topics": value,
            "--theme": st.one_of(
                st.sampled_from(["dark", "light", "LIGHT", "textual-dark"]), value
            ),
            "--review-day": st.one_of(st.sampled_from(["sun", "Monday", "7", "default"]), value),
            "--json": None,
        },
    ),
    "journal add": (
        ["journal", "add"],
        {"--title": value, "--mood": number, "--tag": value},
    ),
    "journal list": (["journal", "list"], {"--tag": value, "--since": day, "--json": None}),
    "journal search": (["journal", "search"], {"--json": None}),
    "export": (
        ["export"],
        {"--format": st.sampled_from(["md", "json", "MD", ""]), "--output": None},
    ),
    "import": (["import"], {}),
    "journal": (["journal"], {}),
    "none": ([], {"--version": None, "--help": None}),
}

# What a sandbox holds before the command runs.
STATES = ("empty", "started", "full")


def build_state(folder: Path, state: str) -> None:
    if state == "empty":
        return
    service = ExBackService(folder).open(for_tui=False)
    try:
        today = date.today()
        service.begin(today - timedelta(days=3), today - timedelta(days=12), 30)
        if state == "full":
            service.check_in(today - timedelta(days=2), 3, 4, False)
            service.slip(today - timedelta(days=1), "the corpus \x1b[31m[/]")
            service.check_in(today, 2, 7, False)
            now = datetime.now(UTC)
            for index, text in enumerate(HOSTILE[:12]):
                service.add_entry(
                    now - timedelta(hours=index), text or "x", title=text[:40], tags=["t"]
                )
    finally:
        service.close()


TEMPLATES: dict[str, Path] = {}


def template(state: str) -> Path:
    """A data folder in `state`, built once per test session and copied for each example."""
    if state not in TEMPLATES:
        root = Path(tempfile.mkdtemp(prefix=f"exback-fuzz-{state}-"))
        build_state(root / "data", state)
        TEMPLATES[state] = root / "data"
    return TEMPLATES[state]


@st.composite
def command_lines(draw, command: str) -> tuple[list[str], str, bytes]:
    """(argv without --data-dir, how to name the data folder, standard input)."""
    words, options = COMMANDS[command]
    parts: list[list[str]] = []
    for option, kind in options.items():
        for _ in range(draw(st.integers(0, 2 if option == "--tag" else 1))):
            if kind is None:
                if option == "--output":
                    parts.append([option, draw(output_name)])
                else:
                    parts.append([option])
            elif draw(st.booleans()) and draw(st.booleans()):
                parts.append([f"{option}={draw(kind)}"])
            else:
                parts.append([option, draw(kind)])
    if command == "journal add":
        parts.append([draw(st.one_of(st.just("-"), value))])
    elif command == "journal search":
        parts.extend([w] for w in draw(st.lists(value, min_size=0, max_size=3)))
    elif command == "import":
        parts.append([draw(import_name)])
    parts = draw(st.permutations(parts)) if parts else parts
    # Stray tokens anywhere, now and then.
    if draw(st.integers(0, 4)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), [draw(value)])
    argv = list(words) + [token for part in parts for token in part]
    where = draw(st.sampled_from(["before", "after", "equals", "env", "file", "missing"]))
    stdin = draw(
        st.one_of(
            st.binary(max_size=200),
            st.sampled_from(HOSTILE).map(lambda t: t.encode("utf-8", "surrogatepass")),
        )
    )
    return argv, where, stdin


output_name = st.one_of(
    st.sampled_from(["-", "out.json", "out.md", "sub", "missing/out.md", ".", "", "data"]),
    typed_text.map(lambda t: "out-" + "".join(c for c in t if c not in "/\\~.")[:40]),
)
import_name = st.sampled_from(
    ["-", "export.json", "garbage.bin", "missing.json", "sub", "", "empty.json", "data/plan.json"]
)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root` (folders as None), with its bytes."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        found[name] = None if path.is_dir() else path.read_bytes()
    return found


@contextlib.contextmanager
def sandbox(state: str) -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="exback-fuzz-"))
    saved_env = {k: os.environ.get(k) for k in ("HOME", "XDG_DATA_HOME", "EXBACK_DATA_DIR")}
    saved_cwd = os.getcwd()
    try:
        if state != "empty":
            shutil.copytree(template(state), root / "data")
        (root / "home").mkdir()
        (root / "sub").mkdir()
        (root / "garbage.bin").write_bytes(os.urandom(64))
        (root / "empty.json").write_bytes(b"")
        if state == "full":
            (root / "export.json").write_bytes(
                cli_bytes(["--data-dir", str(root / "data"), "export", "--format", "json"])
            )
        else:
            (root / "export.json").write_bytes(b'{"format": "exback-export", "version": 1}')
        os.environ["HOME"] = str(root / "home")
        os.environ["XDG_DATA_HOME"] = str(root / "home" / "share")
        os.environ["EXBACK_DATA_DIR"] = str(root / "data")
        os.chdir(root)
        yield root
    finally:
        os.chdir(saved_cwd)
        for key, old in saved_env.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old
        shutil.rmtree(root, ignore_errors=True)


def cli_bytes(argv: list[str]) -> bytes:
    status, out, _ = run(argv, b"")
    assert status == 0
    return out


class TuiStarted(Exception):
    pass


def run(argv: list[str], stdin: bytes) -> tuple[int, bytes, str]:
    """main(argv) here: (status, stdout bytes, stderr text)."""
    out_bytes = io.BytesIO()
    stdout = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    stderr = io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = cli.main(argv)
            except SystemExit as exit_:  # argparse's --help and --version
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = saved_stdin
    stdout.flush()
    return status, out_bytes.getvalue(), stderr.getvalue()


READ_ONLY = {"today", "journal list", "journal search", "none", "journal"}


def fuzz_one(command: str, state: str, argv: list[str], where: str, stdin: bytes) -> None:
    with sandbox(state) as root:
        data = str(root / "data")
        if where == "before":
            argv = ["--data-dir", data, *argv]
        elif where == "after":
            argv = [*argv, "--data-dir", data]
        elif where == "equals":
            argv = [f"--data-dir={data}", *argv]
        elif where == "file":
            argv = ["--data-dir", str(root / "garbage.bin"), *argv]
        elif where == "missing":
            argv = ["--data-dir", str(root / "sub" / "new" / "deeper"), *argv]
        before = snapshot(root)
        started: list[Path] = []

        def no_tui(data_dir: Path) -> int:
            started.append(data_dir)
            return 0

        original = cli_tui.run_tui
        cli_tui.run_tui = no_tui
        try:
            status, out, err = run(argv, stdin)
        finally:
            cli_tui.run_tui = original
        after = snapshot(root)
    record("cli_fuzz", command=command, status=status, changed=after != before)
    context = f"argv={argv!r} state={state} status={status}\nstdout={out[:500]!r}\nstderr={err!r}"
    assert status in (0, 2), context
    assert "Traceback" not in err, context
    shown = out.decode("utf-8", "replace")
    assert not forbidden(shown.replace("\n", "").replace("\t", "")), context
    assert not forbidden(err.replace("\n", "")), context
    if status == 2:
        lines = err.rstrip("\n").split("\n")  # terminal lines (U+2028 breaks no line there)
        assert len(lines) == 1 and lines[0].startswith("exback:"), context
        assert after == before, context
    elif command in READ_ONLY or started:
        assert after == before, context


def fuzz_settings(default: int, deep: int):
    return settings(
        max_examples=count(default, deep),
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )


@pytest.mark.parametrize("command", list(COMMANDS))
def test_fuzz_every_subcommand(command):
    @fuzz_settings(120, 2000)
    @given(line=command_lines(command), state=st.sampled_from(STATES))
    def fuzz(line, state):
        argv, where, stdin = line
        fuzz_one(command, state, argv, where, stdin)

    fuzz()


@fuzz_settings(300, 5000)
@given(
    argv=st.lists(st.one_of(st.sampled_from(EDGE_VALUES), value), max_size=6),
    state=st.sampled_from(STATES),
)
def test_fuzz_any_words_at_all(argv, state):
    # No subcommand would start the TUI (replaced here); anything else must end in 0 or 2.
    fuzz_one("anything", state, argv, "env", b"")
