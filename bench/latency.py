"""Key latency and first paint, as DESIGN.md budgets them, in one run.

(a) First paint of the dashboard at 0, 1,000 and 10,000 journal entries,
    against a hello-world Textual app started in the same run (budget 1.3x).
(b) Every screen key, empty and at 10,000 entries: the time from the key to
    the screen showing what that key opens (budget 100 ms), medians and the
    slowest of the runs. Escape is listed apart: 100 ms of it is Textual's
    wait to tell a lone Escape from the start of an escape sequence, which is
    kept on purpose (it keeps arrow keys over a slow link from becoming
    Escape plus `[`).

Each measurement runs the installed `exback` in a 100x30 tmux pane and polls
the pane; a key is timed from `send-keys` until its screen's marker shows.
Prints one table. Usage: python bench/latency.py [--runs N] [--entries N]
[--keys-only] [--only "b 1,s 1"] [--first "b 1,s 1"] (the last three to time a few keys
while working on them; --first also times those keys on a fresh app, where each opens
its page for the first time).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, Pane, median_of, paired, report_paired, time_to_paint, tmux_server
from journal import app_env, make_data_dir

BUDGET_PAINT = 1.3
BUDGET_KEY_MS = 100.0
TODAY = "Today's check-in"  # on the dashboard and nowhere else


@dataclass(frozen=True)
class KeyCase:
    """Press `before` (untimed), then time `key` until `marker` is on screen."""

    name: str
    key: str
    marker: str | None
    before: tuple[tuple[str, str], ...] = ()  # (key, what shows once it has acted)
    escape: bool = False  # measured apart: see the module docstring


CASES = (
    KeyCase("b  the big questions", "b", "The four big questions"),
    KeyCase("b 1  big question 1", "1", "Big question 1 of 4", (("b", "The four big questions"),)),
    KeyCase("b 2  big question 2", "2", "Big question 2 of 4", (("b", "The four big questions"),)),
    KeyCase("b 3  big question 3", "3", "Big question 3 of 4", (("b", "The four big questions"),)),
    KeyCase("b 4  big question 4", "4", "Big question 4 of 4", (("b", "The four big questions"),)),
    KeyCase("s  the steps", "s", "The four steps"),
    KeyCase("s 1  step 1", "1", "Step 1 of 4", (("s", "The four steps"),)),
    KeyCase("s 2  step 2", "2", "Step 2 of 4", (("s", "The four steps"),)),
    KeyCase("s 3  step 3", "3", "Step 3 of 4", (("s", "The four steps"),)),
    KeyCase("s 4  step 4", "4", "Step 4 of 4", (("s", "The four steps"),)),
    KeyCase("j  the journal", "j", "Entries"),
    KeyCase("n  a new entry", "n", "Prompt "),
    KeyCase("u  the urge box", "u", "I want to contact them"),
    KeyCase("f  common questions", "f", "Common questions"),
    KeyCase("?  keys and help", "?", "The four big questions"),
    KeyCase("t  back to Today", "t", TODAY, (("s", "The four steps"),)),
    # Typed before each Enter; the mood alternates between runs so every save changes
    # the trend line (the marker None means: until the screen differs).
    KeyCase("Enter  save the check-in", "Enter", None, (("Tab", ""), ("6", ""), ("Tab", ""))),
    KeyCase("Escape  back to Today", "Escape", TODAY, (("b", "The four big questions"),), True),
)


def back_to_today(pane: Pane) -> None:
    """Escape until the dashboard shows, whatever was open."""
    elsewhere = {case.marker for case in CASES if case.marker} - {TODAY}
    for _ in range(6):
        screen = pane.screen()
        if TODAY in screen and not any(marker in screen for marker in elsewhere):
            break
        pane.press("Escape")
        time.sleep(0.25)
    pane.wait_for(TODAY)


def time_key(pane: Pane, case: KeyCase, run: int = 0, read: float = 0.15) -> float:
    back_to_today(pane)
    if case.marker is None:
        if run > 0:
            # A save leaves focus on "Contacted?": back past the urge to the mood,
            # or the mood typed next goes nowhere and the save changes nothing.
            pane.press("BTab")
            pane.press("BTab")
        pane.press(str(3 + run % 2))  # the check-in's mood: it starts focused
        time.sleep(0.1)
    for key, shows in case.before:
        pane.press(key)
        pane.wait_for(shows)
        time.sleep(0.1)
    time.sleep(read)  # let the screen settle: the key is timed from a quiet app
    screen = pane.screen()
    if case.marker is None:
        pane.press(case.key)
        return pane.wait_for_change(screen)
    if case.marker in screen:
        raise RuntimeError(f"{case.name}: {case.marker!r} shows before the key is pressed")
    pane.press(case.key)
    return pane.wait_for(case.marker)


def key_latencies(
    exback: str, folder: Path, runs: int, cases: tuple[KeyCase, ...] = CASES
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {case.name: [] for case in cases}
    with Pane([exback], app_env(folder)) as pane:
        pane.wait_for(TODAY)
        time.sleep(1.0)  # the journal loads after the first frame
        for case in cases:
            time_key(pane, case)  # one unmeasured warm-up: the first open builds the screen
            for run in range(1, runs + 1):
                timings[case.name].append(time_key(pane, case, run))
    return timings


def first_open(exback: str, folder: Path, case: KeyCase, read: float = 0.15) -> float:
    """The key on a fresh app: the cost of building the screen the first time (`read`:
    seconds between what `case.before` opened and the key)."""
    with Pane([exback], app_env(folder)) as pane:
        pane.wait_for(TODAY)
        time.sleep(1.0)
        return time_key(pane, case, read=read)


def print_keys(
    empty: dict[str, list[float]],
    full: dict[str, list[float]],
    entries: int,
    cases: tuple[KeyCase, ...] = CASES,
) -> bool:
    ok = True
    full_label = f"{entries:,}: median"
    print(f"{'key':<30} {'empty: median':>14} {'slowest':>9} {full_label:>15} {'slowest':>9}")
    for case in cases:
        row = [empty[case.name], full[case.name]]
        cells = []
        for values in row:
            cells += [statistics.median(values) * 1000, max(values) * 1000]
        over = not case.escape and max(cells[0], cells[2]) > BUDGET_KEY_MS
        ok &= not over
        verdict = "(measured apart)" if case.escape else ("OVER BUDGET" if over else "")
        print(
            f"{case.name:<30} {cells[0]:11.0f} ms {cells[1]:6.0f} ms "
            f"{cells[2]:12.0f} ms {cells[3]:6.0f} ms  {verdict}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--paint-runs",
        type=int,
        default=15,
        help="paired runs per first-paint row (as bench/startup.py: 5 moved the median by a"
        " quarter between rows of one tree)",
    )
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--keys-only", action="store_true", help="skip the first paint")
    parser.add_argument(
        "--only", default="", help='comma-separated keys to time, by name ("b 1,s 1")'
    )
    parser.add_argument(
        "--first",
        default="",
        help='comma-separated keys to time on a fresh app too, by name ("b 1,s 1")',
    )
    parser.add_argument(
        "--read",
        type=float,
        default=0.15,
        help="with --first: seconds the overview shows before the page key (a reader's pause)",
    )
    args = parser.parse_args()
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    cases = tuple(case for case in CASES if not wanted or case.name.split("  ")[0] in wanted)
    if not cases:
        print(f"no key named {args.only!r}", file=sys.stderr)
        return 2
    if shutil.which("tmux") is None:
        print("bench needs tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    python = sys.executable
    exback = str(Path(python).parent / "exback")
    hello = [python, str(ROOT / "bench" / "hello_app.py")]
    ok = True
    with tempfile.TemporaryDirectory(prefix="exback-bench-") as tmp:
        sizes = {0: Path(tmp) / "e0", 1_000: Path(tmp) / "e1k", args.entries: Path(tmp) / "full"}
        for count, folder in sizes.items():
            make_data_dir(folder, count)
        print(
            f"exback first paint ({args.paint_runs} paired runs) and keys"
            f" ({args.runs} runs each), medians"
        )
        # Paired rounds of exback and hello-world, so load on the machine hits both alike.
        for count, folder in sizes.items() if not args.keys_only else ():
            runs = paired(
                args.paint_runs,
                lambda f=folder: time_to_paint([exback], TODAY, app_env(f)),
                lambda f=folder: time_to_paint(hello, "Hello, world", app_env(f)),
            )
            ok &= report_paired(
                f"first paint, {count:,} entries", runs, BUDGET_PAINT, "hello-world app"
            )
        print()
        journal_key = next(case for case in CASES if case.key == "j")
        for count in (0, args.entries) if not args.keys_only else ():
            opened = median_of(args.runs, lambda c=count: first_open(exback, sizes[c], journal_key))
            label = f"j, first open, {count:,} entries"
            print(f"{label:<36} {opened * 1000:8.1f} ms")
        first = {name.strip() for name in args.first.split(",") if name.strip()}
        for case in (case for case in CASES if case.name.split("  ")[0] in first):
            for count in (0, args.entries):
                times = [
                    first_open(exback, sizes[count], case, args.read) for _ in range(args.runs)
                ]
                label = f"{case.name.split('  ')[0]}, first open, {count:,} entries"
                print(
                    f"{label:<36} {statistics.median(times) * 1000:8.1f} ms"
                    f"  (slowest {max(times) * 1000:.0f} ms)"
                )
        print()
        empty = key_latencies(exback, sizes[0], args.runs, cases)
        full = key_latencies(exback, sizes[args.entries], args.runs, cases)
        ok &= print_keys(empty, full, args.entries, cases)
    return 0 if ok else 1


if __name__ == "__main__":
    with tmux_server():
        sys.exit(main())
