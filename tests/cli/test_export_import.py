"""`exback export` and `exback import`: structure, exact text, 0600 files, round trip, refusals."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from exback_tui.domain.text import printable
from exback_tui.exit_codes import DAMAGED, LOCKED
from exback_tui.store.plan.snapshot import read_plan_state
from tests.cli.conftest import Cli, assert_one_line_error, folder_state
from tests.cli.test_journal import HOSTILE, add, run_with_stdin
from tests.conftest import FIXED_TODAY


def days_ago(n: int):
    return FIXED_TODAY - timedelta(days=n)


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(old)


def fill(cli: Cli) -> None:
    """A plan with a slip and check-ins, and journal entries over several days, hostile text too."""
    cli.start("11 days ago", today=days_ago(3))
    cli.ok("checkin", "--mood", "2", "--urge", "8", today=days_ago(3))
    cli.ok("slip", "--trigger", "[bold \x1b[31m 👨‍👩‍👧", today=days_ago(2))
    cli.ok("checkin", "--mood", "4", "--urge", "1", today=days_ago(1))
    for number, text in enumerate(HOSTILE):
        add(cli, text, "--tag", f"h{number}", "--mood", str(number % 5 + 1), today=days_ago(5))
    cli.ok("journal", "add", "the first of today", "--title", "Morning", today=FIXED_TODAY)
    cli.ok("journal", "add", "## not a heading\n---\nend", "--tag", "md", today=days_ago(1))


# Markdown ----------------------------------------------------------------------------------


def test_markdown_has_a_heading_per_day_newest_last(cli: Cli) -> None:
    cli.ok("journal", "add", "middle day", "--title", "Two", today=days_ago(2))
    cli.ok("journal", "add", "latest", "--mood", "5", "--tag", "a", "--tag", "b")
    cli.ok("journal", "add", "earliest", "--title", "One", today=days_ago(4))
    cli.ok("journal", "add", "## sneaky heading\n---", today=days_ago(2))
    out = cli.ok("export").stdout
    assert out == cli.ok("export", "--format", "md").stdout
    headings = [line for line in out.splitlines() if re.match(r"#{1,6} ", line)]
    assert [h for h in headings if h.startswith("## ")] == [
        "## Sunday 22 November 2026",
        "## Tuesday 24 November 2026",
        "## Thursday 26 November 2026",
    ]
    assert headings[0] == "# exback journal"
    assert out.index("earliest") < out.index("middle day") < out.index("latest")
    assert "### One (12:00)" in out and "### Two (12:00)" in out
    assert "*mood 5/5 · tags: a, b*" in out
    assert "\\## sneaky heading\n\\---" in out


def test_markdown_shows_hostile_text_without_control_characters(cli: Cli) -> None:
    for number, text in enumerate(HOSTILE):
        add(cli, text, today=days_ago(number))
    out = cli.ok("export").stdout
    assert printable(out, multiline=True) == out
    assert "[@click=app.quit]x[/]" in out and "[31mred[0m" in out and "nulbyte" in out
    assert "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468 family" in out
    assert "\u05e9\u05dc\u05d5\u05dd" in out


def test_export_of_an_empty_or_missing_folder(cli: Cli) -> None:
    assert cli.ok("export").stdout == "# exback journal\n"
    document = json.loads(cli.ok("export", "--format", "json").stdout)
    assert document["journal"]["entries"] == [] and document["plan"]["settings"] == []
    assert not cli.data_dir.exists()


# JSON ----------------------------------------------------------------------------------------


def test_json_export_holds_everything_exactly(cli: Cli) -> None:
    fill(cli)
    raw = cli.ok("export", "--format", "json").stdout
    # Safe to print: nothing in the bytes a terminal acts on.
    assert printable(raw, multiline=True) == raw
    document = json.loads(raw)
    assert (document["format"], document["version"]) == ("exback-export", 1)
    assert document["plan"]["schema_version"] == 2
    assert document["journal"]["schema_version"] == 1
    texts = {e["tags"][0]: e["text"] for e in document["journal"]["entries"] if e["tags"]}
    for number, text in enumerate(HOSTILE):
        assert texts[f"h{number}"] == text
    triggers = [a["trigger"] for a in document["plan"]["attempts"]]
    assert triggers == ["[bold \x1b[31m 👨‍👩‍👧", ""]
    assert [c["on"] for c in document["plan"]["checkins"]] == ["2026-11-23", "2026-11-25"]
    entries = document["journal"]["entries"]
    assert [e["created"] for e in entries] == sorted(e["created"] for e in entries)


# --output ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("mask", [0o022, 0o000])
def test_output_file_is_private_whatever_the_umask(cli: Cli, fmt: str, mask: int) -> None:
    cli.ok("journal", "add", "private thoughts")
    target = cli.workdir / f"export.{fmt}"
    old = os.umask(mask)
    try:
        result = cli.ok("export", "--format", fmt, "--output", str(target))
    finally:
        os.umask(old)
    assert result.stdout == f"Exported to {target} (readable only by you).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == cli.ok("export", "--format", fmt).stdout
    assert not [p for p in cli.workdir.iterdir() if p.name.endswith(".tmp")]


def test_output_replaces_an_existing_file_and_makes_it_private(cli: Cli, umask_000) -> None:
    cli.ok("journal", "add", "text")
    target = cli.workdir / "old.md"
    target.write_text("old content")
    target.chmod(0o666)
    cli.ok("export", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "text" in target.read_text() and "old content" not in target.read_text()


@pytest.mark.parametrize("where", ["folder", "missing-folder", "bad-utf8"])
def test_output_that_cannot_be_written_is_refused(cli: Cli, where: str) -> None:
    cli.ok("journal", "add", "text")
    before = folder_state(cli.workdir)
    target: str | bytes = {
        "folder": str(cli.workdir),
        "missing-folder": str(cli.workdir / "nope" / "x.md"),
        "bad-utf8": str(cli.workdir).encode() + b"/\xff.md",
    }[where]
    assert_one_line_error(cli.run("export", "--output", target))
    assert folder_state(cli.workdir) == before
    assert not (cli.workdir / "nope").exists()


def test_unknown_format_is_refused(cli: Cli) -> None:
    assert_one_line_error(cli.run("export", "--format", "xml"))


# Import: the round trip ----------------------------------------------------------------


def test_export_import_export_gives_the_same_bytes(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    first = cli.workdir / "first.json"
    cli.ok("export", "--format", "json", "--output", str(first))

    fresh = tmp_path / "fresh"
    result = cli.ok("import", str(first), data_dir=fresh)
    assert result.stdout.splitlines() == [
        f"Imported {len(HOSTILE) + 2} journal entries.",
        "Imported the no-contact plan and check-ins.",
    ]
    second = cli.workdir / "second.json"
    cli.ok("export", "--format", "json", "--output", str(second), data_dir=fresh)
    assert second.read_bytes() == first.read_bytes()
    assert read_plan_state(fresh) == read_plan_state(cli.data_dir)
    # The imported folder works like any other.
    assert cli.ok("today", data_dir=fresh).stdout == cli.ok("today").stdout
    assert cli.ok("journal", "list", data_dir=fresh).stdout == cli.ok("journal", "list").stdout
    assert cli.ok("export", data_dir=fresh).stdout == cli.ok("export").stdout
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    for name in ("plan.json", "journal.json"):
        assert stat.S_IMODE((fresh / name).stat().st_mode) == 0o600

    # Importing again adds nothing and writes nothing.
    before = folder_state(fresh)
    again = cli.ok("import", str(first), data_dir=fresh)
    assert again.stdout.splitlines() == [
        f"Imported 0 journal entries ({len(HOSTILE) + 2} already here).",
        "The plan in the file was not imported: this folder already has one.",
    ]
    assert folder_state(fresh) == before


def test_import_merges_new_entries_and_keeps_the_existing_plan(cli: Cli, tmp_path: Path) -> None:
    cli.start("11 days ago")
    cli.ok("journal", "add", "shared entry", today=days_ago(2))
    backup = cli.workdir / "backup.json"
    cli.ok("export", "--format", "json", "--output", str(backup))

    other = tmp_path / "other"
    cli.ok("start", "--on", "2 days ago", data_dir=other)
    cli.ok("journal", "add", "only here", data_dir=other)
    plan_before = read_plan_state(other)
    result = cli.ok("import", str(backup), data_dir=other)
    assert result.stdout.splitlines() == [
        "Imported 1 journal entry.",
        "The plan in the file was not imported: this folder already has one.",
    ]
    assert read_plan_state(other) == plan_before
    texts = [
        e["text"] for e in json.loads(cli.ok("journal", "list", "--json", data_dir=other).stdout)
    ]
    assert texts == ["only here", "shared entry"]


def test_import_from_stdin(cli: Cli, tmp_path: Path) -> None:
    cli.ok("journal", "add", "piped")
    raw = cli.ok("export", "--format", "json").stdout.encode()
    fresh = tmp_path / "fresh"
    result = run_with_stdin(cli, raw, "import", "-", data_dir=fresh)
    assert result.rc == 0, str(result)
    assert result.stdout == "Imported 1 journal entry.\n"


# Import: refusals ----------------------------------------------------------------------------


def good_export(cli: Cli) -> dict:
    return json.loads(cli.ok("export", "--format", "json").stdout)


def bad_files(document: dict) -> dict[str, bytes]:
    def changed(edit) -> bytes:
        copy = json.loads(json.dumps(document))
        edit(copy)
        return json.dumps(copy).encode()

    def set_entry(key: str, value: object):
        return lambda d: d["journal"]["entries"][0].__setitem__(key, value)

    return {
        "not-json": b"this is not json\n",
        "empty": b"",
        "truncated": json.dumps(document).encode()[:-10],
        "binary": b"\x00\xff\xfe\x89PNG",
        "plan-file": b'{"meta": {"1": {"schema_version": 1}}, "settings": {}}',
        "wrong-format": changed(lambda d: d.__setitem__("format", "other-app")),
        "newer-version": changed(lambda d: d.__setitem__("version", 2)),
        "newer-journal": changed(lambda d: d["journal"].__setitem__("schema_version", 9)),
        "entry-no-id": changed(lambda d: d["journal"]["entries"][0].pop("id")),
        "entry-text-null": changed(set_entry("text", None)),
        "entry-mood-7": changed(set_entry("mood", 7)),
        "entry-bad-date": changed(set_entry("created", "yesterday")),
        "entry-too-long": changed(set_entry("text", "x" * 200_001)),
        "entries-not-list": changed(lambda d: d["journal"].__setitem__("entries", {})),
        "bad-plan": changed(lambda d: d["plan"]["settings"][0].__setitem__("target_days", 3)),
        # Good entries first: a bad one later must still stop everything.
        "last-entry-bad": changed(lambda d: d["journal"]["entries"][-1].__setitem__("tags", 5)),
    }


def test_bad_import_files_change_nothing(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    files = bad_files(good_export(cli))
    target = tmp_path / "target"
    cli.ok("journal", "add", "already here", data_dir=target)
    before = folder_state(target)
    for name, content in files.items():
        path = cli.workdir / f"{name}.json"
        path.write_bytes(content)
        result = cli.run("import", str(path), data_dir=target)
        assert_one_line_error(result)
        assert "can't be imported" in result.stderr and "Nothing was changed" in result.stderr, name
        assert folder_state(target) == before, name


def test_bad_import_into_a_new_folder_creates_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.start()
    cli.ok("journal", "add", "x")
    files = bad_files(good_export(cli))
    fresh = tmp_path / "fresh"
    for name in ("not-json", "newer-version", "entry-mood-7"):
        path = cli.workdir / f"{name}.json"
        path.write_bytes(files[name])
        assert_one_line_error(cli.run("import", str(path), data_dir=fresh))
        assert not fresh.exists(), name
    assert_one_line_error(cli.run("import", str(cli.workdir / "missing.json"), data_dir=fresh))
    assert_one_line_error(cli.run("import", str(cli.workdir), data_dir=fresh))
    assert not fresh.exists()


def test_import_while_the_app_is_open_fails_clearly(cli: Cli, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.cli.test_journal import HOLD_TUI

    cli.ok("journal", "add", "x")
    backup = cli.workdir / "b.json"
    cli.ok("export", "--format", "json", "--output", str(backup))
    target = tmp_path / "target"
    cli.ok("journal", "add", "y", data_dir=target)
    before = folder_state(target)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_TUI, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = cli.run("import", str(backup), data_dir=target)
        assert_one_line_error(result, LOCKED)
        assert "open in another terminal" in result.stderr
        assert folder_state(target) == before
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()


def test_import_into_a_folder_with_a_damaged_journal_changes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    fill(cli)
    backup = cli.workdir / "backup.json"
    cli.ok("export", "--format", "json", "--output", str(backup))
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    (target / "journal.json").write_bytes(b'{"entries": {"1": ')
    (target / "journal.json").chmod(0o600)  # as exback keeps it (a looser one is tightened)
    before = folder_state(target)
    result = cli.run("import", str(backup), data_dir=target)
    assert_one_line_error(result, DAMAGED)
    assert "journal.json" in result.stderr
    # The plan was not imported on its own: nothing but the damaged copy and the lock is new.
    after = folder_state(target)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == [
        "exback.lock",
        *(p.name for p in target.glob("journal.json.damaged-*")),
    ]
    assert not (target / "plan.json").exists()
