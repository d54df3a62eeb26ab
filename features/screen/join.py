"""The QR code that brings people in the hall to the wall, made here: no request leaves the hall."""

from __future__ import annotations

from functools import lru_cache

import segno
from nicegui import ui

from components.i18n import t


@lru_cache(maxsize=4)
def qr_data_uri(url: str) -> str:
    """An SVG data URI, built once per address (every screen shows the same one).

    Black on white with the standard quiet zone: phone cameras read that best even when the
    rest of the screen is dark.
    """
    return segno.make(url, error="m").svg_data_uri(dark="#000000", light="#ffffff", border=4, scale=1)


class JoinBox:
    """QR code plus the same address as text, for those who would rather type it."""

    def __init__(self, url: str) -> None:
        with ui.element("aside").classes("sg-screen-join").mark("screen-join"):
            ui.label(t("screen.join")).classes("sg-screen-join-label")
            qr = ui.image(qr_data_uri(url)).props("no-spinner no-transition").classes("sg-screen-qr").mark("screen-qr")
            qr.props["alt"] = f"{t('screen.join')} {url}"
            ui.label(url).classes("sg-screen-join-url").mark("screen-join-url")
