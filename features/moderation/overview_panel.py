"""The console's overview (UI): the count on each list, the sort / filter / search controls, posts
per minute as a small chart beside the same numbers as text.

The numbers come from features.moderation.overview; counts and the chart follow every change of
a post through the one follower idiom (read once per signal for every console of the event),
and the chart also moves on by itself as the minutes pass.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import background_tasks, ui

from components.i18n import local_time, localized, t
from components.live import SKIP, Followers
from components.text import Text, heading
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal
from features.moderation.overview import CHART_MINUTES, NO_ITEM, SORTS, ListQuery, Minute, list_counts, posts_per_minute
from models.event import AgendaItem

ALL = "all"
CHART_REFRESH_SECONDS = 30.0  # the window moves on even when nobody posts


# --- the count on each list ----------------------------------------------------------------------
class ListCounts:
    """The number beside each list's heading: queue, published, off the wall (unfiltered)."""

    def __init__(self, event_id: int) -> None:
        self.client = ui.context.client
        self.event_id = event_id
        self.labels: dict[str, ui.label] = {}

    def badge(self, variant: str) -> ui.label:
        """The count of one list, placed where it is called (beside the heading)."""
        label = ui.label("").classes("sg-mod-count text-lg font-semibold text-slate-800").mark(f"count-{variant}")
        self.labels[variant] = label
        return label

    def start(self) -> None:
        """Follow the counts; the first read runs beside the page, so it does not hold up the lists."""
        _counts.add(self.event_id, self)
        background_tasks.create(self._first(), name="moderation-counts-first")

    async def _first(self) -> None:
        counts = await list_counts(self.event_id)
        if self.labels and not next(iter(self.labels.values())).is_deleted:
            with self.client:
                self.show(counts)

    def show(self, counts: dict[str, int]) -> None:
        for variant, label in self.labels.items():
            count = counts.get(variant, 0)
            label.set_text(t("moderation.count", count=count))


async def _read_counts(signal: Signal, _followers: list[ListCounts]) -> dict[str, int]:
    return await list_counts(signal.event_id)


def _show_counts(follower: ListCounts, counts: dict[str, int], _signal: Signal) -> None:
    follower.show(counts)


_counts: Followers[ListCounts, dict[str, int]] = Followers(
    "moderation-counts",
    (CONTRIBUTION, CONTRIBUTIONS_PURGED),
    _read_counts,
    _show_counts,
    again=lambda event_id: Signal(CONTRIBUTIONS_PURGED, event_id),
)


# --- sort, filter, search ------------------------------------------------------------------------
class ListControls:
    """One row of controls for all three lists; every change hands the new query on."""

    def __init__(self, items: list[AgendaItem], on_change: Callable[[ListQuery], Awaitable[None]]) -> None:
        self.on_change = on_change
        with (
            ui.element("div")
            .classes("flex flex-wrap gap-4 items-end")
            .props(f'role=search aria-label="{t("moderation.overview.controls")}"')
            .mark("list-controls")
        ):
            self.sort = (
                ui.select(
                    {sort: t(f"moderation.sort.{sort}") for sort in SORTS},
                    value="newest",
                    label=t("moderation.sort"),
                    on_change=self._changed,
                )
                .classes("min-w-48")
                .mark("list-sort")
            )
            self.item = (
                ui.select(
                    {
                        ALL: t("moderation.filter.all_items"),
                        str(NO_ITEM): t("moderation.no_item"),
                        **{str(item.id): localized(item, "title").text for item in items},
                    },
                    value=ALL,
                    label=t("moderation.filter.item"),
                    on_change=self._changed,
                )
                .classes("min-w-56")
                .mark("list-item")
            )
            self.channel = (
                ui.select(
                    {
                        ALL: t("moderation.filter.all_channels"),
                        "hall": t("moderation.filter.hall"),
                        "online": t("moderation.filter.online"),
                    },
                    value=ALL,
                    label=t("moderation.filter.channel"),
                    on_change=self._changed,
                )
                .classes("min-w-40")
                .mark("list-channel")
            )
            self.search = (
                ui.input(label=t("moderation.search"), on_change=self._changed)
                .props("clearable type=search")
                .classes("min-w-56")
                .mark("list-search")
            )

    def query(self) -> ListQuery:
        return ListQuery.of(
            self.sort.value,
            None if self.item.value == ALL else self.item.value,
            None if self.channel.value == ALL else self.channel.value,
            self.search.value or "",
        )

    async def _changed(self, _event: Any = None) -> None:
        await self.on_change(self.query())


