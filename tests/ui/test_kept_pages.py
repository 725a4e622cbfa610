"""The big questions' and the steps' pages are built once and shown again: each time with
what changed while they were hidden, at the top, focus where the screen starts."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Button, TextArea

from exback_tui.delays import Delays
from exback_tui.domain.progress import decision_key
from exback_tui.material import shipped_material
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.questions import QuestionsScreen
from exback_tui.screens.steps import StepsScreen
from exback_tui.store.program.store import read_program_state
from exback_tui.widgets.answer_field import AnswerField
from exback_tui.widgets.countdown import Countdown
from exback_tui.widgets.page_card import PageCard
from exback_tui.widgets.stages import StageTracker
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import screen_text, settle, wait_until

SIZE = (100, 30)
MATERIAL = shipped_material()
READINESS = MATERIAL.checklists["readiness"]


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await settle(pilot)


async def to_today(pilot) -> None:
    while not isinstance(pilot.app.screen, DashboardScreen):
        await press(pilot, "escape")


def through_the_app(app, call) -> None:
    """A change made as another page or the command line makes it: through the service,
    the app told of the new state (its save queue)."""
    app.saves.program(call)


async def test_b_1_again_is_the_same_page_at_the_top_with_an_answer_saved_meanwhile(make_app):
    app = make_app(started_days_ago=10)
    first_question = MATERIAL.decision_questions[0]
    key = decision_key(first_question.id)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b", "1")
        first = app.screen
        body = first.query_one("#questions-body")
        await press(pilot, "pagedown")
        assert body.scroll_y > 0
        await to_today(pilot)

        service, now = app.service, app.now()
        through_the_app(app, lambda: service.save_answer(key, "Saved [bold]elsewhere", now))
        await settle(pilot)
        # Hidden, the page did nothing with it: it takes it as it shows again.
        assert first.program.answer(key) == ""

        await press(pilot, "b")
        assert "1 of 7 questions answered" in screen_text(app)  # the overview, kept too
        await press(pilot, "1")
        assert app.screen is first  # built once: not composed, mounted and styled again
        assert body.scroll_y == 0
        assert app.focused is body  # the page, as docs/KEYS.md says (narrow: the body)
        field = next(f for f in first.query(AnswerField) if f.key == key)
        assert field.area.text == "Saved [bold]elsewhere"
        assert not field.dirty
        # Seen and left alone, it is not saved again (the file keeps the one answer).
    assert read_program_state(app.service.data_dir).answer(key) == "Saved [bold]elsewhere"


async def test_an_answer_typed_and_not_saved_stays_when_its_page_shows_again(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b", "1")
        first = app.screen
        field = first.query(AnswerField).first()
        field.area.focus()
        await press(pilot, *"my own words")
        await to_today(pilot)  # leaving saves it
        await press(pilot, "b", "1")
        assert app.screen is first
        assert field.area.text == "my own words" and not field.dirty
    assert read_program_state(app.service.data_dir).answer(field.key) == "my own words"


async def test_the_overview_opens_again_on_its_first_card(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("b", "s"):
            await press(pilot, key)
            first = app.screen
            cards = list(first.query(PageCard))
            await press(pilot, "tab", "tab")
            assert app.focused is cards[2]
            await to_today(pilot)
            await press(pilot, key)
            assert app.screen is first
            assert app.focused is cards[0]


async def test_a_question_page_shown_again_after_a_theme_change_has_the_new_theme(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b", "2")
        first = app.screen
        heading = first.query_one("#questions-heading")
        before = heading.rich_style
        await to_today(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await press(pilot, "b", "2")
        assert app.screen is first
        assert heading.rich_style != before
        shown = heading.rich_style
        app.stylesheet.update(first)  # styled from scratch: nothing changes
        assert heading.rich_style == shown


async def test_step_1_shown_again_after_a_slip_shows_the_new_attempt(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s", "1")
        first = app.screen
        assert not first.query_one("#steps-undo-row").display
        assert "Attempts 1" in screen_text(app)
        await to_today(pilot)
        service = app.service
        app.saves.plan(lambda: service.slip(FIXED_TODAY, "a bad night"))
        await settle(pilot)
        await press(pilot, "s")
        assert "attempt 2" in screen_text(app)  # the overview's card for step 1
        await press(pilot, "1")
        assert app.screen is first
        assert app.focused is first.query_one("#steps-page")
        assert first.query_one(Countdown).progress == app.status.progress
        assert "Attempts 2" in screen_text(app)
        assert first.query_one("#steps-undo-row").display  # taking it back is offered today


async def test_step_1_shown_again_on_a_new_day_counts_it(make_app):
    days = {"today": FIXED_TODAY}
    app = make_app(started_days_ago=10, clock=lambda: days["today"])
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s", "1")
        first = app.screen
        assert "10 days done" in screen_text(app)
        await to_today(pilot)
        days["today"] = FIXED_TODAY + timedelta(days=1)
        app.check_day()  # what the wall-clock tick does at midnight
        await settle(pilot)
        await press(pilot, "s", "1")
        assert app.screen is first
        assert "11 days done" in screen_text(app)


async def test_step_4_shown_again_once_unlocked_meanwhile_is_open(make_app):
    app = make_app(started_days_ago=25)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s", "4")
        first = app.screen
        assert first.query("#steps-locked")
        assert "Check a message" not in screen_text(app)
        await to_today(pilot)
        service, ids = app.service, [item.id for item in READINESS.items]
        through_the_app(app, lambda: service.save_checklist("readiness", ids, FIXED_TODAY))
        await settle(pilot)
        await press(pilot, "s", "4")
        assert app.screen is first
        await wait_until(pilot, lambda: first.query(StageTracker), "step 4 to open")
        assert not first.query("#steps-locked")
        assert "Check a message" in screen_text(app)  # and its key is on the bar
        await press(pilot, "m")
        assert app.focused is first.query_one("#checker-draft")


async def test_step_4_shown_again_shows_a_draft_saved_meanwhile(make_app):
    def ready(service) -> None:
        service.save_checklist("readiness", [item.id for item in READINESS.items], FIXED_TODAY)

    app = make_app(started_days_ago=25, seed=ready)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s", "4")
        first = app.screen
        draft = first.query_one("#checker-draft", TextArea)
        notes = first.query_one("#steps-notes", TextArea)
        notes.focus()
        await press(pilot, *"typed here")
        await to_today(pilot)  # leaving saves the notes
        service, now = app.service, app.now()
        through_the_app(app, lambda: service.save_answer("checker:draft", "hello again", now))
        await settle(pilot)
        await press(pilot, "s", "4")
        assert app.screen is first
        assert draft.text == "hello again"
        assert notes.text == "typed here"
    state = read_program_state(app.service.data_dir)
    assert state.answer("checker:draft") == "hello again"
    assert state.answer("talk:notes") == "typed here"


async def test_a_page_already_open_underneath_is_opened_anew_on_top(make_app):
    """Big question 4 opens step 1; `b` from there cannot show the kept overview (it is
    under step 1 already): a new one opens, and Escape walks back through both."""
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b")
        overview = app.screen
        await press(pilot, "4")
        buttons = list(app.screen.query(".step-open").results(Button))
        buttons[0].press()
        await settle(pilot)
        assert isinstance(app.screen, StepsScreen) and app.screen.number == 1
        await press(pilot, "b")
        assert isinstance(app.screen, QuestionsScreen) and app.screen.number is None
        assert app.screen is not overview
        await press(pilot, "escape")
        assert isinstance(app.screen, StepsScreen)
        await press(pilot, "escape", "escape")
        assert app.screen is overview


def built_pages(app, kind: str) -> list:
    names = [f"{kind}-{number}" for number in range(1, 5)]
    return [app.get_screen(name) for name in names if app.is_screen_installed(name)]


async def test_the_overview_builds_its_pages_ahead_and_each_key_shows_one(make_app):
    app = make_app(started_days_ago=10, delays=Delays(build_ahead=0))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s")

        def all_built() -> bool:
            return len(built_pages(app, "StepsScreen")) == 4 and all(
                screen.is_mounted for screen in built_pages(app, "StepsScreen")
            )

        await wait_until(pilot, all_built, "the four steps to be built")
        built = built_pages(app, "StepsScreen")
        await to_today(pilot)
        # A slip while they wait, never shown yet: the first showing has it.
        service = app.service
        app.saves.plan(lambda: service.slip(FIXED_TODAY, ""))
        await settle(pilot)
        await press(pilot, "s", "1")
        assert app.screen is built[0]
        assert app.focused is built[0].query_one("#steps-page")
        assert "Attempts 2" in screen_text(app)
        for number in range(2, 5):
            await press(pilot, str(number))
            assert app.screen is built[number - 1]
            assert f"Step {number} of 4" in screen_text(app)


async def test_an_answer_typed_then_put_away_by_today_from_the_palette_is_saved(make_app):
    """`t` types in a field; the palette's Today puts the page away with the field
    focused. The page is kept, not closed, and not asked when the app quits: it saves
    what is typed as it goes."""
    app = make_app(started_days_ago=10)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b", "1")
        field = app.screen.query(AnswerField).first()
        field.area.focus()
        await press(pilot, *"half a thought")
        app.action_today()  # what the palette's Today runs
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert read_program_state(app.service.data_dir).answer(field.key) == "half a thought"
