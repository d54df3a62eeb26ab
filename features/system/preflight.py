"""Is this installation ready for the day? The checks behind `python main.py check` and the
"Bereit für den Tag?" tab of /admin (issue 20).

Each check gives a `Check`: a key, a level and the values its text needs. The texts live in the
locales as `preflight.<key>.<level>` (both languages), so the command line and /admin say the
same thing. The checks only read: nothing here changes the database or the settings.

The database checks need the database opened (the CLI opens it like every command, the app has
it open); when it is not reachable they are left out and the database line says why. The one
request that leaves the process is the GET of PUBLIC_URL/healthz, async with a short timeout, so
the /admin tab never blocks the event loop; tests pass their own `fetch`.

No mail check yet: the app sends no mail.
"""

from __future__ import annotations

import ipaddress
import shutil
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from core.errors import one_line
from features.admin.event_setup import event_links
from features.agenda.service import current_event
from features.home.livestream_url import captions_url_allowed, livestream_url_allowed
from features.privacy.service import earliest_retention
from features.screen.join_link import join_url
from models.database import database_reachable, pending_migrations
from models.event import AgendaItem, Event
from settings import Settings, is_loopback_host

HEALTH_TIMEOUT = 3.0  # seconds: an address that answers slower is not ready for a hall of phones
DISK_WARNING = 1024**3  # below 1 GB free: a warning (pictures, the SQLite file, exports)
DISK_ERROR = 100 * 1024**2  # below 100 MB free: an error
INTERNAL_SUFFIXES = (".local", ".lan", ".internal", ".home.arpa", ".intranet")


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Check:
    """One line of the preflight: what was checked, how it went, the values for its text."""

    key: str
    level: Level
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def text_key(self) -> str:
        return f"preflight.{self.key}.{self.level}"


@dataclass(frozen=True)
class Health:
    """What GET PUBLIC_URL/healthz gave: the status code, or the reason there was none."""

    status: int | None
    problem: str = ""


Fetch = Callable[[str], Awaitable[Health]]

# Every check and the levels it can give: the locales have a text for each (tests/features/system).
LEVELS: dict[str, tuple[Level, ...]] = {
    "database": (Level.OK, Level.ERROR),
    "migrations": (Level.OK, Level.WARNING),
    "public_url": (Level.OK, Level.WARNING, Level.ERROR),
    "public_address": (Level.OK, Level.WARNING, Level.ERROR),
    "reachable": (Level.OK, Level.ERROR),
    "qr_target": (Level.OK, Level.WARNING, Level.ERROR),
    "storage_secret": (Level.OK, Level.ERROR),
    "imprint": (Level.OK, Level.WARNING),
    "privacy": (Level.OK, Level.WARNING),
    "demo": (Level.OK, Level.WARNING),
    "event": (Level.OK, Level.WARNING),
    "livestream": (Level.OK, Level.ERROR),
    "disk": (Level.OK, Level.WARNING, Level.ERROR),
    "event_times": (Level.OK, Level.ERROR),
    "programme": (Level.OK, Level.ERROR),
    "participation": (Level.OK, Level.WARNING, Level.ERROR),
    "retention": (Level.OK, Level.WARNING, Level.ERROR),
}


async def fetch_health(url: str) -> Health:
    """GET `url` with a short timeout; any failure becomes its one-line reason."""
    try:
        async with httpx.AsyncClient(timeout=HEALTH_TIMEOUT, follow_redirects=False) as client:
            response = await client.get(url)
    except httpx.TimeoutException:
        return Health(None, f"keine Antwort in {HEALTH_TIMEOUT:g} s")
    except httpx.HTTPError as error:
        return Health(None, " ".join(str(error).split()) or type(error).__name__)
    return Health(response.status_code)


def free_bytes(folder: Path) -> int:
    """Free space where DATA_DIR lives (a function of its own, so tests can pretend a full disk)."""
    return shutil.disk_usage(folder).free


