"""Progress budgets from issue 13, at two years of history (six attempts, 2,000 entries).

- opening the Progress screen (`p`, its first open in a fresh app whose journal has
  loaded) until its whole first screenful is painted (the title, the timeline and the
  calendar's first row), against opening the common questions (`f`), the journal (`j`)
  and the steps (`s`) the same way, interleaved round by round: the ratios are paired;
  budget 100 ms from the key to the painted screen; and `p` again in the same app;
- cold start to the painted dashboard with that history, against a hello-world
  Textual app (the dashboard must not pay for Progress);
- writing the HTML report (`exback report --format html --output FILE`), against
  `exback export --format json` of the same data; budget 1 s.

Prints medians and ratios. Usage: python bench/progress.py [--runs N] [--keys-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from common import ROOT, Pane, median_of, report, time_command, time_to_paint, tmux_server

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


@dataclass(frozen=True)
class OpenCase:
    """A key pressed on the dashboard, and what shows once its screen is painted."""

    name: str
    key: str
    markers: tuple[str, ...]  # every one on screen: the screen is painted (at 100x30)


PROGRESS = OpenCase(
    "p: Progress",
    "p",
    # The title, the last attempt's trigger and the calendar's first row (the lowest
    # thing in view at 100x30): the whole first screenful, not just its first line.
    ("How far you have come", "a friend's wedding", "Mo    "),
)
BASELINES = (
    OpenCase("f: common questions", "f", ("Common questions",)),
    OpenCase("j: the journal", "j", ("Entries",)),
    OpenCase("s: the steps", "s", ("The four steps",)),
)


def ready_dashboard(pane: Pane) -> None:
    """Wait for the dashboard with the journal loaded (it loads after the first frame)."""
    pane.wait_for("No contact")
    pane.wait_for("Latest entry")
    time.sleep(0.3)  # a quiet app: the key is timed alone


def open_time(pane: Pane, case: OpenCase) -> float:
    """Seconds from pressing the case's key until all its markers show and the screen has
    stopped changing (a first frame laid out again is not yet the painted screen)."""
    pane.press(case.key)
    shown = max(pane.wait_for(marker) for marker in case.markers)
    return max(shown, pane.last_change())


def first_open(exback: str, case: OpenCase, env: dict[str, str]) -> float:
    """The key on a fresh app, the journal loaded: the screen is built the first time."""
    with Pane([exback], env) as pane:
        ready_dashboard(pane)
        return open_time(pane, case)


def reopen(exback: str, case: OpenCase, env: dict[str, str], runs: int) -> list[float]:
    """The key again and again in one app, back to the dashboard with Escape in between."""
    times = []
    with Pane([exback], env) as pane:
        ready_dashboard(pane)
        open_time(pane, case)
        for _ in range(runs):
            pane.press("Escape")
            pane.wait_for("Today's check-in")
            time.sleep(0.3)
            times.append(open_time(pane, case))
    return times


def spread(values: list[float]) -> str:
    """Median and range in ms."""
    ms = sorted(v * 1000 for v in values)
    return f"{statistics.median(ms):6.0f} ms  ({ms[0]:.0f}-{ms[-1]:.0f})"


def measure_keys(exback: str, env: dict[str, str], runs: int) -> bool:
    """First opens of p and the baseline keys, interleaved round by round; then re-opens."""
    cases = (PROGRESS, *BASELINES)
    first_open(exback, PROGRESS, env)  # warm the file cache
    times: dict[str, list[float]] = {case.name: [] for case in cases}
    for _ in range(runs):
        for case in cases:
            times[case.name].append(first_open(exback, case, env))
    print(f"first open on a fresh app, the journal loaded; median (range) of {runs}, load {load()}")
    ours = times[PROGRESS.name]
    print(f"  {PROGRESS.name:<24} {spread(ours)}")
    for case in BASELINES:
        theirs = times[case.name]
        ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
        print(
            f"  {case.name:<24} {spread(theirs)}   p / {case.key}: "
            f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
        )
    again = reopen(exback, PROGRESS, env, runs)
    print(f"  {'p again (same app)':<24} {spread(again)}")
    worst = statistics.median(ours)
    within = worst <= BUDGET_KEY_SECONDS
    print(f"  budget {BUDGET_KEY_SECONDS * 1000:.0f} ms from the key (first open, median): "
          + ("within budget" if within else "OVER BUDGET"))  # fmt: skip
    return within


def load() -> str:
    """The machine's 1-minute load average, as `uptime` shows it."""
    return f"{os.getloadavg()[0]:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--keys-only", action="store_true", help="only the keys, no start-up")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench needs tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    with tmux_server():
        return measure(args.runs, keys_only=args.keys_only)


def measure(runs: int, *, keys_only: bool) -> int:
    """Run every measurement `runs` times; 0 if every budget holds."""
    with tempfile.TemporaryDirectory(prefix="exback-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        seed_two_years(data_dir)
        env = {**os.environ, "EXBACK_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
        exback = str(BIN / "exback")
        print(f"exback progress at two years of history, {runs} runs each")
        ok = measure_keys(exback, env, runs)
        if keys_only:
            return 0 if ok else 1
        hello = [sys.executable, str(ROOT / "bench" / "hello_app.py")]
        out = Path(tmp) / "report.html"
        export = Path(tmp) / "export.json"
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
