"""/admin tab "event": edit the current event, and set up the next one.

Times are typed in the event's time zone; features.admin.event_setup converts, validates and stores.
A refused form keeps what was typed, says what is wrong and focuses that field.
"""

from __future__ import annotations

from datetime import datetime

from nicegui import ui

from components.admin_panel import AdminPanel
from components.i18n import t
from components.staff_gate import as_staff
from components.text import Text, heading
from features.admin.event_setup import (
    ADDRESS_MAX,
    EASY_LANGUAGE_MAX,
    EVENT_DESCRIPTION_MAX,
    EVENT_TITLE_MAX,
    URL_MAX,
    VENUE_MAX,
    EventDetails,
    create_next_event,
    details_of,
    local_input_value,
    parse_local,
    update_event,
)
from features.admin.form import FormErrors, local_time_input, start_and_end_inputs, text_input, values_of
from models.event import Event, ModerationMode
from models.staff import StaffAccount
from settings import get_settings

HERE = "/admin?tab=event"  # where the sign-in leads back to after an expired session
SECTION = "block w-full bg-white rounded shadow-sm p-4 space-y-3"
TIMES = ("starts_at", "ends_at", "participation_opens_at", "participation_closes_at")
LINKS = ("public_url", "imprint_url", "privacy_url")
# the texts of issue 13 that are stored as they are typed (English versions, stream addresses, Leichte Sprache)
EXTRAS = (
    "title_en", "description_en", "captions_url", "sign_language_url", "easy_language_text", "easy_language_text_en",
)


class EventPanel(AdminPanel):
    async def build(self) -> None:
        if self.programme is not None:
            EventForm(self.programme.event)
        else:
            self.without_event("admin.event.none", "admin-no-event")
        NextEventForm()


class EventForm:
    def __init__(self, event: Event) -> None:
        self.event_id = event.id
        details = details_of(event)
        settings = get_settings()
        setting_of = {
            "public_url": settings.public_url, "imprint_url": settings.imprint_url,
            "privacy_url": settings.privacy_url,
        }
        with ui.element("section").props("aria-labelledby=event-form-heading").classes(SECTION).mark("event-form"):
            heading(t("admin.event.heading"), 2).props("id=event-form-heading")
            self.fields: dict[str, ui.input] = {
                "title": text_input(t("admin.event.title"), details.title).props(
                    f"counter maxlength={EVENT_TITLE_MAX}"
                ).classes("w-full"),
                "title_en": text_input(t("admin.event.title_en"), details.title_en, hint=t("content.en_hint")).props(
                    f"counter maxlength={EVENT_TITLE_MAX}"
                ).classes("w-full"),
                "description": ui.textarea(t("admin.event.description"), value=details.description).props(
                    f"outlined autogrow counter maxlength={EVENT_DESCRIPTION_MAX}"
                ).classes("w-full"),
                "description_en": ui.textarea(t("admin.event.description_en"), value=details.description_en).props(
                    f"outlined autogrow counter maxlength={EVENT_DESCRIPTION_MAX}"
                ).classes("w-full"),
            }
            with ui.element("div").classes("grid gap-3 sm:grid-cols-2 w-full"):
                self.fields["venue"] = text_input(t("admin.event.venue"), details.venue).props(
                    f"maxlength={VENUE_MAX}"
                )
                self.fields["address"] = text_input(t("admin.event.address"), details.address).props(
                    f"maxlength={ADDRESS_MAX}"
                )
                for name in ("starts_at", "ends_at"):
                    self.fields[name] = local_time_input(
                        t(f"admin.event.{name}"), local_input_value(getattr(details, name))
                    )
            self.fields["livestream_url"] = text_input(
                t("admin.event.livestream_url"), details.livestream_url, hint=t("admin.event.livestream_hint")
            ).props("type=url inputmode=url").classes("w-full")
            for name in ("captions_url", "sign_language_url"):
                self.fields[name] = text_input(
                    t(f"admin.event.{name}"), getattr(details, name), hint=t(f"admin.event.{name}_hint")
                ).props(f"type=url inputmode=url maxlength={URL_MAX}").classes("w-full")
            with ui.element("fieldset").classes("border border-slate-300 rounded p-3 w-full"):
                Text("legend", t("admin.event.phase")).classes("px-1 font-semibold")
                with ui.element("div").classes("grid gap-3 sm:grid-cols-2 w-full"):
                    for name in ("participation_opens_at", "participation_closes_at"):
                        self.fields[name] = local_time_input(
                            t(f"admin.event.{name}"), local_input_value(getattr(details, name))
                        ).props("clearable")
                ui.label(t("admin.event.phase_hint")).classes("text-sm text-slate-700")
                self.wall_open = ui.checkbox(
                    t("admin.event.wall_open_after_event"), value=details.wall_open_after_event
                ).props("color=blue-10").mark("edit-wall_open_after_event")
            with ui.element("fieldset").classes("border border-slate-300 rounded p-3 w-full"):
                Text("legend", t("admin.event.moderation_mode")).classes("px-1 font-semibold")
                self.mode = ui.radio(
                    {mode.value: t(f"moderation.mode.{mode.value}") for mode in ModerationMode},
                    value=details.moderation_mode.value,
                ).props("inline color=blue-10").mark("event-moderation-mode")
            with ui.element("fieldset").classes("border border-slate-300 rounded p-3 w-full space-y-2"):
                Text("legend", t("admin.event.links")).classes("px-1 font-semibold")
                for name in LINKS:
                    hint = t("admin.event.link_hint", value=setting_of[name] or t("admin.event.link_unset"))
                    self.fields[name] = text_input(t(f"admin.event.{name}"), getattr(details, name), hint=hint).props(
                        "type=url inputmode=url"
                    ).classes("w-full")
            with ui.element("fieldset").classes("border border-slate-300 rounded p-3 w-full space-y-2"):
                Text("legend", t("admin.event.easy_language")).classes("px-1 font-semibold")
                ui.label(t("admin.event.easy_language_hint")).classes("text-sm text-slate-700 max-w-prose")
                for name in ("easy_language_text", "easy_language_text_en"):
                    self.fields[name] = ui.textarea(t(f"admin.event.{name}"), value=getattr(details, name)).props(
                        f"outlined autogrow counter maxlength={EASY_LANGUAGE_MAX}"
                    ).classes("w-full")
            for name, field in self.fields.items():
                field.mark(f"edit-{name}")
            self.errors = FormErrors(dict(self.fields), "event-error")
            ui.button(t("admin.event.save"), on_click=self.save).props("no-caps color=blue-10").mark("event-save")

    def details(self) -> EventDetails:
        """What the form says, times read in the event's zone (a bad time raises ServiceError)."""
        values = values_of(self.fields)
        times: dict[str, datetime | None] = {
            name: parse_local(values[name], field=name, required=name in ("starts_at", "ends_at")) for name in TIMES
        }
        return EventDetails(
            title=values["title"], description=values["description"], venue=values["venue"],
            address=values["address"], livestream_url=values["livestream_url"],
            moderation_mode=self.mode.value, **{name: values[name] for name in LINKS}, **times,  # type: ignore[arg-type]
            **{name: values[name] for name in EXTRAS}, wall_open_after_event=bool(self.wall_open.value),
        )

    async def save(self) -> None:
        saved = await as_staff(
            lambda staff: update_event(staff, self.event_id, self.details()), here=HERE, alert=self.errors
        )
        if saved is not None:
            for name in (*LINKS, *EXTRAS):  # show what was stored (e.g. the public address without a trailing /)
                self.fields[name].value = getattr(saved, name)
            ui.notify(t("admin.event.saved"), type="positive")


