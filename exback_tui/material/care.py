"""Care content: the crisis patterns and low check-in rule (`care.toml`), the support
and keeping-safe pages, and the help lines by country (`support.toml`).
"""

from __future__ import annotations

from pathlib import Path

from exback_tui.domain.material import Care, CountryHelp, HelpLine, Page
from exback_tui.material.errors import ContentError
from exback_tui.material.reading import TEXTS, array, fields, read_text, read_toml, tables
from exback_tui.material.rules import check_pattern

_COUNTRY_CODE_LENGTH = 2


def load_care(folder: Path) -> Care:
    """The crisis patterns and the low check-in rule, checked."""
    name = "care.toml"
    kinds = {"crisis_patterns": TEXTS, "low_mood": int, "low_days": int, "low_window": int}
    entry = fields(name, read_toml(folder, name), kinds)
    for pattern in entry["crisis_patterns"]:
        check_pattern(f"{name}: crisis_patterns", pattern)
    if not 1 <= entry["low_mood"] <= 5:  # noqa: PLR2004 - the check-in's mood scale
        raise ContentError(f"{name}: low_mood must be a mood from 1 to 5")
    if not 1 <= entry["low_days"] <= entry["low_window"]:
        raise ContentError(f"{name}: low_days must be from 1 to low_window")
    return Care(
        tuple(entry["crisis_patterns"]), entry["low_mood"], entry["low_days"], entry["low_window"]
    )


def load_page(folder: Path, name: str, page_id: str) -> Page:
    """A Markdown page whose first line is `# Title`."""
    text = read_text(folder, name).strip()
    first, _, body = text.partition("\n")
    if not first.startswith("# ") or not body.strip():
        raise ContentError(f"{name}: must start with '# Title' and have a body")
    return Page(page_id, first[2:].strip(), body.strip())


def load_help_lines(folder: Path) -> tuple[CountryHelp, ...]:
    """The help lines by country, in file order; each country has its emergency number."""
    name = "support.toml"
    countries = []
    seen: set[str] = set()
    for n, entry in enumerate(array(name, read_toml(folder, name), "country"), start=1):
        where = f"{name}: [[country]] #{n}"
        entry = fields(
            where,
            entry,
            {"code": str, "name": str, "emergency": str},
            {"line": (list, []), "covers": (TEXTS, [])},
        )
        for code in (entry["code"], *entry["covers"]):
            if len(code) != _COUNTRY_CODE_LENGTH or not code.isupper() or code in seen:
                raise ContentError(f"{where}: code {code!r} must be a new two-letter code (GB)")
            seen.add(code)
        lines = []
        if entry["line"]:
            for m, line in enumerate(tables(where, entry["line"], "[[country.line]]"), start=1):
                line = fields(f"{where} line #{m}", line, {"name": str, "number": str, "note": str})
                lines.append(HelpLine(line["name"], line["number"], line["note"]))
        countries.append(
            CountryHelp(
                entry["code"],
                entry["name"],
                entry["emergency"],
                tuple(lines),
                tuple(entry["covers"]),
            )
        )
    return tuple(countries)