async def run_checks(settings: Settings, *, fetch: Fetch | None = None) -> list[Check]:
    """Every check, in the order an operator fixes things: database, addresses, secrets, links,
    the event. `fetch` defaults to `fetch_health` (looked up at call time, so tests can replace it)."""
    checks = [*address_checks(settings), await reachable_check(settings, fetch or fetch_health)]
    checks.append(storage_secret_check(settings))
    checks.append(disk_check(settings.data_dir))
    database = await database_checks(settings)
    checks[:0] = database
    if database[0].level is Level.ERROR:
        return checks
    event = await current_event()
    checks.append(qr_target_check(settings, event))
    checks.extend(link_checks(event))
    checks.append(await demo_check())
    if event is None:
        checks.append(Check("event", Level.WARNING))
        return checks
    checks.append(Check("event", Level.OK, {"title": event.title}))
    checks.append(livestream_check(event))
    items = await AgendaItem.filter(event_id=event.id).order_by("starts_at", "position", "id")
    checks.extend(time_checks(event, list(items)))
    return checks


def worst(checks: list[Check]) -> Level:
    """The level that decides the exit code and the banner."""
    levels = {check.level for check in checks}
    return Level.ERROR if Level.ERROR in levels else Level.WARNING if Level.WARNING in levels else Level.OK


# --- the database -------------------------------------------------------------------------------
async def database_checks(settings: Settings) -> list[Check]:
    if not await database_reachable():
        return [Check("database", Level.ERROR, {"url": _without_password(settings.effective_database_url)})]
    checks = [Check("database", Level.OK)]
    try:
        pending = await pending_migrations(settings.effective_database_url)
    except Exception as error:  # a migration table the app cannot read says so on its line
        return [*checks, Check("migrations", Level.WARNING, {"count": "?", "problem": f" ({one_line(error, 200)})"})]
    if pending:
        return [*checks, Check("migrations", Level.WARNING, {"count": pending, "problem": ""})]
    return [*checks, Check("migrations", Level.OK)]


def _without_password(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@", 1)
    return url


# --- the public address -------------------------------------------------------------------------
def address_kind(url: str) -> str:
    """ "loopback", "private" (a hall's or an office's network) or "public" for the host of `url`."""
    host = (urlparse(url).hostname or "").lower()
    if is_loopback_host(host) or host in ("0.0.0.0", "::"):
        return "loopback"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        internal = host.endswith(INTERNAL_SUFFIXES) or "." not in host  # "beamer", "saal.local"
        return "private" if internal else "public"
    return "private" if address.is_private or address.is_link_local else "public"


def address_checks(settings: Settings) -> list[Check]:
    """PUBLIC_URL set, and an address the phones in the hall can reach when the app is for them."""
    effective = settings.effective_public_url
    hall = not settings.host_is_loopback
    values = {"url": effective, "host": settings.host, "join": f"{effective}/j"}
    if not settings.public_url:
        return [Check("public_url", Level.ERROR if hall else Level.WARNING, values)]
    checks = [Check("public_url", Level.OK, values)]
    kind = address_kind(settings.public_url)
    if kind == "loopback":
        checks.append(Check("public_address", Level.ERROR if hall else Level.WARNING, values))
    elif kind == "private":
        checks.append(Check("public_address", Level.WARNING, values))
    else:
        checks.append(Check("public_address", Level.OK, values))
    return checks


async def reachable_check(settings: Settings, fetch: Fetch) -> Check:
    url = f"{settings.effective_public_url}/healthz"
    health = await fetch(url)
    if health.status == 200:
        return Check("reachable", Level.OK, {"url": url})
    problem = health.problem or f"HTTP {health.status}"
    return Check("reachable", Level.ERROR, {"url": url, "problem": problem})


def qr_target_check(settings: Settings, event: Event | None) -> Check:
    """The QR code on the screen is made by features.screen.join_link.join_url: the same function here."""
    target = join_url(event)
    expected = f"{settings.effective_public_url}/j"
    values = {"target": target, "expected": expected}
    if address_kind(target) == "loopback" and not settings.host_is_loopback:
        return Check("qr_target", Level.ERROR, values)
    if target != expected:
        return Check("qr_target", Level.WARNING, values)
    return Check("qr_target", Level.OK, values)


# --- secrets, links, the demo, the disk -----------------------------------------------------------
def storage_secret_check(settings: Settings) -> Check:
    """Several processes on one PostgreSQL database must sign sessions with the same secret."""
    if settings.bus_backend == "postgres" and settings.storage_secret_generated:
        return Check("storage_secret", Level.ERROR, {"file": settings.data_dir / "storage_secret"})
    return Check("storage_secret", Level.OK, {"file": settings.data_dir / "storage_secret"})


def link_checks(event: Event | None) -> list[Check]:
    links = event_links(event)
    return [
        Check("imprint", Level.OK if links.imprint_url else Level.WARNING, {"url": links.imprint_url}),
        Check("privacy", Level.OK if links.privacy_url else Level.WARNING, {"url": links.privacy_url}),
    ]


async def demo_check() -> Check:
    demo = await Event.filter(is_demo=True).first()
    if demo is None:
        return Check("demo", Level.OK)
    return Check("demo", Level.WARNING, {"title": demo.title})


def disk_check(folder: Path) -> Check:
    try:
        free = free_bytes(folder)
    except OSError as error:
        return Check("disk", Level.ERROR, {"folder": folder, "free": f"? ({error.strerror})"})
    values: dict[str, Any] = {"folder": folder, "free": _size(free)}
    if free < DISK_ERROR:
        return Check("disk", Level.ERROR, values)
    if free < DISK_WARNING:
        return Check("disk", Level.WARNING, values)
    return Check("disk", Level.OK, values)


def _size(count: int) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:.1f} GB"
    return f"{count / 1024**2:.0f} MB"


