"""/admin tab "polls": the event's polls under their programme items, to read (they are prepared,
opened and put on the screen in /moderation, features/moderation/poll_panel.py)."""

from __future__ import annotations

from nicegui import ui

from components.admin_panel import AdminPanel
from components.i18n import localized, t
from components.text import content, heading
from features.polls.service import polls_of, results_of
from models.poll import Poll


class PollsPanel(AdminPanel):
    async def build(self) -> None:
        if self.without_event("poll.admin.no_event", "admin-polls-no-event"):
            return
        assert self.programme is not None
        every = await polls_of(self.event_id)
        counts = {poll.id: (await results_of(poll)).answers.total for poll in every}
        with ui.element("section").props("aria-labelledby=polls-admin-heading").classes("block w-full space-y-3"):
            heading(t("poll.admin.heading"), 2).props("id=polls-admin-heading")
            with ui.row().classes("items-center gap-2"):
                ui.label(t("poll.admin.hint")).classes("text-slate-700")
                ui.link(t("moderation.title"), "/moderation").classes("text-blue-900 underline")
            if not every:
                ui.label(t("poll.console.empty")).mark("admin-polls-empty")
                return
            items = self.programme.items
            groups = [(item.title, [poll for poll in every if poll.agenda_item_id == item.id]) for item in items]
            known = {item.id for item in items}
            groups.append((t("poll.admin.no_item"), [poll for poll in every if poll.agenda_item_id not in known]))
            for title, group in groups:
                if not group:
                    continue
                heading(title, 3)
                with ui.element("ul").classes("flex flex-col gap-2 list-none p-0 m-0").mark("admin-polls"):
                    for poll in group:
                        self._row(poll, counts[poll.id])

    @staticmethod
    def _row(poll: Poll, count: int) -> None:
        row = ui.element("li").classes("bg-white rounded shadow-sm p-3 flex flex-col gap-1")
        with row.mark(f"admin-poll-{poll.id}"):
            content("span", localized(poll, "question")).classes("text-lg font-semibold")
            details = t(
                "poll.admin.details",
                kind=t(f"poll.kind.{poll.kind.value}"),
                state=t(f"poll.state.{poll.state.value}"),
                visibility=t(f"poll.visibility.{poll.results_visibility.value}"),
                count=count,
            )
            ui.label(details).classes("text-slate-700")
            if poll.options:
                ui.label(" · ".join(localized(option, "label").text for option in poll.options)).classes(
                    "text-slate-700"
                )
