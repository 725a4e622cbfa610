"""The layers in DESIGN.md ("Architecture") hold: domain, store and material never pull in
Textual.

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
# The command line and what it runs on must stay Textual-free too (cli/tui.py imports
# the app only once it opens it).
CLI_MODULES = [
    *_modules_of(exback_tui.cli),
    "exback_tui.service",
    "exback_tui.report",
    "exback_tui.calendar_file",
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


# --- The UI's own layers ------------------------------------------------------------------
#
# Screens and widgets reach the files only through exback_tui.service; a widget
# never imports a screen (or the app); and a widget never reaches the service or
# the app's state: it shows what it is given (constructor, reactives, data_bind)
# and posts Messages, and the screen that owns it saves. Both checks read the
# source (an import inside a function counts), and each has a planted offender
# below that shows it firing.


def _imported_modules(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, module, the statement) for every import in `tree`, `from x import y` as x.y too."""
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ast.unparse(node)) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module, ast.unparse(node)))
            found += [
                (node.lineno, f"{node.module}.{alias.name}", ast.unparse(node))
                for alias in node.names
            ]
    return found


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def forbidden_imports(where: str, source: str) -> list[str]:
    """What `source` (the file `where`, relative to exback_tui/) imports across the UI's layers."""
    is_widget = where.startswith("widgets/")
    problems: list[str] = []
    for line, module, statement in _imported_modules(ast.parse(source)):
        if _under(module, "exback_tui.store"):
            problems.append(
                f"{where}:{line}: `{statement}`: screens and widgets reach the files only"
                " through exback_tui.service (take the store's errors from there too)"
            )
        elif is_widget and (_under(module, "exback_tui.screens") or module == "exback_tui.app"):
            problems.append(
                f"{where}:{line}: `{statement}`: a widget must not import a screen or the app;"
                " move the shared piece into widgets/, or post a Message up"
            )
    return sorted(set(problems))


# What a widget may use of the app or its screen: drawing and focus, never state.
WIDGET_MAY_USE = frozenset(
    {"get_key_display", "console", "console_options", "focused", "size", "bell", "notify"}
    # Textual's key machinery, which the footer (KeyBar) reads and runs, as Footer does:
    # which keys act where focus is, and the app's own key list. Not the app's state.
    | {"active_bindings", "bindings_updated_signal", "run_action", "simulate_key", "BINDINGS"}
)


def _is_app_or_screen(node: ast.AST, aliases: set[str]) -> bool:
    """`x.app`, `x.screen`, `active_app.get()`, or a name bound to one of those."""
    if isinstance(node, ast.Attribute):
        return node.attr in ("app", "screen")
    if isinstance(node, ast.Name):
        return node.id in aliases
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        target = node.func.value
        return (
            node.func.attr == "get" and isinstance(target, ast.Name) and target.id == "active_app"
        )
    return False


def _aliases(tree: ast.AST) -> set[str]:
    """Names bound to the app or a screen anywhere in the module (`app = self.app`, ...)."""
    aliases: set[str] = set()

    def bind(target: ast.AST, value: ast.AST) -> None:
        if isinstance(target, ast.Name) and _is_app_or_screen(value, aliases):
            aliases.add(target.id)
        elif isinstance(target, ast.Tuple | ast.List) and isinstance(value, ast.Tuple | ast.List):
            for one, other in zip(target.elts, value.elts, strict=False):
                bind(one, other)

    size = -1
    while size != len(aliases):  # until nothing new: `a = self.app; b = a`
        size = len(aliases)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    bind(target, node.value)
            elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and node.value is not None:
                bind(node.target, node.value)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                bind(node.optional_vars, node.context_expr)
    return aliases


def widget_reaches(where: str, source: str) -> list[str]:
    """Every place the widget module `source` reaches the app's state or the service."""
    tree = ast.parse(source)
    aliases = _aliases(tree)
    problems: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _is_app_or_screen(node.value, aliases)
            and node.attr not in WIDGET_MAY_USE
        ):
            problems.append(f"{where}:{node.lineno}: `{ast.unparse(node)}`")
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("watch", "getattr", "setattr") and _is_app_or_screen(node.args[0], aliases):
                problems.append(f"{where}:{node.lineno}: `{ast.unparse(node)}`")
    return [
        f"{problem}: a widget reaches the app's state or the service. Take what it shows"
        " in its constructor or a reactive (data_bind), post a Message up, and let the"
        " screen that owns it save"
        for problem in sorted(set(problems))
    ]


