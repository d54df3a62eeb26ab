"""Routes around the pages: `/healthz` for operators, `/lang/{code}` for the language switch,
and the friendly 404 page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from nicegui import Client, app
from nicegui.page import page

import locales
from components.i18n import LANGUAGE_COOKIE
from components.not_found import not_found_content
from core.bus import bus
from core.redirect import local_path
from models.database import database_reachable
from settings import get_settings

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


async def switch_language(code: str, next: str = "/") -> Response:
    response = RedirectResponse(local_path(next), status_code=303)
    if code in locales.LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE,
            code,
            max_age=ONE_YEAR,
            samesite="lax",
            httponly=True,
            secure=get_settings().secure_cookies,
        )
    return response


async def not_found_response(request: Request, _exception: Exception) -> Response:
    with Client(page(""), request=request) as client:
        not_found_content()
    return client.build_response(request, 404)


def register() -> None:
    """Add these routes; called by main.py on every start (they live outside any ui.page)."""
    app.get("/healthz", include_in_schema=False)(healthz)
    app.get("/lang/{code}", include_in_schema=False)(switch_language)
    app.exception_handlers[404] = not_found_response
