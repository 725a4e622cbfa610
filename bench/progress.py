"""Progress budgets from issue 13, at two years of history (six attempts, 2,000 entries).

- opening the Progress screen (`p`, its first open in a fresh app) against opening
  the common questions (`f`) in the same kind of run: the baseline key; budget 100 ms
  from the key to the painted screen;
- cold start to the painted dashboard with that history, against a hello-world
  Textual app (the dashboard must not pay for Progress);
- writing the HTML report (`exback report --format html --output FILE`), against
  `exback export --format json` of the same data; budget 1 s.

Prints medians and ratios. Usage: python bench/progress.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import ROOT, Pane, median_of, report, time_command, time_to_paint

BIN = Path(sys.executable).parent
BUDGET_KEY_SECONDS = 0.100
BUDGET_REPORT_SECONDS = 1.0


def seed_two_years(folder: Path) -> None:
    """Two years of generated history up to today, read in through the real service."""
    sys.path.insert(0, str(ROOT))
    from exback_tui.service import ExBackService
    from tests.generated_history import seed_two_years as seed

    with ExBackService(folder).open(for_tui=False) as service:
        seed(service, date.today())


def open_time(exback: str, key: str, expected: str, env: dict[str, str]) -> float:
    """Seconds from pressing `key` on a freshly painted dashboard until `expected` shows."""
    with Pane([exback], env) as pane:
        pane.wait_for("No contact")
        pane.wait_for("Last 30 days")
        pane.press(key)
        return pane.wait_for(expected)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench needs tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    # One idle session for the whole run: tmux's server otherwise exits with each
    # pane's session, and the next pane's new-session can race its exit and fail.
    idle = f"exback-bench-idle-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", idle, "sleep", "3600"], check=True)
    try:
        return measure(args.runs)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", idle], capture_output=True)


def measure(runs: int) -> int:
    """Run every measurement `runs` times; 0 if every budget holds."""
    with tempfile.TemporaryDirectory(prefix="exback-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        seed_two_years(data_dir)
        env = {**os.environ, "EXBACK_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
        exback = str(BIN / "exback")
        hello = [sys.executable, str(ROOT / "bench" / "hello_app.py")]
        out = Path(tmp) / "report.html"
        export = Path(tmp) / "export.json"

        print(f"exback progress at two years of history, {runs} runs each, medians")
        progress = median_of(runs, lambda: open_time(exback, "p", "How far you have come", env))
        faq = median_of(runs, lambda: open_time(exback, "f", "Common questions", env))
        start = median_of(runs, lambda: time_to_paint([exback], "No contact", env))
        base_start = median_of(runs, lambda: time_to_paint(hello, "Hello, world", env))
        written = median_of(
            runs,
            lambda: time_command([exback, "report", "--format", "html", "--output", str(out)], env),
        )
        exported = median_of(
            runs,
            lambda: time_command(
                [exback, "export", "--format", "json", "--output", str(export)], env
            ),
        )
        ok = report("p: Progress screen open", progress, faq, None, "f: common questions open")
        within = progress <= BUDGET_KEY_SECONDS
        print(f"{'':<36} budget {BUDGET_KEY_SECONDS * 1000:.0f} ms from the key: "
              + ("within budget" if within else "OVER BUDGET"))  # fmt: skip
        ok &= within
        report("start-up, two years of history", start, base_start, None, "hello-world app")
        report("report --format html", written, exported, None, "export --format json")
        within = written <= BUDGET_REPORT_SECONDS
        print(f"{'':<36} budget {BUDGET_REPORT_SECONDS * 1000:.0f} ms: "
              + ("within budget" if within else "OVER BUDGET"))  # fmt: skip
        ok &= within
        print(f"report size: {out.stat().st_size:,} bytes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
