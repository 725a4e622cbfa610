"""The message checker: which rules a draft breaks, against the shipped rules and our own."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.checker import Finding, check_message, tidy
from exback_tui.domain.material import Rule
from exback_tui.material import shipped_material

RULES = shipped_material().rules


def broken(text: str, rules: tuple[Rule, ...] = RULES) -> set[str]:
    return {finding.rule.id for finding in check_message(rules, text)}


# --- The shipped rules -----------------------------------------------------------------------


def test_the_issue_draft_breaks_at_least_three_rules():
    found = broken("hey, I miss you so much, how are you?")
    assert len(found) >= 3, found
    assert {"miss-you", "how-are-you"} <= found


def test_the_issue_light_draft_breaks_none():
    assert check_message(RULES, "guess what I just found out about that band we saw") == ()


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("I miss you", {"miss-you"}),
        ("I still love you", {"love-you"}),
        ("Can we talk about getting back together?", {"relationship"}),
        ("I keep thinking about our relationship", {"relationship"}),
        ("How have you been?", {"how-are-you"}),
        ("Are you seeing someone new?", {"seeing-someone"}),
        ("I'm so lonely, I can't cope without you", {"pity"}),
        ("Why won't you answer me? Please reply", {"pressure"}),
        ("We need to talk.", {"pressure"}),
        ("I'm so sorry, it was all my fault. Forgive me.", {"apology"}),
        ("I MISS YOU", {"miss-you"}),
        ("i miss\n   you", {"miss-you"}),
        ("I’m so sad", {"pity"}),
        ("hru? miss u", {"how-are-you", "miss-you"}),
    ],
)
def test_drafts_that_break_rules(draft, expected):
    found = broken(draft)
    assert expected <= found, (draft, found)


@pytest.mark.parametrize(
    "draft",
    [
        "guess what I just found out about that band we saw",
        "Saw a dog today that looked exactly like Biscuit and laughed out loud",
        "Happy birthday! Hope the year ahead is a good one",
        "Is that bakery on Elm Street still open? Craving their cinnamon buns",
        "Just finished the book you lent me. The ending!",
        "Hey, the new season is out. Have you watched it yet?",
        "Thank you so much for returning my jacket",
        "Remember the karaoke place? It's closing down, end of an era",
        "What have you been up to lately?",
        "That song from the festival just came on the radio",
        "So sorry to hear about your gran",
        "",
        "   ",
    ],
)
def test_light_drafts_break_no_rule(draft):
    assert check_message(RULES, draft) == (), draft


def test_a_heavy_draft_breaks_many_rules_once_each():
    draft = (
        "I miss you and I love you. We need to talk about us. How are you? "
        "Are you seeing someone? I'm so lonely. I'm so sorry, forgive me. I miss you."
    )
    findings = check_message(RULES, draft)
    ids = [finding.rule.id for finding in findings]
    assert len(ids) == len(set(ids))
    assert set(ids) >= {
        "miss-you",
        "love-you",
        "relationship",
        "how-are-you",
        "seeing-someone",
        "pity",
        "pressure",
        "apology",
    }
    order = [rule.id for rule in RULES]
    assert ids == sorted(ids, key=order.index)


def test_every_shipped_rule_has_a_reason_shown_with_it():
    for finding in check_message(RULES, "hey, I miss you so much, how are you?"):
        assert finding.rule.why.strip() and finding.rule.title.strip()
        assert finding.match.strip()


# --- Our own rules ---------------------------------------------------------------------------

GREETING = Rule("greeting", "Greeting", "why", (r"\bhello\b", r"\bhey\b"))
QUESTION = Rule("question", "Question", "why", (r"\?",))
OWN = (GREETING, QUESTION)


def test_findings_come_in_rule_order_with_the_first_match_in_the_draft():
    findings = check_message(OWN, "Is it you? Hey... hello!")
    assert findings == (Finding(GREETING, "Hey"), Finding(QUESTION, "?"))


def test_the_match_is_the_earliest_of_any_pattern():
    assert check_message((GREETING,), "hello and hey") == (Finding(GREETING, "hello"),)
    assert check_message((GREETING,), "hey and hello") == (Finding(GREETING, "hey"),)


def test_matching_ignores_case_and_folds_whitespace_and_compatibility_forms():
    rule = Rule("r", "R", "why", (r"\bmiss you\b",))
    for draft in ("MISS YOU", "miss\tyou", "miss\n\n you", "miss\u00a0you", "ｍｉｓｓ you"):
        (finding,) = check_message((rule,), draft)
        assert finding.rule == rule and finding.match.lower() == "miss you", draft
    assert tidy("  a \n b\t\tc  ") == "a b c"


def test_no_rules_means_no_findings():
    assert check_message((), "I miss you") == ()


# --- Any text at all -------------------------------------------------------------------------

HOSTILE = [
    "[/]",
    "[bold",
    "[@click=app.quit]x[/]",
    "\x1b[31mred\x1b[0m",
    "😭💔 miss you 😭",
    "שלום, אני מתגעגע",
    "مرحبا كيف حالك",
    "\x00\x07\x08",
    "\ud800 lone surrogate \udfff",
    "\u202eright to left override",
    "a" * 20_000,
    "so " * 6_000 + "sad",
    "I'm " + "so " * 5_000 + "sad",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_checked_without_error(text):
    findings = check_message(RULES, text)
    assert all(isinstance(finding, Finding) for finding in findings)


def test_a_long_draft_is_checked_quickly():
    draft = ("I just wanted to say that the weather is lovely today and " * 400)[:20_000]
    start = time.perf_counter()
    check_message(RULES, draft + " I'm so " + "so " * 2_000)
    assert time.perf_counter() - start < 2


WORDS = ["I", " ", "'", "’", "m", "so", "o", "miss", "you", "u", "?", "\n", "sad", "how", "are"]
ANY_TEXT = st.text(st.characters(exclude_categories=())) | st.lists(st.sampled_from(WORDS)).map(
    "".join
)


@given(ANY_TEXT)
def test_check_message_never_raises_and_reports_each_rule_at_most_once(text):
    findings = check_message(RULES, text)
    ids = [finding.rule.id for finding in findings]
    assert len(ids) == len(set(ids))
    assert all(finding.match in tidy(text) for finding in findings)
