"""The report to share: Markdown, or one self-contained HTML file with inline SVG charts.

For a counsellor or a friend: the day count, the attempts and what ended
them, the check-ins week by week. Journal text is left out unless a tag is
named. Pure: the figures come from `domain.figures`, the words from
`content/screens/report.toml`, the HTML's look from `styles/report.css`
(read by the caller), "today" is passed in.

The HTML loads nothing: no script, no link, no image, no font, no `url(`;
the charts are SVG drawn here. Every text a person typed (triggers, tags,
titles, entries) is escaped, so `<script>` shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.figures import (
    AttemptBar,
    Review,
    Trigger,
    WeekFigures,
    attempt_bars,
    triggers_ranked,
    weekly_series,
)
from exback_tui.domain.journal import Entry
from exback_tui.domain.plan import NoContactPlan
from exback_tui.domain.progress import Urge
from exback_tui.domain.text import printable

FORMATS = ("md", "html")
_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~&\"'$=:;@^%")


class ReportData(NamedTuple):
    """What a report shows, already narrowed to its period."""

    today: date
    since: date
    plan: NoContactPlan | None
    bars: tuple[AttemptBar, ...]
    triggers: tuple[Trigger, ...]
    weeks: tuple[WeekFigures, ...]
    tag: str | None
    entries: tuple[Entry, ...]  # only the tagged ones, oldest first; empty without a tag


def report_data(
    plan: NoContactPlan | None,
    checkins: Sequence[CheckIn],
    entries: Sequence[Entry],
    urges: Sequence[Urge],
    today: date,
    since: date | None = None,
    tag: str | None = None,
) -> ReportData:
    """The report's figures from `since` (default: the first day of the history) to `today`.

    Urges resisted per week count the kept messages (`urges`), as everywhere else.
    """
    kept = [e for e in entries if e.deleted is None]
    if plan is None:
        first = checkins[0].on if checkins else today
    else:
        first = plan.attempts[0].start
        if checkins and checkins[0].on < first:
            first = checkins[0].on
    start = first if since is None else since
    bars = attempt_bars(plan, today) if plan is not None else ()
    bars = tuple(b for b in bars if b.end >= start)
    triggers = triggers_ranked(
        a for a in (plan.attempts if plan else ()) if a.end is not None and a.end >= start
    )
    weeks = weekly_series(
        start,
        today,
        [c for c in checkins if c.on >= start],
        [a for a in (plan.attempts if plan else ()) if a.end is None or a.end >= start],
        [e.day for e in kept if e.day >= start],
        urges,
    )
    tagged: tuple[Entry, ...] = ()
    if tag is not None:
        wanted = tag.casefold()
        tagged = tuple(
            sorted(
                (e for e in kept if e.day >= start and any(t.casefold() == wanted for t in e.tags)),
                key=lambda e: (e.created, e.id),
            )
        )
    return ReportData(today, start, plan, bars, triggers, weeks, tag, tagged)


def _week_cells(week: WeekFigures) -> list[str]:
    """One week's row of the weekly table, the same in Markdown and HTML."""
    return [
        week.start.isoformat(),
        str(week.checkins),
        _number(week.mood_average),
        _number(week.urge_average),
        str(week.urges_resisted),
        str(week.slips),
        str(week.entries),
    ]


def _number(value: float | None, empty: str = "-") -> str:
    return empty if value is None else f"{value:.1f}"


def _how(words: Mapping[str, Any], bar: AttemptBar) -> str:
    if bar.running:
        return str(words["attempt_running"])
    return str(words["attempt_slip"] if bar.slip else words["attempt_restart"])


def _times(words: Mapping[str, Any], times: int) -> str:
    return str(words["trigger_times_one"] if times == 1 else words["trigger_times_many"]).format(
        times=times
    )


def _summary_lines(words: Mapping[str, Any], data: ReportData) -> list[str]:
    """The count and the totals as plain sentences (no user text in them)."""
    if data.plan is None:
        return [str(words["no_plan"])]
    progress = data.plan.progress(data.today)
    return [
        str(words["count_line"]).format(
            day=progress.day_number, done=progress.days_done, target=progress.target_days
        ),
        str(words["totals_line"]).format(
            attempts=progress.attempts, longest=progress.longest_streak, total=progress.total_days
        ),
    ]


