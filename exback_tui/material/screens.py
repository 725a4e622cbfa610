"""The words of each screen: `content/screens/<screen>.toml`, one file per screen or dialog.

Each file is flat `key = "text"` (the help screen's key lists are `[key, text]`
pairs). The keys every screen uses are listed here, in WORDS: a file a screen
reads must have each of them and nothing else, so a missing or misspelt key
is a content error at load, never a crash on the screen. A file no screen in
WORDS reads is still checked for its shape. Placeholders are `{named}`.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from exback_tui.material.errors import ContentError
from exback_tui.material.reading import read_toml

FOLDER = "screens"
# Keys whose value is a list of [key, text] pairs rather than text.
PAIR_LISTS = frozenset({("help", "checkin_keys")})

# Every key each screen (or dialog, or shared widget's words) reads, by file name.
# fmt: off
WORDS: dict[str, tuple[str, ...]] = {
    "checkin": (
        "done", "open", "saved", "updated", "slip_kept", "past_button", "past_none", "past_title",
        "past_intro", "past_day", "past_yesterday", "past_days_ago", "past_trigger", "past_pick",
        "past_save", "past_cancel", "past_saved", "past_change_title", "past_change_intro",
        "past_change_removed", "past_change_added", "past_attempt_running", "past_attempt_ended",
        "past_attempt_restarted", "past_length_one", "past_length_many", "past_change_yes",
        "past_change_no",
    ),
    "checklist": (
        "date", "saved", "last_checked", "last_time", "moved", "unchanged",
    ),
    "commands": (
        "support", "support_help", "keeping_safe", "keeping_safe_help", "today", "today_help",
        "questions", "questions_help", "questions_1", "questions_1_help",
        "questions_2", "questions_2_help", "questions_3", "questions_3_help", "questions_4",
        "questions_4_help", "steps", "steps_help", "steps_1", "steps_1_help", "steps_2",
        "steps_2_help", "steps_3", "steps_3_help", "steps_4", "steps_4_help", "journal",
        "journal_help", "new_entry", "new_entry_help", "urge", "urge_help", "faq", "faq_help",
        "hard_dates", "hard_dates_help", "settings", "settings_help", "undo_slip", "undo_slip_help",
        "help", "help_help",
        "hide", "hide_help", "theme", "theme_help", "quit", "quit_help",
        "progress", "progress_help", "review", "review_help", "report", "report_help",
        "check_in", "check_in_help", "contacted", "contacted_help", "they_contacted",
        "they_contacted_help", "necessary", "necessary_help", "recently_deleted",
        "recently_deleted_help", "journal_edit", "journal_edit_help", "journal_delete",
        "journal_delete_help", "journal_restore", "journal_restore_help",
    ),
    "dashboard": (
        "clock_behind", "new_day", "attempt_none",
    ),
    "draft": (
        "title", "body", "preview", "open", "discard", "discarded",
    ),
    "editor": (
        "new_heading", "edit_heading", "title_placeholder", "tags_placeholder", "prompt_none",
        "paste_too_long", "text_full", "saved", "draft_failed", "discard_title", "discard_body",
        "discard_yes", "discard_no", "quit_title", "quit_body", "quit_yes", "quit_no",
        "discard_edit_title", "discard_edit_body", "discard_edit_yes",
    ),
    "faq": (
        "title", "intro", "search_label", "search_placeholder", "count_all", "count_some",
        "no_match",
    ),
    "hard_dates": (
        "title", "intro", "empty", "add_title", "name_label", "name_placeholder", "date_label",
        "date_placeholder", "added", "removed", "remove_title", "remove_body", "remove_yes",
        "remove_no", "date_empty", "date_unreadable", "date_ambiguous", "date_not_real",
        "date_with_year", "in_days", "tomorrow", "today", "warn_today", "warn_tomorrow",
        "warn_days", "warn_more",
    ),
    "help": (
        "title", "checkin_title", "checkin_keys", "settings_title", "settings_text",
        "settings_button", "closing",
    ),
    "hide": (
        "text",
    ),
    "journal": (
        "loading", "empty", "no_match", "deleted_empty", "deleted_header", "restore_note",
        "confirm_title", "confirm_body", "confirm_yes", "confirm_no", "deleted_done",
        "restored_done", "bad_range",
    ),
    "onboarding": (
        "title", "intro", "privacy",
    ),
    "progress": (
        "title", "intro", "summary", "no_plan", "timeline_title", "timeline_legend", "attempt_line",
        "attempt_trigger", "trigger_unnamed", "calendar_title", "calendar_legend", "trends_title",
        "trends_legend", "mood_row", "urge_row", "resisted_row", "entries_row", "triggers_title",
        "triggers_none", "trigger_times_one", "trigger_times_many", "report_written",
        "report_failed",
    ),
    "questions": (
        "date", "day_one", "day_many", "not_saved", "overview_title", "overview_intro",
        "summary_1", "summary_2", "summary_3", "summary_4", "progress_1", "progress_1_stop",
        "progress_2", "progress_3", "progress_4", "not_checked", "checked_on", "heading",
        "wait_no_date", "wait_one_week", "wait_two_weeks", "wait_done", "banner_stop",
        "reasons_right", "reasons_wrong", "decision_title", "decision_intro", "answer_question",
        "answer_saved", "answer_unsaved", "answer_too_long", "proscons_title", "pros", "cons",
        "pros_placeholder", "cons_placeholder", "list_empty", "remove", "safety_title",
        "safety_intro", "safety_none", "safety_stop_title", "safety_stop", "safety_keeping_safe",
        "safety_caution_title",
        "safety_caution", "safety_summary_none", "safety_summary_stop", "safety_summary_caution",
        "quiz_question", "quiz_score", "quiz_unanswered", "quiz_saved", "quiz_result",
        "quiz_changed", "quiz_earlier", "quiz_earlier_line", "quiz_no_guarantee",
        "quiz_answer_retired", "quiz_answer_gone", "steps_title",
        "step_heading", "open_step", "step1", "step1_not_started", "step2", "step2_empty", "step3",
        "step4", "step4_open", "step4_not_advised", "step4_locked", "step4_no_plan",
        "step4_days_left", "step4_missing",
    ),
    "report": (
        "title", "written_on", "private_note", "with_entries_note", "no_guarantee", "count_title",
        "count_line", "totals_line", "no_plan", "attempts_title", "attempt_line",
        "attempt_running", "attempt_slip", "attempt_restart", "trigger_label", "triggers_title",
        "triggers_none", "trigger_unnamed", "trigger_times_one", "trigger_times_many",
        "trends_title", "trends_intro", "trends_none", "week_label", "chart_mood", "chart_urge",
        "chart_resisted", "entries_title", "entries_none", "untitled", "report_written",
        "calendar_written", "ics_hard_date", "ics_hard_date_note", "ics_milestone",
        "ics_milestone_note",
    ),
    "review": (
        "title", "intro", "this_week", "last_week", "checkins", "mood_average", "urge_average",
        "urges_resisted", "slips", "entries", "no_value", "hard_dates_title", "hard_dates_none",
        "hard_date_line", "prompts_title", "prompt_1", "prompt_2", "prompt_3",
        "answer_placeholder", "saved", "skipped", "entry_title", "ready", "leave_title",
        "leave_body", "leave_yes", "leave_no",
    ),
    "slip": (
        "title", "body", "trigger_prompt", "undo_title", "undo_body", "undo_yes", "undo_no",
        "undo_done", "undo_none",
    ),
    "steps": (
        "header_overview", "header_step", "overview_intro", "progress_1", "progress_1_goal",
        "progress_2", "progress_2_empty", "progress_3", "progress_4_open", "progress_4_locked",
        "progress_4_stop", "missing_days_one", "missing_days_many", "missing_items_one",
        "missing_items_many", "missing_no_plan", "missing_join", "log_title", "log_intro",
        "contacted_button", "they_button", "slip_saved", "slip_cancelled", "undo_button",
        "slip_again_title", "slip_again_body", "slip_again_prompt", "slip_again_saved",
        "slip_already",
        "they_saved_not_engaged", "they_saved_engaged", "they_saved_slip", "necessary_title",
        "necessary_intro", "topic_prompt", "necessary_note_placeholder", "necessary_button",
        "necessary_no_topic", "necessary_no_topics", "necessary_saved", "topics_label",
        "topics_placeholder", "topics_saved", "topics_cleared", "recent_title", "recent_none",
        "recent_they_not_engaged", "recent_they_engaged", "recent_necessary", "runin_title",
        "runin_text", "they_title", "they_body", "they_note_prompt", "they_reply_label",
        "space_reply", "copy_button", "copied", "they_not_engaged_button", "they_engaged_button",
        "cancel_button", "engaged_slip_title", "engaged_slip_body", "engaged_slip_prompt",
        "plan_title", "plan_intro", "plan_add_placeholder", "reframe_title", "reframe_intro",
        "reframe_thought_placeholder", "reframe_kinder_placeholder", "reframe_button",
        "reframe_need_thought", "reframe_need_kinder", "reframe_saved", "reframe_none",
        "reframe_was", "reframe_now", "gate_title", "gate_open", "gate_items_one",
        "gate_items_many", "gate_items_none", "locked_title", "locked_intro", "locked_days_one",
        "locked_days_many", "locked_days_met", "locked_no_plan", "locked_missing", "locked_ready",
        "locked_outro", "stop_title", "stop_text", "stages_title", "stages_intro", "stage_done_on",
        "stage_dos", "stage_donts", "stage_out_of_order", "checker_title", "checker_intro",
        "checker_empty", "checker_clean", "checker_found_one", "checker_found_many", "notes_title",
        "notes_intro",
    ),
    "settings": (
        "title", "intro", "target_label", "target_hint", "breakup_label", "breakup_hint",
        "start_label", "start_hint", "topics_label", "topics_hint", "theme_label", "theme_dark",
        "theme_light", "review_label", "review_default", "target_number", "saved", "unchanged",
        "save_button",
    ),
    "support": (
        "title", "lines_title", "lines_country", "emergency", "elsewhere", "back", "draft_crisis",
        "draft_crisis_key", "cli_crisis_key", "answer_offer", "low_run",
    ),
    "urge": (
        "title", "intro", "placeholder", "reasons_title", "reasons_right", "reasons_wrong",
        "reasons_answers", "reasons_none", "resisted_none", "resisted_one", "resisted_many",
        "kept", "kept_one", "too_long", "return_title", "return_body", "return_let_go",
        "return_sent", "return_not_now", "let_go_done", "sent_done", "draft_back",
    ),
}
# fmt: on

_FORMATTER = string.Formatter()


def load_screen(folder: Path, screen: str) -> dict[str, Any]:
    """`screens/<screen>.toml`, checked: non-empty text, sound {fields}, the keys in WORDS."""
    name = f"{FOLDER}/{screen}.toml"
    data = read_toml(folder, name)
    for key, value in data.items():
        if (screen, key) in PAIR_LISTS:
            _check_pairs(name, key, value)
            continue
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{name}: {key!r} must be non-empty text")
        _check_placeholders(name, key, value)
    expected = WORDS.get(screen)
    if expected is not None:
        missing = [key for key in expected if key not in data]
        if missing:
            raise ContentError(f"{name}: missing {missing} (the {screen} screen shows them)")
        unknown = sorted(set(data) - set(expected))
        if unknown:
            raise ContentError(f"{name}: unknown keys {unknown}: no screen shows them")
    return data


def screen_names(folder: Path) -> list[str]:
    """The screens that have words in `folder` (a content folder)."""
    where = folder / FOLDER
    return sorted(path.stem for path in where.glob("*.toml")) if where.is_dir() else []


def _check_pairs(name: str, key: str, value: object) -> None:
    if not isinstance(value, list) or not value or not all(map(_is_text_pair, value)):
        raise ContentError(f"{name}: {key!r} must list [key, text] pairs")


def _is_text_pair(item: object) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 2
        and all(isinstance(part, str) and part.strip() for part in item)
    )


def _check_placeholders(name: str, key: str, value: str) -> None:
    try:
        fields = [part[1] for part in _FORMATTER.parse(value) if part[1] is not None]
    except ValueError as error:
        raise ContentError(
            f"{name}: {key!r} has a broken {{placeholder}} ({error}); write '{{{{' for a brace"
        ) from None
    for field in fields:
        if not field.isidentifier():
            raise ContentError(
                f"{name}: {key!r} has the placeholder {{{field}}}; use a name like {{days}}"
            )


class ScreenWords(Mapping[str, Mapping[str, Any]]):
    """Each screen's words by screen name, each file read and checked on first use."""

    def __init__(self, folder: Path, loaded: list[str]) -> None:
        self._folder = folder
        self._loaded = loaded
        self._words: dict[str, Mapping[str, Any]] = {}

    def __getitem__(self, screen: str) -> Mapping[str, Any]:
        found = self._words.get(screen)
        if found is None:
            if not (self._folder / FOLDER / f"{screen}.toml").is_file() and screen not in WORDS:
                raise KeyError(screen)
            found = self._words[screen] = load_screen(self._folder, screen)
            self._loaded.append(f"{FOLDER}/{screen}")
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*screen_names(self._folder), *WORDS}))

    def __len__(self) -> int:
        return sum(1 for _ in self)
