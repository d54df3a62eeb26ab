"""Every UI text exists in German and English, with the same placeholders."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

import locales


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys() -> None:
    german, english = set(locales.CATALOGUES["de"]), set(locales.CATALOGUES["en"])
    assert german - english == set(), "missing in English"
    assert english - german == set(), "missing in German"


@pytest.mark.parametrize("key", sorted(locales.CATALOGUES["de"]))
def test_placeholders_match(key) -> None:
    assert _placeholders(locales.CATALOGUES["de"][key]) == _placeholders(locales.CATALOGUES["en"][key])
    assert locales.CATALOGUES["de"][key].strip() and locales.CATALOGUES["en"][key].strip()


def test_dates_are_written_the_local_way() -> None:
    moment = datetime(2026, 3, 29, 8, 5, tzinfo=UTC)  # first day of summer time in Berlin
    berlin = ZoneInfo("Europe/Berlin")
    assert locales.format_date("de", moment, berlin) == "Sonntag, 29. März 2026"
    assert locales.format_date("en", moment, berlin) == "Sunday, 29 March 2026"
    assert locales.format_time("de", moment, berlin) == "10:05"
