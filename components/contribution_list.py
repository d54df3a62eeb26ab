"""The live list of contributions on /wall and /screen, kept in the browser.

The server holds a bounded mirror (ids and views) so it knows what this tab shows; a new or
changed contribution costs one `upsert` call per tab, never a rebuild of the list.
"""

from __future__ import annotations

import inspect
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from nicegui import background_tasks, ui
from nicegui.events import GenericEventArguments

from components.shared_css import share_css
from components.shared_js import CLIENT_JS, ITEMS_CSS
from features.moderation.audit import rejection_reasons
from models.contribution import Contribution, Status

Variant = Literal["wall", "screen"]
ORDERED_WINDOW = 2.0  # seconds after a replace/append during which this tab gets no broadcasts

# The wall list's own rules; the items' (support, pending, delete) are sg-items.css.
WALL_CSS = """
.sg-older:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.sg-rejected { border-left: 6px solid #991b1b; }
.sg-rejected-note { color: #991b1b; }
.sg-flag { color: #334155; }
.sg-flag[aria-disabled="true"] { text-decoration: none; cursor: default; }
.sg-flag:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.sg-list:focus { outline: none; }
.sg-sort-group { border-color: #1e3a8a; }
.sg-sort-group .sg-sort { background: #fff; color: #000; }
.sg-sort-group .sg-sort[aria-pressed="true"] { background: #1e3a8a; color: #fff; }
.sg-sort-group .sg-sort:focus-visible { outline: 3px solid #b45309; outline-offset: -3px; box-shadow: none; }
/* the ring sits inside: white on blue */
.sg-sort-group .sg-sort[aria-pressed="true"]:focus-visible { outline-color: #fff; }
/* the programme item: a bordered chip with its label, apart from the post's own text */
.sg-about { display: inline-block; border: 1px solid #64748b; border-radius: .375rem;
  padding: .05rem .5rem; font-size: .8125rem; background: #f1f5f9; color: #0f172a; }
.sg-about-label { font-weight: 600; }
/* answered on stage: a badge with a tick and the word, not only a colour */
.sg-answered { display: inline-block; border: 1px solid #166534;
  border-radius: 9999px; padding: .05rem .6rem; font-size: .8125rem; font-weight: 600;
  background: #f0fdf4; color: #14532d; }
/* the new-posts pill: stuck to the top of the visible part of the list, taking no room itself;
   at the right, where a card has text but no button, so it never covers a control (WCAG 2.5.8) */
.sg-new-dock { position: sticky; top: var(--sg-new-posts-top, .75rem); height: 0; z-index: 20;
  display: flex; justify-content: flex-end; padding-right: .75rem; }
.sg-new-posts { position: absolute; top: 0; min-height: 44px; padding: .5rem 1.1rem; border-radius: 9999px;
  background: #1e3a8a; color: #fff; font-weight: 600; box-shadow: 0 2px 8px rgba(15, 23, 42, .35);
  white-space: nowrap; }
.sg-new-posts:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.sg-wall-list .sg-card { scroll-margin-top: calc(var(--sg-new-posts-top, .75rem) + .25rem); }
.sg-wall-list .sg-card:focus { outline: 3px solid #b45309; outline-offset: 2px; }
"""


MAX_SHARED_VIEWS = 5000
_views: OrderedDict[int, dict[str, Any]] = OrderedDict()


def shared_view(view: dict[str, Any]) -> dict[str, Any]:
    """The one copy of `view` this process keeps for all tabs.

    Every open wall keeps its first page of views (and the mirror) as long as it is open; with a
    full wall that is 30 dicts of 16 fields per tab. Tabs built from the same contributions get
    the same dict objects instead, as broadcast posts already do. Views are never changed in place
    (a change is a new dict), so sharing them is safe. Bounded: the least recently seen go first.
    """
    known = _views.get(view["id"])
    if known is not None and known == view:
        _views.move_to_end(view["id"])
        return known
    _views[view["id"]] = view
    _views.move_to_end(view["id"])
    while len(_views) > MAX_SHARED_VIEWS:
        _views.popitem(last=False)
    return view


