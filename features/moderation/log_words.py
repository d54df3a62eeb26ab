"""The moderation log in the reader's words: a log entry stores what the program knew (the mode
"pre", the screen mode "wall", programme item 3, "up"), and the console names it ("Vorab prüfen",
"Wand", "Begrüßung", "nach oben") in the language of the tab that shows it.

Details that are already words (an agenda title, a poll question, a file format) stay as stored.
"""

from __future__ import annotations

import locales
from components.i18n import current_language, localized, t
from features.answers.service import ANSWER_ACTION
from features.moderation.audit import LogNames
from features.moderation.service import WAS_HIGHLIGHTED
from models.contribution import OfficialStatus
from models.event import ModerationMode, ScreenMode, ScreenSource
from models.moderation import ModerationLogEntry

MOVES = ("up", "down")


def detail_in_words(entry: ModerationLogEntry, names: LogNames) -> str:
    """The entry's detail as the reader reads it."""
    action, detail = entry.action, entry.detail
    if action == "mode" and detail in {mode.value for mode in ModerationMode}:
        return t(f"moderation.mode.{detail}")
    if action == "screen" and detail in {mode.value for mode in ScreenMode}:
        return t(f"moderation.screen.{detail}")
    if action == "screen_source" and detail in {source.value for source in ScreenSource}:
        return t(f"screen.source.{detail}")
    if action == "screen_support" and detail in ("on", "off"):
        return t(f"moderation.log_detail_{detail}")
    if action == "pick_move" and detail.isdigit():
        return t("moderation.log_detail_place", place=detail)
    if action == ANSWER_ACTION and detail in {status.value for status in OfficialStatus}:
        return t(f"answers.status.{detail}")
    if action in ("now", "assign"):
        return _item_name(detail, names)
    if action == "assign_result":
        return _result_name(detail, names)
    if action in ("hide", "reject") and detail == WAS_HIGHLIGHTED:
        return t("moderation.log_detail_was_highlighted")
    if action == "approve" and detail == "bulk":
        return t("moderation.log_detail_bulk")
    if action.endswith("_move"):
        return _move_in_words(detail)
    if action == "event":
        return ", ".join(_event_field(name.strip()) for name in detail.split(","))
    return detail


def _item_name(detail: str, names: LogNames) -> str:
    if detail == "clock":
        return t("moderation.log_detail_clock")
    if not detail:
        return t("moderation.log_detail_none")
    item = names.items.get(int(detail)) if detail.isdigit() else None
    return localized(item, "title").text if item else t("moderation.log_detail_gone", id=detail)


def _result_name(detail: str, names: LogNames) -> str:
    if not detail:
        return t("moderation.log_detail_none")
    result = names.results.get(int(detail)) if detail.isdigit() else None
    return localized(result, "title").text if result else t("moderation.log_detail_gone", id=detail)


def _move_in_words(detail: str) -> str:
    """ "#4 up", "result #7 down": the direction in words, the rest as stored."""
    head, _, direction = detail.rpartition(" ")
    if direction not in MOVES:
        return detail
    return f"{head} {t(f'moderation.log_detail_{direction}')}".strip()


def _event_field(name: str) -> str:
    """A changed field of the event by its label in the event form, if it has one."""
    key = f"admin.event.{name}"
    return t(key) if key in locales.CATALOGUES[current_language()] else name
