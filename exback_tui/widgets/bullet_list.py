"""Lines of text as a bulleted list, each wrapped under itself."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from exback_tui.domain.text import printable

BULLET = "• "


class BulletList(Widget):
    """Lines of text as a bulleted list, each wrapped under itself (a hanging indent)."""

    lines: reactive[tuple[str, ...]] = reactive((), layout=True)

    def _rows(self, width: int) -> list[Content]:
        indent = len(BULLET)
        rows: list[Content] = []
        for line in self.lines:
            wrapped = Content(printable(line)).wrap(max(1, width - indent)) or [Content("")]
            rows.append(Content(BULLET) + wrapped[0])
            rows.extend(Content(" " * indent) + rest for rest in wrapped[1:])
        return rows

    def render(self) -> Content:
        return Content("\n").join(self._rows(self.content_size.width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows(width))
