"""Common questions (`f`): the six questions and answers, filtered as the user types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Markdown, Static

from exback_tui.screens.kept import KeptScreen
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from exback_tui.app import ExBackApp
    from exback_tui.domain.material import FaqEntry

# Longest search kept: the six answers are short, and a huge paste gains nothing.
MAX_SEARCH_CHARS = 200


def search_words(query: str) -> list[str]:
    """The words of `query`, case-folded; an entry matches when it holds every one."""
    return query.casefold().split()


def matches(entry: FaqEntry, words: list[str]) -> bool:
    """Whether the question or answer of `entry` holds every word (case-insensitive)."""
    haystack = f"{entry.question}\n{entry.answer}".casefold()
    return all(word in haystack for word in words)


class FaqScreen(KeptScreen):
    """The questions and answers under a search field; Escape goes back.

    Built once (its words never change while the app runs) and shown again on
    every `f`: each time with the search empty, every answer, at the top.
    """

    if TYPE_CHECKING:
        app: ExBackApp

    AUTO_FOCUS = "#faq-search"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("tab", "to_list", "Answers"),
        Binding("tab", "app.focus_next", "Next", show=False),  # from the answers
        Binding("slash", "to_search", "Search"),
        Binding("down", "to_list", "Answers", show=False),
        Binding("pageup", "scroll_list('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll_list('page_down')", "Page down", show=False),
    ]

    def __init__(self, entries: Sequence[FaqEntry], texts: Mapping[str, str]) -> None:
        super().__init__()
        self._entries = tuple(entries)
        self._texts = texts

    def compose(self) -> ComposeResult:
        texts = self._texts
        with Horizontal(id="faq-header"):
            yield Static(texts["title"], id="faq-title", markup=False)
            yield Static(self._count_text(len(self._entries)), id="faq-count", markup=False)
        yield Static(texts["intro"], id="faq-intro", markup=False)
        with Horizontal(id="faq-search-row"):
            yield Label(texts["search_label"], id="faq-search-label")
            yield SafeInput(
                placeholder=texts["search_placeholder"],
                id="faq-search",
                max_length=MAX_SEARCH_CHARS,
                compact=True,
            )
        with VerticalScroll(id="faq-list"):
            for number, entry in enumerate(self._entries):
                with Vertical(classes="faq-entry", id=f"faq-entry-{number}"):
                    yield Static(entry.question, classes="faq-question", markup=False)
                    yield Markdown(entry.answer, classes="faq-answer")
            no_match = Static(texts["no_match"], id="faq-no-match", markup=False)
            no_match.display = False
            yield no_match
        yield KeyBar([*self.BINDINGS, *self.app.BINDINGS])

    def opened_again(self) -> None:
        """As a new one opens: the search empty and focused, every answer, at the top."""
        search = self.query_one("#faq-search", SafeInput)
        with search.prevent(Input.Changed):
            search.value = ""
        self.show_matching("")
        self.set_focus(search)

    def _count_text(self, shown: int) -> str:
        texts = self._texts
        total = len(self._entries)
        if shown == total:
            return texts["count_all"].format(total=total)
        return texts["count_some"].format(shown=shown, total=total)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_matching(event.value)

    def show_matching(self, query: str) -> None:
        """Show only the entries that hold every word of `query`."""
        words = search_words(query)
        shown = 0
        for number, entry in enumerate(self._entries):
            visible = matches(entry, words)
            self.query_one(f"#faq-entry-{number}").display = visible
            shown += visible
        self.query_one("#faq-no-match").display = shown == 0
        self.query_one("#faq-count", Static).update(self._count_text(shown))
        self.query_one("#faq-list", VerticalScroll).scroll_home(animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_to_list()

    def action_to_list(self) -> None:
        self.query_one("#faq-list").focus()

    def action_to_search(self) -> None:
        self.query_one("#faq-search").focus()

    def action_scroll_list(self, direction: str) -> None:
        scroll = self.query_one("#faq-list", VerticalScroll)
        if direction == "page_up":
            scroll.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_down(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab offers the answers only from outside them; from there it moves on as usual."""
        if action == "to_list":
            answers = self.query_one("#faq-list")
            focused = self.focused
            return focused is None or not (focused is answers or answers in focused.ancestors)
        return True

    def action_back(self) -> None:
        self.dismiss()
