"""The layers in DESIGN.md ("Architecture") hold: domain, store and material never pull in
Textual.

Each module is imported in a fresh interpreter so nothing already loaded by
the test run can hide an import.
"""

from __future__ import annotations

import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import exback_tui
import exback_tui.domain
import exback_tui.material
import exback_tui.store

PACKAGE_DIR = Path(exback_tui.__file__).resolve().parent
UI_PACKAGES = ("textual", "rich")

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def _modules_of(package) -> list[str]:
    names = [package.__name__]
    for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
        names.append(info.name)
    return sorted(names)


DOMAIN_MODULES = _modules_of(exback_tui.domain)
STORE_MODULES = _modules_of(exback_tui.store)
MATERIAL_MODULES = _modules_of(exback_tui.material)
# The command line runs on top of these; it must stay Textual-free too.
CLI_MODULES = ["exback_tui.service", "exback_tui.cli", "exback_tui.paths", "exback_tui.resources"]


def _loaded_by(module: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PACKAGE_DIR.parent,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def _offenders(loaded: set[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if any(m == r or m.startswith(r + ".") for r in roots))


def test_the_walk_finds_the_modules() -> None:
    assert "exback_tui.domain.plan" in DOMAIN_MODULES
    assert "exback_tui.store.snapshot" in STORE_MODULES
    assert "exback_tui.store.plan_store" in STORE_MODULES
    assert "exback_tui.material.exercises" in MATERIAL_MODULES


@pytest.mark.parametrize("module", DOMAIN_MODULES + STORE_MODULES + MATERIAL_MODULES + CLI_MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    loaded = _loaded_by(module)
    assert module in loaded
    assert _offenders(loaded, UI_PACKAGES) == []


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_tinydb_store_or_material(module: str) -> None:
    loaded = _loaded_by(module)
    assert _offenders(loaded, ("tinydb",)) == []
    above = ("exback_tui.store", "exback_tui.service", "exback_tui.cli", "exback_tui.material")
    assert _offenders(loaded, above) == []


@pytest.mark.parametrize("module", MATERIAL_MODULES)
def test_material_module_does_not_import_tinydb_or_store(module: str) -> None:
    loaded = _loaded_by(module)
    assert _offenders(loaded, ("tinydb", "exback_tui.store", "exback_tui.service")) == []


def test_all_domain_and_store_modules_together() -> None:
    """Importing every module in one interpreter (the way an app would) stays Textual-free."""
    code = (
        "import importlib, json, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *DOMAIN_MODULES, *STORE_MODULES, *MATERIAL_MODULES],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert _offenders(set(json.loads(result.stdout)), UI_PACKAGES) == []


# A plain-text check, so that even an import inside a function is caught.

UI_IMPORT = re.compile(r"^\s*(import\s+(textual|rich)\b|from\s+(textual|rich)\b)", re.MULTILINE)
TINYDB_IMPORT = re.compile(r"^\s*(import\s+tinydb\b|from\s+tinydb\b)", re.MULTILINE)


def _sources(folder: str) -> list[Path]:
    files = sorted((PACKAGE_DIR / folder).rglob("*.py"))
    assert files, folder
    return files


@pytest.mark.parametrize("folder", ["domain", "store", "material"])
def test_no_textual_import_lines(folder: str) -> None:
    bad = [
        f"{path.relative_to(PACKAGE_DIR)}: {match.group(0).strip()}"
        for path in _sources(folder)
        for match in UI_IMPORT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert bad == []


def test_no_tinydb_import_lines_in_domain() -> None:
    bad = [
        str(path.relative_to(PACKAGE_DIR))
        for path in _sources("domain")
        if TINYDB_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert bad == []


def test_the_text_check_would_catch_an_import() -> None:
    assert UI_IMPORT.search("from textual.app import App")
    assert UI_IMPORT.search("    import textual")
    assert UI_IMPORT.search("from rich.markup import escape")
    assert not UI_IMPORT.search("# we never import textual here\nx = 1")
    assert not UI_IMPORT.search("import textualize_other")