def _written_on(words: Mapping[str, Any], data: ReportData, shown_tag: str) -> str:
    """When and what the report covers; `shown_tag` is the tag already made safe to show."""
    lines = str(words["written_on"]).format(
        today=data.today.isoformat(), since=data.since.isoformat()
    )
    if data.tag is not None:
        lines += " " + str(words["with_entries_note"]).format(tag=shown_tag)
    return lines


# The weekly review ---------------------------------------------------------------------


def _value(figures: WeekFigures, field: str, empty: str) -> str:
    value = getattr(figures, field)
    if value is None:
        return empty
    return f"{value:.1f}" if isinstance(value, float) else str(value)


WEEK_FIELDS = (
    "checkins",
    "mood_average",
    "urge_average",
    "urges_resisted",
    "slips",
    "entries",
)


def review_lines(words: Mapping[str, Any], review: Review) -> list[str]:
    """The weekly review's figures as aligned plain lines: a row per figure, this week then
    last; then the hard dates of the coming week. `exback week` and the review screen both
    show these lines."""
    labels = [str(words[field]) for field in WEEK_FIELDS]
    this_name, last_name = str(words["this_week"]), str(words["last_week"])
    width = max(len(label) for label in [*labels, this_name, last_name]) + 1
    column = max(len(this_name), 6) + 2
    this, last = review.this_week, review.last_week
    lines = [
        f"{this_name + ':':<{width}}  {this.start.isoformat()} - {this.end.isoformat()}",
        f"{last_name + ':':<{width}}  {last.start.isoformat()} - {last.end.isoformat()}",
        "",
        f"{'':<{width}}  {this_name:<{column}}{last_name}",
    ]
    for field, label in zip(WEEK_FIELDS, labels, strict=True):
        now = _value(this, field, str(words["no_value"]))
        before = _value(last, field, str(words["no_value"]))
        lines.append(f"{label:<{width}}  {now:<{column}}{before}")
    lines += ["", str(words["hard_dates_title"]) + ":"]
    if not review.hard_dates:
        lines.append("  " + str(words["hard_dates_none"]))
    for hard, on in review.hard_dates:
        line = str(words["hard_date_line"]).format(name=printable(hard.name), on=on.isoformat())
        lines.append("  " + line)
    return lines


# Markdown ------------------------------------------------------------------------------


def md_text(text: str) -> str:
    """User text for one Markdown line: controls removed, every markup character escaped."""
    clean = printable(text).strip()
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in clean)


def markdown_report(words: Mapping[str, Any], labels: Mapping[str, Any], data: ReportData) -> str:
    """The report as Markdown, with user text escaped and journal text as literal blocks.

    `labels` are the weekly figures' names (the review's words).
    """
    w = words
    lines = [f"# {w['title']}", ""]
    lines += [
        _written_on(w, data, md_text(data.tag or "")),
        str(w["private_note"]),
        "",
        f"*{w['no_guarantee']}*",
        "",
        f"## {w['count_title']}",
        "",
        *(f"{line}  " for line in _summary_lines(w, data)),
        "",
    ]
    if data.bars:
        lines += [f"## {w['attempts_title']}", ""]
        for bar in data.bars:
            line = str(w["attempt_line"]).format(
                start=bar.start.isoformat(),
                end=bar.end.isoformat(),
                days=bar.days,
                how=_how(w, bar),
            )
            if bar.slip and bar.trigger.strip():
                line += f" ({w['trigger_label']}: {md_text(bar.trigger)})"
            lines.append(f"- {line}")
        lines.append("")
    lines += [f"## {w['triggers_title']}", ""]
    if not data.triggers:
        lines += [str(w["triggers_none"]), ""]
    else:
        for trigger in data.triggers:
            named = md_text(trigger.text) if trigger.text else str(w["trigger_unnamed"])
            lines.append(f"- {named}: {_times(w, trigger.times)}")
        lines.append("")
    lines += [f"## {w['trends_title']}", "", str(w["trends_intro"]), ""]
    if not any(week.checkins or week.entries or week.slips for week in data.weeks):
        lines += [str(w["trends_none"]), ""]
    else:
        review = labels
        header = [
            str(w["week_label"]),
            str(review["checkins"]),
            str(review["mood_average"]),
            str(review["urge_average"]),
            str(review["urges_resisted"]),
            str(review["slips"]),
            str(review["entries"]),
        ]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for week in data.weeks:
            lines.append("| " + " | ".join(_week_cells(week)) + " |")
        lines.append("")
    if data.tag is not None:
        lines += [f"## {str(w['entries_title']).format(tag=md_text(data.tag))}", ""]
        if not data.entries:
            lines += [str(w["entries_none"]), ""]
        for entry in data.entries:
            title = md_text(entry.title) or str(w["untitled"])
            lines += [f"### {entry.day.isoformat()}: {title}", ""]
            body = printable(entry.text, multiline=True)
            lines += ["    " + line for line in body.splitlines()] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# HTML and SVG --------------------------------------------------------------------------

