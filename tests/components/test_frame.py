"""The frame every page shares: navigation, language switch, legal links, 404, health check."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from tests.support.database import ON_POSTGRES


async def test_language_switch_is_remembered_per_browser(user: User) -> None:
    await user.open("/agenda")
    await user.should_see("Programm als Kalenderdatei (.ics)")
    switch = user.find(marker="language-switch").elements.pop()
    assert switch.props["href"] == "/lang/en?next=%2Fagenda"
    await user.open(switch.props["href"])  # follows the redirect back to /agenda
    await user.should_see("Programme as calendar file (.ics)")
    await user.should_see("Live wall")
    await user.open("/")  # the choice sticks for the next page
    await user.should_see("On stage now")
    await user.open("/lang/de?next=/")
    await user.should_see("Jetzt auf der Bühne")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
async def test_language_switch_never_redirects_elsewhere(user: User, target) -> None:
    response = await user.http_client.get("/lang/en", params={"next": target})
    assert response.status_code == 303
    assert response.headers["location"] == "/"


async def test_unknown_language_changes_nothing(user: User) -> None:
    response = await user.http_client.get("/lang/xx", params={"next": "/agenda"})
    assert response.headers["location"] == "/agenda"
    assert "lang" not in response.cookies


async def test_friendly_404_page(user: User) -> None:
    response = await user.http_client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht." in response.text
    assert "Zur Startseite" in response.text


async def test_footer_links_follow_the_settings(monkeypatch, user: User) -> None:
    from settings import get_settings

    monkeypatch.setattr(get_settings(), "imprint_url", "https://stadt.example/impressum")
    monkeypatch.setattr(get_settings(), "privacy_url", "https://stadt.example/datenschutz")
    await user.open("/")
    assert user.find("Impressum").elements.pop().props["href"] == "https://stadt.example/impressum"
    assert user.find("Datenschutz").elements.pop().props["href"] == "https://stadt.example/datenschutz"


async def test_healthz_reports_database_bus_and_clients(user: User) -> None:
    await user.open("/")
    response = await user.http_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "reachable"
    assert body["bus"] == ("postgres" if ON_POSTGRES else "in-process")
    assert isinstance(body["connected_clients"], int)


async def test_healthz_says_when_the_database_is_gone(user: User, monkeypatch) -> None:
    from features.system import page as system

    async def unreachable() -> bool:
        return False

    monkeypatch.setattr(system, "database_reachable", unreachable)
    response = await user.http_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


async def test_html_lang_follows_the_chosen_language(user: User) -> None:
    response = await user.http_client.get("/agenda")
    assert '<html lang="de"' in response.text
    response = await user.http_client.get("/lang/en", params={"next": "/agenda"}, follow_redirects=True)
    assert '<html lang="en-GB"' in response.text
    response = await user.http_client.get("/")
    assert '<html lang="en-GB"' in response.text
