"""The "Bereit für den Tag?" tab of /admin and the banner of /admin and /moderation (issue 20):
the same checks and texts as `python main.py check`, run when the page opens and on "Erneut prüfen"."""

from __future__ import annotations

import pytest
from nicegui.testing import User

import locales
from features.system import preflight
from features.system.preflight import Health
from models.staff import Role
from settings import get_settings
from tests.support.staff import sign_in
from tests.support.user import eventually, marked, see, see_no

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")

PUBLIC = "http://beteiligung.stadt.example"  # http: the simulated browser keeps no Secure cookie


async def answering(url: str) -> Health:
    return Health(200)


@pytest.fixture
def hall(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app listens for the hall (HOST=0.0.0.0) but PUBLIC_URL is not set: the QR code says localhost."""
    monkeypatch.setattr(get_settings(), "_generated_secret", False)  # as if STORAGE_SECRET were set (PostgreSQL)
    monkeypatch.setattr(get_settings(), "host", "0.0.0.0")
    monkeypatch.setattr(preflight, "fetch_health", answering)


@pytest.fixture
def ready(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "_generated_secret", False)
    monkeypatch.setattr(get_settings(), "host", "0.0.0.0")
    monkeypatch.setattr(get_settings(), "public_url", PUBLIC)
    monkeypatch.setattr(get_settings(), "imprint_url", f"{PUBLIC}/impressum")
    monkeypatch.setattr(get_settings(), "privacy_url", f"{PUBLIC}/datenschutz")
    monkeypatch.setattr(preflight, "fetch_health", answering)


def text(key: str, **params: object) -> str:
    return locales.translate("de", key, **params)


async def test_the_tab_shows_an_error_for_localhost_in_the_hall(user: User, hall: None) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=ready")
    await see(user, "Bereit für den Tag?")
    await see(user, text("preflight.public_url.error", join="http://localhost:8080/j"))
    line = marked(user, "ready-public_url")
    assert "ready-error" in line._markers
    assert line.default_slot.children[0].text == "FEHLER"  # the level in words
    await see(user, marker="readiness-banner-text")
    assert marked(user, "readiness-banner").props.get("role") == "alert"
    await see(user, marker="readiness-banner-link")


async def test_a_good_set_up_shows_ok_lines_and_no_banner(user: User, ready: None) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=ready")
    await see(user, text("preflight.public_url.ok", url=PUBLIC))
    await see(user, text("preflight.reachable.ok", url=f"{PUBLIC}/healthz"))
    await see(user, text("preflight.qr_target.ok", target=f"{PUBLIC}/j"))
    for key in ("database", "public_url", "public_address", "reachable", "qr_target", "imprint", "privacy"):
        assert "ready-ok" in marked(user, f"ready-{key}")._markers, key
    assert "ready-warning" in marked(user, "ready-demo")._markers  # the test app runs the demo
    assert not marked(user, "readiness-banner").visible
    await see(user, text("preflight.summary.warning", count=2))  # the demo, and no retention date yet


async def test_check_again_follows_a_fix(user: User, hall: None, monkeypatch: pytest.MonkeyPatch) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=ready")
    await see(user, marker="readiness-banner-text")
    monkeypatch.setattr(get_settings(), "public_url", PUBLIC)
    user.find(marker="ready-recheck").click()
    await see(user, text("preflight.public_url.ok", url=PUBLIC))
    assert await eventually(lambda: not marked(user, "readiness-banner").visible)


async def test_the_moderation_console_shows_the_banner(user: User, hall: None) -> None:
    await sign_in(user, "Mo", Role.MODERATOR)
    await user.open("/moderation")
    await see(user, text("preflight.banner", count=2))
    await see(user, text("preflight.banner_tell"))  # a moderator cannot open /admin


async def test_no_banner_on_the_console_when_nothing_is_wrong(user: User, ready: None) -> None:
    await sign_in(user, "Mo", Role.MODERATOR)
    await user.open("/moderation")
    await see(user, "Moderation")
    banner = marked(user, "readiness-banner")
    await eventually(lambda: False, timeout=0.5)  # the checks beside the page have finished by now
    assert not banner.visible and not banner.default_slot.children


async def test_an_organiser_deletes_the_demo_event_from_the_tab(user: User, ready: None) -> None:
    from core.media import stored_path
    from models.event import Event
    from models.result import ResultImage
    from models.staff import StaffAccount

    pictures = [name for pair in await ResultImage.all().values_list("file_name", "thumb_name") for name in pair]
    assert pictures and all(stored_path(name) is not None for name in pictures)
    await sign_in(user, "Orga", Role.ORGANISER)
    accounts = await StaffAccount.all().count()
    await user.open("/admin?tab=ready")
    await see(user, marker="demo-remove")
    user.find(marker="demo-remove").click()
    await see(user, text("preflight.demo_remove.confirm"))
    user.find(marker="demo-remove-confirm").click()
    with user:
        assert await eventually(lambda: "ready-ok" in marked(user, "ready-demo")._markers, 5)
    assert await Event.filter(is_demo=True).count() == 0
    assert await ResultImage.all().count() == 0
    assert all(stored_path(name) is None for name in pictures)  # the files went with the rows
    assert await StaffAccount.all().count() == accounts
    await see(user, text("preflight.demo_remove.done"))
    await user.open("/admin?tab=ready")
    await see(user, text("preflight.demo.ok"))
    await see_no(user, marker="demo-remove")
