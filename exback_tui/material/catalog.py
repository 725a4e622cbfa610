"""`Material`: all of the program's content from one `content/` folder, each kind loaded
(read and checked) the first time something asks for it.

The dashboard asks only for the daily words (actions, milestones) and its own
screen words, so its first paint reads no more than those files; the pages,
checklists, quizzes and rules wait for the screens that show them.
`load_material` reads and checks everything at once (tests, and anyone
editing content).
"""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exback_tui.domain.daily import Action, MilestoneText, Prompt
    from exback_tui.domain.material import (
        Care,
        Checklist,
        Concern,
        CountryHelp,
        FaqEntry,
        Page,
        PlanArea,
        Question,
        Quiz,
        Rule,
        Stage,
    )
    from exback_tui.material.screens import ScreenWords

# Every kind, in the order load_material checks them.
KINDS = (
    "actions",
    "milestones",
    "prompts",
    "text",
    "questions_pages",
    "steps_pages",
    "faq",
    "checklists",
    "quizzes",
    "rules",
    "stages",
    "decision_questions",
    "concerns",
    "plan_areas",
    "care",
    "support_page",
    "safety_page",
    "help_lines",
)


class Material:
    """The program's content in `folder`; any mistake in it raises ContentError on loading."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # What has been read so far, in order ("actions", "screens/dashboard"...).
        self.loaded: list[str] = []

    def _loading(self, kind: str) -> Path:
        self.loaded.append(kind)
        return self.folder

    def __repr__(self) -> str:
        return f"Material({str(self.folder)!r})"

    # The daily words ------------------------------------------------------------------------

    @cached_property
    def actions(self) -> tuple[Action, ...]:
        """One thing to do today, per step (content/actions.toml)."""
        from exback_tui.material.daily import load_actions

        return load_actions(self._loading("actions"))

    @cached_property
    def milestones(self) -> dict[str, MilestoneText]:
        """Milestone words by key (content/milestones.toml)."""
        from exback_tui.material.daily import load_milestones

        return load_milestones(self._loading("milestones"))

    @cached_property
    def prompts(self) -> tuple[Prompt, ...]:
        """Journal prompts, per step (content/prompts.toml)."""
        from exback_tui.material.daily import load_prompts

        return load_prompts(self._loading("prompts"))

    @cached_property
    def text(self) -> ScreenWords:
        """Each screen's words by screen name (content/screens/<name>.toml), read per screen."""
        from exback_tui.material.screens import ScreenWords

        return ScreenWords(self.folder, self.loaded)

    # Pages ------------------------------------------------------------------------------------

    @cached_property
    def questions_pages(self) -> tuple[Page, ...]:
        """Big questions 1-4, in order (content/questions/N.md)."""
        from exback_tui.material.pages import load_pages

        return load_pages(self._loading("questions_pages"), "questions")

    @cached_property
    def steps_pages(self) -> tuple[Page, ...]:
        """Steps 1-4, in order (content/steps/N.md)."""
        from exback_tui.material.pages import load_pages

        return load_pages(self._loading("steps_pages"), "steps")

    @cached_property
    def faq(self) -> tuple[FaqEntry, ...]:
        """The common questions (content/faq.md)."""
        from exback_tui.material.pages import load_faq

        return load_faq(self._loading("faq"))

    # Checklists, quizzes and rules ------------------------------------------------------------

    @cached_property
    def checklists(self) -> dict[str, Checklist]:
        """The checklists by id (content/checklists.toml)."""
        from exback_tui.material.exercises import load_checklists

        return load_checklists(self._loading("checklists"))

    @cached_property
    def quizzes(self) -> tuple[Quiz, ...]:
        """The quizzes, in order (content/quizzes.toml)."""
        from exback_tui.material.exercises import load_quizzes

        return load_quizzes(self._loading("quizzes"))

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        """The message checker's rules (content/checker.toml)."""
        from exback_tui.material.rules import load_rules

        return load_rules(self._loading("rules"))

    # The simple lists -------------------------------------------------------------------------

    @cached_property
    def stages(self) -> tuple[Stage, ...]:
        """The stages of reconnecting, in order (content/stages.toml)."""
        from exback_tui.material.lists import load_stages

        return load_stages(self._loading("stages"))

    @cached_property
    def decision_questions(self) -> tuple[Question, ...]:
        """The questions to answer before deciding (content/decision.toml)."""
        from exback_tui.material.lists import load_decision_questions

        return load_decision_questions(self._loading("decision_questions"))

    @cached_property
    def concerns(self) -> tuple[Concern, ...]:
        """The safety gate's concerns (content/safety.toml)."""
        from exback_tui.material.lists import load_concerns

        return load_concerns(self._loading("concerns"))

    @cached_property
    def plan_areas(self) -> tuple[PlanArea, ...]:
        """The areas of the personal plan (content/plan.toml)."""
        from exback_tui.material.lists import load_plan_areas

        return load_plan_areas(self._loading("plan_areas"))

    # Care ---------------------------------------------------------------------------------------

    @cached_property
    def care(self) -> Care:
        """The crisis patterns and the low check-in rule (content/care.toml)."""
        from exback_tui.material.care import load_care

        return load_care(self._loading("care"))

    @cached_property
    def support_page(self) -> Page:
        """The "I'm not OK" page (content/support.md)."""
        from exback_tui.material.care import load_page

        return load_page(self._loading("support_page"), "support.md", "support")

    @cached_property
    def safety_page(self) -> Page:
        """The "keeping yourself safe" page of the safety gate (content/keeping-safe.md)."""
        from exback_tui.material.care import load_page

        return load_page(self._loading("safety_page"), "keeping-safe.md", "keeping-safe")

    @cached_property
    def help_lines(self) -> tuple[CountryHelp, ...]:
        """Help lines and emergency numbers by country (content/support.toml)."""
        from exback_tui.material.care import load_help_lines

        return load_help_lines(self._loading("help_lines"))

    # Everything ---------------------------------------------------------------------------------

    def load_all(self) -> Material:
        """Read and check every kind now (and every screen's words); returns self."""
        for kind in KINDS:
            getattr(self, kind)
        for screen in self.text:
            self.text[screen]
        return self


def load_material(folder: Path) -> Material:
    """All of the material in `folder` (a `content/` folder), read and checked now."""
    return Material(folder).load_all()


@cache
def shipped_material() -> Material:
    """The material shipped with exback (one per process), each kind read on first use."""
    from exback_tui.resources import content_dir

    return Material(content_dir())
