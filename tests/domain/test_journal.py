"""Journal entries: validation, finding, restoring, and the Markdown export."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import (
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    RESTORE_DAYS,
    Entry,
    all_tags,
    check_text,
    deleted,
    edited,
    expired,
    markdown_export,
    new_entry,
    newest_first,
    normalise_tags,
    restore_deadline,
    restored,
    select,
)

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 26, 7, 14, tzinfo=ZONE)


def entry(
    number: int,
    text: str = "text",
    *,
    day: date = date(2026, 11, 26),
    hour: int = 9,
    title: str = "",
    tags: tuple[str, ...] | str = (),
    mood: int | None = None,
) -> Entry:
    when = datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)
    return new_entry(f"e{number:03d}", when, text, title=title, tags=tags, mood=mood)


# Creating and editing ---------------------------------------------------------------


def test_new_entry_keeps_everything_as_typed() -> None:
    made = new_entry(
        "id1", NOW, "  [bold\n\x1b[31m  ", title=" [/] ", mood=3, tags="a", prompt="who"
    )
    assert made == Entry("id1", NOW, NOW, " [/] ", "  [bold\n\x1b[31m  ", 3, ("a",), "who", None)


def test_text_cap_is_inclusive() -> None:
    assert check_text("x" * MAX_TEXT_CHARS) == "x" * MAX_TEXT_CHARS
    with pytest.raises(InvalidInput) as refused:
        check_text("x" * (MAX_TEXT_CHARS + 1))
    assert "200,000" in str(refused.value) and "200,001" in str(refused.value)
    assert "Nothing was saved" in str(refused.value)
    assert refused.value.field == "text"


def test_text_that_cannot_be_encoded_is_refused() -> None:
    with pytest.raises(InvalidInput):
        check_text("bad \udcff byte")


@pytest.mark.parametrize(
    "title",
    ["a\nb", "a\rb", "a\x0bb", "a\x0cb", "a\x1cb", "a\x85b", "a\u2028b", "a\u2029b", "t" * 201],
)
def test_bad_titles_are_refused(title: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        new_entry("id", NOW, "text", title=title)
    assert refused.value.field == "title"


def test_longest_title_is_accepted() -> None:
    assert new_entry("id", NOW, "x", title="t" * MAX_TITLE_CHARS).title == "t" * MAX_TITLE_CHARS


@pytest.mark.parametrize("mood", [0, 6, -1, True, 2.5, "3"])
def test_bad_moods_are_refused(mood: object) -> None:
    with pytest.raises(InvalidInput):
        new_entry("id", NOW, "x", mood=mood)  # type: ignore[arg-type]


@pytest.mark.parametrize("mood", [None, 1, 5])
def test_good_moods(mood: int | None) -> None:
    assert new_entry("id", NOW, "x", mood=mood).mood == mood


def test_naive_times_are_refused() -> None:
    naive = datetime(2026, 11, 26, 7, 14)
    with pytest.raises(ValueError):
        new_entry("id", naive, "x")
    made = new_entry("id", NOW, "x")
    with pytest.raises(ValueError):
        edited(made, naive, text="y", title="", mood=None, tags=())
    with pytest.raises(ValueError):
        deleted(made, naive)


def test_edited_changes_content_and_update_time_only() -> None:
    made = new_entry("id", NOW, "old", tags="a")
    later = NOW + timedelta(hours=2)
    changed = edited(made, later, text="new", title="T", mood=2, tags="b, c")
    assert (changed.id, changed.created, changed.updated) == ("id", NOW, later)
    assert (changed.text, changed.title, changed.mood, changed.tags) == ("new", "T", 2, ("b", "c"))
    with pytest.raises(InvalidInput):
        edited(made, later, text="x" * (MAX_TEXT_CHARS + 1), title="", mood=None, tags=())


# Tags -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ()),
        ("a", ("a",)),
        ("a, b c", ("a", "b", "c")),
        ("#a ##b #", ("a", "b")),
        ("Work work WORK", ("Work",)),
        (["x,y", "#z", "X"], ("x", "y", "z")),
        (("ünï", "ÜNÏ"), ("ünï",)),
        ("  ,, ", ()),
        ("[bold [/]", ("[bold", "[/]")),
    ],
)
def test_normalise_tags(raw: str | list[str], expected: tuple[str, ...]) -> None:
    assert normalise_tags(raw) == expected


def test_tag_limits() -> None:
    assert len(normalise_tags([f"t{i}" for i in range(MAX_TAGS)])) == MAX_TAGS
    with pytest.raises(InvalidInput):
        normalise_tags([f"t{i}" for i in range(MAX_TAGS + 1)])
    # Repeats don't count towards the limit.
    assert normalise_tags(["same"] * (MAX_TAGS + 5)) == ("same",)
    assert normalise_tags("x" * MAX_TAG_CHARS) == ("x" * MAX_TAG_CHARS,)
    with pytest.raises(InvalidInput):
        normalise_tags("x" * (MAX_TAG_CHARS + 1))
    with pytest.raises(InvalidInput):
        normalise_tags(["bad\udcff"])


@given(st.lists(st.text(max_size=12), max_size=8))
def test_normalise_tags_is_idempotent(raw: list[str]) -> None:
    try:
        once = normalise_tags(raw)
    except InvalidInput:
        return
    assert normalise_tags(once) == once
    assert len({t.casefold() for t in once}) == len(once)
    assert all(t and not t.startswith("#") and "," not in t for t in once)


def test_all_tags_skips_deleted_entries_and_repeats() -> None:
    entries = [
        entry(1, tags="b A"),
        entry(2, tags="a c"),
        deleted(entry(3, tags="gone"), NOW),
    ]
    assert all_tags(entries) == ["A", "b", "c"]


# Finding ------------------------------------------------------------------------------


@pytest.fixture
def journal() -> list[Entry]:
    return [
        entry(1, "Thinking about the beach", day=date(2026, 11, 20), tags="summer"),
        entry(2, "Coffee alone, and fine", day=date(2026, 11, 22), title="Café", tags="Self"),
        entry(3, "still THINKING of them", day=date(2026, 11, 24), tags="urge self"),
        deleted(entry(4, "thinking, deleted", day=date(2026, 11, 25)), NOW),
    ]


def ids(entries: list[Entry]) -> list[str]:
    return [e.id for e in entries]


def test_select_everything_but_deleted(journal: list[Entry]) -> None:
    assert ids(select(journal)) == ["e001", "e002", "e003"]
    assert ids(select(journal, deleted=True)) == ["e004"]


def test_select_query_needs_every_word_ignoring_case(journal: list[Entry]) -> None:
    assert ids(select(journal, query="thinking")) == ["e001", "e003"]
    assert ids(select(journal, query="THINKING them")) == ["e003"]
    assert ids(select(journal, query="thinking nowhere")) == []
    assert ids(select(journal, query="café")) == ["e002"]  # the title counts
    assert ids(select(journal, query="urge")) == ["e003"]  # so do tags
    assert ids(select(journal, query="   ")) == ["e001", "e002", "e003"]
    assert ids(select(journal, query="deleted", deleted=True)) == ["e004"]


def test_select_tag_is_whole_and_ignores_case_and_hash(journal: list[Entry]) -> None:
    assert ids(select(journal, tag="self")) == ["e002", "e003"]
    assert ids(select(journal, tag="#SELF")) == ["e002", "e003"]
    assert ids(select(journal, tag="sel")) == []
    assert ids(select(journal, tag="summer", query="beach")) == ["e001"]


def test_select_dates_are_inclusive(journal: list[Entry]) -> None:
    assert ids(select(journal, since=date(2026, 11, 22))) == ["e002", "e003"]
    assert ids(select(journal, until=date(2026, 11, 22))) == ["e001", "e002"]
    assert ids(select(journal, since=date(2026, 11, 22), until=date(2026, 11, 22))) == ["e002"]
    assert ids(select(journal, since=date(2026, 11, 27))) == []


def test_select_keeps_the_order_given(journal: list[Entry]) -> None:
    assert ids(select(newest_first(journal))) == ["e003", "e002", "e001"]


def test_newest_first_breaks_ties_by_id() -> None:
    same = [entry(2), entry(1), entry(3)]
    assert ids(newest_first(same)) == ["e003", "e002", "e001"]


def test_newest_first_compares_instants_across_zones() -> None:
    tokyo = timezone(timedelta(hours=9))
    early = new_entry("a", datetime(2026, 11, 26, 8, tzinfo=tokyo), "x")  # 23:00 UTC the day before
    late = new_entry("b", datetime(2026, 11, 26, 0, 30, tzinfo=UTC), "x")
    assert ids(newest_first([early, late])) == ["b", "a"]


# Delete and restore -------------------------------------------------------------------


def test_delete_restore_and_deadline() -> None:
    made = entry(1)
    assert restore_deadline(made) is None
    assert not expired(made, date(2030, 1, 1))
    gone = deleted(made, NOW)
    assert restore_deadline(gone) == date(2026, 11, 26) + timedelta(days=RESTORE_DAYS)
    assert not expired(gone, date(2026, 12, 26))  # the last day it can be restored
    assert expired(gone, date(2026, 12, 27))
    back = restored(gone)
    assert back == made and restore_deadline(back) is None


def test_first_line() -> None:
    assert entry(1, "\n\n  second  \nthird").first_line == "second"
    assert entry(1, "text", title="  Title ").first_line == "Title"
    assert entry(1, "  \n ").first_line == ""


# The Markdown export -----------------------------------------------------------------


def test_markdown_export_structure() -> None:
    entries = [
        entry(3, "third, later that day", hour=21, day=date(2026, 11, 24), mood=4, tags="a b"),
        entry(1, "first\n\nsecond paragraph\n", day=date(2026, 11, 20), title="Start"),
        entry(2, "middle", day=date(2026, 11, 24), hour=8),
        deleted(entry(4, "deleted text", day=date(2026, 11, 25)), NOW),
    ]
    assert markdown_export(entries) == (
        "# exback journal\n"
        "\n"
        "## Friday 20 November 2026\n"
        "\n"
        "### Start (09:00)\n"
        "\n"
        "first\n"
        "\n"
        "second paragraph\n"
        "\n"
        "## Tuesday 24 November 2026\n"
        "\n"
        "### Untitled (08:00)\n"
        "\n"
        "middle\n"
        "\n"
        "### Untitled (21:00)\n"
        "\n"
        "*mood 4/5 · tags: a, b*\n"
        "\n"
        "third, later that day\n"
    )


def test_markdown_export_empty() -> None:
    assert markdown_export([]) == "# exback journal\n"


def test_markdown_export_keeps_user_lines_from_becoming_structure() -> None:
    text = "# not a day\n## 12 May\n   ### nor this\nparagraph\n---\n===\n#hashtag\n    # code"
    out = markdown_export([entry(1, text)])
    headings = [line for line in out.splitlines() if re.match(r" {0,3}#{1,6}( |$)", line)]
    assert headings == ["# exback journal", "## Thursday 26 November 2026", "### Untitled (09:00)"]
    assert "\\# not a day" in out and "\\---" in out and "\\===" in out
    assert "\n#hashtag\n" in out and "\n    # code" in out


def test_markdown_export_removes_control_characters_only() -> None:
    text = (
        "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9bcsi \x00nul "
        "\u202eabc\r\nnext\tline 👩\u200d👩\u200d👧 שלום"
    )
    out = markdown_export([entry(1, text, title="[bold \x1b[1m", tags=["\x1b[2Jtag"])])
    for bad in ("\x1b", "\x07", "\x9b", "\x00", "\u202e", "\r"):
        assert bad not in out
    assert "[31mred[0m ]0;title csi nul abc\nnext\tline 👩\u200d👩\u200d👧 שלום" in out
    assert "### [bold [1m (09:00)" in out
    assert "tags: [2Jtag" in out


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_markdown_export_has_one_heading_per_day(texts: list[str]) -> None:
    entries = [entry(i, text, day=date(2026, 11, 1 + i)) for i, text in enumerate(texts)]
    out = markdown_export(entries)
    days = [line for line in out.splitlines() if line.startswith("## ")]
    assert days == [f"## {e.created:%A} {e.day.day} {e.created:%B %Y}" for e in entries]
    assert not any(c in out for c in "\x1b\x00\x9b\u202e\r")


def test_a_longer_search_narrows_and_a_shorter_one_does_not() -> None:
    from exback_tui.domain.journal import narrows

    assert narrows("th", "thinking")
    assert narrows("walk riv", "walked river")
    assert narrows("", "anything")
    assert not narrows("thinking", "th")
    assert not narrows("walk", "river")


def test_filters_narrow_only_with_something_set() -> None:
    from datetime import date

    from exback_tui.domain.journal import JournalFilters

    assert not JournalFilters().narrowing
    assert not JournalFilters(query="   ", deleted=True).narrowing
    assert JournalFilters(tag="walk").narrowing
    assert JournalFilters(since=date(2026, 11, 1)).narrowing
