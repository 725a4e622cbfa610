"""Issue 12, items 1-2 and 5-11: no word lost, no file clobbered.

Each test is an attack tried as a hostile or unlucky user would, on real
files and (where it matters) real `exback` processes:

- 1: the lock file removed while the app is open, then command-line writes;
  another program replacing a data file under a running exback;
- 2: `export --output` onto exback's own files;
- 5, 9: an import that fails half-way (disk full, a lone-surrogate id);
- 6: `export --output` onto a symlink, a FIFO, /dev/stdout, `>(...)`;
- 7: symlinked lock and data files;
- 8: loose permissions on every kind of open;
- 10: dates near year 9999 in an import, and in the journal itself;
- 11: an endless import.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from exback_tui.domain.checkin import make_checkin
from exback_tui.exit_codes import BAD_INPUT, DAMAGED, LOCKED, OK
from exback_tui.service import ExBackService
from exback_tui.store.journal.store import JournalStore, read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.store.plan.store import PlanStore
from exback_tui.store.program.store import ProgramStore
from tests.cli.conftest import Cli, assert_one_line_error, folder_state
from tests.conftest import FIXED_TODAY
from tests.reliability import faults
from tests.store.support import REPO_ROOT

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)

# A stand-in for the running app: holds the service open as the app does (the
# lock, the plan, the program and the journal loaded) and saves on command.
APP = r"""
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from exback_tui.service import ExBackService

service = ExBackService(Path(sys.argv[1])).open(for_tui=True)
service.program()
service.journal_entries()
today = date.fromisoformat(sys.argv[2])
print("ready", flush=True)
for line in sys.stdin:
    command, _, text = line.strip().partition(" ")
    if command == "entry":
        service.add_entry(datetime.now(timezone.utc), text)
    elif command == "checkin":
        service.check_in(today, 2, 3, False)
    elif command == "answer":
        service.save_answer("q1", text, datetime.now(timezone.utc))
    print("saved", flush=True)
"""


@contextmanager
def running_app(cli: Cli) -> Iterator[subprocess.Popen[str]]:
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(cli.data_dir), cli.today.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=cli.workdir,
        env={**cli.env(), "PYTHONPATH": str(REPO_ROOT)},
    )
    assert app.stdout is not None and app.stdin is not None
    try:
        assert app.stdout.readline().strip() == "ready"
        yield app
    finally:
        app.kill()
        app.wait(timeout=10)
        app.stdin.close()
        app.stdout.close()


def app_saves(app: subprocess.Popen[str], command: str) -> None:
    assert app.stdin is not None and app.stdout is not None
    app.stdin.write(command + "\n")
    app.stdin.flush()
    assert app.stdout.readline().strip() == "saved"


def texts(folder: Path) -> set[str]:
    return {entry.text for entry in read_journal(folder)}


# 1. The lock file removed while the app is open -----------------------------------


def test_with_the_lock_file_removed_no_acknowledged_write_is_lost(cli: Cli) -> None:
    """Before the fix: `journal add` said "Saved entry" (exit 0), then the app's next save
    rewrote journal.json from memory and the entry was gone; the check-in was replaced."""
    cli.start()
    cli.ok("journal", "add", "written before the app opened")
    acknowledged = {"written before the app opened"}
    with running_app(cli) as app:
        (cli.data_dir / "exback.lock").unlink()
        added = cli.run("journal", "add", "written while the lock file was gone")
        assert added.rc in (OK, LOCKED), str(added)
        if added.rc == OK:
            acknowledged.add("written while the lock file was gone")
        checked = cli.run("checkin", "--mood", "5", "--urge", "1")
        assert checked.rc in (OK, LOCKED), str(checked)
        app_saves(app, "entry written in the app")
        acknowledged.add("written in the app")
        assert acknowledged <= texts(cli.data_dir)
        # Refused, not kept: the app holds the folder itself, which no script deletes.
        assert added.rc == LOCKED and checked.rc == LOCKED
        assert "exback is open in another terminal" in added.stderr
    assert acknowledged == texts(cli.data_dir)


def test_a_file_replaced_under_a_running_exback_is_merged_not_overwritten(
    data_dir: Path,
) -> None:
    """Another program (a sync tool, a second exback that found no lock) replaces each
    file while this one has it open. Before the fix every save rewrote the file from
    memory: the other program's entry, check-in and answer were gone."""
    with ExBackService(data_dir).open(for_tui=True) as app:
        app.begin(FIXED_TODAY, date(2026, 11, 1))
        app.add_entry(NOW, "the app's first entry")
        app.save_answer("q1", "the app's answer", NOW)
        # The other program, writing each file as exback itself does.
        other_journal = JournalStore.open(data_dir)
        other_journal.save(other_journal.entries()[0]._replace(id="x1", text="the other's entry"))
        other_plan = PlanStore.open(data_dir)
        other_plan.save(other_plan.state().plan, make_checkin(date(2026, 11, 25), 4, 4, False))
        other_program = ProgramStore.open(data_dir)
        answers = dict(other_program.state.answers)
        answers["q2"] = answers["q1"]._replace(key="q2", text="the other's answer")
        other_program.save(other_program.state._replace(answers=answers))
        # The app goes on saving.
        app.add_entry(NOW, "the app's second entry")
        app.check_in(FIXED_TODAY, 3, 5, False)
        app.save_answer("q3", "the app's later answer", NOW)
        assert {e.text for e in app.journal_entries()} == {
            "the app's first entry",
            "the other's entry",
            "the app's second entry",
        }
    assert texts(data_dir) == {
        "the app's first entry",
        "the other's entry",
        "the app's second entry",
    }
    state = read_plan_state(data_dir)
    assert [c.on for c in state.checkins] == [date(2026, 11, 25), FIXED_TODAY]
    with ExBackService(data_dir).open(for_tui=False) as later:
        answers = later.program().answers
    assert {key: answer.text for key, answer in answers.items()} == {
        "q1": "the app's answer",
        "q2": "the other's answer",
        "q3": "the app's later answer",
    }


