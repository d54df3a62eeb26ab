"""`/login` and `/logout` for moderators and organisers.

The form is a plain HTML form posted to the server, not a websocket call: only an HTTP response
can set the HttpOnly cookie that carries the session token. The session itself lives in the
database (features.staff.service), so it works on every process behind nginx.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from components.frame import frame
from components.i18n import t
from components.staff_gate import STAFF_COOKIE, current_staff
from components.staff_nav import logout_button
from components.text import heading
from core.errors import ServiceError
from core.redirect import local_path
from features.staff.service import SESSION_LIFETIME, login, logout
from settings import get_settings

LOGIN_ERRORS = ("login.failed", "login.locked", "login.foreign")
# What browsers say in Sec-Fetch-Site for a form sent from this site itself, or typed in by hand.
OWN_SITE_FETCHES = {"same-origin", "none"}


@ui.page("/login")
async def login_page(next: str = "/moderation", error: str = "", minutes: str = "", out: str = "") -> None:
    target = local_path(next)
    with frame(t("login.title")), ui.column().classes("max-w-md gap-4"):
        heading(t("login.title"))
        staff = await current_staff()
        if staff is not None:
            ui.label(t("login.signed_in_as", name=staff.name, role=t(f"role.{staff.role.value}"))).mark("signed-in")
            ui.link(t("moderation.title"), "/moderation").classes("font-semibold")
            logout_button()
            return
        ui.label(t("login.intro"))
        if error in LOGIN_ERRORS:
            message = t(f"error.{error}", minutes=int(minutes) if minutes.isdigit() else 15)
            ui.label(message).props("role=alert").classes(
                "bg-red-50 text-red-900 border border-red-800 rounded px-3 py-2 font-semibold"
            ).mark("login-error")
        elif out:
            ui.label(t("login.logged_out")).props("role=status").mark("login-note")
        elif error == "expired":
            ui.label(t("login.expired")).props("role=status").mark("login-note")
        with ui.element("form").props("method=post action=/login").classes("flex flex-col gap-3").mark("login-form"):
            hidden = ui.element("input")
            hidden.props.update(type="hidden", name="next", value=target)  # no prop string: no quoting
            ui.input(t("login.name")).props("name=name autocomplete=username outlined autofocus").mark("login-name")
            ui.input(t("login.password"), password=True).props(
                "name=password autocomplete=current-password outlined"
            ).mark("login-password")
            ui.button(t("login.submit")).props("type=submit no-caps color=blue-10").mark("login-submit")


def sent_from_this_site(request: Request) -> bool:
    """Refuse staff forms another site made a browser send (login CSRF, forced sign-out).

    Browsers label every form POST with Origin and Sec-Fetch-Site; another page cannot forge them.
    Behind nginx the Host header is the public one, so comparing host names works for every
    process; the scheme is left out because TLS ends at the proxy. A request without either
    header (curl, scripts, the test client) comes from no browser page and is let through.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in OWN_SITE_FETCHES:
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    own_hosts = {request.headers.get("host", ""), urlsplit(get_settings().effective_public_url).netloc}
    return urlsplit(origin).netloc in own_hosts - {""}


def _foreign_form(target: str) -> RedirectResponse:
    return RedirectResponse(f"/login?{urlencode({'error': 'login.foreign', 'next': target})}", status_code=303)


@app.post("/login", include_in_schema=False)
async def login_submit(request: Request) -> RedirectResponse:
    form = await request.form()
    target = local_path(str(form.get("next") or "/moderation"))
    if not sent_from_this_site(request):
        return _foreign_form(target)
    try:
        address = request.client.host if request.client else None  # counted per name and address
        token = await login(str(form.get("name") or ""), str(form.get("password") or ""), address=address)
    except ServiceError as error:
        minutes = error.params.get("minutes", "")
        query = urlencode({"error": error.key, "minutes": minutes, "next": target})
        return RedirectResponse(f"/login?{query}", status_code=303)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        STAFF_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
    )
    return response


@app.post("/logout", include_in_schema=False)
async def logout_submit(request: Request) -> RedirectResponse:
    if not sent_from_this_site(request):
        return _foreign_form("/moderation")
    await logout(request.cookies.get(STAFF_COOKIE))
    response = RedirectResponse("/login?out=1", status_code=303)
    response.delete_cookie(STAFF_COOKIE, httponly=True, samesite="lax", secure=get_settings().secure_cookies)
    return response
