"""All UI text, one catalogue per language; German first. Code names keys, never literal text."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from locales import de, en

DEFAULT_LANGUAGE = "de"
CATALOGUES: dict[str, dict[str, str]] = {"de": de.MESSAGES, "en": en.MESSAGES}
LANGUAGES = tuple(CATALOGUES)


def translate(language: str, key: str, **params: object) -> str:
    catalogue = CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])
    text = catalogue.get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return text.format(**params) if params else text


def format_date(language: str, moment: datetime, timezone: ZoneInfo) -> str:
    local = moment.astimezone(timezone)
    weekday = translate(language, "date.weekdays").split(",")[local.weekday()]
    month = translate(language, "date.months").split(",")[local.month - 1]
    return translate(language, "date.long", weekday=weekday, day=local.day, month=month, year=local.year)


def format_time(language: str, moment: datetime, timezone: ZoneInfo) -> str:
    local = moment.astimezone(timezone)
    return translate(language, "date.time", hour=local.hour, minute=local.minute)
