"""`exback completion bash|zsh|fish`: scripts made from the parser, shtab loaded only here.

The script driven in a real bash (`exback jo<TAB>` gives `journal`) is in
tests/test_packaging.py, with the slow tests.
"""

from __future__ import annotations

import pytest

from exback_tui.cli.parser import SHELLS
from tests.cli.conftest import Cli, assert_one_line_error

COMMANDS = (
    "today",
    "start",
    "slip",
    "checkin",
    "journal",
    "export",
    "import",
    "check",
    "completion",
)


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_gets_a_script_naming_every_command(cli: Cli, shell: str) -> None:
    result = cli.ok("completion", shell, data_dir=False)
    assert result.stderr == ""
    script = result.stdout
    assert script.endswith("\n") and "exback" in script
    for name in (*COMMANDS, "add", "list", "search", "--data-dir", "--since"):
        assert name in script, (shell, name)


def test_bash_offers_folders_for_data_dir_and_files_for_import(cli: Cli) -> None:
    script = cli.ok("completion", "bash", data_dir=False).stdout
    assert "_shtab_exback___data_dir_COMPGEN=_shtab_compgen_dirs" in script
    assert "_shtab_exback_import_pos_0_COMPGEN=_shtab_compgen_files" in script


def test_an_unknown_shell_is_bad_input(cli: Cli) -> None:
    assert_one_line_error(cli.run("completion", "powershell", data_dir=False))
    assert_one_line_error(cli.run("completion", data_dir=False))


def test_completion_creates_no_data_folder(cli: Cli) -> None:
    cli.ok("completion", "zsh")
    assert not cli.data_dir.exists()


@pytest.mark.parametrize(
    "args",
    [("today",), ("today", "--short"), ("journal", "list"), ("--help",)],
    ids=" ".join,
)
def test_only_the_completion_command_imports_shtab(cli: Cli, args: tuple[str, ...]) -> None:
    cli.start("3 days ago")
    result = cli.run(*args, freeze="light", modules=True)
    assert result.rc == 0, str(result)
    assert result.modules and "exback_tui.cli" in result.modules
    assert "shtab" not in result.modules, args
    completion = cli.run("completion", "bash", freeze="light", modules=True)
    assert completion.modules and "shtab" in completion.modules
