"""The daily words and each screen's words load, and each kind of mistake in them is
reported with its file."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from exback_tui.domain.plan import milestones
from exback_tui.material import ContentError, Material, load_material, shipped_material
from exback_tui.material.daily import MILESTONE_KEYS
from exback_tui.material.screens import PAIR_LISTS, WORDS
from exback_tui.resources import content_dir


def test_shipped_content_loads():
    content = load_material(content_dir())
    assert len(content.actions) >= 1
    assert all(1 <= action.step <= 4 for action in content.actions)
    assert len({action.id for action in content.actions}) == len(content.actions)
    assert all(action.text.strip() for action in content.actions)
    assert set(WORDS) <= set(content.text)
    for screen, keys in WORDS.items():
        assert set(content.text[screen]) == set(keys)
    assert isinstance(shipped_material(), Material)
    assert shipped_material() is shipped_material()


def test_shipped_milestone_words_cover_every_milestone_the_plan_can_reach():
    words = load_material(content_dir()).milestones
    reachable = {mark.key for target in range(21, 366) for mark in milestones(target)}
    assert reachable == set(words) == MILESTONE_KEYS
    for key, text in words.items():
        assert text.key == key
        assert text.title.strip() and text.message.strip()


def test_shipped_content_matches_the_toml_on_disk():
    raw = tomllib.loads((content_dir() / "actions.toml").read_text("utf-8"))
    content = load_material(content_dir())
    assert [a.id for a in content.actions] == [entry["id"] for entry in raw["action"]]
    assert [a.text for a in content.actions] == [entry["text"] for entry in raw["action"]]


def test_shipped_ui_placeholders_are_the_ones_screens_fill_in():
    ui = load_material(content_dir()).text
    fields = {
        (section, key): set(re.findall(r"\{(\w+)\}", text))
        for section in ("onboarding", "dashboard")
        for key, text in ui[section].items()
        if isinstance(text, str)
    }
    assert fields[("onboarding", "privacy")] == {"data_dir"}
    assert fields[("dashboard", "clock_behind")] == {"today", "latest"}
    ui["dashboard"]["clock_behind"].format(today="2026-11-01", latest="2026-11-02")
    ui["onboarding"]["privacy"].format(data_dir="/home/someone/.local/share/exback")


# --- Broken content -------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    load_material(copy)  # the copy is good before each test breaks it
    return copy


def edit(path: Path, change: Callable[[str], str]) -> None:
    before = path.read_text("utf-8")
    after = change(before)
    assert after != before, "the edit did not apply"
    path.write_text(after, "utf-8")


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def broken(folder: Path, filename: str) -> str:
    with pytest.raises(ContentError) as caught:
        load_material(folder)
    message = str(caught.value)
    assert filename in message, message
    return message


FIRST_ACTION = 'id = "mute-not-block"\nstep = 1\n'


@pytest.mark.parametrize(
    ("filename", "old", "new", "mentions"),
    [
        # Unknown keys.
        ("actions.toml", FIRST_ACTION, FIRST_ACTION + 'colour = "red"\n', "colour"),
        ("actions.toml", "[[action]]", 'title = "x"\n\n[[action]]', "title"),
        ("milestones.toml", 'key = "day-7"\n', 'key = "day-7"\nemoji = "x"\n', "emoji"),
        # Missing fields.
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\n', "missing 'step'"),
        ("actions.toml", 'id = "tell-a-friend"\n', "", "missing 'id'"),
        ("milestones.toml", 'title = "One week"\n', "", "missing 'title'"),
        # Duplicate id and duplicate milestone key.
        ("actions.toml", 'id = "tell-a-friend"', 'id = "mute-not-block"', "mute-not-block"),
        ("milestones.toml", 'key = "day-7"', 'key = "day-1"', "day-1"),
        # Step outside 1-4, or not a whole number.
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\nstep = 0\n', "step"),
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\nstep = 5\n', "step"),
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\nstep = -1\n', "step"),
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\nstep = 2.0\n', "step"),
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\nstep = "1"\n', "step"),
        ("actions.toml", FIRST_ACTION, 'id = "mute-not-block"\nstep = true\n', "step"),
        # A `when` that names no period or day, and a period left without an action.
        ("actions.toml", 'when = "day-7"', 'when = "always"', "always"),
        ("actions.toml", 'when = "day-7"', 'when = "day-0"', "day-0"),
        ("actions.toml", FIRST_ACTION + 'when = "first-days"', FIRST_ACTION, "missing 'when'"),
        # Empty text.
        ("milestones.toml", 'title = "One week"', 'title = ""', "title"),
        ("milestones.toml", 'title = "One week"', 'title = "   "', "title"),
        ("milestones.toml", 'title = "One week"', "title = 7", "title"),
        ("screens/checkin.toml", 'saved = "Check-in saved."', 'saved = ""', "saved"),
        ("screens/checkin.toml", 'saved = "Check-in saved."', 'saved = "  \\n  "', "saved"),
        ("screens/checkin.toml", 'saved = "Check-in saved."', "saved = 3", "saved"),
        # A missing milestone key.
        ("milestones.toml", 'key = "day-14"', 'key = "day-15"', "day-14"),
        # An extra or missing screen word, or a table where words go.
        (
            "screens/hide.toml",
            'text = "Press any key',
            'extra = "x"\ntext = "Press any key',
            "extra",
        ),
        ("screens/dashboard.toml", 'new_day = "A new day has started."\n', "", "new_day"),
    ],
)
def test_content_mistakes_are_reported_with_the_file(folder, filename, old, new, mentions):
    edit(folder / filename, replace_once(old, new))
    message = broken(folder, filename)
    assert mentions in message, message


def test_unknown_key_names_the_entry(folder):
    edit(folder / "actions.toml", replace_once(FIRST_ACTION, FIRST_ACTION + 'colour = "red"\n'))
    message = broken(folder, "actions.toml")
    assert "#1" in message and "colour" in message


def replace_line(starting: str, new_line: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = text.splitlines(keepends=True)
        hits = [i for i, line in enumerate(lines) if line.startswith(starting)]
        assert len(hits) == 1, starting
        lines[hits[0]] = new_line + "\n"
        return "".join(lines)

    return change


@pytest.mark.parametrize("empty", ['""', '"   "', '"\\n\\t"', "''", '""""""'])
def test_empty_action_text_names_the_entry(folder, empty):
    edit(folder / "actions.toml", replace_line('text = "Put the photos', f"text = {empty}"))
    message = broken(folder, "actions.toml")
    assert "'text'" in message and "#3" in message


def test_step_outside_1_to_4_names_the_action(folder):
    edit(folder / "actions.toml", replace_once('id = "sleep"\nstep = 1', 'id = "sleep"\nstep = 9'))
    message = broken(folder, "actions.toml")
    assert "sleep" in message and "1-4" in message


def test_every_milestone_key_is_required(folder):
    path = folder / "milestones.toml"
    original = path.read_text("utf-8")
    for key in sorted(MILESTONE_KEYS):
        blocks = original.split("[[milestone]]")
        kept = [b for b in blocks if f'key = "{key}"' not in b]
        assert len(kept) == len(blocks) - 1
        path.write_text("[[milestone]]".join(kept), "utf-8")
        assert key in broken(folder, "milestones.toml")
    path.write_text(original, "utf-8")
    load_material(folder)


def test_an_extra_milestone_key_is_refused(folder):
    with (folder / "milestones.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[milestone]]\nkey = "day-100"\ntitle = "x"\nmessage = "y"\n')
    assert "day-100" in broken(folder, "milestones.toml")


@pytest.mark.parametrize("screen", sorted(WORDS))
def test_every_screen_words_file_is_required(folder, screen):
    (folder / "screens" / f"{screen}.toml").unlink()
    broken(folder, f"screens/{screen}.toml")


def test_every_word_a_screen_uses_is_required(folder):
    path = folder / "screens" / "steps.toml"
    original = path.read_text("utf-8")
    for key in WORDS["steps"][:: max(1, len(WORDS["steps"]) // 10)]:
        lines = [ln for ln in original.splitlines() if not ln.startswith(f"{key} = ")]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        message = broken(folder, "screens/steps.toml")
        assert key in message and "missing" in message, message
    path.write_text(original, "utf-8")
    load_material(folder)


def test_screen_words_must_be_flat(folder):
    path = folder / "screens" / "hide.toml"
    path.write_text(path.read_text("utf-8") + '\n[more]\nx = "y"\n', "utf-8")
    assert "'more'" in broken(folder, "screens/hide.toml")


def test_pair_lists_are_only_where_a_screen_expects_them():
    assert {("help", "checkin_keys")} == PAIR_LISTS


def _set_checkin_keys(folder: Path, value: str) -> None:
    path = folder / "screens" / "help.toml"
    data = path.read_text("utf-8")
    start = data.index("checkin_keys = [")
    end = data.index("\n]\n", start) + 3
    path.write_text(data[:start] + f"checkin_keys = {value}\n" + data[end:], "utf-8")


@pytest.mark.parametrize(
    "keys",
    [
        "[]",
        '[["Tab"]]',
        '[["Tab", "next", "extra"]]',
        '[["Tab", ""]]',
        '[["", "next answer"]]',
        '[["Tab", "  "]]',
        '[["Tab", 3]]',
        '["Tab", "next answer"]',
        '[{ key = "Tab", text = "next" }]',
        "3",
        '""',
    ],
)
def test_help_key_lists_must_be_pairs_of_text(folder, keys):
    _set_checkin_keys(folder, keys)
    assert "checkin_keys" in broken(folder, "screens/help.toml")


def test_help_key_list_of_pairs_loads_as_written(folder):
    _set_checkin_keys(folder, '[["[/]", "x"], ["Tab", "next"]]')
    help_words = load_material(folder).text["help"]
    assert help_words["checkin_keys"] == [["[/]", "x"], ["Tab", "next"]]


@pytest.mark.parametrize(
    "filename", ["actions.toml", "milestones.toml", "prompts.toml", "screens/journal.toml"]
)
@pytest.mark.parametrize(
    "garbage",
    [
        b'[[action]\nid = "x"\n',
        b'key = "unterminated\n',
        b"= = =\n",
        b"\xff\xfe\x00not utf-8",
        b"a = 1\na = 2\n",
    ],
)
def test_invalid_toml_is_reported_with_the_file(folder, filename, garbage):
    (folder / filename).write_bytes(garbage)
    broken(folder, filename)


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("actions.toml", ""),
        ("actions.toml", "# only a comment\n"),
        ("actions.toml", "action = []\n"),
        ("actions.toml", "action = [1, 2]\n"),
        ("actions.toml", 'action = "text"\n'),
        ("actions.toml", '[action]\nid = "x"\nstep = 1\ntext = "y"\n'),
        ("milestones.toml", "milestone = [[1]]\n"),
        ("screens/hide.toml", ""),
        ("prompts.toml", 'prompt = [{ id = "a", step = 1, title = "t", text = "x" }]\n'),
    ],
)
def test_wrong_shapes_are_reported_with_the_file(folder, filename, text):
    (folder / filename).write_text(text, "utf-8")
    broken(folder, filename)


@pytest.mark.parametrize(
    "filename", ["actions.toml", "milestones.toml", "prompts.toml", "screens/editor.toml"]
)
def test_a_missing_file_is_reported(folder, filename):
    (folder / filename).unlink()
    broken(folder, filename)


def test_content_text_is_kept_as_written(folder):
    hostile = "[bold]Keep [/] this \\u001b[31m and 😭 and שלום"
    edit(
        folder / "actions.toml",
        replace_once(
            'text = "Mute their chats and hide their posts for now. You are not punishing anyone; '
            'you are giving your own mind a quiet room."',
            f'text = "{hostile}"',
        ),
    )
    first = load_material(folder).actions[0]
    assert first.text == "[bold]Keep [/] this \x1b[31m and 😭 and שלום"