_CHART_WIDTH = 720
_CHART_HEIGHT = 160
_PAD = 28


def _esc(text: str) -> str:
    return html.escape(printable(text), quote=True)


def _series_svg(
    title: str, values: Sequence[float | None], high: float, css_class: str, *, bars: bool = False
) -> str:
    """One chart: a line (gaps where a week had no check-in) or bars, 0 to `high`."""
    count = max(len(values), 1)
    inner_w = _CHART_WIDTH - 2 * _PAD
    inner_h = _CHART_HEIGHT - 2 * _PAD
    step = inner_w / count

    def x(i: int) -> float:
        return _PAD + step * (i + 0.5)

    def y(value: float) -> float:
        return _PAD + inner_h * (1 - (value / high if high else 0))

    parts = [
        f'<svg class="chart {css_class}" viewBox="0 0 {_CHART_WIDTH} {_CHART_HEIGHT}" '
        f'role="img" aria-label="{_esc(title)}">',
        f"<title>{_esc(title)}</title>",
        f'<line class="axis" x1="{_PAD}" y1="{_PAD + inner_h}" '
        f'x2="{_PAD + inner_w}" y2="{_PAD + inner_h}"/>',
        f'<text class="tick" x="{_PAD - 4}" y="{_PAD + 4}" text-anchor="end">{high:g}</text>',
        f'<text class="tick" x="{_PAD - 4}" y="{_PAD + inner_h + 4}" text-anchor="end">0</text>',
    ]
    if bars:
        width = max(step * 0.7, 1.0)
        for i, value in enumerate(values):
            if value:
                top = y(value)
                parts.append(
                    f'<rect class="bar" x="{x(i) - width / 2:.1f}" y="{top:.1f}" '
                    f'width="{width:.1f}" height="{_PAD + inner_h - top:.1f}"/>'
                )
    else:
        run: list[str] = []
        for i, value in enumerate([*values, None]):
            if value is None:
                if len(run) == 1:
                    cx, cy = run[0].split(",")
                    parts.append(f'<circle class="dot" cx="{cx}" cy="{cy}" r="2.5"/>')
                elif run:
                    parts.append(f'<polyline class="line" points="{" ".join(run)}"/>')
                run = []
            else:
                run.append(f"{x(i):.1f},{y(value):.1f}")
    parts.append("</svg>")
    return "".join(parts)


