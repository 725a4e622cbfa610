"""`exback settings`: show the settings, or change them, checked as onboarding checks them.

Every option is read before anything is opened; the plan's changes are then
checked together and saved in one write (or none is), then the topics and
the theme in the program file.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from exback_tui.cli.common import date_arg, open_for_write, require_started, service, text_arg
from exback_tui.cli.errors import OK

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from exback_tui.domain.plan import NoContactPlan
    from exback_tui.domain.progress import ProgramState

CHANGES = ("target", "breakup", "start", "topics", "theme", "review_day")


def settings(args: argparse.Namespace, data_dir: Path) -> int:
    """Show the settings (as text or JSON), or make the changes the options ask for."""
    from exback_tui.domain.settings import parse_weekday, theme_name

    today = date.today()
    require_started(data_dir, today)
    asked = [name for name in CHANGES if getattr(args, name) is not None]
    if not asked:
        return show(data_dir, today, as_json=args.json)
    # Read every option before opening anything: a refused one changes nothing.
    breakup: date | None = None
    if args.breakup is not None and args.breakup.strip().lower() != "none":
        breakup = date_arg(args.breakup, today, "--breakup")
    start = None if args.start is None else date_arg(args.start, today, "--start")
    theme = None if args.theme is None else theme_name(args.theme)
    weekday: int | None = None
    if args.review_day is not None and args.review_day.strip().lower() != "default":
        weekday = parse_weekday(args.review_day)
    topics = None
    if args.topics is not None:
        topics = [t.strip() for t in text_arg(args.topics, "--topics").split(",") if t.strip()]
    from exback_tui.service import KEEP

    with open_for_write(data_dir) as opened:
        # The plan's changes in one write, checked together; then the program file's.
        opened.change_plan_settings(
            today,
            target_days=args.target,
            breakup=KEEP if args.breakup is None else breakup,
            start=start,
            review_weekday=KEEP if args.review_day is None else weekday,
        )
        if topics is not None:
            opened.set_allowed_topics(topics)
        if theme is not None:
            opened.set_theme(theme)
    print("Settings saved.")
    return show(data_dir, today, as_json=args.json)


def show(data_dir: Path, today: date, *, as_json: bool) -> int:
    """Print the settings."""
    from exback_tui.domain.text import printable

    reader = service(data_dir)
    plan = reader.read_status(today).plan
    assert plan is not None
    program = reader.read_program()
    figures = settings_json(plan, program)
    if as_json:
        print(json.dumps(figures, indent=2, ensure_ascii=True))
        return OK
    topics = ", ".join(printable(t) for t in program.allowed_topics) or "none"
    review = str(figures["review_day"]).capitalize()
    default = " (the default)" if plan.review_weekday is None else ""
    print(f"Target:            {plan.target_days} days")
    print(f"Breakup date:      {figures['breakup_date'] or 'not given'}")
    print(f"Current start:     {plan.current.start.isoformat()}")
    print(f"Allowed topics:    {topics}")
    print(f"Theme:             {figures['theme']}")
    print(f"Weekly review:     {review}{default}")
    return OK


def settings_json(plan: NoContactPlan, program: ProgramState) -> dict[str, object]:
    """The settings as `exback settings --json` prints them."""
    from exback_tui.domain.settings import WEEKDAYS, theme_label

    return {
        "target_days": plan.target_days,
        "breakup_date": None if plan.breakup_date is None else plan.breakup_date.isoformat(),
        "start": plan.current.start.isoformat(),
        "allowed_topics": list(program.allowed_topics),
        "theme": theme_label(program.theme),
        "review_day": WEEKDAYS[plan.weekly_review_weekday],
        "review_day_chosen": plan.review_weekday is not None,
    }
