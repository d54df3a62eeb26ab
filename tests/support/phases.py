"""Moments in each phase of an event, for page tests that freeze the app's clock there
(`core.clock.frozen_at`), and the dates as the pages write them."""

from __future__ import annotations

from datetime import datetime, timedelta

import locales
from models.event import Event
from settings import get_settings

PHASES = ("before", "live", "after", "closed")


def moment_in(event: Event, phase: str) -> datetime:
    """Three days before the start; half an hour in; 12 days before participation closes (the
    conference is over); two weeks after participation closed."""
    closes = event.participation_closes_at
    assert closes is not None and closes - event.ends_at > timedelta(days=12)
    return {
        "before": event.starts_at - timedelta(days=3),
        "live": event.starts_at + timedelta(minutes=30),
        "after": closes - timedelta(days=12),
        "closed": closes + timedelta(days=14),
    }[phase]


def date_of(moment: datetime, language: str = "de") -> str:
    return locales.format_date(language, moment, get_settings().timezone)


def time_of(moment: datetime, language: str = "de") -> str:
    return locales.format_time(language, moment, get_settings().timezone)
