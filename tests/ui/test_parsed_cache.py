"""Parsed stylesheets and content kept between starts (`exback_tui.parsed_cache`): the
same look from the kept rules and data as from parsing, a parse only for what changed,
and a damaged, foreign or unwritable file never in the way."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.widgets import Button, Static

from exback_tui import parsed_cache
from exback_tui.app import ExBackApp
from exback_tui.parsed_cache import FILE_NAME, ParsedCache, install


@pytest.fixture
def cache_path(tmp_path: Path) -> str:
    return str(tmp_path / "cache" / "exback" / FILE_NAME)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Where each stylesheet Textual's parser really parsed was read from."""
    parsed: list[object] = []
    parse_rules = Stylesheet._parse_rules

    def counting(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):  # noqa: ANN001, ANN202
        if (css, read_from, is_default_rules, tie_breaker, scope) not in self._parse_cache:
            parsed.append(read_from)
        return parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    return parsed


@pytest.fixture
def installed(cache_path: str, parses: list[object]) -> Iterator[Callable[[], ParsedCache]]:
    """Start as `run_tui` does: read the file, then have stylesheets use it (undone after)."""
    undo: list[Callable[[], None]] = []

    def start() -> ParsedCache:
        while undo:
            undo.pop()()
        styles = ParsedCache(cache_path)
        styles.read()
        undo.append(install(styles))
        return styles

    yield start
    while undo:
        undo.pop()()


class Small(App[None]):
    CSS = "#one { color: red; } Button { width: 20; }"

    def compose(self) -> ComposeResult:
        yield Static("one", id="one")
        yield Button("Press", id="press")


async def _run_small(theme: str = "textual-dark") -> str:
    app = Small()
    async with app.run_test(size=(40, 6)) as pilot:
        app.theme = theme
        await pilot.pause()
        return app.export_screenshot()


async def _kept_from_a_start(
    installed: Callable[[], ParsedCache], theme: str = "textual-dark"
) -> str:
    """Start, draw the small app, close (writing the file); returns what was drawn."""
    styles = installed()
    drawn = await _run_small(theme)
    assert styles.write(), "the start parsed something new: the file must be written"
    return drawn


async def test_the_second_start_parses_nothing_and_looks_the_same(
    installed: Callable[[], ParsedCache], parses: list[object], cache_path: str
) -> None:
    first = installed()
    drawn = await _run_small()
    assert parses, "nothing was parsed on the first start"
    assert first.write()
    assert os.stat(cache_path).st_mode & 0o777 == 0o600
    assert os.stat(os.path.dirname(cache_path)).st_mode & 0o777 == 0o700

    parses.clear()
    second = installed()
    assert await _run_small() == drawn
    assert parses == []
    assert not second.write(), "nothing new: the file is not written again"


async def test_the_dashboard_looks_the_same_from_kept_rules(
    installed: Callable[[], ParsedCache],
    parses: list[object],
    make_app: Callable[..., ExBackApp],
) -> None:
    async def dashboard() -> str:
        app = make_app(started_days_ago=11 if not drawn_once else None)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                return app.export_screenshot()
        finally:
            app.service.close()  # the next start opens the folder again

    drawn_once: list[str] = []
    first = installed()
    drawn = await dashboard()
    drawn_once.append(drawn)
    assert first.write()
    parses.clear()
    installed()
    assert await dashboard() == drawn
    assert parses == []


async def test_another_theme_is_parsed_and_both_are_kept(
    installed: Callable[[], ParsedCache], parses: list[object]
) -> None:
    dark_start = installed()
    dark = await _run_small("textual-dark")
    assert dark_start.write()
    parses.clear()
    light_start = installed()
    light = await _run_small("textual-light")
    assert parses, "the light theme's variables differ: its rules must be parsed"
    assert light != dark
    assert light_start.write()

    parses.clear()
    installed()
    assert await _run_small("textual-dark") == dark
    assert await _run_small("textual-light") == light
    assert parses == []


