"""The cooling-off box: kept messages come back after 24 hours; urges resisted are counted.

Times are passed in. Aware times are compared as instants (so a daylight-saving
change in between doesn't add or remove an hour); a naive time next to an
aware one is read as being in the aware one's zone, never mixed as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from exback_tui.domain.progress import Urge

REVIEW_AFTER = timedelta(hours=24)
WAITING = "waiting"
LET_GO = "let-go"


def elapsed(since: datetime, now: datetime) -> timedelta:
    """Real time from `since` to `now`.

    Both aware: the difference between the two instants (even when they share a
    zone whose offset changed in between). Both naive: the plain difference.
    One of each: the naive one is taken to be in the other's zone.
    """
    if (since.tzinfo is None) != (now.tzinfo is None):
        if since.tzinfo is None:
            since = since.replace(tzinfo=now.tzinfo)
        else:
            now = now.replace(tzinfo=since.tzinfo)
    if since.tzinfo is None:
        return now - since
    return now.astimezone(UTC) - since.astimezone(UTC)


def due_for_review(urges: Iterable[Urge], now: datetime) -> tuple[Urge, ...]:
    """Waiting messages written at least 24 hours before `now`, oldest first."""
    due = [
        urge
        for urge in urges
        if urge.outcome == WAITING and elapsed(urge.written, now) >= REVIEW_AFTER
    ]
    due.sort(key=lambda urge: elapsed(urge.written, now), reverse=True)
    return tuple(due)


def urges_resisted(urges: Iterable[Urge]) -> int:
    """Urges caught and not sent: the ones let go, and the ones still waiting."""
    return sum(1 for urge in urges if urge.outcome in (WAITING, LET_GO))
