"""`exback completion bash|zsh|fish`: a shell completion script, generated from the parser.

shtab turns the argparse parser into each shell's script, so the completions
can't drift from the commands. It is imported here alone, when the script is
asked for: no other command (least of all `exback today`) pays for it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from exback_tui.cli.errors import OK

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def print_script(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the completion script for `args.shell`."""
    sys.stdout.write(script(args.shell))
    return OK


def script(shell: str) -> str:
    """The completion script for `shell`, with folders offered for DIR and files for FILE."""
    import argparse

    import shtab

    from exback_tui.cli.parser import build_parser

    parser = build_parser()
    pending: list[argparse.ArgumentParser] = [parser]
    while pending:
        current = pending.pop()
        for action in current._actions:
            # shtab reads an action's `complete` attribute (argparse doesn't declare it).
            if action.metavar == "DIR":
                vars(action)["complete"] = shtab.DIRECTORY
            elif action.metavar == "FILE":
                vars(action)["complete"] = shtab.FILE
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())
    text = shtab.complete(parser, shell=shell)
    return text if text.endswith("\n") else text + "\n"
