"""`exback` alone (or with only `--data-dir`) opens the app without the command-line parser."""

from __future__ import annotations

from exback_tui.cli.dispatch import _app_only
from exback_tui.cli.tui import NEEDS_A_TERMINAL
from exback_tui.exit_codes import BAD_INPUT
from tests.cli.conftest import Cli


def test_opening_the_app_skips_the_parser_and_the_subcommands(cli: Cli) -> None:
    cli.start()
    for spelling in ([], [f"--data-dir={cli.data_dir}"]):
        result = cli.run(
            *spelling, data_dir=not spelling, freeze="light", modules=True
        )  # stdin is not a terminal: refused once the files are checked
        assert result.rc == BAD_INPUT, str(result)
        assert result.stderr == f"exback: {NEEDS_A_TERMINAL}\n"
        assert result.modules is not None
        assert "argparse" not in result.modules
        assert "exback_tui.cli.parser" not in result.modules


def test_only_the_plain_spellings_skip_the_parser() -> None:
    assert _app_only([]) == (None,)
    assert _app_only(["--data-dir", "~/x"]) == ("~/x",)
    assert _app_only(["--data-dir=~/x"]) == ("~/x",)
    assert _app_only(["--data-dir="]) == ("",)
    # The parser decides these: a value like an option, abbreviations, commands, help.
    for args in (["--data-dir", "-x"], ["--data", "x"], ["today"], ["--help"], ["--data-dir"]):
        assert _app_only(args) is None


def test_a_usage_error_on_the_app_path_is_still_said(cli: Cli) -> None:
    result = cli.run("--data-dir", "-x", data_dir=False, freeze="light")
    assert result.rc == BAD_INPUT
    assert "--data-dir" in result.stderr