class ContributionList(ui.element, component="contribution_list.js", dependencies=CLIENT_JS):
    def __init__(
        self,
        views: list[dict[str, Any]],
        *,
        labels: dict[str, Any],
        agenda_titles: dict[int, str],
        variant: Variant = "wall",
        sort: str = "newest",
        limit: int = 30,
        viewer_id: str | None = None,
        agenda_filter: int | None = None,
        voted: set[int] | None = None,
        flagged: set[int] | None = None,
        has_older: bool = False,
        on_vote: Callable[[int], Awaitable[None] | None] | None = None,
        on_load_older: Callable[[int], Awaitable[None] | None] | None = None,
        on_flag: Callable[[int], Awaitable[None] | None] | None = None,
        on_withdraw: Callable[[int], Awaitable[None] | None] | None = None,
        choices: dict[str, Any] | None = None,
        on_choose: Callable[[int | None, str], Awaitable[None] | None] | None = None,
        heading_id: str | None = None,
    ) -> None:
        """`choices` (labels and options of the wall's filter and order, see `wall_board`) draws those
        controls inside this one element; the browser reports a change as `on_choose(filter, sort)`.
        `labels["heading"]` (optional) is drawn as the list's h2 with `heading_id`, children after it."""
        super().__init__()
        if variant == "wall":
            share_css("items", ITEMS_CSS)
            share_css("wall-list", WALL_CSS)
        self.viewer_id = viewer_id
        self.agenda_filter = agenda_filter
        self.base_limit = limit
        self.shown: dict[int, dict[str, Any]] = {view["id"]: view for view in views}
        # While a replace or append of this tab is still on its way, new posts go the ordered
        # per-tab way, so a broadcast cannot overtake it (see contribution_feed).
        self._ordered_until = 0.0
        self._seen_connect = False
        self.client.on_connect(self._resync_after_reconnect)
        self._props.update(
            items=views, labels=labels, agendaTitles={str(k): v for k, v in agenda_titles.items()},
            variant=variant, sort=sort, limit=limit, voted=sorted(voted or ()), hasOlder=has_older,
            flagged=sorted(flagged or ()), canFlag=on_flag is not None, canWithdraw=on_withdraw is not None,
            headingId=heading_id,
        )
        if choices is not None:
            self._props["choices"] = {**choices, "filter": agenda_filter or 0}
        if on_vote is not None:
            self.on("vote", lambda e: on_vote(int(e.args)))
        if on_load_older is not None:
            self.on("load_older", lambda e: self._older_requested(e, on_load_older))
        if on_flag is not None:
            self.on("flag", lambda e: on_flag(int(e.args)))
        if on_withdraw is not None:
            self.on("withdraw", lambda e: on_withdraw(int(e.args)))
        if on_choose is not None:
            self.on("choose", lambda e: self._choice_made(e, on_choose))

    @staticmethod
    async def _choice_made(event: GenericEventArguments, handler: Callable[[int | None, str], Any]) -> None:
        """The browser's filter (0 = all) and order; anything else is ignored, never trusted."""
        args = event.args if isinstance(event.args, dict) else {}
        chosen = args.get("agenda_item_id")
        sort = args.get("sort")
        if not isinstance(chosen, int) or isinstance(chosen, bool) or sort not in ("newest", "top"):
            return
        if inspect.isawaitable(result := handler(chosen or None, sort)):
            await result

    @staticmethod
    def _older_requested(event: GenericEventArguments, handler: Callable[[int], Any]) -> Any:
        return handler(int(event.args)) if event.args is not None else None

    # --- what this tab may show -------------------------------------------------------------
    def accepts(self, contribution: Contribution) -> bool:
        if contribution.highlighted and self._props["variant"] == "screen":
            return False  # the hall screen shows the post in focus large, not twice
        if self.agenda_filter is not None and contribution.agenda_item_id != self.agenda_filter:
            return False
        if contribution.status == Status.PUBLISHED:
            return True
        # the author alone also sees their post waiting, or rejected with the reason
        return contribution.status in (Status.PENDING, Status.REJECTED) and contribution.author_id == self.viewer_id

    def takes_broadcast(self, contribution: Contribution) -> bool:
        """Whether this tab can get a published post from the one shared broadcast message."""
        return (
            contribution.status == Status.PUBLISHED
            and contribution.author_id != self.viewer_id  # the author's tab gets it marked as theirs
            and self.accepts(contribution)
            and self.client.has_socket_connection
            and time.monotonic() >= self._ordered_until
        )

    def remember(self, view: dict[str, Any]) -> None:
        """The browser gets `view` by broadcast; keep the server's mirror in step."""
        self.shown[view["id"]] = view
        self._trim_mirror()

    def _resync_after_reconnect(self) -> None:
        """A broadcast sent while the socket was away is not replayed: send the mirror again.
        The browser keys its list by id, so nothing shows twice."""
        if not self._seen_connect:
            self._seen_connect = True
            return
        self._ordered_until = time.monotonic() + ORDERED_WINDOW
        self.run_method("append", list(self.shown.values()))

    def receive(self, contribution: Contribution, view: dict[str, Any]) -> None:
        """A contribution was posted or changed: show, update or withdraw it in this tab."""
        if self.viewer_id and contribution.author_id == self.viewer_id:
            view = {**view, "mine": True}  # only this tab learns it is the author's: a delete button
        if self.accepts(contribution) and contribution.status == Status.REJECTED:
            background_tasks.create(self._show_rejected(view), name=f"rejected-{contribution.id}")
        elif self.accepts(contribution):
            self.shown[contribution.id] = view
            self.run_method("upsert", view)
            self._trim_mirror()
        elif contribution.id in self.shown:
            del self.shown[contribution.id]
            self.run_method("remove", contribution.id)

    async def _show_rejected(self, view: dict[str, Any]) -> None:
        """Only the author's own tab gets here, rarely: one query for the reason is fine."""
        reason = (await rejection_reasons([view["id"]])).get(view["id"], "")
        if not self.is_deleted:
            view = {**view, "reason": reason}
            self.shown[view["id"]] = view
            self.run_method("upsert", view)

    def forget_all(self) -> None:
        """Every contribution of the event was deleted (organisers' purge): show none."""
        self.shown = {}
        self._props.update(items=[], hasOlder=False)
        self.update()
        self.run_method("replace", [])

    def set_flagged(self, flagged: set[int]) -> None:
        self._props["flagged"] = sorted(flagged)
        self.update()

    def _trim_mirror(self) -> None:
        limit = self._props["limit"]
        if len(self.shown) == limit + 1 and self._props["sort"] != "top":
            # the common case, once per new post and tab: one too many, drop the oldest
            del self.shown[min(self.shown)]
        elif len(self.shown) > limit:
            key = (lambda v: (v["votes"], v["id"])) if self._props["sort"] == "top" else (lambda v: v["id"])
            keep = sorted(self.shown.values(), key=key, reverse=True)[:limit]
            self.shown = {view["id"]: view for view in keep}

    # --- changes asked for by this tab ------------------------------------------------------
    def append_older(self, views: list[dict[str, Any]], has_older: bool) -> None:
        self._ordered_until = time.monotonic() + ORDERED_WINDOW
        for view in views:
            self.shown[view["id"]] = view
        self._props["limit"] = max(self.base_limit, len(self.shown))
        self._props["hasOlder"] = has_older
        self.update()
        self.run_method("append", views)

    def set_voted(self, voted: set[int]) -> None:
        self._props["voted"] = sorted(voted)
        self.update()

    def show_instead(
        self, views: list[dict[str, Any]], *, sort: str, agenda_filter: int | None, has_older: bool
    ) -> None:
        """Another filter or order was chosen in this tab: send its first page."""
        self._ordered_until = time.monotonic() + ORDERED_WINDOW
        self.agenda_filter = agenda_filter
        self.shown = {view["id"]: view for view in views}
        self._props.update(sort=sort, limit=self.base_limit, hasOlder=has_older, items=views)
        if "choices" in self._props:
            self._props["choices"] = {**self._props["choices"], "filter": agenda_filter or 0}
        self.update()
        self.run_method("replace", views)
