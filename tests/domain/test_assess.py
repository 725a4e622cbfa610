"""Checklist verdicts, quiz scores and bands, and how answers moved between takes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.assess import (
    AnswerChange,
    TickChange,
    answers_changed,
    band_for,
    checklist_complete,
    checklist_verdict,
    group_counts,
    quiz_band,
    quiz_score,
    score_range,
    ticks_changed,
)
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.material import Band, Checklist, ChecklistItem, Option, Quiz, QuizQuestion
from exback_tui.material import shipped_material

MATERIAL = shipped_material()
CHECKLISTS = MATERIAL.checklists
QUIZZES = {quiz.id: quiz for quiz in MATERIAL.quizzes}


def band(low: int, high: int, title: str = "") -> Band:
    return Band(low, high, title or f"{low}-{high}", "text")


# A small checklist of our own: two groups, items interleaved, bands listed per group.
MIXED = Checklist(
    "mixed",
    "Mixed",
    "intro",
    (
        ChecklistItem("a1", "a one", "good"),
        ChecklistItem("b1", "b one", "bad"),
        ChecklistItem("a2", "a two", "good"),
        ChecklistItem("a3", "a three", "good"),
        ChecklistItem("b2", "b two", "bad"),
    ),
    {
        "good": (band(0, 0, "none good"), band(1, 2, "some good"), band(3, 3, "all good")),
        "bad": (band(0, 0, "none bad"), band(1, 2, "bad")),
    },
)

# A quiz of our own with uneven and negative scores: totals run from -2 to 7.
SMALL_QUIZ = Quiz(
    "small",
    "Small",
    "intro",
    (
        QuizQuestion("q1", "one", (Option("a", 0), Option("b", 3), Option("c", 1))),
        QuizQuestion(
            "q2", "two", (Option("a", -2), Option("b", 0), Option("c", 4), Option("d", 2))
        ),
    ),
    (band(-2, 0, "low"), band(1, 4, "middle"), band(5, 7, "high")),
)


# --- Checklists ------------------------------------------------------------------------------


def test_verdict_gives_one_band_per_group_in_group_order():
    verdict = checklist_verdict(MIXED, {"a1", "a3", "b2"})
    assert [(group, found.title) for group, found in verdict] == [
        ("good", "some good"),
        ("bad", "bad"),
    ]


def test_verdict_with_nothing_ticked_and_everything_ticked():
    assert [b.title for _, b in checklist_verdict(MIXED, ())] == ["none good", "none bad"]
    everything = [item.id for item in MIXED.items]
    assert [b.title for _, b in checklist_verdict(MIXED, everything)] == ["all good", "bad"]


def test_ticks_for_items_the_checklist_does_not_have_are_ignored():
    assert checklist_verdict(MIXED, {"gone", "a1", ""}) == checklist_verdict(MIXED, {"a1"})
    assert group_counts(MIXED, ["gone", "a1", "a1"]) == {"good": 1, "bad": 0}


def test_verdict_accepts_any_iterable_of_ids():
    assert checklist_verdict(MIXED, iter(["a1", "a2"])) == checklist_verdict(MIXED, ("a2", "a1"))


def test_shipped_reasons_verdict_names_desperation_for_any_wrong_reason():
    reasons = CHECKLISTS["reasons"]
    wrong = [item.id for item in reasons.items if item.group == "wrong"]
    right = [item.id for item in reasons.items if item.group == "right"]
    for count in range(1, len(wrong) + 1):
        verdict = dict(checklist_verdict(reasons, wrong[:count]))
        assert "desperation" in (verdict["wrong"].title + verdict["wrong"].text).lower()
        assert verdict["right"].low == 0
    calm = dict(checklist_verdict(reasons, right))
    assert "desperation" not in calm["wrong"].title.lower()
    assert calm["right"].high == len(right)


def test_shipped_signs_verdict_always_says_no_guarantee():
    signs = CHECKLISTS["signs"]
    ids = [item.id for item in signs.items]
    for count in range(len(ids) + 1):
        ((group, found),) = checklist_verdict(signs, ids[:count])
        assert group == "main"
        assert "guarantee" in found.text.lower()


def test_checklist_complete_only_when_every_item_is_ticked():
    readiness = CHECKLISTS["readiness"]
    ids = [item.id for item in readiness.items]
    assert checklist_complete(readiness, ids)
    assert checklist_complete(readiness, [*ids, "extra"])
    assert not checklist_complete(readiness, ids[:-1])
    assert not checklist_complete(readiness, ())
    ((_, top),) = checklist_verdict(readiness, ids)
    assert top.high == len(ids)


@given(st.data())
def test_any_ticks_give_exactly_one_band_per_group_that_holds_the_count(data):
    for checklist in (MIXED, *CHECKLISTS.values()):
        ids = [item.id for item in checklist.items]
        ticked = data.draw(st.sets(st.sampled_from(ids) | st.text(max_size=5)))
        verdict = checklist_verdict(checklist, ticked)
        assert [group for group, _ in verdict] == list(checklist.bands)
        for group, found in verdict:
            count = sum(1 for i in checklist.items if i.group == group and i.id in ticked)
            assert found.low <= count <= found.high
            assert found in checklist.bands[group]
        assert checklist_complete(checklist, ticked) == (set(ids) <= ticked)


# --- Quizzes ---------------------------------------------------------------------------------


def test_quiz_score_adds_the_chosen_options():
    assert quiz_score(SMALL_QUIZ, {"q1": 1, "q2": 2}) == 7
    assert quiz_score(SMALL_QUIZ, {"q1": 0, "q2": 0}) == -2
    assert quiz_score(SMALL_QUIZ, {"q1": 2, "q2": 3}) == 3


def test_quiz_score_ignores_answers_to_questions_it_does_not_have():
    assert quiz_score(SMALL_QUIZ, {"q1": 1, "q2": 1, "old": 9}) == 3


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({}, "q1"),
        ({"q1": 0}, "q2"),
        ({"q2": 0}, "q1"),
        ({"q1": 3, "q2": 0}, "q1"),
        ({"q1": -1, "q2": 0}, "q1"),
        ({"q1": 0, "q2": 4}, "q2"),
        ({"q1": True, "q2": 0}, "q1"),
        ({"q1": "1", "q2": 0}, "q1"),
        ({"q1": 1.0, "q2": 0}, "q1"),
    ],
)
def test_quiz_score_refuses_a_missing_or_impossible_answer(answers, field):
    with pytest.raises(InvalidInput) as caught:
        quiz_score(SMALL_QUIZ, answers)
    assert caught.value.field == field
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and len(message) < 60


def test_quiz_band_finds_the_band_for_each_total():
    assert [quiz_band(SMALL_QUIZ, s).title for s in range(-2, 8)] == (
        ["low"] * 3 + ["middle"] * 4 + ["high"] * 3
    )


def test_quiz_band_for_a_score_from_older_content_is_the_nearest_end():
    assert quiz_band(SMALL_QUIZ, -10).title == "low"
    assert quiz_band(SMALL_QUIZ, 99).title == "high"


def test_band_for_needs_bands():
    with pytest.raises(ValueError):
        band_for((), 1)


def test_score_range():
    assert score_range(SMALL_QUIZ) == (-2, 7)
    for quiz in QUIZZES.values():
        low, high = score_range(quiz)
        assert (quiz.bands[0].low, quiz.bands[-1].high) == (low, high)


def test_shipped_quiz_results_all_say_no_guarantee():
    for quiz in QUIZZES.values():
        for found in quiz.bands:
            assert "guarantee" in found.text.lower(), (quiz.id, found.title)


def _answers(quiz: Quiz) -> st.SearchStrategy[dict[str, int]]:
    from exback_tui.domain.assess import offered

    return st.fixed_dictionaries(
        {q.id: st.sampled_from([index for index, _ in offered(q)]) for q in quiz.questions}
    )


@given(st.data())
def test_any_full_set_of_answers_scores_inside_the_bands(data):
    for quiz in (SMALL_QUIZ, *QUIZZES.values()):
        answers = data.draw(_answers(quiz))
        score = quiz_score(quiz, answers)
        low, high = score_range(quiz)
        assert low <= score <= high
        found = quiz_band(quiz, score)
        assert found.low <= score <= found.high
        assert sum(1 for b in quiz.bands if b.low <= score <= b.high) == 1


@given(st.integers(-1000, 1000))
def test_quiz_band_always_returns_one_of_the_quiz_bands(score):
    assert quiz_band(SMALL_QUIZ, score) in SMALL_QUIZ.bands


# --- Retakes ---------------------------------------------------------------------------------


def test_ticks_changed_between_two_takes_in_checklist_order():
    change = ticks_changed(MIXED, before={"b2", "a1", "old"}, after={"a3", "a2", "a1"})
    assert change == TickChange(
        added=(MIXED.items[2], MIXED.items[3]),
        removed=(MIXED.items[4],),
    )
    assert ticks_changed(MIXED, {"a1"}, {"a1"}) == TickChange((), ())


def test_answers_changed_between_two_quiz_takes():
    before = {"q1": 0, "q2": 1}
    after = {"q1": 0, "q2": 3}
    assert answers_changed(SMALL_QUIZ, before, after) == (
        AnswerChange(SMALL_QUIZ.questions[1], 1, 3),
    )
    assert answers_changed(SMALL_QUIZ, before, before) == ()
    assert answers_changed(SMALL_QUIZ, {}, {"q1": 2}) == (
        AnswerChange(SMALL_QUIZ.questions[0], None, 2),
    )


@given(
    st.sets(st.sampled_from(["a1", "a2", "a3", "b1", "b2"])),
    st.sets(st.sampled_from(["a1", "a2", "a3", "b1", "b2"])),
)
def test_ticks_changed_turns_one_take_into_the_other(before, after):
    change = ticks_changed(MIXED, before, after)
    rebuilt = (before - {i.id for i in change.removed}) | {i.id for i in change.added}
    assert rebuilt == after


# --- Answers saved under older content ------------------------------------------------------


def test_answers_saved_under_the_old_content_keep_their_score_and_band():
    from exback_tui.domain.assess import chosen_option, offered, quiz_band, quiz_score
    from exback_tui.domain.errors import InvalidInput
    from exback_tui.material import shipped_material

    about_you = next(q for q in shipped_material().quizzes if q.id == "you")
    about_them = next(q for q in shipped_material().quizzes if q.id == "them")
    own_part = next(q for q in about_you.questions if q.id == "own-part")
    feelings = next(q for q in about_them.questions if q.id == "their-feelings")
    # Saved before: "Not really; it was mostly them." (0) and "...or angry..." (2).
    assert chosen_option(own_part, 0) is None  # no longer in the quiz
    assert chosen_option(feelings, 2) is None
    assert chosen_option(feelings, 99) is None  # an option that is gone altogether
    assert own_part.options[0].text == "Not really; it was mostly them."  # kept at its index
    # A new take can't pick a retired option, and is not offered it.
    old_answers = {q.id: offered(q)[0][0] for q in about_you.questions} | {"own-part": 0}
    with pytest.raises(InvalidInput):
        quiz_score(about_you, old_answers)
    assert 0 not in [index for index, _ in offered(own_part)]
    # The stored score keeps the band it was given: the bands did not move.
    assert [(b.low, b.high) for b in about_you.bands] == [(0, 4), (5, 8), (9, 12)]
    assert quiz_band(about_you, 3).title == "You need time for yourself first"


def test_being_wronged_is_not_marked_down_and_anger_is_not_good_news():
    from exback_tui.domain.assess import offered
    from exback_tui.material import shipped_material

    quizzes = {q.id: q for q in shipped_material().quizzes}
    own_part = next(q for q in quizzes["you"].questions if q.id == "own-part")
    mostly_them = [o for _, o in offered(own_part) if "came from them" in o.text]
    assert mostly_them and mostly_them[0].score == max(o.score for _, o in offered(own_part))
    feelings = next(q for q in quizzes["them"].questions if q.id == "their-feelings")
    angry = [o for _, o in offered(feelings) if "anger" in o.text.lower()]
    assert angry and angry[0].score == 0
