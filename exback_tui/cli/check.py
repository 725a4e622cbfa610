"""`exback check [TEXT | -] [--json]`: the message checker from the shell.

Exit 0 when nothing is flagged, 1 when a rule is broken or the draft sounds
like a crisis (then the answer is support, before any rule), 2 on bad input.
Never imports Textual, and never opens the data folder.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

from exback_tui.cli.common import text_arg
from exback_tui.cli.errors import OK, UsageError
from exback_tui.exit_codes import FOUND

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

MAX_DRAFT_BYTES = 64 * 1024  # a first message; anything longer is not one


def run_check(args: argparse.Namespace, data_dir: Path) -> int:
    """Check the draft given as TEXT (or on standard input) and print what was found."""
    from exback_tui.domain.care import country_from_locale
    from exback_tui.domain.checker import check_draft
    from exback_tui.domain.support import first_paragraph, help_lines
    from exback_tui.domain.text import printable
    from exback_tui.material import shipped_material

    if args.text is None and sys.stdin is not None and sys.stdin.isatty():
        raise UsageError(
            "give the message as TEXT, or pipe it in with - (see: exback check --help)"
        )
    text = _stdin_text() if args.text in (None, "-") else text_arg(args.text, "TEXT")
    if not text.strip():
        raise UsageError("the message is empty: give it as TEXT, or on standard input with -")
    material = shipped_material()
    result = check_draft(material.rules, material.care.crisis_patterns, text)
    if args.json:
        findings = [
            {"rule": f.rule.id, "title": f.rule.title, "match": f.match} for f in result.findings
        ]
        print(json.dumps({"crisis": result.crisis is not None, "findings": findings}))
        return FOUND if result.flagged else OK
    if result.crisis is not None:
        words = material.text["support"]
        country = country_from_locale(
            os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"), os.environ.get("LANG")
        )
        print(words["draft_crisis"])
        print()
        print(first_paragraph(material.support_page.body))
        print()
        print(words["lines_title"])
        for line in help_lines(material.help_lines, country, words):
            print(f"  {line}")
        print(words["elsewhere"])
        print()
        print(words["cli_crisis_key"])
        return FOUND
    steps = material.text["steps"]
    if not result.findings:
        print(steps["checker_clean"])
        return OK
    count = len(result.findings)
    print(
        steps["checker_found_one"]
        if count == 1
        else steps["checker_found_many"].format(count=count)
    )
    for finding in result.findings:
        print(f"\n✗ {finding.rule.title}: “{printable(finding.match)}”")
        print(f"  {finding.rule.why}")
    return FOUND


def _stdin_text() -> str:
    """The draft on standard input, which must be UTF-8."""
    raw = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1) if sys.stdin is not None else b""
    if len(raw) > MAX_DRAFT_BYTES:
        raise UsageError(
            f"a first message of more than {MAX_DRAFT_BYTES // 1024} KB is not one to check"
        )
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the text on standard input is not valid UTF-8 (byte {error.start})"
        ) from None
