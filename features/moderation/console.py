"""The live moderation console: stage and screen controls, the three lists, and for organisers
the blocked words and the log.

Every button calls one function of features.moderation.service with the account signed in *now* (read
from the session again, so an expired session stops at once). Other moderators' decisions
arrive through the bus: the lists follow components.contribution_feed, the controls follow
EVENT_SETTINGS and AGENDA_NOW, so two moderators see each other's clicks immediately.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import background_tasks, ui

from components import contribution_feed
from components.i18n import local_time, t
from components.live import on_live, tab_is_open
from components.programme_feed import on_programme_change
from components.staff_gate import as_staff
from components.text import Text, heading
from core.bus import AGENDA_NOW, CONTRIBUTION, CONTRIBUTIONS_PURGED, EVENT_SETTINGS, Signal
from features.agenda.service import Programme, running_item_id, utcnow
from features.moderation import service as moderation
from features.moderation.audit import recent_entries
from features.moderation.filters import set_blocked_words, words_of
from features.moderation.moderation_list import ModerationList, Variant
from features.results.service import gallery
from models.event import Event, ModerationMode, ScreenMode
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
        self.client = ui.context.client  # background tasks (bus events) need this tab's context
        self.running: int | None = running_item_id(programme, utcnow())
        self.lists: dict[str, ModerationList] = {}
        self.log_table: ui.table | None = None
        self._log_refresh_pending = False
        self._stage_lock = asyncio.Lock()
        self._showing_now = False
        # Reloads of the event, numbered as they start (see _reload_event), and whether one is
        # showing what it read: the toggles' on_change must not take that for a moderator's choice.
        self._reloads_started = 0
        self._reload_shown = 0
        self._showing_event = False

    # --- layout --------------------------------------------------------------------------------
    async def build(self) -> None:
        with ui.element("section").props('aria-labelledby=controls-heading').classes(
            "block bg-white rounded shadow-sm p-4 space-y-4"
        ):
            heading(t("moderation.now"), 2).props("id=controls-heading")
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
        # Side by side, never in tabs: Quasar renders only the open tab, and a list that is not
        # rendered would miss the live updates sent to it meanwhile.
        with ui.element("div").classes("grid gap-6 lg:grid-cols-2 items-start w-full"):
            for variant in ("queue", "published"):
                with ui.element("section").props(f"aria-labelledby={variant}-heading").classes("block space-y-2"):
                    heading(t(f"moderation.{variant}"), 2).props(f"id={variant}-heading")
                    await self._list(variant)  # type: ignore[arg-type]
        with ui.element("details").classes("w-full").mark("off-wall"):
            Text("summary", t("moderation.off_wall")).classes("text-xl font-semibold cursor-pointer")
            await self._list("off")
        if self.staff.may(Role.ORGANISER):
            self._filters()
            await self._log()
        on_live(EVENT_SETTINGS, self.event_id, self._on_settings)
        on_live(AGENDA_NOW, self.event_id, self._on_now)
        on_programme_change(self.event_id, self._new_programme)

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
        contributions = await self.call(
            lambda staff: moderation.list_for_console(
                staff, self.event_id, moderation.STATUSES_OF[variant], limit=LIST_SIZE + 1, beyond=beyond
            )
        ) or []
        views = await moderation.console_views(self.event_id, contributions[:LIST_SIZE])
        return views, len(contributions) > LIST_SIZE

    async def _list(self, variant: Variant) -> None:
        views, more = await self._page(variant)
        labels = {
            key: t(f"moderation.{key}") for key in (
                "approve", "approve_selected", "approve_all", "select", "reject", "reason", "hide", "restore",
                "highlight", "unhighlight", "answered", "assign", "no_item", "assign_result", "no_result", "reports",
                "blocked_word", "hidden",
                "rejected", "highlighted", "empty", "more",
            )
        }
        labels |= {
            "list": t(f"moderation.{ {'queue': 'queue', 'published': 'published', 'off': 'off_wall'}[variant] }"),
            "anonymous": t("wall.anonymous"), "hall": t("wall.hall"),
            "kind_comment": t("moderation.kind.comment"), "kind_proposal": t("moderation.kind.proposal"),
        }
        self.lists[variant] = ModerationList(
            self.event_id, variant, views, labels=labels,
            reasons=[{"value": reason, "label": t(f"reason.{reason}")} for reason in moderation.REASONS],
            agenda_items=[{"id": item.id, "title": item.title} for item in self.programme.items],
            results=[{"id": card.id, "title": f"{card.topic} – {card.title}"} for card in await gallery(self.event_id)],
            on_act=self.act,
        ).mark(f"list-{variant}")
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
        on_live(CONTRIBUTION, self.event_id, self._log_soon)
        on_live(CONTRIBUTIONS_PURGED, self.event_id, self._log_soon)

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
            await self.call(calls[str(action)])

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
            self.event.current_agenda_item_id = item_id  # type: ignore[attr-defined]
            self.running = running
            self._show_now()

    async def save_words(self) -> None:
        words = await self.call(lambda staff: set_blocked_words(staff, self.event_id, self.words.value or ""))
        if words is not None:
            ui.notify(t("moderation.filters_saved", count=len(words)))

    # --- what others changed -------------------------------------------------------------------
    def _on_settings(self, _event: Signal) -> None:
        background_tasks.create(self._reload_event(), name="moderation-console-settings")

    def _new_programme(self, programme: Programme, running_id: int | None) -> None:
        """Organisers edited the programme: the "now" controls offer the items as they are now."""
        self.programme = programme
        self.running = running_id
        self.now_select.set_options(self._now_options(), value=running_id)
        self._show_now()

    def _on_now(self, event: Signal) -> None:
        self.running = event.ids.get("item_id")
        background_tasks.create(self._reload_event(), name="moderation-console-now")

    async def _reload_event(self) -> None:
        """Show the event as the database has it now.

        Reads of two bus signals may finish in any order; one that started later saw at least as
        much, so an older read that comes back after it is dropped instead of putting the console
        back on a mode the event no longer has. Setting the toggles is no moderator's choice, so
        their on_change is held off meanwhile.
        """
        if not tab_is_open(self.client):
            return
        self._reloads_started += 1
        number = self._reloads_started
        event = await Event.get_or_none(id=self.event_id)
        if event is None or number < self._reload_shown:
            return
        self._reload_shown = number
        with self.client:
            self.event = event
            self._showing_event = True
            try:
                self.mode_toggle.value = event.moderation_mode.value
                self.screen_toggle.value = event.screen_mode.value
            finally:
                self._showing_event = False
            self._show_now()
            await self.refresh_log()

    def _show_now(self) -> None:
        item = self.programme.item(self.running)
        title = item.title if item is not None else t("home.nothing_on_stage")
        following_clock = self.event.current_agenda_item_id is None  # type: ignore[attr-defined]
        self.now_label.set_text(f"{title} ({t('moderation.now_clock')})" if following_clock else title)
        if self.now_select.value != self.running:
            # showing what is on stage is no choice of this moderator: with moves of other tabs
            # (or this one's own, heard back late) a stale value would otherwise be picked again
            self._showing_now = True
            try:
                self.now_select.value = self.running
            finally:
                self._showing_now = False

    def _log_soon(self, _event: Signal) -> None:
        if not self._log_refresh_pending:
            self._log_refresh_pending = True
            background_tasks.create(self._refresh_log_in_tab(), name="moderation-console-log")

    async def _refresh_log_in_tab(self) -> None:
        if tab_is_open(self.client):
            with self.client:
                await self.refresh_log()

    async def refresh_log(self) -> None:
        self._log_refresh_pending = False
        if self.log_table is None or self.log_table.is_deleted:
            return
        entries = await self.call(lambda staff: recent_entries(staff, self.event_id, limit=LOG_SIZE), quiet=True)
        if entries is None:
            return
        zone = get_settings().timezone
        self.log_table.rows = [
            {
                "id": entry.id,
                "when": entry.created_at.astimezone(zone).strftime("%d.%m. %H:%M:%S"),
                "who": entry.staff_name or t("moderation.log_app"),
                "what": t(f"moderation.action.{entry.action}"),
                "post": f"#{entry.contribution_id}" if entry.contribution_id else "",  # type: ignore[attr-defined]
                "reason": t(f"reason.{entry.reason}") if entry.reason else "",
                "detail": entry.detail,
            }
            for entry in entries
        ]
        self.log_table.update()
