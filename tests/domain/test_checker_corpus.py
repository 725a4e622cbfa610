"""The message checker measured on a labelled corpus of realistic first messages.

The tuning part is `tests/corpus/checker_tuning.toml` and
`checker_tuning_seen.toml` (the first held-out part, measured once and then
seen); `tests/corpus/checker_heldout.toml` was written apart, committed before
the rules it measures, and never tuned on.
Printed per part and for the whole (run with `-s` to see them): recall
(flagged ÷ should-flag), false alarms (fine drafts flagged ÷ fine drafts) and
crisis drafts recognised. docs/CHECKER.md records the figures.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest

from exback_tui.domain.checker import check_draft
from exback_tui.material import shipped_material

CORPUS = Path(__file__).parent.parent / "corpus"
PARTS = {
    "tuning": ("checker_tuning.toml", "checker_tuning_seen.toml"),
    "held-out": ("checker_heldout.toml",),
}
MIN_RECALL = 0.90
MAX_FALSE_ALARMS = 0.10


class Draft(NamedTuple):
    text: str
    label: str  # "fine", "crisis" or the rule family it breaks


class Figures(NamedTuple):
    should_flag: int
    flagged: int
    fine: int
    false_alarms: int
    crisis: int
    crisis_caught: int
    missed: tuple[Draft, ...]

    @property
    def recall(self) -> float:
        return self.flagged / self.should_flag

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.fine

    def line(self, name: str) -> str:
        return (
            f"{name:>9}: recall {self.flagged}/{self.should_flag} = {self.recall:.2f}, "
            f"false alarms {self.false_alarms}/{self.fine} = {self.false_alarm_rate:.1%}, "
            f"crisis caught {self.crisis_caught}/{self.crisis}"
        )


def load(names: tuple[str, ...]) -> list[Draft]:
    drafts: list[Draft] = []
    for name in names:
        with (CORPUS / name).open("rb") as handle:
            data = tomllib.load(handle)
        drafts += [Draft(text, "fine") for text in data["fine"]]
        drafts += [Draft(text, "crisis") for text in data["crisis"]]
        for family, texts in data["flag"].items():
            drafts += [Draft(text, family) for text in texts]
    return drafts


def measure(drafts: list[Draft]) -> Figures:
    material = shipped_material()
    rules, patterns = material.rules, material.care.crisis_patterns
    should = flagged = fine = alarms = crisis = caught = 0
    missed: list[Draft] = []
    for draft in drafts:
        result = check_draft(rules, patterns, draft.text)
        if draft.label == "crisis":
            crisis += 1
            caught += result.crisis is not None
            if result.crisis is None:
                missed.append(draft)
        elif draft.label == "fine":
            fine += 1
            alarms += result.flagged
            if result.flagged:
                missed.append(draft)
        else:
            should += 1
            flagged += result.flagged
            if not result.flagged:
                missed.append(draft)
    return Figures(should, flagged, fine, alarms, crisis, caught, tuple(missed))


PART_DRAFTS = {part: load(names) for part, names in PARTS.items()}
WHOLE = [draft for drafts in PART_DRAFTS.values() for draft in drafts]


def test_the_corpus_has_the_size_the_issue_asks_for():
    labels = [draft.label for draft in WHOLE]
    assert labels.count("fine") >= 60
    assert labels.count("crisis") >= 20
    assert len([label for label in labels if label not in {"fine", "crisis"}]) >= 60
    assert len(WHOLE) >= 150
    held_out = len(PART_DRAFTS["held-out"])
    assert held_out >= len(WHOLE) // 3, "the held-out part is a third of the whole"
    assert len({draft.text for draft in WHOLE}) == len(WHOLE), "no draft twice"


def test_the_issue_examples_are_in_the_corpus_with_their_label():
    labels = {draft.text: draft.label for draft in WHOLE}
    assert labels["I just want to die lol"] == "crisis"
    assert labels["I don't want to live without you"] == "crisis"
    assert labels["I can't go on like this"] == "crisis"
    assert labels["I can't cope with how good this cheesecake is 😂"] == "fine"
    assert labels["Hello? Is this still your number?"] == "fine"
    assert labels["I'm so sad my favourite café closed"] == "fine"
    for text in (
        "I've been a total mess since you left",
        "Is he treating you well?",
        "I think we should try again",
        "I think about you every day",
        "I'm sorry about how things ended",
        "Not doing great without you tbh",
        "Met someone amazing btw, never been happier",
        "how's it going?",
    ):
        assert labels[text] not in {"fine", "crisis"}, text


@pytest.mark.parametrize("part", ["whole", *PARTS])
def test_the_checker_meets_its_bar(part: str) -> None:
    drafts = WHOLE if part == "whole" else PART_DRAFTS[part]
    figures = measure(drafts)
    print()
    for name, shown in (*PART_DRAFTS.items(), ("whole", WHOLE)):
        print(measure(shown).line(name))
    for draft in figures.missed:
        print(f"    wrong ({draft.label}): {draft.text}")
    assert figures.recall >= MIN_RECALL, figures.line(part)
    assert figures.false_alarm_rate <= MAX_FALSE_ALARMS, figures.line(part)
    assert figures.crisis_caught == figures.crisis, figures.line(part)
