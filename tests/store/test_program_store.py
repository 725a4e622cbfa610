"""The program file: each change lands whole, reads back equal; a damaged file is kept."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.progress import EMPTY_PROGRAM, MAX_FIELD_CHARS
from exback_tui.service import ExBackService
from exback_tui.store.errors import DamagedFile, NewerSchema
from exback_tui.store.names import PROGRAM_FILE
from exback_tui.store.program.records import state_from_tables, tables_from_state
from tests.store.support import HOSTILE_TEXTS, temp_files

D = date(2026, 3, 1)
NOW = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)


@pytest.fixture
def service(data_dir: Path):
    opened = ExBackService(data_dir).open(for_tui=True)
    yield opened
    opened.close()


def reopened(data_dir: Path, service: ExBackService):
    """What a new start reads (the running service is closed first, as on quit)."""
    service.close()
    with ExBackService(data_dir).open(for_tui=True) as fresh:
        return fresh.program()


def test_a_new_folder_has_an_empty_program_and_no_file(service, data_dir):
    assert service.program() == EMPTY_PROGRAM
    assert not (data_dir / PROGRAM_FILE).exists()


def test_every_kind_of_change_reads_back_after_reopening(service, data_dir):
    service.save_answer("decision:why", "We wanted different things", NOW)
    service.save_checklist("reasons", ["love", "lonely"], D)
    service.save_quiz("you", {"q1": 2, "q2": 0}, 7, D)
    service.add_item("pros", "They made me laugh", D)
    service.add_item("reframes", "I ruin everything", D, extra="I made one mistake")
    service.set_stage("first-text", D)
    service.add_hard_date("Their birthday", 2, 29)
    service.set_allowed_topics(["kids", " bills ", "kids", ""])
    service.log_contact(D, "necessary", topic="kids", note="pick-up time")
    service.log_contact(D, "they", engaged=False)
    service.keep_urge("I just want to hear your voice", NOW)
    state = service.set_theme("textual-light")

    assert reopened(data_dir, service) == state
    assert state.answer("decision:why") == "We wanted different things"
    assert state.latest_ticks("reasons") == {"love", "lonely"}
    assert state.quizzes["you"][0].score == 7
    assert [i.text for i in state.items_in("pros")] == ["They made me laugh"]
    assert state.items_in("reframes")[0].extra == "I made one mistake"
    assert state.allowed_topics == ("kids", "bills")
    assert [c.kind for c in state.contacts] == ["necessary", "they"]
    assert state.urges[0].outcome == "waiting"
    assert state.theme == "textual-light"


def test_file_and_folder_are_private(service, data_dir):
    service.save_answer("talk:notes", "private", NOW)
    assert stat.S_IMODE((data_dir / PROGRAM_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert temp_files(data_dir) == []


def test_a_checklist_retaken_the_same_day_replaces_and_a_later_day_adds(service):
    service.save_checklist("signs", ["talks"], D)
    service.save_checklist("signs", ["talks", "single"], D)
    state = service.save_checklist("signs", [], D + timedelta(days=30))
    takes = state.checklists["signs"]
    assert [(t.on, t.ticked) for t in takes] == [
        (D, frozenset({"talks", "single"})),
        (D + timedelta(days=30), frozenset()),
    ]
    assert state.latest_ticks("signs") == frozenset()


def test_quiz_retakes_are_all_kept_in_order(service):
    service.save_quiz("them", {"a": 1}, 3, D)
    state = service.save_quiz("them", {"a": 0}, 1, D + timedelta(days=7))
    assert [r.score for r in state.quizzes["them"]] == [3, 1]


def test_items_are_edited_ticked_and_removed(service):
    state = service.add_item("plan:hobby", "Guitar twice a week", D)
    item_id = state.items[0].id
    state = service.update_item(item_id, done=True, text="Guitar three times a week")
    assert state.items[0].done and state.items[0].text == "Guitar three times a week"
    assert service.remove_item(item_id).items == ()
    with pytest.raises(InvalidInput):
        service.update_item(item_id, done=False)


def test_a_stage_can_be_marked_and_cleared(service):
    assert service.set_stage("call", D).stages["call"].on == D
    assert "call" not in service.set_stage("call", None).stages


def test_urges_are_decided_once_kept(service):
    state = service.keep_urge("please can we talk", NOW)
    urge_id = state.urges[-1].id
    later = NOW + timedelta(hours=25)
    decided = service.decide_urge(urge_id, "let-go", later).urges[-1]
    assert (decided.outcome, decided.decided) == ("let-go", later)
    with pytest.raises(InvalidInput):
        service.decide_urge(urge_id, "maybe", later)


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.add_item("pros", "   ", D),
        lambda s: s.add_item("pros", "x" * (MAX_FIELD_CHARS + 1), D),
        lambda s: s.save_answer("decision:why", "x" * (MAX_FIELD_CHARS + 1), NOW),
        lambda s: s.keep_urge("", NOW),
        lambda s: s.log_contact(D, "necessary", topic="not allowed"),
        lambda s: s.log_contact(D, "sometimes"),
        lambda s: s.add_hard_date("Anniversary", 2, 30),
        lambda s: s.add_hard_date("", 5, 1),
    ],
)
def test_refused_changes_write_nothing(service, data_dir, change):
    service.save_answer("decision:why", "kept", NOW)
    before = (data_dir / PROGRAM_FILE).read_bytes()
    with pytest.raises(InvalidInput):
        change(service)
    assert (data_dir / PROGRAM_FILE).read_bytes() == before
    assert service.program().answer("decision:why") == "kept"


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_stored_exactly(service, data_dir, text):
    service.save_answer("decision:why", text, NOW)
    service.add_item("cons", text, D, extra=text)
    service.keep_urge(text, NOW)
    state = reopened(data_dir, service)
    assert state.answer("decision:why") == text
    assert state.items[0].text == state.items[0].extra == text
    assert state.urges[0].text == text


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b'{"answers": {"1": {"key": "x"',
        b'{"answers": {"1": {"key": "x", "text": 5, "updated": "2026-03-01T07:30:00"}}}',
        b'{"items": []}',
        b'{"contacts": {"1": {"id": "a", "on": "2026-03-01", "kind": "ghost",'
        b' "topic": "", "engaged": false, "note": ""}}}',
        b"\xff\xfe not utf-8",
    ],
)
def test_a_damaged_file_is_never_overwritten_and_a_copy_is_kept(data_dir, raw):
    data_dir.mkdir(mode=0o700)
    (data_dir / PROGRAM_FILE).write_bytes(raw)
    with ExBackService(data_dir).open(for_tui=True) as service:
        with pytest.raises(DamagedFile) as caught:
            service.program()
        with pytest.raises(DamagedFile):
            service.save_answer("decision:why", "new", NOW)
    assert (data_dir / PROGRAM_FILE).read_bytes() == raw
    assert caught.value.copy is not None and caught.value.copy.read_bytes() == raw


def test_a_file_from_a_newer_release_is_refused(data_dir):
    data_dir.mkdir(mode=0o700)
    raw = json.dumps({"meta": {"1": {"schema_version": 99}}}).encode()
    (data_dir / PROGRAM_FILE).write_bytes(raw)
    with ExBackService(data_dir).open(for_tui=True) as service, pytest.raises(NewerSchema):
        service.set_theme("textual-dark")
    assert (data_dir / PROGRAM_FILE).read_bytes() == raw


texts = st.text(max_size=40)
dates = st.dates(date(2000, 1, 1), date(2100, 1, 1))


@given(
    answers=st.dictionaries(texts, texts, max_size=4),
    ticks=st.frozensets(texts, max_size=5),
    on=dates,
    topics=st.lists(texts.filter(str.strip), max_size=3),
)
def test_tables_round_trip(answers, ticks, on, topics):
    from exback_tui.domain.progress import Answer, ChecklistTake

    state = EMPTY_PROGRAM._replace(
        answers={k: Answer(k, v, NOW) for k, v in answers.items()},
        checklists={"signs": (ChecklistTake("signs", on, ticks),)},
        allowed_topics=tuple(topics),
    )
    encoded = json.loads(json.dumps(tables_from_state(state)))
    assert state_from_tables(encoded) == state


def test_the_program_goes_through_export_and_import_exactly(service, data_dir, tmp_path):
    service.begin(D, D)
    service.save_answer("decision:why", HOSTILE_TEXTS[0], NOW)
    service.save_checklist("reasons", ["love"], D)
    service.add_item("pros", "kind", D)
    state = service.keep_urge("call me", NOW)
    raw = service.export_json()
    service.close()

    other = tmp_path / "other"
    with ExBackService(other).open(for_tui=True) as fresh:
        fresh.import_json(raw)
        assert fresh.program() == state
        assert fresh.export_json() == raw


def test_an_import_never_replaces_a_program_already_here(service, data_dir):
    service.save_answer("decision:why", "mine", NOW)
    raw = service.export_json()
    service.save_answer("decision:why", "changed since", NOW)
    service.import_json(raw)
    assert service.program().answer("decision:why") == "changed since"


def test_the_folder_export_reads_the_program_without_touching_the_folder(service, data_dir):
    from exback_tui.store.export import folder_export

    service.save_answer("talk:notes", "be calm", NOW)
    stray = data_dir / ".program.json.123.abcdef12.tmp"
    stray.write_bytes(b"a save in progress")
    assert b"be calm" in folder_export(data_dir)
    assert stray.exists()