def test_a_journal_put_back_to_an_older_copy_keeps_every_entry(data_dir: Path) -> None:
    """A sync tool restores last week's journal.json: the app's entries since are kept."""
    with ExBackService(data_dir).open(for_tui=True) as app:
        app.begin(FIXED_TODAY, date(2026, 11, 1))
        app.add_entry(NOW, "one")
        older = (data_dir / "journal.json").read_bytes()
        app.add_entry(NOW, "two")
        restored = data_dir / "journal.json.sync"
        restored.write_bytes(older)
        os.replace(restored, data_dir / "journal.json")
        app.add_entry(NOW, "three")
    assert texts(data_dir) == {"one", "two", "three"}


# 2. export --output onto exback's own files --------------------------------------------


@pytest.mark.parametrize("name", ["journal.json", "plan.json", "program.json", "exback.lock"])
def test_export_refuses_to_write_over_exbacks_own_files(cli: Cli, name: str) -> None:
    """Before the fix: exit 0, and the live journal was replaced by the export."""
    cli.start()
    cli.ok("journal", "add", "kept")
    with ExBackService(cli.data_dir).open(for_tui=False) as service:
        service.save_answer("q1", "an answer", NOW)
    before = folder_state(cli.data_dir)
    link = cli.workdir / "looks-harmless.md"
    link.symlink_to(cli.data_dir / name)
    other_name = cli.workdir / ".." / cli.data_dir.name / name
    for target in (cli.data_dir / name, link, other_name):
        for fmt in ("md", "json"):
            result = cli.run("export", "--format", fmt, "--output", str(target))
            assert_one_line_error(result, BAD_INPUT)
            assert "exback's own" in result.stderr
            assert folder_state(cli.data_dir) == before
    assert link.is_symlink()


# 6. export --output onto things that are not regular files --------------------------


@pytest.fixture
def system_stdout_kept() -> Iterator[None]:
    """Put /dev/stdout back if a run as root replaced it (as exback did before the fix)."""
    yield
    if os.geteuid() == 0 and not os.path.islink("/dev/stdout"):
        os.unlink("/dev/stdout")
        os.symlink("/proc/self/fd/1", "/dev/stdout")
        pytest.fail("exback replaced /dev/stdout with a regular file (put back)")


