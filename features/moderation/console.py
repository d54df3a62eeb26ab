"""The live moderation console: stage and screen controls, the three lists, the polls
(features/moderation/poll_panel.py), and for organisers the blocked words and the log.

Every button calls one function of features.moderation.service with the account signed in *now* (read
from the session again, so an expired session stops at once). Other moderators' decisions
arrive through the bus, as followers of components.live: the lists follow
components.contribution_feed, the controls follow EVENT_SETTINGS and AGENDA_NOW (the event read
once per signal for every console), the log follows every kind that writes an entry (read once
per signal), so two moderators see each other's clicks immediately.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from components import contribution_feed
from components.audience import AudienceLine
from components.i18n import local_time, t
from components.live import SKIP, Followers
from components.programme_feed import read_programme
from components.queue_badge import QueueBadge, age_texts
from components.staff_gate import as_staff, current_staff
from components.text import Text, heading
from core.bus import AGENDA_CHANGED, AGENDA_NOW, CONTRIBUTION, CONTRIBUTIONS_PURGED, EVENT_SETTINGS, Signal
from core.clock import utcnow
from features.agenda.service import Programme, running_item_id
from features.moderation import service as moderation
from features.moderation.audit import LogNames, log_names, newest_entries
from features.moderation.filters import set_blocked_words, words_of
from features.moderation.log_words import detail_in_words
from features.moderation.moderation_list import ModerationList, Variant
from features.moderation.overview import ListQuery, list_filtered
from features.moderation.overview_panel import ActivityChart, ListControls, ListCounts
from features.moderation.poll_panel import PollPanel
from features.moderation.screen_panel import ScreenPanel
from features.moderation.undo_notice import UndoNotices
from features.results.service import gallery
from models.event import Event, ModerationMode, ScreenMode
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount
from settings import get_settings

LIST_SIZE = 100
LOG_SIZE = 100


class ModerationConsole:
    def __init__(self, programme: Programme, staff: StaffAccount) -> None:
        self.programme = programme
        self.event: Event = programme.event
        self.event_id = programme.event.id
        self.staff = staff
        self.client = ui.context.client  # the followers (bus signals) need this tab's context
        self.running: int | None = running_item_id(programme, utcnow())
        self.lists: dict[str, ModerationList] = {}
        self.log_table: ui.table | None = None
        self.query = ListQuery()  # the moderator's sort and filters, for all three lists
        self._queries = 0  # numbered as they start: only the newest one shows its read
        self._stage_lock = asyncio.Lock()
        self._showing_now = False
        # Reloads of the event, numbered as they start (see _reload_event), and whether one is
        # showing what it read: the toggles' on_change must not take that for a moderator's choice.
        self._showing_event = False

    # --- layout --------------------------------------------------------------------------------
    async def build(self) -> None:
        with ui.element("section").props('aria-labelledby=controls-heading').classes(
            "block bg-white rounded shadow-sm p-4 space-y-4"
        ):
            heading(t("moderation.now"), 2).props("id=controls-heading")
            AudienceLine(self.event_id).mark("audience")
            (await QueueBadge.of_event(self.event_id)).mark("queue-badge")
            self._stage_controls()
            with ui.row().classes("gap-8 flex-wrap items-end"):
                self.mode_toggle = ui.toggle(
                    {mode.value: t(f"moderation.mode.{mode.value}") for mode in ModerationMode},
                    value=self.event.moderation_mode.value,
                    on_change=lambda e: None if self._showing_event else self.set_mode(e.value),
                ).props(f'no-caps toggle-color=blue-10 aria-label="{t("moderation.mode")}"').mark("moderation-mode")
                self.screen_toggle = ui.toggle(
                    {mode.value: t(f"moderation.screen.{mode.value}") for mode in ScreenMode},
                    value=self.event.screen_mode.value,
                    on_change=lambda e: None if self._showing_event else self.set_screen(e.value),
                ).props(f'no-caps toggle-color=blue-10 aria-label="{t("moderation.screen")}"').mark("screen-mode")
        await ScreenPanel(self.event_id).build()  # what the hall sees now, and the curated screen
        self.counts = ListCounts(self.event_id)
        ListControls(self.programme.items, self.apply)
        # Side by side, never in tabs: Quasar renders only the open tab, and a list that is not
        # rendered would miss the live updates sent to it meanwhile.
        with ui.element("div").classes("grid gap-6 lg:grid-cols-2 items-start w-full"):
            for variant in ("queue", "published"):
                with ui.element("section").props(f"aria-labelledby={variant}-heading").classes("block space-y-2"):
                    with ui.row().classes("items-baseline gap-3"):
                        heading(t(f"moderation.{variant}"), 2).props(f"id={variant}-heading")
                        self.counts.badge(variant)
                    await self._list(variant)  # type: ignore[arg-type]
        with ui.element("details").classes("w-full").mark("off-wall"):
            with Text("summary", "").classes("text-xl font-semibold cursor-pointer"):
                ui.label(t("moderation.off_wall")).classes("inline")
                self.counts.badge("off").classes("inline ml-2")
            await self._list("off")
        self.counts.start()
        self.activity = ActivityChart(self.event_id)  # posts per minute; who is connected: the line above
        self.activity.start()  # its first read does not hold up the page
        await PollPanel(self.event_id, self.programme.items, self.running).build()
        if self.staff.may(Role.ORGANISER):
            self._filters()
            await self._log()
        self.undo = UndoNotices(self.call)
        _controls.add(self.event_id, self)

    def _stage_controls(self) -> None:
        options = self._now_options()
        self.now_label = ui.label().classes("text-lg font-semibold").mark("now-label")
        with ui.row().classes("gap-2 items-end flex-wrap"):
            ui.button(t("moderation.now_previous"), on_click=lambda: self.step(-1)).props(
                "no-caps outline color=blue-10"
            ).mark("now-previous")
            ui.button(t("moderation.now_next"), on_click=lambda: self.step(1)).props(
                "no-caps outline color=blue-10"
            ).mark("now-next")
            self.now_select = ui.select(
                options, value=self.running, label=t("moderation.now_pick"),
                on_change=lambda e: None if self._showing_now else self.pick(e.value),
            ).classes("min-w-72").mark("now-pick")
            ui.button(t("moderation.now_to_clock"), on_click=lambda: self.pick(None, force=True)).props(
                "no-caps flat color=blue-10"
            ).mark("now-clock")
        self._show_now()

    def _now_options(self) -> dict[int, str]:
        return {item.id: f"{local_time(item.starts_at)} {item.title}" for item in self.programme.items}

    async def _page(self, variant: Variant, beyond: int | None = None) -> tuple[list[dict[str, Any]], bool]:
        """One page of a list (one more than shown is read, to know whether a next page exists)."""
        query = self.query
        shown = len(self.lists[variant].shown) if beyond is not None and variant in self.lists else 0
        contributions = await self.call(
            lambda staff: list_filtered(
                staff, self.event_id, moderation.STATUSES_OF[variant], query, limit=LIST_SIZE + 1,
                beyond=beyond, offset=shown,
            )
        ) or []
        views = await moderation.console_views(self.event_id, contributions[:LIST_SIZE])
        return views, len(contributions) > LIST_SIZE

    async def apply(self, query: ListQuery) -> None:
        """A moderator changed the sort or a filter: every list shows its first page anew."""
        self._queries += 1
        number = self._queries
        self.query = query
        pages = {variant: await self._page(variant) for variant in self.lists}  # type: ignore[arg-type]
        if number != self._queries:  # a newer change started meanwhile: its read shows
            return
        for variant, (views, more) in pages.items():
            self.lists[variant].show_page(query, views, more=more)

    async def _list(self, variant: Variant) -> None:
        views, more = await self._page(variant)
        labels = {
            key: t(f"moderation.{key}") for key in (
                "approve", "approve_selected", "approve_all", "select", "reject", "reason", "hide", "restore",
                "highlight", "unhighlight", "answered", "assign", "no_item", "assign_result", "no_result", "flags",
                "blocked_word", "hidden",
                "rejected", "highlighted", "empty", "more", "support_count",
            )
        }
        labels |= {
            "list": t(f"moderation.{ {'queue': 'queue', 'published': 'published', 'off': 'off_wall'}[variant] }"),
            "anonymous": t("wall.anonymous"), "hall": t("wall.hall"),
            "kind_comment": t("moderation.kind.comment"), "kind_proposal": t("moderation.kind.proposal"),
            **{key: t(f"silence.{key}") for key in ("flags_why", "flags_held", "flags_kept")},
        }
        self.lists[variant] = ModerationList(
            self.event_id, variant, views, labels=labels,
            reasons=[{"value": reason, "label": t(f"reason.{reason}")} for reason in moderation.REASONS],
            agenda_items=[{"id": item.id, "title": item.title} for item in self.programme.items],
            results=[{"id": card.id, "title": f"{card.topic} – {card.title}"} for card in await gallery(self.event_id)],
            on_act=self.act,
        ).mark(f"list-{variant}")
        if variant == "queue":
            self.lists[variant]._props["ages"] = age_texts()  # "wartet seit …" on every card
        self.lists[variant].offer_more(lambda beyond: self._page(variant, beyond), more=more)
        contribution_feed.follow(self.event_id, self.lists[variant])

    def _filters(self) -> None:
        with ui.element("section").props("aria-labelledby=filters-heading").classes(
            "block bg-white rounded shadow-sm p-4 space-y-2"
        ):
            heading(t("moderation.filters"), 2).props("id=filters-heading")
            ui.label(t("moderation.filters_hint")).classes("text-sm text-slate-700 max-w-prose")
            self.words = ui.textarea(value="\n".join(words_of(self.event))).props(
                f'outlined rows=6 aria-label="{t("moderation.filters")}"'
            ).classes("w-full max-w-xl").mark("blocked-words")
            ui.button(t("moderation.filters_save"), on_click=self.save_words).props(
                "no-caps color=blue-10"
            ).mark("blocked-words-save")

    async def _log(self) -> None:
        with ui.element("section").props("aria-labelledby=log-heading").classes("block space-y-2"):
            heading(t("moderation.log"), 2).props("id=log-heading")
            columns = [
                {"name": name, "label": t(f"moderation.log_{name}"), "field": name, "align": "left"}
                for name in ("when", "who", "what", "post", "reason", "detail")
            ]
            self.log_table = ui.table(columns=columns, rows=[], row_key="id").props(
                "flat bordered dense"
            ).classes("w-full").mark("audit-log")
        await self.refresh_log()
        _logs.add(self.event_id, self)

    # --- actions -------------------------------------------------------------------------------
    async def call(self, action: Callable[[StaffAccount], Awaitable[Any]], *, quiet: bool = False) -> Any:
        """Run one staff action as whoever is signed in now (components.staff_gate).

        `quiet` for what the tab does by itself (refreshing the log): no message, no redirect.
        """
        return await as_staff(action, here="/moderation", quiet=quiet)

    async def act(self, args: dict[str, Any]) -> None:
        """A button in one of the lists."""
        action, pk, value = args.get("action"), args.get("id"), args.get("value")
        if action == "approve_many":
            ids = [int(item) for item in value or [] if isinstance(item, int | str) and str(item).isdigit()]
            count = await self.call(lambda staff: moderation.approve_many(staff, self.event_id, ids))
            if count is not None:
                ui.notify(t("moderation.approved_many", count=count))
            return
        if not isinstance(pk, int):
            return
        calls: dict[str, Callable[[StaffAccount], Awaitable[Any]]] = {
            "approve": lambda staff: moderation.approve(staff, pk),
            "reject": lambda staff: moderation.reject(staff, pk, str(value or "")),
            "hide": lambda staff: moderation.hide(staff, pk),
            "restore": lambda staff: moderation.restore(staff, pk),
            "highlight": lambda staff: moderation.highlight(staff, self.event_id, pk if value else None),
            "answered": lambda staff: moderation.mark_answered(staff, pk, bool(value)),
            "assign": lambda staff: moderation.assign_agenda_item(
                staff, pk, int(value) if isinstance(value, int) else None
            ),
            "assign_result": lambda staff: moderation.assign_result(
                staff, pk, int(value) if isinstance(value, int) else None
            ),
        }
        if action in calls:
            done = await self.call(calls[str(action)])
            if done is not None and action in ("hide", "reject"):
                self.undo.offer(str(action), pk)  # for 10 s: "Rückgängig"

    # A press of the toggles always goes to the service: comparing with `self.event` (which
    # reloads replace) could take a press for a repeat, or a stale reload for a press.
    async def set_mode(self, value: str) -> None:
        await self.call(lambda staff: moderation.set_moderation_mode(staff, self.event_id, ModerationMode(value)))

    async def set_screen(self, value: str) -> None:
        await self.call(lambda staff: moderation.set_screen_mode(staff, self.event_id, ScreenMode(value)))

    async def step(self, direction: int) -> None:
        # One move at a time: NiceGUI runs each press as its own task, and two quick presses of
        # "next" must move two items on, not the same item twice.
        async with self._stage_lock:
            ids = [item.id for item in self.programme.items]
            if not ids:
                return
            index = ids.index(self.running) + direction if self.running in ids else 0
            await self._move_now(ids[max(0, min(index, len(ids) - 1))])

    async def pick(self, item_id: int | None, *, force: bool = False) -> None:
        async with self._stage_lock:
            if item_id == self.running and not force:
                return
            await self._move_now(item_id)

    async def _move_now(self, item_id: int | None) -> None:
        running = await self.call(lambda staff: moderation.move_now_marker(staff, self.event_id, item_id))
        if running is not None or item_id is None:
            self.event.current_agenda_item_id = item_id
            self.running = running
            self._show_now()

    async def save_words(self) -> None:
        words = await self.call(lambda staff: set_blocked_words(staff, self.event_id, self.words.value or ""))
        if words is not None:
            ui.notify(t("moderation.filters_saved", count=len(words)))

    # --- what others changed (see `_controls` and `_logs` below) ---------------------------------
    def show_state(self, event: Event, programme: Programme | None, running: int | None, signal: Signal) -> None:
        """Another tab (or the clock, or organisers) changed the settings, the stage or the programme.

        `event` is shared by every console of the process: this tab keeps its own copy, which its
        buttons change before they save."""
        self.event = copy.copy(event)
        self._showing_event = True  # showing the stored settings is no moderator's choice: no on_change
        try:
            self.mode_toggle.value = event.moderation_mode.value
            self.screen_toggle.value = event.screen_mode.value
        finally:
            self._showing_event = False
        if programme is not None:  # organisers edited it: the "now" controls offer the items as they are now
            self.programme = programme
            self.now_select.set_options(self._now_options(), value=running)
        if signal.kind == AGENDA_NOW:
            self.running = running
        self._show_now()

    def _show_now(self) -> None:
        item = self.programme.item(self.running)
        title = item.title if item is not None else t("home.nothing_on_stage")
        following_clock = self.event.current_agenda_item_id is None
        self.now_label.set_text(f"{title} ({t('moderation.now_clock')})" if following_clock else title)
        if self.now_select.value != self.running:
            # showing what is on stage is no choice of this moderator: with moves of other tabs
            # (or this one's own, heard back late) a stale value would otherwise be picked again
            self._showing_now = True
            try:
                self.now_select.value = self.running
            finally:
                self._showing_now = False

    async def refresh_log(self) -> None:
        """Read the log for this tab alone (when the page is built)."""
        if self.log_table is None or self.log_table.is_deleted:
            return
        await self.show_log(await _read_log(Signal(EVENT_SETTINGS, self.event_id), [self]))

    async def show_log(self, log: LogAnswer) -> None:
        """The log as read once for every organiser's console; each tab checks its own session
        (sessions are per browser, so that check cannot be shared)."""
        if self.log_table is None or self.log_table.is_deleted:
            return
        staff = await current_staff()
        if staff is None or not staff.may(Role.ORGANISER):
            return
        entries, names = log
        zone = get_settings().timezone
        self.log_table.rows = [
            {
                "id": entry.id,
                "when": entry.created_at.astimezone(zone).strftime("%d.%m. %H:%M:%S"),
                "who": entry.staff_name or t("moderation.log_app"),
                "what": t(f"moderation.action.{entry.action}"),
                "post": f"#{entry.contribution_id}" if entry.contribution_id else "",
                "reason": t(f"reason.{entry.reason}") if entry.reason else "",
                "detail": detail_in_words(entry, names),
            }
            for entry in entries
        ]
        self.log_table.update()


ControlsAnswer = tuple[Event, Programme | None, int | None]


async def _read_controls(signal: Signal, _consoles: list[ModerationConsole]) -> ControlsAnswer:
    """The event once per signal for every console of it, and the programme if it was edited."""
    if signal.kind == AGENDA_NOW:
        answer = await read_programme(signal)
        if answer is SKIP:
            return SKIP
        programme, running = answer
        if programme is not None:
            return programme.event, programme, running
    else:
        running = None
    event = await Event.get_or_none(id=signal.event_id)
    return SKIP if event is None else (event, None, running)


def _show_controls(console: ModerationConsole, answer: ControlsAnswer, signal: Signal) -> None:
    console.show_state(*answer, signal)


_controls: Followers[ModerationConsole, ControlsAnswer] = Followers(
    "moderation-controls", (EVENT_SETTINGS, AGENDA_NOW), _read_controls, _show_controls,
    again=lambda event_id: Signal(AGENDA_NOW, event_id, {AGENDA_CHANGED: 1}),
)


LogAnswer = tuple[list[ModerationLogEntry], LogNames]


async def _read_log(signal: Signal, _consoles: list[ModerationConsole]) -> LogAnswer:
    """The newest entries and the names their details refer to, once for every organiser's tab."""
    return await newest_entries(signal.event_id, limit=LOG_SIZE), await log_names(signal.event_id)


async def _show_log(console: ModerationConsole, log: LogAnswer, _signal: Signal) -> None:
    await console.show_log(log)


# every kind whose change writes a log entry
_logs: Followers[ModerationConsole, LogAnswer] = Followers(
    "moderation-log", (CONTRIBUTION, CONTRIBUTIONS_PURGED, EVENT_SETTINGS, AGENDA_NOW), _read_log, _show_log,
    again=lambda event_id: Signal(EVENT_SETTINGS, event_id),
)
