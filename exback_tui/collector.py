"""When Python's cyclic garbage collector may run: not while the app starts.

Start-up allocates hundreds of thousands of objects that live as long as the
app (Textual's modules, styles, widgets, the loaded journal). Left alone, the
collector runs about 150 times before the first frame, one of them a full
pass of 35 ms or more, and it keeps walking the loaded journal on every later
full pass, so keys get slower as the journal grows. Instead:

- `hold()` before the app is imported turns automatic collection off;
- `settle()` after the first paint, and again once the journal is loaded,
  moves everything alive into the permanent generation (`gc.freeze()`), which
  later passes skip, and turns collection back on.

Freezing only exempts objects alive now from later scans; anything freed by
reference counting is still freed at once.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """Stop automatic collection until `settle()` (call before importing the app)."""
    gc.disable()


def settle() -> None:
    """Keep what is alive now out of later passes, and collect again from here on."""
    gc.freeze()
    gc.enable()
