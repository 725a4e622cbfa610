"""The shipped material loads, and each kind of content mistake is reported with its file.

Broken content is made from a copy of the shipped `content/`: TOML files are
read, changed as data and written back (by `dump_toml`, below), so the tests
don't depend on the wording of the prose.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exback_tui.material import ContentError, Material, load_material, shipped_material
from exback_tui.material.catalog import KINDS
from exback_tui.material.exercises import CHECKLIST_GROUPS
from exback_tui.material.pages import slug
from exback_tui.resources import content_dir
from tests.material.toml_writer import change_toml, dump_toml

# --- Fixtures and helpers --------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    load_material(copy)  # the copy is good before each test breaks it
    return copy


def loaded(folder: Path) -> tuple[object, ...]:
    """Everything the material holds, to compare two loads."""
    material = load_material(folder)
    return (*(getattr(material, kind) for kind in KINDS if kind != "text"), dict(material.text))


def broken(folder: Path, *mentions: str) -> str:
    with pytest.raises(ContentError) as caught:
        load_material(folder)
    message = str(caught.value)
    for mention in mentions:
        assert mention in message, message
    return message


def by_id(entries: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    return next(entry for entry in entries if entry["id"] == wanted)


def checklist(data: dict[str, Any], wanted: str) -> dict[str, Any]:
    return by_id(data["checklist"], wanted)


def quiz(data: dict[str, Any], wanted: str) -> dict[str, Any]:
    return by_id(data["quiz"], wanted)


def group_bands(entry: dict[str, Any], group: str = "main") -> list[dict[str, Any]]:
    bands = [b for b in entry["band"] if b.get("group", "main") == group]
    return sorted(bands, key=lambda band: band["low"])


# --- The shipped material --------------------------------------------------------------------


def test_shipped_material_loads_with_the_counts_the_program_has():
    material = load_material(content_dir())
    assert isinstance(material, Material)
    assert [p.id for p in material.questions_pages] == [f"questions-{n}" for n in range(1, 5)]
    assert [p.id for p in material.steps_pages] == [f"steps-{n}" for n in range(1, 5)]
    for page in material.questions_pages + material.steps_pages:
        assert page.title.strip() and not page.title.startswith("#")
        assert page.body.strip() and not page.body.startswith("# ")
    assert len(material.faq) == 6
    assert len({entry.id for entry in material.faq}) == 6
    assert set(material.checklists) == set(CHECKLIST_GROUPS)
    assert len(material.checklists["signs"].items) == 8
    assert list(material.checklists["reasons"].bands) == ["right", "wrong"]
    assert [q.id for q in material.quizzes] == ["you", "them", "both"]
    assert {"miss-you", "relationship", "pity", "pressure"} <= {rule.id for rule in material.rules}
    assert len(material.stages) == 7
    assert len(material.decision_questions) == 7
    assert len(material.plan_areas) == 4
    assert {concern.level for concern in material.concerns} == {"stop", "caution"}
    assert shipped_material().checklists == material.checklists
    assert shipped_material() is shipped_material()


def test_shipped_bands_cover_every_count_and_every_total_once():
    material = load_material(content_dir())
    for item in material.checklists.values():
        for group, bands in item.bands.items():
            size = sum(1 for i in item.items if i.group == group)
            covered = [n for band in bands for n in range(band.low, band.high + 1)]
            assert covered == list(range(size + 1)), (item.id, group)
    for q in material.quizzes:
        # Retired options stay in the file for past results; only the offered ones score.
        offered = [[o for o in question.options if not o.retired] for question in q.questions]
        low = sum(min(o.score for o in options) for options in offered)
        high = sum(max(o.score for o in options) for options in offered)
        covered = [n for band in q.bands for n in range(band.low, band.high + 1)]
        assert covered == list(range(low, high + 1)), q.id
        assert 5 <= len(q.questions) <= 6
        assert all(3 <= len(options) <= 4 for options in offered)


def test_shipped_material_matches_the_files_on_disk():
    folder = content_dir()
    material = load_material(folder)
    raw = tomllib.loads((folder / "checker.toml").read_text("utf-8"))
    assert [r.id for r in material.rules] == [entry["id"] for entry in raw["rule"]]
    assert [r.patterns for r in material.rules] == [tuple(e["patterns"]) for e in raw["rule"]]
    first_line = (folder / "steps" / "1.md").read_text("utf-8").splitlines()[0]
    assert first_line == f"# {material.steps_pages[0].title}"
    for name, words in material.text.items():
        assert words == tomllib.loads((folder / "screens" / f"{name}.toml").read_text("utf-8"))


def test_shipped_faq_ids_are_slugs_of_the_questions():
    for entry in load_material(content_dir()).faq:
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", entry.id), entry.id
        assert entry.question.strip() and entry.answer.strip()
        assert not entry.answer.startswith("## ")


@pytest.mark.parametrize(
    "name",
    ["checklists.toml", "quizzes.toml", "checker.toml", "stages.toml", "plan.toml",
     "decision.toml", "safety.toml"],
)  # fmt: skip
def test_the_toml_writer_round_trips_the_shipped_files(folder, name):
    data = tomllib.loads((folder / name).read_text("utf-8"))
    assert tomllib.loads(dump_toml(data)) == data
    change_toml(folder, name, lambda data: None)
    assert loaded(folder) == loaded(content_dir())


# --- Broken TOML -----------------------------------------------------------------------------

CASES: list[tuple[str, Callable[[dict[str, Any]], object], tuple[str, ...]]] = [
    # Unknown keys, at every level.
    ("checklists.toml", lambda d: d.update(title="x"), ("top-level", "title")),
    (
        "checklists.toml",
        lambda d: checklist(d, "reasons").update(colour="red"),
        ("[[checklist]] #", "colour"),
    ),
    (
        "checklists.toml",
        lambda d: checklist(d, "signs")["item"][2].update(colour="red"),
        ("checklist 'signs'", "[[checklist.item]] #3", "colour"),
    ),
    (
        "checklists.toml",
        lambda d: checklist(d, "mistakes")["band"][0].update(colour="red"),
        ("checklist 'mistakes'", "[[checklist.band]] #1", "colour"),
    ),
    (
        "quizzes.toml",
        lambda d: quiz(d, "them")["question"][1]["option"][0].update(weight=2),
        ("quiz 'them'", "[[quiz.question.option]] #1", "weight"),
    ),
    ("checker.toml", lambda d: d["rule"][0].update(severity="high"), ("[[rule]] #1", "severity")),
    ("stages.toml", lambda d: d["stage"][3].update(emoji="x"), ("[[stage]] #4", "emoji")),
    ("plan.toml", lambda d: d["area"][1].update(icon="x"), ("[[area]] #2", "icon")),
    ("decision.toml", lambda d: d["question"][6].update(x="y"), ("[[question]] #7", "'x'")),
    ("safety.toml", lambda d: d["concern"][0].update(x="y"), ("[[concern]] #1", "'x'")),
    # Missing fields.
    ("checklists.toml", lambda d: d["checklist"][1].pop("intro"), ("#2", "missing 'intro'")),
    (
        "checklists.toml",
        lambda d: checklist(d, "readiness")["item"][0].pop("text"),
        ("checklist 'readiness'", "[[checklist.item]] #1", "missing 'text'"),
    ),
    (
        "checklists.toml",
        lambda d: checklist(d, "signs")["band"][1].pop("high"),
        ("checklist 'signs'", "missing 'high'"),
    ),
    ("checklists.toml", lambda d: checklist(d, "signs").pop("band"), ("missing 'band'",)),
    (
        "quizzes.toml",
        lambda d: quiz(d, "you")["question"][0]["option"][2].pop("score"),
        ("quiz 'you'", "missing 'score'"),
    ),
    ("quizzes.toml", lambda d: quiz(d, "both").pop("band"), ("[[quiz]] #", "missing 'band'")),
    ("checker.toml", lambda d: by_id(d["rule"], "pity").pop("why"), ("missing 'why'",)),
    ("checker.toml", lambda d: by_id(d["rule"], "pity").pop("patterns"), ("'patterns'",)),
    ("stages.toml", lambda d: d["stage"][0].pop("donts"), ("[[stage]] #1", "missing 'donts'")),
    ("plan.toml", lambda d: d["area"][3].pop("hint"), ("[[area]] #4", "missing 'hint'")),
    ("decision.toml", lambda d: d["question"][0].pop("id"), ("[[question]] #1", "missing 'id'")),
    ("safety.toml", lambda d: d["concern"][2].pop("level"), ("#3", "missing 'level'")),
    # Empty or wrongly typed text.
    ("checklists.toml", lambda d: d["checklist"][0].update(title=""), ("#1", "'title'")),
    (
        "checklists.toml",
        lambda d: checklist(d, "signs")["item"][4].update(text="  \n "),
        ("checklist 'signs'", "[[checklist.item]] #5", "'text'"),
    ),
    (
        "quizzes.toml",
        lambda d: quiz(d, "you")["band"][0].update(text=""),
        ("quiz 'you'", "[[quiz.band]] #1", "'text'"),
    ),
    ("checker.toml", lambda d: d["rule"][2].update(title=3), ("[[rule]] #3", "'title'")),
    ("stages.toml", lambda d: d["stage"][1].update(dos=[]), ("[[stage]] #2", "'dos'")),
    ("stages.toml", lambda d: d["stage"][1]["dos"].append(" "), ("[[stage]] #2", "'dos'")),
    ("stages.toml", lambda d: d["stage"][1].update(donts="one"), ("[[stage]] #2", "'donts'")),
    ("stages.toml", lambda d: d["stage"][1].update(donts=[1]), ("[[stage]] #2", "'donts'")),
    ("decision.toml", lambda d: d["question"][2].update(hint=""), ("#3", "'hint'")),
    ("safety.toml", lambda d: d["concern"][0].update(text=True), ("#1", "'text'")),
    # Numbers that are not whole numbers.
    (
        "quizzes.toml",
        lambda d: quiz(d, "you")["question"][0]["option"][0].update(score=1.5),
        ("quiz 'you'", "'score'", "whole number"),
    ),
    (
        "quizzes.toml",
        lambda d: quiz(d, "you")["question"][0]["option"][0].update(score=True),
        ("quiz 'you'", "'score'"),
    ),
    (
        "checklists.toml",
        lambda d: checklist(d, "readiness")["band"][0].update(low="0"),
        ("checklist 'readiness'", "'low'"),
    ),
    # Duplicate ids.
    (
        "checklists.toml",
        lambda d: checklist(d, "signs")["item"][1].update(
            id=checklist(d, "signs")["item"][0]["id"]
        ),
        ("checklist 'signs'", "duplicate item id"),
    ),
    ("checklists.toml", lambda d: d["checklist"][1].update(id="reasons"), ("duplicate", "reasons")),
    ("quizzes.toml", lambda d: d["quiz"][2].update(id=d["quiz"][0]["id"]), ("duplicate quiz id",)),
    (
        "quizzes.toml",
        lambda d: quiz(d, "both")["question"][4].update(id=quiz(d, "both")["question"][0]["id"]),
        ("quiz 'both'", "duplicate question id"),
    ),
    ("checker.toml", lambda d: d["rule"][1].update(id=d["rule"][0]["id"]), ("duplicate rule id",)),
    ("stages.toml", lambda d: d["stage"][6].update(id=d["stage"][0]["id"]), ("duplicate id",)),
    ("plan.toml", lambda d: d["area"][3].update(id=d["area"][2]["id"]), ("duplicate id",)),
    ("safety.toml", lambda d: d["concern"][1].update(id=d["concern"][0]["id"]), ("duplicate",)),
    # Ids that can't be keys and widget ids.
    ("plan.toml", lambda d: d["area"][0].update(id="Time Alone"), ("'Time Alone'", "lowercase")),
    (
        "checklists.toml",
        lambda d: checklist(d, "signs")["item"][0].update(id="1st"),
        ("checklist 'signs'", "'1st'"),
    ),
    # The wrong set or number of things.
    (
        "checklists.toml",
        lambda d: d["checklist"].remove(checklist(d, "mistakes")),
        ("exactly", "mistakes"),
    ),
    (
        "checklists.toml",
        lambda d: d["checklist"].append({**checklist(d, "signs"), "id": "extra"}),
        ("exactly", "extra"),
    ),
    (
        "checklists.toml",
        lambda d: [i.update(group="good") for i in checklist(d, "reasons")["item"][:1]],
        ("checklist 'reasons'", "groups", "good"),
    ),
    (
        "checklists.toml",
        lambda d: [i.update(group="other") for i in checklist(d, "signs")["item"]],
        ("checklist 'signs'", "groups", "other"),
    ),
    ("quizzes.toml", lambda d: d.update(quiz=[]), ("[[quiz]]",)),
    ("checker.toml", lambda d: d.update(rule=[]), ("[[rule]]",)),
    ("stages.toml", lambda d: d.update(stage=[]), ("[[stage]]",)),
    ("plan.toml", lambda d: d.update(area=[]), ("[[area]]",)),
    ("decision.toml", lambda d: d.update(question=[]), ("[[question]]",)),
    ("safety.toml", lambda d: d["concern"][0].update(level="maybe"), ("'maybe'", "level")),
    (
        "safety.toml",
        lambda d: d.update(concern=[c for c in d["concern"] if c["level"] == "stop"]),
        ("'caution'",),
    ),
    # Wrong shapes.
    ("checklists.toml", lambda d: d.update(checklist=[]), ("[[checklist]]",)),
    ("checklists.toml", lambda d: checklist(d, "signs").update(item=[]), ("[[checklist.item]]",)),
    ("checklists.toml", lambda d: checklist(d, "signs").update(item="x"), ("'item'",)),
    ("quizzes.toml", lambda d: quiz(d, "you").update(question=[1, 2]), ("[[quiz.question]]",)),
    ("stages.toml", lambda d: d.update(stage={"id": "x"}), ("[[stage]]",)),
]


@pytest.mark.parametrize(
    ("name", "change", "mentions"),
    CASES,
    ids=[f"{case[0]}-{number}" for number, case in enumerate(CASES)],
)
def test_toml_mistakes_are_reported_with_the_file_and_entry(folder, name, change, mentions):
    change_toml(folder, name, change)
    broken(folder, name, *mentions)


# --- Bands -----------------------------------------------------------------------------------


def test_checklist_bands_with_a_gap(folder):
    def change(data):
        bands = group_bands(checklist(data, "readiness"))
        bands[1]["low"] += 1

    change_toml(folder, "checklists.toml", change)
    message = broken(folder, "checklists.toml", "checklist 'readiness'", "gap")
    assert re.search(r"no band for (\d+)\.\.\1\b", message), message


def test_checklist_bands_that_overlap(folder):
    change_toml(
        folder,
        "checklists.toml",
        lambda d: group_bands(checklist(d, "mistakes"))[2].update(
            low=group_bands(checklist(d, "mistakes"))[1]["high"]
        ),
    )
    broken(folder, "checklists.toml", "checklist 'mistakes'", "overlap")


def test_checklist_bands_that_stop_short_of_the_item_count(folder):
    def change(data):
        entry = checklist(data, "signs")
        entry["band"].remove(group_bands(entry)[-1])

    change_toml(folder, "checklists.toml", change)
    broken(folder, "checklists.toml", "checklist 'signs'", "must end at 8", "stop at")


def test_checklist_bands_that_go_past_the_item_count(folder):
    change_toml(
        folder,
        "checklists.toml",
        lambda d: group_bands(checklist(d, "readiness"))[-1].update(high=99),
    )
    broken(folder, "checklists.toml", "checklist 'readiness'", "go past it to 99")


def test_a_new_item_needs_its_bands_moved(folder):
    def change(data):
        entry = checklist(data, "readiness")
        entry["item"].append({**entry["item"][0], "id": "brand-new"})

    change_toml(folder, "checklists.toml", change)
    size = len(tomllib.loads((folder / "checklists.toml").read_text("utf-8"))["checklist"])
    assert size == 4
    broken(folder, "checklists.toml", "checklist 'readiness'", "must end at")

    def fix(data):
        entry = checklist(data, "readiness")
        group_bands(entry)[-1]["high"] = len(entry["item"])

    change_toml(folder, "checklists.toml", fix)
    assert (
        len(load_material(folder).checklists["readiness"].items)
        == len(shipped_material().checklists["readiness"].items) + 1
    )


def test_checklist_band_that_does_not_start_at_zero(folder):
    def change(data):
        entry = checklist(data, "signs")
        first = group_bands(entry)[0]
        entry["band"].remove(first)
        group_bands(entry)[0]["low"] = first["high"] + 1

    change_toml(folder, "checklists.toml", change)
    broken(folder, "checklists.toml", "checklist 'signs'", "no band for 0..0")


def test_checklist_band_with_low_above_high(folder):
    def change(data):
        band = group_bands(checklist(data, "signs"))[-1]
        band["low"], band["high"] = band["high"], band["low"]

    change_toml(folder, "checklists.toml", change)
    broken(folder, "checklists.toml", "checklist 'signs'", "above high")


def test_a_group_without_bands(folder):
    def change(data):
        entry = checklist(data, "reasons")
        entry["band"] = [b for b in entry["band"] if b.get("group", "main") != "wrong"]

    change_toml(folder, "checklists.toml", change)
    broken(folder, "checklists.toml", "checklist 'reasons'", "no bands for group 'wrong'")


def test_bands_for_a_group_without_items(folder):
    change_toml(
        folder, "checklists.toml", lambda d: checklist(d, "signs")["band"][0].update(group="x")
    )
    broken(folder, "checklists.toml", "checklist 'signs'", "'x'", "no items")


def test_each_group_is_checked_on_its_own(folder):
    change_toml(
        folder,
        "checklists.toml",
        lambda d: group_bands(checklist(d, "reasons"), "wrong")[-1].update(high=5),
    )
    broken(folder, "checklists.toml", "checklist 'reasons'", "group 'wrong'", "must end at 4")


@pytest.mark.parametrize("change", [-1, 1])
def test_the_number_of_signs_is_a_content_edit(folder, change):
    def edit(data):
        entry = checklist(data, "signs")
        if change > 0:
            entry["item"].append({"id": "ninth-sign", "text": "They ask your friends about you."})
        else:
            entry["item"].pop()
        group_bands(entry)[-1]["high"] = len(entry["item"])

    change_toml(folder, "checklists.toml", edit)
    signs = load_material(folder).checklists["signs"]
    assert len(signs.items) == len(shipped_material().checklists["signs"].items) + change


def _totals(entry: dict[str, Any]) -> tuple[int, int]:
    scores = [[o["score"] for o in q["option"]] for q in entry["question"]]
    return sum(min(s) for s in scores), sum(max(s) for s in scores)


def test_quiz_bands_must_reach_the_highest_total(folder):
    def change(data):
        entry = quiz(data, "you")
        options = entry["question"][0]["option"]
        max(options, key=lambda o: o["score"])["score"] += 1

    change_toml(folder, "quizzes.toml", change)
    high = _totals(quiz(tomllib.loads((folder / "quizzes.toml").read_text("utf-8")), "you"))[1]
    broken(folder, "quizzes.toml", "quiz 'you'", f"must end at {high}")


def test_quiz_bands_must_start_at_the_lowest_total(folder):
    def change(data):
        options = quiz(data, "them")["question"][2]["option"]
        min(options, key=lambda o: o["score"])["score"] -= 1

    change_toml(folder, "quizzes.toml", change)
    low = _totals(quiz(tomllib.loads((folder / "quizzes.toml").read_text("utf-8")), "them"))[0]
    broken(folder, "quizzes.toml", "quiz 'them'", "gap", f"no band for {low}..")


def test_quiz_bands_follow_the_scores_when_both_change(folder):
    def change(data):
        entry = quiz(data, "both")
        for option in entry["question"][0]["option"]:
            option["score"] += 10  # every total moves up by 10
        for band in entry["band"]:
            band["low"] += 10
            band["high"] += 10

    change_toml(folder, "quizzes.toml", change)
    material = load_material(folder)
    both = next(q for q in material.quizzes if q.id == "both")
    assert both.bands[0].low == 10


def test_quiz_bands_that_overlap(folder):
    def change(data):
        bands = sorted(quiz(data, "both")["band"], key=lambda b: b["low"])
        bands[1]["low"] -= 1

    change_toml(folder, "quizzes.toml", change)
    broken(folder, "quizzes.toml", "quiz 'both'", "overlap")


def test_quiz_bands_are_kept_in_score_order(folder):
    change_toml(folder, "quizzes.toml", lambda d: quiz(d, "you")["band"].reverse())
    you = next(q for q in load_material(folder).quizzes if q.id == "you")
    assert [band.low for band in you.bands] == sorted(band.low for band in you.bands)


def test_quiz_bands_that_start_below_the_lowest_total(folder):
    def change(data):
        for option in quiz(data, "you")["question"][0]["option"]:
            option["score"] += 1

    change_toml(folder, "quizzes.toml", change)
    low = _totals(quiz(tomllib.loads((folder / "quizzes.toml").read_text("utf-8")), "you"))[0]
    broken(folder, "quizzes.toml", "quiz 'you'", f"must start at {low}", "lowest and highest")


def test_a_quiz_question_is_a_content_edit(folder):
    def change(data):
        entry = quiz(data, "them")
        new = {**entry["question"][0], "id": "one-more"}
        entry["question"].append(new)
        top = max(o["score"] for o in new["option"])
        max(entry["band"], key=lambda band: band["high"])["high"] += top

    change_toml(folder, "quizzes.toml", change)
    them = next(q for q in load_material(folder).quizzes if q.id == "them")
    shipped = next(q for q in shipped_material().quizzes if q.id == "them")
    assert len(them.questions) == len(shipped.questions) + 1
    assert them.questions[-1].id == "one-more"


def test_a_quiz_without_questions(folder):
    change_toml(folder, "quizzes.toml", lambda d: quiz(d, "them").update(question=[]))
    broken(folder, "quizzes.toml", "quiz 'them'", "[[quiz.question]]")


@pytest.mark.parametrize("count", [0, 1])
def test_quiz_question_with_too_few_options(folder, count):
    def change(data):
        options = quiz(data, "you")["question"][1]["option"]
        del options[count:]
        while len(options) < count:
            options.append({"text": "another", "score": 0})

    change_toml(folder, "quizzes.toml", change)
    question = quiz(tomllib.loads((content_dir() / "quizzes.toml").read_text("utf-8")), "you")
    broken(folder, "quizzes.toml", f"question {question['question'][1]['id']!r}", "option")


# --- Checker rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "mentions"),
    [
        ("(unclosed", "does not compile"),
        ("[a-", "does not compile"),
        ("\\", "does not compile"),
        ("(?P<x>a)(?P<x>b)", "does not compile"),
        ("x*", "matches empty text"),
        ("\\b|you", "matches empty text"),
        ("(?:you)?", "matches empty text"),
    ],
)
def test_a_pattern_that_cannot_work(folder, pattern, mentions):
    change_toml(
        folder, "checker.toml", lambda d: by_id(d["rule"], "pity")["patterns"].append(pattern)
    )
    broken(folder, "checker.toml", "rule 'pity'", mentions)


@pytest.mark.parametrize("patterns", [[], [""], ["  "], "you", [3]])
def test_patterns_must_be_a_list_of_text(folder, patterns):
    change_toml(
        folder, "checker.toml", lambda d: by_id(d["rule"], "pressure").update(patterns=patterns)
    )
    broken(folder, "checker.toml", "'patterns'")


def test_removing_a_rule_is_a_content_edit(folder):
    change_toml(folder, "checker.toml", lambda d: d["rule"].remove(by_id(d["rule"], "apology")))
    assert "apology" not in {rule.id for rule in load_material(folder).rules}


def test_a_new_rule_is_a_content_edit(folder):
    new = {"id": "too-long", "title": "Long", "why": "Short is better.", "patterns": [r"\w{30}"]}
    change_toml(folder, "checker.toml", lambda d: d["rule"].append(new))
    assert load_material(folder).rules[-1].id == "too-long"


# --- Pages -----------------------------------------------------------------------------------


def set_first_line(path: Path, line: str | None) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    if line is None:
        lines.pop(0)
    else:
        lines[0] = line + "\n"
    path.write_text("".join(lines), "utf-8")


@pytest.mark.parametrize("page", ["questions/1.md", "questions/4.md", "steps/2.md"])
@pytest.mark.parametrize(
    "first", ["Title without a hash", "#Title", "## Subheading", "#", "# ", ""]
)
def test_a_page_without_a_title(folder, page, first):
    set_first_line(folder / page, first)
    broken(folder, page, "# ")


def test_a_page_title_after_a_blank_line_is_refused(folder):
    path = folder / "steps" / "3.md"
    path.write_text("\n" + path.read_text("utf-8"), "utf-8")
    broken(folder, "steps/3.md", "first line")


@pytest.mark.parametrize("body", ["", "\n", "\n\n   \n"])
def test_a_page_with_only_a_title(folder, body):
    (folder / "questions" / "3.md").write_text("# A title" + body, "utf-8")
    broken(folder, "questions/3.md", "no text")


def test_a_page_keeps_its_markdown(folder):
    (folder / "steps" / "4.md").write_text(
        "# Reconnect  \n\nA [bold]paragraph[/].\n\n## Sub\n\n- one\n- two\n", "utf-8"
    )
    page = load_material(folder).steps_pages[3]
    assert page == ("steps-4", "Reconnect", "A [bold]paragraph[/].\n\n## Sub\n\n- one\n- two")


def test_windows_line_endings_are_read(folder):
    path = folder / "questions" / "2.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    page = load_material(folder).questions_pages[1]
    assert page == shipped_material().questions_pages[1]


@pytest.mark.parametrize("page", ["questions/4.md", "steps/1.md"])
def test_a_missing_page(folder, page):
    (folder / page).unlink()
    broken(folder, page.split("/")[0], "exactly", "found")


def test_an_extra_page(folder):
    shutil.copy(folder / "steps" / "1.md", folder / "steps" / "5.md")
    broken(folder, "steps/", "5.md")


def test_a_missing_pages_folder(folder):
    shutil.rmtree(folder / "questions")
    broken(folder, "questions/")


def test_a_page_that_is_not_utf8(folder):
    (folder / "questions" / "1.md").write_bytes(b"# Title\n\xff\xfe not text")
    broken(folder, "questions/1.md")


# --- The common questions --------------------------------------------------------------------


def faq_sections(folder: Path) -> tuple[str, list[str]]:
    text = (folder / "faq.md").read_text("utf-8")
    head, *sections = re.split(r"(?m)^(?=## )", text)
    return head, sections


def write_faq(folder: Path, head: str, sections: list[str]) -> None:
    (folder / "faq.md").write_text(head + "".join(sections), "utf-8")


def test_faq_questions_are_as_many_as_the_file_holds(folder):
    head, sections = faq_sections(folder)
    write_faq(folder, head, [*sections, "## And one more?\n\nYes.\n"])
    assert len(load_material(folder).faq) == len(sections) + 1
    write_faq(folder, head, sections[:1])
    assert len(load_material(folder).faq) == 1


def test_faq_without_questions(folder):
    head, _ = faq_sections(folder)
    write_faq(folder, head, [])
    broken(folder, "faq.md", "at least one")


def test_faq_question_without_an_answer(folder):
    head, sections = faq_sections(folder)
    question = sections[2].splitlines()[0]
    sections[2] = question + "\n\n"
    write_faq(folder, head, sections)
    broken(folder, "faq.md", question[3:], "no answer")


def test_faq_duplicate_question(folder):
    head, sections = faq_sections(folder)
    sections[4] = sections[1]
    write_faq(folder, head, sections)
    broken(folder, "faq.md", "duplicate")


def test_faq_text_before_the_first_question(folder):
    head, sections = faq_sections(folder)
    write_faq(folder, head.rstrip("\n") + "\n\nAn intro nobody would see.\n\n", sections)
    broken(folder, "faq.md", "before the first")


def test_faq_without_a_title(folder):
    set_first_line(folder / "faq.md", None)
    broken(folder, "faq.md", "title")


def test_faq_heading_without_words(folder):
    head, sections = faq_sections(folder)
    sections.append("##\n\nAn answer.\n")
    write_faq(folder, head, sections)
    broken(folder, "faq.md", "without a question")


def test_faq_answers_keep_deeper_headings(folder):
    head, sections = faq_sections(folder)
    sections[0] = sections[0].rstrip("\n") + "\n\n### A detail\n\nMore.\n\n"
    write_faq(folder, head, sections)
    entry = load_material(folder).faq[0]
    assert entry.answer.endswith("### A detail\n\nMore.")


def test_faq_ids_are_slugs():
    folder_faq = "# Common questions\n\n" + "".join(
        f"## {q}\n\nAnswer {n}.\n\n"
        for n, q in enumerate(
            [
                "I can't stop thinking about them. How do I cope?",
                "What’s “the number one” thing?",
                "2 weeks later?",
                "Should I date?",
                "Should   I  date?!",
                "Ünïcode only?",
            ]
        )
    )
    ids = [slug(line[3:]) for line in folder_faq.splitlines() if line.startswith("## ")]
    assert ids[:4] == [
        "i-cant-stop-thinking-about-them-how-do-i-cope",
        "whats-the-number-one-thing",
        "q-2-weeks-later",
        "should-i-date",
    ]
    assert ids[4] == ids[3]  # the loader refuses this as a duplicate
    assert ids[5] == "unicode-only"


# --- Screen words ----------------------------------------------------------------------------


def write_screen(folder: Path, text: str) -> None:
    (folder / "screens").mkdir(exist_ok=True)
    (folder / "screens" / "zz_test.toml").write_text(text, "utf-8")


def test_screen_words_load_by_file_name(folder):
    write_screen(folder, 'title = "Hello"\nline = "In {days} days, {{not a field}}"\n')
    words = load_material(folder).text["zz_test"]
    assert words == {"title": "Hello", "line": "In {days} days, {{not a field}}"}
    assert words["line"].format(days=3) == "In 3 days, {not a field}"


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ('[section]\nkey = "x"\n', "'section'"),
        ("key = 3\n", "'key'"),
        ('key = ["a"]\n', "'key'"),
        ('key = ""\n', "'key'"),
        ('key = "   "\n', "'key'"),
        ('key = "a { b"\n', "placeholder"),
        ('key = "a } b"\n', "placeholder"),
        ('key = "a {} b"\n', "placeholder"),
        ('key = "a {0} b"\n', "placeholder"),
        ('key = "a {x.y} b"\n', "placeholder"),
        ('key = "a {x[0]} b"\n', "placeholder"),
        ('key = "unterminated\n', "screens/zz_test.toml"),
    ],
)
def test_screen_word_mistakes(folder, text, mentions):
    write_screen(folder, text)
    broken(folder, "screens/zz_test.toml", mentions)


def test_no_screens_folder_means_missing_screen_words(folder):
    shutil.rmtree(folder / "screens")
    broken(folder, "screens/")


# --- Files -----------------------------------------------------------------------------------

TOML_FILES = [
    "checklists.toml",
    "quizzes.toml",
    "checker.toml",
    "stages.toml",
    "plan.toml",
    "decision.toml",
    "safety.toml",
]


@pytest.mark.parametrize("name", [*TOML_FILES, "faq.md"])
def test_a_missing_file_is_reported(folder, name):
    (folder / name).unlink()
    broken(folder, name)


@pytest.mark.parametrize("name", TOML_FILES)
@pytest.mark.parametrize(
    "garbage",
    [b'[[x]\nid = "x"\n', b'key = "unterminated\n', b"= = =\n", b"\xff\xfe\x00", b"a = 1\na = 2\n"],
)
def test_invalid_toml_is_reported_with_the_file(folder, name, garbage):
    (folder / name).write_bytes(garbage)
    broken(folder, name)


@pytest.mark.parametrize("name", TOML_FILES)
def test_an_empty_file_is_reported(folder, name):
    (folder / name).write_text("# only a comment\n", "utf-8")
    broken(folder, name, "at least one")


def test_content_text_is_kept_as_written(folder):
    hostile = "[bold]Keep [/] this \x1b[31m and 😭 and שלום [@click=app.quit]x[/]"
    change_toml(folder, "stages.toml", lambda d: d["stage"][0].update(title=hostile))
    assert load_material(folder).stages[0].title == hostile
