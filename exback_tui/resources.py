"""Finds the shipped `styles/` and `content/` folders.

In a wheel they sit inside the package (`exback_tui/styles`); in a checkout
or an editable install they sit one level up, beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"exback is installed without its {name}/ folder")


def styles_dir() -> Path:
    """The folder holding the `.tcss` files."""
    return _find("styles")


def content_dir() -> Path:
    """The folder holding the program's text and data."""
    return _find("content")
