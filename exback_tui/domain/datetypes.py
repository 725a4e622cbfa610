"""`date`, `datetime` and `timedelta` for the modules `exback today` loads.

`import datetime` runs the whole pure-Python `datetime.py` (about 2,500
lines) only to replace it with the C module `_datetime` at its end: about
2 ms, a tenth of that command's budget (DESIGN.md). The types imported here
ARE the `datetime` module's (`datetime.date is datetypes.date`, a test
checks it), so they mix freely with modules that import `datetime` itself.
An interpreter without the C module gets the pure-Python ones.
"""

from __future__ import annotations

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from datetime import date, datetime, timedelta
else:
    try:
        from _datetime import date, datetime, timedelta
    except ImportError:  # pragma: no cover - an interpreter without the C module
        from datetime import date, datetime, timedelta

__all__ = ["date", "datetime", "timedelta"]