def _package_sources(*folders: str) -> list[tuple[str, str]]:
    return [
        (path.relative_to(PACKAGE_DIR).as_posix(), path.read_text(encoding="utf-8"))
        for folder in folders
        for path in sorted((PACKAGE_DIR / folder).rglob("*.py"))
    ]


def test_screens_and_widgets_import_neither_the_store_nor_upwards() -> None:
    sources = _package_sources("screens", "widgets")
    assert any(where.startswith("widgets/") for where, _ in sources)
    problems = [p for where, source in sources for p in forbidden_imports(where, source)]
    assert not problems, "\n".join(problems)


def test_widgets_never_reach_the_service_or_the_app_state() -> None:
    sources = _package_sources("widgets")
    problems = [p for where, source in sources for p in widget_reaches(where, source)]
    assert not problems, "\n".join(problems)


PLANTED_IMPORT = "from exback_tui.store import files\n"
PLANTED_REACH = """
class Planted(Widget):
    def on_button_pressed(self) -> None:
        app = self.app
        app.service.save_answer("decision:why", "typed", app.now())
"""


def test_the_import_check_catches_a_planted_store_import() -> None:
    problems = forbidden_imports("widgets/planted.py", PLANTED_IMPORT)
    print("\n".join(problems))  # shown with -s: the message a real offender gets
    assert problems == [
        "widgets/planted.py:1: `from exback_tui.store import files`: screens and widgets reach"
        " the files only through exback_tui.service (take the store's errors from there too)"
    ]
    assert forbidden_imports("screens/planted.py", "import exback_tui.store.files\n")
    assert forbidden_imports("widgets/planted.py", "from exback_tui.screens.steps import X\n")
    assert forbidden_imports("widgets/planted.py", "from exback_tui.app import ExBackApp\n")
    assert not forbidden_imports("screens/planted.py", "from exback_tui.service import X\n")


def test_the_widget_check_catches_a_planted_reach_into_the_app() -> None:
    problems = widget_reaches("widgets/planted.py", PLANTED_REACH)
    print("\n".join(problems))  # shown with -s: the message a real offender gets
    assert [p.split(": a widget")[0] for p in problems] == [
        "widgets/planted.py:5: `app.now`",
        "widgets/planted.py:5: `app.service`",
    ]
    assert "let the screen that owns it save" in problems[0]


@pytest.mark.parametrize(
    "source",
    [
        "self.app.service.save_answer(key, text, now)",
        "self.app.save_program(call)",
        "texts = self.app.material.text['x']",
        "self.screen.service.remove_item(x)",
        "self.watch(self.app, 'program', self.show)",
        "self.watch(self.screen, 'program', self.show)",
        "app = self.app\nservice = app.service",
        "a, b = self.app, 1\na.program",
        "a = self.app\nb = a\nb.today",
        "if (app := self.app):\n    app.status",
        "getattr(self.app, 'service')",
        "self.parent.app.journal",
        "active_app.get().material",
    ],
)
def test_the_widget_check_catches_every_spelling(source: str) -> None:
    assert widget_reaches("widgets/planted.py", source)


@pytest.mark.parametrize(
    "source",
    [
        "key = self.app.get_key_display(binding)",
        "focused = self.screen.focused",
        "self.post_message(self.Changed(self, value))",
        "self.watch(self, 'value', self.show)",
        "service = 'a word'\nservice.upper()",
    ],
)
def test_the_widget_check_lets_a_widget_draw(source: str) -> None:
    assert not widget_reaches("widgets/fine.py", source)


def test_the_dashboard_paints_without_text_area_or_the_slip_dialog() -> None:
    """What the first frame does not need is not imported to draw it (`KeyBar`, the dashboard)."""
    import subprocess
    import sys

    code = (
        "import sys, exback_tui.screens.dashboard, exback_tui.widgets.key_bar as k;"
        "k.is_text_field(None);"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "exback_tui.screens.dashboard" in loaded
    assert "textual.widgets._text_area" not in loaded
    assert "exback_tui.screens.dialogs.slip" not in loaded
    assert "exback_tui.widgets.safe_input" not in loaded