@pytest.mark.usefixtures("system_stdout_kept")
def test_export_to_dev_stdout_writes_through_it(cli: Cli) -> None:
    """`exback export --output /dev/stdout | wc -c`. Before the fix: as a user, exit 2
    ("Permission denied" making a temp file in /dev); as root, /dev/stdout replaced."""
    cli.start()
    cli.ok("journal", "add", "an entry")
    expected = cli.ok("export").stdout.encode()
    command = " ".join(
        f"'{part}'" for part in cli.command(["--data-dir", str(cli.data_dir), "export"])
    )
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} --output /dev/stdout | wc -c"],
        capture_output=True,
        text=True,
        env=cli.env(),
        cwd=cli.workdir,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) == len(expected)
    assert os.path.islink("/dev/stdout")


def test_export_through_a_symlink_replaces_the_file_not_the_link(cli: Cli) -> None:
    cli.start()
    real = cli.workdir / "backups" / "exback.md"
    real.parent.mkdir()
    real.write_text("last week's export")
    link = cli.workdir / "latest.md"
    link.symlink_to(real)
    cli.ok("export", "--format", "md", "--output", str(link))
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() != "last week's export"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_export_into_a_fifo_writes_through_it(cli: Cli) -> None:
    """Before the fix: the FIFO was replaced by a regular file and its reader hung."""
    cli.start()
    cli.ok("journal", "add", "through the pipe")
    fifo = cli.workdir / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = cli.run("export", "--output", str(fifo), timeout=30)
    if result.rc != OK:
        with open(fifo, "wb"):  # let the reader go
            pass
    reader.join(timeout=30)
    assert result.rc == OK, str(result)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert b"through the pipe" in received[0]


def test_export_into_a_process_substitution(cli: Cli) -> None:
    """`--output >(gzip > x)`. Before the fix: "No such file or directory: /dev/fd/63"."""
    cli.start()
    cli.ok("journal", "add", "squeezed")
    out = cli.workdir / "export.json.gz"
    command = " ".join(f"'{p}'" for p in cli.command(["--data-dir", str(cli.data_dir), "export"]))
    proc = subprocess.run(
        ["bash", "-c", f"{command} --output >(gzip > '{out}'); wait"],
        capture_output=True,
        text=True,
        env=cli.env(),
        cwd=cli.workdir,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    import gzip
    import time

    deadline = time.monotonic() + 10
    while True:
        try:
            data = gzip.decompress(out.read_bytes())
            break
        except (EOFError, OSError):
            assert time.monotonic() < deadline
            time.sleep(0.05)
    assert b"squeezed" in data


# 7. Symlinked lock and data files --------------------------------------------------------


def test_a_symlinked_lock_file_is_never_followed(cli: Cli, tmp_path: Path) -> None:
    """Before the fix: the victim became 0600; a missing target was created."""
    cli.start()
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    victim.chmod(0o644)
    lock = cli.data_dir / "exback.lock"
    lock.unlink()
    lock.symlink_to(victim)
    cli.ok("journal", "add", "one")
    cli.ok("checkin", "--mood", "5", "--urge", "5")
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert victim.read_text() == "someone else's file"
    lock.unlink()
    missing = tmp_path / "not-there" / "made-by-exback"
    missing.parent.mkdir()
    lock.symlink_to(missing)
    cli.ok("journal", "add", "two")
    assert not missing.exists()
    assert lock.is_symlink()


@pytest.mark.parametrize("name", ["plan.json", "journal.json", "program.json"])
def test_a_symlinked_data_file_is_refused_naming_it(cli: Cli, tmp_path: Path, name: str) -> None:
    """Before the fix: the first save silently turned the link into a regular file."""
    cli.start()
    cli.ok("journal", "add", "kept")
    with ExBackService(cli.data_dir).open(for_tui=False) as service:
        service.save_answer("q1", "an answer", NOW)
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / name
    os.replace(cli.data_dir / name, target)
    (cli.data_dir / name).symlink_to(target)
    before = target.read_bytes()
    json_export = ("export", "--format", "json")
    commands = {
        "plan.json": [("today",), ("checkin", "--mood", "5", "--urge", "5"), json_export],
        "journal.json": [("journal", "add", "new"), ("journal", "list"), ("export",)],
        "program.json": [json_export],
    }[name]
    for args in commands:
        result = cli.run(*args)
        assert_one_line_error(result, DAMAGED)
        assert f"{cli.data_dir / name} is a link" in result.stderr, str(result)
        assert (cli.data_dir / name).is_symlink()
        assert target.read_bytes() == before


# 8. Loose permissions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("today",), ("today", "--json"), ("journal", "list"), ("export",), ("journal", "add", "x")],
    ids=lambda a: " ".join(a),
)
def test_loose_permissions_are_tightened_on_every_open_and_said_once(
    cli: Cli, args: tuple[str, ...]
) -> None:
    """Before the fix: a 0777 folder with 0666 files stayed so through these commands."""
    cli.start()
    cli.ok("journal", "add", "kept")
    with ExBackService(cli.data_dir).open(for_tui=False) as service:
        service.save_answer("q1", "an answer", NOW)
    cli.data_dir.chmod(0o777)
    for path in cli.data_dir.iterdir():
        path.chmod(0o666)
    first = cli.run(*args)
    assert first.rc == OK, str(first)
    assert stat.S_IMODE(cli.data_dir.stat().st_mode) == 0o700
    for path in cli.data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    notes = [line for line in first.stderr_lines if "private" in line]
    assert len(notes) == 1, str(first)
    assert str(cli.data_dir) in notes[0]
    second = cli.run(*args)
    assert second.rc == OK and "private" not in second.stderr, str(second)


