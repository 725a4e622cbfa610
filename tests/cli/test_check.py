"""`exback check [TEXT | -] [--json]`: the message checker from the shell."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli, assert_one_line_error


def test_a_crisis_draft_is_a_crisis_in_json_and_exits_1(cli: Cli) -> None:
    result = cli.run("check", "I just want to die lol", "--json")
    assert result.rc == 1, str(result)
    assert json.loads(result.stdout) == {"crisis": True, "findings": []}
    assert result.stderr == ""


def test_findings_in_json_name_the_rule_title_and_words(cli: Cli) -> None:
    result = cli.run("check", "hey, I miss you. how's it going?", "--json")
    assert result.rc == 1, str(result)
    found = json.loads(result.stdout)
    assert found["crisis"] is False
    assert [(f["rule"], f["match"]) for f in found["findings"]] == [
        ("miss-you", "miss you"),
        ("how-are-you", "how's it going"),
    ]
    assert all(f["title"] for f in found["findings"])


def test_a_light_draft_exits_0(cli: Cli) -> None:
    result = cli.run("check", "Saw a dog just like Biscuit today 🐶")
    assert result.rc == 0, str(result)
    assert "Nothing flagged" in result.stdout
    json_result = cli.run("check", "Saw a dog just like Biscuit today", "--json")
    assert json.loads(json_result.stdout) == {"crisis": False, "findings": []}
    assert json_result.rc == 0


def test_the_text_answer_explains_each_rule(cli: Cli) -> None:
    result = cli.run("check", "[bold]I still love you[/]")
    assert result.rc == 1
    assert '✗ Saying "I love you": “still love”' in result.stdout
    assert "pressure" in result.stdout  # the rule's why


def test_a_crisis_answer_is_support_with_the_locale_country_first(cli: Cli) -> None:
    result = cli.run("check", "i cant go on like this", env={"LANG": "en_NZ.UTF-8", "LC_ALL": ""})
    assert result.rc == 1
    lines = result.stdout.splitlines()
    numbers = [line.strip() for line in lines if line.startswith("  ")]
    assert numbers[0].startswith("New Zealand") and "1737" in numbers[0]
    assert "New Zealand, emergency: 111" in numbers
    assert "rethink" not in result.stdout  # support, not rules
    assert "press !" in result.stdout


def test_the_draft_can_come_on_standard_input(cli: Cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("why are you ignoring me", encoding="utf-8")
    with draft.open("rb") as stdin:
        result = cli.run("check", "-", "--json", stdin=stdin.fileno())
    assert result.rc == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "pressure"


def test_bad_input_exits_2(cli: Cli, tmp_path: Path) -> None:
    assert_one_line_error(cli.run("check", "   "))
    assert_one_line_error(cli.run("check", "hi", "--colour"))
    raw = tmp_path / "raw.bin"
    raw.write_bytes(b"\xff\xfe not utf-8")
    with raw.open("rb") as stdin:
        assert_one_line_error(cli.run("check", "-", stdin=stdin.fileno()))


def test_check_creates_no_data_folder(cli: Cli) -> None:
    cli.run("check", "I miss you")
    assert not cli.data_dir.exists()


def test_check_never_imports_textual(cli: Cli) -> None:
    result = cli.run("check", "I miss you", modules=True)
    assert result.modules is not None
    assert not any(name == "textual" or name.startswith("textual.") for name in result.modules)
