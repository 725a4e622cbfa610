"""Where the data lives: `--data-dir`, then `EXBACK_DATA_DIR`, then the platform default.

`paths.default_data_dir` computes the Linux default itself (importing
platformdirs is too slow for `exback today`); these tests hold it to what
platformdirs says.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from exback_tui import paths
from exback_tui.paths import ENV_VAR, default_data_dir, resolve_data_dir


def _platformdirs_default() -> Path:
    return Path(platformdirs.user_data_dir("exback", appauthor=False))


# Precedence ---------------------------------------------------------------------------


def test_argument_beats_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "arg")) == tmp_path / "arg"


def test_environment_beats_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"


def test_default_when_nothing_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_data_dir(None) == default_data_dir()
    assert resolve_data_dir(None) == _platformdirs_default()


def test_empty_environment_value_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "")
    assert resolve_data_dir(None) == default_data_dir()


def test_empty_argument_falls_through(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_dir("") == tmp_path / "env"


def test_explicit_environ_mapping(tmp_path: Path) -> None:
    environ = {ENV_VAR: str(tmp_path / "mapped"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert resolve_data_dir(None, environ) == tmp_path / "mapped"
    assert resolve_data_dir(str(tmp_path / "arg"), environ) == tmp_path / "arg"
    if sys.platform.startswith("linux"):
        assert resolve_data_dir(None, {"XDG_DATA_HOME": str(tmp_path / "xdg")}) == (
            tmp_path / "xdg" / "exback"
        )


def test_tilde_expanded_in_argument(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_data_dir("~/notes/exback") == tmp_path / "notes" / "exback"


def test_tilde_expanded_in_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(ENV_VAR, "~/from-env")
    assert resolve_data_dir(None) == tmp_path / "from-env"


def test_relative_argument_is_kept_relative() -> None:
    assert resolve_data_dir("some/dir") == Path("some/dir")


# The default agrees with platformdirs ------------------------------------------------------


def test_default_matches_platformdirs_with_xdg_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert default_data_dir() == _platformdirs_default()
    if sys.platform.startswith("linux"):
        assert default_data_dir() == tmp_path / "xdg-data" / "exback"


def test_default_matches_platformdirs_with_xdg_unset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_data_dir() == _platformdirs_default()
    if sys.platform.startswith("linux"):
        assert default_data_dir() == tmp_path / ".local" / "share" / "exback"


@pytest.mark.parametrize("value", ["", "   "], ids=["empty", "blank"])
def test_default_matches_platformdirs_with_xdg_empty(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", value)
    assert default_data_dir() == _platformdirs_default()
    if sys.platform.startswith("linux"):
        assert default_data_dir() == tmp_path / ".local" / "share" / "exback"


def test_default_is_absolute_and_named_for_the_app() -> None:
    folder = default_data_dir()
    assert folder.is_absolute()
    assert folder.name == paths.APP_NAME == "exback"


# The cache folder (parsed stylesheets) ---------------------------------------------------


def test_cache_dir_is_platformdirs_user_cache_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert Path(paths.cache_dir_text()) == Path(
        platformdirs.user_cache_dir("exback", appauthor=False)
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
def test_cache_dir_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert paths.cache_dir_text() == str(tmp_path / "exback")
    assert Path(paths.cache_dir_text()) == Path(
        platformdirs.user_cache_dir("exback", appauthor=False)
    )
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # invalid by the spec: ignored
    assert paths.cache_dir_text() == str(Path("~/.cache/exback").expanduser())
