"""The item on stage, as the hall screen shows it: large, dark, following the stage live.

The same behaviour as components.now_on_stage, in the screen's own look (that box is made for
light pages and small type).
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import local_time, t
from components.live import on_live
from services.events import Programme
from services.live import AGENDA_NOW, LiveEvent


class ScreenStage:
    def __init__(self, programme: Programme, running_id: int | None) -> None:
        self._programme = programme
        with ui.element("section").classes("sg-screen-stage").mark("screen-stage"):
            ui.label(t("home.now_on_stage")).classes("sg-screen-stage-label")
            with ui.row().classes("sg-screen-stage-now"):
                self._time = ui.label().classes("sg-screen-stage-time").mark("screen-now-time")
                self._title = ui.label().classes("sg-screen-stage-title").mark("screen-now-title")
        self.show(running_id)
        on_live(AGENDA_NOW, programme.event.id, self._on_now)

    def _on_now(self, event: LiveEvent) -> None:
        self.show(event.ids.get("item_id"))

    def show(self, running_id: int | None) -> None:
        item = self._programme.item(running_id)
        if item is None:
            self._time.set_text("")
            self._time.set_visibility(False)
            self._title.set_text(t("home.nothing_on_stage"))
        else:
            self._time.set_text(t("agenda.time", start=local_time(item.starts_at), end=local_time(item.ends_at)))
            self._time.set_visibility(True)
            self._title.set_text(item.title)
