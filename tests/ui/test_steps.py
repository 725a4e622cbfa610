"""The four steps, walked by their keys: what is shown and what is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual import events
from textual.widgets import Button, Input, Select, Static, TextArea

from exback_tui.delays import Delays
from exback_tui.domain.text import printable
from exback_tui.material import shipped_material
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.slip import SlipDialog
from exback_tui.screens.dialogs.they_contacted import TheyContactedDialog
from exback_tui.screens.steps import StepsScreen
from exback_tui.screens.steps.focus import FocusTools
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.store.program.store import read_program_state
from exback_tui.widgets.bullet_list import BulletList
from exback_tui.widgets.checker import MessageChecker
from exback_tui.widgets.checklist import ChecklistView, TickBox
from exback_tui.widgets.stages import StageRow, StageTracker
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, INSTANT, screen_text, settle, wait_until

SIZE = (100, 30)
MATERIAL = shipped_material()
TEXTS = MATERIAL.text["steps"]
READINESS = MATERIAL.checklists["readiness"]


async def open_step(pilot, number: int | None) -> None:
    await pilot.press("s")
    await pilot.pause()
    if number is not None:
        await pilot.press(str(number))
        await pilot.pause()
    await settle(pilot)


def shown_step(app) -> int | None:
    assert isinstance(app.screen, StepsScreen)
    return app.screen.number


def attempts(data_dir) -> int:
    plan, _ = read_plan_state(data_dir)
    return len(plan.attempts)


async def focus(pilot, selector: str) -> None:
    """Put the focus on a field, as Tab or a click would."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


def paste(pilot, text: str) -> None:
    """Paste as a terminal does: the app hands the text to the focused widget."""
    pilot.app.post_message(events.Paste(text))


def ready_and_waited(service) -> None:
    service.save_checklist("readiness", [item.id for item in READINESS.items], FIXED_TODAY)


# Moving between the steps --------------------------------------------------------------


async def test_s_then_digits_open_each_step_and_escape_goes_back(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, None)
        assert shown_step(app) is None
        text = screen_text(app)
        for page in MATERIAL.steps_pages:
            assert page.title in text
        for number in range(1, 5):
            await pilot.press(str(number))
            await settle(pilot)
            assert shown_step(app) == number
            title = MATERIAL.steps_pages[number - 1].title
            assert title in screen_text(app)
            assert f"Step {number} of 4" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert shown_step(app) is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_brackets_go_to_the_previous_and_next_step(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, None)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert shown_step(app) == 1
        await pilot.press("left_square_bracket")  # nothing before step 1
        await settle(pilot)
        assert shown_step(app) == 1
        for expected in (2, 3, 4, 4):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert shown_step(app) == expected
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert shown_step(app) == 3
        await pilot.press("escape")  # steps replace each other: back is the overview
        await pilot.pause()
        assert shown_step(app) is None


async def test_overview_shows_progress_in_each_step(make_app):
    def seed(service) -> None:
        service.add_item("plan:hobby", "Pottery class", FIXED_TODAY)
        service.save_checklist("readiness", [READINESS.items[0].id], FIXED_TODAY)

    app = make_app(started_days_ago=10, seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, None)
        text = screen_text(app)
        assert "10 of 30 days done · attempt 1" in text
        assert "0 of 1 plan lines done · 0 kinder thoughts written" in text
        assert f"Readiness list: 1 of {len(READINESS.items)} ticked" in text
        missing = len(READINESS.items) - 1
        assert f"Locked for now: 11 more days of no contact and {missing} readiness" in text


# Step 1: no contact ----------------------------------------------------------------------


