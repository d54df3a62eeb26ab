"""A freshly made private link, shown the one time it exists in clear: as text to copy, and as a
QR code to carry it to a phone."""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.text import heading
from core.qr import qr_svg_data_uri


def link_box(url: str) -> None:
    with (
        ui.element("section")
        .classes("border-2 border-blue-900 rounded p-4 flex flex-col gap-3 bg-blue-50")
        .mark("follow-link-box") as box
    ):
        box.props('aria-labelledby="follow-link-heading"')
        heading(t("follow.link.heading"), 2).props('id="follow-link-heading"')
        ui.label(t("follow.link.once")).classes("max-w-prose")
        with ui.row().classes("items-center gap-4 flex-wrap"):
            qr = ui.image(qr_svg_data_uri(url)).props("no-spinner no-transition")
            qr.classes("sg-follow-qr w-40 h-40 bg-white")
            qr.props["alt"] = t("follow.link.qr_alt")
            qr.mark("follow-qr")
            with ui.column().classes("gap-2 min-w-0"):
                ui.label(url).classes("sg-follow-url font-mono break-all select-all").mark("follow-url")
                ui.button(t("follow.link.copy"), on_click=lambda: copy(url)).props(
                    "no-caps outline color=blue-10"
                ).mark("follow-copy")
        ui.label(t("follow.link.who_sees")).classes("text-sm max-w-prose")


def copy(url: str) -> None:
    ui.clipboard.write(url)
    ui.notify(t("follow.link.copied"), type="positive")
