"""The list of one's own contributions with what became of each: the same on the browser's own page
and behind its private link. Text only, escaped like every label, never HTML."""

from __future__ import annotations

from nicegui import ui

from components.i18n import local_date, local_time, localized, t
from components.text import Text, content, heading
from features.follow.service import Followed
from models.contribution import Kind, Status

REPORT_PATH = "/dokumentation.pdf"


def _when(moment: object) -> str:
    return t("follow.when", date=local_date(moment), time=local_time(moment))  # type: ignore[arg-type]


def _status_line(item: Followed) -> str:
    if item.status in (Status.REJECTED, Status.HIDDEN) and item.reason:
        return t(f"follow.status.{item.status}_because", reason=t(f"reason.{item.reason}"))
    return t(f"follow.status.{item.status}")


def _place(item: Followed) -> None:
    """Where it was written: the result it comments on, else the programme item, else the wall."""
    if item.result is not None:
        content("span", localized(item.result, "title"))
    elif item.agenda_item is not None:
        content("span", localized(item.agenda_item, "title"))
    else:
        ui.label(t("follow.place.wall")).classes("inline")


def followed_card(item: Followed) -> None:
    with (
        ui.element("article")
        .classes("border rounded p-4 flex flex-col gap-2 bg-white")
        .mark(f"followed-{item.id}") as card
    ):
        card.props(f'aria-labelledby="followed-{item.id}-heading"')
        with Text("h3", "").classes("text-lg font-semibold m-0").props(f'id="followed-{item.id}-heading"'):
            ui.label(t(f"follow.kind.{item.kind}")).classes("inline")
            ui.label(" · ").classes("inline").props('aria-hidden="true"')
            _place(item)
        ui.label(_when(item.created_at)).classes("text-sm text-slate-700")
        if item.kind == Kind.PROPOSAL and item.title:
            ui.label(item.title).classes("font-semibold break-words")
        ui.label(item.text).classes("whitespace-pre-line break-words")
        ui.label(_status_line(item)).classes("font-semibold text-slate-900").mark(f"followed-status-{item.id}")
        ui.label(t("follow.support", count=item.vote_count)).classes("text-sm text-slate-800")
        if item.official_status is not None:
            with (
                ui.element("div")
                .classes("sg-official border-l-4 border-blue-900 pl-3")
                .mark(f"followed-official-{item.id}")
            ):
                ui.label(t("follow.official", status=t(f"answers.status.{item.official_status}"))).classes(
                    "font-semibold"
                )
                if item.official_text:
                    ui.label(item.official_text).classes("whitespace-pre-line break-words")
        if item.replies:
            heading(t("follow.replies", count=len(item.replies)), 4).classes("text-base font-semibold")
            with ui.element("ul").classes("flex flex-col gap-1 pl-4 list-disc"):
                for reply in item.replies:
                    with ui.element("li"):
                        name = reply.nickname or t("follow.anonymous")
                        ui.label(f"{name}: {reply.text}").classes("whitespace-pre-line break-words")
        if item.report_published_at is not None:
            with ui.element("p").classes("m-0").mark(f"followed-report-{item.id}"):
                ui.label(t("follow.in_report", date=local_date(item.report_published_at))).classes("inline")
                ui.label(" ").classes("inline")
                ui.link(t("follow.report_link"), REPORT_PATH)


def followed_list(items: list[Followed]) -> None:
    """Every item as a card, or a sentence saying there is nothing from this browser yet."""
    if not items:
        with ui.element("p").classes("m-0").mark("followed-none"):
            ui.label(t("follow.none")).classes("inline")
            ui.label(" ").classes("inline")
            ui.link(t("follow.to_wall"), "/wall")
        return
    with ui.element("div").classes("flex flex-col gap-4").mark("followed-list"):
        for item in items:
            followed_card(item)
