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
        service(data_dir).write_export(target, data)
    except WriteUnconfirmed:
        raise UsageError(f"Wrote {target}, but the disk did not confirm it.") from None
    except WriteFailed as error:
        reason = error.error.strerror or str(error.error)
        raise UsageError(f"Couldn't write {target}: {reason}. Nothing was written.") from None
    print(f"Exported to {shown(target)} (readable only by you).")
    return OK


def import_(args: argparse.Namespace, data_dir: Path) -> int:
    """Read a JSON export back in: entries not already here, the plan into an empty folder."""
    from pathlib import Path

    from exback_tui.service import BadExport, check_import

    source = text_arg(args.file, "FILE")
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).expanduser().read_bytes()
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
