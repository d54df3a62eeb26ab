"""`/admin`: the organisers' set-up and documentation page; everyone else goes to /login.

Thin on purpose: one tab per job, each a component that calls its own service module.
"""

from __future__ import annotations

from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.queue_badge import QueueBadge
from components.readiness_banner import ReadinessBanner
from components.staff_gate import staff_page
from components.staff_nav import staff_header
from features.admin.agenda_tab import AgendaPanel
from features.admin.event_tab import EventPanel
from features.agenda.service import load_programme
from features.answers.admin_tab import AnswersPanel
from features.exports.admin_tab import ExportPanel
from features.polls.admin_tab import PollsPanel
from features.privacy.admin_tab import PrivacyPanel
from features.results.admin_tab import ResultsPanel
from features.staff.accounts_tab import AccountsPanel
from features.system.ready_tab import ReadinessPanel
from models.staff import Role, StaffAccount

PANELS = (
    ("event", EventPanel),
    ("agenda", AgendaPanel),
    ("results", ResultsPanel),
    ("polls", PollsPanel),
    ("answers", AnswersPanel),
    ("accounts", AccountsPanel),
    ("export", ExportPanel),
    ("privacy", PrivacyPanel),
    ("ready", ReadinessPanel),
)


@staff_page("/admin", Role.ORGANISER)
async def admin_page(staff: StaffAccount, tab: str = "event") -> None:
    programme = await load_programme()
    with frame(t("admin.title"), programme.event.title if programme else None):
        staff_header(t("admin.title"), staff, "/admin")
        banner = ReadinessBanner(staff)  # filled from the "ready" tab's checks below: they run once
        if programme is not None:  # the month after: what still waits in the queue (issue 15)
            (await QueueBadge.of_event(programme.event.id)).mark("queue-badge")
        names = [name for name, _ in PANELS]
        selected = tab if tab in names else "event"
        with ui.tabs(value=selected).props(
            "no-caps align=left outside-arrows mobile-arrows active-color=blue-10 indicator-color=blue-10"
        ).classes("w-full text-slate-800").mark("admin-tabs") as tabs:
            for name in names:
                ui.tab(name, t(f"admin.tab.{name}")).mark(f"admin-tab-{name}")
        # the panels need the value too: binding them to the tabs copies the panels' (empty) value back
        with ui.tab_panels(tabs, value=selected).classes("w-full bg-transparent"):
            for name, panel in PANELS:
                with ui.tab_panel(name).classes("px-0"):
                    built = panel(programme, staff)
                    await built.build()
                if isinstance(built, ReadinessPanel):
                    banner.show(built.checks)
