"""Making user text safe to show, without changing what is stored.

Terminal control characters in text a person typed or pasted (ESC and the
CSI/OSC sequences it starts, C1 controls, NUL, DEL) could move the cursor,
retitle the window or hide text; bidi overrides can make text read in a
different order than it was typed. They are removed for display only: the
stored text stays exactly as typed.
"""

from __future__ import annotations

_BIDI_CONTROLS = (
    *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
    *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
)
_C0_KEEP_MULTILINE = {0x09, 0x0A}

_SINGLE_LINE: dict[int, str | None] = {
    c: None for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI_CONTROLS)
}
_SINGLE_LINE[0x09] = " "
_SINGLE_LINE[0x0A] = " "
_SINGLE_LINE[0x0D] = " "
_MULTILINE = {c: v for c, v in _SINGLE_LINE.items() if c not in _C0_KEEP_MULTILINE}
_MULTILINE[0x09] = "\t"


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` without control characters: line breaks become spaces unless `multiline`.

    Lone surrogates (bytes a terminal could not decode) become U+FFFD, so the
    result can always be encoded for the screen.
    """
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = text.translate(_MULTILINE if multiline else _SINGLE_LINE)
    # UTF-16 with surrogatepass pairs up valid surrogates and turns lone ones
    # into U+FFFD on the way back.
    return cleaned.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
