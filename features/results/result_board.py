"""A result's page below its text: the phase, comments with replies, and proposals, wired to the
services. Like the wall board: the page builds it once, the threads then follow the bus."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from components import contribution_feed
from components.browser_id import browser_id
from components.i18n import error_text, t
from components.official_answer import official_labels
from components.own_contributions import marked_for, withdraw_as_author
from components.phase_notice import phase_notice
from components.support import toggle_support
from components.text import heading
from core.clock import utcnow
from core.errors import ServiceError
from core.phase import PhaseState, phase_state
from features.contributions.service import (
    list_for_result,
    post_comment,
    post_proposal,
    post_reply,
    view_of,
    voted_ids,
)
from features.results.result_thread import Mode, ResultThread
from features.results.service import ResultDetail
from models.contribution import Contribution, Kind, Status
from settings import get_settings

SHOWN_PER_THREAD = 200  # top-level items per thread; a month on one result stays far below


class ResultBoard:
    def __init__(self, detail: ResultDetail, *, address: str | None) -> None:
        self.detail = detail
        self.result = detail.result
        self.viewer = browser_id()
        self.address = address
        self.voted: set[int] = set()
        self.threads: list[ResultThread] = []

    async def build(self) -> None:
        event = self.detail.event
        now = utcnow()
        phase_notice(event, "results", now)  # from when, until when and the days left, or closed since
        is_open = phase_state(event, now) is PhaseState.OPEN
        comments = await list_for_result(self.result, kinds=(Kind.COMMENT, Kind.WALL), viewer_id=self.viewer,
                                         limit=SHOWN_PER_THREAD)
        proposals = await list_for_result(self.result, kinds=(Kind.PROPOSAL,), viewer_id=self.viewer,
                                          limit=SHOWN_PER_THREAD)
        self.voted = await voted_ids(self.viewer, [c.id for c in [*comments, *proposals]])
        with ui.element("div").classes("grid gap-8 lg:grid-cols-2 items-start"):
            with ui.element("section").props("aria-labelledby=comments-heading").classes("block space-y-3"):
                heading(t("results.comments_heading"), 2).props("id=comments-heading")
                self._thread("comments", comments, is_open).mark("comments")
            with ui.element("section").props("aria-labelledby=proposals-heading").classes("block space-y-3"):
                heading(t("results.proposals_heading"), 2).props("id=proposals-heading")
                ui.label(t("results.proposals_intro")).classes("max-w-prose")
                self._thread("proposals", proposals, is_open).mark("proposals")

    def _thread(self, mode: Mode, contributions: list[Contribution], is_open: bool) -> ResultThread:
        proposals = mode == "proposals"
        thread = ResultThread(
            [self._view(c) for c in contributions],
            result=self.result, mode=mode, viewer_id=self.viewer, voted=self.voted, is_open=is_open,
            limit=get_settings().max_post_length,
            labels={
                "title": t("results.proposal_title"),
                "text": t("results.proposal_text" if proposals else "results.comment_text"),
                "nickname": t("wall.nickname_label"), "counter": t("wall.counter"),
                "send": t("results.send_proposal" if proposals else "results.send_comment"),
                "offline": t("wall.offline"), "sort": t("wall.sort_label"),
                "sort_newest": t("wall.sort_newest"), "sort_top": t("wall.sort_top"),
                "list": t("results.proposals_list" if proposals else "results.comments_list"),
                "anonymous": t("wall.anonymous"), "from_wall": t("results.from_wall"), "pending": t("wall.pending"),
                "vote": t("wall.vote"), "reply": t("results.reply"), "replies": t("results.replies"),
                "reply_text": t("results.reply_text"), "send_reply": t("results.send_reply"),
                "empty": t(("results.empty_proposals" if proposals else "results.empty_comments") if is_open
                           else "wall.empty_closed"),
                "withdrawn": t("privacy.withdrawn_placeholder"), "delete": t("privacy.delete"),
                "delete_question": t("privacy.delete_question"), "delete_yes": t("privacy.delete_yes"),
                "delete_no": t("privacy.delete_no"), "restored": t("wall.draft_restored"),
                "official": official_labels(),
            },
            on_send=self.send_proposal if proposals else self.send_comment,
            on_vote=self.vote,
            on_withdraw=self.withdraw,
        )
        contribution_feed.follow(self.detail.event.id, thread)
        self.threads.append(thread)
        return thread

    def _view(self, contribution: Contribution) -> dict[str, Any]:
        return marked_for(self.viewer, contribution, view_of(contribution).as_dict())

    async def withdraw(self, contribution_id: int) -> None:
        await withdraw_as_author(self.viewer, contribution_id)

    async def send_comment(self, payload: dict[str, Any]) -> tuple[bool, str]:
        parent_id = _number(payload.get("parent_id"))
        options = self._options(payload)
        try:
            if parent_id is not None:
                contribution = await post_reply(self.result.id, parent_id, self.viewer, str(payload.get("text") or ""),
                                                **options)
            else:
                contribution = await post_comment(self.result.id, self.viewer, str(payload.get("text") or ""),
                                                  **options)
        except ServiceError as error:
            return False, error_text(error)
        return True, _thanks(contribution)

    async def send_proposal(self, payload: dict[str, Any]) -> tuple[bool, str]:
        try:
            contribution = await post_proposal(
                self.result.id, self.viewer, str(payload.get("title") or ""), str(payload.get("text") or ""),
                **self._options(payload),
            )
        except ServiceError as error:
            return False, error_text(error)
        return True, _thanks(contribution)

    def _options(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {"nickname": str(payload.get("nickname") or ""), "address": self.address,
                "client_key": str(payload.get("key") or "") or None}

    async def vote(self, contribution_id: int) -> None:
        if not await toggle_support(contribution_id, self.viewer, self.address, self.voted):
            return
        for thread in self.threads:
            thread.set_voted(self.voted)


def _number(value: object) -> int | None:
    """An id from the browser: a number, or nothing."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 12:
        return int(value)
    return None


def _thanks(contribution: Contribution) -> str:
    return t("results.sent" if contribution.status == Status.PUBLISHED else "results.sent_pending")
