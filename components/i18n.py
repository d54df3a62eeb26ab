"""The visitor's language (a cookie set by /lang/{code}) and texts in it: the catalogue's texts
(`t`) and the organisers' content in German with its English version (`localized`)."""

from __future__ import annotations

from dataclasses import dataclass
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