# 5, 9. An import changes all of its files or none --------------------------------------


def export_with(entries: list[dict], *, plan: bool = True, program: bool = True) -> bytes:
    """An export holding a started plan, an answer and `entries`."""
    document = {
        "format": "exback-export",
        "version": 1,
        "plan": {
            "schema_version": 1,
            "settings": [{"target_days": 30, "breakup": None}] if plan else [],
            "attempts": [{"start": "2026-11-01", "end": None, "ended_by": None, "trigger": ""}]
            if plan
            else [],
            "checkins": [],
        },
        "journal": {"schema_version": 1, "entries": entries},
    }
    if program:
        document["program"] = {
            "schema_version": 1,
            "answers": [{"key": "q1", "text": "imported", "updated": NOW.isoformat()}],
        }
    return json.dumps(document).encode()


def entry_row(entry_id: str, text: str = "imported entry", deleted: str | None = None) -> dict:
    return {
        "id": entry_id,
        "created": NOW.isoformat(),
        "updated": NOW.isoformat(),
        "title": "",
        "text": text,
        "mood": None,
        "tags": [],
        "prompt": None,
        "deleted": deleted,
    }


@pytest.fixture
def good_export(cli: Cli) -> bytes:
    """A real export of a folder with a plan, an answer and two entries."""
    source = cli.workdir / "source"
    cli.ok("start", "--on", "2026-11-01", data_dir=source)
    cli.ok("journal", "add", "first", data_dir=source)
    cli.ok("journal", "add", "second", data_dir=source)
    with ExBackService(source).open(for_tui=False) as service:
        service.save_answer("q1", "imported", NOW)
    return cli.ok("export", "--format", "json", data_dir=source).stdout.encode()


@pytest.mark.parametrize("failing", ["journal.json", "program.json", "plan.json"])
@pytest.mark.parametrize("step", ["write", "rename", "folder-fsync"])
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO])
def test_an_import_that_fails_half_way_changes_nothing(
    cli: Cli, good_export: bytes, failing: str, step: str, error: int
) -> None:
    """Before the fix: into an empty folder the plan was written, the journal failed,
    and the message said "Your last saved data is intact" (plan.json now existed)."""
    from exback_tui.cli import main

    source = cli.workdir / "export.json"
    source.write_bytes(good_export)
    cli.data_dir.mkdir(mode=0o700)
    before = folder_state(cli.data_dir)
    with faults.faulty(step, error, failing) as fault:
        status = main(["--data-dir", str(cli.data_dir), "import", str(source)])
    assert fault.fired == 1
    assert status == BAD_INPUT
    after = {k: v for k, v in folder_state(cli.data_dir).items() if k != "exback.lock"}
    assert after == {k: v for k, v in before.items() if k != "exback.lock"}
    # The same import then lands whole.
    assert main(["--data-dir", str(cli.data_dir), "import", str(source)]) == OK
    assert texts(cli.data_dir) == {"first", "second"}
    assert read_plan_state(cli.data_dir).plan is not None


