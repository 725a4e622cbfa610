"""A page of the program's teaching: its title and its Markdown body.

Pages are our own content (content/questions/*.md, content/steps/*.md), so
Textual's Markdown widget may parse them; user text never goes through here.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Markdown, Static

from exback_tui.domain.material import Page


class PageView(Vertical):
    """Shows `page`: the title as a heading (unless the screen shows it already), then the body."""

    def __init__(
        self,
        page: Page,
        *,
        show_title: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.page = page
        self.show_title = show_title

    def compose(self) -> ComposeResult:
        if self.show_title:
            yield Static(self.page.title, classes="page-title", markup=False)
        yield Markdown(self.page.body, classes="page-body", open_links=False)
