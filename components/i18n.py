"""The visitor's language (a cookie set by /lang/{code}) and texts in it: the catalogue's texts
(`t`) and the organisers' content in German with its English version (`localized`)."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Localized:
    """An organiser's text in the reader's language, or the German standing in for it."""

    text: str
    fell_back: bool  # an English reader gets the German: the element must say lang="de"

    @property
    def lang(self) -> str | None:
        """The `lang` attribute the element showing it needs (None: the page's own language)."""
        return "de" if self.fell_back else None


def choose(german: str, english: str, language: str | None = None) -> Localized:
    """The one rule: German readers read the German; English readers the English where there is
    one, otherwise the German, marked as German so a screen reader does not speak it as English.
    `language` defaults to the visitor's (a shared read for many tabs passes it)."""
    german, english = german or "", english or ""
    language = language or current_language()
    if language == "de" or not english.strip():
        return Localized(german, fell_back=language != "de" and bool(german))
    return Localized(english, fell_back=False)


def localized(obj: object, field: str, language: str | None = None) -> Localized:
    """`obj.<field>` (German) or `obj.<field>_en` for the visitor (or the given `language`)."""
    return choose(getattr(obj, field), getattr(obj, f"{field}_en", ""), language)