class NextEventForm:
    """A new event with title, start and end; it becomes the current one after a confirmation."""

    def __init__(self) -> None:
        with ui.element("section").props("aria-labelledby=next-event-heading").classes(SECTION).mark("next-event"):
            heading(t("admin.next.heading"), 2).props("id=next-event-heading")
            ui.label(t("admin.next.hint")).classes("text-sm text-slate-700 max-w-prose")
            self.fields: dict[str, ui.input] = {
                "title": text_input(t("admin.event.title"), "").props(f"maxlength={EVENT_TITLE_MAX}").classes("w-full"),
            }
            start_and_end_inputs(self.fields)
            for name, field in self.fields.items():
                field.mark(f"next-{name}")
            self.errors = FormErrors(dict(self.fields), "next-error")
            ui.button(t("admin.next.create"), on_click=self.ask).props("no-caps outline color=blue-10").mark(
                "next-create"
            )
        with ui.dialog().props('aria-labelledby=next-confirm-text') as self.dialog, ui.card().classes("max-w-lg"):
            self.question = ui.label().props("id=next-confirm-text").classes("text-lg").mark("next-confirm-text")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("admin.cancel"), on_click=self.dialog.close).props("no-caps flat color=blue-10").mark(
                    "next-cancel"
                )
                ui.button(t("admin.next.confirm_yes"), on_click=self.create).props("no-caps color=blue-10").mark(
                    "next-confirm"
                )

    def ask(self) -> None:
        self.errors.clear()
        self.question.set_text(t("admin.next.confirm", title=str(self.fields["title"].value or "").strip()))
        self.dialog.open()

    async def create(self) -> None:
        self.dialog.close()
        values = values_of(self.fields)

        async def create(staff: StaffAccount) -> Event:
            start = parse_local(values["starts_at"], field="starts_at")
            end = parse_local(values["ends_at"], field="ends_at")
            return await create_next_event(staff, values["title"], start, end)  # type: ignore[arg-type]

        event = await as_staff(create, here=HERE, alert=self.errors)
        if event is not None:
            ui.notify(t("admin.next.created", title=event.title), type="positive")
            ui.navigate.to("/admin?tab=event")
