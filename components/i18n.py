"""The visitor's language (a cookie set by /lang/{code}) and texts in it."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_timedelta
from babel.units import format_unit
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


def time_until(moment: datetime, now: datetime) -> str:
    """A countdown in the visitor's language: "in 3 Tagen", "in 5 hours"."""
    return format_timedelta(moment - now, locale=current_language(), add_direction=True)


def local_days_left(moment: datetime, now: datetime) -> int:
    """Calendar days in the event's time zone from `now` to `moment`: 0 on the last day."""
    zone = get_settings().timezone
    return max(0, (moment.astimezone(zone).date() - now.astimezone(zone).date()).days)


def days_text(days: int) -> str:
    """ "12 Tage", "1 day": Babel's plural rules of the visitor's language."""
    return format_unit(days, "duration-day", locale=current_language(), length="long")


def error_text(error: ServiceError) -> str:
    """The message a person reads for a refused request. A moment among the params is offered as
    `{name_date}` and `{name_time}` in the visitor's language and the event's time zone."""
    params = dict(error.params)
    for name, value in error.params.items():
        if isinstance(value, datetime):
            params[f"{name}_date"], params[f"{name}_time"] = local_date(value), local_time(value)
    return t(f"error.{error.key}", **params)
