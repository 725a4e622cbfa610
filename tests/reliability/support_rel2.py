"""Helpers for the hostile-text, time, fuzzing, privacy and soak tests (items 5-9).

The counts are modest by default so `make test` stays quick; `--deep` (see
conftest.py, which sets EXBACK_DEEP=1) or EXBACK_DEEP=1 raises them.
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import strategies as st

from tests.ui.conftest import HOSTILE_TEXTS

DEEP_ENV = "EXBACK_DEEP"

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Beyond tests/ui's corpus: every kind of control a paste can carry, markup
# and links in Rich's and Textual's syntax, text that changes direction or
# width, and the sizes that break layouts.
EXTRA_HOSTILE = [
    "",
    " ",
    "\t",
    "[link=https://example.com/evil]click me[/link]",
    "[@click=app.bell]ring[/]",
    "[@click=screen.dismiss('x')]close[/]",
    "$variable ${name} {0} {data_dir} %s %(x)s",
    "[b]bold[/b] [red on blue]x[/] [/][/] [[ ]] \\[escaped]",
    "\x1b]8;;https://example.com\x1b\\a link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;aGVsbG8=\x07 clipboard write",  # OSC 52
    "\x1b[2J\x1b[H cleared \x1b[?1049h alt screen \x1b[6n",
    "\x1bP+q544e\x1b\\ DCS",
    "\x9b31m C1 CSI \x9d0;t\x9c \x85next-line",
    "\x00nul\x01\x02\x03\x04\x05\x06\x08\x0b\x0c\x0e\x0f\x10\x7fdel",
    "cr\rover\r\nwrite",
    "line one\nline two\n\nline four",
    "\u202eevil reversed\u202c \u2066isolate\u2069 \u202dLRO\u202c \u200f\u200e\u061c",
    "\u200b\u200c\u200d\ufeff zero width",
    "e\u0301\u0301\u0301\u0301\u0301 Z̸̢̛̠͓͎̫̙̺̙̈́̅̆̌̋ͣ͗͊a̴l̵g̸o̷",
    "𝕳𝖊𝖑𝖑𝖔 ﷽ ꧅ 𒐫 ‮",
    "全角テキスト 한국어 中文字符 😀🎉🏳️‍🌈🇫🇷",
    "\ufffd\ufffe\uffff replacement and non-characters",
    "\u2028line separator\u2029paragraph separator",
    "x" * 2000,
    ("long words " * 300).strip(),
    "Robert'); DROP TABLE entries;-- \" ' ` \\ / <script>alert(1)</script>",
    "%n%n%n%s%s {{7*7}} ${7*7}",
    "-- --help -h --version",
    "2026-02-30",
    "99",
    "03/04",
]

HOSTILE = [*HOSTILE_TEXTS, *EXTRA_HOSTILE]


def is_deep(config: object | None = None) -> bool:
    """True for the long campaign: `pytest --deep` or EXBACK_DEEP set to something true."""
    if os.environ.get(DEEP_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    if config is not None:
        try:
            return bool(config.getoption("--deep"))  # type: ignore[attr-defined]
        except (ValueError, AttributeError):
            return False
    return False


def count(default: int, deep: int) -> int:
    """`deep` in a deep run, else `default`."""
    return deep if is_deep() else default


# Text the terminal can deliver as typing: no controls, no lone surrogates.
typed_chars = st.characters(blacklist_categories=("Cs", "Cc"))
typed_text = st.text(typed_chars, max_size=80)

# What a paste can hold as well: the corpus, spliced into typed text.
hostile_text = st.lists(
    st.one_of(typed_text, st.sampled_from(HOSTILE)), min_size=1, max_size=3
).map("".join)


def forbidden(text: str) -> list[str]:
    """The characters in `text` that must never reach the terminal as text."""
    return [
        char for char in text if unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS
    ]


def screen_strips(app) -> list:
    """The whole current screen as the compositor would send it, line by line."""
    return app.screen._compositor.render_strips()


def check_screen(app) -> str:
    """Fail if anything on the screen could act on the terminal or be clicked; return its text.

    Every non-control segment's text must be free of control characters,
    lone surrogates and bidi overrides; no segment may carry a link or an
    `@click` action (user text parsed as markup would bring one).
    """
    lines = []
    for y, strip in enumerate(screen_strips(app)):
        text = []
        for segment in strip:
            if segment.control:
                continue
            bad = forbidden(segment.text)
            assert not bad, f"line {y} draws {bad!r}: {segment.text!r}"
            style = segment.style
            if style is not None:
                assert not style.link, f"line {y} has a link {style.link!r}: {segment.text!r}"
                meta = style.meta or {}
                clicks = [key for key in meta if key.startswith("@click")]
                assert not clicks, f"line {y} is clickable ({meta!r}): {segment.text!r}"
            text.append(segment.text)
        lines.append("".join(text))
    return "\n".join(lines)


def squash(text: str) -> str:
    """`text` without any whitespace, to compare what wrapping may have split."""
    return "".join(text.split())


def visible_runs(text: str, *, multiline: bool = False, limit: int = 40) -> list[str]:
    """Stretches of plain ASCII that `text` shows near its start (controls removed).

    Wide, combining and zero-width characters make cell widths (and so
    wrapping and cutting) uncertain, so only plain runs of 3 or more
    characters from the first `limit` shown characters are compared.
    """
    import re

    from exback_tui.domain.text import printable

    shown = squash(printable(text, multiline=multiline)[:limit])
    return [run for run in re.findall(r"[!-~]{3,}", shown)]


STATS_ENV = "EXBACK_RELIABILITY_STATS"


def record(test: str, **figures: object) -> None:
    """Append one outcome to $EXBACK_RELIABILITY_STATS (a JSON-lines file), if set.

    docs/RELIABILITY.md's figures are totals of these lines from the last run.
    """
    path = os.environ.get(STATS_ENV)
    if not path:
        return
    import json

    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps({"test": test, **figures}, default=str) + "\n")
