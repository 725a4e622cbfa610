"""What the dashboard's first frame waits for: only the modules it draws with.

Each module imported before the first frame is time the person waits at 7am
(the speed budget in DESIGN.md). These are imported later, when a save, the
journal or another screen needs them; a fresh interpreter shows which were
imported by the time the first frame was drawn.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from exback_tui.service import ExBackService
from tests.store.support import subprocess_env

# Imported after the first frame, never before it.
LATER = (
    "tinydb",  # the plan is read without it; saves and the journal use it
    "exback_tui.domain.material",  # the shapes of the other screens' material
    "exback_tui.domain.journal",  # the journal is read after the first frame
)

SCRIPT = """
import sys
from pathlib import Path

from exback_tui.app import ExBackApp
from exback_tui.service import ExBackService

shown = []
after_first_paint = ExBackApp._after_first_paint


def noting(self):
    shown.append(type(self.screen).__name__)
    shown.extend(name for name in sys.argv[2:] if name in sys.modules)
    self.exit()


ExBackApp._after_first_paint = noting


async def main():
    service = ExBackService(Path(sys.argv[1]))
    service.open(for_tui=True)
    app = ExBackApp(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    service.close()


import asyncio

asyncio.run(main())
print(" ".join(shown))
"""


def test_the_first_frame_imports_only_what_it_draws_with(tmp_path: Path) -> None:
    today = date.today()
    with ExBackService(tmp_path).open(for_tui=False) as service:
        service.begin(today, today - timedelta(days=11))
    shown = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), *LATER],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(),
        timeout=60,
    ).stdout.split()
    assert shown == ["DashboardScreen"], f"imported before the first frame: {shown[1:]}"
