"""/account: change one's own password (current one, new one twice).

The service checks everything (current password, length, not the name, both the same) and ends
the account's other sessions; this browser's session stays, so nobody is thrown out mid-task.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import error_text, t
from components.staff_gate import current_staff, login_address, session_token
from components.text import heading
from core.errors import ServiceError
from features.staff.accounts import change_own_password
from features.staff.service import MIN_PASSWORD_LENGTH

ALERT_CLASSES = "bg-red-50 text-red-900 border border-red-800 rounded px-3 py-2 font-semibold"
DONE_CLASSES = "bg-green-50 text-green-900 border border-green-800 rounded px-3 py-2 font-semibold"


class OwnPasswordForm:
    def build(self) -> None:
        with ui.element("section").props("aria-labelledby=password-heading").classes(
            "block bg-white rounded shadow-sm p-4 space-y-3 max-w-md"
        ):
            heading(t("account.password"), 2).props("id=password-heading")
            ui.label(t("account.intro", limit=MIN_PASSWORD_LENGTH)).classes("text-sm")
            self.current = self._field("account.current", "current-password", "account-current")
            self.new = self._field("account.new", "new-password", "account-new")
            self.repeat = self._field("account.repeat", "new-password", "account-repeat")
            ui.button(t("account.submit"), on_click=self.submit).props("no-caps color=blue-10").mark(
                "account-submit"
            )
            # always present, empty while there is nothing to say: screen readers announce new text
            self.alert = ui.label().props("role=alert").mark("account-alert")
            self.done = ui.label().props("role=status").mark("account-done")

    @staticmethod
    def _field(label: str, autocomplete: str, mark: str) -> ui.input:
        field = ui.input(t(label), password=True).props("outlined").classes("w-full").mark(mark)
        field.props.update(autocomplete=autocomplete)
        return field

    async def submit(self) -> None:
        staff = await current_staff()
        if staff is None:
            ui.navigate.to(login_address("/account") + "&error=expired")
            return
        self.alert.text = self.done.text = ""
        self.alert.classes(remove=ALERT_CLASSES)
        self.done.classes(remove=DONE_CLASSES)
        try:
            await change_own_password(
                staff, self.current.value or "", self.new.value or "", self.repeat.value or "",
                keep_token=session_token(),
            )
        except ServiceError as error:
            self.alert.text = error_text(error)
            self.alert.classes(ALERT_CLASSES)
            return
        for field in (self.current, self.new, self.repeat):
            field.value = ""
        self.done.text = t("account.changed")
        self.done.classes(DONE_CLASSES)