async def test_changed_css_is_parsed_again(
    installed: Callable[[], ParsedCache], parses: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    await _kept_from_a_start(installed)
    monkeypatch.setattr(Small, "CSS", "#one { color: green; } Button { width: 20; }")
    parses.clear()
    installed()
    app = Small()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        assert app.query_one("#one").styles.color.hex == "#008000"
    assert len(parses) == 1, parses


async def test_an_older_version_of_a_sheet_is_dropped_when_the_new_one_is_kept(
    installed: Callable[[], ParsedCache], cache_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file holds each sheet once, however often it changed."""

    def kept_css() -> list[str]:
        with open(cache_path, "rb") as file:
            _, themes, _ = pickle.load(file)
        return [key[0] for _, rules in themes for key in rules if key[0].startswith("#one")]

    await _kept_from_a_start(installed)
    assert kept_css() == [Small.CSS]
    monkeypatch.setattr(Small, "CSS", "#one { color: green; } Button { width: 20; }")
    await _kept_from_a_start(installed)
    assert kept_css() == ["#one { color: green; } Button { width: 20; }"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps("a string"),
        pickle.dumps(((parsed_cache.FORMAT, "0.0.1", "an older Textual"), [], {})),
    ],
    ids=["empty", "garbage", "wrong-shape", "other-textual"],
)
async def test_a_damaged_or_foreign_file_is_ignored_and_written_anew(
    damage: bytes,
    cache_path: str,
    installed: Callable[[], ParsedCache],
    parses: list[object],
) -> None:
    os.makedirs(os.path.dirname(cache_path), mode=0o700)
    Path(cache_path).write_bytes(damage)
    os.chmod(cache_path, 0o600)
    drawn = await _kept_from_a_start(installed)
    assert parses
    parses.clear()
    installed()
    assert await _run_small() == drawn
    assert parses == []


async def test_a_file_others_may_write_is_not_read(
    cache_path: str, installed: Callable[[], ParsedCache], parses: list[object]
) -> None:
    await _kept_from_a_start(installed)
    os.chmod(cache_path, 0o666)
    parses.clear()
    installed()
    await _run_small()
    assert parses, "a file anyone could have written must not be unpickled"


async def test_a_damaged_entry_is_parsed(
    cache_path: str, installed: Callable[[], ParsedCache], parses: list[object]
) -> None:
    drawn = await _kept_from_a_start(installed)
    with open(cache_path, "rb") as file:
        stamp, themes, tomls = pickle.load(file)
    for _variables, kept in themes:
        for key in kept:
            kept[key] = b"\x80\x05damaged"
    Path(cache_path).write_bytes(pickle.dumps((stamp, themes, tomls)))
    parses.clear()
    installed()
    assert await _run_small() == drawn
    assert parses


async def test_an_unwritable_cache_folder_changes_nothing(
    tmp_path: Path, parses: list[object]
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    styles = ParsedCache(str(blocked / "exback" / FILE_NAME))
    styles.read()
    undo = install(styles)
    try:
        drawn = await _run_small()
    finally:
        undo()
    assert "one" in drawn
    assert styles.write() is False
    assert blocked.read_text() == "a file where the folder should be"


def test_no_temp_file_is_left_behind(cache_path: str) -> None:
    styles = ParsedCache(cache_path)
    styles.parsed({"a": "b"}, ("x {}", ("here", ""), False, 0, ""), [])
    assert styles.write()
    assert os.listdir(os.path.dirname(cache_path)) == [FILE_NAME]


# Content TOML -----------------------------------------------------------------------


@pytest.fixture
def toml_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The content files tomllib really parsed."""
    import tomllib

    parsed: list[str] = []
    load = tomllib.load

    def counting(handle, **kwargs):  # noqa: ANN001, ANN003, ANN202 - tomllib's signature
        parsed.append(Path(handle.name).name)
        return load(handle, **kwargs)

    monkeypatch.setattr(tomllib, "load", counting)
    return parsed


def test_content_is_parsed_once_and_again_only_when_its_file_changes(
    tmp_path: Path, cache_path: str, toml_parses: list[str]
) -> None:
    from exback_tui.material.reading import read_toml

    folder = tmp_path / "content"
    folder.mkdir()
    file = folder / "words.toml"
    file.write_text('title = "Day [bold]one[/]"\nwhen = 2026-12-07\n', encoding="utf-8")

    def start() -> tuple[ParsedCache, Callable[[], None]]:
        cache = ParsedCache(cache_path)
        cache.read()
        return cache, install(cache)

    cache, undo = start()
    try:
        first = read_toml(folder, "words.toml")
        assert toml_parses == ["words.toml"]
        assert cache.write()
    finally:
        undo()

    cache, undo = start()
    try:
        assert read_toml(folder, "words.toml") == first
        assert toml_parses == ["words.toml"], "unchanged: taken from the cache"
        file.write_text('title = "Day two"\n', encoding="utf-8")
        assert read_toml(folder, "words.toml") == {"title": "Day two"}
        assert toml_parses == ["words.toml"] * 2
        assert cache.write()
    finally:
        undo()

    # The same size written again (another time): parsed again, not taken as it was.
    cache, undo = start()
    try:
        file.write_text('title = "Day six"\n', encoding="utf-8")
        info = os.stat(file)
        os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert read_toml(folder, "words.toml") == {"title": "Day six"}
        assert toml_parses == ["words.toml"] * 3
    finally:
        undo()
    # Undone: every read parses.
    read_toml(folder, "words.toml")
    assert toml_parses == ["words.toml"] * 4


def test_the_shipped_content_reads_the_same_from_the_cache(
    cache_path: str, toml_parses: list[str]
) -> None:
    from exback_tui.material import Material
    from exback_tui.resources import content_dir

    def everything() -> list[object]:
        material = Material(content_dir())
        return [
            material.milestones,
            material.actions,
            material.prompts,
            material.faq,
            material.checklists,
            material.quizzes,
            material.text["dashboard"],
            material.text["checkin"],
        ]

    cache = ParsedCache(cache_path)
    cache.read()
    undo = install(cache)
    try:
        parsed = everything()
        assert toml_parses
        assert cache.write()
    finally:
        undo()
    toml_parses.clear()
    cache = ParsedCache(cache_path)
    cache.read()
    undo = install(cache)
    try:
        assert everything() == parsed
        assert toml_parses == []
    finally:
        undo()
