"""Journal budgets from DESIGN.md, at 10,000 generated entries, as ratios in one run.

- cold start to the painted dashboard with 10,000 entries, against an empty
  journal and against a hello-world Textual app (budget 1.5x the latter);
- opening the journal screen (`j`) with 10,000 entries, against an empty journal;
- one search over 10,000 entries;
- one table at 0, 1,000, 10,000 and 50,000 entries of realistic size: the
  app's peak memory (VmHWM) against an empty journal (budget 2x at 10,000),
  the journal alone opened and saved in a fresh interpreter, and one durable
  save on a journal just opened (budget 60 ms at 10,000).

Usage: python bench/journal.py [--runs N] [--entries N] [--sizes 1000,10000,50000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from common import ROOT, Pane, median_of, paired, report, report_paired, time_to_paint, tmux_server

BUDGET_START_WITH_JOURNAL = 1.5
BUDGET_SAVE_SECONDS = 0.060
BUDGET_MEMORY = 2.0

WORDS = (  # noqa: SIM905 - prose reads better than a list of words
    "today morning still thinking about them walked the long way home called my sister "
    "coffee rain work tired hopeful angry calm again breathe list of things I miss "
    "slept badly went for a run cooked dinner with friends read for an hour the park "
    "felt lonely felt better wrote this instead of texting them did not check their page "
    "tomorrow I want to remember why we ended it is okay to be sad and still move on"
).split()
ACCENTED = ("café", "naïve", "déjà", "über", "it’s", "don’t", "—")  # Latin-1 and UCS-2 text
EMOJI = ("😀", "🌧️", "👩‍👩‍👧", "❤️", "🙂", "😢")  # one of these makes the text 4 bytes a character
OTHER_SCRIPTS = ("שלום", "مرحبا", "日本語", "こんにちは")


def generated_entries(count: int, seed: int = 7, emoji_share: float = 0.25):
    """`count` entries of realistic size and unicode, one every two hours or so from 2024.

    A few hundred words each (median ~200, a long tail to 4,000); about a
    third hold an accented word or a typographic apostrophe, `emoji_share`
    of them an emoji (which makes CPython keep the whole text at 4 bytes a
    character) and a few a phrase in another script.
    """
    from exback_tui.domain.journal import new_entry

    rng = random.Random(seed)
    zone = timezone(timedelta(hours=1))
    start = datetime(2024, 11, 26, 7, 0, tzinfo=zone)
    for number in range(count):
        length = max(20, min(int(rng.lognormvariate(5.3, 0.5)), 4000))
        words = [rng.choice(WORDS) for _ in range(length)]
        for extras, share in ((ACCENTED, 0.3), (EMOJI, emoji_share), (OTHER_SCRIPTS, 0.03)):
            if rng.random() < share:
                for _ in range(rng.randint(1, 3)):
                    words.insert(rng.randrange(len(words)), rng.choice(extras))
        text = "\n\n".join(
            " ".join(words[at : at + 60]) for at in range(0, len(words), 60)
        )  # paragraphs
        when = start + timedelta(minutes=number * 105 + rng.randint(0, 60))
        yield new_entry(
            f"{number:032x}",
            when,
            text,
            title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))),
            mood=rng.choice([None, 1, 2, 3, 4, 5]),
            tags=rng.sample(["sad", "hope", "work", "family", "urge", "sleep"], rng.randint(0, 3)),
        )


def make_data_dir(folder: Path, entries: int, emoji_share: float = 0.25) -> None:
    """A data folder with a plan started 11 days ago and `entries` journal entries."""
    from exback_tui.service import ExBackService

    today = date.today()
    with ExBackService(folder).open(for_tui=False) as service:
        service.begin(today, today - timedelta(days=11))
        if entries:
            service.journal.add_many(generated_entries(entries, emoji_share=emoji_share))


def wait_unlocked(folder: Path, timeout: float = 30.0) -> None:
    """Wait until no exback holds `folder`'s data lock.

    A closed pane's app exits on its SIGHUP, saving what it must first: until
    it has gone, the next app on the same folder would refuse to start.
    """
    import fcntl

    deadline = time.perf_counter() + timeout
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{folder} stayed locked") from None
                time.sleep(0.02)
                continue
            fcntl.flock(fd, fcntl.LOCK_UN)
            return
    finally:
        os.close(fd)


def paint(argv: list[str], folder: Path) -> float:
    """`time_to_paint` of the dashboard on `folder`, then wait for the app to be gone."""
    try:
        return time_to_paint(argv, "No contact", app_env(folder))
    finally:
        wait_unlocked(folder)


def app_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "EXBACK_DATA_DIR": str(folder), "TERM": "xterm-256color"}


def time_open_journal(exback: str, folder: Path, expected: str) -> float:
    """Seconds from pressing `j` on a painted dashboard until `expected` shows."""
    try:
        with Pane([exback], app_env(folder)) as pane:
            pane.wait_for("No contact")
            time.sleep(0.5)  # let the journal finish loading in the background
            pane.press("j")
            return pane.wait_for(expected)
    finally:
        wait_unlocked(folder)


def _status_kib(pid: int | str, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith(field)))


def peak_memory_kib(python: str, folder: Path, entries: int) -> int:
    """VmHWM of the app once the journal is loaded and the journal screen shows its count."""
    pid_file = folder.parent / f"{folder.name}.pid"
    launcher = (
        "import os, sys; "
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid())); "
        "from exback_tui.cli import main; sys.exit(main([]))"
    )
    # The count shows once the journal is loaded (the screen says it is opening until then).
    shown = f"{entries:,} entr{'y' if entries == 1 else 'ies'}" if entries else "Search "
    pid_file.unlink(missing_ok=True)
    with Pane([python, "-c", launcher], app_env(folder)) as pane:
        pane.wait_for("No contact")
        pane.press("j")
        pane.wait_for(shown, timeout=120)
        peak = _status_kib(pid_file.read_text().strip(), "VmHWM")
    wait_unlocked(folder)
    return peak


STORE_MEMORY = """
import sys, time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from exback_tui.domain.journal import new_entry
from exback_tui.store.journal.store import JournalStore

