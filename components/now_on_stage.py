"""'Jetzt auf der Bühne': the item running now, following the stage live."""

from __future__ import annotations

from nicegui import ui

from components import programme_feed
from components.i18n import Localized, local_time, localized, t
from components.text import heading, show_content
from features.agenda.service import Programme


class FollowsTheStage:
    """Shows the running item in a time and a title label, and follows the stage live.

    Subclasses lay out the two labels (the home page's box, the hall screen's banner) and then
    call `_follow`."""

    _time: ui.label
    _title: ui.label

    def _follow(self, programme: Programme, running_id: int | None) -> None:
        self.client = ui.context.client
        self._programme = programme
        self.show(running_id)
        programme_feed.follow(programme.event.id, self)

    def new_programme(self, programme: Programme, running_id: int | None) -> None:
        """Organisers edited the programme: a renamed or deleted item shows as it is now."""
        self._programme = programme
        self.show(running_id)

    def show_running(self, running_id: int | None) -> None:
        self.show(running_id)

    def show(self, running_id: int | None) -> None:
        item = self._programme.item(running_id)
        if item is None:
            self._time.set_text("")
            show_content(self._title, Localized(t("home.nothing_on_stage"), fell_back=False))
        else:
            self._time.set_text(t("agenda.time", start=local_time(item.starts_at), end=local_time(item.ends_at)))
            show_content(self._title, localized(item, "title"))
        self._time.set_visibility(item is not None)


class NowOnStage(FollowsTheStage):
    def __init__(self, programme: Programme, running_id: int | None) -> None:
        with ui.element("section").props('aria-labelledby=now-heading').classes(
            "bg-white rounded shadow-sm p-4 border-l-8 border-amber-500"
        ):
            heading(t("home.now_on_stage"), 2).props("id=now-heading").classes("text-sm uppercase")
            # a polite live region: screen readers hear when the stage moves on
            with ui.element("div").props('aria-live=polite'):
                self._time = ui.label().classes("font-mono text-slate-700")
                self._title = ui.label().classes("text-xl font-semibold").mark("now-title")
        self._follow(programme, running_id)