# --- the event ----------------------------------------------------------------------------------
def livestream_check(event: Event) -> Check:
    """The rule of features.home.livestream_url: a refused address shows no player at all."""
    for name, allowed in (
        ("livestream_url", livestream_url_allowed),
        ("sign_language_url", livestream_url_allowed),
        ("captions_url", captions_url_allowed),
    ):
        url = getattr(event, name) or ""
        if not allowed(url):
            return Check("livestream", Level.ERROR, {"field": name, "url": url})
    return Check("livestream", Level.OK, {"url": event.livestream_url})


def time_checks(event: Event, items: list[AgendaItem]) -> list[Check]:
    """The event's times, its programme, the participation phase and the retention date agree."""
    checks = []
    checks.append(Check("event_times", Level.OK if event.ends_at > event.starts_at else Level.ERROR))
    outside = next(
        (
            item
            for item in items
            if item.ends_at <= item.starts_at or item.starts_at < event.starts_at or item.ends_at > event.ends_at
        ),
        None,
    )
    if outside is None:
        checks.append(Check("programme", Level.OK, {"count": len(items)}))
    else:
        checks.append(Check("programme", Level.ERROR, {"title": outside.title}))
    opens, closes = event.participation_opens_at, event.participation_closes_at
    if opens is not None and closes is not None and closes <= opens:
        checks.append(Check("participation", Level.ERROR))
    elif closes is not None and closes < event.ends_at:
        checks.append(Check("participation", Level.WARNING))
    else:
        checks.append(Check("participation", Level.OK))
    earliest = earliest_retention(event)
    if event.retention_until is None:
        checks.append(Check("retention", Level.WARNING))
    elif earliest is not None and event.retention_until < earliest:
        checks.append(
            Check(
                "retention",
                Level.ERROR,
                {"date": event.retention_until.strftime("%d.%m.%Y"), "earliest": earliest.strftime("%d.%m.%Y")},
            )
        )
    else:
        checks.append(Check("retention", Level.OK, {"date": event.retention_until.strftime("%d.%m.%Y")}))
    return checks
