"""Routes around the pages: `/healthz` for operators, `/lang/{code}` for the language switch,
and the friendly 404 page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from nicegui import Client, app, ui
from nicegui.page import page

import locales
from components.frame import frame
from components.i18n import LANGUAGE_COOKIE, t
from components.text import heading
from core.bus import bus
from models.database import database_reachable

ONE_YEAR = 365 * 24 * 3600


async def healthz() -> JSONResponse:
    reachable = await database_reachable()
    connected = sum(1 for client in Client.instances.values() if client.has_socket_connection)
    return JSONResponse(
        {
            "status": "ok" if reachable else "degraded",
            "database": "reachable" if reachable else "unreachable",
            "bus": bus().backend,
            "connected_clients": connected,
        },
        status_code=200 if reachable else 503,
    )


def _local_path(target: str) -> str:
    """Only paths on this site: an open redirect would let others borrow the city's address."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


async def switch_language(code: str, next: str = "/") -> Response:
    response = RedirectResponse(_local_path(next), status_code=303)
    if code in locales.LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=ONE_YEAR, samesite="lax", httponly=True)
    return response


def not_found_content() -> None:
    with frame(t("not_found.title")):
        heading(t("not_found.title"))
        ui.label(t("not_found.text"))
        ui.link(t("not_found.back"), "/")


async def not_found_response(request: Request, _exception: Exception) -> Response:
    with Client(page(""), request=request) as client:
        not_found_content()
    return client.build_response(request, 404)


def register() -> None:
    """Add these routes; called by main.py on every start (they live outside any ui.page)."""
    app.get("/healthz", include_in_schema=False)(healthz)
    app.get("/lang/{code}", include_in_schema=False)(switch_language)
    app.exception_handlers[404] = not_found_response