async def test_step_1_shows_the_count_and_the_attempts(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        text = screen_text(app)
        assert "10 days done, 20 to your goal" in text
        assert "11 to the 21-day minimum" in text
        assert "1. 16 Nov – now · 10 days" in text
        assert TEXTS["runin_text"] in text
        assert TEXTS["recent_none"] in text


async def test_i_contacted_them_is_a_slip_after_confirming(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, SlipDialog)
        await pilot.press("escape")  # cancelled: nothing recorded
        await settle(pilot)
        assert TEXTS["slip_cancelled"] in screen_text(app)
        assert attempts(ui_data_dir) == 1
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"a sad song", "enter")
        await settle(pilot)
        assert shown_step(app) == 1
        text = screen_text(app)
        assert TEXTS["slip_saved"] in text
        assert "slip: a sad song" in text
        assert "0 days done" in text
        # A second slip today adds no (empty) attempt: what led to it joins the first.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, SlipDialog)
        assert TEXTS["slip_again_title"] in screen_text(app)
        await pilot.press(*"and a photo", "enter")
        await settle(pilot)
        assert shown_step(app) == 1
        assert TEXTS["slip_again_saved"] in screen_text(app)
    plan, _ = read_plan_state(ui_data_dir)
    assert len(plan.attempts) == 2
    assert plan.attempts[0].trigger == "a sad song; and a photo"


async def test_todays_slip_can_be_taken_back_restoring_the_attempt(make_app, ui_data_dir):
    from exback_tui.screens.dialogs.confirm import ConfirmDialog

    app = make_app(started_days_ago=10, seed=lambda s: s.check_in(FIXED_TODAY, 3, 6, False))
    before = (ui_data_dir / "plan.json").read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        undo = app.screen.query_one("#steps-undo-slip")
        row = app.screen.query_one("#steps-undo-row")
        assert not row.display  # nothing to take back yet
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"by mistake", "enter")
        await settle(pilot)
        assert row.display
        undo.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        slip_texts = app.material.text["slip"]
        assert slip_texts["undo_done"] in screen_text(app)
        assert "10 days done" in screen_text(app)
        assert not row.display
    # The plan file is exactly as it was, today's check-in saying no contact again.
    assert (ui_data_dir / "plan.json").read_bytes() == before


async def test_they_contacted_me_without_engaging_is_not_a_slip(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TheyContactedDialog)
        assert TEXTS["space_reply"] in screen_text(app)
        await pilot.click("#they-copy")
        await pilot.pause()
        assert TEXTS["copied"] in screen_text(app)
        await focus(pilot, "#they-note")
        await pilot.press(*"a birthday text", "enter")  # Enter goes to "I didn't engage"
        await pilot.pause()
        assert app.screen.focused.id == "they-not-engaged"
        await pilot.press("enter")
        await settle(pilot)
        assert shown_step(app) == 1
        text = screen_text(app)
        assert TEXTS["they_saved_not_engaged"] in text
        assert "26 Nov · They contacted you · you didn't engage · a birthday text" in text
        assert "10 days done" in text
    assert attempts(ui_data_dir) == 1
    contacts = read_program_state(ui_data_dir).contacts
    assert [(c.on, c.kind, c.engaged, c.note) for c in contacts] == [
        (FIXED_TODAY, "they", False, "a birthday text")
    ]


