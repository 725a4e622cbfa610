"""Making user text safe to show: control characters out, everything a person wrote kept."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exback_tui.domain.text import printable

C0 = [chr(c) for c in range(0x00, 0x20)]
C1 = [chr(c) for c in range(0x80, 0xA0)]
DEL = "\x7f"
BIDI = [chr(c) for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)]
LINE_BREAKS_AND_TABS = {"\n", "\t", "\r"}
BIDI_CLASSES = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def test_plain_text_is_unchanged():
    for text in ["", "hello", "I miss them. 12 days.", "a  b", "trailing "]:
        assert printable(text) == text
        assert printable(text, multiline=True) == text


@pytest.mark.parametrize("control", [c for c in C0 if c not in LINE_BREAKS_AND_TABS])
def test_c0_controls_are_removed(control):
    assert printable(f"a{control}b") == "ab"
    assert printable(f"a{control}b", multiline=True) == "ab"


@pytest.mark.parametrize("control", [*C1, DEL])
def test_c1_controls_and_del_are_removed(control):
    assert printable(f"a{control}b") == "ab"
    assert printable(f"a{control}b", multiline=True) == "ab"


@pytest.mark.parametrize("control", BIDI)
def test_bidi_overrides_and_isolates_are_removed(control):
    assert printable(f"abc{control}def") == "abcdef"
    assert printable(f"abc{control}def", multiline=True) == "abcdef"


def test_every_bidi_embedding_override_and_isolate_is_in_the_list():
    # The Unicode bidi classes LRE RLE PDF LRO RLO LRI RLI FSI PDI, found from the database.
    found = [chr(c) for c in range(0x110000) if unicodedata.bidirectional(chr(c)) in BIDI_CLASSES]
    assert sorted(found) == sorted(BIDI)
    assert printable("".join(found)) == ""


def test_escape_sequences_lose_their_escape():
    # What is left is harmless text: without ESC the terminal can't act on it.
    assert printable("\x1b[31mred\x1b[0m") == "[31mred[0m"
    assert printable("\x1b]0;title\x07after") == "]0;titleafter"
    assert printable("\x9b31mcsi") == "31mcsi"
    assert printable("nul\x00byte") == "nulbyte"


def test_trojan_source_reordering_is_neutralised():
    sneaky = "access = \u202euser\u2066 // admin\u2069\u202c"
    assert printable(sneaky) == "access = user // admin"


@pytest.mark.parametrize(
    "text",
    [
        "[/]",
        "[bold",
        "[@click=app.quit]x[/]",
        "{not a format}",
        "👩\u200d❤\ufe0f\u200d👨 together",  # emoji joined with ZWJ, with a variation selector
        "👨\u200d👩\u200d👧\u200d👦",
        "🏳\ufe0f\u200d🌈",
        "👍🏽",
        "שלום עולם",
        "مرحبا بالعالم",
        "日本語のテキスト",
        "café naïve",
        "e\u0301",  # combining accent
        "\u200e\u200f",  # LRM/RLM marks are not overrides
        "\u00a0non-breaking\u00a0",
        "\ufeffbom at start",
    ],
)
def test_text_people_write_is_kept(text):
    assert printable(text) == text
    assert printable(text, multiline=True) == text


def test_single_line_turns_line_breaks_and_tabs_into_spaces():
    assert printable("one\ntwo") == "one two"
    assert printable("a\tb") == "a b"
    assert printable("a\rb") == "a b"
    assert printable("a\r\nb") == "a  b"
    assert "\n" not in printable("x\n" * 50)


def test_multiline_keeps_newlines_and_tabs_and_normalises_carriage_returns():
    assert printable("one\ntwo", multiline=True) == "one\ntwo"
    assert printable("\tindented", multiline=True) == "\tindented"
    assert printable("windows\r\nline\r\nends", multiline=True) == "windows\nline\nends"
    assert printable("old mac\rline", multiline=True) == "old mac\nline"
    assert printable("mixed\r\n\r\n\n", multiline=True) == "mixed\n\n\n"
    assert printable("bell\x07\nesc\x1b[2J", multiline=True) == "bell\nesc[2J"
    # The carriage return that could overwrite a line is never left in.
    assert "\r" not in printable("safe\roverwritten", multiline=True)


def test_lone_surrogates_become_replacement_characters():
    assert printable("a\ud800b") == "a\ufffdb"
    assert printable("\udcff") == "\ufffd"
    assert printable("x\udfff\ud83d", multiline=True) == "x\ufffd\ufffd"
    printable("a\ud800b").encode("utf-8")


def test_a_surrogate_pair_becomes_the_character_it_encodes():
    assert printable("\ud83d\ude00") == "😀"


def test_stored_text_is_not_changed():
    original = "keep\x1bthis\u202e"
    printable(original)
    assert original == "keep\x1bthis\u202e"


def _controls_left(text: str, *, multiline: bool) -> list[str]:
    allowed = {"\n", "\t"} if multiline else set()
    controls = [c for c in text if unicodedata.category(c) == "Cc" and c not in allowed]
    bidi = [c for c in text if unicodedata.bidirectional(c) in BIDI_CLASSES]
    return controls + bidi


ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xFFFF, exclude_categories=())),
    st.lists(
        st.sampled_from([*C0, *C1, DEL, *BIDI, "a", "é", "😀", "\ud800", "\udc00", "\r\n"])
    ).map("".join),
)


@given(ANY_TEXT, st.booleans())
@example("\ud800\x00\udc00", False)
@example("\r\r\n\n\x85", True)
def test_result_has_no_controls_and_always_encodes(text, multiline):
    result = printable(text, multiline=multiline)
    assert _controls_left(result, multiline=multiline) == []
    result.encode("utf-8")
    if not multiline:
        assert "\n" not in result and "\t" not in result
    assert "\r" not in result


@given(ANY_TEXT, st.booleans())
def test_printable_is_idempotent(text, multiline):
    once = printable(text, multiline=multiline)
    assert printable(once, multiline=multiline) == once


@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"])))
def test_text_without_controls_or_surrogates_is_kept_apart_from_bidi_controls(text):
    expected = "".join(c for c in text if c not in BIDI)
    assert printable(text) == expected
    assert printable(text, multiline=True) == expected


@given(ANY_TEXT)
def test_multiline_keeps_every_line_break(text):
    expected_breaks = text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert printable(text, multiline=True).count("\n") == expected_breaks
