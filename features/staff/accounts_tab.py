"""/admin tab "accounts": the team's accounts, a form for a new one, and per account the role,
deactivate / reactivate, a new one-time password and unlocking.

Every action calls features.staff.accounts with whoever is signed in *now*; the services refuse
anyone but an organiser and keep the guard rails (not yourself, never without an organiser), and
their refusals are shown as they are. Names are shown only as text (labels and props), never as
HTML. The list is small and changes only on a click here, so it is simply rebuilt afterwards.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from components.i18n import local_date, local_time, t
from components.staff_gate import as_staff
from components.text import heading
from features.agenda.service import Programme
from features.staff import accounts as staff_admin
from features.staff.accounts import AccountView, NewPassword
from models.staff import STAFF_NAME_MAX_LENGTH, Role, StaffAccount


class AccountsPanel:
    def __init__(self, programme: Programme | None, staff: StaffAccount) -> None:
        self.programme = programme
        self.staff = staff
        self.rows: ui.element | None = None
        self.dialogs: ui.element  # made by build(), before anything can open a dialog

    async def build(self) -> None:
        with ui.element("section").props("aria-labelledby=accounts-heading").classes("block space-y-4 w-full"):
            heading(t("accounts.title"), 2).props("id=accounts-heading")
            ui.label(t("accounts.intro")).classes("max-w-prose")
            self._create_form()
            heading(t("accounts.list"), 3)
            self.rows = ui.element("ul").classes("list-none p-0 m-0 space-y-2 w-full").mark("accounts-list")
            # dialogs live here, not next to the button that opened them: the list is rebuilt meanwhile
            self.dialogs = ui.element("div")
            await self.show()

    # --- new account ----------------------------------------------------------------------------
    def _create_form(self) -> None:
        roles = {role.value: t(f"role.{role.value}") for role in Role}
        with ui.element("div").classes("bg-white rounded shadow-sm p-4 space-y-3 max-w-xl").mark("account-new"):
            heading(t("accounts.new"), 3)
            with ui.row().classes("gap-3 items-start flex-wrap"):
                self.name_input = ui.input(t("accounts.name")).props("outlined autocomplete=off").classes(
                    "min-w-56 grow"
                ).mark("account-name")
                self.name_input.props.update(maxlength=STAFF_NAME_MAX_LENGTH)
                self.role_select = ui.select(roles, value=Role.MODERATOR.value, label=t("accounts.role")).props(
                    "outlined"
                ).classes("min-w-48").mark("account-role")
            ui.button(t("accounts.create"), on_click=self.create).props("no-caps color=blue-10").mark(
                "account-create"
            )
            # always there and empty when all is well: screen readers announce a live region's new text
            self.create_error = ui.label().props("role=alert").mark("account-error")

    async def create(self) -> None:
        name, role = self.name_input.value or "", self.role_select.value
        created = await self.call(lambda staff: staff_admin.add_account(staff, name, Role(role)), self.create_error)
        if created is None:
            return
        self.name_input.value = ""
        ui.notify(t("accounts.created", name=created.account.name))
        self.show_password(created)
        await self.show()

    # --- the list -------------------------------------------------------------------------------
    async def show(self) -> None:
        """(Re)build the list from the database, as the signed-in organiser sees it now."""
        accounts = await self.call(staff_admin.list_accounts)
        if accounts is None or self.rows is None:
            return
        self.rows.clear()
        with self.rows:
            for account in accounts:
                self._row(account)

    def _row(self, account: AccountView) -> None:
        yourself = account.id == self.staff.id
        with ui.element("li").classes(
            "bg-white rounded shadow-sm p-3 flex flex-wrap gap-x-6 gap-y-2 items-center justify-between"
        ).mark(f"account-{account.id}"):
            with ui.column().classes("gap-0 min-w-0"):
                with ui.row().classes("items-baseline gap-2"):
                    ui.label(account.name).classes("font-semibold break-all").mark("account-row-name")
                    if yourself:
                        ui.label(f"({t('accounts.you')})").classes("text-slate-700")
                facts = [
                    t(f"role.{account.role.value}"),
                    t("accounts.active" if account.active else "accounts.inactive"),
                    t("accounts.created_at", date=local_date(account.created_at)),
                ]
                ui.label(" · ".join(facts)).classes("text-sm text-slate-700")
                if account.locked_until is not None:
                    ui.label(t("accounts.locked", time=local_time(account.locked_until))).classes(
                        "text-sm text-red-900 font-semibold"
                    ).mark(f"account-locked-{account.id}")
            if yourself:
                ui.link(t("accounts.own_hint"), "/account").classes("text-blue-900 underline text-sm")
            else:
                self._actions(account)

    def _actions(self, account: AccountView) -> None:
        roles = {role.value: t(f"role.{role.value}") for role in Role}
        with ui.row().classes("gap-2 items-center flex-wrap"):
            select = ui.select(roles, value=account.role.value, label=t("accounts.role_of", name=account.name)).props(
                "outlined dense"
            ).classes("min-w-44").mark(f"account-role-{account.id}")
            select.on_value_change(lambda event: self.change_role(account, event.value, event.sender))
            if account.active:
                self._button("deactivate", account, lambda: self.deactivate(account))
            else:
                self._button("reactivate", account, lambda: self.reactivate(account))
            self._button("reset", account, lambda: self.reset(account))
            if account.locked_until is not None:
                self._button("unlock", account, lambda: self.unlock(account))

    def _button(self, action: str, account: AccountView, handler: Callable[[], Awaitable[None]]) -> None:
        button = ui.button(t(f"accounts.{action}"), on_click=handler).props("no-caps outline color=blue-10 dense")
        # the visible text first, then whose: a screen reader's button list says which account
        button.props.update({"aria-label": t(f"accounts.{action}_named", name=account.name)})
        button.mark(f"account-{action}-{account.id}")

    # --- actions --------------------------------------------------------------------------------
    async def change_role(self, account: AccountView, role: str, select: ui.select) -> None:
        if role == account.role.value:
            return
        changed = await self.call(lambda staff: staff_admin.change_role(staff, account.id, Role(role)))
        if changed is None:
            select.value = account.role.value  # refused: show the role it still has
            return
        ui.notify(t("accounts.role_changed", name=changed.name, role=t(f"role.{changed.role.value}")))
        await self.show()

    async def deactivate(self, account: AccountView) -> None:
        if not await self.confirm(t("accounts.deactivate_confirm", name=account.name), t("accounts.deactivate")):
            return
        if await self.call(lambda staff: staff_admin.set_active(staff, account.id, False)) is not None:
            ui.notify(t("accounts.deactivated", name=account.name))
        await self.show()

    async def reactivate(self, account: AccountView) -> None:
        if await self.call(lambda staff: staff_admin.set_active(staff, account.id, True)) is not None:
            ui.notify(t("accounts.reactivated", name=account.name))
        await self.show()

    async def reset(self, account: AccountView) -> None:
        if not await self.confirm(t("accounts.reset_confirm", name=account.name), t("accounts.reset")):
            return
        renewed = await self.call(lambda staff: staff_admin.reset_password(staff, account.id))
        if renewed is not None:
            self.show_password(renewed)
        await self.show()

    async def unlock(self, account: AccountView) -> None:
        if await self.call(lambda staff: staff_admin.unlock(staff, account.id)) is not None:
            ui.notify(t("accounts.unlocked", name=account.name))
        await self.show()

    async def call(self, action: Callable[[StaffAccount], Awaitable[Any]], alert: ui.label | None = None) -> Any:
        """Run one service call as whoever is signed in now (components.staff_gate)."""
        return await as_staff(action, here="/admin?tab=accounts", alert=alert)

    async def confirm(self, question: str, action: str) -> bool:
        """Ask before a step that signs someone out; True only for the explicit button."""
        with self.dialogs, ui.dialog() as dialog, ui.card().classes("max-w-md gap-3").mark("confirm-dialog"):
            ui.label(question)
            with ui.row().classes("gap-2 justify-end w-full"):
                ui.button(t("accounts.cancel"), on_click=lambda: dialog.submit(False)).props(
                    "no-caps flat color=blue-10"
                ).mark("confirm-cancel")
                ui.button(action, on_click=lambda: dialog.submit(True)).props("no-caps color=red-10").mark(
                    "confirm-yes"
                )
        answer = await dialog
        dialog.delete()
        return answer is True

    # --- the one-time password ------------------------------------------------------------------
    def show_password(self, new: NewPassword) -> None:
        """Once, in a dialog that only its button closes; closing deletes it, password and all."""
        password = new.password
        with self.dialogs, ui.dialog().props("persistent") as dialog, ui.card().classes("max-w-md gap-3").mark(
            "one-time-dialog"
        ):
            heading(t("accounts.password_title"), 2)
            ui.label(t("accounts.password_for", name=new.account.name))
            field = ui.input(t("accounts.password_title"), value=password).props(
                "outlined readonly autocomplete=off"
            ).classes("w-full font-mono text-lg").mark("one-time-password")
            field.on("focus", js_handler="(event) => event.target.select()")  # one click to select it all
            ui.label(t("accounts.password_once")).classes("text-sm")
            with ui.row().classes("gap-2 justify-end w-full"):
                ui.button(t("accounts.copy"), on_click=lambda: copy(password)).props(
                    "no-caps outline color=blue-10"
                ).mark("one-time-copy")

                def close() -> None:
                    dialog.close()
                    dialog.delete()

                ui.button(t("accounts.password_noted"), on_click=close).props("no-caps color=blue-10").mark(
                    "one-time-close"
                )
        dialog.open()


def copy(password: str) -> None:
    # The password is the app's own (a fixed alphabet, see features.staff.service.one_time_password),
    # never text someone typed, and ui.clipboard.write passes it JSON-encoded.
    ui.clipboard.write(password)
    ui.notify(t("accounts.copied"))


