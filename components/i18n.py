"""The visitor's language (a cookie set by /lang/{code}) and texts in it."""

from __future__ import annotations

from datetime import datetime

from nicegui import ui

import locales
from core.errors import ServiceError
from settings import get_settings

LANGUAGE_COOKIE = "lang"


def current_language() -> str:
    request = ui.context.client.request
    chosen = request.cookies.get(LANGUAGE_COOKIE) if request is not None else None
    return chosen if chosen in locales.LANGUAGES else locales.DEFAULT_LANGUAGE


def t(key: str, **params: object) -> str:
    return locales.translate(current_language(), key, **params)


def local_date(moment: datetime) -> str:
    return locales.format_date(current_language(), moment, get_settings().timezone)


def local_time(moment: datetime) -> str:
    return locales.format_time(current_language(), moment, get_settings().timezone)


def error_text(error: ServiceError) -> str:
    """The message a person reads for a refused request."""
    return t(f"error.{error.key}", **error.params)
