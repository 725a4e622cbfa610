"""The four big questions, walked by their keys: what is shown and what is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual import events
from textual.widgets import Button, Input, Static, TextArea

from exback_tui.domain.progress import MAX_FIELD_CHARS
from exback_tui.domain.text import printable
from exback_tui.material import shipped_material
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.questions import QuestionsScreen
from exback_tui.store.program.store import read_program_state
from exback_tui.widgets.answer_field import AnswerField
from exback_tui.widgets.checklist import ChecklistView, TickBox
from exback_tui.widgets.item_list import ItemList
from exback_tui.widgets.quiz import ChoiceList, QuizView
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, screen_text, settle

SIZE = (100, 30)


async def open_question(pilot, number: int | None) -> None:
    await pilot.press("b")
    await pilot.pause()
    if number is not None:
        await pilot.press(str(number))
        await pilot.pause()


def shown_number(app) -> int | None:
    assert isinstance(app.screen, QuestionsScreen)
    return app.screen.number


def tick_box(app, checklist_id: str, item_id: str) -> TickBox:
    view = app.screen.query_one(f"#{checklist_id}", ChecklistView)
    return next(box for box in view.query(TickBox) if box.name == item_id)


async def tick(pilot, checklist_id: str, item_id: str) -> None:
    """Focus an item as Tab would, then tick it with Space."""
    box = tick_box(pilot.app, checklist_id, item_id)
    box.focus()
    await pilot.pause()
    await pilot.press("space")
    await settle(pilot)


def verdict_text(app, checklist_id: str) -> str:
    view = app.screen.query_one(f"#{checklist_id}", ChecklistView)
    return str(view.query_one(".checklist-verdict", Static).render())


def paste(pilot, text: str) -> None:
    """Paste as a terminal does: the app hands the text to the focused widget."""
    pilot.app.post_message(events.Paste(text))


# Keys ----------------------------------------------------------------------------


async def test_b_then_numbers_reach_each_question_and_escape_goes_back(make_app):
    app = make_app(started_days_ago=10)
    material = shipped_material()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, None)
        assert shown_number(app) is None
        overview = screen_text(app)
        for page in material.questions_pages:
            assert page.title in overview
        assert "0 of 7 questions answered" in overview
        for number in range(1, 5):
            await pilot.press(str(number))
            await pilot.pause()
            assert shown_number(app) == number
            title = material.questions_pages[number - 1].title
            assert f"Big question {number} of 4: {title}" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert shown_number(app) is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_brackets_move_between_questions(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert shown_number(app) == 3
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert shown_number(app) == 4
        await pilot.press("right_square_bracket")  # the last one: stays
        await pilot.pause()
        assert shown_number(app) == 4
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert shown_number(app) == 1
        await pilot.press("left_square_bracket")  # the first one: stays
        await pilot.pause()
        assert shown_number(app) == 1
        # Moving replaces the question: escape goes back to the overview.
        await pilot.press("escape")
        await pilot.pause()
        assert shown_number(app) is None


async def test_a_text_field_keeps_digits_brackets_and_letters(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        area = app.screen.query_one("#answer-1", TextArea)
        area.focus()
        await pilot.pause()
        await pilot.press(*"b2]s", "left_square_bracket", "q")
        await pilot.pause()
        assert shown_number(app) == 1
        assert area.text == "b2]s[q"


async def test_tab_moves_through_the_fields(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        assert app.focused is app.screen.query_one("#questions-body")
        await pilot.press("tab")
        first = tick_box(app, "reasons", shipped_material().checklists["reasons"].items[0].id)
        assert app.focused is first


# Big question 1 ----------------------------------------------------------------------


async def test_wrong_reasons_name_desperation_and_are_stored(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        assert "desperation" not in verdict_text(app, "reasons").lower()
        await tick(pilot, "reasons", "lonely")
        assert "desperation" in verdict_text(app, "reasons").lower()
        await tick(pilot, "reasons", "love-them")
        assert "✓ Saved." in screen_text(app)
    takes = read_program_state(ui_data_dir).checklists["reasons"]
    assert [(t.on, t.ticked) for t in takes] == [(FIXED_TODAY, {"lonely", "love-them"})]


async def test_a_retake_on_a_later_day_says_how_answers_moved(make_app, ui_data_dir):
    def seed(service) -> None:
        service.save_checklist("reasons", {"lonely", "avoid-pain"}, FIXED_TODAY - timedelta(7))

    app = make_app(started_days_ago=10, seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        assert tick_box(app, "reasons", "lonely").value
        assert "Last checked on 19 November 2026." in screen_text(app)
        await tick(pilot, "reasons", "lonely")  # untick
        await tick(pilot, "reasons", "miss-them")
        text = screen_text(app)
        assert "Last time (19 November 2026): " in text
        assert "Since then you ticked 1 and unticked 1." in text
    takes = read_program_state(ui_data_dir).checklists["reasons"]
    assert [t.ticked for t in takes] == [{"lonely", "avoid-pain"}, {"avoid-pain", "miss-them"}]


async def test_answers_are_saved_and_come_back_in_a_new_app(make_app, ui_data_dir):
    material = shipped_material()
    first, second = material.decision_questions[0], material.decision_questions[1]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        app.screen.query_one("#answer-1", TextArea).focus()
        await pilot.press(*"We drifted apart.")
        await pilot.pause()
        assert "Not saved yet" in screen_text(app)
        await pilot.press("tab")  # leaving the field saves it
        await settle(pilot)
        field = app.screen.query(AnswerField).first()
        assert str(field.query_one(".answer-state", Static).render()) == "✓ Saved."
        app.screen.query_one("#answer-2", TextArea).focus()
        await pilot.press(*"Not much", "ctrl+s")
        await settle(pilot)
    state = read_program_state(ui_data_dir)
    assert state.answer(f"decision:{first.id}") == "We drifted apart."
    assert state.answer(f"decision:{second.id}") == "Not much"
    app.service.close()

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        assert again.screen.query_one("#answer-1", TextArea).text == "We drifted apart."
        assert again.screen.query_one("#answer-2", TextArea).text == "Not much"
        await pilot.press("escape")
        await pilot.pause()
        assert "2 of 7 questions answered" in screen_text(again)


async def test_an_answer_being_typed_is_saved_when_leaving_the_screen(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        app.screen.query_one("#answer-3", TextArea).focus()
        await pilot.press(*"It was messy", "escape")
        await settle(pilot)
        assert shown_number(app) is None
    question = shipped_material().decision_questions[2]
    assert read_program_state(ui_data_dir).answer(f"decision:{question.id}") == "It was messy"


async def test_an_answer_too_long_is_refused_beside_the_field(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        area = app.screen.query_one("#answer-4", TextArea)
        area.focus()
        await pilot.press(*"kept")
        paste(pilot, "x" * (MAX_FIELD_CHARS + 1))
        await pilot.pause()
        assert area.text == "kept"
        field = next(f for f in app.screen.query(AnswerField) if f.area is area)
        state = field.query_one(".answer-state", Static)
        assert "longer than 20,000 characters" in str(state.render())
        assert state.has_class("-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(state.render()) == "✓ Saved."


async def test_hostile_text_in_an_answer_and_a_pro_shows_as_typed(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        area = app.screen.query_one("#answer-1", TextArea)
        area.focus()
        await pilot.press(*"[bold")
        for hostile in HOSTILE_TEXTS:
            paste(pilot, " " + hostile)
            await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        pros = app.screen.query_one("#pros", ItemList)
        field = pros.query_one(Input)
        for hostile in HOSTILE_TEXTS:
            field.focus()
            await pilot.pause()
            paste(pilot, hostile)
            await pilot.pause()
            await pilot.press("enter")
            await settle(pilot)
            assert field.value == ""
        shown = [str(s.render()) for s in pros.query(".item-text").results(Static)]
        assert shown == [printable(h) for h in HOSTILE_TEXTS]
        assert isinstance(app.screen, QuestionsScreen)
    typed = "[bold" + "".join(" " + h for h in HOSTILE_TEXTS)
    state = read_program_state(ui_data_dir)
    first = shipped_material().decision_questions[0]
    assert state.answer(f"decision:{first.id}") == typed
    assert [item.text for item in state.items_in("pros")] == HOSTILE_TEXTS


async def test_pros_and_cons_are_added_and_removed(make_app, ui_data_dir):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        cons = app.screen.query_one("#cons", ItemList)
        cons.query_one(Input).focus()
        await pilot.press(*"We fought about money", "enter")
        await settle(pilot)
        await pilot.press(*"Different plans", "enter")
        await settle(pilot)
        await pilot.press("enter")  # empty: nothing added
        await settle(pilot)
        assert [i.text for i in app.program.items_in("cons")] == [
            "We fought about money",
            "Different plans",
        ]
        cons.query(Button).first().focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "We fought about money" not in screen_text(app)
    assert [i.text for i in read_program_state(ui_data_dir).items_in("cons")] == ["Different plans"]


async def test_the_safety_gate_advises_not_going_back(make_app, ui_data_dir):
    material = shipped_material()
    stop = next(c for c in material.concerns if c.level == "stop")
    caution = next(c for c in material.concerns if c.level == "caution")
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        await tick(pilot, "safety", caution.id)
        assert "what has really changed?" in verdict_text(app, "safety")
        await tick(pilot, "safety", stop.id)
        verdict = verdict_text(app, "safety")
        assert "Please don't go back." in verdict
        assert "helpline" in verdict
        banner = str(app.screen.query_one("#questions-banner", Static).render())
        assert "advises you not to go back" in banner
        await pilot.press("escape")
        await pilot.pause()
        assert "The safety check advises not going back." in screen_text(app)
    assert read_program_state(ui_data_dir).latest_ticks("safety") == {stop.id, caution.id}


async def test_the_wait_banner_counts_from_the_breakup(make_app):
    def seed(service) -> None:
        service.begin(FIXED_TODAY, FIXED_TODAY - timedelta(3), 30, FIXED_TODAY - timedelta(4))

    app = make_app(seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        banner = str(app.screen.query_one("#questions-banner", Static).render())
        assert banner.startswith("It has been 4 days since the breakup.")
        assert "3 days more" in banner or "3 days" in banner


async def test_without_a_breakup_date_the_banner_still_says_wait(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        banner = str(app.screen.query_one("#questions-banner", Static).render())
        assert "one to two weeks" in banner


# Big question 2 -------------------------------------------------------------------------


async def answer_quiz(pilot, quiz_id: str, choices: list[int]) -> None:
    """Pick option `choices[i]` for question i with the keys, then press the score button."""
    view = pilot.app.screen.query_one(f"#quiz-{quiz_id}", QuizView)
    view.query(ChoiceList).first().focus()
    await pilot.pause()
    for index in choices:
        lst = pilot.app.focused
        assert isinstance(lst, ChoiceList)
        # Back to the first option (a retake starts where the last pick was), then down.
        await pilot.press(*["up"] * len(lst.options), *["down"] * index, "space", "tab")
    assert isinstance(pilot.app.focused, Button)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_quiz_is_scored_from_content_and_a_retake_keeps_both(make_app, ui_data_dir):
    from exback_tui.domain.assess import offered

    quiz = shipped_material().quizzes[0]
    # Positions in the options on screen (retired options are not offered).
    shown = [offered(q) for q in quiz.questions]
    first = [len(options) - 1 for options in shown]
    second = [0 for _ in quiz.questions]
    expected = [
        sum(options[i][1].score for options, i in zip(shown, picks, strict=True))
        for picks in (first, second)
    ]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        view = app.screen.query_one(f"#quiz-{quiz.id}", QuizView)
        assert "No guarantee" in screen_text(app)
        await answer_quiz(pilot, quiz.id, first)
        result = str(view.query_one(".quiz-result", Static).render())
        assert f": {expected[0]} out of " in result
        await answer_quiz(pilot, quiz.id, second)
        result = str(view.query_one(".quiz-result", Static).render())
        assert f": {expected[1]} out of " in result
        assert f"{len(quiz.questions)} of your answers changed" in result
        earlier = str(view.query_one(".quiz-earlier", Static).render())
        assert f"26 November 2026: {expected[0]} out of" in earlier
    results = read_program_state(ui_data_dir).quizzes[quiz.id]
    assert [r.score for r in results] == expected
    assert results[0].answers == {
        q.id: options[i][0] for q, options, i in zip(quiz.questions, shown, first, strict=True)
    }


async def test_quiz_answers_come_back_after_a_restart_and_a_retake_starts_from_them(
    make_app, ui_data_dir
):
    from exback_tui.domain.assess import offered

    quiz = shipped_material().quizzes[0]
    # Positions among the options on screen; answers are stored as option indexes.
    shown = [offered(q) for q in quiz.questions]
    picks = [n % len(options) for n, options in enumerate(shown)]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        await answer_quiz(pilot, quiz.id, picks)
    app.service.close()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        view = again.screen.query_one(f"#quiz-{quiz.id}", QuizView)
        assert [c.chosen for c in view.query(ChoiceList)] == picks
        assert "(•)" in str(view.query(ChoiceList).first().render())
        # Change one answer and score again: a retake, the others kept as they were.
        view.query(ChoiceList).first().focus()
        await pilot.pause()
        await pilot.press(*["up"] * len(shown[0]), "down", "space")
        view.query_one(Button).focus()
        await pilot.press("enter")
        await settle(pilot)
    results = read_program_state(ui_data_dir).quizzes[quiz.id]
    assert len(results) == 2
    assert results[1].answers == {
        q.id: shown[n][1 if n == 0 else picks[n]][0] for n, q in enumerate(quiz.questions)
    }


async def test_a_quiz_with_open_questions_says_so_and_saves_nothing(make_app, ui_data_dir):
    quiz = shipped_material().quizzes[1]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        view = app.screen.query_one(f"#quiz-{quiz.id}", QuizView)
        view.query_one(Button).focus()
        await pilot.press("enter")
        await settle(pilot)
        message = str(view.query_one(".quiz-message", Static).render())
        assert f"{len(quiz.questions)} still open" in message
        assert app.focused is view.query(ChoiceList).first()
    assert quiz.id not in read_program_state(ui_data_dir).quizzes


async def test_the_signs_checklist_interprets_without_promising(make_app, ui_data_dir):
    signs = shipped_material().checklists["signs"]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        for item in signs.items[:3]:
            await tick(pilot, "signs", item.id)
        verdict = verdict_text(app, "signs")
        band = next(b for b in signs.bands["main"] if b.low <= 3 <= b.high)
        assert band.title in verdict
        assert "guarantee" in verdict
    assert len(read_program_state(ui_data_dir).latest_ticks("signs")) == 3


# Big questions 3 and 4 -------------------------------------------------------------------


async def test_the_mistakes_self_check_is_stored(make_app, ui_data_dir):
    mistakes = shipped_material().checklists["mistakes"]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 3)
        await tick(pilot, "mistakes", mistakes.items[0].id)
        await pilot.press("escape")
        await pilot.pause()
        assert "Self-check: checked on 26 November 2026." in screen_text(app)
    assert read_program_state(ui_data_dir).latest_ticks("mistakes") == {mistakes.items[0].id}


async def test_the_steps_overview_shows_progress_in_each_step(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 4)
        text = screen_text(app)
        assert "10 days of no contact done; your goal is 30 days." in text
        assert "Personal plan: nothing written yet." in text
        assert "Readiness: 0 of " in text
        assert "Reconnecting: 0 of 7 stages done." in text
        assert "Locked. Still to come: another 11 days of no contact, " in text


async def test_the_steps_overview_leads_into_a_step(make_app):
    steps = pytest.importorskip("exback_tui.screens.steps")
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 4)
        buttons = app.screen.query(".step-open").results(Button)
        list(buttons)[2].focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, steps.StepsScreen)
        assert app.screen.number == 3
        await pilot.press("escape")
        await pilot.pause()
        assert shown_number(app) == 4


@pytest.mark.parametrize("concern_id", ["i-caused-harm", "blocked-or-asked", "stalking"])
async def test_a_new_stop_item_shows_its_own_words_and_step_4_is_not_advised(
    make_app, ui_data_dir, concern_id
):
    from exback_tui.screens.steps import StepsScreen
    from exback_tui.screens.support import SupportScreen
    from tests.ui.test_commands import run_command

    concern = {c.id: c for c in shipped_material().concerns}[concern_id]
    app = make_app(started_days_ago=25)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1)
        await tick(pilot, "safety", concern_id)
        verdict = verdict_text(app, "safety")
        assert "Please don't go back." in verdict
        assert concern.advice in verdict
        assert "Nothing you did caused it" not in verdict  # not the words for the harmed
        assert "Keeping yourself safe" in verdict
        await run_command(pilot, "Keeping yourself safe")
        assert isinstance(app.screen, SupportScreen)
        assert "Keep a record" in app.screen.query_one("#support-page").source
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # out of the checklist, back to the questions
        await settle(pilot)
        await pilot.press("s", "4")
        await settle(pilot)
        assert isinstance(app.screen, StepsScreen)
        assert app.material.text["steps"]["stop_text"] in screen_text(app)
    assert read_program_state(ui_data_dir).latest_ticks("safety") == {concern_id}


async def test_a_result_saved_under_the_old_quiz_keeps_its_score_and_band(make_app):
    quiz = shipped_material().quizzes[0]
    old_answers = {q.id: 0 for q in quiz.questions}  # own-part 0 is retired now

    def seed(service) -> None:
        service.save_quiz(quiz.id, old_answers, 3, FIXED_TODAY - timedelta(days=3))

    app = make_app(started_days_ago=10, seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2)
        view = app.screen.query_one(f"#quiz-{quiz.id}", QuizView)
        result = str(view.query_one(".quiz-result", Static).render())
        assert ": 3 out of 12" in result
        assert "You need time for yourself first" in result
        # The retired option is not offered again, and the answer doesn't vanish unsaid.
        own_part = next(q for q in quiz.questions if q.id == "own-part")
        [choices] = [c for c in view.query(ChoiceList) if c.name == own_part.id]
        assert choices.chosen is None
        assert own_part.options[0].text not in choices.options
        said = app.material.text["questions"]["quiz_answer_retired"]
        assert said.format(answer=own_part.options[0].text) in screen_text(app)
