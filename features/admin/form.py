"""Pieces the event and programme forms of /admin share: a local-time input and the message area
that names what is wrong (the place components.staff_gate.as_staff shows a refusal in)."""

from __future__ import annotations

from typing import Any

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from components.i18n import error_text, t
from core.errors import ServiceError
from settings import get_settings


def local_time_input(label: str, value: str) -> ui.input:
    """The browser's own date-and-time picker (keyboard-usable everywhere), in the event's zone."""
    field = ui.input(label, value=value).props("type=datetime-local stack-label outlined")
    field.props["hint"] = t("admin.event.time_hint", timezone=get_settings().event_timezone)
    return field


def start_and_end_inputs(fields: dict[str, ui.input]) -> None:
    """Start and end side by side (stacked on a phone), as `fields["starts_at"]` and `fields["ends_at"]`."""
    with ui.element("div").classes("grid gap-3 sm:grid-cols-2 w-full"):
        fields["starts_at"] = local_time_input(t("admin.event.starts_at"), "")
        fields["ends_at"] = local_time_input(t("admin.event.ends_at"), "")


def text_input(label: str, value: str, *, hint: str | None = None) -> ui.input:
    field = ui.input(label, value=value).props("outlined")
    if hint:
        field.props["hint"] = hint  # a prop set as data: never parsed, so any text is safe here
    return field


class FormErrors:
    """The message above the form's button, and the field it is about marked invalid and
    focused, so a keyboard user lands where the correction is needed.

    Quasar reads a field's error out itself (role=alert under the field); the message above the
    button is the alert only when no single field is to blame, so nothing is announced twice.
    """

    def __init__(self, fields: dict[str, ValidationElement], marker: str) -> None:
        self.fields = fields
        self.alert = ui.label().classes(
            "bg-red-50 text-red-900 border border-red-800 rounded px-3 py-2 font-semibold"
        ).mark(marker)
        self.alert.set_visibility(False)

    def clear(self) -> None:
        self.alert.set_text("")
        self.alert.set_visibility(False)
        self.alert.props(remove="role")
        for field in self.fields.values():
            field.error = None
            field.props(remove="aria-invalid")

    def show(self, error: ServiceError) -> None:
        self.clear()
        message = error_text(error)
        self.alert.set_text(message)
        self.alert.set_visibility(True)
        field = self.fields.get(str(error.params.get("field", "")))
        if field is None:
            self.alert.props("role=alert")
        else:
            field.error = message
            field.props["aria-invalid"] = "true"  # Quasar passes it on to the native input
            field.run_method("focus")


def values_of(fields: dict[str, Any]) -> dict[str, str]:
    return {name: str(field.value or "") for name, field in fields.items()}
