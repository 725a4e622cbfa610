"""The `exback` command: the app with no arguments, quick subcommands otherwise.

Subcommands never import Textual. `exback today` is meant for shell prompts
and status lines, so it has a lean path of its own (`today.py`) that skips
argparse, the service, TinyDB and dateutil. Everything else is parsed by
`parser.py` and handled, through the service only, by:

- `plan.py`: start, slip, checkin;
- `journal.py`: journal add, list, search;
- `transfer.py`: export, import;
- `tui.py`: no command, the app (and the damaged-file question before it).

`dispatch.main` is the entry point (the `bin/exback` script and `python -m
exback_tui`). Errors print one line to stderr and exit with a status from
`exback_tui.exit_codes`, having changed nothing.
"""

from exback_tui.cli.dispatch import main

__all__ = ["main"]
