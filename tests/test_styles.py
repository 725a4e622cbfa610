"""The stylesheets: each listed once, and those read late style only their own screens."""

from __future__ import annotations

import importlib
import pkgutil

from textual.app import App
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import exback_tui.screens
from exback_tui.app import (
    AFTER_FIRST_PAINT_STYLESHEETS,
    SCREEN_STYLESHEETS,
    STYLESHEETS,
    ExBackApp,
)
from exback_tui.resources import styles_dir


def test_every_stylesheet_is_read_at_start_or_by_its_screens() -> None:
    shipped = sorted(path.name for path in styles_dir().glob("*.tcss"))
    listed = [
        *STYLESHEETS,
        *AFTER_FIRST_PAINT_STYLESHEETS,
        *sorted(set(SCREEN_STYLESHEETS.values())),
    ]
    assert sorted(listed) == shipped
    assert STYLESHEETS[-1] == "focus.tcss"  # focus rules win ties: read last at start-up


def test_every_rule_of_a_late_stylesheet_starts_with_one_of_its_screens() -> None:
    for name in set(SCREEN_STYLESHEETS.values()):
        kinds = {kind for kind, sheet in SCREEN_STYLESHEETS.items() if sheet == name}
        path = styles_dir() / name
        sheet = Stylesheet(variables=App().get_css_variables())
        sheet.read(path)
        sheet.parse()
        rules = sheet.rules
        assert rules, name
        for rule in rules:
            for selector_set in rule.selector_set:
                first = selector_set.selectors[0]
                where = f"{name}: {rule.selectors}"
                assert first.type == SelectorType.TYPE and first.name in kinds, where


def test_each_late_stylesheet_names_a_screen_that_exists() -> None:
    screens: set[str] = set()
    package = exback_tui.screens
    for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(found.name)
        screens |= {
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, Screen)
        }
    assert set(SCREEN_STYLESHEETS) <= screens


def test_the_app_reads_only_the_start_up_sheets_before_a_screen_opens() -> None:
    assert [path.name for path in ExBackApp.CSS_PATH] == list(STYLESHEETS)
    after = [path.name for path in ExBackApp.AFTER_FIRST_PAINT]
    assert after == list(AFTER_FIRST_PAINT_STYLESHEETS)
    assert {paths[0].name for paths in ExBackApp.LATE_STYLESHEETS.values()} == set(
        SCREEN_STYLESHEETS.values()
    )
