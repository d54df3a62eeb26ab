"""The live wall: post form, filter and order, and the live list, wired to the services.

Every open wall is a NiceGUI client with its own element tree on the server, so the page is kept
to few elements: the filter and the order live inside the list's Vue component
(docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from components import contribution_feed
from components.audience import AudienceLine, count_this_tab
from components.browser_id import browser_id
from components.connection_state import ConnectionState
from components.contribution_list import ContributionList, shared_view
from components.frame import OWN_CONTRIBUTIONS_PATH
from components.i18n import error_text, t
from components.official_answer import official_labels
from components.own_contributions import marked_for, withdraw_as_author
from components.phase_notice import phase_notice
from components.poll_box import PollBox
from components.post_form import PostForm
from components.post_hint import PostHint
from components.support import toggle_support
from core.clock import utcnow
from core.errors import ServiceError
from core.phase import wall_accepts
from features.agenda.service import Programme, running_item_id
from features.contributions.flags import flag_contribution, flagged_ids
from features.contributions.service import list_contributions, post_contribution, view_of, voted_ids
from features.moderation.service import REASONS, rejected_of_author
from models.contribution import Channel, Contribution, Status
from settings import get_settings

PAGE_SIZE = 30


class WallBoard:
    def __init__(self, programme: Programme, *, channel: Channel, address: str | None) -> None:
        self.programme = programme
        self.event_id = programme.event.id
        self.viewer = browser_id()
        self.channel = channel
        self.address = address
        self.sort = "newest"
        self.agenda_filter: int | None = None
        self.voted: set[int] = set()
        self.flagged: set[int] = set()
        self.list: ContributionList | None = None
        self.form: PostForm | None = None
        self.follow_hint: ui.element | None = None
        self.poll: PollBox | None = None

    async def build(self) -> None:
        settings = get_settings()
        event = self.programme.event
        now = utcnow()
        accepting = wall_accepts(event, now)
        items = [{"id": item.id, "title": item.title} for item in self.programme.items]
        AudienceLine(self.event_id).mark("audience")
        count_this_tab(self.event_id, self.channel, self.viewer)
        # the open poll first, for the hall and the stream alike (empty until a moderator opens one)
        self.poll = PollBox(self.event_id, self.viewer, channel=self.channel, address=self.address)
        await self.poll.build()
        with ui.element("div").classes("grid gap-6 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-start"):
            if not accepting:  # before, read-only after the event, closed: no form, the reason instead
                phase_notice(event, "wall", now)
            else:
                with (
                    ui.element("section")
                    .props("aria-labelledby=form-heading")
                    .classes("block bg-white rounded shadow-sm p-4 space-y-3")
                ):
                    self.form = PostForm(
                        labels={
                            "heading": t("wall.form_heading"),
                            "text": t("wall.text_label"),
                            "nickname": t("wall.nickname_label"),
                            "agenda": t("wall.agenda_label"),
                            "send": t("wall.send"),
                            "offline": t("wall.offline"),
                            "restored": t("wall.draft_restored"),
                            "counter": t("wall.counter"),
                        },
                        limit=settings.max_post_length,
                        agenda_items=items,
                        default_agenda_item=running_item_id(self.programme, now),
                        disabled=False,
                        on_send=self.send,
                        heading_id="form-heading",
                    ).mark("post-form")
                    with self.form:
                        PostHint(event, now)
                    self.follow_hint = _follow_hint()
            with ui.element("section").props("aria-labelledby=list-heading").classes("block space-y-3"):
                contributions = await list_contributions(self.event_id, viewer_id=self.viewer, limit=PAGE_SIZE + 1)
                views = [self._view(c) for c in contributions[:PAGE_SIZE]]
                views = await self._with_own_rejected(views, full_page=len(contributions) > PAGE_SIZE)
                self.voted = await voted_ids(self.viewer, [view["id"] for view in views])
                self.flagged = await flagged_ids(self.viewer, [view["id"] for view in views])
                self.list = ContributionList(
                    views,
                    labels={
                        "heading": t("wall.list_heading"),
                        "list": t("wall.list_label"),
                        "anonymous": t("wall.anonymous"),
                        "hall": t("wall.hall"),
                        "pending": t("wall.pending"),
                        "vote": t("wall.vote"),
                        "older": t("wall.older"),
                        "empty": t("wall.empty" if accepting else "wall.empty_closed"),
                        "rejected": t("wall.rejected"),
                        "reasons": {reason: t(f"reason.{reason}") for reason in REASONS},
                        "flag": t("wall.flag"),
                        "flagged": t("wall.flagged"),
                        "delete": t("privacy.delete"),
                        "delete_question": t("privacy.delete_question"),
                        "delete_yes": t("privacy.delete_yes"),
                        "delete_no": t("privacy.delete_no"),
                        "new_posts_one": t("wall.new_posts_one"),
                        "new_posts_many": t("wall.new_posts_many"),
                        "new_posts_hint": t("wall.new_posts_hint"),
                        "about": t("wall.about"),
                        "answered": t("wall.answered"),
                        "official": official_labels(),
                        "own_votes": t("wall.own_votes"),
                    },
                    agenda_titles={item.id: item.title for item in self.programme.items},
                    limit=PAGE_SIZE,
                    viewer_id=self.viewer,
                    voted=self.voted,
                    flagged=self.flagged,
                    has_older=len(contributions) > PAGE_SIZE,
                    on_vote=self.vote,
                    on_load_older=self.load_older,
                    on_flag=self.flag,
                    on_withdraw=self.withdraw,
                    choices={
                        "filterLabel": t("wall.filter_label"),
                        "filterAll": t("wall.filter_all"),
                        "filterOptions": items,
                        "sortLabel": t("wall.sort_label"),
                        "sortOptions": [
                            {"value": "newest", "label": t("wall.sort_newest")},
                            {"value": "top", "label": t("wall.sort_top")},
                        ],
                    },
                    on_choose=self._chosen,
                    heading_id="list-heading",
                ).mark("contribution-list")
                with self.list:
                    ConnectionState()
                contribution_feed.follow(self.event_id, self.list)

    def _view(self, contribution: Contribution) -> dict[str, Any]:
        return marked_for(self.viewer, contribution, shared_view(view_of(contribution).as_dict()))

    async def withdraw(self, contribution_id: int) -> None:
        await withdraw_as_author(self.viewer, contribution_id)

    async def send(self, payload: dict[str, Any]) -> tuple[bool, str]:
        agenda_item = payload.get("agenda_item_id")
        try:
            contribution = await post_contribution(
                self.event_id,
                self.viewer,
                str(payload.get("text") or ""),
                nickname=str(payload.get("nickname") or ""),
                agenda_item_id=int(agenda_item)
                if isinstance(agenda_item, int | str) and str(agenda_item).isdigit()
                else None,
                channel=self.channel,
                address=self.address,
                client_key=str(payload.get("key") or "") or None,
            )
        except ServiceError as error:
            return False, error_text(error)
        if self.follow_hint is not None:
            self.follow_hint.set_visibility(True)
        return True, t("wall.sent" if contribution.status == Status.PUBLISHED else "wall.sent_pending")

    async def vote(self, contribution_id: int) -> None:
        if await toggle_support(contribution_id, self.viewer, self.address, self.voted) and self.list is not None:
            self.list.set_voted(self.voted)

    async def _with_own_rejected(self, views: list[dict[str, Any]], *, full_page: bool) -> list[dict[str, Any]]:
        """The author's own rejected posts of this page's range, with the reason, so they learn why."""
        oldest = min((view["id"] for view in views), default=0) if full_page else 0
        own = [
            {**self._view(contribution), "reason": reason}
            for contribution, reason in await rejected_of_author(self.event_id, self.viewer)
            if contribution.id > oldest
        ]
        return sorted([*views, *own], key=lambda view: -view["id"]) if own else views

    async def flag(self, contribution_id: int) -> None:
        """One flag per browser; the moderators decide, the participant only learns it arrived."""
        try:
            new = await flag_contribution(contribution_id, self.viewer, address=self.address)
        except ServiceError as error:
            ui.notify(error_text(error), type="warning")
            return
        ui.notify(t("wall.flag_thanks" if new else "wall.flag_again"))
        self.flagged.add(contribution_id)
        if self.list is not None:
            self.list.set_flagged(self.flagged)

    async def load_older(self, before_id: int) -> None:
        if self.list is None:
            return
        older = await list_contributions(
            self.event_id,
            viewer_id=self.viewer,
            agenda_item_id=self.agenda_filter,
            sort="newest",
            before_id=before_id,
            limit=PAGE_SIZE + 1,
        )
        views = [self._view(c) for c in older[:PAGE_SIZE]]
        self.voted |= await voted_ids(self.viewer, [view["id"] for view in views])
        self.list.set_voted(self.voted)
        self.list.append_older(views, has_older=len(older) > PAGE_SIZE)

    async def _chosen(self, filter_id: int | None, sort: str) -> None:
        """The browser's filter and order; an agenda item that is not in the programme is ignored."""
        if filter_id is not None and filter_id not in {item.id for item in self.programme.items}:
            return
        await self.choose(filter_id=filter_id or 0, sort=sort)

    async def choose(self, *, filter_id: int | None = None, sort: str | None = None) -> None:
        if filter_id is not None:
            self.agenda_filter = filter_id or None
        if sort is not None:
            self.sort = sort
        if self.list is None:
            return
        contributions = await list_contributions(
            self.event_id,
            viewer_id=self.viewer,
            agenda_item_id=self.agenda_filter,
            sort=self.sort,
            limit=PAGE_SIZE + 1,
        )
        views = [self._view(c) for c in contributions[:PAGE_SIZE]]
        self.voted |= await voted_ids(self.viewer, [view["id"] for view in views])
        self.list.set_voted(self.voted)
        self.list.show_instead(
            views, sort=self.sort, agenda_filter=self.agenda_filter, has_older=len(contributions) > PAGE_SIZE
        )


def _follow_hint() -> ui.element:
    """Shown after this tab's first post: where the author sees what becomes of it, and gets the
    private link for another device (features/follow). Nothing is asked of the server for it."""
    with ui.element("p").classes("m-0 text-sm").mark("follow-hint") as hint:
        ui.label(t("wall.follow_hint")).classes("inline")
        ui.label(" ").classes("inline")
        ui.link(t("footer.own"), OWN_CONTRIBUTIONS_PATH)
    hint.set_visibility(False)
    return hint
