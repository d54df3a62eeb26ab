"""The one staff gate: who is signed in on this tab, for a page and for every action.

Modelled on FastAPI's single `get_current_user` dependency. A page is registered with
`@staff_page(path, role)` and gets the account as its first parameter. Every button runs its
service call through `as_staff(action, here=...)`, which reads the session again, so a session
that expired or was ended (sign-out, elsewhere too) stops working at once in every open tab and
process. A refusal looks the same on every staff page: the catalogue text as a notification, or
in the alert the form passes. Services check the role themselves; the gate only decides where a
person is sent and how a refusal is shown.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, Protocol, TypeVar, get_type_hints
from urllib.parse import quote

from fastapi.responses import RedirectResponse
from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from components.i18n import error_text
from core.errors import ServiceError
from features.staff.service import account_for_session
from models.staff import Role, StaffAccount

STAFF_COOKIE = "sg_staff"
ALERT_CLASSES = "bg-red-50 text-red-900 border border-red-800 rounded px-3 py-2 font-semibold"

T = TypeVar("T")
StaffPageBuilder = Callable[..., Awaitable[None]]  # async def page(staff: StaffAccount, **query) -> None


class Refusals(Protocol):
    """A form's own place for a refusal (e.g. admin.form.FormErrors: the message and the field)."""

    def show(self, error: ServiceError) -> None: ...

    def clear(self) -> None: ...


class AlertLabel:
    """A text element as the place for a refusal: the message in a red box, announced (role=alert),
    and nothing at all (no empty box) while all is well. While it shows a refusal its classes are
    the alert's, so a label that said something else before (a success in green) cannot mix in."""

    def __init__(self, label: TextElement) -> None:
        self.label = label

    def show(self, error: ServiceError) -> None:
        self.say(error_text(error))

    def say(self, message: str) -> None:
        """The same display for a problem the browser reported (a file refused before it was sent)."""
        self.label.set_text(message)
        self.label.classes(replace=ALERT_CLASSES)
        self.label.props["role"] = "alert"
        self.label.set_visibility(True)  # a place kept hidden until there is something to say

    def clear(self) -> None:
        self.label.set_text("")
        self.label.classes(remove=ALERT_CLASSES)


Alert = Refusals | TextElement


def session_token() -> str | None:
    request = ui.context.client.request
    return request.cookies.get(STAFF_COOKIE) if request is not None else None


async def current_staff() -> StaffAccount | None:
    """The account the session cookie of this tab names now, or None (none, expired, deactivated)."""
    return await account_for_session(session_token())


def login_address(next_path: str, *, expired: bool = False) -> str:
    """The sign-in page that leads back to `next_path`; `expired` makes it say why it is shown."""
    if not expired:
        return f"/login?next={next_path}"
    return f"/login?next={quote(next_path, safe='/?=')}&error=expired"  # an & in the path stays in `next`


def staff_page(path: str, role: Role) -> Callable[[StaffPageBuilder], StaffPageBuilder]:
    """`@ui.page(path)` for staff: the page is built only for an account with `role`, which it gets
    as its first parameter (like FastAPI's `Depends(get_current_user)`); anyone else gets a 303 to
    `/login?next=<path>`. The other parameters stay the page's query parameters.

        @staff_page("/moderation", Role.MODERATOR)
        async def moderation_page(staff: StaffAccount) -> None: ...
    """

    def register(build: StaffPageBuilder) -> StaffPageBuilder:
        @wraps(build)
        async def page(*args: Any, **kwargs: Any) -> RedirectResponse | None:
            staff = await current_staff()
            if staff is None or not staff.may(role):
                return RedirectResponse(login_address(path), status_code=303)
            await build(staff, *args, **kwargs)
            return None

        hints = get_type_hints(build)  # real types: FastAPI reads the query parameters from them
        query = list(inspect.signature(build).parameters.values())[1:]
        page.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [parameter.replace(annotation=hints.get(parameter.name, parameter.annotation)) for parameter in query]
        )
        ui.page(path)(page)
        return build

    return register


def _place(alert: Alert | None) -> Refusals | None:
    return AlertLabel(alert) if isinstance(alert, TextElement) else alert


def show_refusal(error: ServiceError, alert: Alert | None = None) -> None:
    """How every staff page shows a refusal: in the form's alert if it has one, else a notification."""
    place = _place(alert)
    if place is None:
        ui.notify(error_text(error), type="warning")
    else:
        place.show(error)


async def as_staff(
    action: Callable[[StaffAccount], Awaitable[T]], *, here: str, quiet: bool = False, alert: Alert | None = None
) -> T | None:
    """Run `action` as whoever is signed in NOW: its result, or None when it did not run or was refused.

    No session (expired, signed out, deactivated) goes to the sign-in page that leads back to
    `here`, so nobody keeps typing into a dead form. A ServiceError is shown (`show_refusal`),
    never raised; success clears `alert`. `quiet` is for what a tab does by itself (reading a
    count, refreshing a log): no message, no redirect.
    """
    staff = await current_staff()
    if staff is None:
        if not quiet:
            ui.navigate.to(login_address(here, expired=True))
        return None
    place = _place(alert)
    try:
        result = await action(staff)
    except ServiceError as error:
        if not quiet:
            show_refusal(error, place)
        return None
    if place is not None:
        place.clear()
    return result
