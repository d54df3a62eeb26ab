"""/account: change one's own password (current one, new one twice).

The service checks everything (current password, length, not the name, both the same) and ends
the account's other sessions; this browser's session stays, so nobody is thrown out mid-task.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.staff_gate import as_staff, session_token
from components.text import heading
from features.staff.accounts import change_own_password
from features.staff.service import MIN_PASSWORD_LENGTH
from models.staff import StaffAccount

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
        self.done.text = ""
        self.done.classes(remove=DONE_CLASSES)

        async def change(staff: StaffAccount) -> bool:
            await change_own_password(
                staff, self.current.value or "", self.new.value or "", self.repeat.value or "",
                keep_token=session_token(),  # this browser stays signed in, every other one is ended
            )
            return True

        if not await as_staff(change, here="/account", alert=self.alert):
            return
        for field in (self.current, self.new, self.repeat):
            field.value = ""
        self.done.text = t("account.changed")
        self.done.classes(DONE_CLASSES)
