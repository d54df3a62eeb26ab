"""The item on stage, as the hall screen shows it: large, dark, following the stage live.

The behaviour of components.now_on_stage, in the screen's own look (that box is made for light
pages and small type).
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.now_on_stage import FollowsTheStage
from features.agenda.service import Programme


class ScreenStage(FollowsTheStage):
    def __init__(self, programme: Programme, running_id: int | None) -> None:
        with ui.element("section").classes("sg-screen-stage").mark("screen-stage"):
            ui.label(t("home.now_on_stage")).classes("sg-screen-stage-label")
            with ui.row().classes("sg-screen-stage-now"):
                self._time = ui.label().classes("sg-screen-stage-time").mark("screen-now-time")
                self._title = ui.label().classes("sg-screen-stage-title").mark("screen-now-title")
        self._follow(programme, running_id)
