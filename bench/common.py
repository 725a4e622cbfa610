"""Shared measuring helpers for the bench scripts: tmux panes, medians, ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The bench's own tmux server: never the default one, which other tmux users share.
TMUX = ("tmux", "-L", f"exback-bench-{os.getpid()}")


@contextmanager
def tmux_server() -> Iterator[None]:
    """One tmux server for the whole bench, kept up by an idle session.

    Without it the server starts with each pane, inside the timed interval,
    and exits with it; the next pane's new-session can also race that exit.
    """
    idle = f"exback-bench-idle-{os.getpid()}"
    subprocess.run([*TMUX, "new-session", "-d", "-s", idle, "sleep", "86400"], check=True)
    try:
        yield
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)  # our own socket only


class Pane:
    """A fresh 100x30 tmux pane running one command, killed on exit."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.session = f"exback-bench-{os.getpid()}-{os.urandom(3).hex()}"
        # A running tmux server gives new panes its own environment, not ours: pass it on.
        exports = [f"{key}={value}" for key, value in env.items() if key.startswith("EXBACK_")]
        command = [*TMUX, "new-session", "-d", "-s", self.session, "-x", "100", "-y", "30"]
        command += ["env", *exports, *argv]
        for attempt in range(3):
            self.started = time.perf_counter()
            # The server of the previous pane may still be exiting: then try once more.
            if subprocess.run(command, capture_output=True).returncode == 0:
                break
            time.sleep(0.2 * (attempt + 1))
        else:
            subprocess.run(command, check=True)
            self.started = time.perf_counter()
        shown = subprocess.run(
            [*TMUX, "display-message", "-p", "-t", self.session, "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        self.pid = int(shown) if shown.isdigit() else None

    def screen(self) -> str:
        return subprocess.run(
            [*TMUX, "capture-pane", "-p", "-t", self.session], capture_output=True, text=True
        ).stdout

    def wait_for(self, expected: str, timeout: float = 30.0) -> float:
        """Seconds since `since` (default: the pane's start) until `expected` is shown."""
        while time.perf_counter() - self.started < timeout:
            if expected in self.screen():
                return time.perf_counter() - self.started
            time.sleep(0.005)
        raise RuntimeError(f"{expected!r} never appeared; the screen was:\n{self.screen()}")

    def wait_for_change(self, before: str, timeout: float = 30.0) -> float:
        """Seconds since the last key until the screen differs from `before`."""
        while time.perf_counter() - self.started < timeout:
            if self.screen() != before:
                return time.perf_counter() - self.started
            time.sleep(0.005)
        raise RuntimeError(f"the screen never changed from:\n{before}")

    def last_change(self, quiet: float = 0.3) -> float:
        """Seconds since the last key until the screen last changed, once it has stayed the
        same for `quiet` seconds: a screen painted twice (laid out again) counts its last."""
        shown = self.screen()
        changed = time.perf_counter() - self.started
        while time.perf_counter() - self.started - changed < quiet:
            now = self.screen()
            if now != shown:
                shown, changed = now, time.perf_counter() - self.started
            time.sleep(0.005)
        return changed

    def press(self, key: str) -> None:
        self.started = time.perf_counter()
        subprocess.run([*TMUX, "send-keys", "-t", self.session, key], check=True)

    def close(self) -> None:
        """End the pane and wait for its process to exit: the next pane's app would
        otherwise find the data folder still locked, print why and end at once."""
        subprocess.run([*TMUX, "kill-session", "-t", self.session], capture_output=True)
        deadline = time.perf_counter() + 10
        while self.pid is not None and time.perf_counter() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.01)

    def __enter__(self) -> Pane:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def time_to_paint(argv: list[str], expected: str, env: dict[str, str]) -> float:
    """Seconds from starting `argv` in a fresh pane until `expected` is on screen."""
    with Pane(argv, env) as pane:
        return pane.wait_for(expected)


def time_command(argv: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds to run `argv` to completion."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """The median of `runs` measurements, after one unmeasured warm-up run."""
    measure()  # warm the file cache: cold start means a new process, not a cold disk
    return statistics.median(measure() for _ in range(runs))


def report(name: str, ours: float, base: float, budget: float | None, base_name: str) -> bool:
    """Print one line: both times, the ratio and the verdict. True if within budget."""
    ratio = ours / base
    if budget is None:
        verdict, within = "", True
    else:
        within = ratio <= budget
        verdict = f"(budget {budget}x) " + ("within budget" if within else "OVER BUDGET")
    print(
        f"{name:<36} {ours * 1000:8.1f} ms   {base_name:<28} {base * 1000:8.1f} ms   "
        f"ratio {ratio:5.2f}x {verdict}"
    )
    return within


@dataclass
class Paired:
    """Runs of ours and of a baseline taken in alternating order, one pair per round:
    a burst of load on the machine then hits both of a pair alike, and the ratio of each
    pair cancels most of it (medians of separate runs do not)."""

    ours: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [ours / base for ours, base in zip(self.ours, self.base, strict=True)]


def paired(runs: int, ours: Callable[[], float], base: Callable[[], float]) -> Paired:
    """`runs` rounds of one run each of `ours` and `base`, after one unmeasured warm-up of
    each; which of the two goes first alternates from round to round."""
    ours()
    base()
    result = Paired()
    for round_ in range(runs):
        if round_ % 2:
            result.base.append(base())
            result.ours.append(ours())
        else:
            result.ours.append(ours())
            result.base.append(base())
    return result


def report_paired(name: str, runs: Paired, budget: float | None, base_name: str) -> bool:
    """Print one line: both medians, the median of the pairs' ratios and their range, and
    the verdict on that median. True if within budget."""
    ratio = statistics.median(runs.ratios)
    if budget is None:
        verdict, within = "", True
    else:
        within = ratio <= budget
        verdict = f"(budget {budget}x) " + ("within budget" if within else "OVER BUDGET")
    spread = f"{min(runs.ratios):.2f}-{max(runs.ratios):.2f}"
    print(
        f"{name:<36} {statistics.median(runs.ours) * 1000:8.1f} ms   {base_name:<24} "
        f"{statistics.median(runs.base) * 1000:8.1f} ms   ratio {ratio:5.2f}x "
        f"(pairs {spread}) {verdict}"
    )
    return within
