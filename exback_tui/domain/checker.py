"""The message checker of step 4: which rules a draft first message breaks.

A rule is broken when any of its patterns (a case-insensitive regex from
content) matches. The draft is tidied first (Unicode compatibility forms and
runs of whitespace made plain) so "I  miss\\nyou" is caught like "I miss you".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from exback_tui.domain.material import Rule

_SPACES = re.compile(r"\s+")


class Finding(NamedTuple):
    """A broken rule and the words of the draft that broke it (first match in the draft)."""

    rule: Rule
    match: str


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def tidy(text: str) -> str:
    """The draft as the rules see it: NFKC-normalised, whitespace runs as one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def check_message(rules: Iterable[Rule], text: str) -> tuple[Finding, ...]:
    """One Finding per broken rule, in rule order; empty when the draft breaks none."""
    draft = tidy(text)
    findings: list[Finding] = []
    for rule in rules:
        first: re.Match[str] | None = None
        for pattern in rule.patterns:
            found = _compiled(pattern).search(draft)
            if found is not None and (first is None or found.start() < first.start()):
                first = found
        if first is not None:
            findings.append(Finding(rule, first.group(0)))
    return tuple(findings)


class DraftCheck(NamedTuple):
    """What the checker says about a draft.

    `crisis` holds the words that suggest the writer may be in danger (None
    when nothing does); then `findings` is empty, because support comes
    before any rule of the program.
    """

    crisis: str | None
    findings: tuple[Finding, ...]

    @property
    def flagged(self) -> bool:
        """Something to say: a crisis, or a broken rule."""
        return self.crisis is not None or bool(self.findings)


def crisis_match(patterns: Iterable[str], text: str) -> str | None:
    """The first words of the draft that match a crisis pattern, or None."""
    draft = tidy(text)
    first: re.Match[str] | None = None
    for pattern in patterns:
        found = _compiled(pattern).search(draft)
        if found is not None and (first is None or found.start() < first.start()):
            first = found
    return None if first is None else first.group(0)


def check_draft(rules: Iterable[Rule], crisis_patterns: Iterable[str], text: str) -> DraftCheck:
    """The crisis patterns first; only when none matches, the rules of the program."""
    crisis = crisis_match(crisis_patterns, text)
    if crisis is not None:
        return DraftCheck(crisis, ())
    return DraftCheck(None, check_message(rules, text))