async def test_they_contacted_me_and_i_engaged_asks_whether_it_was_a_slip(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        await pilot.press("r")
        await pilot.pause()
        await pilot.click("#they-engaged")
        await settle(pilot)
        assert isinstance(app.screen, SlipDialog)
        assert TEXTS["engaged_slip_title"] in screen_text(app)
        await pilot.press("escape")  # an emergency kept on topic: not a slip
        await settle(pilot)
        assert TEXTS["they_saved_engaged"] in screen_text(app)
        assert attempts(ui_data_dir) == 1

        await pilot.press("r")
        await pilot.pause()
        await pilot.click("#they-engaged")
        await settle(pilot)
        await pilot.press(*"we talked for hours", "enter")
        await settle(pilot)
        assert TEXTS["they_saved_slip"] in screen_text(app)
    assert attempts(ui_data_dir) == 2
    contacts = read_program_state(ui_data_dir).contacts
    assert [(c.kind, c.engaged) for c in contacts] == [("they", True), ("they", True)]


async def test_necessary_contact_needs_a_topic_and_is_not_a_slip(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        await pilot.press("a")  # no topics yet: the focus goes to the topic list
        await pilot.pause()
        assert app.screen.focused.id == "steps-topics"
        await focus(pilot, "#steps-necessary-log")
        await pilot.press("enter")
        await settle(pilot)
        assert TEXTS["necessary_no_topics"] in screen_text(app)
        assert read_program_state(ui_data_dir).contacts == ()

        await focus(pilot, "#steps-topics")
        await pilot.press(*"kids, the lease,, kids ", "enter")  # typed s and t stay typed
        await settle(pilot)
        assert read_program_state(ui_data_dir).allowed_topics == ("kids", "the lease")
        assert app.screen.query_one("#steps-topics", Input).value == "kids, the lease"

        await focus(pilot, "#steps-necessary-note")
        await pilot.press(*"school pickup", "enter")  # no topic picked yet
        await settle(pilot)
        assert TEXTS["necessary_no_topic"] in screen_text(app)
        assert app.screen.focused.id == "steps-topic"
        assert read_program_state(ui_data_dir).contacts == ()

        await pilot.press("enter", "down", "enter")  # open the list, pick the first topic
        await pilot.pause()
        assert app.screen.query_one("#steps-topic", Select).value == "kids"
        await focus(pilot, "#steps-necessary-note")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert TEXTS["necessary_saved"].format(topic="kids") in text
        assert "26 Nov · Necessary · kids · school pickup" in text
        assert app.screen.query_one("#steps-necessary-note", Input).value == ""
    assert attempts(ui_data_dir) == 1
    contacts = read_program_state(ui_data_dir).contacts
    assert [(c.kind, c.topic, c.note) for c in contacts] == [("necessary", "kids", "school pickup")]


async def test_with_topics_the_necessary_key_goes_to_the_topic(make_app):
    app = make_app(started_days_ago=10, seed=lambda s: s.set_allowed_topics(["work"]))
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.focused.id == "steps-topic"


# Step 2: focus on you ---------------------------------------------------------------------


async def test_plan_line_typed_ticked_and_kept(make_app, ui_data_dir):
    area = MATERIAL.plan_areas[0]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 2)
        field = app.screen.query_one(f"#plan-{area.id} Input", Input)
        field.focus()
        await pilot.pause()
        await pilot.press(*"Book a pottery class", "enter")
        await settle(pilot)
        assert field.value == ""
        box = app.screen.query_one(f"#plan-{area.id} TickBox", TickBox)
        assert box.text == "Book a pottery class"
        assert not box.value
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        assert box.value
    items = read_program_state(ui_data_dir).items_in(f"plan:{area.id}")
    assert [(i.text, i.done, i.added) for i in items] == [
        ("Book a pottery class", True, FIXED_TODAY)
    ]
    app.service.close()

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await open_step(pilot, 2)
        box = again.screen.query_one(f"#plan-{area.id} TickBox", TickBox)
        assert (box.text, box.value) == ("Book a pottery class", True)
        await pilot.press("escape")
        await pilot.pause()
        assert "1 of 1 plan lines done" in screen_text(again)


async def test_reframe_needs_both_and_is_kept(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 2)
        await focus(pilot, "#reframe-thought")
        await pilot.press(*"I ruin everything", "enter")
        await pilot.pause()
        assert app.screen.focused.id == "reframe-kinder"
        await pilot.press("enter")
        await settle(pilot)
        assert TEXTS["reframe_need_kinder"] in screen_text(app)
        assert read_program_state(ui_data_dir).items_in("reframes") == ()
        await pilot.press(*"I made mistakes and I am learning", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert TEXTS["reframe_saved"] in text
        assert "I ruin everything" in text
        assert "I made mistakes and I am learning" in text
        assert app.screen.query_one("#reframe-thought", Input).value == ""
    reframes = read_program_state(ui_data_dir).items_in("reframes")
    assert [(r.text, r.extra) for r in reframes] == [
        ("I ruin everything", "I made mistakes and I am learning")
    ]


# Step 3: respect ---------------------------------------------------------------------------


async def test_step_3_readiness_ticks_are_saved_and_say_what_step_4_waits_for(
    make_app, ui_data_dir
):
    app = make_app(started_days_ago=25)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 3)
        view = app.screen.query_one(ChecklistView)
        assert view.checklist.id == "readiness"
        total = len(READINESS.items)
        assert f"{total} items above are still unticked." in screen_text(app)
        assert TEXTS["locked_days_met"] in screen_text(app)
        for box in view.query(TickBox):
            box.focus()
            await pilot.press("space")
            await settle(pilot)
        assert TEXTS["gate_open"] in screen_text(app)
    assert read_program_state(ui_data_dir).latest_ticks("readiness") == {
        item.id for item in READINESS.items
    }


# Step 4: reconnect -------------------------------------------------------------------------


async def test_step_4_at_10_days_says_it_unlocks_in_11_days_and_what_is_missing(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        text = screen_text(app)
        assert "step 4 unlocks in 11 days" in text
        assert TEXTS["locked_missing"] in text
        missing = app.screen.query_one(BulletList).lines
        assert missing == tuple(item.text for item in READINESS.items)
        assert not app.screen.query(StageTracker)
        assert not app.screen.query(MessageChecker)
        # It can still be read.
        assert MATERIAL.steps_pages[3].title in text


async def test_step_4_with_readiness_but_too_few_days_lists_only_the_days(make_app):
    app = make_app(started_days_ago=20, seed=ready_and_waited)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        text = screen_text(app)
        assert "step 4 unlocks in 1 day." in text
        assert TEXTS["locked_ready"] in text
        assert app.screen.query_one(BulletList).lines == ()


async def test_step_4_opens_at_25_days_with_the_readiness_list_ticked(make_app):
    app = make_app(started_days_ago=25, seed=ready_and_waited)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        assert app.screen.query(StageTracker)
        assert app.screen.query(MessageChecker)
        assert TEXTS["locked_title"] not in screen_text(app)
        rows = list(app.screen.query(StageRow))
        assert not any(row.has_class("-done") for row in rows)
        assert [row.stage.id for row in rows] == [stage.id for stage in MATERIAL.stages]
        assert rows[0].expanded and not rows[1].expanded


async def test_step_4_unlocks_on_screen_when_the_readiness_list_is_completed(make_app):
    """Step 4 stays open underneath while the user goes to step 3 (through big question 4),
    ticks the whole readiness list and comes back: it is open, without reopening it."""
    app = make_app(started_days_ago=25)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        step4 = app.screen
        assert step4.query("#steps-locked") and not step4.query(StageTracker)
        await pilot.press("b", "4")
        await settle(pilot)
        button = app.screen.query(".step-open").results(Button)
        next(b for b in button if "3" in str(b.label)).press()
        await settle(pilot)
        assert shown_step(app) == 3
        for box in app.screen.query_one("#steps-readiness", ChecklistView).query(TickBox):
            box.focus()
            await pilot.press("space")
        await settle(pilot)
        for _ in range(3):  # step 3, big question 4, the big questions
            await pilot.press("escape")
            await pilot.pause()
        await settle(pilot)
        assert app.screen is step4
        assert not step4.query("#steps-locked")
        assert step4.query(StageTracker) and step4.query(MessageChecker)
        assert "Check a message" in screen_text(app)  # and its key is on the key bar
        await pilot.press("m")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#checker-draft")


async def test_step_4_unlocks_on_screen_at_the_21_day_minimum(make_app):
    days = {"today": FIXED_TODAY}
    app = make_app(started_days_ago=20, seed=ready_and_waited, clock=lambda: days["today"])
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        assert "step 4 unlocks in 1 day." in screen_text(app)
        days["today"] = FIXED_TODAY + timedelta(days=1)
        app.check_day()  # what the wall-clock tick does at midnight
        await settle(pilot)
        assert not app.screen.query("#steps-locked")
        assert app.screen.query(StageTracker)


async def test_step_4_is_not_advised_after_the_safety_gate_says_stop(make_app):
    stop = next(c for c in MATERIAL.concerns if c.level == "stop")

    def seed(service) -> None:
        ready_and_waited(service)
        service.save_checklist("safety", [stop.id], FIXED_TODAY)

    app = make_app(started_days_ago=25, seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        text = screen_text(app)
        assert TEXTS["stop_text"] in text
        assert not app.screen.query(StageTracker)
        await pilot.press("escape")
        await pilot.pause()
        assert TEXTS["progress_4_stop"] in screen_text(app)


async def test_stage_marked_done_stores_today_and_untick_clears_it(make_app, ui_data_dir):
    first = MATERIAL.stages[0]
    app = make_app(started_days_ago=25, seed=ready_and_waited)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        row = app.screen.query_one(f"#stage-{first.id}", StageRow)
        row.focus()
        await pilot.press("space")
        await settle(pilot)
        assert read_program_state(ui_data_dir).stages[first.id].on == FIXED_TODAY
        assert "done 26 Nov" in str(row.render())
        assert row.has_class("-done")
        await pilot.press("enter")  # closes it; its do's and don'ts are hidden
        await pilot.pause()
        assert not row.expanded
        await pilot.press("space")
        await settle(pilot)
        assert first.id not in read_program_state(ui_data_dir).stages
        assert "done" not in str(row.render())


async def test_a_stage_marked_before_an_earlier_one_gets_a_gentle_comment(make_app, ui_data_dir):
    first, last = MATERIAL.stages[0], MATERIAL.stages[-1]
    app = make_app(started_days_ago=25, seed=ready_and_waited)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        app.screen.query_one(f"#stage-{last.id}", StageRow).focus()
        await pilot.press("space")
        await settle(pilot)
        # Allowed, and kept; the comment names the first stage not marked yet.
        assert read_program_state(ui_data_dir).stages[last.id].on == FIXED_TODAY
        comment = TEXTS["stage_out_of_order"].format(first=first.title)
        assert comment in screen_text(app)
        # In order, no comment.
        app.screen.query_one(f"#stage-{first.id}", StageRow).focus()
        await pilot.press("space")
        await settle(pilot)
        assert "tend to go best in order" not in screen_text(app)


DRAFTS = [
    ("hey, I miss you so much, how are you?", {"miss-you", "how-are-you", "intensity"}),
    ("guess what I just found out about that band we saw", set()),
    ("I love you and I want to get back together", {"love-you", "relationship"}),
    ("Are you seeing someone new?", {"seeing-someone"}),
    ("I'm so lonely without you, I can't cope", {"pity"}),
    ("We need to talk. Please reply.", {"pressure"}),
    ("I am so sorry, it was all my fault, please forgive me", {"apology"}),
    ("Hope you're doing well! Saw a dog just like Biscuit today", {"how-are-you"}),
    ("Can we talk about us?", {"relationship"}),
    ("That new taco place finally opened, you'd love the salsa", set()),
    ("Why won't you answer me? I deserve an explanation", {"pressure"}),
    ("Did you see the match last night? What a finish", set()),
]


async def wait_for_check(pilot) -> None:
    """The draft is checked (at once: these apps have no debounce) and its save is done."""
    checker = pilot.app.screen.query_one(MessageChecker)
    await wait_until(pilot, lambda: not checker.pending, "the draft to be checked")


async def test_message_checker_flags_each_draft_as_it_is_written(make_app, ui_data_dir):
    app = make_app(started_days_ago=25, seed=ready_and_waited, delays=INSTANT)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.focused.id == "checker-draft"
        checker = app.screen.query_one(MessageChecker)
        findings = app.screen.query_one("#checker-findings", Static)
        assert TEXTS["checker_empty"] in str(findings.render())
        for draft, expected in DRAFTS:
            await pilot.press("f7", "backspace")  # select all, delete
            # Pasted, but the last words typed: the check follows the typing.
            paste(pilot, draft[:-6])
            await pilot.press(*draft[-6:])
            await wait_for_check(pilot)
            assert checker.text == draft
            assert {f.rule.id for f in checker.findings} == expected, draft
            shown = str(findings.render())
            if expected:
                for finding in checker.findings:
                    assert finding.rule.title in shown
                    assert finding.rule.why in shown
            else:
                assert TEXTS["checker_clean"] in shown
        assert len(DRAFTS) >= 10
        assert read_program_state(ui_data_dir).answer("checker:draft") == DRAFTS[-1][0]


async def test_the_first_draft_breaks_at_least_three_rules(make_app):
    app = make_app(started_days_ago=25, seed=ready_and_waited, delays=INSTANT)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        await pilot.press("m", *"hey, I miss you so much, how are you?")
        await wait_for_check(pilot)
        assert len(app.screen.query_one(MessageChecker).findings) >= 3
        assert "3 things to rethink:" in screen_text(app)


async def test_draft_and_talk_notes_are_kept_when_leaving_at_once(make_app, ui_data_dir):
    app = make_app(started_days_ago=25, seed=ready_and_waited)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        await pilot.press("m", *"saw a fox")
        await focus(pilot, "#steps-notes")
        await pilot.press(*"say sorry for the trip")
        await pilot.press("escape")  # before either timer fires
        await settle(pilot)
        assert shown_step(app) is None
    state = read_program_state(ui_data_dir)
    assert state.answer("checker:draft") == "saw a fox"
    assert state.answer("talk:notes") == "say sorry for the trip"
    app.service.close()

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        assert again.screen.query_one("#checker-draft", TextArea).text == "saw a fox"
        assert again.screen.query_one("#steps-notes", TextArea).text == "say sorry for the trip"


async def test_talk_notes_are_saved_when_the_typing_pauses(make_app, ui_data_dir):
    # A short pause, still a timer: the notes wait for it, and the test waits for the notes.
    app = make_app(started_days_ago=25, seed=ready_and_waited, delays=Delays(notes_idle=0.01))
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        await focus(pilot, "#steps-notes")
        await pilot.press(*"what changed")
        await wait_until(
            pilot,
            lambda: read_program_state(ui_data_dir).answer("talk:notes") == "what changed",
            "the notes to be saved",
        )


# Keys ------------------------------------------------------------------------------------


async def test_step_keys_only_work_on_their_step(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 2)
        await pilot.press("c", "r")
        await pilot.pause()
        assert shown_step(app) == 2
        assert "I contacted them" not in str(app.screen.query_one("#steps-keys").render())


async def test_typing_in_a_field_keeps_global_letters(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 2)
        await focus(pilot, "#reframe-thought")
        await pilot.press(*"tbsjnufq?c[]1")
        await pilot.pause()
        assert shown_step(app) == 2
        assert app.screen.query_one("#reframe-thought", Input).value == "tbsjnufq?c[]1"


# Hostile text ----------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_text_in_plan_reframe_and_checker(make_app, ui_data_dir, hostile):
    area = MATERIAL.plan_areas[1]
    app = make_app(started_days_ago=25, seed=ready_and_waited)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 2)
        await focus(pilot, f"#plan-{area.id} Input")
        paste(pilot, hostile)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        box = app.screen.query_one(f"#plan-{area.id} TickBox", TickBox)
        assert box.text == printable(hostile)
        assert printable(hostile) in str(box.render())

        await focus(pilot, "#reframe-thought")
        paste(pilot, hostile)
        await pilot.pause()
        await pilot.press("enter")
        paste(pilot, f"kinder {hostile}")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        shown = str(app.screen.query_one("#reframe-list", Static).render())
        assert printable(hostile) in shown
        assert printable(f"kinder {hostile}") in shown
        assert isinstance(app.screen.query_one(FocusTools), FocusTools)

        await focus(pilot, "#steps-page")
        await pilot.press("4")
        await settle(pilot)
        assert shown_step(app) == 4
        await pilot.press("m")
        paste(pilot, hostile)
        await wait_for_check(pilot)
        assert app.screen.query_one(MessageChecker).text == hostile
        assert "\x1b" not in screen_text(app)

        await focus(pilot, "#steps-notes")
        paste(pilot, hostile)
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
    state = read_program_state(ui_data_dir)
    assert [i.text for i in state.items_in(f"plan:{area.id}")] == [hostile]
    assert [(i.text, i.extra) for i in state.items_in("reframes")] == [
        (hostile, f"kinder {hostile}")
    ]
    assert state.answer("checker:draft") == hostile
    assert state.answer("talk:notes") == hostile


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_topic_and_notes_in_step_1(make_app, ui_data_dir, hostile):
    app = make_app(started_days_ago=10, seed=lambda s: s.set_allowed_topics([hostile]))
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 1)
        select = app.screen.query_one("#steps-topic", Select)
        select.value = hostile
        await focus(pilot, "#steps-necessary-note")
        paste(pilot, hostile)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert shown_step(app) == 1
        text = screen_text(app)
        assert f"Necessary · {printable(hostile)} · {printable(hostile)}" in text
        assert "\x1b" not in text
        assert isinstance(app.screen.query_one("#steps-necessary-log"), Button)
    contacts = read_program_state(ui_data_dir).contacts
    assert [(c.topic, c.note) for c in contacts] == [(hostile, hostile)]
