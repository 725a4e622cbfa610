"""The work one page key does, counted in a headless pilot (independent of the machine's load).

For each key of the big questions and the steps: the widgets mounted, the
widgets styled (Textual's `Stylesheet.apply`, once per widget per pass) and
the CPU milliseconds (and the part of them in the garbage collector) from the
key until the app is idle with the page shown,
first open and opened again (the median of the later opens). Usage:
python bench/page_work.py [--runs N] [--entries N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from journal import make_data_dir

# (key shown in the table, keys pressed before it (untimed), the key)
CASES = (
    *((f"b {n}", ("b",), str(n)) for n in range(1, 5)),
    *((f"s {n}", ("s",), str(n)) for n in range(1, 5)),
    ("b", (), "b"),
    ("s", (), "s"),
)


class Counts:
    mounted = 0
    styled = 0
    gc_ms = 0.0
    _gc_started = 0.0


def _gc_timed(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        Counts._gc_started = time.perf_counter()
    else:
        Counts.gc_ms += (time.perf_counter() - Counts._gc_started) * 1000


def count_work() -> None:
    """Count the widgets Textual registers and the widgets it styles."""
    from textual.app import App
    from textual.css.stylesheet import Stylesheet

    register, apply = App._register_child, Stylesheet.apply

    def counting_register(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        Counts.mounted += 1
        return register(self, *args, **kwargs)

    def counting_apply(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        Counts.styled += 1
        return apply(self, *args, **kwargs)

    gc.callbacks.append(_gc_timed)
    App._register_child = counting_register  # type: ignore[method-assign]
    Stylesheet.apply = counting_apply  # type: ignore[method-assign]


Row = tuple[int, int, float, float]  # widgets mounted, styled, CPU ms, ms in the GC


async def measure(folder: Path, runs: int) -> dict[str, list[Row]]:
    from exback_tui.app import ExBackApp
    from exback_tui.screens.dashboard import DashboardScreen
    from exback_tui.service import ExBackService

    found: dict[str, list[Row]] = {name: [] for name, _, _ in CASES}
    service = ExBackService(folder).open(for_tui=True)
    app = ExBackApp(service)
    app.animation_level = "none"
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for _ in range(runs + 1):
                for name, before, key in CASES:
                    while not isinstance(app.screen, DashboardScreen):
                        await pilot.press("escape")
                        await pilot.pause()
                    for pressed in before:
                        await pilot.press(pressed)
                        await pilot.pause()
                    await pilot.pause()
                    mounted, styled, in_gc = Counts.mounted, Counts.styled, Counts.gc_ms
                    started = time.process_time()
                    await pilot.press(key)
                    await pilot.pause()
                    cpu = (time.process_time() - started) * 1000
                    found[name].append(
                        (
                            Counts.mounted - mounted,
                            Counts.styled - styled,
                            cpu,
                            Counts.gc_ms - in_gc,
                        )
                    )
    finally:
        service.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="opens again per key (median)")
    parser.add_argument("--entries", type=int, default=0)
    args = parser.parse_args()
    count_work()
    with tempfile.TemporaryDirectory(prefix="exback-work-") as tmp:
        folder = Path(tmp) / "data"
        make_data_dir(folder, args.entries)
        os.environ["EXBACK_DATA_DIR"] = str(folder)
        found = asyncio.run(measure(folder, args.runs))
    print(f"work per key in a pilot, {args.entries:,} entries ({args.runs} opens again)")
    head = f"{'key':<6} {'first: mounted':>15} {'styled':>7} {'cpu ms':>7} {'gc ms':>6}"
    print(f"{head}   {'again: mounted':>15} {'styled':>7} {'cpu ms':>7} {'gc ms':>6}")
    for name, rows in found.items():
        first, again = rows[0], rows[1:]
        mounted = statistics.median(r[0] for r in again)
        styled = statistics.median(r[1] for r in again)
        cpu = statistics.median(r[2] for r in again)
        in_gc = statistics.median(r[3] for r in again)
        print(
            f"{name:<6} {first[0]:15d} {first[1]:7d} {first[2]:7.1f} {first[3]:6.1f}   "
            f"{mounted:15.0f} {styled:7.0f} {cpu:7.1f} {in_gc:6.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
