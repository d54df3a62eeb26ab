"""One list of the moderation console, kept in the browser and following the bus.

A follower of components.contribution_feed like the wall's list. Moderators are few, so each
console tab may read the post again when it hears of a change: it then shows the current state
with the notes only moderators see (flags, a blocked word, the reason of a rejection).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Literal

from nicegui import background_tasks, ui

from components.live import tab_is_open
from components.shared_css import share_css
from features.contributions.service import get_contribution
from features.moderation.overview import ListQuery, matches
from features.moderation.service import STATUSES_OF, console_views
from models.contribution import Contribution, Kind, Status

Variant = Literal["queue", "published", "off"]

CONSOLE_CSS = """
.sg-mod-btn { border: 1px solid #1e3a8a; color: #1e3a8a; background: #fff; border-radius: 4px; padding: 2px 10px; }
.sg-mod-btn[aria-pressed="true"], .sg-mod-primary { background: #1e3a8a; color: #fff; }
.sg-mod-btn:disabled, .sg-mod-btn[aria-disabled="true"] { opacity: .5; }
.sg-mod-danger { border-color: #991b1b; color: #991b1b; }
.sg-mod-btn:focus-visible, .sg-mod-select:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.sg-mod-select { border: 1px solid #64748b; border-radius: 4px; padding: 2px 4px; background: #fff; }
.sg-mod-warn { color: #92400e; font-weight: 600; }
.sg-mod-flag { color: #1e3a8a; font-weight: 600; }
"""

ActHandler = Callable[[dict[str, Any]], Awaitable[None]]
# Reads the page after the given id: the views and whether there are more still.
PageLoader = Callable[[int], Awaitable[tuple[list[dict[str, Any]], bool]]]


class ModerationList(ui.element, component="moderation_list.js"):
    # every kind: comments and proposals on results are moderated here too
    kinds = frozenset(kind.value for kind in Kind)

    def __init__(
        self,
        event_id: int,
        variant: Variant,
        views: list[dict[str, Any]],
        *,
        labels: dict[str, str],
        reasons: list[dict[str, str]],
        agenda_items: list[dict[str, Any]],
        results: list[dict[str, Any]],
        on_act: ActHandler,
    ) -> None:
        super().__init__()
        share_css("moderation-list", CONSOLE_CSS)
        self.event_id = event_id
        self.variant = variant
        self.statuses: tuple[Status, ...] = STATUSES_OF[variant]
        self.shown: dict[int, dict[str, Any]] = {view["id"]: view for view in views}
        self._props.update(
            items=views, variant=variant, labels=labels, reasons=reasons, agendaItems=agenda_items, results=results
        )
        self._props["sort"] = "newest"  # features.moderation.overview.SORTS
        self.on("act", lambda event: on_act(event.args if isinstance(event.args, dict) else {}))
        self.load_page: PageLoader | None = None
        # the moderator's sort and filters (features.moderation.overview): a live post shows only if it matches
        self.query = ListQuery()

    def wants(self, contribution: Contribution) -> bool:
        return contribution.status in self.statuses and matches(contribution, self.query)

    def show_page(self, query: ListQuery, views: list[dict[str, Any]], *, more: bool) -> None:
        """The first page under a new sort or filter replaces what the list showed."""
        self.query = query
        self.shown = {view["id"]: view for view in views}
        self._props["items"] = views
        self._props["sort"] = query.sort
        self._props["more"] = more
        self.run_method("replace", views)
        self.update()

    def offer_more(self, load_page: PageLoader, *, more: bool) -> None:
        """Show "load more" while the server holds more than this list; `load_page` reads the next page."""
        self.load_page = load_page
        self._props["more"] = more
        self.on("more", self._more)

    async def _more(self, _event: object = None) -> None:
        if self.load_page is None or not self.shown:
            return
        in_order = sorted(self.shown) if self.variant == "queue" else sorted(self.shown, reverse=True)
        views, more = await self.load_page(in_order[-1])  # the loader pages by offset under another sort
        fresh = [view for view in views if view["id"] not in self.shown]
        self.shown |= {view["id"]: view for view in fresh}
        self.run_method("append", fresh)
        self._props["more"] = more
        self.update()

    @staticmethod
    async def read_once(contribution: Contribution) -> dict[str, Any] | None:
        """The console's view of a changed post (with the moderators' notes): the same for every
        moderator, so components.contribution_feed reads it once per signal for all consoles."""
        views = await console_views(contribution.event_id, [contribution])
        return views[0] if views else None

    def receive_shared(self, contribution: Contribution, _view: dict[str, Any], shown: dict[str, Any] | None) -> None:
        """A post changed somewhere: show, update or drop it (`shown`: from `read_once`)."""
        if self.wants(contribution) and shown is not None:
            self.shown[contribution.id] = shown
            self.run_method("upsert", shown)
        elif contribution.id in self.shown:
            del self.shown[contribution.id]
            self.run_method("remove", contribution.id)

    def receive(self, contribution: Contribution, view: dict[str, Any]) -> None:
        """Without the shared read (a caller other than the feed): read it again for this list."""
        if tab_is_open(self.client) and (self.wants(contribution) or contribution.id in self.shown):
            background_tasks.create(self.refresh_one(contribution.id), name=f"moderation-list-{contribution.id}")

    def forget_all(self) -> None:
        """Every contribution of the event was deleted (organisers' purge): show none."""
        self.shown = {}
        self._props["items"] = []
        self.run_method("replace", [])

    async def refresh_one(self, contribution_id: int) -> None:
        contribution = await get_contribution(contribution_id)
        if self.is_deleted or contribution is None:
            return
        if self.wants(contribution):
            views = await console_views(self.event_id, [contribution])
            if views and not self.is_deleted:
                self.shown[contribution_id] = views[0]
                self.run_method("upsert", views[0])
        elif contribution_id in self.shown:
            del self.shown[contribution_id]
            self.run_method("remove", contribution_id)
