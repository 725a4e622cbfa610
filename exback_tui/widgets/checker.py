"""The message checker: a draft first message, and each rule of the program it breaks.

The draft is checked a moment after the typing stops (`check_after` seconds:
not on every key; 0 checks at once), with
`exback_tui.domain.checker.check_draft`: the crisis patterns first, then the
rules from content. When a draft sounds like a crisis, the answer is support
(`crisis_lines`, the first words of the support page and its key), not
rules. The widget only shows; the screen saves the draft when `Checked`
arrives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from exback_tui.delays import DEFAULT_DELAYS
from exback_tui.domain.progress import MAX_FIELD_CHARS
from exback_tui.domain.text import printable
from exback_tui.widgets.entry_text_area import EntryTextArea

if TYPE_CHECKING:
    from exback_tui.domain.checker import Finding
    from exback_tui.domain.material import Rule
    from exback_tui.material import Material

# How much of the words that broke a rule is quoted back.
MAX_QUOTE_CHARS = 40


def _quote(match: str) -> str:
    shown = printable(match).strip()
    if len(shown) > MAX_QUOTE_CHARS:
        shown = shown[: MAX_QUOTE_CHARS - 1] + "…"
    return f"“{shown}”"


def crisis_lines(material: Material) -> tuple[str, ...]:
    """What a draft that sounds like a crisis gets instead of rules: support, and its key."""
    from exback_tui.domain.support import first_paragraph

    words = material.text["support"]
    return (
        words["draft_crisis"],
        first_paragraph(material.support_page.body),
        words["draft_crisis_key"],
    )


class MessageChecker(Vertical):
    """A draft in a text area, and the findings under it, updated as the user types.

    `texts` holds checker_intro, checker_empty, checker_clean,
    checker_found_one and checker_found_many ({count}).
    """

    COMPONENT_CLASSES = {
        "message-checker--title",
        "message-checker--why",
        "message-checker--quote",
        "message-checker--clean",
        "message-checker--crisis",
    }

    @dataclass
    class Checked(Message):
        """The draft was checked: `text` as typed, and what it breaks."""

        checker: MessageChecker
        text: str
        findings: tuple[Finding, ...]
        crisis: bool = False

        @property
        def control(self) -> MessageChecker:
            return self.checker

    def __init__(
        self,
        rules: Sequence[Rule],
        texts: Mapping[str, str],
        draft: str = "",
        *,
        check_after: float = DEFAULT_DELAYS.check_draft,
        crisis_patterns: Sequence[str] = (),
        crisis_lines: Sequence[str] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._rules = tuple(rules)
        self._crisis_patterns = tuple(crisis_patterns)
        self._crisis_lines = tuple(crisis_lines)
        self.crisis: str | None = None
        self._texts = texts
        self._draft = draft
        self._check_after = check_after
        self._timer: Timer | None = None
        self.findings: tuple[Finding, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self._texts["checker_intro"], classes="message-checker-intro", markup=False)
        yield EntryTextArea(self._draft, max_chars=MAX_FIELD_CHARS, id="checker-draft")
        yield Static("", id="checker-findings")

    def on_mount(self) -> None:
        self.check_now()

    @property
    def text(self) -> str:
        """The draft as typed."""
        return self.query_one("#checker-draft", TextArea).text

    @property
    def pending(self) -> bool:
        """Typing happened that has not been checked (and reported) yet."""
        return self._timer is not None

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._check_after <= 0:
            self.check_now()
            return
        self._timer = self.set_timer(self._check_after, self.check_now, name="check-draft")

    def check_now(self) -> tuple[Finding, ...]:
        """Check the draft at once, show the findings and post `Checked`."""
        from exback_tui.domain.checker import check_draft

        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.text
        result = check_draft(self._rules, self._crisis_patterns, text)
        self.crisis, self.findings = result.crisis, result.findings
        self.query_one("#checker-findings", Static).update(self._render_findings(text))
        self.post_message(self.Checked(self, text, self.findings, self.crisis is not None))
        return self.findings

    def _render_findings(self, text: str) -> Content:
        texts = self._texts
        if not text.strip():
            return Content(texts["checker_empty"])
        if self.crisis is not None:
            style = self.get_visual_style("message-checker--crisis")
            return Content("\n\n").join(
                Content.styled(line, style) if n == 0 else Content(line)
                for n, line in enumerate(self._crisis_lines)
            )
        if not self.findings:
            return Content.styled(
                texts["checker_clean"], self.get_visual_style("message-checker--clean")
            )
        title_style = self.get_visual_style("message-checker--title")
        why_style = self.get_visual_style("message-checker--why")
        quote_style = self.get_visual_style("message-checker--quote")
        count = len(self.findings)
        heading = (
            texts["checker_found_one"]
            if count == 1
            else texts["checker_found_many"].format(count=count)
        )
        blocks = [Content(heading)]
        for finding in self.findings:
            title = Content.assemble(
                ("✗ ", title_style),
                (finding.rule.title, title_style),
                " ",
                (_quote(finding.match), quote_style),
            )
            blocks.append(title + Content("\n") + Content.styled(finding.rule.why, why_style))
        return Content("\n\n").join(blocks)
