"""Where the user's data lives: `--data-dir`, then `EXBACK_DATA_DIR`, then the user data dir.

On Linux the default is computed here, by the XDG rule platformdirs follows
(`$XDG_DATA_HOME/exback`, else `~/.local/share/exback`), because importing
platformdirs costs more than `exback today`'s whole budget; a test checks
that both give the same folder. Elsewhere platformdirs decides.

The work is done on strings so that `exback today` never imports `pathlib`
(about 5 ms of its budget); `resolve_data_dir` wraps the answer in a Path.
"""

from __future__ import annotations

import os
import sys

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

APP_NAME = "exback"
ENV_VAR = "EXBACK_DATA_DIR"


def _user_dir_text(variable: str, fallback: str, kind: str, environ: Mapping[str, str]) -> str:
    """exback's folder of one XDG `kind` ("data", "cache"): on Linux `$variable/exback`,
    else `fallback/exback`, computed here; elsewhere platformdirs' `user_<kind>_dir`."""
    if sys.platform.startswith("linux"):
        # The XDG spec: a relative path in the variable is invalid and is ignored,
        # or the folder would move with the working folder.
        base = environ.get(variable, "").strip()
        root = base if os.path.isabs(base) else os.path.expanduser(fallback)
        return os.path.join(root, APP_NAME)
    import platformdirs

    return str(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def default_data_dir_text(environ: Mapping[str, str] = os.environ) -> str:
    """The platform's user data folder for exback, as a string."""
    return _user_dir_text("XDG_DATA_HOME", "~/.local/share", "data", environ)


def cache_dir_text(environ: Mapping[str, str] = os.environ) -> str:
    """The platform's user cache folder for exback (what `parsed_cache` keeps)."""
    return _user_dir_text("XDG_CACHE_HOME", "~/.cache", "cache", environ)


def data_dir_text(arg: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The data folder to use, as a string: the argument, else the environment, else the default."""
    if arg:
        return os.path.expanduser(arg)
    override = environ.get(ENV_VAR, "")
    if override:
        return os.path.expanduser(override)
    return default_data_dir_text(environ)


def default_data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The platform's user data folder for exback."""
    from pathlib import Path

    return Path(default_data_dir_text(environ))


def resolve_data_dir(arg: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The data folder to use: the argument, else the environment, else the default."""
    from pathlib import Path

    return Path(data_dir_text(arg, environ))