# --- posts per minute ----------------------------------------------------------------------------
class ActivityChart:
    """Posts per minute over the last ten minutes: a bar chart and the same numbers as text."""

    def __init__(self, event_id: int) -> None:
        self.client = ui.context.client
        self.event_id = event_id
        self.minutes: list[Minute] = []
        with (
            ui.element("section")
            .props("aria-labelledby=activity-heading")
            .classes("block bg-white rounded shadow-sm p-4 space-y-2")
            .mark("activity")
        ):
            heading(t("moderation.activity", minutes=CHART_MINUTES), 2).props("id=activity-heading")
            self.summary = ui.label("").classes("text-base").mark("activity-summary")
            self.chart = ui.echart(self._options([])).classes("h-40 w-full max-w-xl").props("aria-hidden=true")
            self.chart.mark("activity-chart")
            with ui.element("details"):
                Text("summary", t("moderation.activity_table")).classes("cursor-pointer")
                self.table = (
                    ui.table(
                        columns=[
                            {
                                "name": "minute",
                                "label": t("moderation.activity_minute"),
                                "field": "minute",
                                "align": "left",
                            },
                            {
                                "name": "posts",
                                "label": t("moderation.activity_posts"),
                                "field": "posts",
                                "align": "right",
                            },
                        ],
                        rows=[],
                        row_key="minute",
                    )
                    .props("flat dense bordered")
                    .mark("activity-table")
                )

    def start(self) -> None:
        _activity.add(self.event_id, self)
        background_tasks.create(self._keep_moving(), name="moderation-activity")

    async def _keep_moving(self) -> None:
        """Read now, then again every CHART_REFRESH_SECONDS while the tab is open (no ui.timer: a
        timer waits for the socket, and NiceGUI would then serve the page before the console is built)."""
        while not self.chart.is_deleted:
            await self.refresh()
            await asyncio.sleep(CHART_REFRESH_SECONDS)

    async def refresh(self) -> None:
        if self.chart.is_deleted:
            return
        minutes = await posts_per_minute(self.event_id)
        if not self.chart.is_deleted:
            with self.client:  # also from the first read's background task: the texts need the tab's language
                self.show(minutes)

    def _options(self, minutes: list[Minute]) -> dict[str, Any]:
        return {
            "animation": False,
            "grid": {"left": 8, "right": 8, "top": 8, "bottom": 8, "containLabel": True},
            "xAxis": {
                "type": "category",
                "data": [local_time(minute.starts_at) for minute in minutes],
                "axisLabel": {"color": "#334155"},
            },
            "yAxis": {"type": "value", "minInterval": 1, "axisLabel": {"color": "#334155"}},
            "series": [
                {"type": "bar", "data": [minute.posts for minute in minutes], "itemStyle": {"color": "#1e3a8a"}}
            ],
        }

    def show(self, minutes: list[Minute]) -> None:
        self.minutes = minutes
        total = sum(minute.posts for minute in minutes)
        latest = minutes[-1].posts if minutes else 0
        self.summary.set_text(t("moderation.activity_summary", count=total, minutes=len(minutes), latest=latest))
        self.chart.options.update(self._options(minutes))
        self.chart.update()
        self.table.rows = [{"minute": local_time(minute.starts_at), "posts": minute.posts} for minute in minutes]
        self.table.update()


async def _read_activity(signal: Signal, _followers: list[ActivityChart]) -> list[Minute]:
    if signal.kind == CONTRIBUTION and not signal.ids.get("contribution_id"):
        return SKIP
    return await posts_per_minute(signal.event_id)


def _show_activity(follower: ActivityChart, minutes: list[Minute], _signal: Signal) -> None:
    follower.show(minutes)


_activity: Followers[ActivityChart, list[Minute]] = Followers(
    "moderation-activity",
    (CONTRIBUTION, CONTRIBUTIONS_PURGED),
    _read_activity,
    _show_activity,
    again=lambda event_id: Signal(CONTRIBUTIONS_PURGED, event_id),
)
