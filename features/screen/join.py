"""The QR code that brings people in the hall to the wall, made here: no request leaves the hall."""

from __future__ import annotations

from functools import lru_cache

from nicegui import ui

from components.i18n import t
from core.qr import qr_svg_data_uri


@lru_cache(maxsize=4)
def qr_data_uri(url: str) -> str:
    """Built once per address: every screen shows the same one."""
    return qr_svg_data_uri(url)


class JoinBox:
    """QR code plus the same address as text, for those who would rather type it."""

    def __init__(self, url: str) -> None:
        with ui.element("aside").classes("sg-screen-join").mark("screen-join"):
            ui.label(t("screen.join")).classes("sg-screen-join-label")
            qr = ui.image(qr_data_uri(url)).props("no-spinner no-transition").classes("sg-screen-qr").mark("screen-qr")
            qr.props["alt"] = f"{t('screen.join')} {url}"
            ui.label(url).classes("sg-screen-join-url").mark("screen-join-url")
