"""`/meine-beitraege` (this browser's own contributions and its private link) and `/folgen/{token}`
(the same list behind the link, on any device, read-only, with "Link ungültig machen").

Neither page is indexed by search engines, and the link's token never leaves this site in a
Referer (the security headers send only the origin to other sites)."""

from __future__ import annotations

from contextlib import suppress

from nicegui import ui

from components.browser_id import browser_id
from components.frame import OWN_CONTRIBUTIONS_PATH, frame
from components.i18n import error_text, local_date, t
from components.text import heading
from core.errors import ServiceError
from features.admin.event_setup import event_links
from features.agenda.service import current_event
from features.follow.followed_list import followed_list
from features.follow.link_box import link_box
from features.follow.service import (
    author_of,
    first_link,
    followed,
    link_made_at,
    make_link,
    revoke_link,
    revoke_links_of,
)
from models.event import Event

FOLLOW_PATH = "/folgen"


def follow_url(event: Event | None, token: str) -> str:
    return f"{event_links(event).public_url}{FOLLOW_PATH}/{token}"


def _not_indexed() -> None:
    ui.add_head_html('<meta name="robots" content="noindex, nofollow">')


class OwnLinkControls:
    """This browser's link, seen from the browser itself: when it was made, a new one for a lost
    link (the old one stops working), or none at all."""

    def __init__(self, viewer: str, event: Event | None) -> None:
        self.viewer = viewer
        self.event = event
        self.area = ui.element("section").classes("flex flex-col gap-3").mark("follow-controls")
        self.area.props('aria-labelledby="follow-controls-heading"')

    async def draw(self, fresh_token: str | None = None, said: str = "") -> None:
        made_at = await link_made_at(self.viewer)
        self.area.clear()
        with self.area:
            if fresh_token:
                link_box(follow_url(self.event, fresh_token))
            heading(t("follow.controls.heading"), 2).props('id="follow-controls-heading"')
            if said:
                ui.label(said).props('role="status"').classes("font-semibold").mark("follow-said")
            if made_at is not None:
                ui.label(t("follow.controls.valid_since", date=local_date(made_at))).mark("follow-valid-since")
            else:
                ui.label(t("follow.controls.none")).mark("follow-no-link")
            with ui.row().classes("gap-3 flex-wrap"):
                ui.button(t("follow.controls.new"), on_click=self.renew).props("no-caps color=blue-10").mark(
                    "follow-new"
                )
                if made_at is not None:
                    ui.button(t("follow.controls.end"), on_click=self.end).props("no-caps outline color=red-10").mark(
                        "follow-end-own"
                    )

    async def renew(self) -> None:
        try:
            token = await make_link(self.viewer)
        except ServiceError as error:
            await self.draw(said=error_text(error))
            return
        await self.draw(fresh_token=token, said=t("follow.controls.renewed"))

    async def end(self) -> None:
        await revoke_links_of(self.viewer)
        await self.draw(said=t("follow.controls.ended"))


@ui.page(OWN_CONTRIBUTIONS_PATH)
async def own_contributions_page() -> None:
    event = await current_event()
    viewer = browser_id()
    _not_indexed()
    with frame(t("follow.own.title"), event=event):
        heading(t("follow.own.title"))
        ui.label(t("follow.own.intro")).classes("max-w-prose")
        items = await followed(viewer)
        if items:
            controls = OwnLinkControls(viewer, event)
            await controls.draw(fresh_token=await first_link(viewer))
        heading(t("follow.list_heading"), 2)
        followed_list(items)


class EndLink:
    """ "Link ungültig machen" behind the link itself, confirmed first: it cannot be undone."""

    def __init__(self, token: str) -> None:
        self.token = token
        with (
            ui.dialog().props('aria-labelledby="follow-end-question"') as self.dialog,
            ui.card().classes("max-w-lg").mark("follow-end-dialog"),
        ):
            ui.label(t("follow.end.question")).props('id="follow-end-question"').classes("text-lg")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("follow.end.cancel"), on_click=self.dialog.close).props(
                    "no-caps flat color=blue-10 autofocus"
                ).mark("follow-end-cancel")
                ui.button(t("follow.end.yes"), on_click=self.end).props("no-caps color=red-10").mark(
                    "follow-end-confirm"
                )
        self.area = ui.element("div").classes("flex flex-col gap-2")
        with self.area:
            ui.button(t("follow.end.button"), on_click=self.dialog.open).props("no-caps outline color=red-10").mark(
                "follow-end"
            )

    async def end(self) -> None:
        self.dialog.close()
        with suppress(ServiceError):  # ended meanwhile, from another device: the page says it is gone either way
            await revoke_link(self.token)
        ui.navigate.to(f"{FOLLOW_PATH}/{self.token}?beendet=1")


@ui.page(f"{FOLLOW_PATH}/{{token}}")
async def follow_page(token: str, beendet: str = "") -> None:
    event = await current_event()
    author = await author_of(token)
    _not_indexed()
    with frame(t("follow.page.title"), event=event):
        heading(t("follow.page.title"))
        if author is None:
            ended = ui.label(t("follow.page.ended" if beendet else "follow.page.invalid")).mark("follow-invalid")
            if beendet:
                ended.props('role="status"')
            ui.link(t("follow.page.to_own"), OWN_CONTRIBUTIONS_PATH)
            return
        ui.label(t("follow.page.intro")).classes("max-w-prose")
        EndLink(token)
        heading(t("follow.list_heading"), 2)
        followed_list(await followed(author))
