"""The one settings object of stadtgespraech.

Read once at start from environment variables (and an optional `.env` file in the working
directory). A wrong value must stop the start with one clear line that names the setting,
because the people who start this app are city IT staff, not Python developers.
"""

from __future__ import annotations

import ipaddress
import secrets
import tempfile
from functools import cached_property
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, PrivateAttr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.staff import STAFF_NAME_MAX_LENGTH, STAFF_NAME_MIN_LENGTH, STAFF_NAME_PATTERN

SUPPORTED_DATABASE_SCHEMES = ("sqlite", "postgres", "asyncpg")


class SettingsError(Exception):
    """A setting has a value the app cannot run with; the message names the setting."""


class Settings(BaseSettings):
    """Every setting, with the default that makes `python main.py` just work."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Folder for the SQLite file, secrets, uploads.")
    database_url: str = Field(default="", description="sqlite://… or postgres://…; default: SQLite in DATA_DIR.")
    host: str = Field(default="127.0.0.1", description="Address to listen on; 0.0.0.0 for phones in the hall.")
    port: int = Field(default=8080, ge=1, le=65535, description="TCP port.")
    public_url: str = Field(default="", description="URL people use to reach the app (QR code, links).")
    storage_secret: str = Field(default="", description="Signs browser sessions; generated when unset.")
    event_timezone: str = Field(default="Europe/Berlin", description="Time zone the programme is shown in.")
    demo: bool | None = Field(
        default=None,
        description="Seed the demo event into an empty database; unset: only when HOST is loopback (a trial).",
    )
    max_post_length: int = Field(default=500, ge=20, le=5000, description="Longest contribution, in characters.")
    post_rate_limit: int = Field(
        default=3, ge=1, description="Posts per minute per browser (twenty times as many per network address)."
    )
    vote_rate_limit: int = Field(
        default=30, ge=1, description="Votes per minute per browser (twenty times as many per network address)."
    )
    poll_rate_limit: int = Field(
        default=20, ge=1,
        description="Poll answers (changes included) per minute per browser (twenty times as many per address).",
    )
    # Participants' flags (features.contributions.flags); the variable keeps its first name,
    # REPORT_HIDE_THRESHOLD, and FLAG_HIDE_THRESHOLD is the same setting.
    flag_hide_threshold: int = Field(
        default=3,
        ge=1,
        le=1000,
        validation_alias=AliasChoices("report_hide_threshold", "flag_hide_threshold"),
        description="Flags that take a post off the wall until a moderator decides.",
    )
    flag_hide_addresses: int = Field(
        default=2,
        ge=1,
        le=100,
        description="Network addresses the flags of established browsers must come from to take a post off the wall.",
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1,::1",
        description="Proxies whose X-Forwarded-For is believed (comma-separated IPs or networks); "
        "the address of a proxy on another host, or everyone shares one address limit.",
    )
    frame_ancestors: str = Field(
        default="'self'",
        description="Sites that may embed the app in a frame (CSP frame-ancestors), e.g. 'self' https://www.stadt.de.",
    )
    first_admin_name: str = Field(
        default="", description="Name of the organiser the first start creates; made up (orga-…) when unset.",
    )
    imprint_url: str = Field(default="", description="Link target of 'Impressum' in the footer.")
    privacy_url: str = Field(default="", description="Link target of 'Datenschutz' in the footer.")
    # True when load_settings made the secret up (kept in DATA_DIR): one process is fine with
    # that, several (PostgreSQL) must share one set explicitly (the preflight check says so).
    _generated_secret: bool = PrivateAttr(default=False)

    @field_validator("host")
    @classmethod
    def _host_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("darf nicht leer sein")
        return value.strip()

    @field_validator("first_admin_name")
    @classmethod
    def _staff_name(cls, value: str) -> str:
        name = " ".join(value.split())
        if name and (
            not STAFF_NAME_MIN_LENGTH <= len(name) <= STAFF_NAME_MAX_LENGTH or not STAFF_NAME_PATTERN.match(name)
        ):
            raise ValueError(
                f"muss {STAFF_NAME_MIN_LENGTH}–{STAFF_NAME_MAX_LENGTH} Buchstaben, Ziffern, Leerzeichen "
                "oder . - _ ' sein, mit einem Buchstaben oder einer Ziffer am Anfang und Ende"
            )
        return name

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and urlparse(value).scheme not in SUPPORTED_DATABASE_SCHEMES:
            raise ValueError("muss mit sqlite:// oder postgres:// beginnen")
        return value

    @field_validator("public_url", "imprint_url", "privacy_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value:
            parsed = urlparse(value)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise ValueError("muss eine vollständige http(s)-Adresse sein")
        return value.rstrip("/") if value else value

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _addresses(cls, value: str) -> str:
        entries = [entry.strip() for entry in value.split(",") if entry.strip()]
        for entry in entries:
            if entry == "*":
                continue
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"„{entry}“ ist keine IP-Adresse und kein Netz (z. B. 10.0.0.5)") from None
        if not entries:
            raise ValueError("darf nicht leer sein (Standard: 127.0.0.1,::1)")
        return ",".join(entries)

    @field_validator("frame_ancestors")
    @classmethod
    def _frame_ancestors(cls, value: str) -> str:
        sources = value.split()
        for source in sources:
            if source in ("'self'", "'none'"):
                continue
            parsed = urlparse(source)
            if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.path not in ("", "/"):
                raise ValueError(f"„{source}“: erlaubt sind 'self', 'none' und Adressen wie https://www.stadt.de")
        if not sources:
            raise ValueError("darf nicht leer sein (Standard: 'self')")
        return " ".join(sources)

    @field_validator("event_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("ist keine bekannte Zeitzone (z. B. Europe/Berlin)") from None
        return value

    @cached_property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.event_timezone)

    @property
    def host_is_loopback(self) -> bool:
        """Listening only on this computer (127.0.0.1, ::1, localhost): a trial, not the hall."""
        return is_loopback_host(self.host)

    @property
    def seeds_demo(self) -> bool:
        """A real first install (HOST not loopback) starts empty unless DEMO=true is set explicitly,
        so the Dortmund demo never turns up at another city's conference by accident (issue 20)."""
        return self.demo if self.demo is not None else self.host_is_loopback

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.data_dir / 'stadtgespraech.sqlite3'}"

    @property
    def storage_secret_generated(self) -> bool:
        """No STORAGE_SECRET was set: the one in DATA_DIR/storage_secret is used (or none yet)."""
        return self._generated_secret or not self.storage_secret

    @property
    def effective_public_url(self) -> str:
        return self.public_url or f"http://localhost:{self.port}"

    @property
    def secure_cookies(self) -> bool:
        """Under https every cookie is `Secure`: a browser never sends it over plain http."""
        return self.effective_public_url.startswith("https://")

    @property
    def bus_backend(self) -> str:
        return "postgres" if urlparse(self.effective_database_url).scheme != "sqlite" else "in-process"


LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and the names for them; 0.0.0.0 (every interface) is not loopback."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def load_settings() -> Settings:
    """Read and check every setting; prepare the data folder and the storage secret."""
    try:
        settings = Settings()
    except ValidationError as error:
        raise SettingsError(_describe(error)) from None
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SettingsError(f"DATA_DIR: Ordner {settings.data_dir} kann nicht angelegt werden ({error})") from None
    _check_writable(settings.data_dir)
    if not settings.storage_secret:
        try:
            settings.storage_secret = _kept_secret(settings.data_dir / "storage_secret")
            settings._generated_secret = True
        except OSError as error:
            raise SettingsError(
                f"DATA_DIR: {settings.data_dir / 'storage_secret'} ist nicht lesbar ({error.strerror})"
            ) from None
    return settings


def _check_writable(folder: Path) -> None:
    """Uploads, the SQLite file and its lock live in DATA_DIR: a folder the app cannot write to stops
    the start here, with one line, instead of a request failing later (issue 19)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as error:
        raise SettingsError(
            f"DATA_DIR: in den Ordner {folder} kann nicht geschrieben werden ({error.strerror})"
        ) from None


def _kept_secret(path: Path) -> str:
    """Generate the secret once, so browser sessions survive a restart."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    secret = secrets.token_urlsafe(32)
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "?"
    message = first["msg"].removeprefix("Value error, ")
    return f"{name}: {message} (Wert: {first.get('input')!r})"


_active: Settings | None = None


def activate(settings: Settings) -> None:
    """Make `settings` the one object every module reads (set by main.py at start)."""
    global _active
    _active = settings


def get_settings() -> Settings:
    if _active is None:
        raise RuntimeError("settings not activated; main.py calls settings.activate() at start")
    return _active
