"""The one error the content loader raises."""

from __future__ import annotations


class ContentError(ValueError):
    """Content in `content/` that does not have the expected shape.

    The message names the file and the entry, so the fix is a content edit.
    """
