"""Start-up budgets from DESIGN.md, measured as ratios against baselines in the same run.

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
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUDGET_TUI = 1.3
BUDGET_TODAY = 2.0


def seed_data_dir(folder: Path) -> None:
    """A plan started 11 days ago, written through the real service."""
    from exback_tui.service import ExBackService

    today = date.today()
    with ExBackService(folder).open(for_tui=False) as service:
        service.begin(today, today - timedelta(days=11))


def time_to_paint(command: str, expected: str, env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from starting `command` in a fresh tmux pane until `expected` is on screen."""
    session = f"exback-bench-{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    start = time.perf_counter()
    # A running tmux server gives new panes its own environment, not ours: pass it on.
    exports = [f"{key}={value}" for key, value in env.items() if key.startswith("EXBACK_")]
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "100",
            "-y",
            "30",
            "env",
            *exports,
            *command.split(),
        ],
        check=True,
        env=env,
    )
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if expected in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{expected!r} never appeared for: {command}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def time_command(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(runs: int, measure) -> float:
    measure()  # warm the file cache; cold start means a new process, not a cold disk
    return statistics.median(measure() for _ in range(runs))


def report(name: str, ours: float, base: float, budget: float, base_name: str) -> bool:
    ratio = ours / base
    verdict = "within budget" if ratio <= budget else "OVER BUDGET"
    print(
        f"{name:<34} {ours * 1000:8.1f} ms   {base_name:<26} {base * 1000:8.1f} ms   "
        f"ratio {ratio:4.2f}x (budget {budget}x) {verdict}"
    )
    return ratio <= budget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per measurement (median)")
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
        hello = f"{python} {ROOT / 'bench' / 'hello_app.py'}"

        print(f"exback start-up, {args.runs} runs each, medians")
        tui = median_of(args.runs, lambda: time_to_paint(exback, "No contact", env))
        base_tui = median_of(args.runs, lambda: time_to_paint(hello, "Hello, world", env))
        today = median_of(args.runs * 3, lambda: time_command([exback, "today"], env))
        base_today = median_of(args.runs * 3, lambda: time_command([python, "-c", "pass"], env))
        ok = report(
            "cold start to painted dashboard", tui, base_tui, BUDGET_TUI, "hello-world Textual app"
        )
        ok &= report("exback today", today, base_today, BUDGET_TODAY, "python -c pass")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
