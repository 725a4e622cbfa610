"""Helpers shared by the store tests: file checks, sample data, subprocess set-up."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date
from pathlib import Path

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import Attempt, NoContactPlan

REPO_ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer_proc.py")

# Trigger text a user could type or paste: markup, escapes, NUL, emoji, RTL, a
# lone surrogate from a badly encoded terminal. Stored exactly as typed.
HOSTILE_TEXTS = (
    "[/]",
    "[bold",
    "[@click=app.quit]x[/]",
    "\x1b[31mx",
    "\x00",
    "🙂💔 family 👨‍👩‍👧",
    "\u202eاتصلت بها\u202c שלום",
    "\udcff",
    "line\nbreak\ttab \\ \" '",
)

UMASKS = (0o000, 0o002, 0o022)


def mode(path: Path) -> int:
    """The permission bits of `path`."""
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(folder: Path) -> list[str]:
    """Names of temp files the atomic writer leaves while it works."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def damaged_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("plan.json.damaged-*"))


def sample_plan() -> tuple[NoContactPlan, tuple[CheckIn, ...]]:
    """A plan with ended and running attempts (hostile triggers) and a few check-ins."""
    attempts = [
        Attempt(date(2026, 1, 1), date(2026, 1, 3), "slip", HOSTILE_TEXTS[0]),
    ]
    day = date(2026, 1, 3)
    for index, text in enumerate(HOSTILE_TEXTS[1:]):
        end = date.fromordinal(day.toordinal() + 2)
        ended_by = "slip" if index % 2 == 0 else "restart"
        attempts.append(Attempt(day, end, ended_by, text))
        day = end
    attempts.append(Attempt(day))
    plan = NoContactPlan(30, tuple(attempts), date(2025, 12, 20))
    checkins = (
        CheckIn(date(2026, 1, 2), 2, 9, True),
        CheckIn(date(2026, 1, 5), 4, 3, False),
        CheckIn(date(2026, 1, 19), 5, 0, False),
    )
    return plan, checkins


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


PYTHON = sys.executable
