"""Journal budgets from DESIGN.md, at 10,000 generated entries, as ratios in one run.

- cold start to the painted dashboard with 10,000 entries, against an empty
  journal and against a hello-world Textual app (budget 1.5x the latter);
- opening the journal screen (`j`) with 10,000 entries, against an empty journal;
- one durable save at 100, 1,000 and 10,000 entries, against a plain
  `json.dumps` of the same data (the floor; budget 60 ms at 10,000);
- one search over 10,000 entries;
- peak memory (VmHWM) of the app with 10,000 entries, against an empty journal
  (budget 1.5x).

Usage: python bench/journal.py [--runs N] [--entries N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from common import ROOT, Pane, median_of, report, time_to_paint

BUDGET_START_WITH_JOURNAL = 1.5
BUDGET_SAVE_SECONDS = 0.060
BUDGET_MEMORY = 1.5

WORDS = (  # noqa: SIM905 - prose reads better than a list of words
    "today morning still thinking about them walked the long way home called my sister "
    "coffee rain work tired hopeful angry calm again breathe list of things I miss "
    "café naïve déjà vu über straße 😀 🌧️ 👩‍👩‍👧 שלום مرحبا 日本語 こんにちは"
).split()


def generated_entries(count: int, seed: int = 7):
    """`count` entries with realistic lengths and unicode, written over two years."""
    from exback_tui.domain.journal import new_entry

    rng = random.Random(seed)
    zone = timezone(timedelta(hours=1))
    start = datetime(2024, 11, 26, 7, 0, tzinfo=zone)
    for number in range(count):
        length = int(rng.lognormvariate(5.0, 0.9))  # median ~150 words, a long tail
        text = " ".join(rng.choice(WORDS) for _ in range(max(5, min(length, 4000))))
        when = start + timedelta(minutes=number * 105 + rng.randint(0, 60))
        yield new_entry(
            f"{number:032x}",
            when,
            text,
            title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))),
            mood=rng.choice([None, 1, 2, 3, 4, 5]),
            tags=rng.sample(["sad", "hope", "work", "family", "urge", "sleep"], rng.randint(0, 3)),
        )


def make_data_dir(folder: Path, entries: int) -> None:
    """A data folder with a plan started 11 days ago and `entries` journal entries."""
    from exback_tui.service import ExBackService

    today = date.today()
    with ExBackService(folder).open(for_tui=False) as service:
        service.begin(today, today - timedelta(days=11))
        if entries:
            service.journal.add_many(generated_entries(entries))


def app_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "EXBACK_DATA_DIR": str(folder), "TERM": "xterm-256color"}


def time_open_journal(exback: str, folder: Path, expected: str) -> float:
    """Seconds from pressing `j` on a painted dashboard until `expected` shows."""
    with Pane([exback], app_env(folder)) as pane:
        pane.wait_for("No contact")
        time.sleep(0.5)  # let the journal finish loading in the background
        pane.press("j")
        return pane.wait_for(expected)


def peak_memory_kib(python: str, folder: Path) -> int:
    """VmHWM of the app after the dashboard painted and the journal loaded."""
    pid_file = folder.parent / f"{folder.name}.pid"
    launcher = (
        "import os, sys; "
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid())); "
        "from exback_tui.cli import main; sys.exit(main([]))"
    )
    with Pane([python, "-c", launcher], app_env(folder)) as pane:
        pane.wait_for("No contact")
        time.sleep(1.5)
        pid = pid_file.read_text().strip()
        status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


def time_saves(count: int, runs: int) -> tuple[float, float]:
    """(median durable save, median json.dumps of the same data) at `count` entries."""
    from exback_tui.domain.journal import new_entry
    from exback_tui.store.journal.store import JournalStore

    folder = Path(tempfile.mkdtemp(prefix="exback-bench-save-"))
    try:
        store = JournalStore.open(folder)
        store.add_many(generated_entries(count))
        zone = timezone(timedelta(hours=1))
        saves = []
        for number in range(runs):
            entry = new_entry(f"new{number:029x}", datetime.now(zone), "one more entry " * 40)
            started = time.perf_counter()
            store.save(entry)
            saves.append(time.perf_counter() - started)
        tables = store.tables()
        dumps = []
        for _ in range(runs):
            started = time.perf_counter()
            json.dumps(tables)
            dumps.append(time.perf_counter() - started)
        store.close()
        return statistics.median(saves), statistics.median(dumps)
    finally:
        shutil.rmtree(folder)


def time_search(count: int, runs: int) -> float:
    from exback_tui.domain.journal import newest_first, select

    entries = newest_first(generated_entries(count))
    timings = []
    for word in ["thinking", "café", "sister rain", "zzz-not-there"] * runs:
        started = time.perf_counter()
        select(entries, query=word)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench needs tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    python = sys.executable
    exback = str(Path(python).parent / "exback")
    hello = [python, str(ROOT / "bench" / "hello_app.py")]
    ok = True
    with tempfile.TemporaryDirectory(prefix="exback-bench-") as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        make_data_dir(empty, 0)
        started = time.perf_counter()
        make_data_dir(full, args.entries)
        size = (full / "journal.json").stat().st_size
        print(
            f"exback journal, {args.entries:,} entries ({size / 1e6:.1f} MB, generated in "
            f"{time.perf_counter() - started:.1f} s), {args.runs} runs each, medians"
        )
        runs = args.runs
        with_journal = median_of(runs, lambda: time_to_paint([exback], "No contact", app_env(full)))
        without = median_of(runs, lambda: time_to_paint([exback], "No contact", app_env(empty)))
        base = median_of(runs, lambda: time_to_paint(hello, "Hello, world", app_env(empty)))
        ok &= report(
            "start, 10k journal vs hello-world",
            with_journal,
            base,
            BUDGET_START_WITH_JOURNAL,
            "hello-world Textual app",
        )
        report("start, 10k journal vs empty journal", with_journal, without, None, "empty journal")

        # "Search " labels the journal's search field: it is on no other screen.
        opened_full = median_of(runs, lambda: time_open_journal(exback, full, "Search "))
        opened_empty = median_of(runs, lambda: time_open_journal(exback, empty, "Search "))
        report("open the journal screen", opened_full, opened_empty, None, "empty journal")

        for count in (100, 1_000, args.entries):
            save, dumps = time_saves(count, runs)
            budget_note = ""
            if count == args.entries:
                within = save <= BUDGET_SAVE_SECONDS
                ok &= within
                budget_note = f"(budget {BUDGET_SAVE_SECONDS * 1000:.0f} ms) " + (
                    "within budget" if within else "OVER BUDGET"
                )
            print(
                f"{'durable save at ' + format(count, ',') + ' entries':<36} {save * 1000:8.1f} ms"
                f"   {'json.dumps (floor)':<28} {dumps * 1000:8.1f} ms   "
                f"ratio {save / dumps:5.2f}x {budget_note}"
            )
        search = time_search(args.entries, runs)
        label = f"one search over {args.entries:,} entries"
        print(f"{label:<36} {search * 1000:8.1f} ms")

        memory_full = peak_memory_kib(python, full)
        memory_empty = peak_memory_kib(python, empty)
        ratio = memory_full / memory_empty
        within = ratio <= BUDGET_MEMORY
        ok &= within
        print(
            f"{'peak memory (VmHWM), 10k entries':<36} {memory_full / 1024:7.1f} MiB"
            f"  {'empty journal':<28} {memory_empty / 1024:7.1f} MiB  ratio {ratio:5.2f}x "
            f"(budget {BUDGET_MEMORY}x) " + ("within budget" if within else "OVER BUDGET")
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