def test_an_import_with_a_lone_surrogate_id_is_refused_whole(cli: Cli) -> None:
    """Before the fix: exit 1 with a TypeError traceback; plan.json created, no journal."""
    source = cli.workdir / "export.json"
    source.write_bytes(export_with([entry_row("ok-1"), entry_row("\udcff")]))
    result = cli.run("import", str(source))
    assert_one_line_error(result, BAD_INPUT)
    assert not cli.data_dir.exists()


# 10. Dates near year 9999 ----------------------------------------------------------------


def test_an_import_with_a_date_near_9999_is_refused(cli: Cli) -> None:
    """Before the fix: accepted; every later start died with OverflowError."""
    source = cli.workdir / "export.json"
    source.write_bytes(export_with([entry_row("far", deleted="9999-12-30T10:00:00+00:00")]))
    result = cli.run("import", str(source))
    assert_one_line_error(result, BAD_INPUT)
    assert not cli.data_dir.exists()


@pytest.mark.parametrize(
    ("section", "row"),
    [
        ("attempts", {"start": "9999-12-20", "end": None, "ended_by": None, "trigger": ""}),
        ("attempts", {"start": "1800-01-01", "end": None, "ended_by": None, "trigger": ""}),
        ("checkins", {"on": "9999-12-30", "mood": 3, "urge": 2, "contacted": False}),
        ("settings", {"target_days": 30, "breakup_date": "9999-12-31"}),
    ],
)
def test_an_import_with_a_plan_date_out_of_range_is_refused(
    cli: Cli, section: str, row: dict
) -> None:
    """Before the fix: only entries were checked; a plan dated 9999 was taken in."""
    document = json.loads(export_with([entry_row("ok")]))
    document["plan"][section] = [row]
    source = cli.workdir / "export.json"
    source.write_bytes(json.dumps(document).encode())
    result = cli.run("import", str(source))
    assert_one_line_error(result, BAD_INPUT)
    assert "out of range" in result.stderr
    assert not cli.data_dir.exists()


def test_a_journal_holding_a_date_near_9999_still_opens(data_dir: Path) -> None:
    """A journal.json that already holds one (from an older exback, or edited by hand)."""
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(FIXED_TODAY, date(2026, 11, 1))
        entry = service.add_entry(NOW, "near the end of time")
        service.journal.save(entry._replace(deleted=datetime(9999, 12, 30, 10, tzinfo=UTC)))
    with ExBackService(data_dir).open(for_tui=True) as service:
        assert service.purge_expired(FIXED_TODAY) == 0
        assert service.purge_expired(date(9999, 12, 31)) == 0
        assert [e.text for e in service.journal_entries()] == ["near the end of time"]


# 11. An endless import --------------------------------------------------------------


@pytest.mark.parametrize("source", ["/dev/zero", "-"])
def test_an_endless_import_is_refused_with_a_clear_message(cli: Cli, source: str) -> None:
    """Before the fix: read without limit, until MemoryError (here: a 1 GiB address space)."""
    import resource

    from exback_tui.cli.transfer import MAX_IMPORT_BYTES

    limit = MAX_IMPORT_BYTES + 700 * 2**20

    def small_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    command = cli.command(["--data-dir", str(cli.data_dir), "import", source])
    with open("/dev/zero", "rb") as zeros:
        proc = subprocess.run(
            command,
            stdin=zeros,
            capture_output=True,
            text=True,
            env=cli.env(),
            cwd=cli.workdir,
            preexec_fn=small_memory,
            timeout=120,
        )
    assert proc.returncode == BAD_INPUT, proc.stderr[-2000:]
    assert proc.stderr.startswith("exback: ") and "Traceback" not in proc.stderr
    assert "larger than" in proc.stderr
    assert not cli.data_dir.exists()