def _timeline_svg(words: Mapping[str, Any], data: ReportData) -> str:
    """Every attempt as a bar on one timeline, slips marked; the 21-day minimum per bar."""
    if not data.bars:
        return ""
    first = data.bars[0].start
    span = max((data.today - first).days, 1)
    height = 30
    inner_w = _CHART_WIDTH - 2 * _PAD
    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {_CHART_WIDTH} {height}" role="img" '
        f'aria-label="{_esc(str(words["attempts_title"]))}">',
        f"<title>{_esc(str(words['attempts_title']))}</title>",
    ]
    for bar in data.bars:
        left = _PAD + inner_w * (bar.start - first).days / span
        width = max(inner_w * max(bar.days, 1) / span, 1.5)
        kind = "running" if bar.running else "slip" if bar.slip else "restart"
        parts.append(
            f'<rect class="attempt {kind}" x="{left:.1f}" y="8" width="{width:.1f}" height="14">'
            f"<title>{_esc(bar.start.isoformat())}: {bar.days}"
            f"{' - ' + _esc(bar.trigger) if bar.trigger.strip() else ''}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def html_report(
    words: Mapping[str, Any], labels: Mapping[str, Any], data: ReportData, stylesheet: str
) -> str:
    """The report as one HTML document that loads nothing; `stylesheet` is inlined.

    `labels` are the weekly figures' names (the review's words).
    """
    w = words
    review = labels
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(str(w['title']))}</title>",
        f"<style>{stylesheet}</style>",
        "</head><body><main>",
        f"<h1>{_esc(str(w['title']))}</h1>",
        f"<p>{_esc(_written_on(w, data, printable(data.tag or '')))}</p>",
        f"<p>{_esc(str(w['private_note']))}</p>",
        f'<p class="note">{_esc(str(w["no_guarantee"]))}</p>',
        f"<h2>{_esc(str(w['count_title']))}</h2>",
        *(f"<p>{_esc(line)}</p>" for line in _summary_lines(w, data)),
    ]
    if data.bars:
        out.append(f"<h2>{_esc(str(w['attempts_title']))}</h2>")
        out.append(_timeline_svg(w, data))
        out.append("<ul>")
        for bar in data.bars:
            line = str(w["attempt_line"]).format(
                start=bar.start.isoformat(),
                end=bar.end.isoformat(),
                days=bar.days,
                how=_how(w, bar),
            )
            trigger = ""
            if bar.slip and bar.trigger.strip():
                label = _esc(str(w["trigger_label"]))
                trigger = f' <span class="trigger">({label}: {_esc(bar.trigger)})</span>'
            out.append(f"<li>{_esc(line)}{trigger}</li>")
        out.append("</ul>")
    out.append(f"<h2>{_esc(str(w['triggers_title']))}</h2>")
    if not data.triggers:
        out.append(f"<p>{_esc(str(w['triggers_none']))}</p>")
    else:
        out.append("<ol>")
        for ranked in data.triggers:
            named = _esc(ranked.text) if ranked.text else _esc(str(w["trigger_unnamed"]))
            out.append(f"<li>{named}: {_esc(_times(w, ranked.times))}</li>")
        out.append("</ol>")
    out.append(f"<h2>{_esc(str(w['trends_title']))}</h2>")
    out.append(f"<p>{_esc(str(w['trends_intro']))}</p>")
    if not any(week.checkins or week.entries or week.slips for week in data.weeks):
        out.append(f"<p>{_esc(str(w['trends_none']))}</p>")
    else:
        weeks = data.weeks
        out.append(f"<h3>{_esc(str(w['chart_mood']))}</h3>")
        out.append(_series_svg(str(w["chart_mood"]), [k.mood_average for k in weeks], 5, "mood"))
        out.append(f"<h3>{_esc(str(w['chart_urge']))}</h3>")
        out.append(_series_svg(str(w["chart_urge"]), [k.urge_average for k in weeks], 10, "urge"))
        out.append(f"<h3>{_esc(str(w['chart_resisted']))}</h3>")
        most = max((k.urges_resisted for k in weeks), default=0)
        out.append(
            _series_svg(
                str(w["chart_resisted"]),
                [float(k.urges_resisted) for k in weeks],
                max(most, 1),
                "resisted",
                bars=True,
            )
        )
        header = [
            w["week_label"],
            review["checkins"],
            review["mood_average"],
            review["urge_average"],
            review["urges_resisted"],
            review["slips"],
            review["entries"],
        ]
        out.append("<table><thead><tr>")
        out += [f"<th>{_esc(str(cell))}</th>" for cell in header]
        out.append("</tr></thead><tbody>")
        for week in weeks:
            out.append("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in _week_cells(week)) + "</tr>")
        out.append("</tbody></table>")
    if data.tag is not None:
        out.append(f"<h2>{_esc(str(w['entries_title']).format(tag=data.tag))}</h2>")
        if not data.entries:
            out.append(f"<p>{_esc(str(w['entries_none']))}</p>")
        for entry in data.entries:
            title = entry.title.strip() or str(w["untitled"])
            out.append(
                f'<article class="entry"><h3>{_esc(entry.day.isoformat())}: {_esc(title)}</h3>'
            )
            out.append(f"<pre>{html.escape(printable(entry.text, multiline=True))}</pre></article>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def write_report_for(
    material: Any,
    plan: NoContactPlan | None,
    checkins: Sequence[CheckIn],
    entries: Sequence[Entry],
    urges: Sequence[Urge],
    today: date,
    report_format: str = "html",
    since: date | None = None,
    tag: str | None = None,
) -> bytes:
    """The report's bytes, with the shipped words (`material`) and, for HTML, its stylesheet."""
    data = report_data(plan, checkins, entries, urges, today, since, tag)
    words, labels = material.text["report"], material.text["review"]
    if report_format == "html":
        from exback_tui.resources import styles_dir

        stylesheet = (styles_dir() / "report.css").read_text("utf-8")
        return html_report(words, labels, data, stylesheet).encode("utf-8")
    return markdown_report(words, labels, data).encode("utf-8")
