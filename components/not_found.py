"""The friendly "not found" page body: the 404 of every route (features/system/page.py) and a
result that does not exist (features/results/page.py) look the same."""

from __future__ import annotations

from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.text import heading


def not_found_content() -> None:
    with frame(t("not_found.title")):
        heading(t("not_found.title"))
        ui.label(t("not_found.text"))
        ui.link(t("not_found.back"), "/")
