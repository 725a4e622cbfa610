"""Start-up budgets from DESIGN.md, measured as ratios against baselines in the same run.

Each round runs ours and its baseline back to back (in alternating order); the verdict
is on the median of the rounds' ratios, so load on the machine hits both alike.

(a) Cold start to the first painted dashboard, against a minimal Textual app.
    Both run in a 100x30 tmux pane; the time is until `capture-pane` shows an
    expected string.
(b) `exback today`, against `python -c pass` on the same interpreter.

Prints medians and ratios. Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from common import ROOT, paired, report_paired, time_command, time_to_paint, tmux_server

BIN = Path(sys.executable).parent
BUDGET_TUI = 1.3
BUDGET_TODAY = 1.6


def seed_data_dir(folder: Path) -> None:
    """A plan started 11 days ago, written through the real service."""
    from exback_tui.service import ExBackService

    today = date.today()
    with ExBackService(folder).open(for_tui=False) as service:
        service.begin(today, today - timedelta(days=11))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="paired runs per measurement (median)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench needs tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="exback-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        seed_data_dir(data_dir)
        env = {**os.environ, "EXBACK_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
        python = sys.executable
        exback = str(BIN / "exback")
        hello = [python, str(ROOT / "bench" / "hello_app.py")]

        print(f"exback start-up, {args.runs} paired runs each, medians")
        tui = paired(
            args.runs,
            lambda: time_to_paint([exback], "No contact", env),
            lambda: time_to_paint(hello, "Hello, world", env),
        )
        ok = report_paired("cold start to painted dashboard", tui, BUDGET_TUI, "hello-world app")
        today = paired(
            args.runs * 3,
            lambda: time_command([exback, "today"], env),
            lambda: time_command([python, "-c", "pass"], env),
        )
        ok &= report_paired("exback today", today, BUDGET_TODAY, "python -c pass")
    return 0 if ok else 1


if __name__ == "__main__":
    with tmux_server():
        sys.exit(main())
