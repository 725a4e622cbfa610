"""The message checker's rules (`checker.toml`): as many as the file holds.

Every pattern must compile, and must not match empty text (it would flag
every draft).
"""

from __future__ import annotations

import re
from pathlib import Path

from exback_tui.domain.material import Rule
from exback_tui.material.errors import ContentError
from exback_tui.material.reading import TEXTS, array, fields, ids, read_toml

_PROBES = ("", "ok", "a b.")  # a pattern that matches nothing here would flag every draft


def load_rules(folder: Path) -> tuple[Rule, ...]:
    """The rules, in file order."""
    name = "checker.toml"
    kinds = {"id": str, "title": str, "why": str, "patterns": TEXTS}
    entries = [
        fields(f"{name}: [[rule]] #{n}", entry, kinds)
        for n, entry in enumerate(array(name, read_toml(folder, name), "rule"), start=1)
    ]
    ids(name, entries, "rule id")
    for entry in entries:
        for pattern in entry["patterns"]:
            check_pattern(f"{name}: rule {entry['id']!r}", pattern)
    return tuple(Rule(e["id"], e["title"], e["why"], tuple(e["patterns"])) for e in entries)


def check_pattern(where: str, pattern: str) -> None:
    """Refuse a pattern that does not compile, or that matches empty text."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ContentError(f"{where}: pattern {pattern!r} does not compile: {error}") from None
    for probe in _PROBES:
        found = compiled.search(probe)
        if found is not None and not found.group(0):
            raise ContentError(
                f"{where}: pattern {pattern!r} matches empty text, so it would flag any draft"
            )
