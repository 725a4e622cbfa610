"""Where the user's data lives: `--data-dir`, then `EXBACK_DATA_DIR`, then the user data dir.

On Linux the default is computed here, by the XDG rule platformdirs follows
(`$XDG_DATA_HOME/exback`, else `~/.local/share/exback`), because importing
platformdirs costs more than `exback today`'s whole budget; a test checks
that both give the same folder. Elsewhere platformdirs decides.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "exback"
ENV_VAR = "EXBACK_DATA_DIR"


def default_data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The platform's user data folder for exback."""
    if sys.platform.startswith("linux"):
        base = environ.get("XDG_DATA_HOME", "").strip()
        root = Path(base) if base else Path(os.path.expanduser("~/.local/share"))
        return root / APP_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(arg: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The data folder to use: the argument, else the environment, else the default."""
    if arg:
        return Path(arg).expanduser()
    override = environ.get(ENV_VAR, "")
    if override:
        return Path(override).expanduser()
    return default_data_dir(environ)
