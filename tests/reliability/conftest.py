"""The reliability campaign (issue 5): default counts for `make test`, higher ones on demand.

`pytest tests/reliability --deep`, or EXBACK_DEEP=1 in the environment (which
also works for a plain `make test`), raises every count: more kills, more
generated inputs, longer soaks. --deep sets EXBACK_DEEP=1 for the run, so
helpers and subprocesses that read the variable follow it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The apps, the data folders and the `exback` runner of the UI and CLI tests, shared.
from tests.cli.conftest import cli  # noqa: F401
from tests.ui.conftest import make_app, ui_data_dir  # noqa: F401

DEEP_ENV = "EXBACK_DEEP"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty home folder for the apps these tests start in a real terminal."""
    home = tmp_path / "home"
    home.mkdir()
    return home


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--deep",
        action="store_true",
        default=False,
        help="run the reliability campaign at its high counts (same as EXBACK_DEEP=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--deep", default=False):
        os.environ[DEEP_ENV] = "1"


def deep_run() -> bool:
    """True when the long campaign was asked for."""
    return os.environ.get(DEEP_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def scaled(default: int, deep: int) -> int:
    """`deep` in a deep run, else `default`."""
    return deep if deep_run() else default


@pytest.fixture
def deep() -> bool:
    """Whether this is a deep run."""
    return deep_run()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives the real `exback` in tmux is slow: make test-fast skips it."""
    for item in items:
        if "tmux" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
