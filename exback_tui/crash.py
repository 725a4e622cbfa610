"""What reaches the terminal when the app crashes: never what the user wrote.

Textual's crash output is a Rich traceback with `show_locals=True`: every
frame's local variables, which in exback hold journal entries, drafts and
triggers (the first 80 characters of each string), and the exception's
message, which can quote them (`WorkerFailed` repeats the error's repr).
`private_crash_report` keeps what a bug report needs (the exception's type
and, for each frame, the file, line, function and line of code) and leaves
out every value.
"""

from __future__ import annotations

import traceback

INTRO = (
    "exback stopped because of an unexpected error (a bug). Everything saved before it is "
    "kept, and a journal entry being written is in its draft.\n"
    "Values and messages are left out below, so it holds nothing you wrote.\n"
)
_MAX_CHAIN = 5


def private_crash_report(error: BaseException | None) -> str:
    """`error`'s traceback (and its causes'), without any value or message."""
    if error is None:
        return INTRO
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < _MAX_CHAIN:
        chain.append(current)
        current = current.__cause__ or current.__context__
    parts = [INTRO]
    for index, exc in enumerate(reversed(chain)):
        if index:
            parts.append("\nDuring handling of the above, another error occurred:\n")
        parts.append("\nTraceback (most recent call last):\n")
        frames = traceback.extract_tb(exc.__traceback__)
        parts.extend(traceback.format_list(frames))
        kind = type(exc)
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message left out)\n")
    return "".join(parts)
