"""/admin tab "agenda": the programme in order, with add, edit, move up/down and delete.

Every change goes through features.admin.event_setup, which announces it: /agenda, / and the hall
screen reload the programme by themselves (components.programme_feed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from nicegui import ui

from components.admin_panel import AdminPanel
from components.i18n import local_time, t
from components.staff_gate import as_staff
from components.text import heading
from features.admin.event_setup import (
    ITEM_DESCRIPTION_MAX,
    ITEM_TITLE_MAX,
    LOCATION_MAX,
    SPEAKERS_MAX,
    AgendaDetails,
    add_agenda_item,
    delete_agenda_item,
    local_input_value,
    move_agenda_item,
    parse_local,
    update_agenda_item,
)
from features.admin.form import FormErrors, start_and_end_inputs, text_input, values_of
from features.agenda.service import Programme, load_programme
from models.event import AgendaItem
from models.staff import StaffAccount

HERE = "/admin?tab=agenda"  # where the sign-in leads back to after an expired session
NEW_ITEM_LENGTH = timedelta(minutes=30)


class AgendaPanel(AdminPanel):
    def __init__(self, programme: Programme | None, staff: StaffAccount) -> None:
        super().__init__(programme, staff)
        self.editing: AgendaItem | None = None
        self.deleting: AgendaItem | None = None

    async def build(self) -> None:
        if self.without_event("admin.agenda.no_event", "admin-agenda-no-event"):
            return
        with ui.element("section").props("aria-labelledby=agenda-admin-heading").classes(
            "block w-full space-y-3"
        ) as self.section:
            with ui.row().classes("items-center justify-between gap-2 w-full flex-wrap"):
                heading(t("admin.agenda.heading"), 2).props("id=agenda-admin-heading")
                ui.button(t("admin.agenda.add"), icon="add", on_click=lambda: self.open_form(None)).props(
                    "no-caps color=blue-10"
                ).mark("agenda-add")
            self.box = ui.element("div").classes("w-full")
        self._form_dialog()
        self._delete_dialog()
        self.show(self.programme)

    # --- the list ---------------------------------------------------------------------------
    def show(self, programme: Programme, focus: str | None = None) -> None:
        """Lay the list out again; `focus` names a button marker to put the keyboard focus on,
        since the button that was pressed is gone with the old list."""
        self.programme = programme
        self.box.clear()
        items = programme.items
        with self.box:
            if not items:
                ui.label(t("admin.agenda.empty")).mark("admin-agenda-empty")
                return
            with ui.element("ol").props(f'aria-label="{t("admin.agenda.list")}"').classes(
                "flex flex-col gap-2 list-none p-0 m-0"
            ):
                for index, item in enumerate(items):
                    self._row(item, first=index == 0, last=index == len(items) - 1)
        if focus is not None:
            target = next((element for element in self.section.descendants() if focus in element._markers), None)
            if target is not None:  # an element id, never text: nothing a person typed goes into the script
                self.section.client.run_javascript(f'document.getElementById("c{target.id}")?.focus()')

    def _row(self, item: AgendaItem, *, first: bool, last: bool) -> None:
        with ui.element("li").classes("bg-white rounded shadow-sm p-3 flex flex-col gap-1").mark(
            f"admin-agenda-item-{item.id}"
        ):
            ui.label(t("agenda.time", start=local_time(item.starts_at), end=local_time(item.ends_at))).classes(
                "font-mono text-slate-700"
            )
            ui.label(item.title).classes("text-lg font-semibold").mark("admin-agenda-title")
            if item.speakers:
                ui.label(t("agenda.speakers", speakers=item.speakers)).classes("text-slate-700")
            if item.location:
                ui.label(t("agenda.location", location=item.location)).classes("text-slate-700")
            with ui.row().classes("gap-2 flex-wrap"):
                self._button("edit", item, lambda: self.open_form(item))
                up = self._button("up", item, lambda: self.move(item, -1))
                down = self._button("down", item, lambda: self.move(item, 1))
                self._button("delete", item, lambda: self.ask_delete(item)).props("color=red-10")
                up.set_enabled(not first)
                down.set_enabled(not last)

    def _button(self, action: str, item: AgendaItem, on_click: Callable[[], object]) -> ui.button:
        button = ui.button(t(f"admin.agenda.{action}"), on_click=on_click).props("no-caps outline dense color=blue-10")
        button.props["aria-label"] = t(f"admin.agenda.{action}_label", title=item.title)
        return button.classes("px-2").mark(f"agenda-{action}-{item.id}")

    async def reload(self, focus: str | None = None) -> None:
        programme = await load_programme(self.event_id)
        if programme is not None:
            self.show(programme, focus)

    # --- add and edit -------------------------------------------------------------------------
    def _form_dialog(self) -> None:
        with ui.dialog().props("aria-labelledby=agenda-form-heading") as self.dialog, ui.card().classes(
            "w-full max-w-xl"
        ).mark("agenda-form"):
            self.form_heading = heading("", 2).props("id=agenda-form-heading")
            self.fields: dict[str, ui.input] = {
                "title": text_input(t("admin.agenda.title"), "").props(
                    f"counter maxlength={ITEM_TITLE_MAX} autofocus"
                ).classes("w-full"),
                "title_en": text_input(t("admin.agenda.title_en"), "", hint=t("content.en_hint")).props(
                    f"counter maxlength={ITEM_TITLE_MAX}"
                ).classes("w-full"),
                "description": ui.textarea(t("admin.agenda.description")).props(
                    f"outlined autogrow counter maxlength={ITEM_DESCRIPTION_MAX}"
                ).classes("w-full"),
                "description_en": ui.textarea(t("admin.agenda.description_en")).props(
                    f"outlined autogrow counter maxlength={ITEM_DESCRIPTION_MAX}"
                ).classes("w-full"),
                "speakers": text_input(t("admin.agenda.speakers"), "").props(f"maxlength={SPEAKERS_MAX}").classes(
                    "w-full"
                ),
                "location": text_input(t("admin.agenda.location"), "").props(f"maxlength={LOCATION_MAX}").classes(
                    "w-full"
                ),
            }
            start_and_end_inputs(self.fields)
            for name, field in self.fields.items():
                field.mark(f"agenda-{name}")
            self.errors = FormErrors(dict(self.fields), "agenda-error")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("admin.cancel"), on_click=self.dialog.close).props("no-caps flat color=blue-10").mark(
                    "agenda-cancel"
                )
                ui.button(t("admin.agenda.save"), on_click=self.save).props("no-caps color=blue-10").mark("agenda-save")

    def open_form(self, item: AgendaItem | None) -> None:
        """Empty for a new item, which starts where the programme ends, or the item's values."""
        self.editing = item
        self.errors.clear()
        if item is None:
            items = self.programme.items if self.programme else []
            start = items[-1].ends_at if items else self.programme.event.starts_at  # type: ignore[union-attr]
            values = {"title": "", "description": "", "speakers": "", "location": "", "title_en": "",
                      "description_en": "", "starts_at": local_input_value(start),
                      "ends_at": local_input_value(start + NEW_ITEM_LENGTH)}
        else:
            values = {"title": item.title, "description": item.description, "speakers": item.speakers,
                      "location": item.location, "title_en": item.title_en, "description_en": item.description_en,
                      "starts_at": local_input_value(item.starts_at), "ends_at": local_input_value(item.ends_at)}
        for name, value in values.items():
            self.fields[name].value = value
        self.form_heading.set_text(t("admin.agenda.new_heading" if item is None else "admin.agenda.edit_heading"))
        self.dialog.open()

    def details(self) -> AgendaDetails:
        values = values_of(self.fields)
        return AgendaDetails(
            title=values["title"], description=values["description"], speakers=values["speakers"],
            location=values["location"], title_en=values["title_en"], description_en=values["description_en"],
            starts_at=parse_local(values["starts_at"], field="starts_at"),  # type: ignore[arg-type]
            ends_at=parse_local(values["ends_at"], field="ends_at"),  # type: ignore[arg-type]
        )

    async def save(self) -> None:
        editing = self.editing

        async def save(staff: StaffAccount) -> AgendaItem:
            if editing is None:
                return await add_agenda_item(staff, self.event_id, self.details())
            return await update_agenda_item(staff, editing.id, self.details())

        item = await as_staff(save, here=HERE, alert=self.errors)
        if item is not None:
            self.dialog.close()
            ui.notify(t("admin.agenda.saved"), type="positive")
            await self.reload(focus=f"agenda-edit-{item.id}")

    # --- move and delete ----------------------------------------------------------------------
    async def move(self, item: AgendaItem, direction: int) -> None:
        moved = await as_staff(lambda staff: move_agenda_item(staff, item.id, direction), here=HERE)
        if moved is not None:
            # in the section's context, not the pressed button's: the list may have been drawn anew
            # (another tab's change) while the move was saved, and the button with it
            with self.section:
                ui.notify(t("admin.agenda.moved"))
                await self.reload(focus=f"agenda-{'up' if direction < 0 else 'down'}-{item.id}")

    def _delete_dialog(self) -> None:
        with ui.dialog().props("aria-labelledby=agenda-delete-text") as self.delete_dialog, ui.card().classes(
            "max-w-lg"
        ).mark("agenda-delete-dialog"):
            self.delete_question = ui.label().props("id=agenda-delete-text").classes("text-lg").mark(
                "agenda-delete-text"
            )
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("admin.cancel"), on_click=self.delete_dialog.close).props(
                    "no-caps flat color=blue-10 autofocus"
                ).mark("agenda-delete-cancel")
                ui.button(t("admin.agenda.delete_yes"), on_click=self.delete).props("no-caps color=red-10").mark(
                    "agenda-delete-confirm"
                )

    def ask_delete(self, item: AgendaItem) -> None:
        self.deleting = item
        self.delete_question.set_text(t("admin.agenda.delete_confirm", title=item.title))
        self.delete_dialog.open()

    async def delete(self) -> None:
        item = self.deleting
        self.delete_dialog.close()
        if item is None:
            return

        async def delete(staff: StaffAccount) -> bool:
            await delete_agenda_item(staff, item.id)
            return True

        if await as_staff(delete, here=HERE):
            self.deleting = None
            ui.notify(t("admin.agenda.deleted", title=item.title))
            await self.reload(focus="agenda-add")
