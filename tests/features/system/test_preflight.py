"""The preflight checks (features.system.preflight), each with its OK and its failing case; the
command line is tests/test_cli_check.py, the /admin tab tests/features/system/test_ready_tab.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import locales
import settings as settings_module
from features.system import preflight
from features.system.demo import seed_demo
from features.system.preflight import Check, Health, Level
from models.event import AgendaItem, Event
from tests.support.factories import START, make_event

PUBLIC = "https://beteiligung.stadt.example"


def configured(**changes: object) -> settings_module.Settings:
    """The test's settings (as conftest set the environment) with some values changed, made the
    active ones (event_links reads those)."""
    current = settings_module.load_settings()
    changed = current.model_copy(update=changes)
    changed._generated_secret = current._generated_secret
    settings_module.activate(changed)
    return changed


def by_key(checks: list[Check]) -> dict[str, Check]:
    return {check.key: check for check in checks}


def level_of(checks: list[Check], key: str) -> Level:
    return by_key(checks)[key].level


async def answering(url: str) -> Health:
    return Health(200)


async def silent(url: str) -> Health:
    return Health(None, "Verbindung abgelehnt")


def test_every_check_has_its_texts_in_both_languages() -> None:
    for key, levels in preflight.LEVELS.items():
        for level in levels:
            for language in locales.LANGUAGES:
                assert f"preflight.{key}.{level}" in locales.CATALOGUES[language], (key, level, language)


# --- database -----------------------------------------------------------------------------------
async def test_database_reachable_and_migrated(db) -> None:
    checks = await preflight.database_checks(settings_module.get_settings())
    assert [(check.key, check.level) for check in checks] == [("database", Level.OK), ("migrations", Level.OK)]


async def test_database_not_reachable_is_an_error_and_skips_the_event_checks() -> None:
    checks = await preflight.run_checks(configured(), fetch=answering)
    assert level_of(checks, "database") is Level.ERROR
    assert "qr_target" not in by_key(checks) and "demo" not in by_key(checks)
    assert "disk" in by_key(checks) and "public_url" in by_key(checks)  # what needs no database still runs


async def test_pending_migrations_are_a_warning(db, monkeypatch: pytest.MonkeyPatch) -> None:
    async def two(url: str) -> int:
        return 2

    monkeypatch.setattr(preflight, "pending_migrations", two)
    checks = await preflight.database_checks(settings_module.get_settings())
    assert by_key(checks)["migrations"] == Check("migrations", Level.WARNING, {"count": 2, "problem": ""})


# --- the public address -------------------------------------------------------------------------
def test_public_url_unset_is_an_error_in_the_hall_and_a_warning_on_a_laptop() -> None:
    assert level_of(preflight.address_checks(configured(host="0.0.0.0")), "public_url") is Level.ERROR
    assert level_of(preflight.address_checks(configured(host="127.0.0.1")), "public_url") is Level.WARNING
    assert level_of(preflight.address_checks(configured(host="0.0.0.0", public_url=PUBLIC)), "public_url") is Level.OK
    unset = by_key(preflight.address_checks(configured(host="0.0.0.0")))["public_url"]
    text = locales.translate("de", unset.text_key, **unset.params)
    assert "der QR-Code zeigt auf http://localhost:8080/j" in text


@pytest.mark.parametrize(
    ("url", "host", "level"),
    [
        ("http://localhost:8080", "0.0.0.0", Level.ERROR),
        ("http://127.0.0.1:8080", "0.0.0.0", Level.ERROR),
        ("http://localhost:8080", "127.0.0.1", Level.WARNING),
        ("http://192.168.1.20:8080", "0.0.0.0", Level.WARNING),
        ("http://beamer:8080", "0.0.0.0", Level.WARNING),
        (PUBLIC, "0.0.0.0", Level.OK),
        ("https://93.184.216.34", "0.0.0.0", Level.OK),
    ],
)
def test_public_address(url: str, host: str, level: Level) -> None:
    assert level_of(preflight.address_checks(configured(host=host, public_url=url)), "public_address") is level


async def test_reachable_asks_healthz_of_the_public_url() -> None:
    asked: list[str] = []

    async def fetch(url: str) -> Health:
        asked.append(url)
        return Health(200)

    settings = configured(public_url=PUBLIC)
    assert (await preflight.reachable_check(settings, fetch)).level is Level.OK
    assert asked == [f"{PUBLIC}/healthz"]
    refused = await preflight.reachable_check(settings, silent)
    assert refused.level is Level.ERROR and refused.params["problem"] == "Verbindung abgelehnt"
    broken = await preflight.reachable_check(settings, lambda url: _health(503))
    assert broken.level is Level.ERROR and broken.params["problem"] == "HTTP 503"


async def _health(status: int) -> Health:
    return Health(status)


async def test_fetch_health_gives_a_reason_instead_of_raising() -> None:
    health = await preflight.fetch_health("http://127.0.0.1:9/healthz")  # the discard port: nobody listens
    assert health.status is None and health.problem


# --- the QR code --------------------------------------------------------------------------------
async def test_qr_target_is_public_url_j(db) -> None:
    event, _ = await make_event()
    settings = configured(host="0.0.0.0", public_url=PUBLIC)
    assert preflight.qr_target_check(settings, event) == Check(
        "qr_target", Level.OK, {"target": f"{PUBLIC}/j", "expected": f"{PUBLIC}/j"}
    )
    event.public_url = "https://anders.example"
    assert preflight.qr_target_check(settings, event).level is Level.WARNING


async def test_qr_target_on_localhost_is_an_error_in_the_hall(db) -> None:
    event, _ = await make_event()
    check = preflight.qr_target_check(configured(host="0.0.0.0"), event)
    assert check.level is Level.ERROR and check.params["target"] == "http://localhost:8080/j"


# --- secrets, links, demo, disk -------------------------------------------------------------------
def test_storage_secret_must_be_set_for_postgres() -> None:
    sqlite = configured(database_url="sqlite://:memory:")
    assert sqlite.storage_secret_generated
    assert preflight.storage_secret_check(sqlite).level is Level.OK  # SQLite: one process
    generated = configured(database_url="postgres://app@db.example/sg")
    assert generated.storage_secret_generated
    assert preflight.storage_secret_check(generated).level is Level.ERROR
    explicit = configured(database_url="postgres://app@db.example/sg", storage_secret="ein-fester-schluessel")
    explicit._generated_secret = False
    assert preflight.storage_secret_check(explicit).level is Level.OK


async def test_imprint_and_privacy_links(db) -> None:
    configured()
    event, _ = await make_event()
    checks = by_key(preflight.link_checks(event))
    assert checks["imprint"].level is Level.WARNING and checks["privacy"].level is Level.WARNING
    configured(imprint_url="https://stadt.example/impressum")
    event.privacy_url = "https://stadt.example/datenschutz"
    checks = by_key(preflight.link_checks(event))
    assert checks["imprint"].level is Level.OK and checks["privacy"].level is Level.OK


async def test_the_demo_event_is_a_warning(db) -> None:
    assert (await preflight.demo_check()).level is Level.OK
    await seed_demo()
    assert (await preflight.demo_check()).level is Level.WARNING


@pytest.mark.parametrize(
    ("free", "level"), [(5 * 1024**3, Level.OK), (500 * 1024**2, Level.WARNING), (50 * 1024**2, Level.ERROR)]
)
def test_free_disk(free: int, level: Level, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(preflight, "free_bytes", lambda folder: free)
    assert preflight.disk_check(tmp_path).level is level


def test_free_disk_of_the_real_folder(tmp_path) -> None:
    assert preflight.disk_check(tmp_path).params["free"]


# --- the event ----------------------------------------------------------------------------------
async def test_no_event_yet_is_a_warning(db) -> None:
    checks = await preflight.run_checks(configured(), fetch=answering)
    assert level_of(checks, "event") is Level.WARNING
    await make_event("Stadtkonferenz")
    checks = await preflight.run_checks(configured(), fetch=answering)
    assert by_key(checks)["event"] == Check("event", Level.OK, {"title": "Stadtkonferenz"})


@pytest.mark.parametrize(
    ("field", "url", "level"),
    [
        ("livestream_url", "", Level.OK),
        ("livestream_url", "https://www.youtube.com/watch?v=abcdefgh", Level.OK),
        ("livestream_url", "http://stream.example/live", Level.ERROR),
        ("livestream_url", "https://www.youtube.com/channel", Level.ERROR),
        ("sign_language_url", "javascript:alert(1)", Level.ERROR),
        ("captions_url", "https://captions.example/live.vtt", Level.OK),
    ],
)
def test_livestream_addresses(field: str, url: str, level: Level) -> None:
    event = Event(title="x", starts_at=START, ends_at=START + timedelta(hours=2))
    setattr(event, field, url)
    assert preflight.livestream_check(event).level is level


def _event(**times: object) -> Event:
    return Event(title="x", starts_at=START, ends_at=START + timedelta(hours=4), **times)


def _item(start_minutes: int, end_minutes: int) -> AgendaItem:
    return AgendaItem(title="Podium", starts_at=START + timedelta(minutes=start_minutes),
                      ends_at=START + timedelta(minutes=end_minutes))


def test_event_ends_after_it_starts() -> None:
    configured()
    assert level_of(preflight.time_checks(_event(), []), "event_times") is Level.OK
    backwards = Event(title="x", starts_at=START, ends_at=START - timedelta(hours=1))
    assert level_of(preflight.time_checks(backwards, []), "event_times") is Level.ERROR


@pytest.mark.parametrize(
    ("item", "level"),
    [((0, 30), Level.OK), ((200, 240), Level.OK), ((-10, 20), Level.ERROR), ((220, 250), Level.ERROR),
     ((60, 50), Level.ERROR)],
)
def test_programme_fits_the_event(item: tuple[int, int], level: Level) -> None:
    configured()
    checks = by_key(preflight.time_checks(_event(), [_item(0, 20), _item(*item)]))
    assert checks["programme"].level is level
    if level is Level.ERROR:
        assert checks["programme"].params == {"title": "Podium"}


def test_participation_closes_after_it_opens() -> None:
    configured()
    fine = _event(participation_opens_at=START, participation_closes_at=START + timedelta(days=30))
    assert level_of(preflight.time_checks(fine, []), "participation") is Level.OK
    backwards = _event(participation_opens_at=START, participation_closes_at=START - timedelta(days=1))
    assert level_of(preflight.time_checks(backwards, []), "participation") is Level.ERROR
    early = _event(participation_opens_at=START, participation_closes_at=START + timedelta(hours=1))
    assert level_of(preflight.time_checks(early, []), "participation") is Level.WARNING


def test_retention_after_participation_closes() -> None:
    configured()
    closes = START + timedelta(days=30)
    assert level_of(preflight.time_checks(_event(participation_closes_at=closes), []), "retention") is Level.WARNING
    kept = _event(participation_closes_at=closes, retention_until=date(2026, 12, 31))
    assert level_of(preflight.time_checks(kept, []), "retention") is Level.OK
    too_early = _event(participation_closes_at=closes, retention_until=date(2026, 5, 10))
    check = by_key(preflight.time_checks(too_early, []))["retention"]
    assert check.level is Level.ERROR and check.params == {"date": "10.05.2026", "earliest": "03.06.2026"}


# --- all together -------------------------------------------------------------------------------
async def test_a_good_set_up_is_all_ok(db, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preflight, "free_bytes", lambda folder: 10 * 1024**3)
    settings = configured(host="0.0.0.0", public_url=PUBLIC, imprint_url=f"{PUBLIC}/impressum",
                          privacy_url=f"{PUBLIC}/datenschutz")
    settings._generated_secret = False  # STORAGE_SECRET set, as PostgreSQL needs it
    event, _ = await make_event()
    event.participation_opens_at = event.starts_at
    event.participation_closes_at = event.ends_at + timedelta(days=30)
    event.retention_until = date(2026, 12, 31)
    await event.save()
    checks = await preflight.run_checks(settings, fetch=answering)
    assert [check for check in checks if check.level is not Level.OK] == []
    assert preflight.worst(checks) is Level.OK
    for check in checks:  # every text formats with the values its check gives
        for language in locales.LANGUAGES:
            assert locales.translate(language, check.text_key, **check.params)


async def test_worst_decides() -> None:
    assert preflight.worst([Check("disk", Level.OK)]) is Level.OK
    assert preflight.worst([Check("disk", Level.OK), Check("demo", Level.WARNING)]) is Level.WARNING
    assert preflight.worst([Check("demo", Level.WARNING), Check("disk", Level.ERROR)]) is Level.ERROR
