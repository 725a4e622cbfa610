"""`exback export` and `exback import`: the data as one document, and back.

An export reads without the lock, so a running app doesn't stop it; an
import checks the whole file before it opens (or creates) the data folder.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from exback_tui.cli.common import count, open_for_write, service, shown, text_arg
from exback_tui.cli.errors import OK, UsageError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def export(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the export, or write it to --output (private to the user)."""
    data = service(data_dir).read_export(args.format)
    if args.output is None or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return OK
    from pathlib import Path

    from exback_tui.service import WriteFailed, WriteUnconfirmed

    target = Path(text_arg(args.output, "--output")).expanduser()
    if target.is_dir():
        raise UsageError(f"--output: {target} is a folder; give a file name")
    try:
        private = service(data_dir).write_export(target, data)
    except WriteUnconfirmed:
        raise UsageError(f"Wrote {target}, but the disk did not confirm it.") from None
    except WriteFailed as error:
        reason = error.error.strerror or str(error.error)
        raise UsageError(f"Couldn't write {target}: {reason}. Nothing was written.") from None
    if private:
        print(f"Exported to {shown(target)} (readable only by you).")
    else:  # a pipe, a device, the terminal: the note must not join the export
        print(f"exback: exported to {shown(target)}.", file=sys.stderr)
    return OK


# No export exback writes comes near this (10,000 entries take about 20 MB);
# /dev/zero or an endless pipe would otherwise be read until memory runs out.
MAX_IMPORT_BYTES = 1 << 30


def _read_capped(fd: int, source: str) -> bytes:
    """All of `fd`, refused (UsageError) once it passes MAX_IMPORT_BYTES."""
    import os

    too_large = UsageError(
        f"{shown(source)} is larger than {MAX_IMPORT_BYTES >> 20:,} MiB, far more than any "
        "exback export holds, so it was not read. Nothing was changed."
    )
    if os.fstat(fd).st_size > MAX_IMPORT_BYTES:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_IMPORT_BYTES:
            raise too_large
        chunks.append(chunk)


def import_(args: argparse.Namespace, data_dir: Path) -> int:
    """Read a JSON export back in: entries not already here, the plan into an empty folder."""
    from pathlib import Path

    from exback_tui.service import BadExport, check_import

    source = text_arg(args.file, "FILE")
    try:
        if source == "-":
            raw = _read_capped(sys.stdin.buffer.fileno(), source)
        else:
            with open(Path(source).expanduser(), "rb") as handle:
                raw = _read_capped(handle.fileno(), source)
    except OSError as error:
        raise UsageError(f"Can't read {source}: {error.strerror or error}") from None
    # Checked before the data folder is opened (or created): a bad file changes nothing.
    try:
        has_plan = check_import(raw)
    except BadExport as error:
        raise UsageError(f"{source} can't be imported: {error}. Nothing was changed.") from None
    with open_for_write(data_dir) as opened:
        plan_imported, added, present = opened.import_json(raw)
    print(f"Imported {count(added, 'journal entry', 'journal entries')}", end="")
    print(f" ({present} already here)." if present else ".")
    if plan_imported:
        print("Imported the no-contact plan and check-ins.")
    elif has_plan:
        print("The plan in the file was not imported: this folder already has one.")
    return OK
