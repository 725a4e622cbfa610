"""How long the app waits on typing before it acts: each debounce and autosave in one place.

The app takes a `Delays` (tests pass shorter ones, or 0: act at once) and
its screens hand each widget its own. Nothing here reads the clock.

A NamedTuple rather than a frozen dataclass: it is made before the first
frame, and making the dataclass took 0.7 ms, the NamedTuple a tenth of it
(annotations evaluated, not strings: see `domain.progress`).
"""

from typing import NamedTuple


class Delays(NamedTuple):
    """Seconds to wait; 0 acts at once (a test's choice, so it waits on state, not time)."""

    # The message checker checks a draft this long after the typing stops: long
    # enough that a fast typist isn't re-checked on every key, short enough to feel live.
    check_draft: float = 0.3
    # An answer to a big question is saved once the typing pauses this long.
    answer_idle: float = 1.5
    # The notes for the talk (step 4) are saved once the typing pauses this long.
    notes_idle: float = 1.0
    # Typing faster than this in the journal's search searches once, when it pauses.
    search: float = 0.15
    # While the journal's cursor moves, the entry beside it is redrawn at most this often.
    entry_view: float = 0.08
    # A journal entry being written is kept as a draft this often (when it changed).
    autosave: float = 2.0
    # The big questions' and the steps' overviews build their pages once they have been
    # shown this long: a page key typed at once is not kept waiting behind the building.
    build_ahead: float = 0.5


DEFAULT_DELAYS = Delays()
