"""The layers in DESIGN.md ("Architecture") hold: domain and store never pull in Textual.

Each module is imported in a fresh interpreter so nothing already loaded by
the test run can hide an import.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import exback_tui
import exback_tui.cli
import exback_tui.domain
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
# The command line and what it runs on must stay Textual-free too (cli/tui.py imports
# the app only once it opens it).
CLI_MODULES = [
    *_modules_of(exback_tui.cli),
    "exback_tui.service",
    "exback_tui.paths",
    "exback_tui.resources",
]


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
    assert "exback_tui.store.plan.snapshot" in STORE_MODULES
    assert "exback_tui.store.plan.store" in STORE_MODULES


@pytest.mark.parametrize("module", DOMAIN_MODULES + STORE_MODULES + CLI_MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    loaded = _loaded_by(module)
    assert module in loaded
    assert _offenders(loaded, UI_PACKAGES) == []


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_tinydb_or_store(module: str) -> None:
    loaded = _loaded_by(module)
    assert _offenders(loaded, ("tinydb",)) == []
    assert _offenders(loaded, ("exback_tui.store", "exback_tui.service", "exback_tui.cli")) == []


def test_all_domain_and_store_modules_together() -> None:
    """Importing every module in one interpreter (the way an app would) stays Textual-free."""
    code = (
        "import importlib, json, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *DOMAIN_MODULES, *STORE_MODULES],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert _offenders(set(json.loads(result.stdout)), UI_PACKAGES) == []


# The service is the only door to the files -------------------------------------------
#
# Nothing but `service.py` imports the store, with one named exception: the lean
# `exback today` path, which reads the plan file without the service (the service
# pulls in `typing`, hence `re`, past that command's budget). An AST check, so that an
# import inside a function, `from exback_tui import store` or a relative import is
# caught as well.

STORE = "exback_tui.store"
STORE_DOORS = frozenset({"exback_tui.service", "exback_tui.cli.today"})


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module or module.name) for every import in `source`, at any depth."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return found


def store_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """The lines of `source` (the module `module`) that import the store, most precisely named."""
    hits = {
        (line, name)
        for line, name in _imported_names(source, module, is_package)
        if name == STORE or name.startswith(STORE + ".")
    }
    # `from exback_tui.store import files` names both the package and the module: keep one.
    precise = {
        (line, name)
        for line, name in hits
        if not any(at == line and other.startswith(name + ".") for at, other in hits)
    }
    return [f"{module}:{line}: {name}" for line, name in sorted(precise)]


def package_sources() -> dict[str, tuple[str, bool]]:
    """Every module of exback_tui outside the store: name -> (source, is a package)."""
    return {
        _module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if "__pycache__" not in path.parts and not _module_name(path).startswith(STORE)
    }


def store_offenders(sources: dict[str, tuple[str, bool]]) -> list[str]:
    """Every import of the store by a module that is not one of the two doors."""
    return [
        line
        for module, (source, is_package) in sources.items()
        if module not in STORE_DOORS
        for line in store_imports(source, module, is_package=is_package)
    ]


def test_only_the_service_and_the_today_path_import_the_store() -> None:
    sources = package_sources()
    # The walk sees the layers this rule is about, the screens and widgets included.
    for expected in ("exback_tui.cli.plan", "exback_tui.app", "exback_tui.screens.damaged"):
        assert expected in sources
    assert any(name.startswith("exback_tui.widgets.") for name in sources)
    assert store_offenders(sources) == []


def test_the_doors_do_import_the_store() -> None:
    """The exceptions are real (a rename would otherwise leave a stale exemption)."""
    sources = package_sources()
    for door in STORE_DOORS:
        source, is_package = sources[door]
        assert store_imports(source, door, is_package=is_package), door


def test_a_planted_store_import_in_a_cli_module_is_caught() -> None:
    sources = package_sources()
    source, is_package = sources["exback_tui.cli.plan"]
    planted = source + "\n\ndef _sneak():\n    from exback_tui.store import files\n"
    sources["exback_tui.cli.plan"] = (planted, is_package)
    offenders = store_offenders(sources)
    assert len(offenders) == 1
    assert offenders[0].startswith("exback_tui.cli.plan:")
    assert offenders[0].endswith(": exback_tui.store.files")


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("exback_tui.cli.journal", "from exback_tui.store import files"),
        ("exback_tui.cli.journal", "import exback_tui.store.lock"),
        ("exback_tui.cli.journal", "import exback_tui.store.lock as lock"),
        ("exback_tui.cli.journal", "from exback_tui import store"),
        ("exback_tui.cli.journal", "from exback_tui.store.plan.snapshot import read_plan_state"),
        ("exback_tui.cli.journal", "from ..store.errors import StoreError"),
        ("exback_tui.screens.damaged", "from ..store import files"),
        ("exback_tui.widgets.entry_view", "def f():\n    from exback_tui.store import names"),
        ("exback_tui.app", "if True:\n    import exback_tui.store"),
    ],
)
def test_the_store_check_catches_every_spelling(module: str, source: str) -> None:
    assert store_imports(source, module) != []


@pytest.mark.parametrize(
    "source",
    [
        "from exback_tui.service import StoreError, move_aside",
        "import exback_tui.service",
        "from exback_tui import service",
        "from . import common",
        "import exback_tui.storefront",
        "# from exback_tui.store import files",
        "text = 'from exback_tui.store import files'",
    ],
)
def test_the_store_check_leaves_other_imports_alone(source: str) -> None:
    assert store_imports(source, "exback_tui.cli.journal") == []


def test_the_today_path_does_not_load_the_service() -> None:
    """Why it may read the store itself: it must not pay for the service's imports."""
    loaded = _loaded_by("exback_tui.cli.today")  # (the probe itself loads json, hence re)
    assert _offenders(loaded, ("exback_tui.service", "typing", "pathlib", "argparse")) == []


# A plain-text check, so that even an import inside a function is caught.

UI_IMPORT = re.compile(r"^\s*(import\s+(textual|rich)\b|from\s+(textual|rich)\b)", re.MULTILINE)
TINYDB_IMPORT = re.compile(r"^\s*(import\s+tinydb\b|from\s+tinydb\b)", re.MULTILINE)


def _sources(folder: str) -> list[Path]:
    files = sorted((PACKAGE_DIR / folder).rglob("*.py"))
    assert files, folder
    return files


@pytest.mark.parametrize("folder", ["domain", "store"])
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