def hwm():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))

before = hwm()
store = JournalStore.open(Path(sys.argv[1]))
opened = hwm()
entry = new_entry("f" * 32, datetime.now(timezone.utc), "one more entry 😀 " * 40)
store.save(entry)
store.save(entry._replace(text="edited 😀 " * 40))
print(before, opened, hwm())
"""


def store_memory_kib(python: str, folder: Path) -> tuple[int, int, int]:
    """VmHWM before opening, after opening and after two saves: the journal alone."""
    work = Path(tempfile.mkdtemp(prefix="exback-bench-store-"))
    try:
        shutil.copy2(folder / "journal.json", work / "journal.json")
        out = subprocess.run(
            [python, "-c", STORE_MEMORY, str(work)], check=True, capture_output=True, text=True
        ).stdout.split()
        return int(out[0]), int(out[1]), int(out[2])
    finally:
        shutil.rmtree(work)


def time_saves(journal: Path, runs: int) -> tuple[float, float]:
    """(first, median) durable save of one new entry, on `journal` just opened from its file."""
    from exback_tui.domain.journal import new_entry
    from exback_tui.store.journal.store import JournalStore

    folder = Path(tempfile.mkdtemp(prefix="exback-bench-save-"))
    try:
        shutil.copy2(journal, folder / "journal.json")
        store = JournalStore.open(folder)
        zone = timezone(timedelta(hours=1))
        saves = []
        for number in range(runs):
            entry = new_entry(f"new{number:029x}", datetime.now(zone), "one more entry 🙂 " * 40)
            started = time.perf_counter()
            store.save(entry)
            saves.append(time.perf_counter() - started)
        store.close()
        return saves[0], statistics.median(saves)
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


def memory_table(python: str, tmp: Path, sizes: list[int], runs: int) -> bool:
    """Print peak memory and save time at each journal size; whether 10k is within budget.

    The app's peak (VmHWM, journal loaded and its screen open) against the
    app on an empty journal; the journal alone in a fresh interpreter, opened
    and then saved twice (what a save adds stays in memory); one durable save.
    At 10,000 entries once more with an emoji in every entry, the worst case
    for CPython's strings.
    """
    print(
        f"\n{'entries':>8} {'file MB':>8} {'app peak MiB':>13} {'x empty':>8} "
        f"{'store: open / +2 saves MiB':>27} {'save ms: first / median':>24}"
    )
    ok = True
    cases = [(0, 0.25), *((n, 0.25) for n in sizes)]
    if 10_000 in sizes:
        cases.append((10_000, 1.0))
    empty_app = 0
    for count, emoji_share in cases:
        folder = tmp / f"memory-{count}-{emoji_share}"
        make_data_dir(folder, count, emoji_share)
        journal = folder / "journal.json"
        size = journal.stat().st_size / 1e6 if journal.exists() else 0.0
        app = statistics.median(peak_memory_kib(python, folder, count) for _ in range(3))
        if count:
            before, opened, saved = store_memory_kib(python, folder)
            store = f"{(opened - before) / 1024:12.1f} / {(saved - before) / 1024:6.1f}"
            first, median = time_saves(journal, runs)
            save = f"{first * 1000:6.1f} / {median * 1000:5.1f}"
        else:
            empty_app, store, save, median = app, "", "", 0.0
        ratio = app / empty_app
        verdict = ""
        if count == 10_000:
            within = ratio <= BUDGET_MEMORY
            ok &= within or emoji_share == 1.0  # the worst case is shown, not judged
            verdict = (
                "all with emoji"
                if emoji_share == 1.0
                else (f"budget {BUDGET_MEMORY}x " + ("within" if within else "OVER"))
            )
            saved_in = median <= BUDGET_SAVE_SECONDS
            ok &= saved_in
            verdict += f"; save budget {BUDGET_SAVE_SECONDS * 1000:.0f} ms " + (
                "within" if saved_in else "OVER"
            )
        print(
            f"{count:>8,} {size:8.1f} {app / 1024:13.1f} {ratio:7.2f}x {store:>27} {save:>24}  "
            f"{verdict}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1_000, 10_000, 50_000],
        help="journal sizes of the memory and save table (comma-separated)",
    )
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
        with_journal = paired(
            runs,
            lambda: paint([exback], full),
            lambda: time_to_paint(hello, "Hello, world", app_env(empty)),
        )
        label = f"start, {args.entries:,} entries"
        ok &= report_paired(
            f"{label} vs hello-world", with_journal, BUDGET_START_WITH_JOURNAL, "hello"
        )
        against_empty = paired(runs, lambda: paint([exback], full), lambda: paint([exback], empty))
        report_paired(f"{label} vs empty", against_empty, None, "empty journal")

        # "Search " labels the journal's search field: it is on no other screen.
        opened_full = median_of(runs, lambda: time_open_journal(exback, full, "Search "))
        opened_empty = median_of(runs, lambda: time_open_journal(exback, empty, "Search "))
        report("open the journal screen", opened_full, opened_empty, None, "empty journal")

        search = time_search(args.entries, runs)
        label = f"one search over {args.entries:,} entries"
        print(f"{label:<36} {search * 1000:8.1f} ms")
        ok &= memory_table(python, Path(tmp), args.sizes, runs)
    return 0 if ok else 1


if __name__ == "__main__":
    with tmux_server():
        sys.exit(main())
