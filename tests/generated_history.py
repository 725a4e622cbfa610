"""Two years of generated history: six attempts, check-ins on most days, 2,000 entries.

Built as one export document and read in with `import_json` (one write, not
thousands), the same way for the snapshot tests, the pilot tests and the
bench. Deterministic: the same seed gives the same bytes.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta, timezone

# Days (after the first start) on which an attempt ended in contact, and what led to it.
SLIPS = (
    (58, "saw the photos from the trip"),
    (131, "[bold]their birthday[/]"),
    (260, "<script>alert(1)</script>"),
    (402, "saw the photos from the trip"),
    (569, "a friend's wedding 👩‍👩‍👧"),
)
TAGS = ("urge", "sleep", "work", "family", "hope", "sad")
WORDS = (  # noqa: SIM905 - prose reads better than a list of words
    "today walked the long way home called my sister coffee rain tired hopeful calm "
    "breathe still thinking about them made dinner slept badly went running"
).split()


def history_export(
    today: date, *, days: int = 730, entries: int = 2000, seed: int = 13, target: int = 30
) -> bytes:
    """An export document holding `days` days of history up to `today`."""
    rng = random.Random(seed)
    first = today - timedelta(days=days)
    attempts = []
    start = first
    slip_days = {}
    for offset, trigger in SLIPS:
        end = first + timedelta(days=offset)
        attempts.append(
            {"start": start.isoformat(), "end": end.isoformat(), "ended_by": "slip",
             "trigger": trigger}
        )  # fmt: skip
        slip_days[end] = True
        start = end
    attempts.append({"start": start.isoformat(), "end": None, "ended_by": None, "trigger": ""})
    checkins = []
    for offset in range(days + 1):
        day = first + timedelta(days=offset)
        contacted = day in slip_days
        if not contacted and rng.random() < 0.12:
            continue  # a missed day
        progress = offset / days
        mood = max(1, min(5, round(2 + 2 * progress + rng.uniform(-1.4, 1.4))))
        urge = max(0, min(10, round(8 - 6 * progress + rng.uniform(-2.5, 2.5))))
        checkins.append(
            {"on": day.isoformat(), "mood": mood, "urge": max(urge, 7) if contacted else urge,
             "contacted": contacted}
        )  # fmt: skip
    zone = timezone(timedelta(hours=1))
    journal = []
    minutes = days * 24 * 60
    for number in range(entries):
        when = datetime.combine(first, time(7), zone) + timedelta(
            minutes=rng.randrange(minutes) if number else 0
        )
        stamp = when.isoformat()
        journal.append(
            {
                "id": f"{number:032x}",
                "created": stamp,
                "updated": stamp,
                "title": " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4))),
                "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 80))),
                "mood": rng.choice([None, 1, 2, 3, 4, 5]),
                "tags": rng.sample(TAGS, rng.randint(0, 2)),
                "prompt": None,
                "deleted": None,
            }
        )
    document = {
        "format": "exback-export",
        "version": 1,
        "plan": {
            "schema_version": 1,
            "settings": [{"breakup_date": None, "target_days": target}],
            "attempts": attempts,
            "checkins": checkins,
        },
        "journal": {"schema_version": 1, "entries": journal},
    }
    return json.dumps(document).encode("utf-8")


def seed_two_years(service, today: date) -> None:  # noqa: ANN001 - an opened ExBackService
    """Read two years of history into the opened, empty `service`."""
    service.import_json(history_export(today))
